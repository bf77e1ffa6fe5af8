"""Words of the agenda page: proposals, the poll's chart, the programme
(keys start with agenda_)."""

WORDS: dict[str, dict[str, str]] = {
    "agenda_title": {"nl": "Agenda", "en": "Agenda"},
    "agenda_no_meeting": {
        "nl": "Nog geen bijeenkomst om een agenda voor te maken. Plan er een met /sessie nieuw "
        "in de chat; daarna doen deelnemers voorstellen met /agenda voorstel.",
        "en": "No meeting to make an agenda for yet. Plan one with /session new in the chat; "
        "then participants propose topics with /agenda propose.",
    },
    "agenda_others": {"nl": "Andere bijeenkomsten", "en": "Other meetings"},
    "agenda_other_link": {"nl": "Bijeenkomst {id} ({date})", "en": "Meeting {id} ({date})"},
    "agenda_booklet": {
        "nl": "“Deelnemers aan de CoP bepalen zelf wat er op de agenda komt.”",
        "en": "“The CoP's participants decide themselves what goes on the agenda.”",
    },
    # -- proposals --
    "agenda_proposals": {"nl": "Voorstellen", "en": "Proposals"},
    "agenda_no_proposals": {
        "nl": "Nog geen voorstellen: deelnemers doen er een met /agenda voorstel <onderwerp>.",
        "en": "No proposals yet: participants make one with /agenda propose <topic>.",
    },
    "agenda_col_number": {"nl": "Nr.", "en": "No."},
    "agenda_col_topic": {"nl": "Onderwerp", "en": "Topic"},
    "agenda_col_proposer": {"nl": "Voorgesteld door", "en": "Proposed by"},
    "agenda_col_support": {"nl": "Steun", "en": "Support"},
    "agenda_col_why": {"nl": "Waarom", "en": "Why"},
    "agenda_someone": {"nl": "iemand", "en": "someone"},
    # -- the poll --
    "agenda_poll": {"nl": "Peiling", "en": "Vote"},
    "agenda_no_poll": {
        "nl": "De peiling is nog niet open. Ze gaat vanzelf open 21 dagen voor de bijeenkomst, "
        "of een organisator opent haar met /peiling open {id}.",
        "en": "The vote is not open yet. It opens by itself 21 days before the meeting, or an "
        "organiser opens it with /poll open {id}.",
    },
    "agenda_poll_open": {
        "nl": "Open tot {closes}; ieder kiest er hoogstens {max}. {voters} hebben gestemd.",
        "en": "Open until {closes}; everyone chooses at most {max}. {voters} have voted.",
    },
    "agenda_poll_closed": {
        "nl": "Gesloten op {closes}. {voters} hebben gestemd.",
        "en": "Closed on {closes}. {voters} voted.",
    },
    "agenda_poll_anonymous": {
        "nl": "Anoniem: wie waarop stemde, bewaart de bot niet.",
        "en": "Anonymous: the bot keeps no record of who voted for what.",
    },
    "agenda_poll_hidden": {
        "nl": "De stand blijft verborgen tot de peiling sluit (zoals in de chat).",
        "en": "The standing stays hidden until the vote closes (as in the chat).",
    },
    "agenda_chart_title": {
        "nl": "Stemmen per voorstel, bijeenkomst {id}",
        "en": "Votes per proposal, meeting {id}",
    },
    "agenda_chart_desc": {
        "nl": "Staafdiagram: de voorstellen van meeste naar minste stemmen, zoals /peiling "
        "stand ze toont. Hoogste: {top}.",
        "en": "Bar chart: the proposals from most to fewest votes, as /poll status shows them. "
        "Highest: {top}.",
    },
    "agenda_chart_none": {"nl": "nog geen stemmen", "en": "no votes yet"},
    "agenda_numbers": {"nl": "De cijfers als tabel", "en": "The numbers as a table"},
    "agenda_col_votes": {"nl": "Stemmen", "en": "Votes"},
    # -- the programme --
    "agenda_programme": {"nl": "Programma", "en": "Programme"},
    "agenda_no_programme": {
        "nl": "Nog geen programma. Het voorbereidingsgroepje zet onderwerpen erop met "
        "/programma {id} neem <voorstel>.",
        "en": "No programme yet. The preparation group puts topics on it with "
        "/programme {id} take <proposal>.",
    },
    "agenda_col_day": {"nl": "Dag", "en": "Day"},
    "agenda_col_time": {"nl": "Tijd", "en": "Time"},
    "agenda_col_room": {"nl": "Zaal", "en": "Room"},
    "agenda_col_speaker": {"nl": "Gast", "en": "Guest"},
    "agenda_col_owner": {"nl": "Trekker", "en": "Owner"},
}

"""Texts of /peiling: the vote message, opening and closing, the standing and the results."""

VOTING_TEXTS = {
    "poll_usage": {
        "nl": "/peiling: stemmen op de agendavoorstellen (als de peiling loopt)\n"
        "/peiling stand [bijeenkomst]: de tussenstand of de uitslag",
        "en": "/peiling: vote on the agenda proposals (while the vote is open)\n"
        "/peiling stand [meeting]: the current count or the result",
    },
    "poll_usage_organiser": {
        "nl": "Organisatoren: /peiling open [bijeenkomst] [tot <datum tijd>] [anoniem] "
        "[verborgen] [max <aantal>], /peiling sluit [bijeenkomst]. Zonder /peiling open "
        "opent de peiling 21 dagen voor de bijeenkomst en sluit ze 14 dagen ervoor.",
        "en": "Organisers: /peiling open [meeting] [tot <date time>] [anoniem] "
        "[verborgen] [max <number>], /peiling sluit [meeting]. Without /peiling open the "
        "vote opens 21 days before the meeting and closes 14 days before it.",
    },
    # Added to the shared "only organisers can do that" when opening or closing a vote.
    "organisers_hint": {
        "nl": "Stemmen kan iedereen met /peiling; /peiling stand toont de stand.",
        "en": "Everyone can vote with /peiling; /peiling stand shows the count.",
    },
    "no_open_poll": {
        "nl": "Er loopt nu geen peiling. /agenda toont de voorstellen.",
        "en": "No vote is open now. /agenda shows the proposals.",
    },
    "poll_exists": {
        "nl": "Voor bijeenkomst {id} is al een peiling ({status}).",
        "en": "Meeting {id} already has a vote ({status}).",
    },
    "status_open": {"nl": "open", "en": "open"},
    "status_closed": {"nl": "gesloten", "en": "closed"},
    "bad_deadline": {
        "nl": "Die sluitingsdatum begrijp ik niet: {text}. Bijvoorbeeld: tot 3 december 17:00.",
        "en": "I don't understand that closing date: {text}. For example: tot 3 december 17:00.",
    },
    "deadline_past": {
        "nl": "De peiling moet sluiten na nu en vóór de bijeenkomst ({start}).",
        "en": "The vote must close after now and before the meeting ({start}).",
    },
    "bad_max": {
        "nl": "Het aantal stemmen per deelnemer is 1 tot en met {max}.",
        "en": "The number of votes per participant is 1 to {max}.",
    },
    "unknown_option": {
        "nl": "Dat begrijp ik niet: {word}. Mogelijk: tot <datum tijd>, anoniem, "
        "verborgen, max <aantal>.",
        "en": "I don't understand: {word}. Possible: tot <date time>, anoniem, "
        "verborgen, max <number>.",
    },
    "open_without_proposals": {
        "nl": "Bijeenkomst {id} heeft nog geen voorstellen: ik heb niets verstuurd en de "
        "peiling niet geopend. Vraag deelnemers eerst iets voor te stellen "
        "(/agenda voorstel <onderwerp>) en open de peiling daarna.",
        "en": "Meeting {id} has no proposals yet: I sent nothing and did not open the vote. "
        "Ask participants to propose something first (/agenda voorstel <topic>), then "
        "open the vote.",
    },
    "opened": {
        "nl": "De peiling voor bijeenkomst {id} is open tot {closes}. Iedereen krijgt een "
        "stembericht.{modes}",
        "en": "The vote for meeting {id} is open until {closes}. Everyone gets a voting "
        "message.{modes}",
    },
    "mode_anonymous": {
        "nl": " Anoniem: niemand, ook de organisatoren niet, kan zien wie wat koos.",
        "en": " Anonymous: nobody, organisers included, can see who chose what.",
    },
    "mode_hidden": {
        "nl": " Verborgen: de tussenstand blijft dicht tot de sluiting.",
        "en": " Hidden: the running count stays closed until the close.",
    },
    "poll_intro": {
        "nl": "Agendapeiling voor bijeenkomst {id} ({when}). Deelnemers aan de CoP bepalen "
        "zelf wat er op de agenda komt: {choose}, tot {closes} kun je je keuze nog "
        "veranderen.",
        "en": "Agenda vote for meeting {id} ({when}). CoP participants decide for "
        "themselves what goes on the agenda: {choose}; you can change your choice until "
        "{closes}.",
    },
    "poll_choose": {"nl": "kies tot {max} onderwerpen", "en": "choose up to {max} topics"},
    "poll_choose_one": {"nl": "kies 1 onderwerp", "en": "choose 1 topic"},
    "poll_anonymous_note": {
        "nl": "Deze peiling is anoniem.",
        "en": "This vote is anonymous.",
    },
    "poll_hidden_note": {
        "nl": "De stand blijft verborgen tot de sluiting.",
        "en": "The count stays hidden until the close.",
    },
    "poll_no_proposals_yet": {
        "nl": "Er zijn nog geen voorstellen; doe er een met /agenda voorstel <onderwerp>.",
        "en": "There are no proposals yet; make one with /agenda voorstel <topic>.",
    },
    "poll_votes": {"nl": "{count} stemmen", "en": "{count} votes"},
    "poll_vote_one": {"nl": "1 stem", "en": "1 vote"},
    "poll_too_many": {
        "nl": "Er zijn meer voorstellen dan er knoppen passen: de eerste {shown} staan "
        "hierboven, {more} niet. Steun liever een bestaand voorstel: /agenda.",
        "en": "There are more proposals than buttons fit: the first {shown} are above, "
        "{more} are not. Please support an existing proposal instead: /agenda.",
    },
    "poll_your_votes": {
        "nl": "Jouw stemmen: {used} van {max}.",
        "en": "Your votes: {used} of {max}.",
    },
    "poll_add_hint": {
        "nl": "Nieuw onderwerp? /agenda voorstel <onderwerp> (kan ook nu nog).",
        "en": "New topic? /agenda voorstel <topic> (still possible now).",
    },
    "vote_limit": {
        "nl": "Je hebt al {max} stemmen gebruikt; haal er eerst een weg.",
        "en": "You have used all {max} votes; remove one first.",
    },
    "vote_closed": {
        "nl": "Deze peiling is gesloten.",
        "en": "This vote has closed.",
    },
    "vote_withdrawn_topic": {
        "nl": "Dat voorstel is ingetrokken.",
        "en": "That proposal was withdrawn.",
    },
    "vote_in_private": {
        "nl": "Stemmen gaat in een privégesprek met mij, zodat niemand je keuze ziet: "
        "stuur me daar /peiling.",
        "en": "Voting happens in a private chat with me, so nobody sees your choice: send "
        "me /peiling there.",
    },
    "button_refresh": {"nl": "↻ stand", "en": "↻ count"},
    "nudge": {
        "nl": "Morgen sluit de agendapeiling voor bijeenkomst {id} en je hebt nog niet "
        "gestemd. De deelnemers zijn zelf verantwoordelijk voor het programma: kies "
        "hieronder.",
        "en": "Tomorrow the agenda vote for meeting {id} closes and you have not voted "
        "yet. The participants themselves are responsible for the programme: choose "
        "below.",
    },
    "closed_by_organiser": {
        "nl": "De peiling voor bijeenkomst {id} is gesloten; iedereen krijgt de uitslag.",
        "en": "The vote for meeting {id} has closed; everyone gets the result.",
    },
    "already_closed": {
        "nl": "De peiling voor bijeenkomst {id} was al gesloten.",
        "en": "The vote for meeting {id} had closed already.",
    },
    "result_header": {
        "nl": "Uitslag van de agendapeiling voor bijeenkomst {id} (stemmers: {voters}):",
        "en": "Result of the agenda vote for meeting {id} (voters: {voters}):",
    },
    "result_empty": {
        "nl": "Er waren geen voorstellen om op te stemmen.",
        "en": "There were no proposals to vote on.",
    },
    "result_footer": {
        "nl": "Het voorbereidingsgroepje werkt dit uit in een programma: /programma {id}.",
        "en": "The preparation group turns this into a programme: /programma {id}.",
    },
    "standing_header": {
        "nl": "Tussenstand van de peiling voor bijeenkomst {id} (sluit {closes}, "
        "stemmers: {voters}):",
        "en": "Current count of the vote for meeting {id} (closes {closes}, voters: {voters}):",
    },
    "standing_hidden": {
        "nl": "De stand van deze peiling blijft verborgen tot de sluiting ({closes}). "
        "Stemmers tot nu toe: {voters}.",
        "en": "The count of this vote stays hidden until the close ({closes}). Voters so "
        "far: {voters}.",
    },
    "voters_line": {"nl": "   stemmen van: {names}", "en": "   votes from: {names}"},
    "prep_result_header": {
        "nl": "Voor het voorbereidingsgroepje van bijeenkomst {id}: de volledige uitslag, "
        "met wie wat voorstelde.",
        "en": "For the preparation group of meeting {id}: the full result, with who "
        "proposed what.",
    },
    "prep_result_line": {
        "nl": "#{id} {title}: {count} (voorgesteld door {who}{support})",
        "en": "#{id} {title}: {count} (proposed by {who}{support})",
    },
    "prep_prompt": {
        "nl": "Bouw nu het programma: /programma {id} neem <voorstel-nummer> [dag] [tijd], en "
        "wie trekt het: /programma {id} eigenaar <item> @naam. Een programma dat houvast "
        "biedt maar ook wat losmaakt.",
        "en": "Now build the programme: /programma {id} neem <proposal number> [day] [time], "
        "and who leads it: /programma {id} eigenaar <item> @name. A programme that offers "
        "a foothold but also stirs things up.",
    },
}

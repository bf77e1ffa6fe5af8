"""Texts of /agenda: proposing, supporting and withdrawing topics for the next meeting."""

PROPOSAL_TEXTS = {
    "agenda_usage": {
        "nl": "Deelnemers aan de CoP bepalen zelf wat er op de agenda komt.\n"
        "/agenda: de voorstellen voor de volgende bijeenkomst\n"
        "/agenda voorstel <onderwerp> (op een tweede regel: waarom)\n"
        "/agenda intrekken <nummer>: je eigen voorstel terugnemen",
        "en": "CoP participants decide for themselves what goes on the agenda.\n"
        "/agenda: the proposals for the next meeting\n"
        "/agenda voorstel <topic> (on a second line: why)\n"
        "/agenda intrekken <number>: withdraw your own proposal",
    },
    "no_session": {
        "nl": "Er is nog geen bijeenkomst gepland om een agenda voor te maken.",
        "en": "No meeting has been planned yet to make an agenda for.",
    },
    "no_proposals": {
        "nl": "Er zijn nog geen voorstellen voor bijeenkomst {id}. Deelnemers aan de CoP "
        "bepalen zelf wat er op de agenda komt: /agenda voorstel <onderwerp>",
        "en": "There are no proposals for meeting {id} yet. CoP participants decide for "
        "themselves what goes on the agenda: /agenda voorstel <topic>",
    },
    "proposals_header": {
        "nl": "Voorstellen voor de agenda van bijeenkomst {id} ({when}):",
        "en": "Proposals for the agenda of meeting {id} ({when}):",
    },
    "proposal_line": {
        "nl": "#{id} {title} (voorgesteld door {who}{support})",
        "en": "#{id} {title} (proposed by {who}{support})",
    },
    "support_count": {"nl": ", {count}× gesteund", "en": ", supported {count}×"},
    "proposals_footer": {
        "nl": "Steunen: /agenda steun <nummer>. Zelf iets voorstellen: "
        "/agenda voorstel <onderwerp>.",
        "en": "Support one: /agenda steun <number>. Propose something yourself: "
        "/agenda voorstel <topic>.",
    },
    "poll_running": {
        "nl": "De peiling loopt tot {closes}: /peiling om te stemmen.",
        "en": "The vote is open until {closes}: /peiling to vote.",
    },
    "someone": {"nl": "iemand", "en": "someone"},
    "propose_usage": {
        "nl": "Wat wil je op de agenda? Bijvoorbeeld:\n/agenda voorstel Bewoners het stuur "
        "geven\nomdat we daar in onze wijk mee worstelen",
        "en": "What would you like on the agenda? For example:\n/agenda voorstel Giving "
        "residents the wheel\nbecause our district struggles with it",
    },
    "title_too_long": {
        "nl": "Dat onderwerp is {length} tekens; houd het op hoogstens {max} (het moet op "
        "een knop passen). Zet de toelichting op een tweede regel.",
        "en": "That topic is {length} characters; keep it to at most {max} (it has to fit "
        "on a button). Put the explanation on a second line.",
    },
    "why_too_long": {
        "nl": "De toelichting is te lang (hoogstens {max} tekens).",
        "en": "The explanation is too long (at most {max} characters).",
    },
    "proposed": {
        "nl": "Genoteerd als voorstel #{id} voor bijeenkomst {session} ({when}): {title}.",
        "en": "Noted as proposal #{id} for meeting {session} ({when}): {title}.",
    },
    "propose_closed": {
        "nl": "De peiling voor bijeenkomst {id} ({when}) is al gesloten: die agenda ligt "
        "vast. Er is nog geen volgende bijeenkomst gepland; zodra die er is, kun je je "
        "voorstel doen. Wil je dit onderwerp toch op bijeenkomst {id}? Vraag het de "
        "organisatoren.",
        "en": "The vote for meeting {id} ({when}) has closed already: that agenda is set. "
        "No next meeting has been planned yet; once it is, you can make your proposal. "
        "Want this topic at meeting {id} anyway? Ask the organisers.",
    },
    "agenda_closed_next": {
        "nl": "De peiling voor deze bijeenkomst is gesloten (/peiling stand voor de uitslag). "
        "Nieuwe voorstellen kunnen zodra de volgende bijeenkomst gepland is.",
        "en": "The vote for this meeting has closed (/peiling stand for the result). New "
        "proposals can be made once the next meeting is planned.",
    },
    "proposed_poll_open": {
        "nl": "De peiling loopt al; je voorstel staat er nu ook in.",
        "en": "The vote is already open; your proposal is in it now too.",
    },
    "proposed_next": {
        "nl": "(De peiling voor bijeenkomst {closed} is al gesloten, daarom staat het bij "
        "bijeenkomst {session}.)",
        "en": "(The vote for meeting {closed} has closed already, so it is on meeting {session}.)",
    },
    "duplicate": {
        "nl": "Er is al een voorstel dat erop lijkt: #{id} {title} (voorgesteld door "
        "{who}). Wil je dat steunen in plaats van een nieuw voorstel te doen?",
        "en": "There is already a proposal like it: #{id} {title} (proposed by {who}). "
        "Would you like to support it instead of making a new proposal?",
    },
    "button_support": {"nl": "Steun #{id}", "en": "Support #{id}"},
    "button_new_anyway": {"nl": "Toch apart voorstellen", "en": "Propose separately"},
    "duplicate_hint": {
        "nl": "Typ 'steun' of 'apart', of 'stop' om niets te doen.",
        "en": "Type 'steun' (support) or 'apart' (separately), or 'stop' to do nothing.",
    },
    "duplicate_gone": {
        "nl": "Dat voorstel is er niet meer; stel het gerust opnieuw voor.",
        "en": "That proposal is gone; feel free to propose it again.",
    },
    "supported": {
        "nl": "Je steunt nu voorstel #{id}: {title}.",
        "en": "You now support proposal #{id}: {title}.",
    },
    "support_vote": {
        "nl": "Je steunt voorstel #{id}: {title}. De peiling loopt, dus dat telt als je stem "
        "(je stemmen: {used} van {max}; /peiling toont je keuze).",
        "en": "You support proposal #{id}: {title}. The vote is open, so that counts as your "
        "vote (your votes: {used} of {max}; /peiling shows your choice).",
    },
    "support_voted_already": {
        "nl": "Je stemde al op #{id} (je stemmen: {used} van {max}).",
        "en": "You already voted for #{id} (your votes: {used} of {max}).",
    },
    "support_not_vote": {
        "nl": "Je steun voor #{id} is genoteerd, maar telt niet als stem: je stemmen zijn op "
        "({used} van {max}). Haal eerst een stem weg met /peiling als je #{id} wilt kiezen.",
        "en": "Your support for #{id} is noted, but does not count as a vote: your votes are "
        "used up ({used} of {max}). Take one back with /peiling first if you want #{id}.",
    },
    "already_supported": {
        "nl": "Je steunde voorstel #{id} al.",
        "en": "You already supported proposal #{id}.",
    },
    "own_proposal": {
        "nl": "Dat is je eigen voorstel #{id}; dat steun je vanzelf.",
        "en": "That is your own proposal #{id}; you support it anyway.",
    },
    "proposal_not_found": {
        "nl": "Ik ken geen voorstel #{id}. /agenda toont de nummers.",
        "en": "I don't know proposal #{id}. /agenda shows the numbers.",
    },
    "withdraw_usage": {
        "nl": "Welk voorstel? /agenda intrekken <nummer>",
        "en": "Which proposal? /agenda intrekken <number>",
    },
    "not_your_proposal": {
        "nl": "Alleen wie #{id} voorstelde kan het intrekken.",
        "en": "Only the person who proposed #{id} can withdraw it.",
    },
    "withdrawn": {
        "nl": "Voorstel #{id} is ingetrokken.",
        "en": "Proposal #{id} has been withdrawn.",
    },
    "withdraw_closed": {
        "nl": "De peiling over #{id} is al gesloten; vraag de organisatoren om het van het "
        "programma te halen.",
        "en": "The vote on #{id} has closed already; ask the organisers to take it off "
        "the programme.",
    },
}

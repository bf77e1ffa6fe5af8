"""Texts of /agenda, /peiling, /voorbereiding and /programma (Dutch first, the booklet's words)."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        # -- /agenda ------------------------------------------------------------------------
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
            "nl": "Genoteerd als voorstel #{id} voor bijeenkomst {session}: {title}.",
            "en": "Noted as proposal #{id} for meeting {session}: {title}.",
        },
        "proposed_poll_open": {
            "nl": "De peiling loopt al; je voorstel staat er nu ook in.",
            "en": "The vote is already open; your proposal is in it now too.",
        },
        "proposed_next": {
            "nl": "(De peiling voor bijeenkomst {closed} is al gesloten, daarom staat het bij "
            "bijeenkomst {session}.)",
            "en": "(The vote for meeting {closed} has closed already, so it is on meeting "
            "{session}.)",
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
        # -- /peiling -----------------------------------------------------------------------
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
        "organisers_only": {
            "nl": "Een peiling openen of sluiten is alleen voor organisatoren.",
            "en": "Opening or closing a vote is for organisers only.",
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
            "nl": "Die sluitingsdatum begrijp ik niet: {text}. Bijvoorbeeld: tot 3 december "
            "17:00.",
            "en": "I don't understand that closing date: {text}. For example: tot 3 december "
            "17:00.",
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
            "zelf wat er op de agenda komt: kies tot {max} onderwerpen, tot {closes} kun je "
            "je keuze nog veranderen.",
            "en": "Agenda vote for meeting {id} ({when}). CoP participants decide for "
            "themselves what goes on the agenda: choose up to {max} topics; you can change "
            "your choice until {closes}.",
        },
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
            "en": "Current count of the vote for meeting {id} (closes {closes}, "
            "voters: {voters}):",
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
            "nl": "Bouw nu het programma: /programma {id} neem <voorstel-nummer> [tijd], en "
            "wie trekt het: /programma {id} eigenaar <item> @naam. Een programma dat houvast "
            "biedt maar ook wat losmaakt.",
            "en": "Now build the programme: /programma {id} neem <proposal number> [time], "
            "and who leads it: /programma {id} eigenaar <item> @name. A programme that offers "
            "a foothold but also stirs things up.",
        },
        # -- /voorbereiding -----------------------------------------------------------------
        "prep_usage": {
            "nl": "Voor iedere bijeenkomst wordt een voorbereidingsgroepje samengesteld: "
            "/voorbereiding <bijeenkomst> @naam @naam ... (organisatoren); "
            "/voorbereiding <bijeenkomst> weg @naam haalt iemand eruit.",
            "en": "For every meeting a preparation group is formed: /voorbereiding <meeting> "
            "@name @name ... (organisers); /voorbereiding <meeting> weg @name removes someone.",
        },
        "prep_group": {
            "nl": "Voorbereidingsgroepje van bijeenkomst {id}: {names}.",
            "en": "Preparation group of meeting {id}: {names}.",
        },
        "prep_empty": {
            "nl": "Bijeenkomst {id} heeft nog geen voorbereidingsgroepje.",
            "en": "Meeting {id} has no preparation group yet.",
        },
        "prep_not_found": {
            "nl": "Ik vind niemand die {who} heet. Die persoon moet eerst /start sturen.",
            "en": "I can't find anyone called {who}. They need to send /start first.",
        },
        "prep_welcome": {
            "nl": "Je zit in het voorbereidingsgroepje van bijeenkomst {id}. Na de peiling "
            "krijg je de uitslag en bouw je mee aan het programma (/programma {id}).",
            "en": "You are in the preparation group of meeting {id}. After the vote you get "
            "the result and help build the programme (/programma {id}).",
        },
        # -- /programma ---------------------------------------------------------------------
        "programme_header": {
            "nl": "Programma van bijeenkomst {id} ({when}):",
            "en": "Programme of meeting {id} ({when}):",
        },
        "programme_empty": {
            "nl": "Bijeenkomst {id} heeft nog geen programma. Het voorbereidingsgroepje "
            "bouwt het uit de uitslag van de peiling.",
            "en": "Meeting {id} has no programme yet. The preparation group builds it from "
            "the result of the vote.",
        },
        "programme_item": {"nl": "{n}. {time}{title}{owner}", "en": "{n}. {time}{title}{owner}"},
        "programme_owner": {"nl": " (trekker: {name})", "en": " (lead: {name})"},
        "programme_lessons": {
            "nl": "   uit het boekje: {lessons}",
            "en": "   from the booklet: {lessons}",
        },
        "programme_builder_hint": {
            "nl": "Bouwen: /programma {id} neem <voorstel-nummer> [tijd], /programma {id} "
            "eigenaar <item> @naam, /programma {id} weg <item>.",
            "en": "Build: /programma {id} neem <proposal number> [time], /programma {id} "
            "eigenaar <item> @name, /programma {id} weg <item>.",
        },
        "programme_top": {
            "nl": "Hoogst in de peiling: {topics}",
            "en": "Highest in the vote: {topics}",
        },
        "programme_not_builder": {
            "nl": "Het programma bouwen is voor de organisatoren en het voorbereidingsgroepje.",
            "en": "Building the programme is for the organisers and the preparation group.",
        },
        "programme_take_usage": {
            "nl": "Welk voorstel? /programma {id} neem <voorstel-nummer> [tijd]",
            "en": "Which proposal? /programma {id} neem <proposal number> [time]",
        },
        "programme_bad_time": {
            "nl": "Die tijd begrijp ik niet: {time}. Bijvoorbeeld 10:30.",
            "en": "I don't understand that time: {time}. For example 10:30.",
        },
        "programme_other_session": {
            "nl": "Voorstel #{proposal} hoort bij bijeenkomst {other}, niet bij {id}.",
            "en": "Proposal #{proposal} belongs to meeting {other}, not to {id}.",
        },
        "programme_already": {
            "nl": "Voorstel #{proposal} staat al op het programma (item {n}).",
            "en": "Proposal #{proposal} is on the programme already (item {n}).",
        },
        "programme_taken": {
            "nl": "Op het programma als item {n}: {title}.",
            "en": "On the programme as item {n}: {title}.",
        },
        "programme_suggestions": {
            "nl": "Past misschien uit het boekje:\n{lessons}",
            "en": "From the booklet, perhaps fitting:\n{lessons}",
        },
        "programme_no_suggestions": {
            "nl": "Uit het boekje vond ik er geen les bij.",
            "en": "I found no lesson from the booklet for it.",
        },
        "programme_owner_usage": {
            "nl": "Gebruik: /programma {id} eigenaar <item> @naam",
            "en": "Usage: /programma {id} eigenaar <item> @name",
        },
        "programme_item_not_found": {
            "nl": "Bijeenkomst {id} heeft geen item {n}.",
            "en": "Meeting {id} has no item {n}.",
        },
        "programme_owner_set": {
            "nl": "{name} trekt item {n}: {title}.",
            "en": "{name} leads item {n}: {title}.",
        },
        "programme_removed": {
            "nl": "Item {n} is van het programma gehaald: {title}.",
            "en": "Item {n} was taken off the programme: {title}.",
        },
        "programme_unknown_action": {
            "nl": "Dat begrijp ik niet: {action}. Mogelijk: neem, eigenaar, weg.",
            "en": "I don't understand: {action}. Possible: neem, eigenaar, weg.",
        },
        "session_not_found": {
            "nl": "Ik ken geen bijeenkomst {id}. /sessies toont de komende.",
            "en": "I don't know meeting {id}. /sessies shows the coming ones.",
        },
    }
)

"""Texts of the reading club: /boek and /boeken, the presenters' reminder and the verdicts."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        # -- the verdicts, as the booklet names them (§1.6) --------------------------------
        "verdict_bruikbaar": {"nl": "bruikbaar", "en": "useful"},
        "verdict_aan het denken gezet": {"nl": "aan het denken gezet", "en": "made me think"},
        "verdict_niet doorheen te komen": {
            "nl": "niet doorheen te komen",
            "en": "impossible to get through",
        },
        "basic_question": {
            "nl": "De basisvraag: wat vind je inspirerend en bruikbaar aan dit boek of rapport "
            "voor je eigen praktijk? Zonder blad voor de mond: wat moeten collega's echt ook "
            "lezen, wat is minder relevant en waar valt echt niet doorheen te komen?",
            "en": "The basic question: what do you find inspiring and usable in this book or "
            "report for your own practice? Speak plainly: what should colleagues really read "
            "too, what is less relevant, and what is impossible to get through?",
        },
        # -- /boek: the pick for the next session -----------------------------------------
        "next_header": {
            "nl": "Leesclub, bijeenkomst van {date}{place}:",
            "en": "Reading club, meeting of {date}{place}:",
        },
        "place": {"nl": " in {place}", "en": " in {place}"},
        "pick_line": {"nl": "📖 #{id} {book}", "en": "📖 #{id} {book}"},
        "link_line": {"nl": "   {link}", "en": "   {link}"},
        "presenters_line": {"nl": "   Presentatoren: {names}", "en": "   Presenters: {names}"},
        "no_presenters_yet": {
            "nl": "   Nog geen presentatoren. Doe mee: /boek presenteer {id}",
            "en": "   No presenters yet. Join in: /boek presenteer {id}",
        },
        "no_pick": {
            "nl": "Voor de bijeenkomst van {date}{place} is nog geen boek of rapport gekozen.",
            "en": "No book or report has been picked yet for the meeting of {date}{place}.",
        },
        "no_session": {
            "nl": "Er staat nog geen volgende bijeenkomst gepland, dus ook nog geen boek.",
            "en": "No next meeting is planned yet, so no book either.",
        },
        "how_to_propose": {
            "nl": "Iedere bijeenkomst begint met een boekbespreking door 2 of 3 mensen. Weet je "
            "een pareltje? Stel het voor: /boek voorstel <titel> — <auteur>. "
            "Alle boeken: /boeken.",
            "en": "Every meeting opens with a book discussion by 2 or 3 people. Know a gem? "
            "Propose it: /boek voorstel <title> — <author>. All books: /boeken.",
        },
        "latest_verdicts": {"nl": "Laatste oordelen:", "en": "Latest verdicts:"},
        "verdict_line": {
            "nl": "• {book}: {verdict} ({who}){take}",
            "en": "• {book}: {verdict} ({who}){take}",
        },
        "verdict_line_short": {
            "nl": "   – {verdict} ({who}){take}",
            "en": "   – {verdict} ({who}){take}",
        },
        "booklet_reader": {"nl": "uit het boekje, §{source}", "en": "from the booklet, §{source}"},
        "former_participant": {"nl": "oud-deelnemer", "en": "former participant"},
        "button_present": {"nl": "🙋 Ik presenteer #{id}", "en": "🙋 I'll present #{id}"},
        "button_all_books": {"nl": "📚 Alle boeken", "en": "📚 All books"},
        "button_pick": {"nl": "Kies voor de volgende bijeenkomst", "en": "Pick for next meeting"},
        # -- proposals ------------------------------------------------------------------
        "propose_usage": {
            "nl": "Zo stel je een boek of rapport voor: /boek voorstel <titel> — <auteur> "
            "(ook met - of 'door'; een link mag erachter).\n"
            "Bijvoorbeeld: /boek voorstel Afri — Jutta Chorus",
            "en": "This is how you propose a book or report: /boek voorstel <title> — <author> "
            "(also with - or 'door'; a link may follow).\n"
            "For example: /boek voorstel Afri — Jutta Chorus",
        },
        "too_long": {
            "nl": "Dat is te lang: een titel mag {max_title} tekens hebben, een auteur "
            "{max_author} en een link {max_link}. Kort het wat in en probeer het opnieuw.",
            "en": "That is too long: a title may have {max_title} characters, an author "
            "{max_author} and a link {max_link}. Shorten it and try again.",
        },
        "input_too_long": {
            "nl": "Dat is te lang ({length} tekens, maximaal {max}). Kort het wat in.",
            "en": "That is too long ({length} characters, at most {max}). Please shorten it.",
        },
        "already_there": {
            "nl": "Die staat er al: #{id} {book}. Meer weten: /boek {id}",
            "en": "That one is already there: #{id} {book}. More: /boek {id}",
        },
        "proposed": {
            "nl": "Dank je! Voorgesteld: #{id} {book}. Een organisator kan het kiezen voor een "
            "bijeenkomst (/boek kies {id}). Alle voorstellen: /boeken",
            "en": "Thank you! Proposed: #{id} {book}. An organiser can pick it for a meeting "
            "(/boek kies {id}). All proposals: /boeken",
        },
        "by_author": {"nl": "{title} — {author}", "en": "{title} — {author}"},
        # -- /boeken --------------------------------------------------------------------
        "library_empty": {
            "nl": "Er zijn nog geen boeken. Stel er een voor: /boek voorstel <titel> — <auteur>",
            "en": "There are no books yet. Propose one: /boek voorstel <title> — <author>",
        },
        "library_upcoming": {
            "nl": "Gekozen voor komende bijeenkomsten:",
            "en": "Picked for upcoming meetings:",
        },
        "library_history": {"nl": "Besproken:", "en": "Discussed:"},
        "library_proposals": {"nl": "Voorstellen:", "en": "Proposals:"},
        "library_line": {"nl": "#{id} {book}{when}{counts}", "en": "#{id} {book}{when}{counts}"},
        "library_when": {"nl": " ({date})", "en": " ({date})"},
        "library_booklet": {"nl": " (uit het boekje)", "en": " (from the booklet)"},
        "library_footer": {
            "nl": "Meer over een boek: /boek <nummer> of /boek <zoekterm>. "
            "Voorstellen: /boek voorstel <titel> — <auteur>",
            "en": "More about a book: /boek <number> or /boek <search term>. "
            "Propose: /boek voorstel <title> — <author>",
        },
        "count": {"nl": "{n}× {verdict}", "en": "{n}× {verdict}"},
        "library_more_verdicts": {
            "nl": "   … en nog {n}: /boek {id}",
            "en": "   … and {n} more: /boek {id}",
        },
        # -- one book -------------------------------------------------------------------
        "detail_header": {"nl": "📖 #{id} {book}", "en": "📖 #{id} {book}"},
        "detail_proposed_by": {"nl": "Voorgesteld door {name}", "en": "Proposed by {name}"},
        "detail_booklet": {
            "nl": "Besproken in de CoP, zie het boekje §{source}",
            "en": "Discussed in the CoP, see the booklet §{source}",
        },
        "detail_pick": {
            "nl": "Bijeenkomst van {date}: {names}",
            "en": "Meeting of {date}: {names}",
        },
        "detail_verdicts": {"nl": "Oordelen:", "en": "Verdicts:"},
        "detail_no_verdicts": {"nl": "Nog geen oordelen.", "en": "No verdicts yet."},
        "nobody": {"nl": "nog geen presentatoren", "en": "no presenters yet"},
        "not_found": {
            "nl": "Geen boek gevonden voor '{query}'. Alle boeken: /boeken. Voorstellen: "
            "/boek voorstel <titel> — <auteur>",
            "en": "No book found for '{query}'. All books: /boeken. Propose: "
            "/boek voorstel <title> — <author>",
        },
        "no_such_book": {
            "nl": "Boek #{id} ken ik niet. Alle boeken met hun nummer: /boeken",
            "en": "I don't know book #{id}. All books with their numbers: /boeken",
        },
        "which_book": {
            "nl": "Bij '{query}' passen meer boeken: {books}. Noem het nummer.",
            "en": "More than one book fits '{query}': {books}. Please give the number.",
        },
        "search_results": {
            "nl": "Bedoel je een van deze?",
            "en": "Do you mean one of these?",
        },
        # -- presenting -----------------------------------------------------------------
        "present_usage": {
            "nl": "Welk boek wil je presenteren? /boek presenteer <nummer> (de nummers staan "
            "bij /boek en /boeken).",
            "en": "Which book would you like to present? /boek presenteer <number> (the "
            "numbers are in /boek and /boeken).",
        },
        "not_picked": {
            "nl": "#{id} {book} is (nog) niet gekozen voor een komende bijeenkomst, dus "
            "presenteren kan nog niet. Wat wel gekozen is: /boek",
            "en": "#{id} {book} has not been picked for an upcoming meeting (yet), so you "
            "cannot present it yet. What has been picked: /boek",
        },
        "already_presenting": {
            "nl": "Je staat al genoteerd als presentator van {book}. Dank je!",
            "en": "You are already down as a presenter of {book}. Thank you!",
        },
        "presenters_full": {
            "nl": "Dank je wel voor je aanbod! Voor de bijeenkomst van {date} zijn er al "
            "{max} presentatoren ({names}); een boekbespreking is met 2 of 3 mensen op z'n "
            "best. Misschien de volgende keer? Een boek voorstellen kan altijd: "
            "/boek voorstel <titel>",
            "en": "Thank you for offering! For the meeting of {date} there are already {max} "
            "presenters ({names}); a book discussion works best with 2 or 3 people. Maybe "
            "next time? You can always propose a book: /boek voorstel <title>",
        },
        "presenting": {
            "nl": "Top! Je presenteert {book} op de bijeenkomst van {date}{others}. "
            "Een week van tevoren krijg je een herinnering.\n{question}",
            "en": "Great! You will present {book} at the meeting of {date}{others}. "
            "You will get a reminder a week before.\n{question}",
        },
        "presenting_soon": {
            "nl": "Top! Je presenteert {book} op de bijeenkomst van {date}{others}. "
            "Die is al binnen een week, dus een aparte herinnering krijg je niet meer: zet de "
            "datum meteen in je agenda.\n{question}",
            "en": "Great! You will present {book} at the meeting of {date}{others}. "
            "That is less than a week away, so there will be no separate reminder: put the "
            "date in your diary now.\n{question}",
        },
        "together_with": {"nl": ", samen met {names}", "en": ", together with {names}"},
        # -- picking (organisers) -----------------------------------------------------------
        "pick_usage": {
            "nl": "Gebruik: /boek kies <boeknummer> [sessienummer]. Zonder sessienummer kies je "
            "voor de volgende bijeenkomst. Een keuze terugdraaien: /boek kies weg "
            "<sessienummer> [boeknummer].",
            "en": "Usage: /boek kies <book number> [session number]. Without a session number "
            "you pick for the next meeting. Taking a pick back: /boek kies weg "
            "<session number> [book number].",
        },
        "also_picked": {
            "nl": "Let op: voor bijeenkomst {session} was al gekozen: {books}. Er staan nu "
            "meerdere boeken op. Eén weghalen: /boek kies weg {session} <boeknummer>.",
            "en": "Note: for meeting {session} already picked: {books}. It now has more than "
            "one book. To take one off: /boek kies weg {session} <book number>.",
        },
        "unpick_usage": {
            "nl": "Gebruik: /boek kies weg <sessienummer> [boeknummer].",
            "en": "Usage: /boek kies weg <session number> [book number].",
        },
        "unpick_which": {
            "nl": "Voor bijeenkomst {id} zijn meerdere boeken gekozen: {books}. Welk moet eraf? "
            "/boek kies weg {id} <boeknummer>",
            "en": "Meeting {id} has more than one book picked: {books}. Which one goes? "
            "/boek kies weg {id} <book number>",
        },
        "unpick_none": {
            "nl": "Voor bijeenkomst {id} is geen boek gekozen.",
            "en": "No book has been picked for meeting {id}.",
        },
        "unpick_not_picked": {
            "nl": "Boek #{id} was niet gekozen voor bijeenkomst {session}.",
            "en": "Book #{id} was not picked for meeting {session}.",
        },
        "unpicked": {
            "nl": "{book} is niet meer gekozen voor de bijeenkomst van {date}; wie het zou "
            "presenteren, presenteert het niet meer.",
            "en": "{book} is no longer picked for the meeting of {date}; its presenters are "
            "off it too.",
        },
        "organisers_only_hint": {
            "nl": "Alleen organisatoren kiezen het boek voor een bijeenkomst en vragen "
            "presentatoren. Wel kun je een boek voorstellen (/boek voorstel <titel>) of je "
            "aanmelden als presentator.",
            "en": "Only organisers pick the book for a meeting and ask presenters. You can "
            "propose a book (/boek voorstel <title>) or volunteer as a presenter.",
        },
        "no_such_session": {
            "nl": "Bijeenkomst {id} ken ik niet (of hij is geannuleerd). Zie /sessies.",
            "en": "I don't know meeting {id} (or it was cancelled). See /sessies.",
        },
        "session_begun": {
            "nl": "Bijeenkomst {id} ({date}) is al begonnen of voorbij; daarvoor kies je geen "
            "boek meer. {upcoming}",
            "en": "Meeting {id} ({date}) has already begun or is over; you can no longer pick "
            "a book for it. {upcoming}",
        },
        "upcoming_to_pick": {
            "nl": "Komende bijeenkomsten: {sessions}. Bijvoorbeeld: /boek kies <boeknummer> "
            "<sessienummer>",
            "en": "Upcoming meetings: {sessions}. For example: /boek kies <book number> "
            "<session number>",
        },
        "upcoming_item": {"nl": "{id} ({date})", "en": "{id} ({date})"},
        "no_upcoming_to_pick": {
            "nl": "Er staat nog geen komende bijeenkomst gepland; plan er een met /sessie nieuw.",
            "en": "No upcoming meeting is planned yet; plan one with /sessie nieuw.",
        },
        "no_next_session": {
            "nl": "Er is nog geen volgende bijeenkomst gepland. Plan er eerst een met "
            "/sessie nieuw, of geef het sessienummer mee.",
            "en": "No next meeting is planned yet. Plan one first with /sessie nieuw, or give "
            "the session number.",
        },
        "already_picked": {
            "nl": "{book} is al gekozen voor de bijeenkomst van {date}.",
            "en": "{book} has already been picked for the meeting of {date}.",
        },
        "picked": {
            "nl": "Gekozen: {book} voor de bijeenkomst van {date}.",
            "en": "Picked: {book} for the meeting of {date}.",
        },
        "suggest_presenters": {
            "nl": "Wie heeft er lang niet gepresenteerd? {names}. Vraag ze met een knop:",
            "en": "Who has not presented for a while? {names}. Ask them with a button:",
        },
        "never_presented": {"nl": "nog nooit", "en": "never"},
        "last_presented": {"nl": "laatst {date}", "en": "last {date}"},
        "button_invite": {"nl": "Vraag {name}", "en": "Ask {name}"},
        "invitation": {
            "nl": "{organiser} vraagt of jij {book} wilt presenteren op de bijeenkomst van "
            "{date}. Iedere bijeenkomst begint met een boekbespreking door 2 of 3 mensen.\n"
            "{question}",
            "en": "{organiser} asks whether you would present {book} at the meeting of {date}. "
            "Every meeting opens with a book discussion by 2 or 3 people.\n{question}",
        },
        "invited": {
            "nl": "Ik heb {name} gevraagd om {book} te presenteren.",
            "en": "I have asked {name} to present {book}.",
        },
        "invited_before": {
            "nl": "{name} was al gevraagd voor {book}.",
            "en": "{name} had already been asked for {book}.",
        },
        "no_such_person": {
            "nl": "Die deelnemer ken ik niet (meer).",
            "en": "I don't know that participant (any more).",
        },
        "stale_hint": {"nl": "Kijk bij /boek.", "en": "See /boek."},
        "verdict_gone": {
            "nl": "Dat oordeel is er niet meer. Kijk bij /boek.",
            "en": "That verdict no longer exists. See /boek.",
        },
        # -- the timeline: a week before, and after the meeting -------------------------------
        "reminder": {
            "nl": "Over een week, op {date}{place}, begint de bijeenkomst met de "
            "boekbespreking. Jij presenteert {books}{others}.\n{question}",
            "en": "In a week, on {date}{place}, the meeting opens with the book discussion. "
            "You present {books}{others}.\n{question}",
        },
        "ask_verdict": {
            "nl": "Dank voor je boekbespreking van {book}! Wat is je oordeel, zonder blad voor "
            "de mond? Kies hieronder; daarna vraag ik je om één zin voor je collega's.",
            "en": "Thanks for presenting {book}! What is your verdict, plainly put? Choose "
            "below; then I will ask you for one line for your colleagues.",
        },
        # -- verdicts -------------------------------------------------------------------
        "verdict_usage": {
            "nl": "Gebruik: /boek oordeel <nummer> <bruikbaar | aan het denken gezet | niet "
            "doorheen te komen> <één zin>.\nBijvoorbeeld: /boek oordeel 2 bruikbaar Lees "
            "vooral hoofdstuk 3.",
            "en": "Usage: /boek oordeel <number> <bruikbaar | aan het denken gezet | niet "
            "doorheen te komen> <one line>.\nFor example: /boek oordeel 2 bruikbaar Read "
            "chapter 3 above all.",
        },
        "ask_take": {
            "nl": "Genoteerd: {book} — {verdict}. En in één zin, voor je collega's: wat moeten "
            "ze er echt van weten? (Of typ 'stop' om het hierbij te laten.)",
            "en": "Noted: {book} — {verdict}. And in one line, for your colleagues: what "
            "should they really know about it? (Or type 'stop' to leave it at that.)",
        },
        "take_too_long": {
            "nl": "Eén zin graag: maximaal {max} tekens (dit waren er {length}). Probeer het "
            "nog eens, of typ 'stop'.",
            "en": "One line please: at most {max} characters (this was {length}). Try again, "
            "or type 'stop'.",
        },
        "take_empty": {
            "nl": "Ik mis je zin. Typ één zin voor je collega's, of 'stop'.",
            "en": "I am missing your line. Type one line for your colleagues, or 'stop'.",
        },
        "verdict_saved": {
            "nl": "Dank je! Je oordeel staat bij het boek: {book} — {verdict}{take}\n"
            "Alle boeken en oordelen: /boeken",
            "en": "Thank you! Your verdict is with the book: {book} — {verdict}{take}\n"
            "All books and verdicts: /boeken",
        },
    }
)

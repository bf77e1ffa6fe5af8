"""The texts of the overnight sign-up, rooms, the waiting list and the organisers' lists."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        # -- the guided sign-up --
        "ask_parts": {
            "nl": "Bijeenkomst {id}: bij welke onderdelen ben je? Tik aan wat klopt en druk "
            "op 'Klaar' (of typ bijvoorbeeld 'dag 1, diner').",
            "en": "Meeting {id}: which parts will you join? Tap what applies and press "
            "'Done' (or type e.g. 'day 1, dinner').",
        },
        "ask_diet": {
            "nl": "Heb je dieetwensen? Tik aan wat klopt en druk op 'Klaar', of typ het "
            "(bijvoorbeeld 'vegetarisch' of 'allergie: noten'). Ik bewaar dit tot 30 dagen "
            "na de bijeenkomst.",
            "en": "Any dietary needs? Tap what applies and press 'Done', or type them "
            "(e.g. 'vegetarian' or 'allergy: nuts'). I keep this until 30 days after the "
            "meeting.",
        },
        "ask_allergy": {
            "nl": "Waar ben je allergisch voor?",
            "en": "What are you allergic to?",
        },
        "ask_note": {
            "nl": "Nog iets voor de organisatoren (bijvoorbeeld 'ik kom pas om 14:00')? "
            "Typ het, of druk op 'Klaar'.",
            "en": "Anything for the organisers (e.g. 'I'll only arrive at 14:00')? "
            "Type it, or press 'Done'.",
        },
        "current_note": {"nl": "Nu genoteerd: «{note}»", "en": "Noted now: «{note}»"},
        "parts_unknown": {
            "nl": "Dat herken ik niet als onderdeel. Kies uit dag 1, diner, overnachting en "
            "dag 2 (of 'alles'), en 'klaar' als het klopt. 'stop' stopt.",
            "en": "I don't recognise that as a part. Choose from day 1, dinner, overnight "
            "and day 2 (or 'all'), and 'done' when it is right. 'stop' stops.",
        },
        "parts_empty": {
            "nl": "Kies minstens één onderdeel. Kom je toch niet? Druk dan op 'Nee' op de "
            "kaart (/sessie {id}).",
            "en": "Choose at least one part. Not coming after all? Press 'No' on the card "
            "(/session {id}).",
        },
        "signup_saved": {
            "nl": "Dank je, genoteerd voor bijeenkomst {id}.",
            "en": "Thank you, noted for meeting {id}.",
        },
        "summary_parts": {"nl": "Onderdelen: {parts}", "en": "Parts: {parts}"},
        "summary_diet": {"nl": "Dieet: {diet}", "en": "Diet: {diet}"},
        "summary_note": {"nl": "Opmerking: «{note}»", "en": "Note: «{note}»"},
        "summary_change": {
            "nl": "Wijzigen kan tot {deadline}: /sessie {id} opgeven.",
            "en": "You can change this until {deadline}: /session {id} signup.",
        },
        "summary_change_open": {
            "nl": "Wijzigen kan met /sessie {id} opgeven.",
            "en": "To change this: /session {id} signup.",
        },
        "signup_gone": {
            "nl": "Deze vraag hoort bij een aanmelding die al klaar is. Wijzigen: /sessie {id} "
            "opgeven.",
            "en": "This question belongs to a sign-up that is finished. To change: "
            "/session {id} signup.",
        },
        "signup_no_answer": {
            "nl": "Je hebt nog niet gezegd of je komt: druk eerst op 'Ja' of 'Misschien' op "
            "de kaart (/sessie {id}).",
            "en": "You haven't said whether you're coming: first press 'Yes' or 'Maybe' on "
            "the card (/session {id}).",
        },
        "signup_not_coming": {
            "nl": "Je had gezegd dat je niet komt. Kom je toch? Druk dan op 'Ja' op de kaart "
            "(/sessie {id}).",
            "en": "You said you're not coming. Coming after all? Press 'Yes' on the card "
            "(/session {id}).",
        },
        "part_day1": {"nl": "dag 1", "en": "day 1"},
        "part_dinner": {"nl": "diner", "en": "dinner"},
        "part_overnight": {"nl": "overnachting", "en": "overnight"},
        "part_day2": {"nl": "dag 2", "en": "day 2"},
        "diet_vegetarian": {"nl": "vegetarisch", "en": "vegetarian"},
        "diet_vegan": {"nl": "veganistisch", "en": "vegan"},
        "diet_halal": {"nl": "halal", "en": "halal"},
        "diet_gluten_free": {"nl": "glutenvrij", "en": "gluten-free"},
        "diet_lactose_free": {"nl": "lactosevrij", "en": "lactose-free"},
        "diet_allergy": {"nl": "allergie", "en": "allergy"},
        "diet_none": {"nl": "geen", "en": "none"},
        "button_done": {"nl": "Klaar", "en": "Done"},
        "button_no_diet": {"nl": "Geen wensen", "en": "No needs"},
        "button_no_note": {"nl": "Geen opmerking", "en": "No note"},
        # -- rooms and the waiting list --
        "room_yes": {"nl": "je hebt een kamer", "en": "you have a room"},
        "room_waiting": {
            "nl": "Alle {rooms} kamers zijn vergeven: je staat op de wachtlijst (plaats "
            "{place}). Ik laat het je weten zodra er een kamer vrijkomt.",
            "en": "All {rooms} rooms are taken: you are on the waiting list (place {place}). "
            "I'll let you know as soon as a room comes free.",
        },
        "room_free": {
            "nl": "Goed nieuws: er is een hotelkamer vrijgekomen voor bijeenkomst {id} "
            "({when}). Je overnachting staat genoteerd. Toch niet nodig? Druk op "
            "'Overnachting: nee' op de kaart (/sessie {id}).",
            "en": "Good news: a hotel room came free for meeting {id} ({when}). Your "
            "overnight stay is noted. Not needed after all? Press 'Overnight: no' on the "
            "card (/session {id}).",
        },
        # -- the deadline --
        "deadline_passed": {
            "nl": "De aanmeldtermijn van bijeenkomst {id} is voorbij ({deadline}). Ik heb je "
            "wijziging als verzoek naar de organisatoren gestuurd; zij passen het aan en "
            "laten het je weten.",
            "en": "The sign-up deadline of meeting {id} has passed ({deadline}). I sent your "
            "change to the organisers as a request; they will change it and let you know.",
        },
        "deadline_ask_change": {
            "nl": "De aanmeldtermijn van bijeenkomst {id} is voorbij ({deadline}). Typ wat je "
            "wilt wijzigen, dan stuur ik het naar de organisatoren ('stop' stopt).",
            "en": "The sign-up deadline of meeting {id} has passed ({deadline}). Type what you "
            "want to change and I'll send it to the organisers ('stop' stops).",
        },
        "no_organisers": {
            "nl": "Er is nog geen organisator bekend bij mij; neem zelf contact op met de "
            "organisatie.",
            "en": "I don't know any organiser yet; please contact the organisers yourself.",
        },
        "request": {
            "nl": "Verzoek na de aanmeldtermijn van bijeenkomst {id} ({when}), van {name}: "
            "«{change}».\nNu genoteerd: {current}.\nAanpassen: /aanwezig {id} <naam> ja|nee, "
            "overzicht: /sessie {id} aanmeldingen.",
            "en": "Request after the sign-up deadline of meeting {id} ({when}), from {name}: "
            "«{change}».\nNoted now: {current}.\nTo change: /attendance {id} <name> yes|no, "
            "overview: /session {id} signups.",
        },
        "change_choice_ja": {"nl": "ja, ik kom", "en": "yes, I'm coming"},
        "change_choice_nee": {"nl": "nee, ik kom niet", "en": "no, I'm not coming"},
        "change_choice_misschien": {"nl": "misschien", "en": "maybe"},
        "change_choice_nacht-ja": {"nl": "overnachting: ja", "en": "overnight: yes"},
        "change_choice_nacht-nee": {"nl": "overnachting: nee", "en": "overnight: no"},
        "nothing_noted": {"nl": "nog niets", "en": "nothing yet"},
        "maybe_nudge": {
            "nl": "Je zei 'misschien' voor bijeenkomst {id}. Wil je vóór {deadline} beslissen? "
            "Daarna gaan wijzigingen via de organisatoren (en de hotelkamers zijn beperkt).",
            "en": "You said 'maybe' for meeting {id}. Could you decide before {deadline}? "
            "After that, changes go through the organisers (and hotel rooms are limited).",
        },
    }
)

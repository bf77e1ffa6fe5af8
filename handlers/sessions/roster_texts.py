"""The texts of who comes (/sessie <n> wie), the organisers' sign-up overview and CSV list,
the hotel settings (rooms, deadline) and erasing dietary needs."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        "who_header": {
            "nl": "Wie komen er naar bijeenkomst {id} ({when})?",
            "en": "Who is coming to meeting {id} ({when})?",
        },
        "who_yes": {"nl": "Ja ({count}): {names}", "en": "Yes ({count}): {names}"},
        "who_maybe": {"nl": "Misschien: {count}", "en": "Maybe: {count}"},
        "nobody": {"nl": "nog niemand", "en": "nobody yet"},
        "city_unknown": {"nl": "stad onbekend", "en": "city unknown"},
        "signups_header": {
            "nl": "Aanmeldingen voor bijeenkomst {id} ({when}): {yes} ja, {maybe} misschien, "
            "{no} nee, {silent} zonder antwoord.",
            "en": "Sign-ups for meeting {id} ({when}): {yes} yes, {maybe} maybe, {no} no, "
            "{silent} without an answer.",
        },
        "signups_rooms": {
            "nl": "Kamers: {taken} van {rooms} vergeven, {waiting} op de wachtlijst.",
            "en": "Rooms: {taken} of {rooms} taken, {waiting} on the waiting list.",
        },
        "signups_rooms_open": {
            "nl": "Overnachtingen: {taken} (geen kamerlimiet; /sessie {id} kamers <aantal>).",
            "en": "Overnight stays: {taken} (no room limit; /session {id} rooms <number>).",
        },
        "signups_deadline": {
            "nl": "Aanmeldtermijn: tot en met {deadline}.",
            "en": "Sign-up deadline: until {deadline}.",
        },
        "signups_no_deadline": {
            "nl": "Geen aanmeldtermijn (/sessie {id} hotel tot <datum>).",
            "en": "No sign-up deadline (/session {id} hotel until <date>).",
        },
        "signups_person": {"nl": "• {name}: {details}", "en": "• {name}: {details}"},
        "signups_room": {"nl": "kamer", "en": "room"},
        "signups_no_room": {"nl": "geen overnachting", "en": "no overnight stay"},
        "signups_waiting": {"nl": "wachtlijst {place}", "en": "waiting list {place}"},
        "signups_overnight_unknown": {"nl": "overnachting onbekend", "en": "overnight unknown"},
        "signups_diet": {"nl": "dieet: {diet}", "en": "diet: {diet}"},
        "signups_note": {"nl": "«{note}»", "en": "«{note}»"},
        "signups_coming": {"nl": "Ja:", "en": "Yes:"},
        "signups_maybe": {"nl": "Misschien:", "en": "Maybe:"},
        "signups_waiting_list": {"nl": "Wachtlijst: {names}", "en": "Waiting list: {names}"},
        "signups_no": {"nl": "Nee: {names}", "en": "No: {names}"},
        "signups_silent": {"nl": "Nog geen antwoord: {names}", "en": "No answer yet: {names}"},
        "diet_retention": {
            "nl": "Dieetwensen zijn gevoelige gegevens: ik wis ze 30 dagen na de bijeenkomst "
            "(rond {date}).",
            "en": "Dietary needs are sensitive data: I erase them 30 days after the meeting "
            "(around {date}).",
        },
        "list_text": {
            "nl": "Lijst voor hotel en catering van bijeenkomst {id}. Komen: {people}, "
            "overnachtingen: {nights} (misschien: {maybe} en wachtlijst: {waiting} staan er "
            "niet in). Alleen naam, organisatie, nachten en dieet; bewaar het bestand niet "
            "langer dan nodig.",
            "en": "List for the hotel and the caterer of meeting {id}. Coming: {people}, "
            "overnight stays: {nights} (maybe: {maybe} and waiting list: {waiting} are "
            "left out). Only name, organisation, nights and diet; keep the file no "
            "longer than needed.",
        },
        "list_file": {
            "nl": "deelnemers-bijeenkomst-{id}.csv",
            "en": "participants-meeting-{id}.csv",
        },
        "list_columns": {
            "nl": "naam,organisatie,nachten,dieet",
            "en": "name,organisation,nights,diet",
        },
        "hotel_usage": {
            "nl": "Bijeenkomst {id}: /sessie {id} hotel tot <datum> zet de aanmeldtermijn "
            "(bijvoorbeeld 'tot 20 januari'), /sessie {id} kamers <aantal> het aantal "
            "hotelkamers ('kamers geen' haalt de limiet weg).",
            "en": "Meeting {id}: /session {id} hotel until <date> sets the sign-up deadline "
            "(e.g. 'until 20 January'), /session {id} rooms <number> the number of hotel "
            "rooms ('rooms none' removes the limit).",
        },
        "deadline_set": {
            "nl": "Aanmeldtermijn van bijeenkomst {id}: tot en met {deadline}. Daarna gaan "
            "wijzigingen als verzoek naar de organisatoren. Wie 'misschien' zei, krijgt "
            "{nudge} een herinnering om te beslissen.",
            "en": "Sign-up deadline of meeting {id}: until {deadline}. After it, changes go "
            "to the organisers as a request. Those who said 'maybe' get a reminder to decide "
            "on {nudge}.",
        },
        "deadline_removed": {
            "nl": "Bijeenkomst {id} heeft geen aanmeldtermijn meer.",
            "en": "Meeting {id} no longer has a sign-up deadline.",
        },
        "deadline_bad": {
            "nl": "Die datum ken ik niet: '{text}'. Schrijf bijvoorbeeld: /sessie {id} hotel "
            "tot 20 januari.",
            "en": "I don't understand that date: '{text}'. Write e.g.: /session {id} hotel "
            "until 20 January.",
        },
        "deadline_past": {
            "nl": "De aanmeldtermijn moet in de toekomst liggen en vóór het begin van de "
            "bijeenkomst ({start}).",
            "en": "The sign-up deadline must be in the future and before the meeting begins "
            "({start}).",
        },
        "rooms_set": {
            "nl": "Hotelkamers voor bijeenkomst {id}: {rooms}. Vergeven: {taken}, op de "
            "wachtlijst: {waiting}.",
            "en": "Hotel rooms for meeting {id}: {rooms}. Taken: {taken}, on the waiting "
            "list: {waiting}.",
        },
        "rooms_over": {
            "nl": "Let op: er zijn al {taken} kamers vergeven, meer dan {rooms}. Niemand "
            "verliest zijn kamer; nieuwe aanvragen komen op de wachtlijst.",
            "en": "Note: {taken} rooms are already taken, more than {rooms}. Nobody loses "
            "their room; new requests join the waiting list.",
        },
        "rooms_moved_up": {
            "nl": "Van de wachtlijst naar een kamer: {count} (ik laat het ze weten).",
            "en": "From the waiting list to a room: {count} (I'll tell them).",
        },
        "rooms_open": {
            "nl": "Bijeenkomst {id} heeft geen kamerlimiet meer.",
            "en": "Meeting {id} no longer has a room limit.",
        },
        "rooms_bad": {
            "nl": "Geef een aantal kamers, bijvoorbeeld /sessie {id} kamers 10 (of 'kamers "
            "geen').",
            "en": "Give a number of rooms, e.g. /session {id} rooms 10 (or 'rooms none').",
        },
        "no_overnight": {
            "nl": "Bijeenkomst {id} heeft geen overnachting. Zet die aan met /sessie {id} "
            "wijzig overnachting ja.",
            "en": "Meeting {id} has no overnight stay. Switch it on with /session {id} "
            "change overnight yes.",
        },
    }
)

"""Texts of the sessions feature: /sessie, /sessies, RSVPs, /aanwezig, /omroep, reminders."""

from bot.core.i18n import Texts
from handlers.sessions.attendance_texts import ATTENDANCE_TEXTS

# {example} and {iso} are a date two weeks from today (planning.date_example), so that copying
# the example plans a meeting in the future.
DATE_EXAMPLE_NL = "Schrijf bijvoorbeeld {example} of {iso}."
DATE_EXAMPLE_EN = "Write for example {example} or {iso}."

TEXTS = Texts(
    {
        # -- the session card ---------------------------------------------------------------
        "card_title": {"nl": "Bijeenkomst {id}", "en": "Meeting {id}"},
        "card_when": {"nl": "Wanneer: {start} tot {end}", "en": "When: {start} until {end}"},
        "card_where": {"nl": "Waar: {place}", "en": "Where: {place}"},
        "card_theme": {"nl": "Thema: {theme}", "en": "Theme: {theme}"},
        "card_overnight": {
            "nl": "Met overnachting (diner en overnachting horen erbij).",
            "en": "With an overnight stay (dinner and the night are part of it).",
        },
        "card_cancelled": {
            "nl": "GEANNULEERD: deze bijeenkomst gaat niet door.",
            "en": "CANCELLED: this meeting will not take place.",
        },
        "card_counts": {
            "nl": "Aanmeldingen: {yes} ja, {maybe} misschien, {no} nee.",
            "en": "Replies: {yes} yes, {maybe} maybe, {no} no.",
        },
        "card_your_answer": {"nl": "Jouw antwoord: {answer}", "en": "Your answer: {answer}"},
        "card_your_overnight": {
            "nl": "Jouw overnachting: {answer}",
            "en": "Your overnight stay: {answer}",
        },
        "card_no_answer": {
            "nl": "Je hebt nog niet geantwoord. Kom je?",
            "en": "You haven't answered yet. Are you coming?",
        },
        "answer_yes": {"nl": "ja, ik kom", "en": "yes, I'm coming"},
        "answer_no": {"nl": "nee, ik kom niet", "en": "no, I'm not coming"},
        "answer_maybe": {"nl": "misschien", "en": "maybe"},
        "overnight_yes": {"nl": "ja, ik blijf slapen", "en": "yes, I'm staying the night"},
        "overnight_no": {"nl": "nee, ik blijf niet slapen", "en": "no, I'm not staying"},
        "overnight_unknown": {"nl": "nog niet bekend", "en": "not known yet"},
        "button_yes": {"nl": "Ja, ik kom", "en": "Yes, I'm coming"},
        "button_no": {"nl": "Nee", "en": "No"},
        "button_maybe": {"nl": "Misschien", "en": "Maybe"},
        "button_overnight_yes": {"nl": "Overnachting: ja", "en": "Overnight: yes"},
        "button_overnight_no": {"nl": "Overnachting: nee", "en": "Overnight: no"},
        "rsvp_saved": {"nl": "Genoteerd.", "en": "Noted."},
        "overnight_after_no": {
            "nl": "Je had gezegd dat je niet komt; dat blijft zo, en een overnachting heb ik "
            "niet genoteerd. Kom je toch? Druk dan op 'Ja, ik kom'.",
            "en": "You said you are not coming; that stays so, and I have noted no overnight "
            "stay. Coming after all? Then press 'Yes, I'm coming'.",
        },
        "overnight_without_answer": {
            "nl": "Je hebt nog niet gezegd of je komt; daar begin je mee.",
            "en": "You haven't said yet whether you are coming; start with that.",
        },
        "overnight_means_coming": {
            "nl": "Genoteerd: je komt en je blijft slapen.",
            "en": "Noted: you are coming and staying the night.",
        },
        "rsvp_over": {
            "nl": "Bijeenkomst {id} is voorbij (die begon {when}); aanmelden kan niet meer.",
            "en": "Meeting {id} is over (it began {when}); answering is no longer possible.",
        },
        "rsvp_cancelled": {
            "nl": "Bijeenkomst {id} ({when}) is geannuleerd; aanmelden kan niet meer.",
            "en": "Meeting {id} ({when}) has been cancelled; answering is no longer possible.",
        },
        "card_over": {
            "nl": "Deze bijeenkomst is voorbij.",
            "en": "This meeting is over.",
        },
        "rsvp_in_private": {
            "nl": "Of je komt, laat je me weten in een privégesprek (dan ziet de groep je "
            "antwoord niet): stuur me daar /sessie {id}.",
            "en": "Tell me whether you are coming in a private chat (so the group doesn't see "
            "your answer): send me /session {id} there.",
        },
        "rsvp_in_private_link": {
            "nl": "Of je komt, laat je me weten in een privégesprek (dan ziet de groep je "
            "antwoord niet): druk op de knop.",
            "en": "Tell me whether you are coming in a private chat (so the group doesn't see "
            "your answer): press the button.",
        },
        "button_answer_privately": {"nl": "Antwoord privé", "en": "Answer privately"},
        # -- /sessies ------------------------------------------------------------------------
        "none_upcoming": {
            "nl": "Er staan geen bijeenkomsten gepland.",
            "en": "No meetings are planned.",
        },
        "none_upcoming_organiser": {
            "nl": "Er staan geen bijeenkomsten gepland. Plan er een met "
            "/sessie nieuw {example} | Utrecht, wijk Zuilen | Durf | overnachting",
            "en": "No meetings are planned. Plan one with "
            "/session new {example} | Utrecht, Zuilen district | Courage | overnight",
        },
        "upcoming_header": {
            "nl": "De komende bijeenkomsten ({count}). Laat met de knoppen weten of je komt.",
            "en": "The coming meetings ({count}). Use the buttons to say whether you come.",
        },
        "upcoming_header_group": {
            "nl": "De komende bijeenkomsten ({count}). Of je komt laat je me privé weten.",
            "en": "The coming meetings ({count}). Tell me privately whether you come.",
        },
        # -- /sessie --------------------------------------------------------------------------
        "usage": {
            "nl": "Gebruik: /sessies (alle komende bijeenkomsten), /sessie <nummer> (details), "
            "/sessie <nummer> ics (agenda-bestand).",
            "en": "Usage: /sessions (all coming meetings), /session <number> (details), "
            "/session <number> ics (calendar file).",
        },
        "usage_organiser": {
            "nl": "Voor organisatoren: /sessie nieuw <datum tijd> | <plaats> | <thema> | "
            "overnachting, /sessie <nummer> wijzig datum|einde|plaats|thema|overnachting|"
            "programma <waarde>, /sessie <nummer> annuleer, /sessie <nummer> herinneringen "
            "14d 2d 3u, /sessie <nummer> tijdlijn, /sessie feed, /aanwezig <nummer>, "
            "/omroep <tekst>.",
            "en": "For organisers: /session new <date time> | <place> | <theme> | "
            "overnight, /session <number> change date|end|place|theme|overnight|"
            "programme <value>, /session <number> cancel, /session <number> reminders "
            "14d 2d 3h, /session <number> timeline, /session feed, /attendance <number>, "
            "/broadcast <text>.",
        },
        "not_found": {
            "nl": "Bijeenkomst {id} ken ik niet. Typ /sessies voor de komende bijeenkomsten.",
            "en": "I don't know meeting {id}. Type /sessions for the coming meetings.",
        },
        "unknown_action": {
            "nl": "'{action}' ken ik niet bij /sessie. Je kunt: ics, tijdlijn, wijzig, "
            "annuleer, herinneringen.",
            "en": "I don't know '{action}' for /session. You can use: ics, timeline, change, "
            "cancel, reminders.",
        },
        # Added to the shared "only organisers can do that".
        "organisers_hint": {
            "nl": "Je kunt wel /sessies en /sessie <nummer> gebruiken.",
            "en": "You can use /sessions and /session <number>.",
        },
        "ics_text": {
            "nl": "Het agenda-bestand voor bijeenkomst {id}. Open het om de bijeenkomst in je "
            "agenda te zetten.",
            "en": "The calendar file for meeting {id}. Open it to add the meeting to your "
            "calendar.",
        },
        "feed": {
            "nl": "De agenda-feed van de CoP (abonneer je agenda erop, dan verhuizen "
            "bijeenkomsten vanzelf mee):\n{url}\nDeel deze link alleen met deelnemers.",
            "en": "The CoP's calendar feed (subscribe your calendar to it and meetings move "
            "along by themselves):\n{url}\nShare this link with participants only.",
        },
        # -- creating -------------------------------------------------------------------------
        "bad_date": {
            "nl": "Ik begrijp de datum '{text}' niet. " + DATE_EXAMPLE_NL,
            "en": "I don't understand the date '{text}'. " + DATE_EXAMPLE_EN,
        },
        "no_time": {
            "nl": "Bij '{text}' mis ik de tijd. " + DATE_EXAMPLE_NL,
            "en": "'{text}' has no time. " + DATE_EXAMPLE_EN,
        },
        "too_far": {
            "nl": "{date} ligt meer dan {years} jaar vooruit; zo ver plan ik niet. Kijk de "
            "datum na en stuur het opnieuw.",
            "en": "{date} is more than {years} years ahead; I don't plan that far. Check the "
            "date and send it again.",
        },
        "wrong_weekday": {
            "nl": "In '{text}' klopt de dag niet: {date} is een {weekday}. Ik heb er nog niets "
            "mee gedaan; stuur het opnieuw met de goede dag of datum.",
            "en": "The day in '{text}' does not match: {date} is a {weekday}. I have done "
            "nothing with it yet; send it again with the right day or date.",
        },
        "date_past": {
            "nl": "{when} ligt in het verleden. Kies een datum in de toekomst.",
            "en": "{when} is in the past. Choose a date in the future.",
        },
        "ask_date": {
            "nl": "Wanneer begint de bijeenkomst? " + DATE_EXAMPLE_NL + " (Typ stop om te "
            "stoppen.)",
            "en": "When does the meeting start? " + DATE_EXAMPLE_EN + " (Type stop to stop.)",
        },
        "ask_place": {
            "nl": "Waar is de bijeenkomst? Bijvoorbeeld: Utrecht, wijk Zuilen.",
            "en": "Where is the meeting? For example: Utrecht, Zuilen district.",
        },
        "ask_theme": {
            "nl": "Wat is het thema? Bijvoorbeeld: Durf. (Typ - als er nog geen thema is.)",
            "en": "What is the theme? For example: Courage. (Type - when there is no theme yet.)",
        },
        "ask_overnight": {
            "nl": "Is er een overnachting?",
            "en": "Is there an overnight stay?",
        },
        "button_overnight_plan_yes": {"nl": "Ja, met overnachting", "en": "Yes, overnight"},
        "button_overnight_plan_no": {"nl": "Nee", "en": "No"},
        "yes_or_no": {
            "nl": "Antwoord ja of nee (of typ stop).",
            "en": "Answer yes or no (or type stop).",
        },
        "same_day_confirm": {
            "nl": "Op die dag staat al bijeenkomst {id} gepland ({when}, {place}). Wil je er "
            "toch nog een plannen?",
            "en": "Meeting {id} is already planned on that day ({when}, {place}). Do you want "
            "to plan another one anyway?",
        },
        "button_plan_anyway": {"nl": "Toch plannen", "en": "Plan anyway"},
        "button_plan_cancel": {"nl": "Niet plannen", "en": "Don't plan"},
        "plan_dropped": {
            "nl": "Niet gepland; er is niets veranderd.",
            "en": "Not planned; nothing has changed.",
        },
        "too_long": {
            "nl": "Dat is te lang (maximaal {max} tekens).",
            "en": "That is too long (at most {max} characters).",
        },
        "created": {
            "nl": "Bijeenkomst {id} staat gepland. Herinneringen gaan {offsets} vooraf naar "
            "alle deelnemers; wijzig dat met /sessie {id} herinneringen 14d 2d 3u. De hele "
            "tijdlijn: /sessie {id} tijdlijn.",
            "en": "Meeting {id} is planned. Reminders go to all participants {offsets} "
            "before; change that with /session {id} reminders 14d 2d 3h. The whole "
            "timeline: /session {id} timeline.",
        },
        # -- changing -------------------------------------------------------------------------
        "change_usage": {
            "nl": "Gebruik: /sessie {id} wijzig datum|einde|plaats|thema|overnachting|"
            "programma <waarde>, bijvoorbeeld /sessie {id} wijzig plaats Amersfoort, "
            "Kruiskamp.",
            "en": "Usage: /session {id} change date|end|place|theme|overnight|"
            "programme <value>, for example /session {id} change place Amersfoort, Kruiskamp.",
        },
        "changed": {
            "nl": "Aangepast: {field} van bijeenkomst {id}.",
            "en": "Changed: {field} of meeting {id}.",
        },
        "field_datum": {"nl": "de datum", "en": "the date"},
        "field_einde": {"nl": "het einde", "en": "the end"},
        "field_plaats": {"nl": "de plaats", "en": "the place"},
        "field_thema": {"nl": "het thema", "en": "the theme"},
        "field_overnachting": {"nl": "de overnachting", "en": "the overnight stay"},
        "field_programma": {"nl": "het programma", "en": "the programme"},
        "end_before_start": {
            "nl": "Het einde moet na het begin liggen ({start}).",
            "en": "The end must be after the start ({start}).",
        },
        "moved_notice": {
            "nl": "Let op: bijeenkomst {id} is verplaatst naar {when}.",
            "en": "Please note: meeting {id} has moved to {when}.",
        },
        "already_cancelled": {
            "nl": "Bijeenkomst {id} is al geannuleerd.",
            "en": "Meeting {id} has already been cancelled.",
        },
        "cancel_confirm": {
            "nl": "Weet je zeker dat je bijeenkomst {id} ({when}) wilt annuleren? {count} "
            "aangemelde deelnemers en {silent} die nog niet antwoordden krijgen bericht.",
            "en": "Are you sure you want to cancel meeting {id} ({when})? {count} "
            "participants who signed up and {silent} who have not answered yet will be told.",
        },
        "cancel_confirm_one": {
            "nl": "Weet je zeker dat je bijeenkomst {id} ({when}) wilt annuleren? {count} "
            "aangemelde deelnemer en {silent} die nog niet antwoordden krijgen bericht.",
            "en": "Are you sure you want to cancel meeting {id} ({when})? {count} "
            "participant who signed up and {silent} who have not answered yet will be told.",
        },
        "button_cancel_yes": {"nl": "Ja, annuleer", "en": "Yes, cancel"},
        "button_cancel_no": {"nl": "Nee, laat staan", "en": "No, keep it"},
        "cancelled": {
            "nl": "Bijeenkomst {id} is geannuleerd. {count} deelnemers krijgen bericht.",
            "en": "Meeting {id} has been cancelled. {count} participants will be told.",
        },
        "cancelled_one": {
            "nl": "Bijeenkomst {id} is geannuleerd. {count} deelnemer krijgt bericht.",
            "en": "Meeting {id} has been cancelled. {count} participant will be told.",
        },
        "cancel_kept": {
            "nl": "Bijeenkomst {id} blijft staan.",
            "en": "Meeting {id} stays as planned.",
        },
        "cancel_notice": {
            "nl": "Bijeenkomst {id} van {when} in {place} gaat helaas niet door.",
            "en": "Unfortunately meeting {id} on {when} in {place} has been cancelled.",
        },
        # -- reminders and timeline ----------------------------------------------------------
        "offsets_usage": {
            "nl": "Ik begrijp '{text}' niet als herinneringstijd. Gebruik bijvoorbeeld "
            "/sessie {id} herinneringen 14d 2d 3u (d = dagen, u = uur, m = minuten).",
            "en": "I don't understand '{text}' as a reminder time. Use for example "
            "/session {id} reminders 14d 2d 3h (d = days, h = hours, m = minutes).",
        },
        "offsets_saved": {
            "nl": "Herinneringen voor bijeenkomst {id}: {offsets} vooraf.",
            "en": "Reminders for meeting {id}: {offsets} before.",
        },
        "and": {"nl": "en", "en": "and"},
        "timeline_header": {
            "nl": "Tijdlijn van bijeenkomst {id} ({when}):",
            "en": "Timeline of meeting {id} ({when}):",
        },
        "timeline_line": {
            "nl": "{when}: {label}{offset} ({status})",
            "en": "{when}: {label}{offset} ({status})",
        },
        "timeline_offset": {"nl": ", {offset} vooraf", "en": ", {offset} before"},
        "timeline_offset_after": {
            "nl": ", {offset} na afloop, op een werkdag",
            "en": ", {offset} after the end, on a working day",
        },
        "timeline_empty": {
            "nl": "Deze bijeenkomst heeft geen stappen op de tijdlijn.",
            "en": "This meeting has no steps on its timeline.",
        },
        "status_pending": {"nl": "gepland", "en": "scheduled"},
        "status_done": {"nl": "gedaan", "en": "done"},
        "status_skipped": {"nl": "overgeslagen", "en": "skipped"},
        "status_failed": {"nl": "mislukt", "en": "failed"},
        "status_not-scheduled": {
            "nl": "niet gepland, lag al in het verleden",
            "en": "not scheduled, it was already past",
        },
        "reminder": {
            "nl": "Herinnering: over {when} begint bijeenkomst {id} van de CoP wijkenaanpak.",
            "en": "Reminder: meeting {id} of the CoP wijkenaanpak starts in {when}.",
        },
        "nudge": {
            "nl": "We hebben nog niets van je gehoord over bijeenkomst {id} over een week. "
            "Kom je? Laat het weten met de knoppen; dat helpt bij het plannen van zaal, diner "
            "en overnachting.",
            "en": "We haven't heard from you about meeting {id}, a week from now. Are you "
            "coming? Let us know with the buttons; it helps planning the room, dinner and the "
            "overnight stay.",
        },
        "logistics": {
            "nl": "Morgen is het zover: bijeenkomst {id} van de CoP wijkenaanpak.",
            "en": "Tomorrow is the day: meeting {id} of the CoP wijkenaanpak.",
        },
        "logistics_overnight_yes": {
            "nl": "Je blijft slapen; neem je spullen voor de overnachting mee.",
            "en": "You are staying the night; bring your things for the overnight stay.",
        },
        "logistics_overnight_no": {
            "nl": "Je hebt aangegeven niet te blijven slapen.",
            "en": "You said you will not stay the night.",
        },
        "logistics_programme": {"nl": "Programma:\n{programme}", "en": "Programme:\n{programme}"},
        "logistics_outro": {
            "nl": "Kun je toch niet? Laat het even weten met de knoppen.",
            "en": "Can't make it after all? Please let us know with the buttons.",
        },
        **ATTENDANCE_TEXTS,
    }
)

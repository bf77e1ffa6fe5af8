"""Words of the meetings pages (keys start with meetings_, meeting_, col_ or status_)."""

WORDS: dict[str, dict[str, str]] = {
    "meetings_title": {"nl": "Bijeenkomsten", "en": "Meetings"},
    "meetings_upcoming": {"nl": "Komend", "en": "Upcoming"},
    "meetings_past": {"nl": "Geweest", "en": "Past"},
    "meetings_none": {
        "nl": "Nog geen bijeenkomsten. Plan er een met /sessie nieuw in de chat.",
        "en": "No meetings yet. Plan one with /session new in the chat.",
    },
    "col_number": {"nl": "Nr.", "en": "No."},
    "col_date": {"nl": "Datum", "en": "Date"},
    "col_place": {"nl": "Plaats", "en": "Place"},
    "col_theme": {"nl": "Thema", "en": "Theme"},
    "col_yes": {"nl": "Komen", "en": "Coming"},
    "col_status": {"nl": "Status", "en": "Status"},
    "status_planned": {"nl": "gepland", "en": "planned"},
    "status_cancelled": {"nl": "afgelast", "en": "cancelled"},
    "status_done": {"nl": "geweest", "en": "held"},
    # -- one meeting --
    "meeting_title": {"nl": "Bijeenkomst {id}", "en": "Meeting {id}"},
    "meeting_facts": {"nl": "Gegevens", "en": "Details"},
    "meeting_when": {"nl": "Wanneer", "en": "When"},
    "meeting_place": {"nl": "Waar", "en": "Where"},
    "meeting_theme": {"nl": "Thema", "en": "Theme"},
    "meeting_overnight": {"nl": "Overnachting", "en": "Overnight stay"},
    "meeting_rooms": {"nl": "Hotelkamers", "en": "Hotel rooms"},
    "meeting_rooms_open": {"nl": "geen limiet", "en": "no limit"},
    "meeting_deadline": {"nl": "Aanmelden tot en met", "en": "Sign up until"},
    "meeting_no_deadline": {"nl": "geen termijn", "en": "no deadline"},
    "meeting_state": {"nl": "Status", "en": "Status"},
    "meeting_yes": {"nl": "ja", "en": "yes"},
    "meeting_no": {"nl": "nee", "en": "no"},
    "meeting_none": {"nl": "–", "en": "–"},
    "meeting_counts": {"nl": "Aantallen", "en": "Numbers"},
    "meeting_answers": {"nl": "Antwoorden", "en": "Answers"},
    "meeting_count_yes": {"nl": "Komen", "en": "Coming"},
    "meeting_count_maybe": {"nl": "Misschien", "en": "Maybe"},
    "meeting_count_no": {"nl": "Komen niet", "en": "Not coming"},
    "meeting_count_silent": {"nl": "Nog geen antwoord", "en": "No answer yet"},
    "meeting_count_rooms": {"nl": "Kamers vergeven", "en": "Rooms taken"},
    "meeting_count_waiting": {"nl": "Op de wachtlijst", "en": "On the waiting list"},
    "meeting_parts": {"nl": "Per onderdeel (wie ja zei)", "en": "Per part (those who said yes)"},
    "meeting_diets": {
        "nl": "Dieetwensen (wie ja zei)",
        "en": "Dietary needs (those who said yes)",
    },
    "meeting_no_diets": {"nl": "Geen dieetwensen.", "en": "No dietary needs."},
    "meeting_what": {"nl": "Wat", "en": "What"},
    "meeting_number": {"nl": "Aantal", "en": "Number"},
    "meeting_rsvps": {"nl": "Aanmeldingen", "en": "Sign-ups"},
    "meeting_no_rsvps": {
        "nl": "Nog niemand heeft geantwoord.",
        "en": "Nobody has answered yet.",
    },
    "meeting_col_name": {"nl": "Naam", "en": "Name"},
    "meeting_col_city": {"nl": "Stad", "en": "City"},
    "meeting_col_answer": {"nl": "Antwoord", "en": "Answer"},
    "meeting_col_parts": {"nl": "Onderdelen", "en": "Parts"},
    "meeting_col_overnight": {"nl": "Overnachting", "en": "Overnight"},
    "meeting_col_diet": {"nl": "Dieet", "en": "Diet"},
    "meeting_col_note": {"nl": "Opmerking", "en": "Note"},
    "meeting_answer_yes": {"nl": "ja", "en": "yes"},
    "meeting_answer_maybe": {"nl": "misschien", "en": "maybe"},
    "meeting_answer_no": {"nl": "nee", "en": "no"},
    "meeting_night_room": {"nl": "kamer", "en": "room"},
    "meeting_night_waiting": {"nl": "wachtlijst {place}", "en": "waiting list {place}"},
    "meeting_night_no_room": {"nl": "geen overnachting", "en": "no overnight stay"},
    "meeting_night_unknown": {"nl": "onbekend", "en": "unknown"},
    "meeting_waiting": {"nl": "Wachtlijst", "en": "Waiting list"},
    "meeting_waiting_none": {
        "nl": "Niemand wacht op een kamer.",
        "en": "Nobody is waiting for a room.",
    },
    "meeting_waiting_since": {"nl": "wacht sinds {since}", "en": "waiting since {since}"},
    "meeting_hotel": {
        "nl": "Lijst voor hotel en catering",
        "en": "List for the hotel and caterer",
    },
    "meeting_hotel_link": {
        "nl": "Download de CSV (komen: {people}, overnachtingen: {nights})",
        "en": "Download the CSV (coming: {people}, overnight stays: {nights})",
    },
    "meeting_hotel_note": {
        "nl": "Alleen wie ja zei: naam, organisatie, nachten en dieet. Misschien ({maybe}) en "
        "de wachtlijst ({waiting}) staan er niet in. Bewaar het bestand niet langer dan nodig.",
        "en": "Only those who said yes: name, organisation, nights and diet. Maybe ({maybe}) "
        "and the waiting list ({waiting}) are left out. Keep the file no longer than needed.",
    },
    "meeting_programme": {"nl": "Programma", "en": "Programme"},
    "meeting_programme_empty": {
        "nl": "Nog geen programma. Het voorbereidingsgroepje bouwt het met /programma in de chat.",
        "en": "No programme yet. The preparation group builds it with /programme in the chat.",
    },
    "meeting_day": {"nl": "Dag {n}: {date}", "en": "Day {n}: {date}"},
    "meeting_day_empty": {"nl": "Nog niets.", "en": "Nothing yet."},
    # -- the timeline --
    "meeting_timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    "meeting_timeline_none": {
        "nl": "Er staan geen stappen gepland voor deze bijeenkomst.",
        "en": "No steps are scheduled for this meeting.",
    },
    "meeting_col_due": {"nl": "Wanneer", "en": "When"},
    "meeting_col_step": {"nl": "Stap", "en": "Step"},
    "meeting_col_state": {"nl": "Stand", "en": "State"},
    "meeting_col_action": {"nl": "Actie", "en": "Action"},
    "meeting_offset_before": {"nl": "{offset} vooraf", "en": "{offset} before"},
    "meeting_offset_after": {"nl": "{offset} erna", "en": "{offset} after"},
    "meeting_step_pending": {"nl": "gepland", "en": "pending"},
    "meeting_step_done": {"nl": "verstuurd", "en": "done"},
    "meeting_step_skipped": {"nl": "overgeslagen", "en": "skipped"},
    "meeting_step_failed": {"nl": "mislukt", "en": "failed"},
    "meeting_step_error": {"nl": "fout: {error}", "en": "error: {error}"},
    "meeting_step_missed": {
        "nl": "te laat: de bot liep niet toen deze stap aan de beurt was",
        "en": "too late: the bot was not running when this step was due",
    },
    # The meeting's own jobs that are no timeline step (by kind).
    "meeting_job_poll-nudge": {
        "nl": "agendapeiling: wie nog niet stemde herinneren",
        "en": "agenda vote: remind who has not voted",
    },
    "meeting_job_poll-deadline": {
        "nl": "agendapeiling: stemmen sluiten",
        "en": "agenda vote: voting closes",
    },
    "meeting_job_poll-refresh": {
        "nl": "agendapeiling: stand in de groep bijwerken",
        "en": "agenda vote: update the count in the group",
    },
    "meeting_step_retrying": {
        "nl": "mislukt na {attempts} poging(en), probeert het opnieuw: {error}",
        "en": "failed after {attempts} attempt(s), will try again: {error}",
    },
    "meeting_step_send_now": {"nl": "Nu versturen", "en": "Send now"},
    "meeting_step_send_now_label": {"nl": "Nu versturen: {step}", "en": "Send now: {step}"},
    # -- send now --
    "meeting_send_title": {"nl": "Nu versturen", "en": "Send now"},
    "meeting_send_what": {
        "nl": "Stap: {step}, van bijeenkomst {id} ({when}). Gepland voor {due}.",
        "en": "Step: {step}, of meeting {id} ({when}). Scheduled for {due}.",
    },
    "meeting_send_whom": {
        "nl": "Aan wie: zoals de stap zegt ({step}). Wie precies, bepaalt de stap op het "
        "moment dat hij loopt. Nu: {active} deelnemers in de chat, {coming} komen (ja of "
        "misschien), {silent} zonder antwoord.",
        "en": "To whom: as the step says ({step}). Exactly who is decided by the step when it "
        "runs. Now: {active} participants in the chat, {coming} coming (yes or maybe), "
        "{silent} without an answer.",
    },
    "meeting_send_real": {
        "nl": "Wat de stap verstuurt, gaat echt naar de deelnemers, en maar één keer: daarna "
        "loopt hij niet meer op {due}.",
        "en": "What the step sends goes to the participants for real, and only once: it will "
        "not run again on {due}.",
    },
    "meeting_send_sure": {"nl": "Weet je het zeker?", "en": "Are you sure?"},
    "meeting_send_confirm": {"nl": "Ja, nu versturen", "en": "Yes, send now"},
    "meeting_send_back": {"nl": "Nee, terug naar de bijeenkomst", "en": "No, back to the meeting"},
    "meeting_send_not_pending": {
        "nl": "Deze stap staat niet (meer) klaar: hij is al gelopen, overgeslagen of "
        "weggehaald. Er wordt niets verstuurd.",
        "en": "This step is not (or no longer) waiting: it already ran, was skipped or "
        "removed. Nothing is sent.",
    },
    "meeting_notice_done": {
        "nl": "De stap is gelopen; de berichten staan klaar en gaan nu de deur uit.",
        "en": "The step ran; its messages are queued and are going out now.",
    },
    "meeting_notice_failed": {
        "nl": "De stap is mislukt; zie de fout in de tijdlijn.",
        "en": "The step failed; see the error in the timeline.",
    },
    "meeting_notice_pending": {
        "nl": "De stap lukte nu niet; ik probeer het straks opnieuw (zie de tijdlijn).",
        "en": "The step failed this time; I will try again shortly (see the timeline).",
    },
    "meeting_notice_skipped": {
        "nl": "De stap is overgeslagen (de bijeenkomst is afgelast of voorbij).",
        "en": "The step was skipped (the meeting is cancelled or over).",
    },
    "meeting_notice_claimed": {
        "nl": "De bot is net zelf met deze stap bezig; er is niets extra verstuurd.",
        "en": "The bot is running this step itself right now; nothing extra was sent.",
    },
    "meeting_notice_not_pending": {
        "nl": "Deze stap stond niet meer klaar: er is niets (opnieuw) verstuurd.",
        "en": "This step was no longer waiting: nothing was sent (again).",
    },
}

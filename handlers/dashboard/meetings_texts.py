"""Words of the meetings pages (keys start with meetings_, col_ or status_)."""

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
}

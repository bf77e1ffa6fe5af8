"""Texts of the organiser's overview: the /dashboard command and the pages' shared frame.

Each page keeps its words in <page>_texts.py under its own prefix ("meetings_", "agenda_",
...); they are joined here into the one table the templates read (a key used twice fails).
"""

from bot.core.i18n import Texts, language_of
from handlers.dashboard.agenda_texts import WORDS as AGENDA
from handlers.dashboard.books_texts import WORDS as BOOKS
from handlers.dashboard.buddies_texts import WORDS as BUDDIES
from handlers.dashboard.meetings_texts import WORDS as MEETINGS
from handlers.dashboard.messages_texts import WORDS as MESSAGES
from handlers.dashboard.pulse_texts import WORDS as PULSE


def language(code: str | None) -> str:
    return language_of(code)


FRAME: dict[str, dict[str, str]] = {
    # -- the command in the chat --
    "help": {
        "nl": "het overzicht voor organisatoren in je browser (een link voor één keer)",
        "en": "the organisers' overview in your browser (a link for one use)",
    },
    "link": {
        "nl": "Je overzicht: {url}\n\nDe link werkt één keer en is 15 minuten geldig; "
        "daarna blijf je 8 uur ingelogd in die browser. Deel hem met niemand.",
        "en": "Your overview: {url}\n\nThe link works once and for 15 minutes; after "
        "that you stay signed in for 8 hours in that browser. Share it with no one.",
    },
    "private_only": {
        "nl": "Het overzicht stuur ik alleen in een privégesprek: stuur me daar /dashboard.",
        "en": "I send the overview only in a private chat: send me /dashboard there.",
    },
    "no_public_url": {
        "nl": "Het overzicht staat nog niet aan: wie de bot beheert, zet COPBOT_PUBLIC_URL "
        "op het adres waarop de bot bereikbaar is.",
        "en": "The overview is not switched on yet: whoever runs the bot sets "
        "COPBOT_PUBLIC_URL to the address the bot is reached at.",
    },
    # -- the frame of every page --
    "title": {"nl": "Overzicht CoP wijkenaanpak", "en": "Overview CoP wijkenaanpak"},
    "skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav_label": {"nl": "Onderdelen", "en": "Sections"},
    "nav_meetings": {"nl": "Bijeenkomsten", "en": "Meetings"},
    "nav_agenda": {"nl": "Agenda", "en": "Agenda"},
    "nav_buddies": {"nl": "Maatjes", "en": "Buddies"},
    "nav_pulse": {"nl": "Puls", "en": "Pulse"},
    "nav_messages": {"nl": "Berichten", "en": "Messages"},
    "nav_books": {"nl": "Boeken", "en": "Books"},
    "meeting_line": {
        "nl": "Bijeenkomst {id}: {date}, {place}",
        "en": "Meeting {id}: {date}, {place}",
    },
    "signed_in": {"nl": "Ingelogd als {name}", "en": "Signed in as {name}"},
    "sign_out": {"nl": "Uitloggen", "en": "Sign out"},
    "signed_out": {
        "nl": "Je bent uitgelogd. Een nieuwe link vraag je met /dashboard in de chat.",
        "en": "You are signed out. Ask for a new link with /dashboard in the chat.",
    },
    # -- signing in --
    "login_title": {"nl": "Overzicht openen", "en": "Open the overview"},
    "login_text": {
        "nl": "Deze link werkt één keer. Open het overzicht in deze browser; je blijft "
        "8 uur ingelogd.",
        "en": "This link works once. Open the overview in this browser; you stay signed "
        "in for 8 hours.",
    },
    "login_button": {"nl": "Open het overzicht", "en": "Open the overview"},
    "refused_title": {"nl": "Geen toegang", "en": "No access"},
    "refused_used": {
        "nl": "Deze link is al gebruikt. Een link werkt één keer: vraag een nieuwe met "
        "/dashboard in de chat.",
        "en": "This link was already used. A link works once: ask for a new one with "
        "/dashboard in the chat.",
    },
    "refused_expired": {
        "nl": "Deze link is verlopen (hij is 15 minuten geldig). Vraag een nieuwe met "
        "/dashboard in de chat.",
        "en": "This link has expired (it is valid for 15 minutes). Ask for a new one with "
        "/dashboard in the chat.",
    },
    "refused_unknown": {
        "nl": "Deze link ken ik niet, of hij hoort bij iemand die geen organisator is. "
        "Organisatoren vragen een link met /dashboard in de chat.",
        "en": "I don't know this link, or it belongs to someone who is no organiser. "
        "Organisers ask for a link with /dashboard in the chat.",
    },
    "refused_no_session": {
        "nl": "Je bent niet (meer) ingelogd, of je bent geen organisator. Organisatoren "
        "vragen een link met /dashboard in de chat.",
        "en": "You are not (or no longer) signed in, or you are no organiser. Organisers "
        "ask for a link with /dashboard in the chat.",
    },
    "refused_csrf": {
        "nl": "Dit formulier kwam niet van deze pagina (of is verouderd). Laad de pagina "
        "opnieuw en probeer het nog eens.",
        "en": "This form did not come from this page (or is out of date). Reload the "
        "page and try again.",
    },
    "error_title": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    "error_text": {
        "nl": "Sorry, deze pagina lukte niet. Probeer het zo opnieuw; blijft het gebeuren, "
        "noem dan deze code aan wie de bot beheert: {reference}",
        "en": "Sorry, this page failed. Try again in a moment; if it keeps happening, "
        "give whoever runs the bot this code: {reference}",
    },
    "not_found": {
        "nl": "Dat staat hier niet (meer). Kies hierboven een onderdeel.",
        "en": "That is not (or no longer) here. Choose a section above.",
    },
}


def _joined(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    joined: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = joined.keys() & table.keys()
        if twice:
            raise ValueError(f"dashboard texts defined twice: {sorted(twice)}")
        joined.update(table)
    return joined


TEXTS = Texts(_joined(FRAME, MEETINGS, AGENDA, PULSE, BUDDIES, MESSAGES, BOOKS))

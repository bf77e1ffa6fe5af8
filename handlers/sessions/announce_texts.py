"""Texts of the save-the-date, the change and cancel notices, and the personal calendar feed."""

from bot.core.i18n import Texts

ANNOUNCE_TEXTS = Texts(
    {
        "save_the_date": {
            "nl": "Save the date: bijeenkomst {id} van de CoP wijkenaanpak staat gepland. Laat "
            "met de knoppen weten of je komt; het agenda-bestand zit erbij.",
            "en": "Save the date: meeting {id} of the CoP wijkenaanpak is planned. Let us know "
            "with the buttons whether you are coming; the calendar file is attached.",
        },
        "announced": {
            "nl": "Aangekondigd aan {count} deelnemers, met de aanmeldknoppen en het "
            "agenda-bestand.",
            "en": "Announced to {count} participants, with the sign-up buttons and the "
            "calendar file.",
        },
        "announced_one": {
            "nl": "Aangekondigd aan {count} deelnemer, met de aanmeldknoppen en het "
            "agenda-bestand.",
            "en": "Announced to {count} participant, with the sign-up buttons and the "
            "calendar file.",
        },
        "changed_notice": {
            "nl": "Let op: bijeenkomst {id} is gewijzigd.\n{changes}",
            "en": "Please note: meeting {id} has changed.\n{changes}",
        },
        "change_line": {"nl": "{what}: {old} → {new}", "en": "{what}: {old} → {new}"},
        "what_when": {"nl": "Wanneer", "en": "When"},
        "what_end": {"nl": "Tot", "en": "Until"},
        "what_place": {"nl": "Waar", "en": "Where"},
        "told": {
            "nl": "{count} deelnemers die niet hebben afgezegd krijgen bericht (oud → nieuw).",
            "en": "{count} participants who have not declined will be told (old → new).",
        },
        "told_one": {
            "nl": "{count} deelnemer die niet heeft afgezegd krijgt bericht (oud → nieuw).",
            "en": "{count} participant who has not declined will be told (old → new).",
        },
        "nothing": {"nl": "(niets)", "en": "(nothing)"},
        "feed_personal": {
            "nl": "Jouw eigen agenda-feed, met alleen de bijeenkomsten waarvoor je ja of "
            "misschien hebt gezegd (abonneer je agenda erop; wijzigingen komen vanzelf mee):\n"
            "{url}\nDeze link is persoonlijk: deel hem niet.",
            "en": "Your own calendar feed, with only the meetings you said yes or maybe to "
            "(subscribe your calendar to it; changes follow by themselves):\n{url}\n"
            "This link is personal: don't share it.",
        },
        "feed_in_private": {
            "nl": "Je eigen agenda-feed krijg je in een privégesprek: stuur me daar /sessie feed.",
            "en": "You get your own calendar feed in a private chat: send me /session feed there.",
        },
    }
)

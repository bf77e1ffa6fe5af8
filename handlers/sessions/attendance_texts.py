"""Texts of /aanwezig and /omroep, part of the sessions feature's TEXTS (texts.py)."""

ATTENDANCE_TEXTS: dict[str, dict[str, str]] = {
    # -- /aanwezig -----------------------------------------------------------------------
    "attendance_usage": {
        "nl": "Gebruik: /aanwezig <nummer> (wie komt), of /aanwezig <nummer> @naam ja|nee "
        "om de aanwezigheid te corrigeren.",
        "en": "Usage: /attendance <number> (who comes), or /attendance <number> @name "
        "yes|no to correct attendance.",
    },
    "attendance_header": {
        "nl": "Bijeenkomst {id} ({when}):",
        "en": "Meeting {id} ({when}):",
    },
    "attendance_yes": {"nl": "Komen ({count}): {names}", "en": "Coming ({count}): {names}"},
    "attendance_maybe": {
        "nl": "Misschien ({count}): {names}",
        "en": "Maybe ({count}): {names}",
    },
    "attendance_no": {
        "nl": "Komen niet ({count}): {names}",
        "en": "Not coming ({count}): {names}",
    },
    "attendance_none": {
        "nl": "Nog geen antwoord ({count}): {names}",
        "en": "No answer yet ({count}): {names}",
    },
    "attendance_overnight": {
        "nl": "Overnachting: {count} blijven slapen ({unknown} nog onbekend).",
        "en": "Overnight: {count} staying ({unknown} not known yet).",
    },
    "attendance_yes_past": {
        "nl": "Hadden ja gezegd ({count}): {names}",
        "en": "Had said yes ({count}): {names}",
    },
    "attendance_maybe_past": {
        "nl": "Hadden misschien gezegd ({count}): {names}",
        "en": "Had said maybe ({count}): {names}",
    },
    "attendance_no_past": {
        "nl": "Hadden afgezegd ({count}): {names}",
        "en": "Had said no ({count}): {names}",
    },
    "attendance_none_past": {
        "nl": "Hadden niet geantwoord ({count}): {names}",
        "en": "Had not answered ({count}): {names}",
    },
    "attendance_overnight_past": {
        "nl": "Overnachting: {count} zouden blijven slapen ({unknown} onbekend).",
        "en": "Overnight: {count} were to stay ({unknown} not known).",
    },
    "attendance_present": {
        "nl": "Aanwezig geweest ({count}): {names}",
        "en": "Were there ({count}): {names}",
    },
    "nobody": {"nl": "niemand", "en": "nobody"},
    "attendance_set": {
        "nl": "Genoteerd: {name} was {answer} bij bijeenkomst {id}.",
        "en": "Noted: {name} was {answer} at meeting {id}.",
    },
    "attendance_planned": {
        "nl": "Genoteerd: {name} {answer} bij bijeenkomst {id}.",
        "en": "Noted: {name} {answer} at meeting {id}.",
    },
    "present": {"nl": "aanwezig", "en": "present"},
    "absent": {"nl": "afwezig", "en": "absent"},
    "comes": {"nl": "komt", "en": "comes"},
    "does_not_come": {"nl": "komt niet", "en": "does not come"},
    "person_not_found": {
        "nl": "Ik vind niemand die {who} heet.",
        "en": "I can't find anyone called {who}.",
    },
    # -- /omroep -------------------------------------------------------------------------
    "broadcast_usage": {
        "nl": "Gebruik: /omroep <tekst>. Je ziet eerst hoeveel deelnemers het krijgen.",
        "en": "Usage: /broadcast <text>. You first see how many participants will get it.",
    },
    "broadcast_too_long": {
        "nl": "Dat bericht is te lang (maximaal {max} tekens).",
        "en": "That message is too long (at most {max} characters).",
    },
    "broadcast_confirm": {
        "nl": "Dit bericht gaat naar {count} deelnemers:\n\n{text}\n\nVersturen?",
        "en": "This message goes to {count} participants:\n\n{text}\n\nSend it?",
    },
    "broadcast_confirm_one": {
        "nl": "Dit bericht gaat naar {count} deelnemer:\n\n{text}\n\nVersturen?",
        "en": "This message goes to {count} participant:\n\n{text}\n\nSend it?",
    },
    "button_send": {"nl": "Verstuur", "en": "Send"},
    "button_cancel": {"nl": "Annuleer", "en": "Cancel"},
    "broadcast_sent": {
        "nl": "Verstuurd naar {count} deelnemers.",
        "en": "Sent to {count} participants.",
    },
    "broadcast_sent_one": {
        "nl": "Verstuurd naar {count} deelnemer.",
        "en": "Sent to {count} participant.",
    },
    "broadcast_cancelled": {
        "nl": "Niet verstuurd.",
        "en": "Not sent.",
    },
    "broadcast_gone": {
        "nl": "Dit bericht is al verstuurd of geannuleerd.",
        "en": "This message has already been sent or cancelled.",
    },
    "broadcast_message": {
        "nl": "{text}\n\n({name}, namens de organisatie van de CoP wijkenaanpak)",
        "en": "{text}\n\n({name}, on behalf of the organisers of the CoP wijkenaanpak)",
    },
}

"""Texts of the organisers' notice about messages that may not have arrived."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        "notice": {
            "nl": "Na een herstart weet ik van {count} bericht(en) niet of ze zijn aangekomen "
            "(ze waren onderweg toen ik stopte). Het gaat om:\n{lines}\n\n"
            "Opnieuw versturen kan; wie het al had, krijgt het dan twee keer.",
            "en": "After a restart I cannot tell whether {count} message(s) arrived (they were "
            "on their way when I stopped). They are:\n{lines}\n\n"
            "You can send them once more; whoever already had one then gets it twice.",
        },
        "line": {"nl": "• {name}: {kind}", "en": "• {name}: {kind}"},
        "nobody": {"nl": "(een chat)", "en": "(a chat)"},
        "button_resend": {"nl": "Opnieuw versturen", "en": "Send once more"},
        "resent": {
            "nl": "{count} bericht(en) gaan opnieuw de deur uit; wie ze al had, krijgt ze "
            "twee keer.",
            "en": "{count} message(s) go out once more; whoever already had them gets them twice.",
        },
        "already": {
            "nl": "Die berichten zijn al opnieuw verstuurd (of niet meer onzeker).",
            "en": "Those messages were already sent once more (or are no longer uncertain).",
        },
        "hint": {
            "nl": "Vraag een organisator om ze opnieuw te versturen.",
            "en": "Ask an organiser to send them once more.",
        },
    }
)

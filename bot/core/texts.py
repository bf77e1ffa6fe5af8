"""Texts of the dispatcher itself: errors, unknown commands, role refusals."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        "error": {
            "nl": "Sorry, daar ging iets mis aan mijn kant. Probeer het later nog eens; "
            "noem bij de organisatoren deze code: {ref}.",
            "en": "Sorry, something went wrong on my side. Please try again later; "
            "mention this code to the organisers: {ref}.",
        },
        "unknown": {
            "nl": "Het commando /{name} ken ik niet. Typ /help voor wat ik kan.",
            "en": "I don't know the command /{name}. Type /help to see what I can do.",
        },
        "unknown_with_suggestion": {
            "nl": "Het commando /{name} ken ik niet. Bedoelde je /{suggestion}? "
            "Typ /help voor wat ik kan.",
            "en": "I don't know the command /{name}. Did you mean /{suggestion}? "
            "Type /help to see what I can do.",
        },
        "empty_command": {
            "nl": "Alleen een / zegt me nog niets. Typ /help voor wat ik kan.",
            "en": "A lone / doesn't tell me anything yet. Type /help to see what I can do.",
        },
        "empty_message": {
            "nl": "Ik kreeg een leeg bericht. Typ /help voor wat ik kan.",
            "en": "I received an empty message. Type /help to see what I can do.",
        },
        "not_a_command": {
            "nl": "Ik reageer op commando's zoals /les corporaties. Typ /help voor het overzicht.",
            "en": "I respond to commands such as /les corporaties. Type /help for an overview.",
        },
        "organisers_only": {
            "nl": "/{command} is alleen voor organisatoren. Vraag een organisator als je dit "
            "nodig hebt.",
            "en": "/{command} is for organisers only. Ask an organiser if you need this.",
        },
        "stale_button": {
            "nl": "Deze knop werkt niet meer. Vraag het opnieuw, of typ /help.",
            "en": "This button no longer works. Please ask again, or type /help.",
        },
        "dialogue_cancelled": {
            "nl": "Gestopt. Er is niets bewaard.",
            "en": "Stopped. Nothing was saved.",
        },
    }
)

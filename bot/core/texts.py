"""Texts every feature shares: errors, unknown commands, the organisers-only refusal, the
stale-button answer, and the words that mean yes and no. A feature's own texts live in its
package (`handlers/<feature>/texts.py`)."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        "cannot_save": {
            "nl": "Ik kan nu even niets opslaan, probeer het zo opnieuw.",
            "en": "I can't save anything right now, please try again in a moment.",
        },
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
        "organisers_only_action": {
            "nl": "Dat kunnen alleen organisatoren.",
            "en": "Only organisers can do that.",
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

# Typed answers (after lower-casing) that mean yes or no, in both languages.
YES_WORDS = frozenset({"ja", "j", "yes", "y"})
NO_WORDS = frozenset({"nee", "n", "no"})

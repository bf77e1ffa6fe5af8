"""Texts of a pair's check-ins: two weeks after pairing, before and after a meeting, the end."""

from bot.core.i18n import Texts

CHECKIN_TEXTS = Texts(
    {
        # -- check-ins -------------------------------------------------------------------------
        "checkin_question": {
            "nl": "Maatjessysteem: hebben jullie elkaar gesproken, jij en {other}?",
            "en": "Buddy system: have you and {other} spoken to each other?",
        },
        "button_yes": {"nl": "Ja", "en": "Yes"},
        "button_not_yet": {"nl": "Nog niet", "en": "Not yet"},
        "checkin_yes": {
            "nl": "Mooi, dank je! Zo houden ervaren en nieuwe deelnemers elkaar op de hoogte.",
            "en": "Great, thanks! That is how experienced and new participants keep each other "
            "up to date.",
        },
        "checkin_not_yet": {
            "nl": "Dank je voor het eerlijke antwoord. Ik vraag het over een week nog eens. "
            "Tip: stuur {other} een berichtje of spreek af bij het diner van de volgende "
            "bijeenkomst.",
            "en": "Thanks for the honest answer. I'll ask again in a week. Tip: send {other} "
            "a message or meet at the dinner of the next session.",
        },
        "checkin_not_yet_final": {
            "nl": "Dank je. Ik laat de organisatoren weten dat het contact nog niet op gang is "
            "gekomen; misschien kunnen zij helpen.",
            "en": "Thanks. I'll let the organisers know that contact hasn't started yet; "
            "perhaps they can help.",
        },
        "checkin_done": {
            "nl": "Dank je, deze vraag is al beantwoord.",
            "en": "Thanks, this question has already been answered.",
        },
        "checkin_organisers": {
            "nl": "Maatjessysteem: {newcomer} en maatje {buddy} hebben elkaar na twee keer "
            "vragen nog niet gesproken. Misschien even navragen? (/maatjes)",
            "en": "Buddy system: {newcomer} and buddy {buddy} still haven't spoken after being "
            "asked twice. Perhaps check in with them? (/buddies)",
        },
        "brief": {
            "nl": "Over een week is de bijeenkomst: {when}, {place}{theme}. Praat je maatje "
            "{newcomer} even bij: de agenda (/agenda), het boek (/boek) en wat er vorige keer "
            "gebeurde{last}.",
            "en": "The session is a week from now: {when}, {place}{theme}. Please brief your "
            "buddy {newcomer}: the agenda (/agenda), the book (/book) and what happened last "
            "time{last}.",
        },
        "brief_theme": {"nl": ", thema: {theme}", "en": ", theme: {theme}"},
        "brief_last": {
            "nl": " (vorige keer: {theme}, {place})",
            "en": " (last time: {theme}, {place})",
        },
        "after": {
            "nl": "Hoe was de bijeenkomst voor je maatje {newcomer}? Vraag het even: een kort "
            "gesprek erna helpt nieuwe mensen hun draai te vinden.",
            "en": "How was the session for your buddy {newcomer}? Just ask: a short talk "
            "afterwards helps new people find their feet.",
        },
        "graduated_newcomer": {
            "nl": "Je hebt nu drie bijeenkomsten meegemaakt: je maatjesperiode met {buddy} zit "
            "erop. Dank je wel, en welkom in de vaste kern! Wil je zelf een nieuwe deelnemer "
            "wegwijs maken? /maatje word",
            "en": "You have now attended three sessions: your buddy period with {buddy} is "
            "complete. Thank you, and welcome to the stable core! Would you like to show a "
            "newcomer around yourself? /buddy become",
        },
        "graduated_buddy": {
            "nl": "{newcomer} heeft drie bijeenkomsten meegemaakt: jullie maatjesperiode zit "
            "erop. Dank je wel voor het inwerken!",
            "en": "{newcomer} has attended three sessions: your buddy period is complete. "
            "Thank you for showing them around!",
        },
    }
)

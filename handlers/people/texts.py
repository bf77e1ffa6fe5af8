"""Texts of /start, /ik and /koppel."""

from bot.core.i18n import Texts

TEXTS = Texts(
    {
        "welcome": {
            "nl": "Welkom bij copbot, {name}! Ik ben de bot van de CoP wijkenaanpak.\n"
            "Ik zoek de lessen uit ons boekje voor je op (/les corporaties), houd de "
            "leesclub bij (/boek), koppel nieuwe deelnemers aan een ervaren maatje (/maatje) "
            "en herinner je aan bijeenkomsten, met aanmelden en agendapeilingen (/sessies).\n"
            "Vertel me uit welke stad of organisatie je komt: /ik stad Utrecht. "
            "Typ /help voor alle commando's.",
            "en": "Welcome to copbot, {name}! I am the bot of the CoP wijkenaanpak.\n"
            "I look up the lessons from our booklet (/lesson corporaties), keep track of the "
            "reading club (/book), pair newcomers with an experienced buddy (/buddy) and "
            "remind you of meetings, with sign-up and agenda polls (/sessions).\n"
            "Tell me your city or organisation: /me city Utrecht. "
            "Type /help for all commands.",
        },
        "welcome_back": {
            "nl": "Fijn je weer te zien, {name}. Typ /help voor wat ik kan.",
            "en": "Good to see you again, {name}. Type /help to see what I can do.",
        },
        "welcome_back_leaving": {
            "nl": "Fijn je weer te zien, {name}. Je staat als vertrekkend genoteerd, dus je "
            "krijgt geen herinneringen. Kom je terug in de CoP? Typ /terug.",
            "en": "Good to see you again, {name}. You are noted as leaving, so you get no "
            "reminders. Coming back to the CoP? Type /return.",
        },
        "profile": {
            "nl": "Jouw gegevens:\nNaam: {name}\nStad: {city}\nOrganisatie: {organisation}\n"
            "Taal: {language}\nRol: {role}\n\nWijzigen: /ik stad <stad>, /ik organisatie "
            "<naam>, /ik naam <naam>, /ik taal nl|en",
            "en": "Your details:\nName: {name}\nCity: {city}\nOrganisation: {organisation}\n"
            "Language: {language}\nRole: {role}\n\nChange: /me city <city>, /me organisation "
            "<name>, /me name <name>, /me language nl|en",
        },
        "profile_in_group": {
            "nl": "Je gegevens bekijk en wijzig je liever in een privégesprek met mij: stuur "
            "me daar /ik.",
            "en": "Please see and change your details in a private chat with me: send me /me "
            "there.",
        },
        "unknown_value": {"nl": "(onbekend)", "en": "(unknown)"},
        "role_organiser": {"nl": "organisator", "en": "organiser"},
        "role_participant": {"nl": "deelnemer", "en": "participant"},
        "profile_saved": {
            "nl": "Opgeslagen: {field} is nu {value}.",
            "en": "Saved: {field} is now {value}.",
        },
        "profile_usage": {
            "nl": "Dat begrijp ik niet. Gebruik bijvoorbeeld /ik stad Utrecht, "
            "/ik organisatie WWI, /ik naam Esther Brink of /ik taal en.",
            "en": "I don't understand that. Use for example /me city Utrecht, "
            "/me organisation WWI, /me name Esther Brink or /me language en.",
        },
        "profile_too_long": {
            "nl": "Dat is te lang (maximaal {max} tekens).",
            "en": "That is too long (at most {max} characters).",
        },
        "field_city": {"nl": "stad", "en": "city"},
        "field_organisation": {"nl": "organisatie", "en": "organisation"},
        "field_name": {"nl": "naam", "en": "name"},
        "field_language": {"nl": "taal", "en": "language"},
        "language_unknown": {
            "nl": "Ik spreek Nederlands (nl) en Engels (en).",
            "en": "I speak Dutch (nl) and English (en).",
        },
        "link_code": {
            "nl": "Je koppelcode is {code} (15 minuten geldig). Typ op je andere platform: "
            "/koppel {code}",
            "en": "Your link code is {code} (valid for 15 minutes). On your other platform, "
            "type: /link {code}",
        },
        "link_done": {
            "nl": "Gekoppeld: je {platforms}-accounts zijn nu één deelnemer, {name}.",
            "en": "Linked: your {platforms} accounts are now one participant, {name}.",
        },
        "link_bad_code": {
            "nl": "Die koppelcode ken ik niet of hij is verlopen. Vraag een nieuwe met /koppel "
            "op je andere platform.",
            "en": "I don't know that link code or it has expired. Ask for a new one with "
            "/link on your other platform.",
        },
        "link_too_many": {
            "nl": "Je hebt {count} keer een koppelcode getypt die niet klopte. Probeer het over "
            "{minutes} minuten opnieuw, met een nieuwe code (/koppel op je andere platform).",
            "en": "You typed a link code that did not fit {count} times. Try again in "
            "{minutes} minutes, with a new code (/link on your other platform).",
        },
        "link_same": {
            "nl": "Deze accounts zijn al gekoppeld.",
            "en": "These accounts are already linked.",
        },
        "link_same_platform": {
            "nl": "Koppelen gaat tussen verschillende platforms (bijvoorbeeld Telegram en "
            "Slack). Typ de code op je andere platform.",
            "en": "Linking works between different platforms (for example Telegram and "
            "Slack). Type the code on your other platform.",
        },
        "link_in_group": {
            "nl": "Vraag je koppelcode liever in een privégesprek met mij.",
            "en": "Please ask for your link code in a private chat with me.",
        },
    }
)

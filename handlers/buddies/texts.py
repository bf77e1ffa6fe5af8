"""Texts of the maatjessysteem shared by its modules: /start's question, why a pair, the
introduction, /maatje. The organisers', check-ins' and leaving texts have their own modules."""

from bot.core.i18n import Texts

JAN_JANS = (
    "“Regel een maatjessysteem van ervaren en nieuwe deelnemers die elkaar op de hoogte "
    "houden.” (Jan Jans, Arnhem, §1.9)"
)

TEXTS = Texts(
    {
        # -- /start: new to the CoP? ----------------------------------------------------------
        "ask_new": {
            "nl": "Ben je nieuw in de CoP wijkenaanpak? Dan koppel ik je aan een ervaren "
            "maatje dat je op de hoogte houdt.",
            "en": "Are you new to the CoP wijkenaanpak? Then I pair you with an experienced "
            "buddy who keeps you up to date.",
        },
        "button_new": {"nl": "Ja, ik ben nieuw", "en": "Yes, I am new"},
        "button_not_new": {"nl": "Nee, ik doe al langer mee", "en": "No, I've been around"},
        "ask_city": {
            "nl": "Welkom in het gezelschap! Een goede CoP laat nieuwe mensen snel aansluiten, "
            "dus ik zoek een ervaren maatje voor je, het liefst uit een andere stad "
            "(diagonaal leren).\nUit welke stad of organisatie kom je? Typ de naam, "
            "bijvoorbeeld Arnhem.\n(Neem je het stokje over van iemand? Typ dan: "
            "opvolger @naam)",
            "en": "Welcome! A good CoP lets new people connect quickly, so I'll look for an "
            "experienced buddy for you, preferably from another city (diagonal learning).\n"
            "Which city or organisation are you from? Type the name, for example Arnhem.\n"
            "(Taking over from someone? Type: successor @name)",
        },
        "city_too_long": {
            "nl": "Dat is te lang voor een stad (maximaal {max} tekens). Typ alleen de naam.",
            "en": "That is too long for a city (at most {max} characters). Just type the name.",
        },
        "not_new": {
            "nl": "Fijn, dan tel je als ervaren deelnemer: jij bent de stabiele kern waar "
            "nieuwe mensen op kunnen bouwen. Wil je een nieuwe deelnemer wegwijs maken? "
            "/maatje word",
            "en": "Good, then you count as an experienced participant: the stable core new "
            "people can build on. Would you like to show a newcomer around? /buddy become",
        },
        "answered_not_new": {
            "nl": "Je gaf aan dat je al langer meedoet: je telt als ervaren deelnemer, dus ik "
            "koppel je niet als nieuwkomer. Klopt dat niet meer? Vraag een organisator.",
            "en": "You said you have been around for a while: you count as an experienced "
            "participant, so I won't pair you as a newcomer. Not right any more? Ask an "
            "organiser.",
        },
        "answered_new_paired": {
            "nl": "Je gaf aan dat je nieuw bent; je maatje is {buddy} (/maatje). Doe je toch "
            "al langer mee? Typ /ik ervaren.",
            "en": "You said you are new; your buddy is {buddy} (/buddy). Been around for a "
            "while after all? Type /me experienced.",
        },
        "answered_new_waiting": {
            "nl": "Je gaf aan dat je nieuw bent; ik koppel je zodra er een ervaren maatje vrij "
            "is. Doe je toch al langer mee? Typ /ik ervaren.",
            "en": "You said you are new; I'll pair you as soon as an experienced buddy is "
            "free. Been around for a while after all? Type /me experienced.",
        },
        "already_experienced": {
            "nl": "Je was al bij {count} bijeenkomsten, dus je telt als ervaren deelnemer en "
            "krijgt geen maatje. Wil je zelf een nieuwe deelnemer wegwijs maken? /maatje word",
            "en": "You have attended {count} sessions, so you count as an experienced "
            "participant and get no buddy. Would you like to show a newcomer around? "
            "/buddy become",
        },
        # -- pairing and why -------------------------------------------------------------------
        "paired_newcomer": {
            "nl": "Je maatje is {buddy}. {reason}\nJullie krijgen allebei een "
            "kennismakingsbericht. Je ziet je maatje altijd met /maatje; wat de CoP al "
            "gedaan heeft staat in /geschiedenis.",
            "en": "Your buddy is {buddy}. {reason}\nYou will both get an introduction. "
            "/buddy always shows your buddy; what the CoP has done so far is in /history.",
        },
        "reason_successor": {
            "nl": "{buddy} is je voorganger uit {city}: zo krijg je een goede overdracht.",
            "en": "{buddy} is your predecessor from {city}: the best possible handover.",
        },
        "reason_cross_city": {
            "nl": "{buddy} komt uit een andere stad ({city}): diagonaal leren tussen steden. "
            "Van de ervaren maatjes met ruimte heeft {buddy} nu de minste nieuwkomers.",
            "en": "{buddy} is from another city ({city}): diagonal learning across cities. "
            "Of the experienced buddies with room, {buddy} has the fewest newcomers now.",
        },
        "reason_unknown_city": {
            "nl": "Van de ervaren maatjes met ruimte heeft {buddy} nu de minste nieuwkomers "
            "(of jullie uit dezelfde stad komen weet ik niet: /ik stad <stad>).",
            "en": "Of the experienced buddies with room, {buddy} has the fewest newcomers now "
            "(I don't know whether you are from the same city: /me city <city>).",
        },
        "reason_same_city": {
            "nl": "{buddy} komt ook uit {city}; een ervaren maatje uit een andere stad was er "
            "niet vrij.",
            "en": "{buddy} is also from {city}; no experienced buddy from another city was free.",
        },
        "reason_manual": {
            "nl": "Een organisator heeft jullie gekoppeld.",
            "en": "An organiser paired you.",
        },
        "nobody": {
            "nl": "Eerlijk gezegd: er is op dit moment geen ervaren maatje vrij. De "
            "organisatoren weten het, en ik koppel je zodra iemand ruimte heeft. Intussen "
            "vind je in /geschiedenis wat de CoP al gedaan heeft.",
            "en": "To be honest: no experienced buddy is free right now. The organisers know, "
            "and I'll pair you as soon as someone has room. Meanwhile /history shows "
            "what the CoP has done so far.",
        },
        "organisers_nobody": {
            "nl": "{name} ({city}) is nieuw in de CoP en heeft nog geen maatje: niemand "
            "ervaren heeft nu ruimte. Vraag iemand om /maatje word, of koppel met "
            "/maatje koppel @nieuw @ervaren.",
            "en": "{name} ({city}) is new to the CoP and has no buddy yet: nobody experienced "
            "has room. Ask someone to use /buddy become, or pair by hand with "
            "/buddy pair @new @experienced.",
        },
        # -- introduction ----------------------------------------------------------------------
        "intro_newcomer": {
            "nl": "Kennismaken: {buddy} is je maatje in de CoP wijkenaanpak.\n\n{details}\n\n"
            "Waarom jullie: {reason}\n{meet}\nJe maatje praat je bij over de agenda, het boek "
            "en wat er vorige keer gebeurde.\n" + JAN_JANS,
            "en": "Meet your buddy in the CoP wijkenaanpak: {buddy}.\n\n{details}\n\n"
            "Why you two: {reason}\n{meet}\nYour buddy will brief you on the agenda, the book "
            "and what happened last time.\n" + JAN_JANS,
        },
        "intro_buddy": {
            "nl": "Kennismaken: {newcomer} is nieuw in de CoP en jij bent het maatje.\n\n"
            "{details}\n\nWaarom jullie: {reason}\n{meet}\nHelp {newcomer} snel aan te "
            "sluiten: een goede CoP laat nieuwelingen hun draai vinden.\n" + JAN_JANS,
            "en": "Meet {newcomer}: new to the CoP, and you are their buddy.\n\n{details}\n\n"
            "Why you two: {reason}\n{meet}\nHelp {newcomer} connect quickly: a good CoP lets "
            "newcomers find their feet.\n" + JAN_JANS,
        },
        "intro_group": {
            "nl": "Kennismaken in het maatjessysteem: {newcomer} is nieuw in de CoP, {buddy} "
            "is het ervaren maatje.\n\n{newcomer_details}\n\n{buddy_details}\n\n"
            "Waarom jullie: {reason}\n{meet}\n" + JAN_JANS,
            "en": "Meet each other in the buddy system: {newcomer} is new to the CoP, "
            "{buddy} is the experienced buddy.\n\n{newcomer_details}\n\n{buddy_details}\n\n"
            "Why you two: {reason}\n{meet}\n" + JAN_JANS,
        },
        "details": {
            "nl": "{name}\nStad: {city}\nOrganisatie: {organisation}\nBereikbaar via: {contact}",
            "en": "{name}\nCity: {city}\nOrganisation: {organisation}\nReach them via: {contact}",
        },
        "unknown": {"nl": "(onbekend)", "en": "(unknown)"},
        # In parentheses already: "Noor (stad onbekend)".
        "city_unknown": {"nl": "stad onbekend", "en": "city unknown"},
        "no_contact": {
            "nl": "nog geen gebruikersnaam bekend; stuur een bericht via de organisatoren",
            "en": "no username known yet; send a message through the organisers",
        },
        "meet_next": {
            "nl": "Spreek af bij het diner van de volgende bijeenkomst: {when}, {place}.",
            "en": "Meet at the dinner of the next session: {when}, {place}.",
        },
        "meet_unplanned": {
            "nl": "Spreek af bij het diner van de volgende bijeenkomst.",
            "en": "Meet at the dinner of the next session.",
        },
        # -- /maatje ---------------------------------------------------------------------------
        "your_buddy": {
            "nl": "Je maatje:\n{details}\n\nGekoppeld op {date}. Waarom: {reason}",
            "en": "Your buddy:\n{details}\n\nPaired on {date}. Why: {reason}",
        },
        "your_newcomers": {
            "nl": "Jouw nieuwkomers ({count}, ruimte voor {capacity}{paused}):",
            "en": "Your newcomers ({count}, room for {capacity}{paused}):",
        },
        "paused_note": {"nl": ", op pauze", "en": ", paused"},
        "offer_line": {
            "nl": "Je bent maatje voor maximaal {capacity} nieuwkomers{paused}; nu nog niemand.",
            "en": "You are a buddy for at most {capacity} newcomers{paused}; nobody yet.",
        },
        "waiting": {
            "nl": "Je hebt nog geen maatje; ik koppel je zodra er een ervaren maatje vrij is.",
            "en": "You have no buddy yet; I'll pair you as soon as an experienced buddy is free.",
        },
        "nothing": {
            "nl": "Je hebt geen maatje en begeleidt geen nieuwkomers. Ervaren? Word maatje met "
            "/maatje word [max 2]. Nieuw? Typ /start.",
            "en": "You have no buddy and no newcomers. Experienced? Become a buddy with "
            "/buddy become [max 2]. New? Type /start.",
        },
        "usage": {
            "nl": "Gebruik: /maatje (je maatje of je nieuwkomers), /maatje word [max 2], "
            "/maatje pauze. Organisatoren: /maatje koppel [@nieuw @ervaren], "
            "/maatje ervaren @naam, /maatje ontkoppel @naam.",
            "en": "Usage: /buddy (your buddy or newcomers), /buddy become [max 2], "
            "/buddy pause. Organisers: /buddy pair [@new @experienced], "
            "/buddy experienced @name, /buddy unpair @name.",
        },
        "organisers_only_hint": {
            "nl": "Gebruik: /maatje (je maatje of je nieuwkomers), /maatje word [max 2] of "
            "/maatje pauze.",
            "en": "Usage: /buddy (your buddy or newcomers), /buddy become [max 2] or "
            "/buddy pause.",
        },
        "offer_saved": {
            "nl": "Dank je! Je bent maatje voor maximaal {capacity} nieuwkomer(s) tegelijk.",
            "en": "Thank you! You are a buddy for at most {capacity} newcomer(s) at a time.",
        },
        "offer_paired": {
            "nl": "Meteen gekoppeld: {names}. Jullie krijgen een kennismakingsbericht.",
            "en": "Paired right away: {names}. You will get an introduction.",
        },
        "offer_not_experienced": {
            "nl": "Maatje worden kan na drie bijeenkomsten (je hebt er {count} meegemaakt). "
            "Doe je al langer mee dan de bot bestaat? Typ dan /ik ervaren.",
            "en": "You can become a buddy after three sessions (you attended {count}). Been "
            "around since before the bot? Type /me experienced.",
        },
        "offer_not_active": {
            "nl": "Je staat als vertrekkend genoteerd, dus ik koppel je niet meer.",
            "en": "You are noted as leaving, so I won't pair you any more.",
        },
        "bad_capacity": {
            "nl": "Geef een aantal van 1 tot {max}, bijvoorbeeld /maatje word 2.",
            "en": "Give a number from 1 to {max}, for example /buddy become 2.",
        },
        "paused": {
            "nl": "Je staat op pauze: je krijgt geen nieuwe nieuwkomers; je huidige blijven. "
            "Weer beschikbaar: /maatje word.",
            "en": "You are paused: no new newcomers; your current ones stay. Available "
            "again: /buddy become.",
        },
        "pause_without_offer": {
            "nl": "Je was nog geen maatje, dus er valt niets te pauzeren.",
            "en": "You were not a buddy yet, so there is nothing to pause.",
        },
        "experienced_set": {
            "nl": "Genoteerd: {name} telt als ervaren deelnemer.",
            "en": "Noted: {name} counts as an experienced participant.",
        },
        "experienced_self": {
            "nl": "Genoteerd: je telt als ervaren deelnemer. Wil je een nieuwe deelnemer "
            "wegwijs maken? /maatje word",
            "en": "Noted: you count as an experienced participant. Would you like to show a "
            "newcomer around? /buddy become",
        },
        "experienced_self_still_paired": {
            "nl": "Je maatje {buddy} blijft gekoppeld tot een organisator jullie ontkoppelt.",
            "en": "Your buddy {buddy} stays paired with you until an organiser unpairs you.",
        },
        # -- /ik opvolger van @naam ------------------------------------------------------------
        "successor_usage": {
            "nl": "Gebruik: /ik opvolger van @naam",
            "en": "Usage: /me successor of @name",
        },
        "not_found": {
            "nl": "Ik vind niemand die {who} heet. Die persoon moet eerst /start sturen.",
            "en": "I can't find anyone called {who}. They need to send /start first.",
        },
        "successor_self": {
            "nl": "Jezelf opvolgen kan niet.",
            "en": "You cannot succeed yourself.",
        },
        "successor_saved": {
            "nl": "Genoteerd: je volgt {name} op.",
            "en": "Noted: you succeed {name}.",
        },
        "someone_erased": {"nl": "(gewist)", "en": "(erased)"},
    }
)

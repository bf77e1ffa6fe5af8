"""Texts of the maatjessysteem: /maatje, /maatjes, check-ins, /vertrek and /overdracht."""

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
            "(Taking over from someone? Type: opvolger @name)",
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
            "people can build on. Would you like to show a newcomer around? /maatje word",
        },
        # -- pairing and why -------------------------------------------------------------------
        "paired_newcomer": {
            "nl": "Je maatje is {buddy}. {reason}\nJullie krijgen allebei een "
            "kennismakingsbericht. Je ziet je maatje altijd met /maatje; wat de CoP al "
            "gedaan heeft staat in /geschiedenis.",
            "en": "Your buddy is {buddy}. {reason}\nYou will both get an introduction. "
            "/maatje always shows your buddy; what the CoP has done so far is in /geschiedenis.",
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
            "(I don't know whether you are from the same city: /ik stad <city>).",
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
            "and I'll pair you as soon as someone has room. Meanwhile /geschiedenis shows "
            "what the CoP has done so far.",
        },
        "organisers_nobody": {
            "nl": "{name} ({city}) is nieuw in de CoP en heeft nog geen maatje: niemand "
            "ervaren heeft nu ruimte. Vraag iemand om /maatje word, of koppel met "
            "/maatje koppel @nieuw @ervaren.",
            "en": "{name} ({city}) is new to the CoP and has no buddy yet: nobody experienced "
            "has room. Ask someone to use /maatje word, or pair by hand with "
            "/maatje koppel @new @experienced.",
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
            "/maatje word [max 2]. New? Type /start.",
        },
        "usage": {
            "nl": "Gebruik: /maatje (je maatje of je nieuwkomers), /maatje word [max 2], "
            "/maatje pauze. Organisatoren: /maatje koppel [@nieuw @ervaren], "
            "/maatje ervaren @naam.",
            "en": "Usage: /maatje (your buddy or newcomers), /maatje word [max 2], "
            "/maatje pauze. Organisers: /maatje koppel [@new @experienced], "
            "/maatje ervaren @name.",
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
            "around since before the bot? Type /ik ervaren.",
        },
        "offer_not_active": {
            "nl": "Je staat als vertrekkend genoteerd, dus ik koppel je niet meer.",
            "en": "You are noted as leaving, so I won't pair you any more.",
        },
        "bad_capacity": {
            "nl": "Geef een aantal van 1 tot {max}, bijvoorbeeld /maatje word 2.",
            "en": "Give a number from 1 to {max}, for example /maatje word 2.",
        },
        "paused": {
            "nl": "Je staat op pauze: je krijgt geen nieuwe nieuwkomers; je huidige blijven. "
            "Weer beschikbaar: /maatje word.",
            "en": "You are paused: no new newcomers; your current ones stay. Available "
            "again: /maatje word.",
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
            "newcomer around? /maatje word",
        },
        # -- /ik opvolger van @naam ------------------------------------------------------------
        "successor_usage": {
            "nl": "Gebruik: /ik opvolger van @naam",
            "en": "Usage: /ik opvolger van @name",
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
        # -- organisers: /maatje koppel, /maatjes ------------------------------------------------
        "round_done": {
            "nl": "Koppelronde: {paired} gekoppeld, {unpaired} nog zonder maatje.",
            "en": "Pairing round: {paired} paired, {unpaired} still without a buddy.",
        },
        "round_line": {
            "nl": "{newcomer} → {buddy}: {reason}",
            "en": "{newcomer} → {buddy}: {reason}",
        },
        "round_unpaired": {
            "nl": "{newcomer}: geen maatje beschikbaar",
            "en": "{newcomer}: no buddy available",
        },
        "manual_usage": {
            "nl": "Gebruik: /maatje koppel (een ronde voor alle nieuwkomers zonder maatje) of "
            "/maatje koppel @nieuw @ervaren.",
            "en": "Usage: /maatje koppel (a round for all newcomers without a buddy) or "
            "/maatje koppel @new @experienced.",
        },
        "manual_same": {
            "nl": "Iemand kan niet zijn eigen maatje zijn.",
            "en": "Nobody can be their own buddy.",
        },
        "manual_repeat": {
            "nl": "{newcomer} en {buddy} waren al eens een paar; kies iemand anders.",
            "en": "{newcomer} and {buddy} were a pair before; choose someone else.",
        },
        "manual_inactive": {
            "nl": "{name} staat als vertrekkend genoteerd.",
            "en": "{name} is noted as leaving.",
        },
        "manual_done": {
            "nl": "{newcomer} en {buddy} zijn gekoppeld; beiden krijgen een kennismakingsbericht.",
            "en": "{newcomer} and {buddy} are paired; both get an introduction.",
        },
        "manual_replaced": {
            "nl": "(De eerdere koppeling met {old} is beëindigd.)",
            "en": "(The earlier pairing with {old} has ended.)",
        },
        "overview_pairs": {"nl": "Maatjesparen ({count}):", "en": "Buddy pairs ({count}):"},
        "overview_pair": {
            "nl": "{newcomer} ↔ {buddy}, sinds {date} ({rule}){flag}",
            "en": "{newcomer} ↔ {buddy}, since {date} ({rule}){flag}",
        },
        "overview_unpaired": {
            "nl": "Nieuwkomers zonder maatje ({count}):",
            "en": "Newcomers without a buddy ({count}):",
        },
        "overview_load": {"nl": "Belasting per maatje:", "en": "Load per buddy:"},
        "overview_load_line": {
            "nl": "{name}: {load} van {capacity}{paused}",
            "en": "{name}: {load} of {capacity}{paused}",
        },
        "overview_failed": {
            "nl": "Check-in mislukt (twee keer 'nog niet'):",
            "en": "Check-in failed (twice 'not yet'):",
        },
        "overview_none": {"nl": "(geen)", "en": "(none)"},
        "flag_failed": {"nl": " ⚠ nog niet gesproken", "en": " ⚠ not spoken yet"},
        "flag_ok": {"nl": " ✓ gesproken", "en": " ✓ spoken"},
        "rule_successor": {"nl": "opvolger", "en": "successor"},
        "rule_cross_city": {"nl": "andere stad", "en": "another city"},
        "rule_unknown_city": {"nl": "stad onbekend", "en": "city unknown"},
        "rule_same_city": {"nl": "zelfde stad", "en": "same city"},
        "rule_manual": {"nl": "met de hand", "en": "by hand"},
        "someone_erased": {"nl": "(gewist)", "en": "(erased)"},
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
            "asked twice. Perhaps check in with them? (/maatjes)",
        },
        "brief": {
            "nl": "Over een week is de bijeenkomst: {when}, {place}{theme}. Praat je maatje "
            "{newcomer} even bij: de agenda (/agenda), het boek (/boek) en wat er vorige keer "
            "gebeurde{last}.",
            "en": "The session is a week from now: {when}, {place}{theme}. Please brief your "
            "buddy {newcomer}: the agenda (/agenda), the book (/boek) and what happened last "
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
            "newcomer around yourself? /maatje word",
        },
        "graduated_buddy": {
            "nl": "{newcomer} heeft drie bijeenkomsten meegemaakt: jullie maatjesperiode zit "
            "erop. Dank je wel voor het inwerken!",
            "en": "{newcomer} has attended three sessions: your buddy period is complete. "
            "Thank you for showing them around!",
        },
        # -- /vertrek and /overdracht ------------------------------------------------------------
        "leave_done": {
            "nl": "Jammer dat je gaat, en dank je voor wat je de CoP hebt gebracht. Je krijgt "
            "geen herinneringen meer. Geef je kennis door: schrijf een korte overdracht voor "
            "{who} met /overdracht <tekst>.{hint}",
            "en": "Sorry to see you go, and thank you for what you brought to the CoP. You "
            "will get no more reminders. Pass on what you know: write a short handover for "
            "{who} with /overdracht <text>.{hint}",
        },
        "leave_who_successor": {"nl": "je opvolger {name}", "en": "your successor {name}"},
        "leave_who_newcomers": {"nl": "je nieuwkomers", "en": "your newcomers"},
        "leave_who_both": {
            "nl": "je opvolger {name} en je nieuwkomers",
            "en": "your successor {name} and your newcomers",
        },
        "leave_who_nobody": {
            "nl": "wie je opvolgt",
            "en": "whoever succeeds you",
        },
        "leave_hint": {
            "nl": "\nWie neemt het stokje over? Noem je opvolger: /vertrek opvolger @naam",
            "en": "\nWho takes over? Name your successor: /vertrek opvolger @name",
        },
        "leave_usage": {
            "nl": "Gebruik: /vertrek of /vertrek opvolger @naam",
            "en": "Usage: /vertrek or /vertrek opvolger @name",
        },
        "leave_successor_told": {
            "nl": "{leaver} vertrekt uit de CoP wijkenaanpak en noemt jou als opvolger. Je "
            "krijgt de overdracht zodra die geschreven is. Ben je nieuw in de CoP? Typ /start.",
            "en": "{leaver} is leaving the CoP wijkenaanpak and names you as their successor. "
            "You will get the handover note once it is written. New to the CoP? Type /start.",
        },
        "leave_newcomer_repaired": {
            "nl": "Je maatje {old} vertrekt uit de CoP; je krijgt de overdracht zodra die "
            "geschreven is.",
            "en": "Your buddy {old} is leaving the CoP; you will get their handover note once "
            "it is written.",
        },
        "leave_buddy_told": {
            "nl": "{newcomer} vertrekt uit de CoP; jullie maatjesperiode is beëindigd. Dank je "
            "wel voor je hulp!",
            "en": "{newcomer} is leaving the CoP; your buddy period has ended. Thank you for "
            "your help!",
        },
        "handover_usage": {
            "nl": "Gebruik: /overdracht <tekst> (na /vertrek). Schrijf wat je opvolger moet "
            "weten: lopende zaken, contacten, wat de CoP voor je stad betekende.",
            "en": "Usage: /overdracht <text> (after /vertrek). Write what your successor needs "
            "to know: ongoing work, contacts, what the CoP meant for your city.",
        },
        "handover_not_leaving": {
            "nl": "Een overdracht schrijf je als je vertrekt: eerst /vertrek [opvolger @naam].",
            "en": "A handover is for when you leave: first /vertrek [opvolger @name].",
        },
        "handover_too_long": {
            "nl": "Dat is te lang (maximaal {max} tekens); kort het wat in.",
            "en": "That is too long (at most {max} characters); please shorten it.",
        },
        "handover_sent": {
            "nl": "Dank je! Je overdracht gaat naar {names}.",
            "en": "Thank you! Your handover goes to {names}.",
        },
        "handover_kept": {
            "nl": "Dank je, je overdracht is bewaard. Er is nog niemand om hem naar te sturen; "
            "noem je opvolger met /vertrek opvolger @naam en ik stuur hem door.",
            "en": "Thank you, your handover is saved. There is nobody to send it to yet; name "
            "your successor with /vertrek opvolger @name and I'll pass it on.",
        },
        "handover_message": {
            "nl": "Overdracht van {name}{city}:\n\n{text}\n\n(Zo blijft het collectief geheugen "
            "van de CoP bewaard bij personele wisselingen.)",
            "en": "Handover from {name}{city}:\n\n{text}\n\n(So the CoP's collective memory "
            "survives changes of people.)",
        },
    }
)

"""Texts for the organisers of the maatjessysteem: /maatje koppel, /maatje ervaren, /maatjes."""

from bot.core.i18n import Texts

ORGANISING_TEXTS = Texts(
    {
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
            "en": "Usage: /buddy pair (a round for all newcomers without a buddy) or "
            "/buddy pair @new @experienced.",
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
        "experienced_still_paired": {
            "nl": "{name} heeft nog een maatje ({buddy}); die koppeling blijft staan. "
            "Ontkoppelen: /maatje ontkoppel {ref}",
            "en": "{name} still has a buddy ({buddy}); that pairing stays. To undo it: "
            "/buddy unpair {ref}",
        },
        # -- /maatje ontkoppel -------------------------------------------------------------------
        "unpair_usage": {
            "nl": "Gebruik: /maatje ontkoppel @nieuwkomer",
            "en": "Usage: /buddy unpair @newcomer",
        },
        "unpair_none": {
            "nl": "{name} heeft nu geen maatje; er valt niets te ontkoppelen.",
            "en": "{name} has no buddy now; there is nothing to unpair.",
        },
        "unpair_is_buddy": {
            "nl": "{name} is zelf het maatje van {newcomers}. Noem de nieuwkomer: "
            "/maatje ontkoppel @naam",
            "en": "{name} is the buddy of {newcomers}. Name the newcomer: /buddy unpair @name",
        },
        "unpair_question": {
            "nl": "De koppeling van {newcomer} met maatje {buddy} beëindigen? {buddy} krijgt "
            "weer ruimte; {newcomer} krijgt, als die nog nieuw is, een ander maatje.",
            "en": "End the pairing of {newcomer} with buddy {buddy}? {buddy} gets room again; "
            "{newcomer}, if still new, gets another buddy.",
        },
        "unpair_yes": {"nl": "Ja, ontkoppel", "en": "Yes, unpair"},
        "unpair_no": {"nl": "Nee", "en": "No"},
        "unpair_cancelled": {
            "nl": "Niets veranderd: de koppeling blijft.",
            "en": "Nothing changed: the pairing stays.",
        },
        "unpair_gone": {
            "nl": "Deze koppeling bestaat niet meer. Zie /maatjes voor de huidige paren.",
            "en": "This pairing no longer exists. See /buddies for the current pairs.",
        },
        "unpair_done": {
            "nl": "Ontkoppeld: {newcomer} en {buddy}. {buddy} heeft weer ruimte.",
            "en": "Unpaired: {newcomer} and {buddy}. {buddy} has room again.",
        },
        "unpair_new_buddy": {
            "nl": "{name} heeft een nieuw maatje: {buddy}.",
            "en": "{name} has a new buddy: {buddy}.",
        },
        "unpair_waits": {
            "nl": "{name} wacht op een nieuw maatje; ik koppel zodra iemand ruimte heeft.",
            "en": "{name} waits for a new buddy; I'll pair as soon as someone has room.",
        },
        "unpair_not_new": {
            "nl": "{name} telt als ervaren deelnemer en krijgt geen nieuw maatje.",
            "en": "{name} counts as experienced and gets no new buddy.",
        },
        "unpair_told": {
            "nl": "Een organisator heeft de maatjeskoppeling met {other} beëindigd. Vragen? "
            "Stel ze gerust aan de organisatoren.",
            "en": "An organiser has ended the buddy pairing with {other}. Questions? Ask the "
            "organisers.",
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
    }
)

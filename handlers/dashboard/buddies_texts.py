"""Words of the buddies page: pairs, newcomers waiting, load, check-ins
(keys start with buddies_)."""

WORDS: dict[str, dict[str, str]] = {
    "buddies_title": {"nl": "Maatjes", "en": "Buddies"},
    "buddies_summary": {
        "nl": "Maatjesparen: {pairs}. Nieuwkomers zonder maatje: {waiting}. "
        "Mislukte check-ins: {failed}.",
        "en": "Buddy pairs: {pairs}. Newcomers without a buddy: {waiting}. "
        "Failed check-ins: {failed}.",
    },
    "buddies_pairs": {"nl": "Maatjesparen", "en": "Buddy pairs"},
    "buddies_waiting": {"nl": "Nieuwkomers zonder maatje", "en": "Newcomers without a buddy"},
    "buddies_load": {"nl": "Belasting per maatje", "en": "Load per buddy"},
    "buddies_failed": {
        "nl": "Check-in mislukt (twee keer 'nog niet')",
        "en": "Check-in failed (twice 'not yet')",
    },
    "buddies_none": {"nl": "(geen)", "en": "(none)"},
    "buddies_col_newcomer": {"nl": "Nieuwkomer", "en": "Newcomer"},
    "buddies_col_buddy": {"nl": "Maatje", "en": "Buddy"},
    "buddies_col_since": {"nl": "Sinds", "en": "Since"},
    "buddies_col_rule": {"nl": "Waarom dit paar", "en": "Why this pair"},
    "buddies_col_checkin": {"nl": "Check-in", "en": "Check-in"},
    "buddies_col_name": {"nl": "Naam", "en": "Name"},
    "buddies_col_city": {"nl": "Stad", "en": "City"},
    "buddies_col_joined": {"nl": "Aangemeld", "en": "Joined"},
    "buddies_col_load": {"nl": "Nieuwkomers", "en": "Newcomers"},
    "buddies_col_capacity": {"nl": "Ruimte voor", "en": "Room for"},
    "buddies_col_paused": {"nl": "Pauze", "en": "Paused"},
    "buddies_paused": {"nl": "op pauze", "en": "paused"},
    "buddies_full": {"nl": "vol", "en": "full"},
    "buddies_checkin_spoken": {"nl": "gesproken op {date}", "en": "spoken on {date}"},
    "buddies_checkin_failed": {
        "nl": "nog niet gesproken ({failures} keer 'nog niet')",
        "en": "not spoken yet ({failures} times 'not yet')",
    },
    "buddies_checkin_open": {
        "nl": "nog niet gevraagd of open (ronde {round})",
        "en": "not asked yet or open (round {round})",
    },
    "buddies_city_unknown": {"nl": "stad onbekend", "en": "city unknown"},
    "buddies_erased": {"nl": "(gewist)", "en": "(erased)"},
    "buddies_rule_successor": {"nl": "opvolger", "en": "successor"},
    "buddies_rule_cross_city": {"nl": "andere stad", "en": "another city"},
    "buddies_rule_unknown_city": {"nl": "stad onbekend", "en": "city unknown"},
    "buddies_rule_same_city": {"nl": "zelfde stad", "en": "same city"},
    "buddies_rule_manual": {"nl": "met de hand", "en": "by hand"},
    "buddies_hint": {
        "nl": "Koppelen doe je in de chat: /maatje koppel. Hetzelfde overzicht: /maatjes.",
        "en": "Pairing is done in the chat: /buddy pair. The same overview: /buddies.",
    },
}

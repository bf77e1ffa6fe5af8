"""Words of the pulse page: attendance over time, stable core, newcomers and leavers
(keys start with pulse_)."""

WORDS: dict[str, dict[str, str]] = {
    "pulse_title": {"nl": "Puls", "en": "Pulse"},
    "pulse_booklet": {
        "nl": "§1.7 Community of duiventil? “Een CoP heeft een harde kern nodig om een "
        "collectief leerproces op gang te houden.”",
        "en": "§1.7 Community or dovecote? “A CoP needs a hard core to keep a collective "
        "learning process going.”",
    },
    "pulse_none": {
        "nl": "Nog geen bijeenkomst geweest, dus nog niets te tellen. Na de eerste bijeenkomst "
        "staat hier wie er kwam (wie ja zei; een organisator verbetert dat met /aanwezig).",
        "en": "No meeting has been held yet, so nothing to count. After the first meeting this "
        "shows who came (who said yes; an organiser corrects it with /attendance).",
    },
    # -- this year, as /kern says it --
    "pulse_year": {"nl": "Dit jaar ({year})", "en": "This year ({year})"},
    "pulse_core": {"nl": "Vaste kern", "en": "Stable core"},
    "pulse_core_rule": {
        "nl": "minstens {min} van de laatste {window} bijeenkomsten",
        "en": "at least {min} of the last {window} meetings",
    },
    "pulse_recent": {"nl": "Kwamen recent", "en": "Came recently"},
    "pulse_newcomers": {"nl": "Nieuwkomers", "en": "Newcomers"},
    "pulse_leavers": {"nl": "Vertrokken", "en": "Left"},
    "pulse_core_names": {"nl": "In de vaste kern: {names}", "en": "In the stable core: {names}"},
    "pulse_too_early": {
        "nl": "Of het verloop in evenwicht is met de vaste kern, blijkt na {window} "
        "bijeenkomsten ({count} tot nu).",
        "en": "Whether turnover is in balance with the stable core shows after {window} "
        "meetings ({count} so far).",
    },
    "pulse_warning": {
        "nl": "Veel verloop: meer mensen kwamen en gingen dan de vaste kern telt. Zorg voor "
        "goede overdracht (/vertrek, /overdracht) en een maatje voor elke nieuwkomer.",
        "en": "High turnover: more people came and went than the stable core holds. Arrange "
        "a good handover (/leave, /handover) and a buddy for every newcomer.",
    },
    "pulse_steady": {
        "nl": "Het verloop is in evenwicht met de vaste kern.",
        "en": "Turnover is in balance with the stable core.",
    },
    "pulse_per_city": {
        "nl": "Nieuwkomers en vertrekkers per stad, {year}",
        "en": "Newcomers and leavers per city, {year}",
    },
    "pulse_no_city": {"nl": "(stad onbekend)", "en": "(city unknown)"},
    "pulse_col_city": {"nl": "Stad", "en": "City"},
    # -- the charts --
    "pulse_meeting_label": {"nl": "{id} ({date})", "en": "{id} ({date})"},
    "pulse_col_meeting": {"nl": "Bijeenkomst", "en": "Meeting"},
    "pulse_col_year": {"nl": "Jaar", "en": "Year"},
    "pulse_numbers": {"nl": "De cijfers als tabel", "en": "The numbers as a table"},
    "pulse_attendance_title": {
        "nl": "Aanwezig per bijeenkomst: vaste kern en anderen",
        "en": "Present per meeting: stable core and others",
    },
    "pulse_attendance_desc": {
        "nl": "Gestapelde kolommen per bijeenkomst, oud naar nieuw: wie van de vaste kern er "
        "was (zoals die kern toen was) en wie verder. Laatste bijeenkomst: {last} aanwezig.",
        "en": "Stacked columns per meeting, oldest first: who of the stable core was there "
        "(the core as it was then) and who else. Last meeting: {last} present.",
    },
    "pulse_others": {"nl": "Anderen", "en": "Others"},
    "pulse_cities_title": {
        "nl": "Aanwezig per bijeenkomst, per stad",
        "en": "Present per meeting, per city",
    },
    "pulse_cities_desc": {
        "nl": "Gestapelde kolommen per bijeenkomst, oud naar nieuw, een kleur per stad "
        "({count} steden).",
        "en": "Stacked columns per meeting, oldest first, a colour per city ({count} cities).",
    },
    "pulse_years_title": {
        "nl": "Vaste kern, nieuwkomers en vertrekkers per jaar",
        "en": "Stable core, newcomers and leavers per year",
    },
    "pulse_years_desc": {
        "nl": "Kolommen naast elkaar per jaar: de vaste kern na de laatste bijeenkomst van dat "
        "jaar, de nieuwkomers en de vertrekkers van dat jaar.",
        "en": "Columns side by side per year: the stable core after that year's last meeting, "
        "that year's newcomers and leavers.",
    },
}

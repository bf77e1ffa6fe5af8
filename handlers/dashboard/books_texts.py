"""Words of the books page: picks, presenters and verdicts (keys start with books_)."""

WORDS: dict[str, dict[str, str]] = {
    "books_title": {"nl": "Boeken", "en": "Books"},
    "books_booklet": {
        "nl": "§1.6 De community als leesclub: elke bijeenkomst opent met een boek of rapport, "
        "besproken door 2 of 3 deelnemers.",
        "en": "§1.6 The community as a reading club: every meeting opens with a book or report, "
        "discussed by 2 or 3 participants.",
    },
    "books_none": {
        "nl": "Nog geen boeken gekozen. Deelnemers stellen er een voor met /boek voorstel "
        "<titel>; een organisator kiest er een met /boek kies <boek> [bijeenkomst].",
        "en": "No books picked yet. Participants propose one with /book propose <title>; an "
        "organiser picks one with /book pick <book> [meeting].",
    },
    "books_picks": {"nl": "Gekozen voor bijeenkomst {id}", "en": "Picked for meeting {id}"},
    "books_col_book": {"nl": "Boek", "en": "Book"},
    "books_col_presenters": {"nl": "Presentatoren", "en": "Presenters"},
    "books_col_verdicts": {"nl": "Oordelen", "en": "Verdicts"},
    "books_no_presenters": {
        "nl": "nog niemand (/boek presenteer {id})",
        "en": "nobody yet (/book present {id})",
    },
    "books_no_verdicts": {"nl": "nog geen", "en": "none yet"},
    "books_verdicts_of": {"nl": "Oordelen over {book}", "en": "Verdicts on {book}"},
    "books_col_reader": {"nl": "Lezer", "en": "Reader"},
    "books_col_verdict": {"nl": "Oordeel", "en": "Verdict"},
    "books_col_take": {"nl": "In één regel", "en": "In one line"},
    "books_chart_title": {
        "nl": "Oordelen per gekozen boek",
        "en": "Verdicts per picked book",
    },
    "books_chart_desc": {
        "nl": "Gestapelde kolommen per gekozen boek, oud naar nieuw: hoeveel lezers het "
        "bruikbaar vonden, aan het denken gezet werden of er niet doorheen kwamen.",
        "en": "Stacked columns per picked book, oldest first: how many readers found it useful, "
        "were made to think or could not get through it.",
    },
    "books_numbers": {"nl": "De cijfers als tabel", "en": "The numbers as a table"},
}

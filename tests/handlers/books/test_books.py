"""/boek and /boeken: proposals, search, picks, presenters, verdicts, the booklet's books."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.clock import ManualClock
from bot.db.models import (
    Book,
    BookPick,
    OutboxMessage,
    Participant,
    Presenter,
    ScheduledJob,
    Session,
    Verdict,
)
from bot.db.models.books import SOURCE_BOOKLET, THOUGHT_PROVOKING, UNREADABLE, USEFUL
from bot.kernel.services import Services
from handlers.books.parsing import normalise_title, parse_proposal, parse_verdict
from handlers.books.texts import TEXTS
from tests.factories import Person, make_app

SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
LATER_SESSION = "/sessie nieuw 1 februari 2027 10:00 | Rotterdam | Katendrecht | overnachting"


def clock_of(services: Services) -> ManualClock:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    return clock


async def count(services: Services, model: type, *where: object) -> int:
    async with services.database() as db:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)  # type: ignore[arg-type]
        return int(await db.scalar(query) or 0)


async def book_id(services: Services, title: str) -> int:
    async with services.database() as db:
        found = await db.scalar(select(Book.id).where(Book.title == title))
    assert found is not None, title
    return found


async def people(services: Services, n: int) -> list[Person]:
    result = []
    for i in range(n):
        person = Person(services, f"reader{i}", name=f"Lezer {i}")
        await person.say("/start")
        result.append(person)
    return result


# -- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Afri — Jutta Chorus", ("Afri", "Jutta Chorus", None)),
        ("Afri – Jutta Chorus", ("Afri", "Jutta Chorus", None)),
        ("Afri - Jutta Chorus", ("Afri", "Jutta Chorus", None)),
        ("Afri door Jutta Chorus", ("Afri", "Jutta Chorus", None)),
        ("Rijk-stad relaties", ("Rijk-stad relaties", None, None)),
        (
            "Wijken in beweging — KEI https://example.org/x",
            ("Wijken in beweging", "KEI", "https://example.org/x"),
        ),
        ("  'De  stad'   ", ("De stad", None, None)),
    ],
)
def test_parse_proposal(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert parse_proposal(text) == expected


def test_normalised_titles_ignore_case_accents_punctuation_and_articles() -> None:
    assert normalise_title("De Vrijblijvendheid voorbij!") == "vrijblijvendheid voorbij"
    assert normalise_title("Één café") == normalise_title("een cafe") == "cafe"
    assert normalise_title("大きな本") == "大きな本"
    assert normalise_title("📚📚") == "📚📚"  # nothing but symbols still has a key


def test_parse_verdict() -> None:
    assert parse_verdict("bruikbaar Lees hoofdstuk 3") == (USEFUL, "Lees hoofdstuk 3")
    assert parse_verdict("aan het denken gezet") == (THOUGHT_PROVOKING, "")
    assert parse_verdict("Niet doorheen te komen veel te dik") == (UNREADABLE, "veel te dik")
    assert parse_verdict("geweldig") is None


def test_every_text_speaks_dutch_and_english() -> None:
    keys = TEXTS.keys()
    assert keys
    for key in keys:
        by_language = TEXTS._table[key]
        assert by_language["nl"].strip() and by_language["en"].strip(), key


# -- the booklet's books -------------------------------------------------------------------------


async def test_booklet_books_are_seeded_once_with_their_verdicts(tmp_path: Path) -> None:
    services = await make_app(tmp_path)
    reader = Person(services, "r1", name="Esther Brink")
    history = await reader.text("/boeken")
    assert "Afri — Jutta Chorus" in history and "1× aan het denken gezet" in history
    assert "De vrijblijvendheid voorbij" in history and "1× bruikbaar" in history
    await reader.say("/boek")
    await services.close()
    # A restart (a new process on the same database) does not seed them again.
    again = await make_app(tmp_path)
    await Person(again, "r2").say("/boeken")
    assert await count(again, Book, Book.source == SOURCE_BOOKLET) == 2
    assert await count(again, Verdict) == 2
    await again.close()


async def test_boek_without_a_session_says_so_and_shows_how_to_propose(
    participant: Person,
) -> None:
    text = await participant.text("/boek")
    assert "nog geen volgende bijeenkomst gepland" in text
    assert "/boek voorstel <titel> — <auteur>" in text
    assert "Laatste oordelen" in text
    assert "wees bescheiden in je ambities" in text  # Afri's lesson, in the booklet's words
    assert "sociale stijging" in text


async def test_boek_in_english(services: Services) -> None:
    text = await Person(services, "en1", language="en").text("/boek")
    assert "No next meeting is planned yet" in text
    assert "made me think" in text


# -- proposals ------------------------------------------------------------------------------------


async def test_proposals_are_stored_once_even_when_typed_differently(
    services: Services, participant: Person
) -> None:
    text = await participant.text("/boek voorstel Wijken in beweging — Jan Jansen")
    assert "Voorgesteld: #3 Wijken in beweging — Jan Jansen" in text
    for typed in (
        "/boek voorstel wijken in beweging!",
        "/boek voorstel Wijken in bewegin",
        "/boek voorstel De Wijken in Beweging - iemand anders",
        "/boek voorstel De vrijblijvendheid voorbij",  # from the booklet
        "/boek voorstel Vrijblijvendheid voorby",
    ):
        assert "Die staat er al:" in await participant.text(typed), typed
    assert await count(services, Book) == 3
    # A different book with a similar start is not a duplicate.
    assert "Voorgesteld" in await participant.text("/boek voorstel Afrika door Iemand")
    assert await count(services, Book) == 4


async def test_unicode_titles(services: Services, participant: Person) -> None:
    for title in ("大きな本 — 山田太郎", "Één café in Zuilen 🏘", "Ünïcödé réport"):
        text = await participant.text(f"/boek voorstel {title}")
        assert "Voorgesteld" in text, title
        assert title.split(" — ")[0] in text
    assert "Die staat er al" in await participant.text("/boek voorstel een cafe in zuilen")
    assert "大きな本 — 山田太郎" in await participant.text("/boek 大きな本")
    assert "大きな本" in await participant.text("/boeken")


async def test_over_long_and_empty_proposals_are_refused_clearly(
    services: Services, participant: Person
) -> None:
    assert "te lang" in await participant.text("/boek voorstel " + "x" * 250)
    assert "te lang" in await participant.text("/boek voorstel " + "woord " * 200)
    assert "Zo stel je een boek" in await participant.text("/boek voorstel")
    assert "Zo stel je een boek" in await participant.text("/boek voorstel — Iemand")
    assert await count(services, Book) == 2


async def test_search_finds_books_fuzzily(participant: Person) -> None:
    assert "📖 #2 Afri — Jutta Chorus" in await participant.text("/boek chorus")
    assert "#1 De vrijblijvendheid voorbij" in await participant.text("/boek vrijblijvenheid")
    assert "📖 #2" in await participant.text("/boek 2")
    assert "Geen boek gevonden" in await participant.text("/boek kwantumfysica")
    assert "Boek #99 ken ik niet" in await participant.text("/boek 99")
    assert "te lang" in await participant.text("/boek " + "z" * 700)


# -- picks and presenters ---------------------------------------------------------------------


async def test_a_non_organiser_cannot_pick(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(SESSION)
    text = await participant.text("/boek kies 1")
    assert "Alleen organisatoren kiezen" in text
    assert await count(services, BookPick) == 0


async def test_picking_needs_a_session(services: Services, organiser: Person) -> None:
    assert "nog geen volgende bijeenkomst gepland" in await organiser.text("/boek kies 1")
    await organiser.say(SESSION)
    assert "Bijeenkomst 7 ken ik niet" in await organiser.text("/boek kies 1 7")
    assert "Boek #42 ken ik niet" in await organiser.text("/boek kies 42")
    assert "Gebruik: /boek kies" in await organiser.text("/boek kies")
    text = await organiser.text("/boek kies 1 1")
    assert "Gekozen: De vrijblijvendheid voorbij" in text
    assert "donderdag 3 december 2026, 10:00" in text
    assert "al gekozen" in await organiser.text("/boek kies 1")
    assert await count(services, BookPick) == 1


async def test_pick_suggests_presenters_and_invites_them(
    services: Services, organiser: Person
) -> None:
    readers = await people(services, 2)
    await organiser.say(SESSION)
    text = await organiser.text("/boek kies 2")
    assert "Wie heeft er lang niet gepresenteerd?" in text
    assert "Lezer 0 (nog nooit)" in text
    invite = next(data for label, data in organiser.buttons() if label == "Vraag Lezer 0")
    assert "Ik heb Lezer 0 gevraagd" in "".join(r.text for r in await organiser.press(invite))
    assert "was al gevraagd" in "".join(r.text for r in await organiser.press(invite))
    # Only organisers may invite, also when someone replays the button.
    refused = await readers[1].press(invite)
    assert "Alleen organisatoren" in refused[0].text
    async with services.database() as db:
        rows = (await db.scalars(select(OutboxMessage))).all()
    invitations = [r for r in rows if r.key.startswith("book:invite:")]
    assert len(invitations) == 1
    assert "Afri" in invitations[0].reply["text"]
    assert "boek:p:2" in str(invitations[0].reply)


async def test_at_most_three_presenters_and_the_fourth_is_refused_politely(
    services: Services, organiser: Person
) -> None:
    await organiser.say(SESSION)
    await organiser.say("/boek kies 2")
    readers = await people(services, 4)
    assert "Top! Je presenteert Afri — Jutta Chorus" in await readers[0].text("/boek presenteer 2")
    assert "samen met Lezer 0" in await readers[1].text("/boek presenteer #2")
    assert "al genoteerd" in await readers[1].text("/boek presenteer 2")
    await readers[2].say("/boek presenteer")  # one pick: no number needed
    fourth = await readers[3].text("/boek presenteer 2")
    assert "Dank je wel voor je aanbod" in fourth
    assert "al 3 presentatoren (Lezer 0, Lezer 1, Lezer 2)" in fourth
    assert await count(services, Presenter) == 3
    text = await readers[3].text("/boek")
    assert "Presentatoren: Lezer 0, Lezer 1, Lezer 2" in text
    assert not any(data.startswith("boek:p:") for _label, data in readers[3].buttons())


async def test_volunteering_for_a_book_that_is_not_picked(
    services: Services, participant: Person
) -> None:
    assert "niet gekozen" in await participant.text("/boek presenteer 1")
    assert "Welk boek" in await participant.text("/boek presenteer")
    assert await count(services, Presenter) == 0


async def test_boek_shows_the_pick_with_presenters_and_a_button(
    services: Services, organiser: Person, participant: Person
) -> None:
    await participant.say("/start")
    await participant.say("/boek voorstel Wijken in beweging — KEI https://example.org/wijken")
    await organiser.say(SESSION)
    await organiser.say("/boek kies 3")
    text = await participant.text("/boek")
    assert "Leesclub, bijeenkomst van donderdag 3 december 2026, 10:00 in Utrecht" in text
    assert "📖 #3 Wijken in beweging — KEI" in text
    assert "https://example.org/wijken" in text
    assert "Nog geen presentatoren" in text
    assert "wat vind je inspirerend en bruikbaar" in text
    assert ("🙋 Ik presenteer #3", "boek:p:3") in participant.buttons()
    replies = await participant.press("boek:p:3")
    assert "Je presenteert Wijken in beweging" in replies[0].text
    assert "Presentatoren: Esther Brink" in await participant.text("/boek")


# -- verdicts -----------------------------------------------------------------------------------


async def test_verdict_in_one_command_and_replaced_by_a_later_one(
    services: Services, participant: Person
) -> None:
    text = await participant.text("/boek oordeel 2 bruikbaar Lees het met je wijkteam.")
    assert "Je oordeel staat bij het boek: Afri — Jutta Chorus — bruikbaar" in text
    await participant.say("/boek oordeel 2 niet doorheen te komen Te somber.")
    assert await count(services, Verdict, Verdict.book_id == 2) == 2  # the booklet's + this one
    detail = await participant.text("/boek 2")
    assert "niet doorheen te komen (Esther Brink): “Te somber.”" in detail
    assert "1× aan het denken gezet, 1× niet doorheen te komen" in await participant.text(
        "/boeken"
    )


async def test_verdict_buttons_then_a_one_line_take(
    services: Services, participant: Person
) -> None:
    replies = await participant.press("boek:v:1:d")
    assert "Genoteerd: De vrijblijvendheid voorbij" in replies[0].text
    assert "aan het denken gezet" in replies[0].text
    assert "maximaal 280 tekens" in await participant.text("lang " * 100)
    text = await participant.text("Vooral het hoofdstuk over de weekendschool.")
    assert "“Vooral het hoofdstuk over de weekendschool.”" in text
    # The dialogue is over: plain text is no longer taken as a verdict.
    await participant.say("nog iets")
    async with services.database() as db:
        mine = await db.scalar(select(Verdict).where(Verdict.participant_id.is_not(None)))
    assert mine is not None
    assert mine.verdict == THOUGHT_PROVOKING
    assert mine.take == "Vooral het hoofdstuk over de weekendschool."


async def test_verdict_mistakes_get_clear_answers(services: Services, participant: Person) -> None:
    assert "Gebruik: /boek oordeel" in await participant.text("/boek oordeel")
    assert "Gebruik: /boek oordeel" in await participant.text("/boek oordeel 1 geweldig")
    assert "Boek #77 ken ik niet" in await participant.text("/boek oordeel 77 bruikbaar")
    assert "maximaal 280" in await participant.text("/boek oordeel 1 bruikbaar " + "a" * 300)
    assert "in één zin" in await participant.text("/boek oordeel 1 bruikbaar")
    await participant.say("stop")  # leaves it at the verdict, without a line
    await participant.say("dit is geen oordeel meer")
    async with services.database() as db:
        mine = await db.scalar(select(Verdict).where(Verdict.participant_id.is_not(None)))
    assert mine is not None and mine.verdict == USEFUL and mine.take == ""
    replies = await participant.press("boek:v:1:q")
    assert "niet meer" in replies[0].text


async def test_suggestions_put_who_presented_last_time_at_the_end(
    services: Services, organiser: Person
) -> None:
    readers = await people(services, 2)
    await organiser.say(SESSION)
    await organiser.say("/sessie nieuw 15 april 2027 10:00 | Amersfoort | Kruiskamp")
    await organiser.say("/sessie nieuw 1 februari 2027 10:00 | Rotterdam | Katendrecht")
    await organiser.say("/boek kies 1 1")
    await readers[0].say("/boek presenteer 1")
    # April is long enough after December to ask Lezer 0 again, but after the others.
    april = await organiser.text("/boek kies 2 2")
    assert "Lezer 1 (nog nooit)" in april
    assert "Lezer 0 (laatst donderdag 3 december 2026)" in april
    assert april.index("Lezer 1") < april.index("Lezer 0")
    # February is too soon: Lezer 0 is not suggested at all.
    february = await organiser.text("/boek kies 2 3")
    assert "Lezer 1 (nog nooit)" in february and "Lezer 0" not in february


# -- timing and the review's gaps ------------------------------------------------------------


async def test_the_verdict_is_asked_after_the_meeting_not_during_it(
    services: Services, organiser: Person
) -> None:
    await organiser.say(SESSION)
    async with services.database() as db:
        session = await db.get(Session, 1)
        jobs = {
            job.kind: job.due_at
            for job in (await db.scalars(select(ScheduledJob))).all()
            if job.kind.startswith("book-")
        }
    assert session is not None
    # 10:00 on 3 December to 16:00 on 4 December (Amsterdam); asked the morning after.
    assert session.ends_at == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    assert jobs["book-verdict"] > session.ends_at
    # From the end (Friday 16:00) on a working day: Sunday becomes Monday 7 December, 16:00.
    assert jobs["book-verdict"] == datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    assert jobs["book-presenters"] == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


async def test_boeken_shows_the_latest_takes_under_each_discussed_book(services: Services) -> None:
    clock = clock_of(services)
    readers = await people(services, 4)
    for i, reader in enumerate(readers):
        clock.advance(timedelta(minutes=1))
        await reader.say(f"/boek oordeel 2 bruikbaar Mening nummer {i}.")
    text = await readers[0].text("/boeken")
    afri = text[text.index("#2 Afri") : text.index("#1 De vrijblijvendheid")].strip()
    # At most the three latest verdicts, with their takes; the rest behind /boek 2.
    assert afri.splitlines()[1:] == [
        "   – bruikbaar (Lezer 3): “Mening nummer 3.”",
        "   – bruikbaar (Lezer 2): “Mening nummer 2.”",
        "   – bruikbaar (Lezer 1): “Mening nummer 1.”",
        "   … en nog 2: /boek 2",
    ]
    assert "4× bruikbaar, 1× aan het denken gezet" in afri.splitlines()[0]
    # The booklet's long account is clipped in the list; /boek 1 has it whole.
    vrij = text[text.index("#1 De vrijblijvendheid") :].split("\n\n")[0].splitlines()
    assert vrij[1].startswith("   – bruikbaar (uit het boekje, §1.6): “De mensen die dat")
    assert vrij[1].endswith("…”") and len(vrij[1]) < 160
    assert "betaald voetbalclubs bij de wijkenaanpak." in await readers[0].text("/boek 1")
    english = await Person(services, "en1", language="en").text("/boeken")
    assert "   – useful (Lezer 3): “Mening nummer 3.”" in english
    assert "   … and 2 more: /boek 2" in english


async def test_a_presenter_within_a_week_of_the_meeting_is_not_promised_a_reminder(
    services: Services, organiser: Person
) -> None:
    await organiser.say(SESSION)
    await organiser.say("/boek kies 2")
    early, late = await people(services, 2)
    text = await early.text("/boek presenteer 2")
    assert "Een week van tevoren krijg je een herinnering" in text
    # The reminder is due at 10:00 on 26 November; a minute later it has gone out.
    clock_of(services).set(datetime(2026, 11, 26, 9, 1, tzinfo=UTC))
    text = await late.text("/boek presenteer 2")
    assert "Top! Je presenteert Afri — Jutta Chorus" in text
    assert "donderdag 3 december 2026, 10:00" in text
    assert "herinnering krijg je niet meer" in text
    assert "Een week van tevoren" not in text
    english = Person(services, "en1", language="en")
    await english.say("/start")
    text = await english.text("/boek presenteer 2")
    assert "there will be no separate reminder" in text
    assert "a reminder a week before" not in text


async def test_picking_for_a_meeting_that_has_begun_or_ended_is_refused(
    services: Services, organiser: Person
) -> None:
    await organiser.say(SESSION)
    await organiser.say(LATER_SESSION)
    clock = clock_of(services)
    clock.set(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))  # the first meeting is under way
    text = await organiser.text("/boek kies 1 1")
    assert "Bijeenkomst 1 (donderdag 3 december 2026, 10:00) is al begonnen of voorbij" in text
    assert "Komende bijeenkomsten: 2 (maandag 1 februari 2027, 10:00)" in text
    english = Person(services, "1000", platform="telegram", name="Olga", language="en")
    await english.say("/ik taal en")
    clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))  # and now it is over
    text = await english.text("/boek kies 1 1")
    assert "Meeting 1 (" in text and "has already begun or is over" in text
    assert "Upcoming meetings: 2 (" in text
    assert await count(services, BookPick) == 0
    # Without a number the pick goes to the next meeting that has not begun.
    clock.set(datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
    assert "maandag 1 februari 2027" in await organiser.text("/boek kies 1")
    async with services.database() as db:
        assert (await db.scalars(select(BookPick.session_id))).all() == [2]


async def test_picking_when_no_meeting_lies_ahead_says_so(
    services: Services, organiser: Person
) -> None:
    await organiser.say(SESSION)
    clock_of(services).set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    text = await organiser.text("/boek kies 1 1")
    assert "al begonnen of voorbij" in text
    assert "nog geen komende bijeenkomst gepland" in text


async def test_a_presenter_who_said_no_is_not_asked_for_a_verdict(
    services: Services, organiser: Person
) -> None:
    from scheduler.jobs import run_now

    here, away = await people(services, 2)
    await organiser.say(SESSION)
    await organiser.say("/boek kies 2")
    assert "Je presenteert" in await here.text("/boek presenteer 2")
    assert "Je presenteert" in await away.text("/boek presenteer 2")
    await here.press("rsvp:1:ja")
    await away.press("rsvp:1:nee")
    assert await run_now(services, "step:book-verdict:session:1") == "done"
    async with services.database() as db:
        keys = [r.key for r in (await db.scalars(select(OutboxMessage))).all()]
    asked = [key for key in keys if key.startswith("book:verdict:")]
    async with services.database() as db:
        here_id = await db.scalar(
            select(Participant.id).where(Participant.display_name == "Lezer 0")
        )
    assert len(asked) == 1 and asked[0].endswith(f":participant:{here_id}")

"""Agenda polls: proposals, duplicates, support, opening, votes, limits, modes, deadlines."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.core.messages import CALLBACK_DATA_MAX_BYTES, Incoming, Reply
from bot.db.models import Ballot, Poll, PollMessage, ScheduledJob, Vote
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from bot.wiring import build_registry, prepare
from handlers.polls.keys import CLOSE_STEP, OPEN_STEP
from scheduler.service import tick
from scheduler.timeline import step_key
from tests.factories import DEFAULT_NOW, Person, build_services, make_settings
from tests.fakes.flaky_messenger import FlakyMessenger

FEATURES = ("handlers.people", "handlers.sessions", "handlers.polls")
# The meeting of these tests: Thursday 14 January 2027, 10:00 in Utrecht (09:00 UTC).
START = datetime(2027, 1, 14, 9, 0, tzinfo=UTC)
PLAN = "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk | geen overnachting"
_messages = itertools.count(1)


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    application = build_services(
        make_settings(tmp_path), clock=ManualClock(DEFAULT_NOW), registry=build_registry(FEATURES)
    )
    await prepare(application)
    application.messengers["console"] = FlakyMessenger("console")
    application.messengers["telegram"] = FlakyMessenger("telegram")
    try:
        yield application
    finally:
        await application.close()


def delivered(services: Services, platform: str = "console") -> FlakyMessenger:
    messenger = services.messengers[platform]
    assert isinstance(messenger, FlakyMessenger)
    return messenger


async def plan(organiser: Person, *people: Person) -> None:
    for person in (organiser, *people):
        await person.say("/start")
    assert "Bijeenkomst 1" in await organiser.text(PLAN)


async def press(person: Person, data: str, message_id: str | None = None) -> Reply:
    """A button press on a message of the person's own chat (as the adapters report it)."""
    [reply] = await dispatch(
        person.services,
        Incoming(
            platform=person.platform,
            user_id=person.user_id,
            chat_id=person.chat_id or person.user_id,
            callback=data,
            display_name=person.name,
            language=person.language,
            message_id=message_id or f"m{next(_messages)}",
            update_id=f"press-{next(_messages)}",
        ),
    )
    return reply


def vote_buttons(reply: Reply) -> dict[str, str]:
    """Proposal number → callback data, from the buttons of a vote message."""
    found = {}
    lines = {
        m[2]: m[1] for m in re.finditer(r"^(?:✓ )?#(\d+) (.+?)(?: \(.*\))?$", reply.text, re.M)
    }
    for row in reply.buttons:
        for button in row:
            if button.data.startswith("pv:"):
                found[button.data.rsplit(":", 1)[1]] = button.data
    assert set(found) <= set(lines.values())
    return found


async def everyone_votes_open(organiser: Person, *options: str) -> str:
    return await organiser.text(" ".join(("/peiling open", *options)))


# -- proposals ------------------------------------------------------------------------------------


async def test_proposal_with_reason_is_listed_with_proposer_and_support(
    organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    text = await participant.text(
        "/agenda voorstel Bewoners het stuur geven\nomdat we in Zuilen vastlopen"
    )
    assert "voorstel #1 voor bijeenkomst 1" in text
    assert "voorstel #2" not in await organiser.text("/agenda steun 1")
    listing = await organiser.text("/agenda")
    assert "#1 Bewoners het stuur geven (voorgesteld door Esther Brink, 1× gesteund)" in listing
    assert "omdat we in Zuilen vastlopen" in listing
    assert "bepalen zelf" in await organiser.text("/agenda help")


async def test_fuzzy_duplicate_offers_support_instead(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners het stuur geven")
    replies = await organiser.say("/agenda voorstel het stuur geven aan de bewoners!")
    assert "lijkt" in replies[0].text and "#1 Bewoners het stuur geven" in replies[0].text
    buttons = dict(organiser.buttons())
    assert buttons == {"Steun #1": "ps:1", "Toch apart voorstellen": "ps:apart"}
    reply = await press(organiser, "ps:1")
    assert reply.edit and "Je steunt nu voorstel #1" in reply.text
    assert "1× gesteund" in await participant.text("/agenda")
    assert "#2" not in await participant.text("/agenda")

    # A different topic is no duplicate; a near one can still be proposed separately.
    assert "#2" in await organiser.text("/agenda voorstel Monitoring zonder verplicht nummer")
    await organiser.say("/agenda voorstel Monitoring: geen verplicht nummer")
    reply = await press(organiser, "ps:apart")
    assert "voorstel #3" in reply.text
    # The typed answer works as well as the button.
    await participant.say("/agenda voorstel Bewoners het stuur geven")
    assert "Je steunde voorstel #1 al" not in await participant.text("steun")


async def test_too_long_title_and_bad_input_get_clear_answers(
    organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    text = await participant.text("/agenda voorstel " + "x" * 101)
    assert "101 tekens" in text and "hoogstens 100" in text
    assert "Wat wil je op de agenda" in await participant.text("/agenda voorstel")
    assert "Ik ken geen voorstel #42" in await participant.text("/agenda steun 42")
    assert "Ik ken geen bijeenkomst 9" in await participant.text("/agenda 9")


async def test_no_session_no_agenda(participant: Person) -> None:
    assert "nog geen bijeenkomst gepland" in await participant.text("/agenda voorstel Iets")


async def test_only_the_proposer_withdraws(organiser: Person, participant: Person) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Sociale herovering")
    assert "Alleen wie #1 voorstelde" in await organiser.text("/agenda intrekken 1")
    assert "ingetrokken" in await participant.text("/agenda intrekken 1")
    assert "nog geen voorstellen" in await organiser.text("/agenda")


# -- opening, voting, closing --------------------------------------------------------------------


async def test_non_organiser_cannot_open_or_close(organiser: Person, participant: Person) -> None:
    await plan(organiser, participant)
    refused = "Dat kunnen alleen organisatoren. Stemmen kan iedereen met /peiling"
    assert refused in await participant.text("/peiling open")
    assert refused in await participant.text("/peiling sluit")
    assert "Er loopt nu geen peiling" in await participant.text("/peiling")
    await organiser.say("/peiling open")
    assert refused in await participant.text("/peiling sluit 1")
    assert "alleen voor organisatoren" in await participant.text("/voorbereiding 1 @esther")


async def test_votes_toggle_up_to_the_limit_and_count_once_per_participant(
    services: Services, organiser: Person, participant: Person
) -> None:
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    await plan(organiser, participant, bert)
    for title in ("Bewoners aan het stuur", "Verankeren in de organisatie", "Corporaties"):
        await participant.say(f"/agenda voorstel {title}")
    text = await everyone_votes_open(organiser, "max 2")
    assert "open tot donderdag 31 december 2026, 10:00" in text
    # Everyone is sent a vote message of their own through the outbox.
    await tick(services)
    sent = {d.chat_id: d.reply for d in delivered(services).delivered}
    assert set(sent) == {"organiser", "p1", "bert"}
    buttons = vote_buttons(sent["p1"])
    assert set(buttons) == {"1", "2", "3"}

    reply = await press(participant, buttons["1"])
    assert reply.edit and "✓ #1 Bewoners aan het stuur (1 stem)" in reply.text
    await press(participant, buttons["2"])
    refused = await press(participant, buttons["3"])
    assert "Je hebt al 2 stemmen gebruikt" in refused.text
    assert "Jouw stemmen: 2 van 2" in refused.text
    # Changing a vote: take one back, choose another.
    await press(participant, buttons["2"])
    reply = await press(participant, buttons["3"])
    assert "✓ #3 Corporaties (1 stem)" in reply.text and "✓ #2" not in reply.text
    # Pressing twice in a row (a double tap) takes the vote back, it never counts twice.
    await press(bert, buttons["1"])
    standing = await organiser.text("/peiling stand")
    assert "stemmers: 2" in standing
    assert re.search(
        r"#1 Bewoners aan het stuur\n   █+ 2\n   stemmen van: Bert de Vries, "
        r"Esther Brink",
        standing,
    )
    async with services.database() as db:
        ballots = {b.participant_id: b.votes for b in (await db.scalars(select(Ballot))).all()}
    assert sorted(ballots.values()) == [1, 2]


async def test_linked_identities_vote_as_one_participant(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await participant.say("/agenda voorstel Corporaties als partner")
    await organiser.say("/peiling open max 1")
    code = re.search(r"code is (\w+)", await participant.text("/koppel"))
    assert code is not None
    on_telegram = Person(services, "5555", name="Esther Brink", platform="telegram")
    assert "Gekoppeld" in await on_telegram.text(f"/koppel {code[1]}")

    await press(participant, "pv:1:1")
    # The same person on Telegram sees their console vote and has no second ballot.
    reply = await press(on_telegram, "pv:1:2")
    assert "Je hebt al 1 stemmen gebruikt" in reply.text and "✓ #1" in reply.text
    await press(on_telegram, "pv:1:1")
    reply = await press(on_telegram, "pv:1:2")
    assert "✓ #2 Corporaties als partner (1 stem)" in reply.text
    assert "#1 Bewoners aan het stuur (0 stemmen)" in reply.text


async def test_proposals_can_be_added_while_the_poll_is_open(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    # The timeline opens the vote 21 days before the meeting, also without proposals yet.
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))
    await tick(services)
    assert "Er zijn nog geen voorstellen" in await participant.text("/peiling")
    text = await participant.text("/agenda voorstel Inspiratie van buiten")
    assert "De peiling loopt al" in text
    await participant.say("/peiling")
    assert ("Inspiratie van buiten (0)", "pv:1:1") in participant.buttons()


async def test_anonymous_poll_keeps_no_names_anywhere(
    services: Services, organiser: Person, participant: Person
) -> None:
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    await plan(organiser, participant, bert)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await participant.say("/agenda voorstel Corporaties als partner")
    assert "Anoniem" in await everyone_votes_open(organiser, "anoniem")
    await press(participant, "pv:1:1")
    await press(bert, "pv:1:1")
    await press(bert, "pv:1:2")
    await press(bert, "pv:1:2")  # and taken back: the anonymous vote can still change
    reply = await press(participant, "pv:1:2")
    assert "✓ #1" in reply.text and "✓ #2" in reply.text

    standing = await organiser.text("/peiling stand")
    assert "stemmen van" not in standing and "Esther" not in standing and "Bert" not in standing
    assert re.search(r"#1 Bewoners aan het stuur\n   █+ 2", standing)

    async def no_link_in_the_database() -> None:
        async with services.database() as db:
            votes = (await db.scalars(select(Vote))).all()
            assert votes and all(v.participant_id is None for v in votes)
            rows = (await db.execute(select(Vote.__table__))).all()
        for row in rows:  # nothing in a vote row names a participant
            assert set(row._mapping) == {
                "id",
                "poll_id",
                "proposal_id",
                "participant_id",
                "ballot",
            }

    await no_link_in_the_database()
    await organiser.say("/peiling sluit")
    await no_link_in_the_database()
    async with services.database() as db:
        poll = await db.scalar(select(Poll))
        assert poll is not None and poll.ballot_key is None
        votes = (await db.scalars(select(Vote).order_by(Vote.id))).all()
    # After the close only the counts are left, in proposal order: not even the order of voting.
    assert [v.ballot for v in votes] == [None, None, None]
    assert [v.proposal_id for v in votes] == [1, 1, 2]
    result = await organiser.text("/peiling stand 1")
    assert "Uitslag" in result and "Esther" not in result and "Bert" not in result


async def test_hidden_poll_shows_no_counts_until_the_close(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    assert "Verborgen" in await everyone_votes_open(organiser, "verborgen")
    reply = await press(participant, "pv:1:1")
    assert (
        "✓ #1 Bewoners aan het stuur" in reply.text and "stem" not in reply.text.split("\n\n")[2]
    )
    assert all("(" not in b.label for row in reply.buttons for b in row)
    assert "blijft verborgen tot de sluiting" in await organiser.text("/peiling stand")
    await organiser.say("/peiling sluit")
    assert re.search(r"Bewoners aan het stuur\n   █+ 1", await participant.text("/peiling stand"))


async def test_timeline_opens_nudges_and_closes_and_results_reach_everyone(
    services: Services, organiser: Person, participant: Person
) -> None:
    bert = Person(services, "bert", name="Bert de Vries", username="bert")
    carla = Person(services, "carla", name="Carla Jansen", username="carla")
    await plan(organiser, participant, bert, carla)
    await participant.say("/agenda voorstel Bewoners aan het stuur\nwant het moet")
    await bert.say("/agenda voorstel Verankeren in de organisatie")
    assert "Voorbereidingsgroepje van bijeenkomst 1: Carla Jansen" in await organiser.text(
        "/voorbereiding 1 @carla"
    )
    clock = services.clock
    assert isinstance(clock, ManualClock)
    messenger = delivered(services)

    async def at(when: datetime) -> dict[str, Reply]:
        seen = len(messenger.delivered)
        clock.set(when)
        await tick(services)
        return {d.chat_id: d.reply for d in messenger.delivered[seen:]}

    assert "voorbereidingsgroepje" in (await at(DEFAULT_NOW))["carla"].text
    # 21 days before 10:00 local: the vote opens by itself.
    assert await at(datetime(2026, 12, 24, 8, 59, tzinfo=UTC)) == {}
    opened = await at(datetime(2026, 12, 24, 9, 0, tzinfo=UTC))
    assert set(opened) == {"organiser", "p1", "bert", "carla"}
    assert "kies tot 3 onderwerpen" in opened["bert"].text
    await press(participant, "pv:1:1")
    await press(bert, "pv:1:1")
    await press(bert, "pv:1:2")
    # The day before the deadline, only those who did not vote are reminded, once.
    nudged = await at(datetime(2026, 12, 30, 9, 0, tzinfo=UTC))
    assert set(nudged) == {"organiser", "carla"}
    assert "Morgen sluit de agendapeiling" in nudged["carla"].text
    assert vote_buttons(nudged["carla"]) == {"1": "pv:1:1", "2": "pv:1:2"}
    assert await at(datetime(2026, 12, 30, 20, 0, tzinfo=UTC)) == {}
    # 14 days before: closed; everyone gets the ranking, the preparation group the full result.
    closed = await at(datetime(2026, 12, 31, 9, 0, tzinfo=UTC))
    for second in (2, 4, 6):  # one message per chat and second (the reminder is due too)
        await at(datetime(2026, 12, 31, 9, 0, second, tzinfo=UTC))
    results = [d.reply.text for d in messenger.delivered if d.chat_id == "carla"][-3:]
    assert set(closed) == {"organiser", "p1", "bert", "carla"}
    ranking = next(t for t in results if t.startswith("Uitslag"))
    assert "(stemmers: 2)" in ranking
    assert "1. Bewoners aan het stuur\n   ██████████ 2" in ranking
    assert "2. Verankeren in de organisatie\n   █████ 1" in ranking
    full = next(t for t in results if t.startswith("Voor het voorbereidingsgroepje"))
    assert "#1 Bewoners aan het stuur: 2 (voorgesteld door Esther Brink)" in full
    assert "want het moet" in full and "/programma 1 neem" in full
    assert not any(
        "Voor het voorbereidingsgroepje" in d.reply.text
        for d in messenger.delivered
        if d.chat_id == "bert"
    )
    # After the close a vote button says so instead of counting.
    reply = await press(participant, "pv:1:2")
    assert "gesloten" in reply.text and not reply.buttons[:-1]


async def test_a_close_due_while_the_bot_was_down_happens_at_start(
    tmp_path: Path, services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await organiser.say("/peiling open tot 20 december 2026 17:00")
    await press(participant, "pv:1:1")
    await services.close()  # the process stops; the deadline passes while nobody looks

    later = datetime(2026, 12, 22, 8, 0, tzinfo=UTC)
    restarted = build_services(
        make_settings(tmp_path), clock=ManualClock(later), registry=build_registry(FEATURES)
    )
    await prepare(restarted)
    messenger = FlakyMessenger("console")
    restarted.messengers["console"] = messenger
    try:
        await tick(restarted)
        async with restarted.database() as db:
            poll = await db.scalar(select(Poll))
            job = await db.scalar(select(ScheduledJob).where(ScheduledJob.key == "poll:1:close"))
        assert poll is not None and poll.status == "closed" and poll.closed_at == later
        assert job is not None and job.status == "done"
        texts = [d.reply.text for d in messenger.delivered if d.chat_id == "p1"]
        assert any("Uitslag van de agendapeiling" in t for t in texts)
        # The nudge was due before the deadline but is pointless after it: skipped, not sent.
        assert not any("Morgen sluit" in t for t in texts)
    finally:
        await restarted.close()


async def test_a_manual_deadline_later_than_the_timeline_is_kept(
    services: Services, organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await organiser.say("/peiling open tot 7 januari 2027 12:00")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2026, 12, 31, 9, 30, tzinfo=UTC))  # the timeline's close step
    await tick(services)
    reply = await press(participant, "pv:1:1")
    assert "✓ #1" in reply.text and "gesloten" not in reply.text
    clock.set(datetime(2027, 1, 7, 11, 0, tzinfo=UTC))
    await tick(services)
    assert "gesloten" in (await press(participant, "pv:1:1")).text


async def test_deadline_and_options_are_checked(organiser: Person, participant: Person) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    assert "begrijp ik niet" in await organiser.text("/peiling open tot gisteravond laat")
    assert "vóór de bijeenkomst" in await organiser.text("/peiling open tot 20 januari 2027 10:00")
    assert "1 tot en met 10" in await organiser.text("/peiling open max 0")
    assert "Dat begrijp ik niet: snel" in await organiser.text("/peiling open snel")
    assert "Ik ken geen bijeenkomst 7" in await organiser.text("/peiling open 7")
    await organiser.say("/peiling open 1")
    assert "al een peiling (open)" in await organiser.text("/peiling open 1")


async def test_other_vote_messages_are_edited_in_one_batch(
    services: Services, organiser: Person, participant: Person
) -> None:
    class EditingMessenger(FlakyMessenger):
        def __init__(self) -> None:
            super().__init__("console")
            self.edits: list[tuple[str, str, Reply]] = []

        async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
            self.edits.append((chat_id, message_id, reply))

    messenger = EditingMessenger()
    services.messengers["console"] = messenger
    bert = Person(services, "bert", name="Bert de Vries")
    await plan(organiser, participant, bert)
    await participant.say("/agenda voorstel Bewoners aan het stuur")
    await organiser.say("/peiling open")
    await press(bert, "pr:1", message_id="bert-msg")  # Bert looks at his vote message
    await press(organiser, "pr:1", message_id="olga-msg")
    for _ in range(3):  # Esther changes her mind a few times within the minute
        await press(participant, "pv:1:1", message_id="esther-msg")
    await tick(services)
    assert messenger.edits == []  # gathered, not yet due
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(seconds=61))
    await tick(services)
    edited = {(chat, mid): reply for chat, mid, reply in messenger.edits}
    assert set(edited) == {("bert", "bert-msg"), ("organiser", "olga-msg")}
    assert "#1 Bewoners aan het stuur (1 stem)" in edited["bert", "bert-msg"].text
    async with services.database() as db:
        jobs = (
            await db.scalars(select(ScheduledJob).where(ScheduledJob.kind == "poll-refresh"))
        ).all()
        assert not any((await db.scalars(select(PollMessage.stale))).all())
    assert len(jobs) == 1


async def test_button_data_and_labels_fit_the_platforms(
    organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    await participant.say("/agenda voorstel " + "Een heel lang onderwerp " * 4)
    await organiser.say("/peiling open")
    await participant.say("/peiling")
    for label, data in participant.buttons():
        assert len(data.encode()) <= CALLBACK_DATA_MAX_BYTES
        assert len(label) <= 40


async def test_no_vote_message_in_a_group(services: Services, organiser: Person) -> None:
    in_group = Person(services, "p7", name="Piet", chat_id="group-1", is_group=True)
    await plan(organiser)
    await organiser.say("/agenda voorstel Bewoners aan het stuur")
    await organiser.say("/peiling open anoniem")
    replies = await in_group.say("/peiling")
    assert "privégesprek" in replies[0].text and not replies[0].buttons
    assert "privégesprek" in (await in_group.press("pv:1:1"))[0].text
    assert "(0 stemmen)" in await organiser.text("/peiling")


async def test_english_participant_gets_english(services: Services, organiser: Person) -> None:
    ann = Person(services, "ann", name="Ann", language="en")
    await plan(organiser, ann)
    assert "Noted as proposal #1" in await ann.text("/agenda voorstel Residents first")
    await organiser.say("/peiling open")
    assert "choose up to 3 topics" in await ann.text("/peiling")


async def test_more_proposals_than_buttons_is_said_not_dropped_silently(
    organiser: Person, participant: Person
) -> None:
    await plan(organiser, participant)
    words = [
        "Armoede",
        "Bibliotheek",
        "Cultuur",
        "Dierentuin",
        "Eenzaamheid",
        "Fietspaden",
        "Groenbeheer",
        "Huisvesting",
        "Inburgering",
        "Jeugdzorg",
        "Kunstprojecten",
        "Laaggeletterdheid",
        "Mantelzorg",
        "Nachtleven",
        "Ouderenzorg",
        "Parkeren",
        "Quotering",
        "Radicalisering",
        "Schuldhulp",
        "Taalcafé",
        "Uitkeringen",
        "Vrijwilligers",
        "Wateroverlast",
        "Xenofobie",
        "Yogales",
        "Zwerfvuil",
    ]
    for word in words:
        reply = await participant.text(f"/agenda voorstel {word}")
        assert "Genoteerd" in reply, reply
    await organiser.say("/peiling open")
    text = await participant.text("/peiling")
    assert f"de eerste 25 staan hierboven, {len(words) - 25} niet" in text
    vote_buttons = [data for _, data in participant.buttons() if data.startswith("pv:")]
    assert len(vote_buttons) == 25


async def test_withdrawing_during_the_vote_refreshes_everyone_s_message(
    services: Services, organiser: Person, participant: Person
) -> None:
    class EditingMessenger(FlakyMessenger):
        def __init__(self) -> None:
            super().__init__("console")
            self.edits: list[tuple[str, str, Reply]] = []

        async def edit_message(self, chat_id: str, message_id: str, reply: Reply) -> None:
            self.edits.append((chat_id, message_id, reply))

    messenger = EditingMessenger()
    services.messengers["console"] = messenger
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Sociale herovering")
    await organiser.say("/agenda voorstel Werk en sport")
    await organiser.say("/peiling open")
    await press(organiser, "pr:1", message_id="olga-msg")  # Olga looks at her vote message
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(minutes=5))
    await tick(services)
    messenger.edits.clear()

    assert "ingetrokken" in await participant.text("/agenda intrekken 1")
    clock.advance(timedelta(seconds=61))
    await tick(services)
    [(chat, message_id, reply)] = messenger.edits
    assert (chat, message_id) == ("organiser", "olga-msg")
    assert "Sociale herovering" not in reply.text and "Werk en sport" in reply.text


def test_a_late_vote_closes_at_17_00_halfway_to_the_meeting() -> None:
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    from handlers.polls.lifecycle import default_close

    tz = ZoneInfo("Europe/Amsterdam")
    meeting = SimpleNamespace(starts_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    # In time: 14 days before the meeting, at its own wall-clock time.
    early = default_close(meeting, datetime(2026, 11, 1, 9, 0, tzinfo=UTC), tz)  # type: ignore[arg-type]
    assert early == datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
    # Too late for that: halfway, at 17:00 Amsterdam time, not at an odd minute.
    late = default_close(meeting, datetime(2026, 11, 22, 23, 55, tzinfo=UTC), tz)  # type: ignore[arg-type]
    assert late.astimezone(tz).replace(tzinfo=None) == datetime(2026, 11, 28, 17, 0)


async def step_status(services: Services, kind: str, meeting: int = 1) -> str | None:
    async with services.database() as db:
        return await db.scalar(
            select(ScheduledJob.status).where(ScheduledJob.key == step_key(kind, meeting))
        )


async def test_opening_and_closing_by_hand_settle_the_timeline_steps(
    services: Services, organiser: Person, participant: Person
) -> None:
    """The meeting's timeline no longer shows 'agendapeiling gaat open' as still to come
    once an organiser opened the vote (nor its close once it was closed by hand)."""
    await plan(organiser, participant)
    await participant.say("/agenda voorstel Wonen en zorg in de wijk")
    assert await step_status(services, OPEN_STEP) == "pending"
    await everyone_votes_open(organiser)
    assert await step_status(services, OPEN_STEP) == "done"
    assert await step_status(services, CLOSE_STEP) == "pending"
    assert "gesloten" in await organiser.text("/peiling sluit")
    assert await step_status(services, CLOSE_STEP) == "done"

"""The two questions after a meeting: to whom they go, and what an answer does."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.models import MemoryAnswer, OutboxMessage, ScheduledJob, Session
from bot.kernel.services import Services
from handlers.memory import tussenbalans_document
from handlers.memory.asking import ASK_OFFSET, FOLLOWUP_OFFSET
from scheduler.jobs import run_now
from scheduler.timeline import sync_timeline
from tests.factories import Person
from tests.handlers.memory.meeting import STARTS, past_meeting


async def schedule_and_run(services: Services, kind: str) -> list[OutboxMessage]:
    async with services.database() as db, db.begin():
        meeting = await db.get(Session, 1)
        assert meeting is not None
        await sync_timeline(
            db, meeting, services.registry.steps, now=STARTS, tz=services.settings.tz
        )
        key = await db.scalar(select(ScheduledJob.key).where(ScheduledJob.kind == kind))
    assert key is not None
    assert await run_now(services, key) == "done"
    async with services.database() as db:
        rows = await db.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return list(rows.all())


def test_the_questions_are_steps_after_the_meeting(services: Services) -> None:
    steps = services.registry.steps
    assert steps["memory-ask"].offset == ASK_OFFSET > timedelta(0)
    assert steps["memory-followup"].offset == FOLLOWUP_OFFSET >= timedelta(days=90)


async def test_only_those_who_came_are_asked_and_the_items_are_buttons(
    services: Services,
) -> None:
    await past_meeting(
        services, {"esther": "", "frank": ""}, others={"bert": "no", "carla": "maybe"}
    )
    rows = await schedule_and_run(services, "memory-ask")
    asked = [row for row in rows if row.key.startswith("memory:ask:session:1:")]
    assert len(asked) == 2
    text = asked[0].reply["text"]
    assert "Welke les neem je mee van deze bijeenkomst?" in text
    labels = [b["label"] for row in asked[0].reply["buttons"] for b in row]
    assert labels == ["Jongeren en sport", "Wijkteams", "De bijeenkomst als geheel", "Liever niet"]


async def test_answering_with_a_button_and_a_line_and_changing_it(services: Services) -> None:
    people = await past_meeting(services, {"esther": ""}, others={"bert": "no"})
    esther, bert = people["esther"], people["bert"]
    assert (await bert.press("memles:1:1"))[0].text == (
        "Deze vraag is voor wie bij bijeenkomst 1 was."
    )
    assert "over “Jongeren en sport”" in (await esther.press("memles:1:1"))[0].text
    assert "te lang" in await esther.text("x" * 1001)
    assert "genoteerd" in await esther.text("Ga naar de voetbalclub.")
    await esther.press("memles:1:2")
    await esther.text("Wijkteams in de wijk zelf.")
    async with services.database() as db:
        answers = (await db.scalars(select(MemoryAnswer))).all()
    assert [(a.text, a.programme_item_id) for a in answers] == [("Wijkteams in de wijk zelf.", 2)]
    assert "werkt niet meer" in (await esther.press("memles:99:1"))[0].text


async def test_the_three_month_question_quotes_the_answer_and_keeps_the_story(
    services: Services,
) -> None:
    people = await past_meeting(services, {"esther": "Ga naar de voetbalclub.", "frank": ""})
    rows = await schedule_and_run(services, "memory-followup")
    quoted = [row for row in rows if row.key.startswith("memory:followup:")]
    assert len(quoted) == 1  # Frank gave no answer to quote
    assert "“Ga naar de voetbalclub.”" in quoted[0].reply["text"]
    esther = people["esther"]
    await esther.press(quoted[0].reply["buttons"][0][0]["data"])
    assert "Dank je!" in await esther.text("We gingen met de trainers om tafel.")
    assert "trainers om tafel" in await Person(services, "kees", name="Kees").text(
        "/geschiedenis 1"
    )
    async with services.database() as db:
        document = await tussenbalans_document(services, db, "md")
    assert "- Toegepast na bijeenkomst 1: We gingen met de trainers om tafel." in document
    assert "(bijlage 1)" in document and "(§-" not in document
    # Someone else's button is not theirs to use.
    frank = people["frank"]
    assert (
        "werkt niet meer" in (await frank.press(quoted[0].reply["buttons"][0][0]["data"]))[0].text
    )

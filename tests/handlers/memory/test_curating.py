"""/oogst: who may curate, skipping, merging, the draft, and naming contributors."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db.models import HarvestedLesson, LessonContributor, MemoryAnswer, OutboxMessage
from bot.kernel.services import Services
from tests.factories import Person
from tests.handlers.memory.meeting import past_meeting

ANSWERS = {
    "esther": "Jongeren bereik je via de trainers van de voetbalclub.",
    "frank": "Bij de sportvereniging zitten de jongeren al.",
    "gert": "Een wijkteam werkt pas met eigen budget.",
}


async def test_only_the_preparation_group_and_organisers_curate(services: Services) -> None:
    people = await past_meeting(services, ANSWERS, prep="gert")
    refused = "Oogsten doen de voorbereidingsgroep van bijeenkomst 1 en de organisatoren."
    assert await people["esther"].text("/oogst 1") == refused
    assert await people["esther"].text("/oogst") == refused  # the last meeting by default
    assert refused in (await people["esther"].press("oogst:sk:1"))[0].text
    assert "3 antwoorden" in await people["gert"].text("/oogst 1")
    olga = Person(services, "organiser", name="Olga")
    assert "3 antwoorden" in await olga.text("/oogst #1")
    assert "Ik ken geen bijeenkomst 7" in await olga.text("/oogst 7")
    assert "Gebruik: /oogst" in await olga.text("/oogst zomaar iets")


async def test_skip_merge_three_and_save(services: Services) -> None:
    people = await past_meeting(
        services, {**ANSWERS, "hanna": "Vraag jongeren zelf."}, prep="gert"
    )
    gert = people["gert"]
    assert "#4 overgeslagen. Nog 3 te doen." in (await gert.press("oogst:sk:4"))[0].text
    assert "is er niet (meer)" in (await gert.press("oogst:mk:4"))[0].text
    draft = await gert.text("/oogst 1 samen 1 #2 3")
    assert "Concept-les uit #1, #2, #3" in draft
    assert "Kies eerst met een knop" in await gert.text("zomaar tekst")
    await gert.press("concept:text")
    await gert.text("Ga naar waar de jongeren al zijn: de sportclub.")
    choose = await gert.press("concept:theme")
    assert len(choose[0].buttons) == len(services.knowledge.themes)
    await gert.press("concept:th:diversiteit")
    saved = await gert.press("concept:save")
    assert "Les L1 opgeslagen" in saved[0].text
    assert "werkt niet meer" in (await gert.press("concept:save"))[0].text  # saved once
    async with services.database() as db:
        lesson = await db.get(HarvestedLesson, 1)
        assert lesson is not None
        assert (lesson.text, lesson.theme, lesson.place) == (
            "Ga naar waar de jongeren al zijn: de sportclub.",
            "diversiteit",
            "Zwolle",
        )
        assert lesson.cities == "Groningen, Rotterdam"
        contributors = await db.scalar(select(func.count()).select_from(LessonContributor))
        statuses = (await db.scalars(select(MemoryAnswer.status).order_by(MemoryAnswer.id))).all()
    assert contributors == 3
    assert statuses == ["used", "used", "used", "skipped"]
    assert "geen antwoorden meer te doen" in await gert.text("/oogst 1")


async def test_a_draft_can_be_cancelled_and_merging_needs_a_partner(services: Services) -> None:
    people = await past_meeting(services, {"esther": "Alleen ik."}, prep="esther")
    esther = people["esther"]
    assert "geen ander antwoord" in (await esther.press("oogst:sm:1"))[0].text
    await esther.press("oogst:mk:1")
    assert "weggegooid" in (await esther.press("concept:stop"))[0].text
    assert "1 antwoorden" in await esther.text("/oogst 1")


async def test_consent_is_asked_once_and_decides_whether_the_name_shows(
    services: Services,
) -> None:
    people = await past_meeting(services, ANSWERS, prep="gert")
    gert = people["gert"]
    for answer in ("1", "2"):
        await gert.press(f"oogst:mk:{answer}")
        await gert.press("concept:save")
    async with services.database() as db:
        asked = (
            await db.scalars(
                select(OutboxMessage.key).where(OutboxMessage.key.like("memory:consent:%"))
            )
        ).all()
    assert len(asked) == 2  # Esther and Frank, once each, though Esther could be asked twice
    await people["esther"].press("memnaam:ja")
    await people["frank"].press("memnaam:nee")
    page = await gert.text("/geschiedenis 1")
    assert "(van Esther)" in page and "Frank" not in page
    assert "Bijdragers: anoniem." in await gert.text("/oogst les 2")
    assert "Genoteerd: je naam staat" in await people["frank"].text("/oogst naam ja")
    assert "Bijdragers: Frank." in await gert.text("/oogst les 2")

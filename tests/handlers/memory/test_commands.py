"""Harvested lessons: /les finds them beside the booklet, organisers correct and withdraw them,
the CLI and the tussenbalans include them, erasing a contributor leaves them anonymous."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import cli
from bot.db.models import OutboxMessage
from bot.kernel.services import Services
from handlers.memory import tussenbalans_document
from tests.factories import Person, make_app
from tests.handlers.memory.meeting import past_meeting

LESSON = "Jongeren bereik je via de trainers van de voetbalclub en de sportvereniging."


async def harvested(services: Services) -> dict[str, Person]:
    people = await past_meeting(services, {"esther": LESSON, "frank": ""}, prep="frank")
    await people["frank"].press("oogst:mk:1")
    await people["frank"].press("concept:th:diversiteit")
    await people["frank"].press("concept:save")
    return people


async def test_les_finds_it_labelled_and_organisers_correct_and_withdraw_it(
    services: Services,
) -> None:
    people = await harvested(services)
    kees = Person(services, "kees", name="Kees")
    found = (await kees.text("/les hoe bereik ik de jeugd")).split("\n\n")[1]
    assert found.startswith("1. Jongeren bereik je via de trainers")
    assert "(bijeenkomst 1, Zwolle, maart 2027, Groningen)" in found
    english = Person(services, "eve", name="Eve", language="en")
    await english.say("/start")
    await english.say("/ik taal en")
    assert "(meeting 1, Zwolle, March 2027, Groningen)" in await english.text(
        "/les hoe bereik ik de jeugd"
    )

    olga = Person(services, "organiser", name="Olga")
    assert "alleen organisatoren" in (await people["frank"].text("/oogst les 1 intrekken")).lower()
    assert "aangepast" in await olga.text("/oogst les 1 titel Jeugd vind je bij de sportclub")
    assert "Onbekend thema" in await olga.text("/oogst les 1 thema sport")
    assert "ingetrokken" in await olga.text("/oogst les 1 intrekken")
    assert "Jeugd vind je" not in await kees.text("/les hoe bereik ik de jeugd")
    assert "Ik ken geen les" in await kees.text("/oogst les 1")
    assert "(ingetrokken)" in await olga.text("/oogst lessen")
    await olga.text("/oogst les 1 terug")
    again = (await kees.text("/les hoe bereik ik de jeugd")).split("\n\n")[1]
    assert again.startswith("1. Jeugd vind je bij de sportclub")


async def test_erasing_a_contributor_keeps_the_lesson_without_their_name(
    services: Services,
) -> None:
    people = await harvested(services)
    esther = people["esther"]
    await esther.press("memnaam:ja")
    olga = Person(services, "organiser", name="Olga")
    assert "Bijdragers: Esther." in await olga.text("/oogst les 1")
    data = json.loads((await esther.say("/mijngegevens"))[0].attachment.content)  # type: ignore[union-attr]
    assert data["records"]["memory_answers"][0]["text"] == LESSON
    assert data["records"]["memory_consents"][0]["named"] is True
    await esther.say("/vergeet")
    await esther.press("vergeet:ja")
    shown = await olga.text("/oogst les 1")
    assert "Esther" not in shown and "Bijdragers: anoniem." in shown
    async with services.database() as db:
        keys = (await db.scalars(select(OutboxMessage.key))).all()
    assert not [key for key in keys if key.startswith("memory:") and key.endswith(":3")]


async def test_the_tussenbalans_in_markdown_html_and_chat(services: Services) -> None:
    await harvested(services)
    async with services.database() as db:
        markdown = await tussenbalans_document(services, db, "md")
        page = await tussenbalans_document(services, db, "html", "en")
    assert markdown.startswith("# Tussenbalans van de CoP wijkenaanpak")
    diversity = markdown.index("### Diversiteit")
    section = markdown[diversity : markdown.index("\n### ", diversity)]
    assert "#### Geoogst na het boekje" in section and LESSON in section
    assert "## Boeken en oordelen" in markdown and "## De bijeenkomsten" in markdown
    assert "Bijeenkomst 1, donderdag 11 maart 2027, Zwolle: Jongeren in de wijk (1 lessen)" in (
        markdown
    )
    assert page.startswith("<!DOCTYPE html>") and "<h2>Books and verdicts</h2>" in page
    assert "meeting 1, Zwolle, March 2027" in page
    olga = Person(services, "organiser", name="Olga")
    [reply] = await olga.say("/tussenbalans")
    assert reply.attachment is not None and reply.attachment.filename == "tussenbalans.md"
    assert "alleen" in (await Person(services, "kees", name="Kees").text("/tussenbalans")).lower()


def test_cli_search_export_and_memory_export_include_harvested_lessons(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async def seed() -> str:
        services = await make_app(tmp_path)
        try:
            await harvested(services)
            return services.settings.database_url
        finally:
            services.lesson_index.set_extra([])  # the index is shared by the test run
            await services.close()

    monkeypatch.setenv("COPBOT_DATABASE_URL", asyncio.run(seed()))
    runner = CliRunner()
    query = ["lessons", "search", "hoe", "bereik", "ik", "de", "jeugd", "--json"]
    result = runner.invoke(cli, query)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["source"] == "bijeenkomst-1" and rows[0]["id"] == "oogst-1"
    assert set(rows[0]) == {"id", "theme", "source", "title", "score"}
    exported = json.loads(runner.invoke(cli, ["lessons", "export", "--json"]).output)
    assert exported[-1]["source"] == "bijeenkomst-1" and exported[-1]["text"] == LESSON
    target = tmp_path / "tussenbalans.html"
    result = runner.invoke(cli, ["memory", "export", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert LESSON in target.read_text(encoding="utf-8")
    assert runner.invoke(cli, ["memory", "export", "--format", "pdf"]).exit_code == 2
    # Without a database the search is the booklet's, and none is created.
    monkeypatch.setenv("COPBOT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    rows = json.loads(runner.invoke(cli, query).output)
    assert rows and all(row["source"] != "bijeenkomst-1" for row in rows)
    assert not (tmp_path / "none.db").exists()


async def test_a_second_replica_finds_a_lesson_made_on_the_first(
    services: Services, tmp_path: Path
) -> None:
    other = await make_app(tmp_path)  # a second process on the same database
    try:
        kees = Person(other, "kees", name="Kees")
        assert "Jongeren bereik je" not in await kees.text("/les hoe bereik ik de jeugd")
        await harvested(services)  # made on the first replica
        found = (await kees.text("/les hoe bereik ik de jeugd")).split("\n\n")[1]
        assert found.startswith("1. Jongeren bereik je via de trainers")
    finally:
        await other.close()

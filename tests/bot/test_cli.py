"""The `copbot` command line: lessons search/export, knowledge check, outbox status/requeue."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import cli
from bot.db.models import OutboxMessage
from tests.factories import Person, database_url_for, make_app

runner = CliRunner()


def test_lessons_search_json_is_ranked_and_honest() -> None:
    result = runner.invoke(cli, ["lessons", "search", "woningcorporaties", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and rows[0]["source"] == "2.4"
    assert set(rows[0]) >= {"id", "theme", "source", "title", "score"}
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    nonsense = runner.invoke(cli, ["lessons", "search", "qwxzv", "--json"])
    assert json.loads(nonsense.output) == []


def test_lessons_export_has_every_unit_with_its_text() -> None:
    result = runner.invoke(cli, ["lessons", "export", "--json"])
    rows = json.loads(result.output)
    assert len(rows) > 100
    assert all(set(r) == {"id", "theme", "source", "title", "text"} and r["text"] for r in rows)


def test_knowledge_check_passes_on_the_shipped_data() -> None:
    result = runner.invoke(cli, ["knowledge", "check"])
    assert result.exit_code == 0 and "valid" in result.output


def test_outbox_status_and_requeue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def seed() -> None:
        services = await make_app(tmp_path)
        now = datetime(2026, 11, 19, 9, 0, tzinfo=UTC)
        async with services.database() as db, db.begin():
            for key, status in [
                ("reminder:session:1:participant:1", "uncertain"),
                ("reminder:session:1:participant:2", "sent"),
                ("broadcast:7:participant:1", "uncertain"),
            ]:
                db.add(
                    OutboxMessage(
                        key=key, platform="telegram", chat_id="1", reply={"text": "x"},
                        status=status, created_at=now, next_attempt_at=now,
                    )
                )  # fmt: skip
        await services.close()

    asyncio.run(seed())
    monkeypatch.setenv("COPBOT_DATABASE_URL", database_url_for(tmp_path))
    status = runner.invoke(cli, ["outbox", "status"])
    assert status.exit_code == 0, status.output
    assert "uncertain  2" in status.output and "sent       1" in status.output
    assert "uncertain: broadcast:7:participant:1" in status.output
    requeued = runner.invoke(cli, ["outbox", "requeue", "reminder:session:1"])
    assert "1 message(s) queued again" in requeued.output
    assert "uncertain  1" in runner.invoke(cli, ["outbox", "status"]).output


def test_jobs_list_shows_what_runs_when_and_run_sends_one_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def plan() -> None:
        services = await make_app(tmp_path)
        organiser = Person(services, "organiser", name="Olga Organisator")
        await organiser.say(
            "/sessie nieuw 14 januari 2027 10:00 | Utrecht, Zuilen | Vreedzame wijk"
            " | geen overnachting"
        )
        await Person(services, "p1", name="Esther Brink").say("/start")
        await services.close()

    asyncio.run(plan())
    monkeypatch.setenv("COPBOT_DATABASE_URL", database_url_for(tmp_path))
    listed = runner.invoke(cli, ["jobs", "list", "--session", "1"])
    assert listed.exit_code == 0, listed.output
    keys = [line.split()[-1] for line in listed.output.splitlines()]
    reminder = next(key for key in keys if "reminder" in key)
    assert "2027-01-" in listed.output  # local due times
    assert runner.invoke(cli, ["jobs", "list", "--session", "99"]).output == "nothing scheduled\n"

    refused = runner.invoke(cli, ["jobs", "run", reminder], input="n\n")
    assert refused.exit_code == 1
    ran = runner.invoke(cli, ["jobs", "run", reminder, "--yes"])
    assert ran.exit_code == 0, ran.output
    assert f"{reminder}: done" in ran.output
    assert reminder not in runner.invoke(cli, ["jobs", "list"]).output
    again = runner.invoke(cli, ["jobs", "run", reminder, "--yes"])
    assert again.exit_code == 1 and "no pending job" in again.output

    async def queued() -> list[str]:
        services = await make_app(tmp_path)
        async with services.database() as db:
            keys = list((await db.scalars(select(OutboxMessage.key))).all())
        await services.close()
        return keys

    assert any("reminder" in key for key in asyncio.run(queued()))

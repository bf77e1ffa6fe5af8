"""The meeting page over real HTTP: answers made in the chat show at once with their counts,
the waiting list and the hotel's CSV; the timeline's states; "send now" runs a pending step
once, only with the csrf token."""

from __future__ import annotations

import re

import aiohttp
from sqlalchemy import func, select, update

from bot.db.models import OutboxMessage, ScheduledJob
from bot.kernel.services import Services
from scheduler.jobs import run_now, schedule
from tests.factories import Person
from tests.handlers.dashboard.conftest import client, sign_in

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


async def sign_up(person: Person, city: str, parts: str, diet: str, note: str) -> None:
    """As in the chat: the city, the card's "Ja", then the parts, the diet and a note."""
    await person.say(f"/ik stad {city}")
    await person.press("rsvp:1:ja")
    await person.say(parts)
    await person.say(diet)
    await person.say(note)


async def get(browser: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with browser.get(url, allow_redirects=False) as page:
        return page.status, await page.text()


def cells(html: str, name: str) -> list[str]:
    """The cells of the table row that starts with `name`."""
    row = re.search(r"<tr><th scope=\"row\">" + re.escape(name) + r"</th>(.*?)</tr>", html)
    assert row, f"no row for {name}"
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))


async def test_answers_made_in_chat_show_at_once_with_counts_and_the_waiting_list(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    await organiser.say(PLAN)
    await organiser.say("/sessie 1 kamers 1")
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        status, html = await get(browser, base_url + "/dashboard/meetings/1")
        assert status == 200
        assert "Bijeenkomst 1" in html and "Utrecht, wijk Zuilen" in html and "Durf" in html
        assert "Nog niemand heeft geantwoord." in html

        await sign_up(participant, "Utrecht", "alles", "vegetarisch", "ik kom pas om 14:00")
        karim = Person(services, "p2", name="Karim El Amrani")
        await sign_up(karim, "Schiedam", "alles", "halal", "nee")
        lotte = Person(services, "p3", name="Lotte Peters")
        await sign_up(lotte, "Deventer", "dag 1, diner", "geen", "nee")
        nina = Person(services, "p4", name="Nina Kok")
        await nina.say("/ik stad Heerlen")
        await nina.press("rsvp:1:nee")

        status, html = await get(browser, base_url + "/dashboard/meetings/1")
    assert status == 200
    assert cells(html, "Esther Brink") == [
        "Utrecht", "ja", "dag 1, diner, overnachting, dag 2", "kamer", "vegetarisch",
        "ik kom pas om 14:00",
    ]  # fmt: skip
    assert cells(html, "Karim El Amrani")[:5] == [
        "Schiedam", "ja", "dag 1, diner, overnachting, dag 2", "wachtlijst 1", "halal",
    ]  # fmt: skip
    assert cells(html, "Lotte Peters")[2:4] == ["dag 1, diner", "geen overnachting"]
    assert cells(html, "Nina Kok")[:2] == ["Heerlen", "nee"]
    # The counts: 3 yes, 1 no, the organiser silent; one room, one waiting.
    for number, label in ((3, "Komen"), (0, "Misschien"), (1, "Komen niet"),
                          (1, "Nog geen antwoord"), (1, "Kamers vergeven"),
                          (1, "Op de wachtlijst")):  # fmt: skip
        assert f"<li><strong>{number}</strong> {label}</li>" in html
    assert cells(html, "diner") == ["3"] and cells(html, "overnachting") == ["2"]
    assert cells(html, "dag 2") == ["2"] and cells(html, "halal") == ["1"]
    waiting = html.split("<h2>Wachtlijst</h2>")[1].split("</ol>")[0]
    assert "<li>Karim El Amrani" in waiting and "Esther" not in waiting
    assert 'href="/dashboard/meetings/1/hotel.csv"' in html
    assert "komen: 3, overnachtingen: 1" in html


async def test_the_hotel_csv_is_the_one_the_chat_sends(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    await organiser.say(PLAN)
    await sign_up(participant, "Utrecht", "alles", "allergie: noten", "nee")
    [reply] = [r for r in await organiser.say("/sessie 1 lijst") if r.attachment]
    assert reply.attachment is not None
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        async with browser.get(base_url + "/dashboard/meetings/1/hotel.csv") as csv:
            assert csv.status == 200
            assert csv.headers["Content-Type"].startswith("text/csv")
            assert csv.headers["Content-Disposition"] == (
                'attachment; filename="deelnemers-bijeenkomst-1.csv"'
            )
            body = await csv.read()
    assert body == reply.attachment.content
    assert "Esther Brink,,1,allergie (noten)" in body.decode("utf-8-sig")


async def test_an_unknown_meeting_is_a_404_page_and_no_session_is_refused(
    organiser: Person, base_url: str
) -> None:
    await organiser.say(PLAN)
    async with client(base_url) as browser:
        for path in ("/dashboard/meetings/1", "/dashboard/meetings/1/hotel.csv"):
            status, html = await get(browser, base_url + path)
            assert status == 403 and "Durf" not in html
        await sign_in(browser, base_url, organiser)
        for path in (
            "/dashboard/meetings/999",
            "/dashboard/meetings/abc",
            "/dashboard/meetings/999/hotel.csv",
            "/dashboard/meetings/1/steps/999/send",
        ):
            status, html = await get(browser, base_url + path)
            assert status == 404, path
            assert "Dat staat hier niet (meer)" in html


async def steps(services: Services) -> list[ScheduledJob]:
    async with services.database() as db:
        rows = await db.scalars(
            select(ScheduledJob).where(ScheduledJob.session_id == 1).order_by(ScheduledJob.due_at)
        )
        return list(rows.all())


async def test_the_timeline_shows_each_step_with_its_state_and_a_failure_with_its_error(
    services: Services, organiser: Person, base_url: str
) -> None:
    await organiser.say(PLAN)
    jobs = await steps(services)
    assert jobs and all(j.status == "pending" for j in jobs)
    async with services.database() as db, db.begin():
        await db.execute(
            update(ScheduledJob).where(ScheduledJob.id == jobs[0].id).values(status="skipped")
        )
        first = await db.get(ScheduledJob, jobs[0].id)
        assert first is not None
        await schedule(db, kind="gone-feature", key="gone:1", due_at=first.due_at, session_id=1)
    assert await run_now(services, "gone:1") == "failed"
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        status, html = await get(browser, base_url + "/dashboard/meetings/1")
    assert status == 200
    timeline = html.split('id="timeline"')[1]
    assert timeline.count('<tr class="step-') == len(jobs) + 1
    assert timeline.count('class="step-pending"') == len(jobs) - 1
    assert "herinnering aan iedereen (2 dagen vooraf)" in timeline
    assert "vraag aan wie nog niet antwoordde" in timeline
    assert '<tr class="step-skipped">' in timeline and "overgeslagen" in timeline
    failed = timeline.split('<tr class="step-failed">')[1].split("</tr>")[0]
    assert "mislukt" in failed and "unknown job kind &#39;gone-feature&#39;" in failed
    assert "Nu versturen" not in failed
    assert timeline.count(">Nu versturen</a>") == len(jobs) - 1


async def outbox_rows(services: Services) -> list[OutboxMessage]:
    async with services.database() as db:
        return list((await db.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def test_send_now_asks_first_needs_csrf_and_sends_once(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    await organiser.say(PLAN)
    await participant.press("rsvp:1:nee")  # who said no hears no reminder
    karim = Person(services, "p2", name="Karim El Amrani")
    await karim.say("/start")
    [reminder] = [j for j in await steps(services) if j.key.endswith(":-P2D")]
    path = f"/dashboard/meetings/1/steps/{reminder.id}/send"
    before = len(await outbox_rows(services))
    async with client(base_url) as browser:
        csrf = await sign_in(browser, base_url, organiser)
        status, html = await get(browser, base_url + path)
        assert status == 200
        assert "Weet je het zeker?" in html and "herinnering aan iedereen" in html
        assert f'action="{path}"' in html and 'name="csrf"' in html
        assert len(await outbox_rows(services)) == before  # asking sends nothing

        async with browser.post(base_url + path, data={}, allow_redirects=False) as refused:
            assert refused.status == 403
        async with browser.post(
            base_url + path, data={"csrf": "made-up"}, allow_redirects=False
        ) as refused:
            assert refused.status == 403
        assert len(await outbox_rows(services)) == before
        assert [j.status for j in await steps(services) if j.id == reminder.id] == ["pending"]

        async with browser.post(
            base_url + path, data={"csrf": csrf}, allow_redirects=False
        ) as sent:
            assert sent.status == 303
            assert sent.headers["Location"] == "/dashboard/meetings/1?notice=done"
        rows = (await outbox_rows(services))[before:]
        reminded = sorted(r.participant_id for r in rows)
        # Olga and Karim once each (Esther said no); nobody twice.
        assert len(reminded) == 2 and len(set(reminded)) == 2
        status, html = await get(browser, base_url + "/dashboard/meetings/1?notice=done")
        assert "De stap is gelopen" in html
        row = html.split("herinnering aan iedereen (2 dagen vooraf)")[1].split("</tr>")[0]
        assert "verstuurd" in row and "Nu versturen" not in row

        # The same form again: nothing more goes out, and the page says so.
        async with browser.post(
            base_url + path, data={"csrf": csrf}, allow_redirects=True
        ) as again:
            assert again.status == 200
            assert "niets (opnieuw) verstuurd" in await again.text()
        status, html = await get(browser, base_url + path)
        assert "staat niet (meer) klaar" in html and f'action="{path}"' not in html
    async with services.database() as db:
        total = await db.scalar(select(func.count()).select_from(OutboxMessage))
    assert total == before + 2

"""The messages page: the outbox per meeting and kind as the database counts it, the failed
and uncertain rows with recipient and error, and a resend of uncertain ones that needs the
csrf token and sends nothing more the second time."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import aiohttp
from sqlalchemy import select, update

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.core.ports import PermanentFailure, UncertainDelivery
from bot.db.models import OutboxMessage
from bot.kernel.services import Services
from handlers.outbox import kind_of
from scheduler.outbox import enqueue_many
from tests.factories import Person
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.handlers.dashboard.conftest import client, sign_in
from tests.handlers.dashboard.tables import tables, text_of
from tests.history_factory import deliver, install_postbox
from tests.scheduler.helpers import add_people

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
NAMES = {"p2": "Piet Geblokkeerd", "p3": "Rosa Onzeker", "p4": "Sam Onzeker", "p5": "Tom Prima"}


async def statuses(services: Services) -> Counter[str]:
    async with services.database() as db:
        return Counter((await db.scalars(select(OutboxMessage.status))).all())


async def page(browser: aiohttp.ClientSession, url: str) -> str:
    async with browser.get(url) as answer:
        assert answer.status == 200, await answer.text()
        return await answer.text()


async def a_meeting_with_a_reminder_that_partly_failed(
    services: Services, organiser: Person, participant: Person
) -> FlakyMessenger:
    """Meeting 1 announced to six; its 13-day reminder: blocked for Piet, a timeout (it did
    arrive) for Rosa and Sam; and a broadcast to everyone, again blocked for Piet."""
    postbox = install_postbox(services)
    await organiser.say("/start")
    await participant.say("/start")
    for user, name in NAMES.items():
        await Person(services, user, name=name).say("/start")
    assert "Aangekondigd aan 6 deelnemers" in await organiser.text(PLAN)
    assert "13 dagen" in await organiser.text("/sessie 1 herinneringen 13d 2d 3u")
    await deliver(services)
    postbox.always_fail("p2", PermanentFailure("Forbidden: bot was blocked by the user"))
    postbox.fail_next(UncertainDelivery("timed out after 10 s"), chat_id="p3")
    postbox.fail_next(UncertainDelivery("timed out after 10 s"), chat_id="p4")
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.advance(timedelta(days=1, hours=1))  # the reminder 13 days before
    await deliver(services)
    await organiser.say("/omroep Denk aan het boek")
    [send] = [data for label, data in organiser.buttons() if label == "Verstuur"]
    await organiser.press(send)
    await deliver(services)
    return postbox


async def test_the_outbox_per_meeting_and_kind_with_failed_and_uncertain_rows(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    await a_meeting_with_a_reminder_that_partly_failed(services, organiser, participant)
    assert await statuses(services) == Counter(sent=6 + 3 + 5, failed=2, uncertain=2)
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        html = await page(browser, base_url + "/dashboard/messages")
    shown = tables(html)
    header = ["Soort", "Verstuurd", "Wacht", "Mislukt", "Onzeker", "Niet nodig", "Actie"]
    resend_all = "Alle 2 onzekere berichten opnieuw versturen…"
    assert shown["Alle berichten"] == [
        header,
        ["Alle berichten", "14", "0", "2", "2", "0", resend_all],
    ]
    [meeting] = [caption for caption in shown if caption.startswith("Bijeenkomst 1:")]
    assert meeting == "Bijeenkomst 1: donderdag 3 december 2026, Utrecht, wijk Zuilen"
    assert shown[meeting][1:] == [
        ["aankondiging announce:session:1", "6", "0", "0", "0", "0", ""],
        ["herinnering reminder:session:1:offset:-P13D", "3", "0", "1", "2", "0",
         "Opnieuw versturen…"],
    ]  # fmt: skip
    [[kind, *counts]] = shown["Zonder bijeenkomst"][1:]
    assert kind.startswith("omroep broadcast:") and counts == ["5", "0", "1", "0", "0", ""]
    problems = shown["Mislukt of onzeker (4)"][1:]
    assert sorted((row[0], row[2]) for row in problems) == [
        ("Piet Geblokkeerd", "mislukt"),
        ("Piet Geblokkeerd", "mislukt"),
        ("Rosa Onzeker", "onzeker"),
        ("Sam Onzeker", "onzeker"),
    ]
    assert all("blocked by the user" in row[3] for row in problems if row[2] == "mislukt")
    assert all("timed out" in row[3] for row in problems if row[2] == "onzeker")
    assert "Meer (oudere)" not in html


async def test_resending_uncertain_messages_asks_first_needs_csrf_and_happens_once(
    services: Services, organiser: Person, participant: Person, base_url: str
) -> None:
    postbox = await a_meeting_with_a_reminder_that_partly_failed(services, organiser, participant)
    async with client(base_url) as browser:
        csrf = await sign_in(browser, base_url, organiser)
        html = await page(browser, base_url + "/dashboard/messages")
        [link] = re.findall(r'href="(/dashboard/messages/resend\?kind=[^"]+)"', html)
        confirm = await page(browser, base_url + link.replace("&amp;", "&"))
        words = text_of(confirm)
        assert "2 berichten" in words and "twee keer" in words
        assert "Rosa Onzeker" in words and "Sam Onzeker" in words
        form = dict(re.findall(r'name="(kind|upto)" value="([^"]*)"', confirm))
        assert form["kind"] == "reminder:session:1:offset:-P13D"

        post = base_url + "/dashboard/messages/resend"
        async with browser.post(post, data=form, allow_redirects=False) as refused:
            assert refused.status == 403
        async with browser.post(
            post, data={**form, "csrf": "made-up"}, allow_redirects=False
        ) as refused:
            assert refused.status == 403
        assert (await statuses(services))["uncertain"] == 2  # nothing requeued

        async with browser.post(post, data={**form, "csrf": csrf}, allow_redirects=False) as done:
            assert done.status == 303
            assert done.headers["Location"] == "/dashboard/messages?resent=2"
        assert (await statuses(services))["pending"] == 2
        await deliver(services)
        after = await page(browser, base_url + "/dashboard/messages?resent=2")
        assert "2 berichten gaan opnieuw de deur uit" in text_of(after)

        async with browser.post(post, data={**form, "csrf": csrf}, allow_redirects=False) as again:
            assert again.headers["Location"] == "/dashboard/messages?resent=0"
        again_page = await page(browser, base_url + "/dashboard/messages?resent=0")
        assert "er ging niets de deur uit" in text_of(again_page)
        await deliver(services)
    received = {
        chat: Counter(d.reply.text for d in postbox.delivered if d.chat_id == chat)
        for chat in ("p3", "p4", "p5")
    }
    # Rosa and Sam had the reminder (the timeout came after it arrived) and got it once more,
    # once; Tom's was never uncertain: every message once.
    [reminder] = [text for text in received["p5"] if "Durf" in text and "13 dagen" in text]
    assert received["p3"][reminder] == received["p4"][reminder] == 2
    assert set(received["p5"].values()) == {1}
    assert (await statuses(services))["uncertain"] == 0


async def test_thousands_of_rows_are_counted_per_kind_and_problems_listed_fifty_at_a_time(
    services: Services, organiser: Person, base_url: str
) -> None:
    await organiser.say("/start")
    people = await add_people(services, 120, platform="console", first_user=5000)
    async with services.database() as db, db.begin():
        for prefix in ("reminder:session:7:offset:-P2D", "book:invite:pick:3", "broadcast:9"):
            await enqueue_many(
                db, key_prefix=prefix, participant_ids=people,
                reply_for=lambda p: Reply("Hallo"),
            )  # fmt: skip
        rows = (await db.scalars(select(OutboxMessage.id).order_by(OutboxMessage.id))).all()
        await db.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(rows[:70])).values(status="failed")
        )
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(rows[200:230]))
            .values(status="uncertain")
        )
    async with services.database() as db:
        keys = (await db.scalars(select(OutboxMessage.key))).all()
    assert Counter(kind_of(k) for k in keys) == {
        "reminder:session:7:offset:-P2D": 120, "book:invite:pick:3": 120, "broadcast:9": 120,
    }  # fmt: skip
    async with client(base_url) as browser:
        await sign_in(browser, base_url, organiser)
        first = await page(browser, base_url + "/dashboard/messages")
        shown = tables(first)
        assert shown["Bijeenkomst 7"][1:] == [
            ["herinnering reminder:session:7:offset:-P2D", "0", "50", "70", "0", "0", ""],
        ]
        [[_, *other]] = [r for r in shown["Zonder bijeenkomst"][1:] if "book:" in r[0]]
        assert other == ["0", "90", "0", "30", "0", "Opnieuw versturen…"]
        assert len(shown["Mislukt of onzeker (100)"]) == 1 + 50
        assert "Nummer 1 tot en met 50 van 100" in text_of(first)
        assert 'href="/dashboard/messages?page=2#problems"' in first
        second = await page(browser, base_url + "/dashboard/messages?page=2")
        assert len(tables(second)["Mislukt of onzeker (100)"]) == 1 + 50
        assert "Nummer 51 tot en met 100 van 100" in text_of(second)
        assert "?page=3" not in second and "?page=1#problems" in second
        beyond = await page(browser, base_url + "/dashboard/messages?page=99")
        assert "Nummer 51 tot en met 100 van 100" in text_of(beyond)


async def test_the_messages_pages_answer_no_one_without_a_session(base_url: str) -> None:
    async with client(base_url) as browser:
        for path in ("/dashboard/messages", "/dashboard/messages/resend"):
            async with browser.get(base_url + path) as refused:
                assert refused.status == 403
        async with browser.post(
            base_url + "/dashboard/messages/resend", data={"csrf": "x"}
        ) as refused:
            assert refused.status == 403

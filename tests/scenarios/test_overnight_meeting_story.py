"""The meeting itself, organised from the chat, on the Telegram and Slack stand-ins.

Olga plans a Thursday-Friday meeting in Utrecht with 10 hotel rooms; everyone hears "save the
date". Fourteen participants answer: twelve on Telegram (John in English) typing their parts,
diets and notes, Lies and Karel on Slack with the buttons; Wessel cannot come. The 11th who
wants a room waits and moves up, with a message, when Tom gives up his night. The hotel and
caterer list has exactly the right rows. The programme is announced to those coming; a change
after that reaches only them and bumps SEQUENCE in the calendar feed they subscribe to, which
answers 304 to a client that already has the current version.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.fakes.telegram_api import Sent
from tests.scenarios.cycle_cast import (
    BERNADETTE,
    ESTHER,
    JOHN,
    KAREL,
    KARIN,
    LIES,
    NAMES,
    NINA,
    OLGA,
    PIETER,
    TOM,
    WESSEL,
    Cycle,
)

PLAN = "/sessie nieuw 17 december 2026 10:00 | Utrecht, Zuilen | Vreedzame wijk | overnachting"
ANNA, BRAM, CARLA, DIRK = range(511, 515)
MORE_NAMES = {
    ANNA: ("Anna", "Bakker"),
    BRAM: ("Bram", "Vries"),
    CARLA: ("Carla", "Smit"),
    DIRK: ("Dirk", "Jansen"),
}
# Telegram participants in the order they answer: parts, diet, note, as typed.
TYPED = [
    (ESTHER, "alles", "vegetarisch", "nee"),
    (JOHN, "all", "none", "I'll only arrive at 14:00"),
    (BERNADETTE, "alles", "halal", "nee"),
    (TOM, "alles", "geen", "nee"),
    (NINA, "alles", "veganistisch", "nee"),
    (KARIN, "alles", "glutenvrij", "nee"),
    (PIETER, "alles", "allergie: noten", "nee"),
]
LATE = [  # after Lies and Karel (Slack): rooms 10 and the waiting list
    (ANNA, "alles", "geen", "nee"),
    (BRAM, "alles", "halal", "nee"),
    (CARLA, "dag 1, diner", "geen", "nee"),
    (DIRK, "dag 2", "vegetarisch", "nee"),
]
TELEGRAM = (ESTHER, JOHN, WESSEL, BERNADETTE, TOM, NINA, KARIN, PIETER, ANNA, BRAM, CARLA, DIRK)
COMING = tuple(uid for uid in TELEGRAM if uid != WESSEL)


class Meeting(Cycle):
    """The whole-cycle cast, four people more."""

    def user(self, uid: int) -> dict[str, Any]:
        if uid not in MORE_NAMES:
            return super().user(uid)
        first, last = MORE_NAMES[uid]
        return self.telegram.user(uid, first_name=first, last_name=last, language_code="nl")

    def name(self, uid: int) -> str:
        return " ".join({**NAMES, **MORE_NAMES}[uid])

    def new(self, uid: int, needle: str, after: int = 0) -> list[str]:
        """New messages (not edits or answers to a button) with `needle` in a Telegram chat."""
        return [
            s.text
            for s in self.telegram.sent(uid)[after:]
            if s.method in ("sendMessage", "sendDocument") and needle in s.text
        ]

    def marks(self) -> dict[int, int]:
        return {uid: len(self.telegram.sent(uid)) for uid in (OLGA, *TELEGRAM)}

    async def dm_slack(self, user: str, text: str, needle: str) -> str:
        """`user` types `text` in their DM with the bot; the bot's post with `needle`."""
        bot, channel = self.slack.bot, "D" + user[1:]
        assert bot is not None
        before = len(self.slack.texts(channel))
        await bot.event(
            {"type": "message", "channel": channel, "channel_type": "im", "user": user,
             "text": text, "ts": f"1700000100.{before:06d}"}
        )  # fmt: skip
        fake = self.slack.fake
        while not (said := [t for t in self.slack.texts(channel)[before:] if needle in t]):
            posted = fake.of("chat.postMessage", "chat.update")
            await fake.wait_for("chat.postMessage", "chat.update", count=len(posted) + 1)
        return said[0]


def slack_texts_in(meeting: Meeting, user: str, needle: str) -> list[str]:
    return [t for t in meeting.slack.texts("D" + user[1:]) if needle in t]


@pytest.fixture
async def meeting(tmp_path: Path) -> AsyncIterator[Meeting]:
    running = await Meeting.open(tmp_path, datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    assert isinstance(running, Meeting)
    try:
        yield running
    finally:
        await running.close()


async def test_ten_rooms_fourteen_answers_a_waiting_list_and_a_programme_change(
    meeting: Meeting,
) -> None:
    saved = await plan_and_save_the_date(meeting)
    await everyone_signs_up(meeting, saved)
    await a_night_given_up(meeting, saved)
    await the_hotel_list(meeting)
    await programme_announced_and_changed(meeting)
    meeting.assert_nothing_broken()
    sent = Counter(
        (s.chat_id, s.text) for s in meeting.telegram.outgoing if s.method == "sendMessage"
    )
    assert not [text[:60] for (_chat, text), n in sent.items() if n > 1 and len(text) > 40]


async def plan_and_save_the_date(meeting: Meeting) -> dict[int, Sent]:
    await meeting.say(OLGA, "/start", "copbot")
    for uid in TELEGRAM:
        await meeting.say(uid, "/start", "copbot")
        organisation = f"Gemeente {meeting.name(uid).split()[1]}"
        await meeting.say(uid, f"/ik organisatie {organisation}", organisation)
    for user in (LIES, KAREL):
        await meeting.slack_say(user, "start", "Welkom")
        await meeting.slack_say(user, "ik organisatie Woonstad", "Woonstad")
    await meeting.say(OLGA, PLAN, "Bijeenkomst 1 staat gepland")
    rooms = await meeting.say(OLGA, "/sessie 1 kamers 10", "Hotelkamers voor bijeenkomst 1: 10")
    assert "Vergeven: 0" in rooms.text
    await meeting.say(OLGA, "/sessie 1 hotel tot 10 december", "10 december")
    before = meeting.marks()
    await meeting.at(meeting.clock.now())  # the outbox delivers "save the date"
    saved = {}
    for uid in (OLGA, *TELEGRAM):
        [message] = [
            s for s in meeting.sent(uid, before[uid]) if "rsvp:1:ja" in dict(s.buttons).values()
        ]
        [ics] = [s for s in meeting.sent(uid, before[uid]) if s.method == "sendDocument"]
        assert ics.filename == "copbot-bijeenkomst-1.ics" and b"SEQUENCE:" in ics.content
        english = "the calendar file is attached" in message.text
        assert english == (uid == JOHN) and "Vreedzame wijk" in message.text, message.text
        saved[uid] = message
    for user in (LIES, KAREL):
        assert len(slack_texts_in(meeting, user, "Vreedzame wijk")) == 1
    return saved


async def typed_sign_up(
    meeting: Meeting, saved: dict[int, Sent], row: tuple[int, str, str, str]
) -> str:
    uid, parts, diet, note = row
    english = uid == JOHN
    await meeting.press(
        uid, saved[uid], "rsvp:1:ja", "which parts" if english else "welke onderdelen"
    )
    await meeting.say(uid, parts, "dietary" if english else "dieetwensen")
    if "allergie:" in diet or diet == "allergie":
        await meeting.say(uid, diet, "Nog iets")
    else:
        await meeting.say(uid, diet, "Anything" if english else "Nog iets")
    done = await meeting.say(uid, note, "Thank you, noted" if english else "Dank je, genoteerd")
    return done.text


async def everyone_signs_up(meeting: Meeting, saved: dict[int, Sent]) -> None:
    for row in TYPED:
        said = await typed_sign_up(meeting, saved, row)
        assert "wachtlijst" not in said and "waiting list" not in said, said
    for user, diet in ((LIES, "lactose_free"), (KAREL, "")):
        await meeting.slack_press(user, "rsvp:1:ja", "welke onderdelen")
        await meeting.slack_press(user, "aanmelding:1:deel:overnight", "welke onderdelen")
        await meeting.slack_press(user, "aanmelding:1:klaar:", "dieetwensen")
        if diet:
            await meeting.slack_press(user, f"aanmelding:1:dieet:{diet}", "dieetwensen")
            await meeting.slack_press(user, "aanmelding:1:klaar:", "Nog iets")
        else:
            await meeting.slack_press(user, "aanmelding:1:geen:", "Nog iets")
    lies = await meeting.dm_slack(LIES, "ik kom met de trein", "Dank je, genoteerd")
    karel = await meeting.slack_press(KAREL, "aanmelding:1:klaar:", "Dank je, genoteerd")
    assert "overnachting" in lies and "lactosevrij" in lies and "trein" in lies, lies
    assert "overnachting" in karel and "wachtlijst" not in karel, karel
    for row in LATE:
        said = await typed_sign_up(meeting, saved, row)
        waits = "Alle 10 kamers zijn vergeven: je staat op de wachtlijst (plaats 1)" in said
        assert waits == (row[0] == BRAM), said
    await meeting.press(WESSEL, saved[WESSEL], "rsvp:1:nee", "nee, ik kom niet")
    overview = await meeting.say(OLGA, "/sessie 1 aanmeldingen", "13 ja, 0 misschien, 1 nee")
    assert "Kamers: 10 van 10 vergeven, 1 op de wachtlijst." in overview.text
    assert "Wachtlijst: 1. Bram Vries" in overview.text
    assert "«I'll only arrive at 14:00»" in overview.text
    assert "«ik kom met de trein»" in overview.text


async def a_night_given_up(meeting: Meeting, saved: dict[int, Sent]) -> None:
    await meeting.press(TOM, saved[TOM], "rsvp:1:nacht-nee", "Jouw antwoord")
    before = meeting.marks()
    await meeting.at(meeting.clock.now())
    moved = meeting.new(BRAM, "er is een hotelkamer vrijgekomen voor bijeenkomst 1", before[BRAM])
    assert len(moved) == 1, meeting.sent(BRAM, before[BRAM])
    for uid in (OLGA, *TELEGRAM):
        if uid != BRAM:
            assert not meeting.sent(uid, before[uid]), (uid, meeting.sent(uid, before[uid]))
    for user in (LIES, KAREL):
        assert not slack_texts_in(meeting, user, "vrijgekomen")
    await meeting.at(meeting.clock.now())  # a second look sends nothing again
    assert len(meeting.new(BRAM, "vrijgekomen", before[BRAM])) == 1
    overview = await meeting.say(OLGA, "/sessie 1 aanmeldingen", "Kamers:")
    assert "Kamers: 10 van 10 vergeven, 0 op de wachtlijst." in overview.text


async def the_hotel_list(meeting: Meeting) -> None:
    before = len(meeting.sent(OLGA))
    await meeting.say(OLGA, "/sessie 1 lijst", "Komen: 13, overnachtingen: 10")

    def documents() -> list[Sent]:
        return [s for s in meeting.sent(OLGA, before) if s.method == "sendDocument"]

    await meeting.telegram.wait_for(lambda: bool(documents()))
    [listed] = documents()
    assert listed.filename == "deelnemers-bijeenkomst-1.csv"
    rows = list(csv.reader(io.StringIO(listed.content.decode("utf-8-sig"))))
    assert rows == [
        ["naam", "organisatie", "nachten", "dieet"],
        ["Anna Bakker", "Gemeente Bakker", "1", ""],
        ["Bernadette Huurne", "Gemeente Huurne", "1", "halal"],
        ["Bram Vries", "Gemeente Vries", "1", "halal"],
        ["Carla Smit", "Gemeente Smit", "0", ""],
        ["Dirk Jansen", "Gemeente Jansen", "0", "vegetarisch"],
        ["Esther Brink", "Gemeente Brink", "1", "vegetarisch"],
        ["John Smith", "Gemeente Smith", "1", ""],
        ["Karel Slack", "Woonstad", "1", ""],
        ["Karin Vertrek", "Gemeente Vertrek", "1", "glutenvrij"],
        ["Lies Slack", "Woonstad", "1", "lactosevrij"],
        ["Nina Nieuw", "Gemeente Nieuw", "1", "veganistisch"],
        ["Pieter Post", "Gemeente Post", "1", "allergie (noten)"],
        ["Tom Delft", "Gemeente Delft", "0", ""],
    ]


async def subscribe(meeting: Meeting) -> tuple[str, str, int]:
    """John subscribes his calendar to his own feed; a client that is current gets 304."""
    said = await meeting.say(JOHN, "/sessie feed", "/agenda/")
    [link] = [word for word in said.text.split() if "/agenda/" in word]
    bot = meeting.slack.bot
    assert bot is not None
    base = bot.url.split("/", 3)[:3]
    url = "/".join(base) + "/agenda/" + link.split("/agenda/")[-1]
    async with aiohttp.ClientSession() as client:
        async with client.get(url) as first:
            assert first.status == 200
            body = (await first.read()).decode()
            etag = first.headers["ETag"]
        async with client.get(url, headers={"If-None-Match": etag}) as again:
            assert again.status == 304 and await again.read() == b""
    assert "Vreedzame wijk" in body and "10:30–12:00" in unfolded(body)
    return url, etag, sequence(body)


def unfolded(ics: str) -> str:
    return ics.replace("\r\n ", "")


def sequence(ics: str) -> int:
    [value] = [line.split(":", 1)[1] for line in ics.splitlines() if line.startswith("SEQUENCE:")]
    return int(value)


async def programme_announced_and_changed(meeting: Meeting) -> None:
    await meeting.say(ESTHER, "/agenda voorstel Bewoners aan het stuur", "#1")
    await meeting.say(OLGA, "/programma 1 neem 1 10:30-12:00", "als item 1")
    before = meeting.marks()
    await meeting.at(meeting.clock.now())
    assert not any(meeting.new(uid, "Programma", before[uid]) for uid in TELEGRAM)  # not yet
    told = await meeting.say(OLGA, "/programma 1 aankondigen", "gaat naar 13 deelnemers")
    assert "die komen" in told.text
    await meeting.at(meeting.clock.now())
    for uid in COMING:
        got = meeting.new(uid, "10:30–12:00 Bewoners aan het stuur", before[uid])
        assert len(got) == 1, (uid, meeting.sent(uid, before[uid]))
    assert not meeting.new(WESSEL, "Bewoners", before[WESSEL])
    assert not meeting.new(OLGA, "10:30–12:00 Bewoners", before[OLGA])  # she did not answer
    for user in (LIES, KAREL):
        assert len(slack_texts_in(meeting, user, "10:30–12:00 Bewoners")) == 1
    url, etag, announced = await subscribe(meeting)
    before = meeting.marks()
    changed = await meeting.say(OLGA, "/programma 1 tijd 1 14:00-15:30", "deelnemers die komen")
    assert "13 deelnemers die komen krijgen de wijziging te horen" in changed.text
    await meeting.at(meeting.clock.now())
    for uid in COMING:
        needle = "has changed" if uid == JOHN else "is gewijzigd"
        got = meeting.new(uid, needle, before[uid])
        assert len(got) == 1, (uid, meeting.sent(uid, before[uid]))
        assert "14:00–15:30" in got[0]
    assert not meeting.sent(WESSEL, before[WESSEL])
    assert not meeting.new(OLGA, "is gewijzigd", before[OLGA])
    for user in (LIES, KAREL):
        assert len(slack_texts_in(meeting, user, "is gewijzigd")) == 1
    await the_feed_keeps_up(url, etag, announced)


async def the_feed_keeps_up(url: str, old_etag: str, announced: int) -> None:
    """John's calendar asks with the version it has: the change comes in full with SEQUENCE one
    higher; asked again with the new version, the feed answers 304."""
    async with aiohttp.ClientSession() as client:
        async with client.get(url, headers={"If-None-Match": old_etag}) as changed:
            assert changed.status == 200
            ics = (await changed.read()).decode()
            etag = changed.headers["ETag"]
        assert etag != old_etag
        assert sequence(ics) == announced + 1 and "14:00–15:30" in unfolded(ics)
        async with client.get(url, headers={"If-None-Match": etag}) as current:
            assert current.status == 304 and await current.read() == b""

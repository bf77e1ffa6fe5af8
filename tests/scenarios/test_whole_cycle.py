"""A whole CoP cycle without a stumble, on the Telegram and Slack stand-ins.

Olga plans an overnight Thursday-Friday meeting in Utrecht in November. Eight participants are
on Telegram (John reads English), Lies and Karel on Slack. The prep group and the others propose
topics, support them, vote from both platforms; the vote closes, the prep group builds the
programme; people answer the reminders privately (the card in the group shows counts only);
the reading club picks a book and finds presenters; Nina is new and gets Tom as her buddy;
Karin leaves and comes back; after the meeting, on the Monday, the after-meeting steps ask for
verdicts and lessons. The bot restarts in between, and buttons pressed after a restart work.
Every message is read as a participant would: right people, their language, once, no errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

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
POLL_OPENS = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # three weeks before, 10:00 local
POLL_CLOSES = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # two weeks before: also the reminder
WEEK_BEFORE = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
DAY_BEFORE = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
MORNING = datetime(2026, 12, 17, 6, 0, tzinfo=UTC)
MIDDAY = datetime(2026, 12, 17, 11, 0, tzinfo=UTC)
# The meeting ends Friday 18 December 16:00; steps one and two days after it fall on the
# weekend and move to Monday 21 December, same local time.
SATURDAY = datetime(2026, 12, 19, 16, 0, tzinfo=UTC)
MONDAY = datetime(2026, 12, 21, 16, 0, tzinfo=UTC)
EVERYONE = tuple(NAMES)


@pytest.fixture
async def cycle(tmp_path: Path) -> AsyncIterator[Cycle]:
    running = await Cycle.open(tmp_path, datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    try:
        yield running
    finally:
        await running.close()


def telegram_got(cycle: Cycle, uid: int, needle: str, after: int = 0) -> list[str]:
    """New messages (not edits) with `needle` in a Telegram chat."""
    return [
        s.text
        for s in cycle.telegram.sent(uid)[after:]
        if s.method == "sendMessage" and needle in s.text
    ]


def slack_got(cycle: Cycle, user: str, needle: str) -> list[str]:
    return [t for t in cycle.slack.texts("D" + user[1:]) if needle in t]


def marks(cycle: Cycle) -> dict[int, int]:
    return {uid: len(cycle.telegram.sent(uid)) for uid in EVERYONE}


def assert_no_duplicates(cycle: Cycle) -> None:
    """Nothing the scheduler sent reached one chat twice."""
    sent = Counter(
        (s.chat_id, s.text) for s in cycle.telegram.outgoing if s.method == "sendMessage"
    )
    repeated = [text[:60] for (_chat, text), n in sent.items() if n > 1 and "/" not in text[:1]]
    assert not repeated, repeated


async def test_a_whole_cop_cycle(cycle: Cycle) -> None:
    await everyone_arrives(cycle)
    await plan_the_meeting(cycle)
    await propose_and_support(cycle)
    await cycle.restart()
    await vote(cycle)
    await cycle.restart()
    await close_and_build_the_programme(cycle)
    await answer_and_be_reminded(cycle)
    await reading_club(cycle)
    await newcomer_and_leaver(cycle)
    await cycle.restart()
    await the_days_before(cycle)
    await after_the_meeting(cycle)
    cycle.assert_nothing_broken()
    assert_no_duplicates(cycle)


async def everyone_arrives(cycle: Cycle) -> None:
    for uid in EVERYONE:
        await cycle.say(uid, "/start", "copbot")
    welcome = await cycle.expect(JOHN, 0, "Are you new")
    assert "Welcome to copbot, John Smith" in cycle.sent(JOHN)[0].text
    assert ("Yes, I am new", "nieuw:ja") in welcome.buttons
    tom_asked = await cycle.expect(TOM, 0, "Ben je nieuw")
    await cycle.press(TOM, tom_asked, "nieuw:nee", "ervaren")
    for uid in (TOM, OLGA, ESTHER, WESSEL):
        await cycle.say(uid, "/ik ervaren", "ervaren")
    await cycle.say(TOM, "/ik stad Delft", "Delft")
    await cycle.say(TOM, "/maatje word", "Dank je")
    await cycle.say(JOHN, "/me city rotterdam", "Rotterdam")
    for user in (LIES, KAREL):
        assert "Welkom bij copbot" in await cycle.slack_say(user, "start", "Welkom")
    assert "Utrecht" in await cycle.slack_say(LIES, "ik stad utrecht", "Utrecht")


async def plan_the_meeting(cycle: Cycle) -> None:
    planned = await cycle.say(OLGA, PLAN, "Bijeenkomst 1 staat gepland")
    assert "donderdag 17 december 2026, 10:00 tot vrijdag 18 december 2026, 16:00" in planned.text
    assert "Met overnachting" in planned.text
    again = await cycle.say(OLGA, PLAN, "Op die dag staat al bijeenkomst 1")
    await cycle.press(OLGA, again, "sessie:dubbel:nee", "")
    listing = await cycle.say(OLGA, "/sessies", "komende bijeenkomsten (1)")
    assert "(1)" in listing.text
    group = await cycle.say(OLGA, "/voorbereiding 1 @esther @wessel", "Voorbereidingsgroepje")
    assert "Esther Brink" in group.text and "Wessel Rothstegge" in group.text
    await cycle.at(cycle.clock.now())  # the welcome to the prep group goes out
    assert len(telegram_got(cycle, ESTHER, "Je zit in het voorbereidingsgroepje")) == 1
    assert not telegram_got(cycle, JOHN, "voorbereidingsgroepje")


async def propose_and_support(cycle: Cycle) -> None:
    first = await cycle.say(
        ESTHER, "/agenda voorstel Bewoners aan het stuur\nwant in Zuilen lukt dat nog niet", "#1"
    )
    assert "bijeenkomst 1" in first.text
    english = await cycle.say(JOHN, "/agenda propose Housing corporations as partners", "#2")
    assert "Proposal" in english.text or "proposal" in english.text
    slack = await cycle.slack_say(LIES, "agenda voorstel Verankeren in de organisatie", "#3")
    assert "bijeenkomst 1" in slack
    await cycle.say(WESSEL, "/agenda steun 1", "Je steunt nu voorstel #1")
    agenda = await cycle.say(BERNADETTE, "/agenda", "Bewoners aan het stuur")
    assert "Housing corporations as partners" in agenda.text
    assert "Verankeren in de organisatie" in agenda.text


async def vote(cycle: Cycle) -> None:
    before = marks(cycle)
    await cycle.at(POLL_OPENS)
    votes = {}
    for uid in EVERYONE:
        [message] = [
            s for s in cycle.sent(uid, before[uid]) if "pv:1:1" in dict(s.buttons).values()
        ]
        votes[uid] = message
    assert "Agenda vote" in votes[JOHN].text or "agenda" in votes[JOHN].text.lower()
    assert "Agendapeiling" in votes[ESTHER].text
    for user in (LIES, KAREL):
        assert len(slack_got(cycle, user, "Agendapeiling")) == 1
    await cycle.press(ESTHER, votes[ESTHER], "pv:1:1", "✓ #1 Bewoners aan het stuur")
    await cycle.press(JOHN, votes[JOHN], "pv:1:2", "✓ #2 Housing")
    await cycle.slack_press(KAREL, "pv:1:3", "✓ #3 Verankeren")
    # Support while the vote is open counts as a vote.
    supported = await cycle.say(PIETER, "/agenda steun 3", "#3")
    assert "stem" in supported.text
    await cycle.restart()
    # A vote message from before the restart still works.
    await cycle.press(BERNADETTE, votes[BERNADETTE], "pv:1:1", "✓ #1 Bewoners aan het stuur")
    await cycle.slack_press(LIES, "pv:1:1", "✓ #1 Bewoners")
    standing = await cycle.say(OLGA, "/peiling stand", "stemmers: 6")
    assert "Karel Slack" in standing.text and "John Smith" in standing.text
    cycle.kept.update(votes)


async def close_and_build_the_programme(cycle: Cycle) -> None:
    before = marks(cycle)
    await cycle.at(POLL_CLOSES)
    for uid in EVERYONE:
        got = telegram_got(cycle, uid, "Uitslag" if uid != JOHN else "Result", before[uid])
        assert len(got) == 1, (uid, [s.text for s in cycle.sent(uid, before[uid])])
    prep = telegram_got(cycle, ESTHER, "voorbereidingsgroepje", before[ESTHER])
    assert prep, cycle.sent(ESTHER, before[ESTHER])
    await cycle.press(ESTHER, cycle.kept[ESTHER], "pv:1:2", "gesloten")  # a stale vote button
    await cycle.say(ESTHER, "/programma 1 neem 1 10:30", "item 1")
    await cycle.say(ESTHER, "/programma 1 neem 3 vrijdag 09:30", "item 2")
    await cycle.say(WESSEL, "/programma 1 eigenaar 1 @esther", "Esther Brink")
    refused = await cycle.say(PIETER, "/programma 1 neem 2", "voorbereidingsgroepje")
    assert "organisatoren" in refused.text
    shown = await cycle.say(JOHN, "/programme 1", "Programme of meeting 1")
    assert "10:30 Bewoners aan het stuur (lead: Esther Brink)" in shown.text
    assert "Fri 09:30 Verankeren in de organisatie" in shown.text


async def answer_and_be_reminded(cycle: Cycle) -> None:
    reminder = await cycle.expect(ESTHER, 0, "over 14 dagen begint bijeenkomst 1")
    await cycle.press(ESTHER, reminder, "rsvp:1:ja", "Jouw antwoord: ja, ik kom")
    await cycle.press(ESTHER, reminder, "rsvp:1:nacht-ja", "ja, ik blijf slapen")
    johns = await cycle.expect(JOHN, 0, "in 14 days")
    await cycle.press(JOHN, johns, "rsvp:1:ja", "Your answer: yes")
    await cycle.press(JOHN, johns, "rsvp:1:nacht-nee", "not staying")
    wessels = await cycle.expect(WESSEL, 0, "over 14 dagen")
    await cycle.press(WESSEL, wessels, "rsvp:1:nee", "Jouw antwoord: nee")
    # Overnight after a no changes nothing, and says so.
    kept = await cycle.press(WESSEL, wessels, "rsvp:1:nacht-ja", "niet komt")
    assert "nee" in kept.text
    await cycle.slack_press(KAREL, "rsvp:1:ja", "Jouw antwoord: ja, ik kom")
    # In the group the card shows counts only, and a way to answer privately.
    card = await cycle.say_in_group(ESTHER, "/sessie 1", "Vreedzame wijk")
    assert "Jouw antwoord" not in card.text
    assert "3" in card.text  # three said yes
    assert not [d for _l, d in card.buttons if d.startswith("rsvp:")], card.buttons
    assert any("t.me/" in d for _l, d in card.buttons), card.buttons


async def reading_club(cycle: Cycle) -> None:
    proposed = await cycle.say(WESSEL, "/boek voorstel Wijken in beweging — KEI", "Voorgesteld")
    number = proposed.text.split("#")[1].split()[0]
    johns = await cycle.say(
        JOHN, "/book propose Death and Life of Great American Cities — Jacobs", "#"
    )
    other = johns.text.split("#")[1].split()[0]
    found = await cycle.say(BERNADETTE, "/boek jacobs", "Death and Life")
    assert "Jacobs" in found.text
    await cycle.say(WESSEL, f"/boek kies {number}", "Alleen organisatoren")
    picked = await cycle.say(OLGA, f"/boek kies {number}", "Gekozen: Wijken in beweging")
    assert "donderdag 17 december 2026" in picked.text
    second = await cycle.say(OLGA, f"/boek kies {other}", "Wijken in beweging")
    assert "al" in second.text
    await cycle.say(WESSEL, f"/boek presenteer {number}", "Je presenteert")
    await cycle.say(JOHN, f"/book present {number}", "You will present")


async def newcomer_and_leaver(cycle: Cycle) -> None:
    asked = await cycle.expect(NINA, 0, "Ben je nieuw")
    await cycle.press(NINA, asked, "nieuw:ja", "stad")
    paired = await cycle.say(NINA, "Arnhem", "Je maatje is Tom Delft")
    assert "diagonaal" in paired.text or "Delft" in paired.text
    # The old question again, answered the other way: refused with what is noted.
    stale = await cycle.press(NINA, asked, "nieuw:nee", "nieuw")
    assert "Tom Delft" in stale.text
    before = marks(cycle)
    await cycle.at(cycle.clock.now())
    assert len(telegram_got(cycle, NINA, "Kennismaken", before[NINA])) == 1
    assert len(telegram_got(cycle, TOM, "Kennismaken", before[TOM])) == 1
    asked = await cycle.say(KARIN, "/vertrek", "Weet je het zeker")
    yes = next(d for label, d in asked.buttons if label == "Ja, ik vertrek")
    await cycle.press(KARIN, asked, yes, "Jammer dat je gaat")
    await cycle.say(KARIN, "/vertrek", "al als vertrekkend")
    await cycle.say(KARIN, "/terug", "Welkom terug, Karin Vertrek")
    await cycle.say(KARIN, "/terug", "niet als vertrekkend")
    await cycle.say(PIETER, "/vertrek", "Weet je het zeker")
    await cycle.say(PIETER, "nee", "Niets veranderd")


async def the_days_before(cycle: Cycle) -> None:
    before = marks(cycle)
    await cycle.at(WEEK_BEFORE)
    assert telegram_got(cycle, WESSEL, "Jij presenteert Wijken in beweging", before[WESSEL])
    assert telegram_got(cycle, JOHN, "You present Wijken in beweging", before[JOHN])
    assert not telegram_got(cycle, ESTHER, "presenteert", before[ESTHER])
    # Those who have not answered are asked again; those who did are left alone.
    assert telegram_got(cycle, PIETER, "nog niets van je gehoord", before[PIETER])
    assert not telegram_got(cycle, ESTHER, "nog niets van je gehoord", before[ESTHER])
    before = marks(cycle)
    await cycle.at(DAY_BEFORE)
    logistics = telegram_got(cycle, JOHN, "Programme", before[JOHN])
    assert len(logistics) == 1, cycle.sent(JOHN, before[JOHN])
    assert "trekker" not in logistics[0] and "Esther Brink" in logistics[0]
    assert not telegram_got(cycle, WESSEL, "Programma", before[WESSEL])  # he said no


async def after_the_meeting(cycle: Cycle) -> None:
    before = marks(cycle)
    await cycle.at(MORNING)  # three hours before: the last reminder
    assert len(telegram_got(cycle, ESTHER, "over 3 uur", before[ESTHER])) == 1
    # Two weeks after the pairing (the meeting's first day) the pair is asked if they spoke.
    await cycle.at(MIDDAY)
    for uid in (TOM, NINA):
        assert len(telegram_got(cycle, uid, "hebben jullie elkaar gesproken")) == 1
    checkin = await cycle.expect(NINA, 0, "hebben jullie elkaar gesproken")
    await cycle.press(NINA, checkin, checkin.buttons[0][1], "Mooi, dank je")
    before = marks(cycle)
    await cycle.at(SATURDAY)
    assert not [cycle.sent(uid, before[uid]) for uid in EVERYONE if cycle.sent(uid, before[uid])]
    await cycle.at(MONDAY)
    # Presenters are asked for a verdict, those who came for a lesson, each in their language.
    assert len(telegram_got(cycle, JOHN, "What is your verdict", before[JOHN])) == 1
    assert len(telegram_got(cycle, JOHN, "Which lesson do you take", before[JOHN])) == 1
    assert len(telegram_got(cycle, ESTHER, "Welke les neem je mee", before[ESTHER])) == 1
    for uid in (OLGA, BERNADETTE, TOM, NINA, KARIN, PIETER):
        assert not cycle.sent(uid, before[uid]), cycle.sent(uid, before[uid])
    # Wessel presented but said he would not come: he is not asked how the discussion went.
    assert not telegram_got(cycle, WESSEL, "Wat is je oordeel", before[WESSEL])
    ask = await cycle.expect(JOHN, before[JOHN], "What is your verdict")
    await cycle.press(JOHN, ask, ask.buttons[0][1], "in one line")
    await cycle.say(JOHN, "Read chapter 2 with your team.", "Your verdict is with the book")
    reminder = await cycle.expect(ESTHER, 0, "over 14 dagen begint bijeenkomst 1")
    old = await cycle.press(ESTHER, reminder, "rsvp:1:nee", "")
    assert "begon" in old.text or "voorbij" in old.text, old.text

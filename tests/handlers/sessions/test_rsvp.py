"""Answering a meeting: privately, never on a card the whole group shares; over and past."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.core.clock import ManualClock
from bot.core.messages import Reply
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from handlers.sessions.texts import TEXTS
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"


def set_now(services: Services, when: datetime) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    clock.set(when)


async def on_telegram(person: Person, text: str = "", callback: str | None = None) -> list[Reply]:
    """What a Telegram update looks like: the adapter adds the bot's username."""
    incoming = replace(person._incoming(text=text, callback=callback), bot_username="copbot")
    person.last = await dispatch(person.services, incoming)
    return person.last


def url_buttons(replies: list[Reply]) -> list[tuple[str, str | None]]:
    return [(b.label, b.url) for r in replies for row in r.buttons for b in row]


async def test_a_card_in_a_group_shows_counts_and_sends_answers_to_the_private_chat(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    piet = Person(services, "2001", name="Piet", platform="telegram", chat_id="-100")
    piet.is_group = True
    [header, shown] = await on_telegram(piet, "/sessies")
    assert "privé" in header.text and "knoppen" not in header.text  # no buttons in a group
    assert "Aanmeldingen: 0 ja, 0 misschien, 0 nee." in shown.text
    assert "Jouw antwoord" not in shown.text and "Kom je?" not in shown.text
    assert url_buttons([shown]) == [("Antwoord privé", "https://t.me/copbot?start=sessie-1")]
    # A button of a card shown before changes nothing and says where to answer.
    [said] = await on_telegram(piet, callback="rsvp:1:nee")
    assert not said.edit and "privégesprek" in said.text
    assert url_buttons([said]) == [("Antwoord privé", "https://t.me/copbot?start=sessie-1")]
    # The link opens the private chat with the card and the buttons.
    piet_alone = Person(services, "2001", name="Piet", platform="telegram")
    replies = await on_telegram(piet_alone, "/start sessie-1")
    [shown] = [r for r in replies if "Bijeenkomst 1: Durf" in r.text]
    assert "Kom je?" in shown.text
    assert ("Nee", "rsvp:1:nee") in [(b.label, b.data) for row in shown.buttons for b in row]
    [answered] = await on_telegram(piet_alone, callback="rsvp:1:nee")
    assert "Jouw antwoord: nee" in answered.text
    [shown] = await on_telegram(piet, "/sessie 1")
    assert "0 ja, 0 misschien, 1 nee" in shown.text and "Jouw antwoord" not in shown.text


async def test_a_group_without_links_is_told_the_command(
    services: Services, organiser: Person
) -> None:
    await organiser.say(PLAN)
    group = Person(services, "U1", name="Sam", platform="slack", chat_id="C1", is_group=True)
    shown = await group.text("/sessie 1")
    assert "stuur me daar /sessie 1" in shown and "Jouw antwoord" not in shown
    assert group.buttons() == []


async def test_a_button_of_a_meeting_that_is_over_says_so(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    await participant.press("rsvp:1:ja")
    set_now(services, datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    [reply] = await participant.press("rsvp:1:nee")
    assert "Bijeenkomst 1 is voorbij (die begon donderdag 3 december 2026, 10:00)" in reply.text
    assert reply.buttons == () and "Kom je" not in reply.text
    details = await participant.text("/sessie 1")
    assert "Deze bijeenkomst is voorbij." in details
    assert "Jouw antwoord" not in details and participant.buttons() == []


async def test_attendance_of_a_past_meeting_is_told_in_the_past_tense(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    piet = Person(services, "p2", name="Piet", username="piet")
    await piet.press("rsvp:1:nee")
    await participant.press("rsvp:1:ja")
    assert "Komen niet (1): Piet" in await organiser.text("/aanwezig 1")
    set_now(services, datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    overview = await organiser.text("/aanwezig 1")
    assert "Komen niet" not in overview and "Komen (" not in overview
    assert "Hadden afgezegd (1): Piet" in overview
    assert "Hadden ja gezegd (1): Esther Brink" in overview
    assert "Aanwezig geweest (1): Esther Brink" in overview


DUTCH_WORDS = ("sessie", "wijzig", "annuleer", "herinneringen", "tijdlijn", "aanwezig",
               "omroep", "overnachting", "programma", "trekker", "Durf", " ja|nee",
               " 3u")  # fmt: skip


def test_english_texts_of_meetings_have_no_dutch_words() -> None:
    keys = TEXTS.keys()
    dutch = {
        key: word
        for key in keys
        for word in DUTCH_WORDS
        if word in TEXTS("en", key).replace("CoP wijkenaanpak", "")
    }
    assert dutch == {}


async def test_the_english_usage_can_be_followed(services: Services) -> None:
    ann = Person(services, "1000", name="Ann", platform="telegram", language="en")
    await ann.say("/ik taal en")
    assert "Meeting 1 is planned" in await ann.text(
        "/session new 3 december 2026 10:00 | Utrecht | Courage | overnight"
    )
    assert "Changed: the place" in await ann.text("/session 1 change place Delft")
    assert "Reminders for meeting 1: 7 days and 3 hours before" in await ann.text(
        "/session 1 reminders 7d 3h"
    )
    assert "Timeline of meeting 1" in await ann.text("/session 1 timeline")
    assert "Meeting 1 (" in await ann.text("/attendance 1")


async def test_overnight_after_no_keeps_the_no_and_says_so(
    services: Services, organiser: Person, participant: Person
) -> None:
    await organiser.say(PLAN)
    await participant.press("rsvp:1:nee")
    [reply] = await participant.press("rsvp:1:nacht-ja")  # a button of an older card
    assert "Jouw antwoord: nee, ik kom niet" in reply.text
    assert "dat blijft zo" in reply.text and "overnachting heb ik niet genoteerd" in reply.text
    assert "0 ja, 0 misschien, 1 nee" in await organiser.text("/sessie 1")
    # Without any answer, "Overnachting: nee" does not sign anyone up; "ja" does, and says so.
    bert = Person(services, "p2", name="Bert")
    [reply] = await bert.press("rsvp:1:nacht-nee")
    assert "Je hebt nog niet gezegd of je komt" in reply.text
    assert "0 ja, 0 misschien, 1 nee" in await organiser.text("/sessie 1")
    [reply] = await bert.press("rsvp:1:nacht-ja")
    assert "je komt en je blijft slapen" in reply.text
    assert "Jouw antwoord: ja, ik kom" in reply.text

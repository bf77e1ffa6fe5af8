"""/omroep to the right people: those coming, those who have not answered, hotel guests; the
confirmation counts them; /omroep <tekst> still goes to everyone."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Identity, OutboxMessage
from bot.kernel.services import Services
from tests.factories import Person

PLAN = "/sessie nieuw 3 december 2026 10:00 | Utrecht | Durf | overnachting"


async def sent_to(services: Services) -> dict[str, set[str]]:
    """The user ids each broadcast went to, by the broadcast's text."""
    async with services.database() as db:
        rows = (
            await db.scalars(
                select(OutboxMessage).where(OutboxMessage.key.startswith("broadcast:"))
            )
        ).all()
        users = {i.participant_id: i.user_id for i in (await db.scalars(select(Identity))).all()}
    found: dict[str, set[str]] = {}
    for row in rows:
        assert row.participant_id is not None
        found.setdefault(row.reply["text"].split("\n")[0], set()).add(users[row.participant_id])
    return found


async def send(organiser: Person, command: str) -> tuple[str, str]:
    confirm = await organiser.text(command)
    send_button = organiser.buttons()[0][1]
    return confirm, "\n".join(r.text for r in await organiser.press(send_button))


async def test_targeted_broadcasts_reach_exactly_the_right_people(
    services: Services, organiser: Person
) -> None:
    await organiser.say("/start")
    await organiser.say(PLAN)
    await organiser.say(PLAN.replace("3 december", "10 december"))  # a second meeting
    people = {n: Person(services, n, name=n.title()) for n in ("ann", "bas", "cor", "dee", "eef")}
    for person in people.values():
        await person.say("/start")
    await people["ann"].press("rsvp:1:ja")
    await people["ann"].press("rsvp:1:nacht-ja")
    await people["bas"].press("rsvp:1:ja")
    await people["bas"].press("rsvp:1:nacht-nee")
    await people["cor"].press("rsvp:1:misschien")
    await people["cor"].press("rsvp:1:nacht-ja")
    await people["dee"].press("rsvp:1:nee")
    await people["eef"].press("rsvp:2:ja")  # another meeting: no answer about 1

    confirm, done = await send(organiser, "/omroep 1 komt: Neem je laptop mee")
    assert "Dit bericht gaat naar 2 deelnemers, wie komt naar bijeenkomst 1" in confirm
    assert "Verstuurd naar 2 deelnemers" in done
    confirm, done = await send(organiser, "/omroep 1 geen-antwoord: Kom je ook?")
    assert "2 deelnemers, wie nog niet antwoordde over bijeenkomst 1" in confirm
    assert "Verstuurd naar 2 deelnemers" in done
    confirm, done = await send(organiser, "/omroep overnachting 1: Het hotel is om de hoek")
    assert "2 deelnemers, wie blijft slapen bij bijeenkomst 1" in confirm
    confirm, done = await send(organiser, "/omroep Iedereen welkom")
    assert "Dit bericht gaat naar 6 deelnemers:" in confirm

    assert await sent_to(services) == {
        "Neem je laptop mee": {"ann", "bas"},
        "Kom je ook?": {"organiser", "eef"},
        "Het hotel is om de hoek": {"ann", "cor"},
        "Iedereen welkom": {"organiser", "ann", "bas", "cor", "dee", "eef"},
    }


async def test_a_targeted_broadcast_with_an_unknown_meeting_or_no_text_says_so(
    services: Services, organiser: Person
) -> None:
    assert "Bijeenkomst 7 ken ik niet" in await organiser.text("/omroep 7 komt: hallo")
    await organiser.say(PLAN)
    assert "Gebruik: /omroep" in await organiser.text("/omroep 1 komt:")
    english = Person(services, "1000", name="Ann", platform="telegram", language="en")
    await english.say("/ik taal en")
    text = await english.text("/broadcast overnight 1: see you at the hotel")
    assert "This message goes to 0 participants, those staying the night at meeting 1" in text

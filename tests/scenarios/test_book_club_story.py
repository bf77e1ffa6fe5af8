"""A book's way through the reading club, told as the participants live it on the console.

Esther proposes a report, Jan proposes it again in other words, the organiser picks it and
invites Wessel, three people volunteer and a fourth is thanked but turned down; a week before
the meeting the presenters are reminded, the morning after the meeting (not during its second
day) they give their verdict, and the history shows it under the book.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import OutboxMessage, Participant
from bot.kernel.services import Services
from bot.platforms.console import ConsoleMessenger
from scheduler.service import tick
from tests.factories import Person, make_app

SESSION = "/sessie nieuw 3 december 2026 10:00 | Utrecht, wijk Zuilen | Durf | overnachting"
# The meeting runs from 10:00 on 3 December (09:00 UTC) to 16:00 the next day; one week before,
# the second day of the meeting, and the morning after it.
WEEK_BEFORE = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECOND_DAY = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
# The first working day after the meeting, counted from its end (Friday 16:00): Monday.
MORNING_AFTER = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)


async def book_messages(services: Services, kind: str) -> list[tuple[str, str, str]]:
    """(recipient, status, text) of the outbox rows whose key starts with "book:<kind>:"."""
    async with services.database() as db:
        rows = await db.execute(
            select(OutboxMessage, Participant.display_name)
            .join(Participant, OutboxMessage.participant_id == Participant.id)
            .where(OutboxMessage.key.startswith(f"book:{kind}:"))
            .order_by(Participant.display_name)
        )
        return [(name, row.status, row.reply["text"]) for row, name in rows.all()]


async def test_a_report_from_proposal_to_verdict(tmp_path: Path) -> None:
    services = await make_app(tmp_path)
    clock = services.clock
    assert isinstance(clock, ManualClock)
    printed: list[str] = []
    services.messengers["console"] = ConsoleMessenger(printed.append)
    olga = Person(services, "organiser", name="Olga Organisator")
    esther = Person(services, "esther", name="Esther Brink")
    jan = Person(services, "jan", name="Jan Jans")
    wessel = Person(services, "wessel", name="Wessel Rothstegge")
    bernadette = Person(services, "bernadette", name="Bernadette ter Huurne")
    try:
        for person in (olga, esther, jan, wessel, bernadette):
            await person.say("/start")
        await olga.say(SESSION)
        # Wessel says he will come; that puts him first among the suggested presenters.
        await wessel.say("/sessie 1")
        await wessel.press(next(data for label, data in wessel.buttons() if "Ja" in label))

        # Esther has found a pearl; Jan suggests the same one in his own words.
        text = await esther.text(
            "/boek voorstel Wijken in beweging — KEI https://example.org/wijken-in-beweging"
        )
        assert "Voorgesteld: #3 Wijken in beweging — KEI" in text
        assert "Die staat er al: #3" in await jan.text(
            "/boek voorstel wijken in beweging door KEI"
        )
        assert "Alleen organisatoren" in await jan.text("/boek kies 3")

        # The organiser picks it; the bot suggests people who never presented, who come first.
        text = await olga.text("/boek kies 3")
        assert "Gekozen: Wijken in beweging — KEI" in text
        assert "gepresenteerd? Wessel Rothstegge (nog nooit), " in text
        ask_wessel = dict(olga.buttons())["Vraag Wessel Rothstegge"]
        await olga.press(ask_wessel)

        # Esther volunteers with the button under /boek, Jan by command.
        await esther.say("/boek")
        assert ("🙋 Ik presenteer #3", "boek:p:3") in esther.buttons()
        await esther.press("boek:p:3")
        assert "samen met Esther Brink" in await jan.text("/boek presenteer 3")

        # Wessel gets the invitation in his private chat and accepts with its button.
        await tick(services)
        invitation = await book_messages(services, "invite")
        assert [(name, status) for name, status, _ in invitation] == [
            ("Wessel Rothstegge", "sent")
        ]
        assert any("Olga Organisator vraagt of jij" in line for line in printed)
        assert "Je presenteert" in (await wessel.press("boek:p:3"))[0].text

        # Bernadette is one too many, and hears so kindly.
        fourth = await bernadette.text("/boek presenteer 3")
        assert "Dank je wel voor je aanbod" in fourth and "al 3 presentatoren" in fourth

        # Nothing for the presenters until a week before ...
        clock.set(WEEK_BEFORE.replace(hour=8, minute=59))
        await tick(services)
        assert await book_messages(services, "presenters") == []
        # ... then each presenter is reminded once, in their private chat.
        clock.set(WEEK_BEFORE)
        await tick(services)
        await tick(services)
        reminders = await book_messages(services, "presenters")
        assert [(name, status) for name, status, _ in reminders] == [
            ("Esther Brink", "sent"),
            ("Jan Jans", "sent"),
            ("Wessel Rothstegge", "sent"),
        ]
        esthers = reminders[0][2]
        assert "Over een week, op donderdag 3 december 2026, 10:00 in Utrecht" in esthers
        assert "samen met Jan Jans en Wessel Rothstegge" in esthers
        assert "inspirerend en bruikbaar" in esthers

        # Nothing during the meeting, also not on its second day ...
        clock.set(SECOND_DAY)
        await tick(services)
        assert await book_messages(services, "verdict") == []
        # ... the morning after it each presenter is asked for a verdict, with buttons.
        clock.set(MORNING_AFTER)
        await tick(services)
        asks = await book_messages(services, "verdict")
        assert [name for name, _status, _text in asks] == [
            "Esther Brink",
            "Jan Jans",
            "Wessel Rothstegge",
        ]
        assert all(status == "sent" for _name, status, _text in asks)
        assert any("[bruikbaar]" in line and "Wat is je oordeel" in line for line in printed)
        assert any("[niet doorheen te komen]" in line for line in printed)

        await esther.press("boek:v:3:b")
        text = await esther.text("Lees vooral het hoofdstuk over sociale stijging.")
        assert "bruikbaar: “Lees vooral het hoofdstuk over sociale stijging.”" in text
        await jan.say("/boek oordeel 3 niet doorheen te komen Veel te dik, lees de samenvatting.")
        await wessel.press("boek:v:3:d")
        await wessel.say("Maakt bescheiden.")

        # The history keeps it, with the counts and under the book the takes, the latest first.
        history = await bernadette.text("/boeken")
        assert (
            "#3 Wijken in beweging — KEI (donderdag 3 december 2026) — 1× bruikbaar, "
            "1× aan het denken gezet, 1× niet doorheen te komen\n"
            "   – aan het denken gezet (Wessel Rothstegge): “Maakt bescheiden.”\n"
            "   – niet doorheen te komen (Jan Jans): “Veel te dik, lees de samenvatting.”\n"
            "   – bruikbaar (Esther Brink): “Lees vooral het hoofdstuk over sociale stijging.”"
        ) in history
        detail = await bernadette.text("/boek 3")
        assert "Veel te dik, lees de samenvatting." in detail
        assert "Maakt bescheiden." in detail
        latest = await bernadette.text("/boek")
        assert "Laatste oordelen:" in latest
        assert "Wijken in beweging: aan het denken gezet (Wessel Rothstegge)" in latest
    finally:
        await services.close()

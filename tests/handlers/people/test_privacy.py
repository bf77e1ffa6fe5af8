"""/mijngegevens exports everything about a person; /vergeet leaves no personal data behind."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select, text

from bot.db.models import Base, Book, Identity, Participant, Verdict
from bot.db.models.buddies import Pairing
from bot.db.models.polls import AgendaProposal, Poll, Vote
from bot.kernel.services import Services
from tests.factories import Person
from tests.history_factory import (
    add_person,
    add_rsvp,
    add_session,
    deliver,
    inbox,
    install_postbox,
)

# What identifies Esther, all of it unlike anything else in the database.
NAME = "Esther Brink"
USER_ID = "esther-7731"
USERNAME = "estherbz"
CITY = "Zaanstad"
ORGANISATION = "Gemeente Zaanstad Wijkbureau"
NOTE = "Poelenburg: bel Karim van Parteon over de keukentafelgesprekken."


async def everything_stored(services: Services) -> str:
    """Every value of every row of every table, as one text."""
    values: list[str] = []
    async with services.database() as db:
        for table in Base.metadata.sorted_tables:
            for row in (await db.execute(text(f'SELECT * FROM "{table.name}"'))).all():
                values.extend(str(v) for v in row)
    return "\n".join(values)


async def esther_with_a_past(services: Services) -> tuple[Person, int, dict[str, Any]]:
    """Esther: profile, two identities, RSVPs, a newcomer, a handover, a vote, a proposal..."""
    postbox = install_postbox(services)
    esther_id = await add_person(
        services, NAME, city=CITY, organisation=ORGANISATION, user_id=USER_ID, username=USERNAME,
        experienced=True,
    )  # fmt: skip
    esther = Person(services, USER_ID, name=NAME, username=USERNAME)
    async with services.database() as db, db.begin():
        db.add(
            Identity(
                participant_id=esther_id, platform="telegram", user_id="77310", username=USERNAME
            )
        )
    await esther.say("/maatje word")
    past = await add_session(
        services, services.clock.now() - timedelta(days=60), place="Amersfoort"
    )
    coming = await add_session(
        services, services.clock.now() + timedelta(days=30), place="Rotterdam"
    )
    await add_rsvp(services, past, esther_id, "yes")
    await add_rsvp(services, coming, esther_id, "yes")
    # Nina is new; Esther becomes her buddy, and both get an introduction with names.
    nina = Person(services, "nina", name="Nina Nieuw")
    await nina.say("/start")
    await nina.press("nieuw:ja")
    assert NAME in await nina.text("Arnhem")
    await deliver(services)
    assert any(NAME in t for t in inbox(postbox, "nina"))
    # Community rows: a proposal, a vote, a book verdict.
    async with services.database() as db, db.begin():
        proposal = AgendaProposal(
            session_id=coming, proposer_id=esther_id, title="Wijkteams en corporaties",
            created_at=services.clock.now(),
        )  # fmt: skip
        poll = Poll(
            session_id=coming,
            opens_at=services.clock.now(),
            closes_at=services.clock.now() + timedelta(days=3),
        )
        db.add_all([proposal, poll])
        await db.flush()
        db.add(Vote(poll_id=poll.id, proposal_id=proposal.id, participant_id=esther_id))
        book = Book(title="Afri", author="Jutta Chorus", created_at=services.clock.now())
        db.add(book)
        await db.flush()
        db.add(
            Verdict(
                book_id=book.id, participant_id=esther_id, verdict="bruikbaar",
                take="Lezen!", created_at=services.clock.now(),
            )
        )  # fmt: skip
        ids = {"proposal": proposal.id, "book": book.id}
    return esther, esther_id, ids


async def test_export_holds_everything_about_the_person(services: Services) -> None:
    esther, esther_id, _ = await esther_with_a_past(services)
    [reply] = await esther.say("/mijngegevens")
    assert reply.attachment is not None
    assert reply.attachment.filename == "mijngegevens.json"
    data = json.loads(reply.attachment.content)
    assert data["participant"]["display_name"] == NAME
    assert data["participant"]["city"] == CITY
    assert {i["user_id"] for i in data["identities"]} == {USER_ID, "77310"}
    records = data["records"]
    assert len(records["rsvps"]) == 2
    assert records["buddy_offers"][0]["participant_id"] == esther_id
    assert records["buddy_pairings"][0]["buddy_id"] == esther_id
    assert records["agenda_proposals"][0]["title"] == "Wijkteams en corporaties"
    assert records["agenda_votes"] and records["book_verdicts"][0]["take"] == "Lezen!"


async def test_erase_leaves_no_personal_data_and_keeps_contributions_anonymously(
    services: Services,
) -> None:
    esther, esther_id, ids = await esther_with_a_past(services)
    await add_person(
        services, "Greet Groningen", city="Groningen", user_id="greet", experienced=True
    )
    assert "Dank je" in await Person(services, "greet", name="Greet Groningen").text(
        "/maatje word"
    )
    await esther.say("/vertrek")
    await esther.say("ja")
    assert "Nina Nieuw" in await esther.text(f"/overdracht {NOTE}")
    await deliver(services)
    stored = await everything_stored(services)
    for secret in (NAME, USER_ID, USERNAME, CITY, ORGANISATION, NOTE):
        assert secret in stored  # the check below can fail

    [question] = await esther.say("/vergeet")
    assert [b.data for row in question.buttons for b in row] == ["vergeet:ja", "vergeet:nee"]
    await esther.press("vergeet:nee")
    assert "ik wis niets" in esther.last[0].text
    await esther.press("vergeet:ja")
    assert "gewist" in esther.last[0].text

    stored = await everything_stored(services)
    for secret in (NAME, USER_ID, "77310", USERNAME, CITY, ORGANISATION, NOTE, "Poelenburg"):
        assert secret not in stored, secret
    async with services.database() as db:
        assert await db.get(Participant, esther_id) is None
        proposal = await db.get(AgendaProposal, ids["proposal"])
        assert proposal is not None and proposal.proposer_id is None
        votes = (await db.scalars(select(Vote))).all()
        assert len(votes) == 1 and votes[0].participant_id is None
        verdicts = (await db.scalars(select(Verdict))).all()
        assert [(v.verdict, v.participant_id) for v in verdicts] == [("bruikbaar", None)]
        for column in ("newcomer_id", "buddy_id"):
            rows = (await db.execute(text(f"SELECT {column} FROM buddy_pairings"))).all()
            assert esther_id not in {r[0] for r in rows}
        pairings = (await db.scalars(select(Pairing).order_by(Pairing.id))).all()
    # Esther's newcomer was already re-paired when she left; nothing points at her any more.
    assert pairings[0].end_reason == "left" and pairings[0].buddy_id is None
    assert pairings[0].reason == ""
    assert pairings[1].active
    # Writing again starts afresh, as a new participant.
    again = Person(services, USER_ID, name="E.")
    await again.say("/start")
    assert ("Ja, ik ben nieuw", "nieuw:ja") in again.buttons()


async def test_erasing_a_buddy_repairs_their_newcomer(services: Services) -> None:
    postbox = install_postbox(services)
    await add_person(services, "Bert Buddy", city="Delft", user_id="bert", experienced=True)
    bert = Person(services, "bert", name="Bert Buddy")
    await bert.say("/maatje word")
    nina = Person(services, "nina", name="Nina Nieuw")
    await nina.say("/start")
    await nina.press("nieuw:ja")
    assert "Bert Buddy" in await nina.text("Arnhem")
    await add_person(
        services, "Greet Groningen", city="Groningen", user_id="greet", experienced=True
    )
    await Person(services, "greet", name="Greet Groningen").say("/maatje word")
    await bert.say("/vergeet")
    await bert.press("vergeet:ja")
    await deliver(services)
    assert "Greet Groningen" in await nina.text("/maatje")
    assert not any("Bert Buddy" in t for t in inbox(postbox, "nina"))
    assert "Bert Buddy" not in await everything_stored(services)


async def test_privacy_commands_refuse_group_chats(services: Services) -> None:
    group = Person(services, "p9", name="Groepslid", chat_id="-100", is_group=True)
    assert "privégesprek" in await group.text("/mijngegevens")
    assert "privégesprek" in await group.text("/vergeet")


async def test_a_forged_erase_button_erases_nothing(services: Services) -> None:
    esther = Person(services, USER_ID, name=NAME, username=USERNAME)
    await esther.say("/start")
    [reply] = await esther.press("vergeet:misschien")
    assert "Deze knop werkt niet meer" in reply.text
    async with services.database() as db:
        assert await db.scalar(select(Participant).where(Participant.display_name == NAME))


async def test_an_english_export_is_called_mydata(services: Services) -> None:
    [reply] = await Person(services, "emily", name="Emily", language="en").say("/mydata")
    assert reply.attachment is not None and reply.attachment.filename == "mydata.json"

"""Nina's first year: a newcomer gets a buddy, is kept up to date, graduates and becomes one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.db.models import Identity
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


async def test_from_newcomer_to_buddy(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    postbox = install_postbox(services)
    now = clock.now()
    olga = Person(services, "organiser", name="Olga Organisator")
    await olga.say("/start")
    await olga.press("nieuw:nee")

    # Anton from Amersfoort has been in the CoP for years and offers to be a buddy.
    await add_person(services, "Anton Amersfoort", city="Amersfoort", user_id="anton")
    anton = Person(services, "anton", name="Anton Amersfoort", username="anton")
    assert "/ik ervaren" in await anton.text("/maatje word")
    await anton.say("/ik ervaren")
    assert "maximaal 2" in await anton.text("/maatje word")

    # Three sessions this year; the programme grows from the participants' own agenda.
    starts = [now + timedelta(days=d) for d in (30, 120, 210)]
    places = ["Kruiskamp, Amersfoort", "Katendrecht, Rotterdam", "Zuilen, Utrecht"]
    themes = ["durf", "sociale samenhang", "de betekenis van cultuur in de wijk"]
    sessions = [
        await add_session(services, start, place=place, theme=theme, timeline=True)
        for start, place, theme in zip(starts, places, themes, strict=True)
    ]

    # Nina from Arnhem says /start, is new, and is paired with Anton from another city.
    nina = Person(services, "nina", name="Nina Nieuw")
    await nina.say("/start")
    await nina.press("nieuw:ja")
    answer = await nina.text("Arnhem")
    assert "Je maatje is Anton Amersfoort" in answer and "diagonaal leren" in answer
    await deliver(services)
    intro = inbox(postbox, "nina")[0]
    assert "Stad: Amersfoort" in intro and "Kruiskamp, Amersfoort" in intro
    assert "Nina Nieuw" in inbox(postbox, "anton")[0]
    assert "collectief geheugen" in inbox(postbox, "nina")[1]

    # Two weeks later: have you spoken? Nina says yes.
    clock.set(now + timedelta(days=14))
    await deliver(services)
    question = [
        d for d in postbox.delivered if d.chat_id == "nina" and "gesproken" in d.reply.text
    ]
    await nina.press(question[-1].reply.buttons[0][0].data)
    assert "Mooi" in nina.last[0].text

    # Before each session Anton briefs her; after each he asks how it was.
    assert "Nina Nieuw ↔ Anton Amersfoort" in await olga.text("/maatjes")
    async with services.database() as db:
        identity = await db.scalar(select(Identity).where(Identity.user_id == "nina"))
        assert identity is not None
        participant_id = identity.participant_id
    for n, (session, start) in enumerate(zip(sessions, starts, strict=True)):
        await add_rsvp(services, session, participant_id, "yes")
        clock.set(start - timedelta(days=7))
        await deliver(services)
        briefs = [t for t in inbox(postbox, "anton") if "Praat je maatje Nina Nieuw" in t]
        assert len(briefs) == n + 1 and places[n] in briefs[-1]
        clock.set(start + timedelta(days=7))  # after-steps: from the end, on a working day
        await deliver(services)
        if n < 2:
            assert sum("Hoe was de bijeenkomst" in t for t in inbox(postbox, "anton")) == n + 1

    # After her third session the pair graduates, with thanks; Nina is invited to be a buddy.
    assert any("jullie maatjesperiode zit erop" in t for t in inbox(postbox, "anton"))
    assert any("/maatje word" in t and "vaste kern" in t for t in inbox(postbox, "nina"))
    history = await nina.text("/geschiedenis")
    assert "Kruiskamp, Amersfoort: durf" in history and "Katendrecht" in history

    # She becomes a buddy herself; Anton pauses, so the next newcomer is hers.
    assert "maximaal 1" in await nina.text("/maatje word 1")
    await anton.say("/maatje pauze")
    piet = Person(services, "piet", name="Piet Pionier")
    await piet.say("/start")
    await piet.press("nieuw:ja")
    assert "Je maatje is Nina Nieuw" in await piet.text("Utrecht")
    assert "Piet Pionier" in await nina.text("/maatje")

"""The maatjessysteem through the dispatcher: pairing, introductions, check-ins, leaving."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.clock import ManualClock
from bot.core.mentions import without_marks
from bot.db.models import Participant, ScheduledJob
from bot.db.models.buddies import Pairing
from bot.kernel.services import Services
from tests.factories import Person
from tests.fakes.flaky_messenger import FlakyMessenger
from tests.history_factory import (
    add_person,
    add_rsvp,
    add_session,
    attend,
    deliver,
    inbox,
    install_postbox,
)


async def volunteer(
    services: Services, user: str, name: str, city: str | None, **kw: object
) -> Person:
    """An experienced participant who offered to be a buddy."""
    await add_person(services, name, city=city, user_id=user, experienced=True, **kw)  # type: ignore[arg-type]
    person = Person(services, user, name=name)
    assert "Dank je" in await person.text("/maatje word")
    return person


async def newcomer(services: Services, user: str, name: str, city: str) -> tuple[Person, str]:
    """Someone who says /start, answers "new" and gives their city; returns the last answer."""
    person = Person(services, user, name=name)
    await person.say("/start")
    assert ("Ja, ik ben nieuw", "nieuw:ja") in person.buttons()
    await person.press("nieuw:ja")
    assert "Uit welke stad" in person.last[0].text
    return person, await person.text(city)


async def pairs(services: Services) -> list[Pairing]:
    async with services.database() as db:
        return list((await db.scalars(select(Pairing).order_by(Pairing.id))).all())


async def pid(services: Services, user: str) -> int:
    from bot.db.models import Identity

    async with services.database() as db:
        identity = await db.scalar(select(Identity).where(Identity.user_id == user))
        assert identity is not None
        return identity.participant_id


async def test_newcomer_is_paired_across_cities_and_both_get_an_introduction(
    services: Services,
) -> None:
    postbox = install_postbox(services)
    await volunteer(services, "ab", "Anton Arnhem", "Arnhem")
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht", username="ulla", organisation="WWI")
    await add_session(services, services.clock.now() + timedelta(days=20), place="Zuilen, Utrecht")

    nina, answer = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")

    assert "Je maatje is Ulla Utrecht" in answer
    assert "andere stad (Utrecht): diagonaal leren" in answer
    [pairing] = await pairs(services)
    assert pairing.rule == "cross_city" and "diagonaal leren" in pairing.reason
    await deliver(services)
    [intro, history] = inbox(postbox, "nina")
    assert "Kennismaken: Ulla Utrecht is je maatje" in intro
    assert "Organisatie: WWI" in intro and "Stad: Utrecht" in intro
    assert "diner van de volgende bijeenkomst" in intro and "Zuilen, Utrecht" in intro
    assert "maatjessysteem van ervaren en nieuwe deelnemers" in intro
    assert "collectief geheugen" in history
    [buddy_intro] = inbox(postbox, "ub")
    assert "Nina Nieuw is nieuw in de CoP en jij bent het maatje" in buddy_intro
    assert "Stad: Arnhem" in buddy_intro
    assert inbox(postbox, "ab") == []
    assert "Ulla Utrecht" in await nina.text("/maatje")


async def test_not_new_counts_as_experienced(services: Services) -> None:
    person = Person(services, "old", name="Oud Gediende")
    await person.say("/start")
    await person.press("nieuw:nee")
    assert "ervaren deelnemer" in person.last[0].text
    assert "Dank je" in await person.text("/maatje word 1")
    assert "niet opnieuw" not in await person.text("/start")
    assert person.buttons() == []  # asked once


async def test_successor_is_paired_with_predecessor_from_the_same_city(services: Services) -> None:
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    await add_person(services, "Jan Jans", city="Arnhem", user_id="jan", username="janjans")
    successor = Person(services, "sam", name="Sam Opvolger")
    await successor.say("/start")
    await successor.press("nieuw:ja")
    answer = await successor.text("opvolger @janjans")
    assert "je volgt Jan Jans op" in answer
    assert "Je maatje is Jan Jans" in answer and "goede overdracht" in answer
    [pairing] = await pairs(services)
    assert pairing.rule == "successor"


async def test_predecessor_named_later_replaces_the_first_pairing(services: Services) -> None:
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    await add_person(services, "Jan Jans", city="Arnhem", user_id="jan", username="janjans")
    sam, answer = await newcomer(services, "sam", "Sam Opvolger", "Arnhem")
    assert "Ulla Utrecht" in answer
    assert "Je maatje is Jan Jans" in await sam.text("/ik opvolger van @janjans")
    first, second = await pairs(services)
    assert first.end_reason == "repaired" and second.rule == "successor"


async def test_nobody_available_is_said_honestly_and_retried_when_someone_volunteers(
    services: Services,
) -> None:
    postbox = install_postbox(services)
    organiser = Person(services, "organiser", name="Olga Organisator")
    await organiser.say("/start")
    nina, answer = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    assert "Eerlijk gezegd: er is op dit moment geen ervaren maatje vrij" in answer
    await deliver(services)
    [told] = inbox(postbox, "organiser")
    assert "Nina Nieuw (Arnhem) is nieuw in de CoP en heeft nog geen maatje" in told
    assert "Nina Nieuw" in await organiser.text("/maatjes")
    assert "nog geen maatje" in await nina.text("/maatje")

    # Someone new to the bot but not to the CoP volunteers: the newcomer is paired at once.
    await add_person(services, "Greet Groningen", city="Groningen", user_id="greet")
    greet = Person(services, "greet", name="Greet Groningen")
    assert "na drie bijeenkomsten" in await greet.text("/maatje word")
    await attend(services, await pid(services, "greet"), 3, before=services.clock.now())
    answer = await greet.text("/maatje word max 1")
    assert "maximaal 1" in answer and "Meteen gekoppeld: Nina Nieuw" in answer
    await deliver(services)
    assert any("Kennismaken: Greet Groningen" in t for t in inbox(postbox, "nina"))


async def test_capacity_pause_and_load_balance(services: Services) -> None:
    ulla = await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    assert "maximaal 1" in await ulla.text("/maatje word 1")
    assert "van 1 tot 5" in await ulla.text("/maatje word 9")
    greet = await volunteer(services, "gb", "Greet Groningen", "Groningen")
    kees = await volunteer(services, "kb", "Kees Kerkrade", "Kerkrade")
    answers = [(await newcomer(services, f"n{n}", f"Nieuw {n}", "Arnhem"))[1] for n in range(4)]
    assert "Ulla Utrecht" in answers[0]  # all free: the first volunteer
    assert "Greet Groningen" in answers[1]  # Ulla is full (max 1)
    assert "Kees Kerkrade" in answers[2]  # Greet has one, Kees none: the fewest newcomers
    assert "Greet Groningen" in answers[3]
    assert "pauze" in await greet.text("/maatje pauze")
    assert "pauze" in await kees.text("/maatje pauze")
    _, fifth = await newcomer(services, "n5", "Vijfde Nieuw", "Arnhem")
    assert "geen ervaren maatje vrij" in fifth
    text = await greet.text("/maatje")
    assert "Jouw nieuwkomers (2, ruimte voor 2, op pauze)" in text
    assert "Nieuw 1" in text and "Nieuw 3" in text


async def test_organiser_pairs_by_hand_and_never_repeats_a_pair(services: Services) -> None:
    organiser = Person(services, "organiser", name="Olga Organisator")
    await add_person(
        services, "Nina Nieuw", city="Arnhem", user_id="nina", username="nina", is_newcomer=True
    )
    await add_person(
        services, "Bert Buddy", city="Delft", user_id="bert", username="bert", experienced=True
    )
    await add_person(
        services, "Cor Buddy", city="Ede", user_id="cor", username="cor", experienced=True
    )
    assert "gekoppeld" in await organiser.text("/maatje koppel @nina @bert")
    answer = await organiser.text("/maatje koppel @nina @cor")
    assert "Nina Nieuw en Cor Buddy zijn gekoppeld" in answer and "Bert Buddy" in answer
    assert "waren al eens een paar" in await organiser.text("/maatje koppel @nina @bert")
    assert "Ik vind niemand" in await organiser.text("/maatje koppel @nina @niemand")
    [first, second] = await pairs(services)
    assert first.end_reason == "repaired" and second.rule == "manual"
    # Not for participants.
    nina = Person(services, "nina", name="Nina Nieuw")
    assert "Gebruik: /maatje" in await nina.text("/maatje koppel @nina @cor")
    overview = await organiser.text("/maatjes")
    assert "Nina Nieuw ↔ Cor Buddy" in overview and "met de hand" in overview


async def test_organiser_round_pairs_everyone_waiting(services: Services) -> None:
    organiser = Person(services, "organiser", name="Olga Organisator")
    for n in range(3):
        await add_person(services, f"Nieuw {n}", city="Arnhem", user_id=f"n{n}", is_newcomer=True)
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    answer = await organiser.text("/maatje koppel")
    # Ulla's /maatje word already paired two (her capacity); the round finds nobody for the third.
    assert "0 gekoppeld, 1 nog zonder maatje" in answer
    assert "Nieuw 2: geen maatje beschikbaar" in answer


async def test_checkin_two_weeks_after_pairing_and_organisers_told_after_two_not_yets(
    services: Services,
) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    postbox = install_postbox(services)
    organiser = Person(services, "organiser", name="Olga Organisator")
    await organiser.say("/start")
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    await deliver(services)
    before = len(postbox.delivered)

    clock.advance(timedelta(days=14) - timedelta(minutes=1))
    await deliver(services)
    assert len(postbox.delivered) == before  # not yet
    clock.advance(timedelta(minutes=1))
    await deliver(services)
    [question] = [t for t in inbox(postbox, "nina") if "hebben jullie elkaar gesproken" in t]
    assert "Ulla Utrecht" in question
    assert any("Nina Nieuw" in t and "gesproken" in t for t in inbox(postbox, "ub"))
    [row] = [d for d in postbox.delivered if d.chat_id == "nina" and "gesproken" in d.reply.text]
    buttons = [b.data for r in row.reply.buttons for b in r]
    first_pair = (await pairs(services))[0].id
    assert buttons == [f"mci:{first_pair}:1:ja", f"mci:{first_pair}:1:nee"]

    await nina.press(buttons[1])
    assert "over een week nog eens" in nina.last[0].text
    ulla = Person(services, "ub", name="Ulla Utrecht")
    await ulla.press(buttons[0])  # the same round, already answered
    assert "al beantwoord" in ulla.last[0].text

    clock.advance(timedelta(days=7))
    await deliver(services)
    assert len([t for t in inbox(postbox, "nina") if "gesproken" in t]) == 2
    await ulla.press(f"mci:{first_pair}:2:nee")
    assert "organisatoren" in ulla.last[0].text
    await deliver(services)
    assert any("na twee keer vragen nog niet gesproken" in t for t in inbox(postbox, "organiser"))
    overview = await organiser.text("/maatjes")
    assert "Check-in mislukt" in overview and "⚠ nog niet gesproken" in overview
    [pairing] = await pairs(services)
    assert pairing.checkin_failures == 2


async def test_checkin_yes_is_recorded(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    install_postbox(services)
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    clock.advance(timedelta(days=14))
    await deliver(services)
    [pairing] = await pairs(services)
    await nina.press(f"mci:{pairing.id}:1:ja")
    assert "Mooi" in nina.last[0].text
    [pairing] = await pairs(services)
    assert pairing.checked_in_at == clock.now()
    async with services.database() as db:
        pending = (
            await db.scalars(select(ScheduledJob.key).where(ScheduledJob.status == "pending"))
        ).all()
    assert not [k for k in pending if k.startswith("buddy:checkin")]


async def test_brief_a_week_before_and_ask_the_day_after_then_graduate(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    postbox = install_postbox(services)
    now = clock.now()
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    nina_id = await pid(services, "nina")
    # Two sessions already behind her; the next one is her third.
    await attend(services, nina_id, 2, before=now)
    last = await add_session(
        services, now - timedelta(days=20), place="Katendrecht", theme="sociale samenhang"
    )
    start = now + timedelta(days=30)
    session = await add_session(services, start, place="Amersfoort", theme="durf", timeline=True)
    await add_rsvp(services, session, nina_id, "yes")
    assert last

    clock.set(start - timedelta(days=7) - timedelta(minutes=1))
    await deliver(services)
    assert not [t for t in inbox(postbox, "ub") if "Praat je maatje" in t]
    clock.set(start - timedelta(days=7))
    await deliver(services)
    [brief] = [t for t in inbox(postbox, "ub") if "Praat je maatje" in t]
    assert "Nina Nieuw" in brief and "Amersfoort" in brief and "thema: durf" in brief
    assert "vorige keer: sociale samenhang, Katendrecht" in brief

    clock.set(start + timedelta(days=7))  # after-steps: from the end, on a working day
    await deliver(services)
    assert any("drie bijeenkomsten meegemaakt" in t for t in inbox(postbox, "ub"))
    [graduated] = [t for t in inbox(postbox, "nina") if "maatjesperiode" in t]
    assert "/maatje word" in graduated and "vaste kern" in graduated
    [pairing] = await pairs(services)
    assert pairing.end_reason == "graduated"
    async with services.database() as db:
        person = await db.get(Participant, nina_id)
        assert person is not None and person.is_newcomer is False
    assert "Dank je" in await nina.text("/maatje word")


async def test_after_session_question_when_not_yet_graduating(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    postbox = install_postbox(services)
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht")
    await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    start = clock.now() + timedelta(days=10)
    session = await add_session(services, start, timeline=True)
    await add_rsvp(services, session, await pid(services, "nina"), "yes")
    clock.set(start + timedelta(days=7))  # after-steps: from the end, on a working day
    await deliver(services)
    assert any(
        "Hoe was de bijeenkomst voor je maatje Nina Nieuw" in t for t in inbox(postbox, "ub")
    )
    [pairing] = await pairs(services)
    assert pairing.active


async def test_leaving_repairs_newcomers_and_delivers_the_handover_note(
    services: Services,
) -> None:
    postbox = install_postbox(services)
    anton = await volunteer(services, "ab", "Anton Amersfoort", "Amersfoort")
    await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    await volunteer(services, "gb", "Greet Groningen", "Groningen")
    await add_person(services, "Sam Opvolger", city="Amersfoort", user_id="sam", username="sam")

    await anton.say("/vertrek opvolger @sam")
    answer = await anton.text("ja")
    assert "geen herinneringen meer" in answer
    assert "je opvolger Sam Opvolger en je nieuwkomers" in answer
    first, second = await pairs(services)
    assert first.end_reason == "left"
    assert second.buddy_id == await pid(services, "gb") and second.active

    answer = await anton.text("/overdracht De wijkaanpak in Soesterkwartier loopt via Ans.")
    assert "Sam Opvolger" in answer and "Nina Nieuw" in answer
    await deliver(services)
    for user in ("sam", "nina"):
        [note] = [t for t in inbox(postbox, user) if t.startswith("Overdracht van")]
        assert "Anton Amersfoort (Amersfoort)" in note and "Soesterkwartier" in note
    assert any("vertrekt uit de CoP" in t for t in inbox(postbox, "nina"))
    assert any("Kennismaken: Greet Groningen" in t for t in inbox(postbox, "nina"))
    assert any("noemt jou als opvolger" in t for t in inbox(postbox, "sam"))
    # A leaver is never chosen again and gets no introductions.
    _, answer = await newcomer(services, "n2", "Tweede Nieuw", "Arnhem")
    assert "Greet Groningen" in answer
    assert "vertrekkend" in await anton.text("/maatje word")


async def test_handover_needs_leaving_first(services: Services, participant: Person) -> None:
    assert "eerst /vertrek" in await participant.text("/overdracht iets")
    await participant.say("/vertrek")
    await participant.say("ja")
    assert "Gebruik: /overdracht" in await participant.text("/overdracht")
    assert "bewaard" in await participant.text("/overdracht alles staat in de map")


async def test_buddy_contact_shows_telegram_username(services: Services) -> None:
    await add_person(
        services, "Tom Telegram", city="Delft", user_id="4242", platform="telegram",
        username="tomt", experienced=True,
    )  # fmt: skip
    tom = Person(services, "4242", name="Tom Telegram", platform="telegram", username="tomt")
    await tom.say("/maatje word")
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    text = await nina.text("/maatje")
    assert "@tomt (Telegram)" in text and "Waarom:" in text


class GroupChatMessenger(FlakyMessenger):
    """A Slack messenger that offers the optional group DM (conversations.open users=A,B)."""

    def __init__(self) -> None:
        super().__init__("slack", groups=True)
        self.groups: list[list[str]] = []

    async def open_group_chat(self, user_ids: list[str]) -> str:
        self.groups.append(list(user_ids))
        return "G" + "".join(sorted(user_ids))


async def test_on_slack_the_introduction_is_a_group_dm_when_the_messenger_offers_one(
    services: Services,
) -> None:
    slack = GroupChatMessenger()
    services.messengers["slack"] = slack
    services.settings.outbox_concurrency = 1
    await add_person(
        services, "Karel Slack", city="Groningen", user_id="UKAREL02", platform="slack",
        experienced=True,
    )  # fmt: skip
    karel = Person(services, "UKAREL02", name="Karel Slack", platform="slack")
    await karel.say("/maatje word")
    lies = Person(services, "ULIES001", name="Lies Slack", platform="slack")
    await lies.say("/ik stad Utrecht")
    await lies.say("/start")
    await lies.press("nieuw:ja")
    await deliver(services)
    assert slack.groups == [["ULIES001", "UKAREL02"]]
    [group] = [d for d in slack.delivered if d.chat_id == "GUKAREL02ULIES001"]
    assert "Lies Slack is nieuw in de CoP, Karel Slack is het ervaren maatje" in group.reply.text
    shown = without_marks(group.reply.text)  # the mentions the bot wrote, as plain text
    assert "<@UKAREL02> (Slack)" in shown and "<@ULIES001> (Slack)" in shown
    assert not [
        d for d in slack.delivered if d.chat_id != group.chat_id and "Kennismaken" in d.reply.text
    ]


async def test_a_buddy_whose_newcomer_leaves_takes_the_next_waiting_newcomer(
    services: Services,
) -> None:
    await volunteer(services, "kb", "Karel Kapstok", "Delft")
    karel = Person(services, "kb", name="Karel Kapstok")
    assert "maximaal 1" in await karel.text("/maatje word max 1")
    nina, answer = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    assert "Karel Kapstok" in answer
    _, waiting = await newcomer(services, "otto", "Otto Ook", "Zwolle")
    assert "geen ervaren maatje vrij" in waiting

    await nina.say("/vertrek")
    await nina.press("vertrek:ja")  # Karel has room again: Otto gets him
    current = [p for p in await pairs(services) if p.ended_at is None]
    assert [(p.newcomer_id, p.buddy_id) for p in current] == [
        (await pid(services, "otto"), await pid(services, "kb"))
    ]


async def test_erasing_a_newcomer_frees_their_buddy_for_the_next(services: Services) -> None:
    await volunteer(services, "kb", "Karel Kapstok", "Delft")
    await Person(services, "kb", name="Karel Kapstok").say("/maatje word 1")
    nina, _ = await newcomer(services, "nina", "Nina Nieuw", "Arnhem")
    await newcomer(services, "otto", "Otto Ook", "Zwolle")
    await nina.say("/vergeet")
    await nina.press(next(data for _, data in nina.buttons() if data.endswith(":ja")))
    current = [p for p in await pairs(services) if p.ended_at is None]
    assert [p.newcomer_id for p in current] == [await pid(services, "otto")]


async def test_coming_back_from_a_pause_keeps_the_offered_capacity(services: Services) -> None:
    await volunteer(services, "kb", "Karel Kapstok", "Delft")
    karel = Person(services, "kb", name="Karel Kapstok")
    assert "maximaal 3" in await karel.text("/maatje word max 3")
    await karel.say("/maatje pauze")
    assert "maximaal 3" in await karel.text("/maatje word")


async def test_an_anonymous_group_admin_cannot_run_organiser_sub_commands(
    services: Services,
) -> None:
    from bot.db.models import Identity
    from bot.platforms.telegram import ANONYMOUS_ADMIN as TELEGRAM_ANONYMOUS_ADMIN

    anonymous = Person(services, TELEGRAM_ANONYMOUS_ADMIN, platform="telegram", anonymous=True)
    await anonymous.say("/start")
    # Even with the role on the participant row (e.g. after a merge), the id never acts.
    async with services.database() as db, db.begin():
        identity = await db.scalar(
            select(Identity).where(Identity.user_id == TELEGRAM_ANONYMOUS_ADMIN)
        )
        assert identity is not None
        participant = await db.get(Participant, identity.participant_id)
        assert participant is not None
        participant.is_organiser = True
    assert "Koppelronde" not in await anonymous.text("/maatje koppel")
    # A real organiser gets the round.
    assert "Koppelronde" in await Person(services, "organiser", name="Olga").text("/maatje koppel")


async def test_a_participant_is_refused_every_organiser_sub_command(services: Services) -> None:
    await add_person(
        services, "Nina Nieuw", city="Arnhem", user_id="nina", username="nina", is_newcomer=True
    )
    await add_person(services, "Cor Buddy", city="Ede", user_id="cor", username="cor")
    await volunteer(services, "ub", "Ulla Utrecht", "Utrecht", username="ulla")
    ulla = Person(services, "ub", name="Ulla Utrecht")
    for command in ("/maatje koppel", "/maatje koppel @nina @cor", "/maatje ervaren @cor"):
        answer = await ulla.text(command)
        assert "Dat kunnen alleen organisatoren" in answer, command
        assert "Gebruik: /maatje" in answer and "Koppelronde" not in answer, command
    assert [(p.newcomer_id, p.buddy_id) for p in await pairs(services)] == [
        (await pid(services, "nina"), await pid(services, "ub"))
    ]
    async with services.database() as db:
        cor = await db.get(Participant, await pid(services, "cor"))
        assert cor is not None and not cor.experienced


async def test_a_forged_or_stale_buddy_button_gets_the_stale_answer(services: Services) -> None:
    person = Person(services, "nina", name="Nina Nieuw")
    await person.say("/start")
    await person.press("nieuw:kapot")
    assert "Deze knop werkt niet meer" in person.last[0].text
    await person.press("mci:kapot")
    assert "Deze knop werkt niet meer" in person.last[0].text
    await person.press("mci:99:1:ja")
    assert "Deze knop werkt niet meer" in person.last[0].text
    async with services.database() as db:
        row = await db.get(Participant, await pid(services, "nina"))
        assert row is not None and row.is_newcomer is None


async def test_the_city_a_newcomer_types_is_stored_under_one_name(services: Services) -> None:
    await volunteer(services, "hb", "Hans Haag", "Den Haag")
    await volunteer(services, "gb", "Greet Groningen", "Groningen")
    _, answer = await newcomer(services, "nina", "Nina Nieuw", "the hague")
    assert "Greet Groningen" in answer  # Hans is from the same city
    async with services.database() as db:
        nina = await db.get(Participant, await pid(services, "nina"))
        assert nina is not None and nina.city == "Den Haag"

"""A newcomer's first evening with the booklet: questions, buttons, a quote, the two lists."""

from __future__ import annotations

import random
import re

from bot.kernel.services import Services
from knowledge.loader import load_knowledge
from tests.factories import Person

KNOWLEDGE = load_knowledge()


def sources_shown(text: str) -> list[str]:
    """The source of each listed lesson, e.g. ["§2.4", "§2.4", "Bijlage 2: …"]."""
    return re.findall(r"^\d+\. .+ \(([^()]+)\)$", text, re.MULTILINE)


def press_label(person: Person, start: str) -> str:
    return next(data for label, data in person.buttons() if label.startswith(start))


async def test_a_newcomer_asks_the_booklet_a_few_real_questions(services: Services) -> None:
    services.random = random.Random(11)
    jessie = Person(
        services, "4242", name="Jessie van Rooij", platform="telegram", username="jessie"
    )

    # She registers, and the bot points her to /les right away.
    assert "/les corporaties" in await jessie.text("/start")

    # She does not know the commands yet and just asks her question.
    answer = await jessie.text("hoe werk ik samen met woningcorporaties?")
    assert sources_shown(answer)[0] == "§2.4"
    assert "Lessen bij “hoe werk ik samen met woningcorporaties?”" in answer

    # She wants the whole box on corporations.
    [box] = await jessie.press(press_label(jessie, "hele paragraaf"))
    assert "(9 lessen)" in box.text and "pinautomaat" in box.text

    # Then she browses: all themes, and the one about continuity of participants.
    await jessie.press(press_label(jessie, "alle thema's"))
    assert len(jessie.buttons()) == len(KNOWLEDGE.themes)
    [duiventil] = await jessie.press(press_label(jessie, "Community of duiventil?"))
    assert "§1.7 Community of duiventil?" in duiventil.text

    # A question about accountability, typed in a hurry.
    answer = await jessie.text("/les monitorng en verantwoording")
    assert sources_shown(answer)[0] == "§2.7"
    more = await jessie.press(press_label(jessie, "meer"))
    assert "Meer lessen (4–6 van" in more[0].text

    # Something the booklet does not cover: an honest answer, and the themes to choose from.
    answer = await jessie.text("/les recept voor appeltaart")
    assert "Daar heb ik geen les over." in answer and not sources_shown(answer)
    assert len(jessie.buttons()) == len(KNOWLEDGE.themes)

    # The ten lessons for building a CoP, since she will help organise the next meeting.
    ten = await jessie.text("/tien cop")
    assert len(re.findall(r"^\d+\. ", ten, re.MULTILINE)) == 10
    [explained] = await jessie.press(press_label(jessie, "met toelichting"))
    assert "met overnachting" in explained.text
    # and the other list of ten, with its explanation
    await jessie.say("/tien cop")
    [insights] = await jessie.press(press_label(jessie, "tien inzichten"))
    assert "Bijlage 2" in insights.text
    [explained] = await jessie.press(press_label(jessie, "met toelichting"))
    assert "Leg/laat het stuur in handen van de bewoners" in explained.text

    # A quote for her slides, and another one.
    quote = await jessie.text("/citaat duiventil")
    assert "— " in quote and ("Zaanstad" in quote or "Groningen" in quote or "Arnhem" in quote)
    another = "\n".join(r.text for r in await jessie.press(press_label(jessie, "nog een")))
    assert another != quote and "— " in another

    # And the movement table for the closing round.
    table = await jessie.text("/vannaar")
    assert len(re.findall(r"^\d+\. VAN .+ → NAAR .+$", table, re.MULTILINE)) == 8

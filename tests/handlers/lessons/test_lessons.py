"""/les, /vannaar, /tien, /citaat and plain questions, through the dispatcher."""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot.core.messages import CALLBACK_DATA_MAX_BYTES, Incoming, Reply
from bot.core.texts import TEXTS as SHARED_TEXTS
from bot.kernel.dispatch import dispatch
from bot.kernel.services import Services
from handlers.lessons.button_data import pack_id, unpack_ids
from knowledge.loader import load_knowledge
from tests.factories import Person, make_app

KNOWLEDGE = load_knowledge()
BLOCK_LINE = re.compile(r"^\d+\. (.+) \(([^()]+)\)$", re.MULTILINE)


def shown_lessons(text: str) -> list[str]:
    """Ids of the lessons listed in a results page, in order ("n. <title> (<source>)")."""
    by_title = {lesson.title: lesson.id for lesson in KNOWLEDGE.lessons}
    return [by_title[m[1]] for m in BLOCK_LINE.finditer(text) if m[1] in by_title]


def button(person: Person, label_start: str) -> str:
    """The data of the first button whose label starts with `label_start`."""
    for label, data in person.buttons():
        if label.startswith(label_start):
            return data
    raise AssertionError(f"no button {label_start!r} in {person.buttons()}")


def assert_buttons_fit(replies: list[Reply]) -> None:
    for reply in replies:
        for row in reply.buttons:
            for b in row:
                assert len(b.data.encode()) <= CALLBACK_DATA_MAX_BYTES, b.data


async def test_les_corporaties_shows_lessons_of_2_4_with_buttons(participant: Person) -> None:
    text = await participant.text("/les corporaties")
    ids = shown_lessons(text)
    assert len(ids) == 3
    assert all(lesson_id.startswith("2.4-") for lesson_id in ids)
    assert "(§2.4)" in text and "corporaties" in text
    for lesson_id in ids:
        lesson = KNOWLEDGE.lesson(lesson_id)
        assert lesson is not None and lesson.text in text
    labels = [label for label, _ in participant.buttons()]
    assert labels == ["meer", "hele paragraaf §2.4"]
    assert_buttons_fit(participant.last)


async def test_meer_gives_the_next_page_with_other_lessons(participant: Person) -> None:
    first = shown_lessons(await participant.text("/les corporaties"))
    text = "\n".join(r.text for r in await participant.press(button(participant, "meer")))
    second = shown_lessons(text)
    assert len(second) == 3 and not set(first) & set(second)
    assert all(lesson_id.startswith("2.4-") for lesson_id in second)
    assert "(4–6 van" in text
    # and on to the end: every page new lessons, together all of 2.4 and no repeats
    seen = first + second
    while any(label == "meer" for label, _ in participant.buttons()):
        await participant.press(button(participant, "meer"))
        page = shown_lessons(participant.last[0].text)
        assert page and not set(page) & set(seen)
        seen += page
    assert {lesson.id for lesson in KNOWLEDGE.by_source("2.4")} <= set(seen)


async def test_hele_paragraaf_gives_all_nine_lessons_of_2_4(participant: Person) -> None:
    await participant.say("/les corporaties")
    [reply] = await participant.press(button(participant, "hele paragraaf"))
    box = KNOWLEDGE.by_source("2.4")
    assert len(box) == 9
    assert "§2.4 Duurzaam partnerschap met de corporaties (9 lessen)" in reply.text
    for lesson in box:
        assert lesson.title in reply.text and lesson.text in reply.text
    assert len(re.findall(r"^\d+\. ", reply.text, re.MULTILINE)) == 9


async def test_les_alone_shows_themes_and_a_theme_shows_its_lessons(participant: Person) -> None:
    text = await participant.text("/les")
    assert "Typ ook gewoon je vraag: /les hoe werk ik samen met corporaties?" in text
    labels = [label for label, _ in participant.buttons()]
    assert labels == [theme.name_nl for theme in KNOWLEDGE.themes]
    assert_buttons_fit(participant.last)
    replies = await participant.press(button(participant, "Monitoring en verantwoording"))
    shown = "\n".join(r.text for r in replies)
    assert "§2.7 Monitoring en verantwoording" in shown
    for lesson in KNOWLEDGE.by_source("2.7"):
        assert lesson.text in shown


async def test_a_theme_with_two_sources_shows_both(participant: Person) -> None:
    await participant.say("/les")
    replies = await participant.press("les:t:cop-opzetten")
    assert len(replies) == 2
    assert "§1.9" in replies[0].text and "Bijlage 1" in replies[1].text


async def test_nonsense_gets_an_honest_no_and_the_themes(participant: Person) -> None:
    text = await participant.text("/les qwxzv")
    assert "Daar heb ik geen les over." in text
    assert "Bedoelde" not in text
    assert not shown_lessons(text)
    labels = [label for label, _ in participant.buttons()]
    assert labels == [theme.name_nl for theme in KNOWLEDGE.themes]


async def test_no_hits_but_a_suggestion_offers_bedoelde_je(participant: Person) -> None:
    text = await participant.text("/les korporasies")
    assert "Daar heb ik geen les over." in text and "Bedoelde je “corporaties”?" in text
    [reply] = await participant.press(button(participant, "Bedoelde je"))
    assert all(lesson_id.startswith("2.4-") for lesson_id in shown_lessons(reply.text))


async def test_a_typo_still_finds_2_4(participant: Person) -> None:
    ids = shown_lessons(await participant.text("/les corperaties"))
    assert ids and all(lesson_id.startswith("2.4-") for lesson_id in ids)


async def test_a_section_number_shows_the_whole_section(participant: Person) -> None:
    text = await participant.text("/les §2.3")
    assert "§2.3 Verankeren" in text and "Dilemma's bij het verankeren" in text
    assert text.count(" ↔ ") == len([x for x in KNOWLEDGE.by_source("2.3") if x.van])


async def test_vannaar_has_the_eight_rows_of_the_booklet(participant: Person) -> None:
    text = await participant.text("/vannaar")
    rows = re.findall(r"^\d+\. VAN (.+) → NAAR (.+)$", text, re.MULTILINE)
    assert len(rows) == 8
    assert rows[3] == ("Claims op de corporatiegelden", "Duurzaam partnerschap met de corporaties")
    assert "blogpost" in text
    blog = await participant.press(button(participant, "verschillen"))
    assert "Wijkaanpak vanuit specifiek budget" in blog[0].text


async def test_tien_lists_the_ten_insights_and_tien_cop_the_ten_lessons(
    participant: Person,
) -> None:
    text = await participant.text("/tien")
    items = re.findall(r"^\d+\. (.+)$", text, re.MULTILINE)
    assert items == [lesson.title for lesson in KNOWLEDGE.by_source("bijlage-2")]
    assert len(items) == 10 and "Tien inzichten in de sturing" in text
    text = await participant.text("/tien cop")
    items = re.findall(r"^\d+\. (.+)$", text, re.MULTILINE)
    assert items == [lesson.title for lesson in KNOWLEDGE.by_source("bijlage-1")]
    assert len(items) == 10 and "Tien lessen voor het bouwen van een CoP" in text
    [full] = await participant.press(button(participant, "met toelichting"))
    for lesson in KNOWLEDGE.by_source("bijlage-1"):
        assert lesson.text in full.text
    assert "Gebruik: /tien" in await participant.text("/tien appeltaart")


async def test_citaat_with_a_topic_quotes_someone_relevant(participant: Person) -> None:
    relevant = {q.id for q in KNOWLEDGE.quotes if q.source == "2.4" or "corporaties" in q.topics}
    seen = []
    text = await participant.text("/citaat corporaties")
    for _ in range(3):
        quote = next(q for q in KNOWLEDGE.quotes if q.text in text)
        assert quote.id in relevant
        assert f"— {quote.speaker}, {quote.affiliation} (§{quote.source})" in text
        seen.append(quote.id)
        text = "\n".join(r.text for r in await participant.press(button(participant, "nog een")))
    assert len(set(seen)) == 3
    amersfoort = await participant.text("/citaat wij tegen zij corporaties")
    assert "— Esther Brink, Amersfoort (§2.4)" in amersfoort


async def test_citaat_without_topic_is_random_and_nog_een_gives_another(
    services: Services,
) -> None:
    services.random = random.Random(4)
    person = Person(services, "c1")
    first = await person.text("/citaat")
    assert first.startswith("“") and "\n— " in first
    again = "\n".join(r.text for r in await person.press(button(person, "nog een")))
    assert again != first and "\n— " in again


async def test_citaat_on_an_unknown_topic_says_so(participant: Person) -> None:
    text = await participant.text("/citaat appeltaart")
    assert "Een citaat over “appeltaart” heb ik niet" in text and "\n— " in text


async def test_a_plain_question_in_a_private_chat_is_answered_with_lessons(
    participant: Person,
) -> None:
    text = await participant.text("hoe werk ik samen met woningcorporaties?")
    ids = shown_lessons(text)
    assert ids and ids[0].startswith("2.4-")
    assert "Daar heb ik geen" in await participant.text("qwxzv plopperdeplop")


async def test_les_in_a_group_addressed_to_the_bot(services: Services) -> None:
    def group(text: str, update: str) -> Incoming:
        return Incoming(
            platform="telegram",
            user_id="77",
            chat_id="-100",
            text=text,
            display_name="Jessie",
            language="nl",
            is_group=True,
            bot_username="copbot",
            update_id=update,
        )

    [reply] = await dispatch(services, group("/les@copbot monitoring", "g1"))
    ids = shown_lessons(reply.text)
    assert ids and all(lesson_id.startswith("2.7-") for lesson_id in ids)
    assert await dispatch(services, group("/les@anderebot monitoring", "g2")) == []
    assert await dispatch(services, group("hoe werk ik samen met corporaties?", "g3")) == []


async def test_english_participants_get_english_chrome_and_dutch_lessons(
    services: Services,
) -> None:
    ann = Person(services, "en1", name="Ann", language="en")
    [reply] = await ann.say("/les corporaties")
    assert reply.text.startswith("Lessons for “corporaties”")
    assert reply.context == "lessen in het Nederlands / lessons in Dutch"
    assert [label for label, _ in ann.buttons()] == ["more", "whole section §2.4"]
    await ann.say("/les")
    labels = [label for label, _ in ann.buttons()]
    assert labels == [theme.name_en for theme in KNOWLEDGE.themes]
    assert "I have no lesson about that." in await ann.text("/les qwxzv")
    assert "Appendix 2" in await ann.text("/tien")


async def test_a_stale_or_forged_button_gets_a_clear_answer(participant: Person) -> None:
    for data in ("les:m:3:zz", "les:t:bestaat-niet", "les:p:9.9", "les:zz", "les:m:x:d1"):
        [reply] = await participant.press(data)
        assert "Deze knop werkt niet meer" in reply.text
        assert "Typ /les met je onderwerp, bijvoorbeeld /les corporaties." in reply.text


async def test_a_stale_lesson_button_gets_the_shared_answer_and_the_lesson_hint(
    services: Services,
) -> None:
    for language, hint in (
        ("nl", "Typ /les met je onderwerp, bijvoorbeeld /les corporaties."),
        ("en", "Type /les with your topic, for example /les corporaties."),
    ):
        person = Person(services, f"stale-{language}", language=language)
        [reply] = await person.press("les:p:9.9")
        assert reply.text == f"{SHARED_TEXTS(language, 'stale_button')} {hint}"


async def test_meer_still_works_in_another_app_after_a_restart(
    services: Services, tmp_path: Path, participant: Person
) -> None:
    await participant.say("/les monitoring")
    data = button(participant, "meer")
    await services.close()
    restarted = await make_app(tmp_path)  # the same database, a fresh process state
    try:
        again = Person(restarted, "p1")
        ids = shown_lessons((await again.press(data))[0].text)
        assert len(ids) == 3 and all(i.startswith("2.7-") for i in ids)
    finally:
        await restarted.close()


async def test_the_index_is_built_at_start_and_kept(
    services: Services, participant: Person
) -> None:
    index = services.lesson_index  # there before anyone asked anything
    assert index.knowledge is services.knowledge
    await participant.say("/les corporaties")
    await participant.say("/les monitoring")
    assert services.lesson_index is index


def test_ids_pack_into_two_characters_and_back() -> None:
    lesson_ids = [lesson.id for lesson in KNOWLEDGE.lessons]
    packed = [pack_id(lesson_id) for lesson_id in lesson_ids]
    assert all(code is not None and len(code) == 2 for code in packed)
    assert len(set(packed)) == len(packed)
    assert unpack_ids("".join(code or "" for code in packed)) == lesson_ids
    quote_ids = [quote.id for quote in KNOWLEDGE.quotes]
    assert unpack_ids("".join(pack_id(q) or "" for q in quote_ids), "q-") == quote_ids
    assert pack_id("bijlage-2-07") == "y7" and pack_id("2.4-03") == "d3"
    assert pack_id("nonsense") is None


async def test_what_was_typed_is_echoed_without_control_characters(participant: Person) -> None:
    text = await participant.text("/les corporaties\x00\x07\u200b")
    assert "Lessen bij “corporaties”" in text
    assert not any(ch in text for ch in "\x00\x07\u200b")


async def test_small_talk_in_a_private_chat_gets_a_friendly_word_not_lessons(
    participant: Person,
) -> None:
    for text in ("hallo", "Bedankt!", "ok", "hoi copbot"):
        answer = await participant.text(text)
        assert "Vraag me gerust iets" in answer, text
        assert "geen les" not in answer
    # A greeting with a real question is still a question.
    assert "§2.4" in await participant.text("hallo, hoe werk ik samen met corporaties?")


async def test_a_section_of_one_lesson_says_les_not_lessen(participant: Person) -> None:
    assert len(KNOWLEDGE.by_source("1.3")) == 1
    [reply] = await participant.press("les:p:1.3")
    assert "(1 les)" in reply.text and "(1 lessen)" not in reply.text
    english = Person(participant.services, "en1", name="Ann", language="en")
    [reply] = await english.press("les:p:1.3")
    assert "(1 lesson)" in reply.text


async def test_questions_outside_the_booklet_get_the_honest_no(participant: Person) -> None:
    for question in ("/les zorg voor ouderen", "/les wat is de hoofdstad van Australië"):
        text = await participant.text(question)
        assert "Daar heb ik geen les over" in text, question
        assert "Zorg voor goede verankering" not in text and "§2.5" not in text


def test_harvested_lesson_ids_pack_into_three_characters_beside_the_booklets() -> None:
    ids = ["2.4-03", "oogst-7", "bijlage-2-07", "oogst-1295", "van-naar-04"]
    packed = "".join(pack_id(item) or "" for item in ids)
    assert pack_id("oogst-7") == "o07" and pack_id("oogst-1296") is None
    assert unpack_ids(packed) == ids
    assert unpack_ids("d3o0") == ["2.4-03"]  # a cut-off harvested id is skipped


async def test_the_more_button_pages_through_harvested_lessons_too(
    services: Services, participant: Person
) -> None:
    from knowledge.model import Lesson

    harvested = Lesson(
        id="oogst-7", theme=KNOWLEDGE.lessons[0].theme, source="bijeenkomst-2",
        title="Laat bewoners de wijkschouw leiden", text="Bewoners leiden de wijkschouw zelf.",
        origin_nl="bijeenkomst 2, Zwolle, maart 2027", origin_en="meeting 2, Zwolle, March 2027",
    )  # fmt: skip
    services.lesson_index.set_extra([harvested])
    [page] = await participant.press(f"les:m:3:{pack_id('2.4-03')}{pack_id('oogst-7')}")
    assert "Laat bewoners de wijkschouw leiden" in page.text
    assert "bijeenkomst 2, Zwolle" in page.text

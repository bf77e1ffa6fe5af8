"""An organiser looks at the overview after a busy stretch, in chromium, on a desk and a phone.

Olga runs the CoP with eight participants (Nina and Mo are new, John reads English). A day
meeting in Arnhem has passed: attendance and the readers' verdicts are in. The overnight
meeting in Utrecht has three rooms for five people who want one; the answers carry parts,
diets and notes. Topics are proposed and supported, the poll is open and voted on, a book is
picked with presenters, the newcomers get buddies, a broadcast goes out and fails for one.
A week passes and the reminders run. Then Olga opens /dashboard's link and visits every page
(a meeting, the hotel CSV, a send-now and a resend confirmation); Oliver, an English-speaking
organiser, does the same: his pages are English throughout. Each page is checked with axe-core
and photographed at desk and phone width.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.async_api import Browser, Page

from bot.core.clock import ManualClock
from bot.core.ports import PermanentFailure, UncertainDelivery
from bot.kernel.services import Services
from tests.browser import conftest as browser_fixtures
from tests.browser import harness
from tests.browser.harness import BotWeb
from tests.factories import Person
from tests.handlers.buddies.test_buddies import volunteer
from tests.history_factory import deliver, install_postbox

# The browser tests' fixtures: chromium, the bot's server on this test's services, a page.
chromium = browser_fixtures.chromium
web_routes = browser_fixtures.web_routes
bot_web = browser_fixtures.bot_web
page = browser_fixtures.page
check_accessibility = browser_fixtures.check_accessibility
screenshot = browser_fixtures.screenshot

Shot = Callable[[Page, str], Awaitable[Path]]
Check = Callable[[Page], Awaitable[None]]

PAST = "/sessie nieuw 24 november 2026 10:00 | Arnhem, Presikhaaf | Durf | geen overnachting"
OVERNIGHT = (
    "/sessie nieuw 17 december 2026 10:00 | Utrecht, Zuilen | Vreedzame wijk | overnachting"
)
# user id, name, username, city, language
CAST = (
    ("p1", "Esther Brink", "esther", "Utrecht", "nl"),
    ("p2", "John Smith", "john", "Rotterdam", "en"),
    ("p3", "Bernadette Huurne", "bernadette", "Enschede", "nl"),
    ("p4", "Tom Delft", "tom", "Delft", "nl"),
    ("p5", "Karin Vertrek", "karin", "Rotterdam", "nl"),
    ("p6", "Pieter Post", "pieter", "Groningen", "nl"),
)
NEWCOMERS = (("n1", "Nina Nieuw", "nina", "Arnhem"), ("n2", "Mo Amrani", "mo", "Schiedam"))
# Who answers the overnight meeting, in order: parts, diet, note (as typed).
ANSWERS = (
    ("esther", "alles", "vegetarisch", "nee"),
    ("john", "all", "none", "I'll only arrive at 14:00"),
    ("bernadette", "alles", "halal", "nee"),
    ("nina", "alles", "veganistisch", "nee"),
    ("pieter", "alles", "allergie: noten", "nee"),  # the fifth who wants a room: waits
    ("tom", "dag 1, diner", "geen", "ik kom met de trein"),
    ("mo", "dag 2", "geen", "nee"),
)
VOTES = (
    ("esther", ("Bewoners",)),
    ("john", ("Corporaties", "Bewoners")),
    ("bernadette", ("Bewoners",)),
    ("tom", ("Vroeg",)),
    ("pieter", ("Bewoners", "Corporaties")),
)
DESK = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PAGES = ("meetings", "meeting", "agenda", "buddies", "pulse", "messages", "books")
DUTCH = re.compile(
    r"\b(bijeenkomst|aanmelding|overnachting|kamers?|nog geen|niemand|deelnemers?|"
    r"verstuurd|mislukt|onzeker|maatje|peiling|stemmen|wachtlijst|vandaag|morgen|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|januari|mei|oktober|"
    r"oordeel|gekozen|programma|herinnering|niet|wel|ja|nee|bruikbaar|geen)\b",
    re.IGNORECASE,
)


def people(services: Services) -> dict[str, Person]:
    cast = {
        username: Person(services, uid, name=name, username=username, language=language)
        for uid, name, username, _city, language in CAST
    }
    for uid, name, username, _city in NEWCOMERS:
        cast[username] = Person(services, uid, name=name, username=username)
    return cast


async def a_busy_stretch(services: Services, olga: Person) -> dict[str, Person]:
    clock = services.clock
    assert isinstance(clock, ManualClock)
    postbox = install_postbox(services)
    cast = people(services)
    await olga.say("/start")
    for uid, _name, username, city, _language in CAST:
        await volunteer(services, uid, cast[username].name, city)
    for _uid, _name, username, city in NEWCOMERS:
        newcomer = cast[username]
        await newcomer.say("/start")
        await newcomer.press("nieuw:ja")
        await newcomer.say(city)

    # The day meeting in Arnhem, next week; a book picked for it with two presenters.
    assert "Bijeenkomst 1" in await olga.text(PAST)
    for username in ("esther", "tom", "karin", "nina"):
        await cast[username].press("rsvp:1:ja")
    await olga.say("/boek")
    assert "gekozen" in (await olga.text("/boek kies 2 1")).lower()
    await cast["esther"].say("/boek presenteer 2")
    await cast["tom"].say("/boek presenteer 2")
    # Its reminders run; it happens; the day after, attendance and the verdicts are in.
    for day, hour in ((22, 9), (23, 9), (24, 6), (25, 9)):
        clock.set(datetime(2026, 11, day, hour, 0, tzinfo=UTC))
        await deliver(services)
    for username in ("esther", "tom", "nina"):
        await olga.say(f"/aanwezig 1 @{username} ja")
    await olga.say("/aanwezig 1 @karin nee")
    await cast["esther"].say("/boek oordeel 2 bruikbaar Meteen toegepast in Zuilen.")
    await cast["tom"].say("/boek oordeel 2 aan het denken gezet")

    # The overnight meeting: three rooms for five who want one.
    assert "Bijeenkomst 2" in await olga.text(OVERNIGHT)
    assert "3" in await olga.text("/sessie 2 kamers 3")
    for username, parts, diet, note in ANSWERS:
        person = cast[username]
        await person.press("rsvp:2:ja")
        await person.say(parts)
        await person.say(diet)
        await person.say(note)
    await cast["karin"].press("rsvp:2:nee")
    overview = await olga.text("/sessie 2 aanmeldingen")
    assert "7 ja, 0 misschien, 1 nee" in overview, overview
    assert "Kamers: 3 van 3 vergeven, 2 op de wachtlijst." in overview, overview

    # Topics for the agenda, support, a poll and votes; a book for Utrecht.
    await cast["esther"].say("/agenda voorstel Bewoners aan het stuur")
    await cast["john"].say("/agenda voorstel Corporaties aan tafel")
    await cast["tom"].say("/agenda voorstel Vroeg signaleren")
    for username in ("bernadette", "pieter", "nina"):
        await cast[username].say("/agenda steun 1")
    assert "bijeenkomst 2" in await olga.text("/peiling open")
    for username, titles in VOTES:
        person = cast[username]
        await person.say("/peiling")
        for title in titles:
            [data] = [d for label, d in person.buttons() if label.startswith(title)]
            await person.press(data)
    assert "gekozen" in (await olga.text("/boek kies 1 2")).lower()
    await cast["pieter"].say("/boek presenteer 1")

    # A broadcast, blocked for Karin.
    postbox.always_fail("p5", PermanentFailure("Forbidden: bot was blocked by the user"))
    postbox.fail_next(UncertainDelivery("timed out after 10 s"), chat_id="p6")
    await olga.say("/omroep Lees hoofdstuk 3 van het boek voor de bijeenkomst")
    [send] = [data for label, data in olga.buttons() if label == "Verstuur"]
    await olga.press(send)
    await deliver(services)

    # A week passes: the reminders and the poll's nudge run.
    clock.advance(timedelta(days=7))
    await deliver(services)
    return cast


async def sign_in(page: Page, bot_web: BotWeb, organiser: Person, button: str) -> None:
    answer = await organiser.text("/dashboard")
    found = re.search(re.escape(bot_web.url) + r"/dashboard/login/[\w-]+", answer)
    assert found, answer
    await page.goto(found.group(0))
    await page.get_by_role("button", name=button).click()
    await page.wait_for_url("**/dashboard/meetings")


async def look(
    page: Page, path: str, name: str, shot: Shot, check: Check, status: int = 200
) -> str:
    """Open `path`, check it with axe-core, photograph it at desk and phone width; returns
    what the main part says."""
    response = await page.goto(path)
    assert response is not None and response.status == status, (path, response)
    await check(page)
    await shot(page, name)
    await page.set_viewport_size(PHONE)
    await shot(page, name + "-phone")
    wide = await page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{path} is {wide} px wide on a phone"
    await page.set_viewport_size(DESK)
    return await page.locator("main").inner_text()


async def every_page(page: Page, lang: str, shot: Shot, check: Check) -> dict[str, str]:
    seen = {}
    for name in PAGES:
        path = "/dashboard/meetings/2" if name == "meeting" else f"/dashboard/{name}"
        seen[name] = await look(page, path, f"{lang}-{name}", shot, check)
    seen["missing"] = await look(
        page, "/dashboard/meetings/999", f"{lang}-missing", shot, check, status=404
    )
    assert await page.get_by_role("navigation").count() == 1  # the way back
    await page.goto("/dashboard/meetings/2")
    step = page.get_by_role("row").filter(has_text=re.compile("2 (dagen|days)"))
    await step.get_by_role("link").click()
    await page.wait_for_url("**/steps/*/send")
    seen["send"] = await look(page, page.url, f"{lang}-send-now", shot, check)
    await page.goto("/dashboard/messages")
    await page.get_by_role("link", name=re.compile("…")).first.click()
    await page.wait_for_url("**/dashboard/messages/resend*")
    seen["resend"] = await look(page, page.url, f"{lang}-resend", shot, check)
    csv = await page.request.get("/dashboard/meetings/2/hotel.csv")
    assert csv.status == 200
    seen["csv"] = (await csv.body()).decode("utf-8-sig")
    return seen


def without_data(text: str) -> str:
    """What the pages show of the participants' own words and the booklet's (Dutch) quotes
    taken out; what remains is the page's own words."""
    data = [
        *(note for *_, note in ANSWERS),
        "Vreedzame wijk",
        "Bewoners aan het stuur",
        "Vroeg signaleren",
        "Meteen toegepast in Zuilen.",
    ]
    for item in data:
        text = text.replace(item, "")
    return "\n".join(line for line in text.splitlines() if len(line) < 200)


def the_dutch_pages_show_what_the_chat_says(seen: dict[str, str]) -> None:
    meetings = seen["meetings"]
    assert re.search(
        r"2\tdonderdag 17 december 2026\tUtrecht, Zuilen\tVreedzame wijk\t7", meetings
    )
    assert re.search(
        r"1\tdinsdag 24 november 2026\tArnhem, Presikhaaf\tDurf\t4\tgeweest", meetings
    )
    meeting = seen["meeting"]
    for figure in ("7\nKomen", "1\nKomen niet", "3\nKamers vergeven", "2\nOp de wachtlijst"):
        assert figure in meeting, figure
    assert "Download de CSV (komen: 7, overnachtingen: 3)" in meeting
    assert "wachtlijst 1\tveganistisch" in meeting  # Nina waits first
    assert "I'll only arrive at 14:00" in meeting and "ik kom met de trein" in meeting
    # Every step and job of the timeline has words, none its internal kind or raw error.
    assert "poll-" not in meeting and "not_after" not in meeting
    assert "agendapeiling: wie nog niet stemde herinneren" in meeting
    assert "te laat: de bot liep niet" in meeting
    agenda = seen["agenda"]
    assert "#1\tBewoners aan het stuur\tEsther Brink\t3" in agenda
    assert "5 hebben gestemd" in agenda
    assert re.search(r"#1 Bewoners aan het stuur\s+4\s+#2 Corporaties aan tafel\s+2", agenda)
    buddies = seen["buddies"]
    assert "Maatjesparen: 2. Nieuwkomers zonder maatje: 0. Mislukte check-ins: 0." in buddies
    assert "Nina Nieuw\tEsther Brink" in buddies and "Mo Amrani\tJohn Smith" in buddies
    messages = seen["messages"]
    assert re.search(r"omroep broadcast:1\t8\t0\t1\t0", messages)
    assert "Karin Vertrek\tbroadcast:1\tmislukt" in messages
    books = seen["books"]
    assert "#2 Afri — Jutta Chorus\tEsther Brink en Tom Delft\t1\t2\t0" in books
    assert "Pieter Post" in books
    assert "Dat staat hier niet (meer)" in seen["missing"]
    assert "Pieter Post" in seen["resend"] and "twee keer" in seen["resend"]
    assert "herinnering aan iedereen (2 dagen vooraf)" in seen["send"]
    assert seen["csv"].splitlines()[0] == "naam,organisatie,nachten,dieet"
    assert "Esther Brink,,1,vegetarisch" in seen["csv"]


async def test_an_organiser_reads_every_page_after_a_busy_stretch(
    services: Services,
    organiser: Person,
    bot_web: BotWeb,
    page: Page,
    chromium: Browser,
    screenshot: Shot,
    check_accessibility: Check,
) -> None:
    await a_busy_stretch(services, organiser)
    await sign_in(page, bot_web, organiser, "Open het overzicht")
    dutch = await every_page(page, "nl", screenshot, check_accessibility)

    the_dutch_pages_show_what_the_chat_says(dutch)

    # Oliver reads English; his browser says so too.
    oliver = Person(services, "1000", name="Oliver Organiser", platform="telegram", language="en")
    await oliver.say("/start")
    await oliver.say("/ik taal en")
    async with harness.open_page(chromium, bot_web.url) as english_page:
        # The sign-in page speaks the link owner's language, whatever the browser's.
        await english_page.set_extra_http_headers({"Accept-Language": "nl-NL,nl;q=0.8"})
        await sign_in(english_page, bot_web, oliver, "Open the overview")
        english = await every_page(english_page, "en", screenshot, check_accessibility)
    for name, text in english.items():
        if name == "csv":
            continue
        leftover = sorted({word.lower() for word in DUTCH.findall(without_data(text))})
        assert not leftover, f"{name} in English still says {leftover}:\n{text}"
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), f"{name}: a text key shows\n{text}"

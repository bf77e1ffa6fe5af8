"""The pulse page: attendance per meeting and per city over time, the stable core, newcomers
and leavers (booklet §1.7 "Community of duiventil?"), with the figures of the chat's /kern."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from bot.core.cities import city_key, normalise_city
from bot.core.lists import join_names
from bot.core.ports import WebPage
from bot.kernel.services import Registry
from handlers.buddies import CORE_MIN, CORE_WINDOW, Facts, Pulse, facts
from handlers.dashboard.charts import Series, Words, column_chart
from handlers.dashboard.web import Page, guarded


@dataclass(frozen=True)
class YearFigures:
    """This year's figures as /kern gives them."""

    year: int
    pulse: Pulse
    core_names: str
    per_city: list[tuple[str, int, int]]  # city, newcomers, leavers
    verdict: str  # the too-early, warning or steady sentence
    warning: bool


async def pulse_page(page: Page) -> WebPage:
    tz = page.services.settings.tz
    found = await facts(page.db, page.now, tz)
    ordered = sorted(found.sessions, key=lambda s: s[1])
    charts: list[Markup] = []
    year = page.now.astimezone(tz).year
    if ordered:
        labels = [
            page.t("pulse_meeting_label", id=sid, date=f"{start:%d-%m-%y}")
            for sid, start in ordered
        ]
        charts = [
            attendance_chart(page, found, ordered, labels),
            cities_chart(page, found, ordered, labels),
            years_chart(page, found, ordered, year),
        ]
    return page.render(
        "pulse.html",
        heading=page.t("pulse_title"),
        section="pulse",
        who=page.visitor.participant.display_name,
        held=len(ordered),
        figures=year_figures(page, found, year),
        charts=charts,
        core_min=CORE_MIN,
        core_window=CORE_WINDOW,
    )


def year_figures(page: Page, found: Facts, year: int) -> YearFigures:
    result = found.pulse(year)
    names = sorted(found.names.get(pid, "?") for pid in result.core)
    if result.sessions < CORE_WINDOW:
        verdict = page.t("pulse_too_early", window=CORE_WINDOW, count=result.sessions)
    else:
        verdict = page.t("pulse_warning" if result.high_turnover else "pulse_steady")
    return YearFigures(
        year=year,
        pulse=result,
        core_names=join_names(names, page.lang) if names else "",
        per_city=[
            (city or page.t("pulse_no_city"), new, left)
            for city, (new, left) in result.per_city.items()
        ],
        verdict=verdict,
        warning=result.sessions >= CORE_WINDOW and result.high_turnover,
    )


def present_at(found: Facts, session_id: int) -> set[int]:
    return {pid for pid, seen in found.attendance.items() if session_id in seen}


def attendance_chart(
    page: Page, found: Facts, ordered: Sequence[tuple[int, datetime]], labels: list[str]
) -> Markup:
    """Per meeting: those of the stable core as it stood right after it, and the others."""
    core: list[int] = []
    others: list[int] = []
    for sid, start in ordered:
        there = present_at(found, sid)
        in_core = there & set(found.pulse(start.year, until=sid).core)
        core.append(len(in_core))
        others.append(len(there) - len(in_core))
    words = Words(
        title=page.t("pulse_attendance_title"),
        description=page.t("pulse_attendance_desc", last=core[-1] + others[-1]),
        numbers=page.t("pulse_numbers"),
        label_header=page.t("pulse_col_meeting"),
    )
    series = [
        Series(page.t("pulse_core"), tuple(core)),
        Series(page.t("pulse_others"), tuple(others)),
    ]
    return column_chart("attendance", words, labels, series)


def cities_chart(
    page: Page, found: Facts, ordered: Sequence[tuple[int, datetime]], labels: list[str]
) -> Markup:
    """Per meeting, who came from which city (cities as the chat normalises them)."""
    names: dict[str, str] = {}
    counts: dict[str, list[int]] = {}
    for n, (sid, _) in enumerate(ordered):
        for pid in present_at(found, sid):
            city = found.cities.get(pid)
            key = city_key(city)
            names.setdefault(key, normalise_city(city or "") or page.t("pulse_no_city"))
            counts.setdefault(key, [0] * len(ordered))[n] += 1
    keys = sorted(counts, key=lambda key: (not key, key))  # the unknown city last
    series = [Series(names[key], tuple(counts[key])) for key in keys]
    words = Words(
        title=page.t("pulse_cities_title"),
        description=page.t("pulse_cities_desc", count=len(series)),
        numbers=page.t("pulse_numbers"),
        label_header=page.t("pulse_col_meeting"),
    )
    return column_chart("cities", words, labels, series)


def years_chart(
    page: Page, found: Facts, ordered: Sequence[tuple[int, datetime]], this_year: int
) -> Markup:
    """Per year: the core after its last meeting, its newcomers and its leavers (/kern's
    figures for that year)."""
    years = list(range(ordered[0][1].year, this_year + 1))
    core, new, left = [], [], []
    for year in years:
        held = [sid for sid, start in ordered if start.year <= year]
        core.append(len(found.pulse(year, until=held[-1]).core) if held else 0)
        result = found.pulse(year)
        new.append(len(result.newcomers))
        left.append(len(result.leavers))
    words = Words(
        title=page.t("pulse_years_title"),
        description=page.t("pulse_years_desc"),
        numbers=page.t("pulse_numbers"),
        label_header=page.t("pulse_col_year"),
    )
    series = [
        Series(page.t("pulse_core"), tuple(core)),
        Series(page.t("pulse_newcomers"), tuple(new)),
        Series(page.t("pulse_leavers"), tuple(left)),
    ]
    return column_chart("years", words, [str(y) for y in years], series, stacked=False)


def register(registry: Registry) -> None:
    """Its pages and actions (paths under /dashboard/pulse)."""
    registry.page("/dashboard/pulse", guarded(pulse_page))

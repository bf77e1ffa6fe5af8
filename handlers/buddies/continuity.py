"""/kern: the continuity pulse: the stable core, newcomers and leavers per city, turnover.

Booklet §1.7 "Community of duiventil?": "Een CoP heeft een harde kern nodig om een collectief
leerproces op gang te houden", and "samen de vinger aan de pols houden of het verloop niet te
groot wordt". The figures are computed by a pure function over plain data (`pulse`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.cities import city_key, normalise_city
from bot.core.i18n import Texts
from bot.core.lists import join_names
from bot.core.messages import Reply
from bot.db.models import Participant, Rsvp, Session
from bot.db.models.buddies import Departure
from bot.kernel.services import Context, Registry
from handlers.buddies.pairs import attended_clause

# The stable core: at least CORE_MIN of the last CORE_WINDOW sessions.
CORE_WINDOW = 4
CORE_MIN = 3
# "Duiventil": more people came and went this year than the core holds, or the core is less
# than this share of the people who came to the recent sessions.
MIN_CORE_SHARE = 1 / 3

TEXTS = Texts(
    {
        "source": {
            "nl": "Uit het boekje: §1.7 en bijlage 1, les 3 (een stabiele kern)",
            "en": "From the booklet: §1.7 and appendix 1, lesson 3 (a stable core)",
        },
        "header": {
            "nl": "De pols van de CoP (§1.7 Community of duiventil?), {year}:",
            "en": "The pulse of the CoP (§1.7 Community or dovecote?), {year}:",
        },
        "core": {
            "nl": "Vaste kern (minstens {min} van de laatste {window} bijeenkomsten): {count} "
            "van de {recent} mensen die recent kwamen.",
            "en": "Stable core (at least {min} of the last {window} sessions): {count} of the "
            "{recent} people who came recently.",
        },
        "core_names": {"nl": "  {names}", "en": "  {names}"},
        "too_few_sessions": {
            "nl": "Vaste kern: nog geen {window} bijeenkomsten achter de rug ({count} tot nu).",
            "en": "Stable core: fewer than {window} sessions so far ({count}).",
        },
        "year": {
            "nl": "Dit jaar: {newcomers} nieuwkomers, {leavers} vertrokken.",
            "en": "This year: {newcomers} newcomers, {leavers} left.",
        },
        "per_city": {"nl": "Per stad:", "en": "Per city:"},
        "city_line": {
            "nl": "• {city}: {newcomers} nieuw, {leavers} vertrokken",
            "en": "• {city}: {newcomers} new, {leavers} left",
        },
        "no_city": {"nl": "(stad onbekend)", "en": "(city unknown)"},
        "warning": {
            "nl": "⚠ Veel verloop. “Als de groep door het proces van personele wisselingen en "
            "ad hoc deelname het karakter aanneemt van een duiventil dan gaat er iets mis.” "
            "Dring aan op continuïteit, zorg voor goede overdracht (/vertrek, /overdracht) "
            "en koppel nieuwkomers aan een maatje (/maatjes).",
            "en": "⚠ High turnover. “When, through changes of people and ad hoc attendance, "
            "the group takes on the character of a dovecote, something goes wrong.” Press for "
            "continuity, arrange a good handover (/leave, /handover) and pair newcomers "
            "with a buddy (/buddies).",
        },
        "steady": {
            "nl": "Het verloop is in evenwicht met de vaste kern.",
            "en": "Turnover is in balance with the stable core.",
        },
        "too_early": {
            "nl": "Of het verloop in evenwicht is met de vaste kern, zeg ik na {window} "
            "bijeenkomsten.",
            "en": "Whether turnover is in balance with the stable core I can tell after "
            "{window} sessions.",
        },
    }
)


@dataclass(frozen=True)
class Pulse:
    core: tuple[int, ...]  # participant ids of the stable core
    recent: int  # people at any of the last CORE_WINDOW sessions
    sessions: int  # past sessions in total
    newcomers: tuple[int, ...]  # first attended session this year
    leavers: tuple[int, ...]  # departed this year
    per_city: dict[str, tuple[int, int]] = field(default_factory=dict)  # city -> (new, left)

    @property
    def high_turnover(self) -> bool:
        if self.sessions < CORE_WINDOW:
            return False
        churn = len(self.newcomers) + len(self.leavers)
        return (
            not self.core
            or churn > len(self.core)
            or len(self.core) < MIN_CORE_SHARE * self.recent
        )


def pulse(
    sessions: Iterable[tuple[int, datetime]],
    attendance: Mapping[int, set[int]],
    cities: Mapping[int, str | None],
    departures: Iterable[tuple[int, str | None, datetime]],
    year: int,
    said_new: Mapping[int, datetime] | None = None,
    veterans: Iterable[int] = (),
) -> Pulse:
    """The figures of /kern.

    sessions: (id, start) of past sessions; attendance: participant id -> attended session ids;
    cities: participant id -> city; departures: (participant id, city at the time, when);
    said_new: who said they are new -> when they joined; veterans: who said they are not
    new or count as experienced. Years are compared on the datetimes as given (pass local
    times for local years).

    A newcomer of `year` said so and joined or first came that year, or (when unknown) first
    came that year to a session after the first one recorded: before the bot's first session
    nobody's attendance is known, so coming to it shows nothing.
    """
    said_new = said_new or {}
    old_hands = set(veterans)
    ordered = sorted(sessions, key=lambda s: s[1])
    window = {sid for sid, _ in ordered[-CORE_WINDOW:]}
    start_of = dict(ordered)
    first_recorded = ordered[0][0] if ordered else None
    core = tuple(sorted(pid for pid, seen in attendance.items() if len(seen & window) >= CORE_MIN))
    recent = sum(1 for seen in attendance.values() if seen & window)
    newcomers = {pid for pid, joined in said_new.items() if joined.year == year}
    for pid, seen in attendance.items():
        starts = sorted((start_of[sid], sid) for sid in seen if sid in start_of)
        if not starts or starts[0][0].year != year or pid in old_hands:
            continue
        if pid in said_new or starts[0][1] != first_recorded:
            newcomers.add(pid)
    leavers = [(pid, city) for pid, city, when in departures if when.year == year]
    per_city: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for city in [cities.get(pid) for pid in newcomers] + [city for _, city in leavers]:
        labels.setdefault(city_key(city), normalise_city(city or ""))
    for pid in newcomers:
        per_city.setdefault(city_key(cities.get(pid)), [0, 0])[0] += 1
    for _, city in leavers:
        per_city.setdefault(city_key(city), [0, 0])[1] += 1
    return Pulse(
        core=core,
        recent=recent,
        sessions=len(ordered),
        newcomers=tuple(sorted(newcomers)),
        leavers=tuple(sorted(pid for pid, _ in leavers)),
        per_city={labels[key]: (new, left) for key, (new, left) in sorted(per_city.items())},
    )


@dataclass(frozen=True)
class Facts:
    """What the pulse is computed from, read from storage, in local time: past sessions
    (id, start), who attended which, cities, names, who said they are new (and since when),
    the experienced, and departures (who, city then, when)."""

    sessions: list[tuple[int, datetime]]
    attendance: dict[int, set[int]]
    cities: dict[int, str | None]
    names: dict[int, str]
    said_new: dict[int, datetime]
    veterans: set[int]
    departures: list[tuple[int, str | None, datetime]]

    def pulse(self, year: int, until: int | None = None) -> Pulse:
        """The figures of /kern for `year`; with `until`, as they were just after that
        session (only the sessions up to it count)."""
        sessions = sorted(self.sessions, key=lambda s: s[1])
        if until is not None:
            sessions = sessions[: [sid for sid, _ in sessions].index(until) + 1]
        return pulse(
            sessions,
            self.attendance,
            self.cities,
            self.departures,
            year,
            said_new=self.said_new,
            veterans=self.veterans,
        )


async def facts(db: AsyncSession, now: datetime, tz: ZoneInfo) -> Facts:
    """Load the facts of the pulse from storage, in local time (the chat's /kern and the
    overview's pulse page both read them here)."""
    past = (
        await db.execute(
            select(Session.id, Session.starts_at).where(
                Session.status == "planned", Session.starts_at < now
            )
        )
    ).all()
    rows = (
        await db.execute(
            select(Rsvp.participant_id, Rsvp.session_id)
            .join(Session, Session.id == Rsvp.session_id)
            .where(*attended_clause(now))  # type: ignore[arg-type]
        )
    ).all()
    attendance: dict[int, set[int]] = {}
    for pid, sid in rows:
        attendance.setdefault(pid, set()).add(sid)
    people = (await db.scalars(select(Participant))).all()
    return Facts(
        sessions=[(sid, start.astimezone(tz)) for sid, start in past],
        attendance=attendance,
        cities={p.id: p.city for p in people},
        names={p.id: p.display_name for p in people},
        said_new={
            p.id: p.created_at.astimezone(tz)
            for p in people
            if p.is_newcomer and not p.experienced
        },
        veterans={p.id for p in people if p.is_newcomer is False or p.experienced},
        departures=[
            (d.participant_id, d.city, d.left_at.astimezone(tz))
            for d in (await db.scalars(select(Departure))).all()
        ],
    )


async def gather(ctx: Context) -> tuple[Pulse, dict[int, str]]:
    """Load the facts and compute the pulse, in local time."""
    tz = ctx.services.settings.tz
    found = await facts(ctx.db, ctx.now, tz)
    return found.pulse(ctx.now.astimezone(tz).year), found.names


def render(lang: str, result: Pulse, names: Mapping[int, str], year: int) -> str:
    lines = [TEXTS(lang, "header", year=year)]
    if result.sessions < CORE_WINDOW:
        lines.append(TEXTS(lang, "too_few_sessions", window=CORE_WINDOW, count=result.sessions))
    else:
        lines.append(
            TEXTS(
                lang,
                "core",
                min=CORE_MIN,
                window=CORE_WINDOW,
                count=len(result.core),
                recent=result.recent,
            )
        )
        if result.core:
            core_names = sorted(names.get(pid, "?") for pid in result.core)
            lines.append(TEXTS(lang, "core_names", names=join_names(core_names, lang)))
    lines.append(TEXTS(lang, "year", newcomers=len(result.newcomers), leavers=len(result.leavers)))
    if result.per_city:
        lines.append(TEXTS(lang, "per_city"))
        for city, (new, left) in result.per_city.items():
            label = city or TEXTS(lang, "no_city")
            lines.append(TEXTS(lang, "city_line", city=label, newcomers=new, leavers=left))
    lines.append("")
    if result.sessions < CORE_WINDOW:
        lines.append(TEXTS(lang, "too_early", window=CORE_WINDOW))
    else:
        lines.append(TEXTS(lang, "warning" if result.high_turnover else "steady"))
    return "\n".join(lines)


async def core(ctx: Context) -> Reply:
    result, names = await gather(ctx)
    year = ctx.now.astimezone(ctx.services.settings.tz).year
    return Reply(render(ctx.lang, result, names, year), context=ctx.t(TEXTS, "source"))


def register(registry: Registry) -> None:
    registry.command(
        "kern",
        core,
        name_en="core",
        aliases=("continuiteit", "pulse", "core"),
        help_nl="de pols van de CoP: vaste kern, nieuwkomers en vertrekkers per stad, verloop",
        help_en="the CoP's pulse: stable core, newcomers and leavers per city, turnover",
        organiser_only=True,
    )

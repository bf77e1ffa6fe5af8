"""Charts of the overview, made on the server as inline SVG (no library, no script): a
horizontal bar chart and columns over time, each with its numbers as a table beside it.

Every chart is an `<svg role="img">` named by its <title> and <desc>, inside a <figure> whose
<details> holds the same numbers as a table, so nothing depends on seeing the picture. All
text is escaped here (markupsafe); the result is Markup for the templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

# Drawing sizes in SVG units (the svg scales to the page's width).
WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 44
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
ROW = 30
BAR = 20
PLOT_HEIGHT = 200
AXIS = 44
LEGEND_ROW = 22
LABEL_CHARACTERS = 30
MAX_COLUMN = 96
COLUMN_LABEL_CHARACTERS = 12
# Text and fills with at least 4.5:1 (text) and 3:1 (shapes) against white.
INK = "#1d2430"
MUTED = "#4a5565"
LINE = "#d5dae1"
PALETTE = ("#0b5cad", "#b35900", "#1b6b35", "#6a3d9a", "#a4161a", "#00727a", "#4a5565")


@dataclass(frozen=True)
class Words:
    """What a chart says about itself: its title, a one-line description, the summary of the
    table with its numbers, and the table's column headers (label, then the values)."""

    title: str
    description: str
    numbers: str
    label_header: str
    value_header: str = ""


@dataclass(frozen=True)
class Series:
    """One series of a chart over time: its name and a value per column."""

    name: str
    values: tuple[int, ...]


def shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def bar_width(value: int, highest: int) -> float:
    """The bar's length: proportional to the value, the highest filling the bar area."""
    if value <= 0 or highest <= 0:
        return 0.0
    return round(BAR_AREA * value / highest, 2)


def _open_svg(chart_id: str, words: Words, height: int) -> Markup:
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-labelledby="{i}-title {i}-desc" '
        'font-family="system-ui, sans-serif" font-size="14">'
        '<title id="{i}-title">{title}</title><desc id="{i}-desc">{desc}</desc>'
    ).format(w=WIDTH, h=height, i=chart_id, title=words.title, desc=words.description)


def _figure(chart_id: str, words: Words, svg: Markup, table: Markup) -> Markup:
    return Markup(
        '<figure class="chart" id="{i}">{svg}<figcaption>{title}</figcaption>'
        '<details><summary>{numbers}</summary><div class="scroll">{table}</div></details>'
        "</figure>"
    ).format(i=chart_id, svg=svg, title=words.title, numbers=words.numbers, table=table)


def bar_chart(chart_id: str, words: Words, bars: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per (label, value), in the order given; the table lists them too."""
    highest = max((value for _, value in bars), default=0)
    height = max(1, len(bars)) * ROW + 8
    parts = [_open_svg(chart_id, words, height)]
    for n, (label, value) in enumerate(bars):
        y = 4 + n * ROW
        width = bar_width(value, highest)
        parts.append(
            Markup(
                '<g class="bar" data-label="{label}" data-value="{value}"><title>{label}: '
                "{value}</title>"
                '<text x="{tx}" y="{ty}" text-anchor="end" fill="{ink}">{short}</text>'
                '<rect x="{x}" y="{y}" width="{width}" height="{bar}" fill="{fill}"/>'
                '<text x="{vx}" y="{ty}" fill="{ink}">{value}</text></g>'
            ).format(
                label=label,
                value=value,
                short=shortened(label, LABEL_CHARACTERS),
                tx=LABEL_WIDTH - 8,
                ty=y + BAR - 5,
                x=LABEL_WIDTH,
                y=y,
                width=width,
                bar=BAR,
                fill=colour(0),
                vx=LABEL_WIDTH + width + 6,
                ink=INK,
            )
        )
    parts.append(
        Markup('<line x1="{x}" y1="0" x2="{x}" y2="{h}" stroke="{line}"/></svg>').format(
            x=LABEL_WIDTH, h=height, line=MUTED
        )
    )
    rows = [
        Markup('<tr><th scope="row">{}</th><td class="num">{}</td></tr>').format(label, value)
        for label, value in bars
    ]
    table = Markup(
        '<table><caption>{caption}</caption><thead><tr><th scope="col">{label}</th>'
        '<th scope="col" class="num">{value}</th></tr></thead><tbody>{rows}</tbody></table>'
    ).format(
        caption=words.title,
        label=words.label_header,
        value=words.value_header,
        rows=Markup("").join(rows),
    )
    return _figure(chart_id, words, Markup("").join(parts), table)


def column_chart(
    chart_id: str,
    words: Words,
    columns: Sequence[str],
    series: Sequence[Series],
    *,
    stacked: bool = True,
) -> Markup:
    """Columns over time: one place per column label (a meeting, a year), each series stacked
    on the others (or side by side), a legend under it; the table has a row per column label
    and a column per series."""
    if stacked:
        highest = max((sum(s.values[n] for s in series) for n in range(len(columns))), default=0)
    else:
        highest = max((v for s in series for v in s.values), default=0)
    plot_left, plot_width = 40, WIDTH - 48
    legend_top = 10 + PLOT_HEIGHT + AXIS
    height = legend_top + max(1, len(series)) * LEGEND_ROW + 4
    base = 10 + PLOT_HEIGHT
    parts = [_open_svg(chart_id, words, height)]
    parts.append(
        Markup(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{muted}"/>'
            '<text x="{tx}" y="{b}" text-anchor="end" fill="{ink}">0</text>'
            '<text x="{tx}" y="20" text-anchor="end" fill="{ink}">{top}</text>'
            '<line x1="{l}" y1="14" x2="{r}" y2="14" stroke="{line}"/>'
        ).format(
            l=plot_left,
            r=plot_left + plot_width,
            b=base,
            tx=plot_left - 6,
            top=highest or "",
            ink=INK,
            muted=MUTED,
            line=LINE,
        )
    )
    slot = plot_width / max(1, len(columns))
    every = max(1, round(len(columns) / 12))  # at most about a dozen labels under the axis
    for n, label in enumerate(columns):
        x0 = plot_left + n * slot
        parts.append(_columns_at(n, label, x0, slot, series, highest, base, stacked))
        if n % every == 0:
            parts.append(
                Markup(
                    '<text x="{x}" y="{y}" text-anchor="middle" fill="{ink}">{label}</text>'
                ).format(
                    x=round(x0 + slot / 2, 2),
                    y=base + 20,
                    label=shortened(label, COLUMN_LABEL_CHARACTERS),
                    ink=INK,
                )
            )
    for n, one in enumerate(series):
        y = legend_top + n * LEGEND_ROW
        parts.append(
            Markup(
                '<rect x="{x}" y="{y}" width="14" height="14" fill="{fill}"/>'
                '<text x="{tx}" y="{ty}" fill="{ink}">{name}</text>'
            ).format(
                x=plot_left,
                y=y,
                fill=colour(n),
                tx=plot_left + 20,
                ty=y + 12,
                name=one.name,
                ink=INK,
            )
        )
    parts.append(Markup("</svg>"))
    return _figure(chart_id, words, Markup("").join(parts), _series_table(words, columns, series))


def _columns_at(
    n: int,
    label: str,
    x0: float,
    slot: float,
    series: Sequence[Series],
    highest: int,
    base: int,
    stacked: bool,
) -> Markup:
    """The column (stacked) or columns (side by side) of one place on the axis."""
    parts = [Markup('<g class="column" data-label="{}">').format(label)]
    gap = max(min(8.0, slot / 5), slot - MAX_COLUMN)  # a lone column stays a column
    width = (slot - gap) if stacked else (slot - gap) / max(1, len(series))
    top = float(base)
    for s, one in enumerate(series):
        value = one.values[n]
        tall = round(PLOT_HEIGHT * value / highest, 2) if highest > 0 and value > 0 else 0.0
        x = x0 + gap / 2 + (0 if stacked else s * width)
        y = (top - tall) if stacked else (base - tall)
        if stacked:
            top -= tall
        parts.append(
            Markup(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" '
                'data-series="{name}" data-value="{value}"><title>{label}, {name}: {value}'
                "</title></rect>"
            ).format(
                x=round(x, 2),
                y=round(y, 2),
                w=round(width, 2),
                h=tall,
                fill=colour(s),
                name=one.name,
                value=value,
                label=label,
            )
        )
    parts.append(Markup("</g>"))
    return Markup("").join(parts)


def _series_table(words: Words, columns: Sequence[str], series: Sequence[Series]) -> Markup:
    head = Markup("").join(
        Markup('<th scope="col" class="num">{}</th>').format(one.name) for one in series
    )
    rows = []
    for n, label in enumerate(columns):
        cells = Markup("").join(
            Markup('<td class="num">{}</td>').format(one.values[n]) for one in series
        )
        rows.append(Markup('<tr><th scope="row">{}</th>{}</tr>').format(label, cells))
    return Markup(
        '<table><caption>{caption}</caption><thead><tr><th scope="col">{label}</th>{head}'
        "</tr></thead><tbody>{rows}</tbody></table>"
    ).format(caption=words.title, label=words.label_header, head=head, rows=Markup("").join(rows))


__all__ = ["Series", "Words", "bar_chart", "bar_width", "column_chart"]

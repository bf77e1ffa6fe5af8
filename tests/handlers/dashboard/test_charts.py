"""The overview's SVG charts: bars proportional to the values, zeros and single values drawn
sensibly, long labels shortened in the picture but whole in the table, everything escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from markupsafe import Markup

from handlers.dashboard.charts import BAR_AREA, Series, Words, bar_chart, column_chart

SVG = "{http://www.w3.org/2000/svg}"
WORDS = Words(
    title="Stemmen",
    description="Per voorstel",
    numbers="Cijfers",
    label_header="Onderwerp",
    value_header="Stemmen",
)


def svg_of(chart: Markup) -> ElementTree.Element:
    found = re.search(r"<svg.*</svg>", str(chart), re.S)
    assert found
    return ElementTree.fromstring(found.group(0))  # well-formed XML, or this raises


def bars(chart: Markup) -> list[tuple[str, int, float]]:
    """(label, value, drawn width) of every bar."""
    rows = []
    for group in svg_of(chart).iter(SVG + "g"):
        rect = group.find(SVG + "rect")
        assert rect is not None
        rows.append(
            (
                group.get("data-label", ""),
                int(group.get("data-value", "")),
                float(rect.get("width", "")),
            )
        )
    return rows


def test_bar_lengths_are_proportional_to_the_values() -> None:
    chart = bar_chart("c", WORDS, [("a", 4), ("b", 2), ("c", 1)])
    drawn = bars(chart)
    assert [(label, value) for label, value, _ in drawn] == [("a", 4), ("b", 2), ("c", 1)]
    widths = [width for _, _, width in drawn]
    assert widths[0] == BAR_AREA
    assert widths[1] == BAR_AREA / 2 and widths[2] == BAR_AREA / 4


def test_an_accessible_svg_with_its_numbers_in_a_table() -> None:
    chart = bar_chart("votes", WORDS, [("Wonen", 3)])
    svg = svg_of(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "votes-title votes-desc"
    assert svg.find(SVG + "title").text == "Stemmen"  # type: ignore[union-attr]
    assert svg.find(SVG + "desc").text == "Per voorstel"  # type: ignore[union-attr]
    text = str(chart)
    assert "<details><summary>Cijfers</summary>" in text
    assert '<th scope="row">Wonen</th><td class="num">3</td>' in text
    assert '<th scope="col">Onderwerp</th>' in text and "<caption>Stemmen</caption>" in text


def test_zero_values_draw_no_bar_but_keep_their_row() -> None:
    drawn = bars(bar_chart("c", WORDS, [("a", 2), ("b", 0)]))
    assert drawn == [("a", 2, BAR_AREA), ("b", 0, 0.0)]
    everything_zero = bars(bar_chart("c", WORDS, [("a", 0), ("b", 0)]))
    assert [width for _, _, width in everything_zero] == [0.0, 0.0]


def test_one_value_fills_the_bar_area_and_no_values_still_make_a_valid_chart() -> None:
    assert bars(bar_chart("c", WORDS, [("alleen", 7)])) == [("alleen", 7, BAR_AREA)]
    empty = bar_chart("c", WORDS, [])
    assert bars(empty) == [] and "<tbody></tbody>" in str(empty)


def test_long_labels_are_shortened_in_the_picture_and_whole_in_the_table() -> None:
    long = "Bewoners het stuur geven in de wijkaanpak van Zuilen en Overvecht"
    chart = bar_chart("c", WORDS, [(long, 1)])
    texts = [t.text or "" for t in svg_of(chart).iter(SVG + "text")]
    assert texts[0].endswith("…") and len(texts[0]) <= 30
    assert f'<th scope="row">{long}</th>' in str(chart)
    assert bars(chart)[0][0] == long  # the bar's own title and data keep the whole label


def test_labels_and_words_are_escaped() -> None:
    hostile = '<script>alert("x")</script>'
    chart = bar_chart("c", Words(hostile, hostile, hostile, hostile, hostile), [(hostile, 1)])
    columns = column_chart("d", WORDS, [hostile], [Series(hostile, (1,))])
    for made in (chart, columns):
        assert isinstance(made, Markup)
        assert "<script>" not in str(made)
        assert "&lt;script&gt;" in str(made)
        svg_of(made)  # still well-formed


def test_stacked_columns_are_proportional_and_tabled_per_series() -> None:
    chart = column_chart(
        "a", WORDS, ["1", "2"], [Series("kern", (3, 1)), Series("anderen", (1, 0))]
    )
    rects = [r for r in svg_of(chart).iter(SVG + "rect") if r.get("data-series")]
    heights = {
        (r.get("data-series"), r.get("data-value")): float(r.get("height", "")) for r in rects
    }
    # The highest stack (3 + 1) fills the plot; the others in proportion.
    assert heights[("kern", "3")] == 3 * heights[("anderen", "1")]
    assert heights[("kern", "1")] == heights[("anderen", "1")]
    assert heights[("anderen", "0")] == 0.0
    text = str(chart)
    assert '<th scope="col" class="num">kern</th><th scope="col" class="num">anderen</th>' in text
    assert '<th scope="row">1</th><td class="num">3</td><td class="num">1</td>' in text


def test_columns_side_by_side_and_without_any_value() -> None:
    chart = column_chart(
        "y", WORDS, ["2026"], [Series("a", (2,)), Series("b", (1,))], stacked=False
    )
    rects = {
        r.get("data-series"): r for r in svg_of(chart).iter(SVG + "rect") if r.get("data-series")
    }
    assert float(rects["a"].get("height", "")) == 2 * float(rects["b"].get("height", ""))
    assert rects["a"].get("x") != rects["b"].get("x")
    empty = column_chart("z", WORDS, ["1"], [Series("a", (0,))])
    assert all(
        float(r.get("height", "")) == 0.0
        for r in svg_of(empty).iter(SVG + "rect")
        if r.get("data-series")
    )

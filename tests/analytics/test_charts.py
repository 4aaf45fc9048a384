"""The chart renderer: valid SVG with no style or script, text escaped, a summary and a table."""

import xml.etree.ElementTree as ET

from lms.analytics.charts import (
    PALETTE,
    bar_chart,
    column_chart,
    line_chart,
    number,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 - the renderer's own output


def test_bar_chart_is_accessible_svg_with_a_summary_and_its_figures_as_rows():
    chart = bar_chart(
        chart_id="t", title="Learners <per> lesson", labels=["A & B", "C"], values=[3, 1]
    )
    root = parse(chart)  # well-formed: the label's "&" and "<" are escaped
    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 360 ")
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.find(f"{SVG}title").text == "Learners <per> lesson"
    assert "highest: A & B (3)" in chart.summary
    assert chart.rows == [["A & B", "3"], ["C", "1"]]
    assert "style=" not in str(chart.svg) and "<script" not in str(chart.svg)


def test_stacked_series_differ_by_pattern_as_well_as_colour_and_totals_are_written():
    chart = stacked_bar_chart(
        chart_id="s",
        title="Expiring",
        labels=["CPR"],
        series=[("30 days", [2]), ("60 days", [1]), ("90 days", [4])],
    )
    patterns = parse(chart).findall(f"{SVG}defs/{SVG}pattern")
    assert [p.get("id") for p in patterns] == ["s-p0", "s-p1", "s-p2"]
    textures = [len(list(p)) for p in patterns]
    assert textures == [1, 2, 2]  # the first plain, the others with a texture over the colour
    assert patterns[1].find(f"{SVG}rect").get("fill") == PALETTE[1]
    texts = [t.text for t in parse(chart).iter(f"{SVG}text")]
    assert "7" in texts  # the row's total, on the chart
    assert chart.columns == ["", "30 days", "60 days", "90 days", "Total"]
    assert chart.rows == [["CPR", "2", "1", "4", "7"]]


def test_line_chart_has_a_marker_shape_per_series_and_labels_the_last_values():
    chart = line_chart(
        chart_id="l",
        title="Enrolment",
        labels=["Jan", "Feb", "Mar"],
        series=[("Enrolled", [1, 3, 5]), ("Completed", [0, 1, 2])],
    )
    svg = str(chart.svg)
    assert svg.count("<polyline") == 2
    assert 'stroke-dasharray="6 3"' in svg  # the second line is dashed
    assert "<circle" in svg and "<rect" in svg  # circles for one series, squares for the other
    assert chart.summary == "Enrolled: 5 at Mar; Completed: 2 at Mar."


def test_empty_charts_say_so():
    chart = column_chart(chart_id="e", title="Nothing", labels=[], series=[("x", [])])
    assert chart.summary == "No data yet."
    parse(chart)
    assert "No data yet" in str(bar_chart(chart_id="b", title="", labels=[], values=[]).svg)


def test_numbers_read_plainly():
    assert number(1234) == "1,234"
    assert number(2.5) == "2.5"
    assert number(None) == "-"

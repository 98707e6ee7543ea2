"""The dashboard's SVG charts: well-formed XML, one mark per value, accessible names, escaped text, a table."""

import xml.etree.ElementTree as ET

import pytest

from parley.apps.moderation import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def marks(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [el for el in root.iter(SVG + tag) if cls in (el.get("class") or "").split()]


def test_stacked_bars_one_group_per_category_and_one_segment_per_nonzero_value():
    chart = charts.stacked_bar_chart(
        "c1", "Comments by status", "Three days of comments.", ["2026-03-01", "2026-03-02", "2026-03-03"],
        [charts.Series("Published", [4, 0, 2]), charts.Series("Declined", [1, None, 3])],
        labels=["1 Mar", "2 Mar", "3 Mar"], category_header="Day")
    root = parse(chart)
    assert root.tag == SVG + "svg" and root.get("role") == "img"
    bars = marks(root, "g", "bar")
    assert [b.get("data-category") for b in bars] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    segments = marks(root, "rect", "segment")
    assert len(segments) == 4  # the zero and the missing value draw nothing
    assert [s.find(SVG + "title").text for s in segments][:2] == ["1 Mar, Published: 4", "1 Mar, Declined: 1"]
    # 1 and 3 March both total 5, so their stacks are equally tall; 2 March draws nothing.
    heights = [sum(float(r.get("height")) for r in marks(bar, "rect", "segment")) for bar in bars]
    assert heights[1] == 0 and heights[0] == pytest.approx(heights[2])
    assert chart.columns == ["Day", "Published", "Declined", "Total"]
    assert chart.rows == [["1 Mar", "4", "1", "5"], ["2 Mar", "0", "0", "0"], ["3 Mar", "2", "3", "5"]]


def test_the_accessible_name_and_description_are_the_title_and_desc():
    chart = charts.stacked_bar_chart("ch-a", "A title", "A longer description.", ["a"], [charts.Series("s", [1])])
    root = parse(chart)
    title, desc = root.find(SVG + "title"), root.find(SVG + "desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")] == ["ch-a-title", "ch-a-desc"]
    assert (title.text, desc.text) == ("A title", "A longer description.")
    assert chart.__html__() == chart.svg  # rendered as markup, not escaped, in a template


def test_text_is_escaped_and_no_script_can_get_in():
    hostile = '<script>alert("x")</script> & "quotes"'
    chart = charts.stacked_bar_chart("c-x", hostile, hostile, [hostile], [charts.Series(hostile, [2])],
                                     labels=[hostile])
    root = parse(chart)
    assert not list(root.iter(SVG + "script"))
    assert root.find(SVG + "title").text == hostile
    assert marks(root, "g", "bar")[0].get("data-category") == hostile


def test_line_chart_has_a_point_per_known_value_and_breaks_at_gaps():
    chart = charts.line_chart("c2", "Median hours", "Hours.", ["d1", "d2", "d3", "d4", "d5"],
                              [charts.Series("Automatic", [0.5, 1.25, None, 2, 3]),
                               charts.Series("Moderators", [None, None, None, None, None])])
    root = parse(chart)
    series = marks(root, "g", "series")
    assert [s.get("data-series") for s in series] == ["Automatic", "Moderators"]
    assert len(marks(series[0], "circle", "point")) == 4
    assert marks(series[1], "circle", "point") == [] and marks(series[1], "path", "line") == []
    [line] = marks(series[0], "path", "line")
    assert line.get("d").count("M") == 2  # the gap starts a new stroke
    assert chart.rows[2] == ["d3", "–", "–"] and chart.rows[1] == ["d2", "1.25", "–"]
    points = marks(series[0], "circle", "point")
    assert float(points[3].get("cy")) < float(points[0].get("cy"))  # higher values are drawn higher


def test_donut_slices_and_shares():
    chart = charts.donut_chart("c3", "Who decided", "Decisions.", [("Automatically", 3), ("By moderators", 1)])
    root = parse(chart)
    slices = marks(root, "circle", "slice")
    assert len(slices) == 2
    assert slices[0].find(SVG + "title").text == "Automatically: 3 (75 %)"
    assert chart.rows == [["Automatically", "3", "75 %"], ["By moderators", "1", "25 %"]]
    only = parse(charts.donut_chart("c4", "All", "One.", [("Automatically", 5), ("By moderators", 0)]))
    assert len(marks(only, "circle", "slice")) == 1


@pytest.mark.parametrize("make", [
    lambda: charts.stacked_bar_chart("e1", "Empty", "None.", ["a", "b"], [charts.Series("s", [0, 0])]),
    lambda: charts.line_chart("e2", "Empty", "None.", ["a", "b"], [charts.Series("s", [None, None])]),
    lambda: charts.donut_chart("e3", "Empty", "None.", [("x", 0), ("y", 0)]),
    lambda: charts.stacked_bar_chart("e4", "No days", "None.", [], []),
])
def test_empty_charts_say_so_and_stay_well_formed(make):
    root = parse(make())
    assert [t.text for t in marks(root, "text", "chart-empty")]


def test_many_categories_get_fewer_axis_labels_than_bars():
    days = [f"2026-01-{d:02d}" for d in range(1, 32)] + [f"2026-02-{d:02d}" for d in range(1, 29)]
    chart = charts.stacked_bar_chart("c5", "Two months", "Daily.", days, [charts.Series("s", [1] * len(days))])
    root = parse(chart)
    assert len(marks(root, "g", "bar")) == len(days)
    x_axis = next(g for g in root.iter(SVG + "g") if "axis-x" in (g.get("class") or ""))
    assert 2 <= len(list(x_axis.iter(SVG + "text"))) < len(days)


def test_mismatched_series_are_a_programming_error():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        charts.line_chart("c6", "t", "d", ["a", "b", "c"], [charts.Series("s", [1, 2])])


@pytest.mark.parametrize(("top", "integer", "expected"), [
    (3, True, [0, 1, 2, 3]),
    (7, True, [0, 2, 4, 6, 8]),
    (1000, True, [0, 200, 400, 600, 800, 1000]),
    (100, False, [0, 20, 40, 60, 80, 100]),
    (0.37, False, [0, 0.1, 0.2, 0.3, 0.4]),
    (0, True, [0, 1]),
])
def test_nice_ticks(top, integer, expected):
    assert charts.nice_ticks(top, integer=integer) == expected

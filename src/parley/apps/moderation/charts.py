"""Small server-side SVG charts for the moderation dashboard: stacked bars, lines and a donut.

Each function returns a ``Chart``: the SVG markup (``role="img"`` with a ``<title>`` and ``<desc>`` for assistive
technology, and a ``<title>`` tooltip on every bar segment, point and slice) and the same numbers as a table
(``columns`` and ``rows``) for the page to print below the chart. A ``Chart`` renders as its SVG in a Django template
(it is a ``SafeString`` there); everything put into the SVG is escaped here.

The SVG is plain XML without scripts or external references, so it also works in a saved page or a PDF. Marks carry
classes that tests and styles can rely on: ``g.bar`` per category (``rect.segment`` per non-zero value),
``g.series`` per line (``path.line`` and ``circle.point`` per value), ``circle.slice`` per donut slice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000", "#999999",
           "#F0E442", "#6A3D9A", "#B2DF8A")

WIDTH, HEIGHT = 640, 320
FONT = 13
CHAR_WIDTH = 7.2  # rough width of a character at FONT px, for laying out labels and legends

Number = float | int
Formatter = Callable[[Number], str]


def format_count(value: Number) -> str:
    return f"{round(value):,}"


def format_number(value: Number) -> str:
    """A number with at most two decimals and no trailing zeros: 3, 2.5, 0.33."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_percent(value: Number) -> str:
    return f"{format_number(value)} %"


@dataclass(frozen=True)
class Series:
    """One named series of values, one per category; ``None`` is a gap (no data), not a zero."""

    name: str
    values: Sequence[Number | None]
    color: str = ""


@dataclass(frozen=True)
class Chart:
    kind: str
    chart_id: str
    title: str
    description: str
    svg: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def __html__(self) -> str:
        return SafeString(self.svg)

    def __str__(self) -> str:  # Django templates call str() before escaping: the markup is already escaped here
        return SafeString(self.svg)


def nice_ticks(top: float, *, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``top``: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not top or top <= 0 or not math.isfinite(top):
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in steps if m * magnitude >= raw - 1e-12)
    if integer:
        step = max(1, round(step))
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _colors(series: Sequence[Series]) -> list[str]:
    return [s.color or PALETTE[i % len(PALETTE)] for i, s in enumerate(series)]


def _attr(value) -> str:
    return quoteattr(str(value))


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _open_svg(kind: str, chart_id: str, title: str, description: str, height: int = HEIGHT) -> list[str]:
    labelled_by = _attr(f"{chart_id}-title {chart_id}-desc")
    return [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class={_attr("chart chart-" + kind)} id={_attr(chart_id)} '
         f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby={labelled_by} font-size="{FONT}" '
         'preserveAspectRatio="xMidYMid meet">'),
        f"<title id={_attr(chart_id + '-title')}>{escape(title)}</title>",
        f"<desc id={_attr(chart_id + '-desc')}>{escape(description)}</desc>",
        (f'<text class="chart-title" x="8" y="20" font-size="{FONT + 3}" font-weight="600" aria-hidden="true">'
         f"{escape(title)}</text>"),
    ]


def _legend(names: Sequence[str], colors: Sequence[str], *, top: int, width: int = WIDTH,
            marker: str = "square") -> tuple[list[str], int]:
    """The legend as rows of swatches and names from ``top``; returns its parts and the y below it."""
    parts = ['<g class="legend" aria-hidden="true">']
    x, y = 8.0, float(top)
    for name, color in zip(names, colors, strict=True):
        item = 18 + len(name) * CHAR_WIDTH + 14
        if x + item > width - 8 and x > 8:
            x, y = 8.0, y + 18
        if marker == "line":
            parts.append(f'<line x1="{_num(x)}" y1="{_num(y + 6)}" x2="{_num(x + 12)}" y2="{_num(y + 6)}" '
                         f'stroke={_attr(color)} stroke-width="3"/>')
        else:
            parts.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="12" height="12" fill={_attr(color)}/>')
        parts.append(f'<text x="{_num(x + 17)}" y="{_num(y + 10)}">{escape(name)}</text>')
        x += item
    parts.append("</g>")
    return parts, int(y + 24)


def _no_data(parts: list[str], message: str, top: float, bottom: float) -> None:
    parts.append(f'<text class="chart-empty" x="{WIDTH / 2}" y="{_num((top + bottom) / 2)}" text-anchor="middle" '
                 f'fill="#555">{escape(message)}</text>')


def _axes(parts: list[str], *, left: float, right: float, top: float, bottom: float, ticks: list[float],
          fmt: Formatter, y_label: str, categories_shown: list[tuple[float, str]]) -> None:
    """Horizontal grid lines with y tick labels, the x axis with the category labels shown, the y axis title."""
    top_value = ticks[-1] or 1
    parts.append('<g class="axis axis-y" aria-hidden="true">')
    for tick in ticks:
        y = bottom - (bottom - top) * tick / top_value
        parts.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(right)}" y2="{_num(y)}" stroke="#ddd"/>')
        parts.append(f'<text x="{_num(left - 6)}" y="{_num(y + 4)}" text-anchor="end">{escape(fmt(tick))}</text>')
    if y_label:
        cy = (top + bottom) / 2
        parts.append(f'<text class="axis-title" x="14" y="{_num(cy)}" text-anchor="middle" '
                     f'transform="rotate(-90 14 {_num(cy)})">{escape(y_label)}</text>')
    parts.append("</g>")
    parts.append('<g class="axis axis-x" aria-hidden="true">')
    parts.append(f'<line x1="{_num(left)}" y1="{_num(bottom)}" x2="{_num(right)}" y2="{_num(bottom)}" stroke="#333"/>')
    for x, label in categories_shown:
        parts.append(f'<line x1="{_num(x)}" y1="{_num(bottom)}" x2="{_num(x)}" y2="{_num(bottom + 4)}" stroke="#333"/>')
        parts.append(f'<text x="{_num(x)}" y="{_num(bottom + 17)}" text-anchor="middle">{escape(label)}</text>')
    parts.append("</g>")


def _label_every(n: int, plot_width: float, labels: Sequence[str]) -> int:
    widest = max((len(label) for label in labels), default=1) * CHAR_WIDTH + 10
    fit = max(1, int(plot_width // widest))
    return max(1, math.ceil(n / fit))


def _check(categories: Sequence[str], series: Sequence[Series], labels: Sequence[str] | None) -> list[str]:
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(categories)} categories")
    if labels is not None and len(labels) != len(categories):
        raise ValueError("one label per category is needed")
    return list(labels) if labels is not None else [str(c) for c in categories]


def stacked_bar_chart(chart_id: str, title: str, description: str, categories: Sequence[str],
                      series: Sequence[Series], *, labels: Sequence[str] | None = None, y_label: str = "",
                      category_header: str = "", fmt: Formatter = format_count,
                      empty_message: str = "Nothing in this period.") -> Chart:
    """One bar per category, its segments stacked in series order; the table has a total column."""
    labels = _check(categories, series, labels)
    colors = _colors(series)
    parts = _open_svg("bar", chart_id, title, description)
    legend, top = _legend([s.name for s in series], colors, top=32)
    parts += legend
    left, right, bottom = 64.0, WIDTH - 12.0, HEIGHT - 30.0
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0), integer=fmt is format_count)
    shown = []
    n = len(categories)
    band = (right - left) / n if n else 0
    every = _label_every(n, right - left, labels) if n else 1
    for i, label in enumerate(labels):
        if i % every == 0:
            shown.append((left + band * (i + 0.5), label))
    _axes(parts, left=left, right=right, top=top, bottom=bottom, ticks=ticks, fmt=fmt, y_label=y_label,
          categories_shown=shown)
    if not any(totals):
        _no_data(parts, empty_message, top, bottom)
    scale = (bottom - top) / (ticks[-1] or 1)
    bar_width = max(band * 0.72, 1.0)
    parts.append('<g class="marks">')
    for i, category in enumerate(categories):
        x = left + band * i + (band - bar_width) / 2
        parts.append(f'<g class="bar" data-category={_attr(category)}>')
        parts.append(f"<title>{escape(labels[i])}: {escape(fmt(totals[i]))} in all</title>")
        y = bottom
        for s, color in zip(series, colors, strict=True):
            value = s.values[i] or 0
            if value <= 0:
                continue
            h = value * scale
            y -= h
            parts.append(f'<rect class="segment" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_width)}" '
                         f'height="{_num(h)}" fill={_attr(color)}><title>{escape(labels[i])}, {escape(s.name)}: '
                         f"{escape(fmt(value))}</title></rect>")
        parts.append("</g>")
    parts.append("</g></svg>")
    columns = [category_header or "Period", *[s.name for s in series], "Total"]
    rows = [[labels[i], *[fmt(s.values[i] or 0) for s in series], fmt(totals[i])] for i in range(n)]
    return Chart("bar", chart_id, title, description, "".join(parts), columns, rows)


def line_chart(chart_id: str, title: str, description: str, categories: Sequence[str], series: Sequence[Series],
               *, labels: Sequence[str] | None = None, y_label: str = "", category_header: str = "",
               fmt: Formatter = format_number, y_max: float | None = None,
               empty_message: str = "No data in this period.") -> Chart:
    """One line per series with a point per known value; ``None`` values break the line."""
    labels = _check(categories, series, labels)
    colors = _colors(series)
    parts = _open_svg("line", chart_id, title, description)
    legend, top = _legend([s.name for s in series], colors, top=32, marker="line")
    parts += legend
    left, right, bottom = 64.0, WIDTH - 16.0, HEIGHT - 30.0
    known = [v for s in series for v in s.values if v is not None]
    ticks = nice_ticks(y_max if y_max is not None else max(known, default=0), integer=fmt is format_count)
    n = len(categories)
    step = (right - left) / (n - 1) if n > 1 else 0

    def x_of(i: int) -> float:
        return left + step * i if n > 1 else (left + right) / 2

    every = _label_every(n, right - left, labels) if n else 1
    shown = [(x_of(i), label) for i, label in enumerate(labels) if i % every == 0]
    _axes(parts, left=left, right=right, top=top, bottom=bottom, ticks=ticks, fmt=fmt, y_label=y_label,
          categories_shown=shown)
    if not known:
        _no_data(parts, empty_message, top, bottom)
    scale = (bottom - top) / (ticks[-1] or 1)
    parts.append('<g class="marks">')
    for s, color in zip(series, colors, strict=True):
        parts.append(f'<g class="series" data-series={_attr(s.name)}>')
        path, pen_down = [], False
        for i, value in enumerate(s.values):
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{_num(x_of(i))} {_num(bottom - value * scale)}")
            pen_down = True
        if path:
            parts.append(f'<path class="line" d={_attr(" ".join(path))} fill="none" stroke={_attr(color)} '
                         'stroke-width="2" stroke-linejoin="round"/>')
        for i, value in enumerate(s.values):
            if value is None:
                continue
            parts.append(f'<circle class="point" cx="{_num(x_of(i))}" cy="{_num(bottom - value * scale)}" r="3.5" '
                         f'fill={_attr(color)}><title>{escape(labels[i])}, {escape(s.name)}: {escape(fmt(value))}'
                         "</title></circle>")
        parts.append("</g>")
    parts.append("</g></svg>")
    columns = [category_header or "Period", *[s.name for s in series]]
    rows = [[labels[i], *["–" if s.values[i] is None else fmt(s.values[i]) for s in series]] for i in range(n)]
    return Chart("line", chart_id, title, description, "".join(parts), columns, rows)


def donut_chart(chart_id: str, title: str, description: str, slices: Sequence[tuple[str, Number]], *,
                colors: Sequence[str] | None = None, fmt: Formatter = format_count, center_label: str = "in all",
                empty_message: str = "Nothing in this period.") -> Chart:
    """A ring whose slices are the shares of ``slices`` (name, value); the table gives counts and shares."""
    height = 240
    colors = list(colors) if colors else [PALETTE[i % len(PALETTE)] for i in range(len(slices))]
    parts = _open_svg("donut", chart_id, title, description, height=height)
    total = sum(max(v, 0) for _, v in slices)
    cx, cy, radius, ring = 130.0, 132.0, 80.0, 30.0
    circumference = 2 * math.pi * radius
    parts.append(f'<circle class="ring" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(radius)}" fill="none" '
                 f'stroke="#eee" stroke-width="{_num(ring)}"/>')
    offset = 0.0
    parts.append('<g class="marks">')
    for (name, value), color in zip(slices, colors, strict=False):
        if value <= 0 or not total:
            continue
        share = value / total
        length = circumference * share
        # Start at 12 o'clock and go clockwise: rotate the circle's 3 o'clock start by -90 degrees.
        parts.append(
            f'<circle class="slice" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(radius)}" fill="none" '
            f'stroke={_attr(color)} stroke-width="{_num(ring)}" '
            f'stroke-dasharray="{_num(length)} {_num(circumference - length)}" stroke-dashoffset="{_num(-offset)}" '
            f'transform="rotate(-90 {_num(cx)} {_num(cy)})"><title>{escape(name)}: {escape(fmt(value))} '
            f"({escape(format_percent(share * 100))})</title></circle>")
        offset += length
    parts.append("</g>")
    if total:
        parts.append(f'<text class="donut-total" x="{_num(cx)}" y="{_num(cy + 2)}" text-anchor="middle" '
                     f'font-size="{FONT + 10}" font-weight="600" aria-hidden="true">{escape(fmt(total))}</text>')
        parts.append(f'<text x="{_num(cx)}" y="{_num(cy + 20)}" text-anchor="middle" aria-hidden="true">'
                     f"{escape(center_label)}</text>")
    else:
        parts.append(f'<text class="chart-empty" x="{_num(cx)}" y="{_num(cy + 4)}" text-anchor="middle" '
                     f'fill="#555">{escape(empty_message)}</text>')
    parts.append('<g class="legend" aria-hidden="true">')
    for i, ((name, value), color) in enumerate(zip(slices, colors, strict=False)):
        y = 70 + i * 26
        share = f" ({format_percent(value / total * 100)})" if total else ""
        parts.append(f'<rect x="260" y="{y}" width="14" height="14" fill={_attr(color)}/>')
        parts.append(f'<text x="282" y="{y + 12}">{escape(name)}: {escape(fmt(value))}{escape(share)}</text>')
    parts.append("</g></svg>")
    columns = ["", "Number", "Share"]
    rows = [[name, fmt(value), format_percent(value / total * 100) if total else "–"] for name, value in slices]
    return Chart("donut", chart_id, title, description, "".join(parts), columns, rows)

"""Charts as server-rendered SVG: bar, stacked bar and line (decision 0008).

Each chart is a `Chart`: the SVG, a one-sentence text summary, and its data as rows for a
table, so a screen-reader user and someone copying figures get the same facts as the picture.
The SVG uses presentation attributes only (the site's CSP allows no inline style or script),
a `viewBox` about a phone's width so its text stays readable at 360 px and scales up on wider
screens, the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies)
and, for the series of a stacked bar or a line, a pattern or a marker shape as well as a
colour, plus direct value labels, so a greyscale print still tells the series apart.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, orange,
# reddish purple, sky blue, yellow, black. Yellow is last: it is the weakest on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
WIDTH = 360  # viewBox units: one unit is about one CSS pixel on a phone
FONT = 12
MARKERS = ["circle", "square", "triangle", "diamond"]


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]]
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def number(value) -> str:
    """1234 → "1,234"; 2.50 → "2.5"; None → "-"."""
    if value is None:
        return "-"
    if isinstance(value, float | Decimal) and value != int(value):
        return f"{float(value):,.1f}"
    return f"{int(value):,}"


def _text(x, y, content, *, anchor="start", size=FONT, fill=INK, weight=None) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{bold}>{escape(content)}</text>'
    )


def _patterns(chart_id: str, count: int) -> str:
    """A fill per series: its colour, and from the second series on a texture in white
    (stripes, dots, cross-hatch …) so the series differ without colour too."""
    textures = [
        "",
        '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.5"/>',
        '<circle cx="3" cy="3" r="1.2" fill="#fff"/>',
        '<path d="M0,3 H6 M3,0 V6" stroke="#fff" stroke-width="1"/>',
        '<path d="M0,0 L6,6" stroke="#fff" stroke-width="1.5"/>',
        '<path d="M0,1.5 H6 M0,4.5 H6" stroke="#fff" stroke-width="1"/>',
        '<path d="M1.5,0 V6 M4.5,0 V6" stroke="#000" stroke-width="1"/>',
        '<circle cx="3" cy="3" r="1.2" fill="#fff"/>',
    ]
    parts = []
    for index in range(count):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<pattern id="{chart_id}-p{index}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{colour}"/>'
            f"{textures[index % len(textures)]}</pattern>"
        )
    return "<defs>" + "".join(parts) + "</defs>"


def _fill(chart_id: str, index: int) -> str:
    return f"url(#{chart_id}-p{index})"


def _svg(chart_id: str, title: str, summary: str, height: float, body: str) -> SafeString:
    # Every text piece above went through escape(); chart ids and numbers come from code.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>{body}</svg>'
    )


def _legend(chart_id: str, names: list[str], top: float, *, markers: bool = False):
    """Legend rows under the chart (two per row), swatch or marker then name."""
    parts, column_width, row_height = [], WIDTH / 2, 18
    for index, name in enumerate(names):
        x = 4 + (index % 2) * column_width
        y = top + (index // 2) * row_height
        if markers:
            parts.append(_marker(index, x + 7, y + 6))
            parts.append(
                f'<line x1="{x}" y1="{y + 6}" x2="{x + 14}" y2="{y + 6}" '
                f'stroke="{PALETTE[index % len(PALETTE)]}" stroke-width="2"/>'
            )
        else:
            parts.append(
                f'<rect x="{x}" y="{y}" width="12" height="12" fill="{_fill(chart_id, index)}" '
                f'stroke="{INK}" stroke-width=".5"/>'
            )
        parts.append(_text(x + 18, y + 10, _clip(name, 24), size=11))
    rows = (len(names) + 1) // 2
    return "".join(parts), rows * row_height


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _scale_max(values) -> float:
    top = max([float(v or 0) for v in values] + [0])
    return top or 1.0


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    values: list,
    unit: str = "",
    summary: str = "",
    value_name: str = "",
) -> Chart:
    """Horizontal bars, one per label (its name above the bar, its value at the bar's end):
    long labels such as lesson titles stay readable on a phone."""
    return stacked_bar_chart(
        chart_id=chart_id,
        title=title,
        labels=labels,
        series=[(value_name or unit or "Value", values)],
        summary=summary,
        unit=unit,
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list]],
    summary: str = "",
    unit: str = "",
) -> Chart:
    """Horizontal stacked bars: one row per label, one segment per series, the row's total at
    its end. A single series is a plain bar chart (no legend)."""
    totals = [sum(float(values[i] or 0) for _, values in series) for i in range(len(labels))]
    top = _scale_max(totals)
    label_height, bar_height, gap = 15, 16, 8
    plot_left, plot_width = 4, WIDTH - 60
    parts, y = [_patterns(chart_id, len(series))], 4.0
    for row, label in enumerate(labels):
        parts.append(_text(plot_left, y + 11, _clip(label, 56), size=FONT))
        y += label_height
        x = float(plot_left)
        for index, (name, values) in enumerate(series):
            value = float(values[row] or 0)
            width = plot_width * value / top
            if width > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{bar_height}" '
                    f'fill="{_fill(chart_id, index)}" stroke="{INK}" stroke-width=".5">'
                    f"<title>{escape(label)}, {escape(name)}: {number(values[row])}</title></rect>"
                )
            x += width
        parts.append(_text(x + 4, y + 12, number(totals[row]) + (f" {unit}" if unit else "")))
        y += bar_height + gap
    if len(series) > 1:
        legend, legend_height = _legend(chart_id, [name for name, _ in series], y + 4)
        parts.append(legend)
        y += legend_height + 8
    if not labels:
        parts.append(_text(WIDTH / 2, 24, "No data yet", anchor="middle", fill=MUTED))
        y = 36
    summary = summary or _default_summary(labels, totals, unit)
    columns = ["", *(name for name, _ in series)] + (["Total"] if len(series) > 1 else [])
    rows = [
        [label, *(number(values[i]) for _, values in series)]
        + ([number(totals[i])] if len(series) > 1 else [])
        for i, label in enumerate(labels)
    ]
    return Chart(
        chart_id, title, summary, _svg(chart_id, title, summary, y, "".join(parts)), columns, rows
    )


def column_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list]],
    summary: str = "",
    unit: str = "",
) -> Chart:
    """Vertical stacked columns over time (months, quarters), the total above each column."""
    totals = [sum(float(values[i] or 0) for _, values in series) for i in range(len(labels))]
    top = _scale_max(totals)
    left, right, plot_top, plot_height = 30, 6, 16, 150
    slot = (WIDTH - left - right) / max(len(labels), 1)
    bar = min(slot * 0.7, 40)
    parts = [_patterns(chart_id, len(series)), _axis(left, plot_top, plot_height, top)]
    base = plot_top + plot_height
    for column, label in enumerate(labels):
        x = left + column * slot + (slot - bar) / 2
        y = float(base)
        for index, (name, values) in enumerate(series):
            value = float(values[column] or 0)
            height = plot_height * value / top
            if height > 0:
                y -= height
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                    f'fill="{_fill(chart_id, index)}" stroke="{INK}" stroke-width=".5">'
                    f"<title>{escape(label)}, {escape(name)}: {number(values[column])}</title>"
                    "</rect>"
                )
        if totals[column]:
            parts.append(
                _text(x + bar / 2, y - 3, number(totals[column]), anchor="middle", size=10)
            )
        if len(labels) <= 8 or column % 2 == 0:
            parts.append(_text(x + bar / 2, base + 13, label, anchor="middle", size=10))
    y = base + 22
    if len(series) > 1:
        legend, legend_height = _legend(chart_id, [name for name, _ in series], y)
        parts.append(legend)
        y += legend_height + 4
    summary = summary or _default_summary(labels, totals, unit)
    columns = ["", *(name for name, _ in series)] + (["Total"] if len(series) > 1 else [])
    rows = [
        [label, *(number(values[i]) for _, values in series)]
        + ([number(totals[i])] if len(series) > 1 else [])
        for i, label in enumerate(labels)
    ]
    return Chart(
        chart_id, title, summary, _svg(chart_id, title, summary, y, "".join(parts)), columns, rows
    )


def _axis(left, top, height, maximum) -> str:
    """Three horizontal grid lines with their values (0, half, top)."""
    parts = []
    for fraction in (0, 0.5, 1):
        y = top + height * (1 - fraction)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 4}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        value = maximum * fraction
        parts.append(
            _text(left - 3, y + 4, number(round(value, 1)), anchor="end", size=10, fill=MUTED)
        )
    return "".join(parts)


def _marker(index: int, x: float, y: float) -> str:
    colour, shape = PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<path d="M{x:.1f},{y - 4.5:.1f} L{x + 4:.1f},{y + 3:.1f} '
            f'L{x - 4:.1f},{y + 3:.1f} Z" fill="{colour}"/>'
        )
    return (
        f'<path d="M{x:.1f},{y - 4.5:.1f} L{x + 4.5:.1f},{y:.1f} L{x:.1f},{y + 4.5:.1f} '
        f'L{x - 4.5:.1f},{y:.1f} Z" fill="{colour}"/>'
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    series: list[tuple[str, list]],
    summary: str = "",
    unit: str = "",
) -> Chart:
    """Lines over time, each with its own dash and marker shape and its last value labelled."""
    top = _scale_max([v for _, values in series for v in values])
    left, right, plot_top, plot_height = 30, 34, 12, 150
    step = (WIDTH - left - right) / max(len(labels) - 1, 1)
    dashes = ["", "6 3", "2 2", "8 3 2 3"]
    parts = [_axis(left, plot_top, plot_height, top)]
    base = plot_top + plot_height
    for index, (_name, values) in enumerate(series):
        points = [
            (left + i * step, base - plot_height * float(v or 0) / top)
            for i, v in enumerate(values)
        ]
        if not points:
            continue
        dash = dashes[index % len(dashes)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{PALETTE[index % len(PALETTE)]}" '
            f'stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
        )
        parts += [_marker(index, x, y) for x, y in points]
        last_x, last_y = points[-1]
        parts.append(_text(last_x + 6, last_y + 4, number(values[-1]), size=10))
    for i, label in enumerate(labels):
        if len(labels) <= 8 or i % 2 == 0:
            parts.append(_text(left + i * step, base + 13, label, anchor="middle", size=10))
    y = base + 22
    legend, legend_height = _legend(chart_id, [name for name, _ in series], y, markers=True)
    parts.append(legend)
    y += legend_height + 4
    if not summary:
        summary = (
            "; ".join(
                f"{name}: {number(values[-1] if values else None)} at "
                f"{labels[-1] if labels else 'no date'}"
                for name, values in series
            )
            + "."
        )
    columns = ["", *(name for name, _ in series)]
    rows = [[label, *(number(values[i]) for _, values in series)] for i, label in enumerate(labels)]
    return Chart(
        chart_id, title, summary, _svg(chart_id, title, summary, y, "".join(parts)), columns, rows
    )


def _default_summary(labels, totals, unit) -> str:
    if not labels:
        return "No data yet."
    highest = max(range(len(labels)), key=lambda i: totals[i])
    total = sum(totals)
    suffix = f" {unit}" if unit else ""
    return (
        f"{len(labels)} rows, {number(total)}{suffix} in all; highest: {labels[highest]} "
        f"({number(totals[highest])}{suffix})."
    )

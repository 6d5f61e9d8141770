"""A bar chart drawn from the data table that follows a `<!-- chart: NAME -->` marker.

The table stays the source of the numbers (and the text alternative); the chart is computed from it
at build time, so the two can never disagree. The chart is an inline SVG with a title and a
description listing every value, so it needs nothing from a third party and reads out in full.
"""

from __future__ import annotations

import html
import re

#: The table after the marker: its lines, header and separator included.
TABLE_RE = re.compile(r"(?:\|.*\|\n)+")
WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 400, 220, 24, 30, 10


def _table(block: str) -> tuple[list[str], list[tuple[str, float]]]:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.strip().split("\n")]
    header, data = rows[0], [r for r in rows[2:] if len(r) >= 2]
    return header, [(label, float(value)) for label, value, *_ in data]


def _svg(name: str, header: list[str], data: list[tuple[str, float]]) -> str:
    title = html.escape(f"{header[1]} ({data[0][0]}–{data[-1][0]})")
    desc = html.escape("; ".join(f"{label}: {value:g}" for label, value in data))
    top = max(v for _, v in data) or 1
    slot = (WIDTH - 2 * LEFT) / len(data)
    bars = []
    for i, (label, value) in enumerate(data):
        h = (HEIGHT - TOP - BOTTOM) * value / top
        x, y = LEFT + i * slot + slot * 0.2, HEIGHT - BOTTOM - h
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" height="{h:.1f}" class="chart__bar"/>'
            f'<text x="{x + slot * 0.3:.1f}" y="{y - 6:.1f}" class="chart__value">{value:g}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{HEIGHT - 10}" class="chart__label">{html.escape(label)}</text>')
    return (f'<figure class="chart" id="chart-{name}">\n'
            f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-{name}-title chart-{name}-desc">'
            f'<title id="chart-{name}-title">{title}</title><desc id="chart-{name}-desc">{desc}</desc>'
            f'{"".join(bars)}</svg>\n<figcaption>{title}</figcaption>\n</figure>\n\n')


def draw(name: str, following: str) -> str:
    """The chart for the table at the start of `following` (the Markdown after the marker line)."""
    table = TABLE_RE.match(following)
    if table is None:
        raise ValueError("a chart marker must be followed by its data table (| Year | Number |)")
    header, data = _table(table.group(0))
    return _svg(name, header, data)

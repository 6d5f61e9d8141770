"""A flow diagram drawn from the list that follows a `<!-- flow: NAME -->` marker.

The list stays the source (and the text alternative): each top-level item `- **Step.** text` is a
step on the main line, each item indented under it (`    - text`) a branch off that step. The
diagram is computed from the list at build time, in the page's own language, as an inline SVG:
nothing is fetched, the two cannot disagree, and it prints. One column, so it stays readable on a
phone.
"""

from __future__ import annotations

import html
import re
import textwrap

from guidance.strings import text

#: The list after the marker: top-level items and items indented under them.
LIST_RE = re.compile(r"(?:(?: {4})?- .*\n)+")
WIDTH, GUTTER, GAP = 340, 30, 12
#: (characters per line, line height, font size, padding) for steps and for branches; about 7.4 px per
#: character of the system sans-serif at 14 px, so lines fit their boxes.
STEP = (40, 18, 14, 9)
BRANCH = (37, 17, 13, 8)


def _plain(markdown: str) -> str:
    """The words of a list item without Markdown: **bold**, *italic*, [text](link)."""
    return re.sub(r"\*\*?([^*]+)\*\*?", r"\1", re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)).strip()


def _items(block: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("- "):
            steps.append((_plain(line[2:]), []))
        else:
            steps[-1][1].append(_plain(line.strip()[2:]))
    return steps


def _box(y: float, x: float, words: str, kind: str, style: tuple[int, int, int, int]) -> tuple[str, float]:
    chars, line_height, size, pad = style
    lines = textwrap.wrap(words, chars)
    height = 2 * pad + line_height * len(lines)
    spans = "".join(f'<tspan x="{x + pad}" dy="{line_height if i else size}">{html.escape(l)}</tspan>'
                    for i, l in enumerate(lines))
    return (f'<g class="flow__{kind}"><rect x="{x}" y="{y}" width="{WIDTH - x}" height="{height}" rx="6"/>'
            f'<text x="{x + pad}" y="{y + pad + 1}" font-size="{size}">{spans}</text></g>', height)


def _svg(name: str, steps: list[tuple[str, list[str]]], title: str) -> str:
    arrow = f"flow-{name}-arrow"
    parts, y = [], 0.0
    for number, (step, branches) in enumerate(steps, start=1):
        if number > 1:  # the main line comes down the left gutter into each step
            parts.append(f'<path class="flow__line" d="M{GUTTER / 2} {y - GAP} V{y}" marker-end="url(#{arrow})"/>')
        box, height = _box(y, 0, f"{number}. {step}", "step", STEP)
        parts.append(box)
        bottom, y = y + height, y + height + GAP
        for branch in branches:
            box, height = _box(y, GUTTER, branch, "branch", BRANCH)
            parts.append(f'<path class="flow__branch-line" d="M{GUTTER / 2} {y + height / 2} H{GUTTER}" '
                         f'marker-end="url(#{arrow})"/>')
            parts.append(box)
            y += height + GAP
        if branches and number < len(steps):
            parts.append(f'<path class="flow__line" d="M{GUTTER / 2} {bottom} V{y - GAP}"/>')
    height = y - GAP
    return (f'<figure class="flow" id="flow-{name}" data-search-exclude>\n'
            f'<svg viewBox="-1 -1 {WIDTH + 2} {height + 2}" role="img" aria-labelledby="flow-{name}-title">'
            f'<title id="flow-{name}-title">{html.escape(title)}</title>'
            f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>'
            f'{"".join(parts)}</svg>\n</figure>\n\n')


def draw(name: str, following: str, lang: str) -> str:
    """The diagram for the list at the start of `following` (the Markdown after the marker line)."""
    steps = LIST_RE.match(following)
    if steps is None:
        raise ValueError("a flow marker must be followed by its list of steps (- **Step.** text)")
    return _svg(name, _items(steps.group(0)), text(lang, "flow_title"))

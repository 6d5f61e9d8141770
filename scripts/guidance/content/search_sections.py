"""The units a reader cites, cut out of a page's HTML to be search sections of their own.

Material's search plugin divides a page into one section per heading, so a hit anywhere under a
heading lands on the heading. Practitioners quote and look for paragraphs ("para 158") and works
("Hallett 2017"), so two kinds of unit become sections of their own:

- every numbered paragraph, `<div class="para" id="para-N">` (guidance.content.markdown_paragraphs);
- every entry of the References page, `<li><span id="ref-KEY"></span>…</li>` (guidance.plugin.citations).

The heading sections keep what is not in a unit (chapter summaries, boxes). Text is extracted with
Material's own parser, so a unit keeps the markup (lists, emphasis) Material's result list shows.
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_left
from dataclasses import dataclass

from material.plugins.search.plugin import Parser

PARA_RE = re.compile(r'<div class="para" id="(para-(\d+))">')
REFERENCE_RE = re.compile(r'<li><span id="(ref-[^"]+)"></span>')
NUMBER_LINK_RE = re.compile(r'<a class="para-num"[^>]*>.*?</a>', re.S)
HEADING_RE = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
ID_RE = re.compile(r'\bid="([^"]+)"')
TAG_RE = re.compile(r"<[^>]+>")
OPEN_OR_CLOSE = {tag: re.compile(rf"<(/?){tag}\b[^>]*>") for tag in ("div", "li")}


@dataclass
class Unit:
    anchor: str  # "para-158", "ref-Hallett2017making"
    paragraph: int | None  # the paragraph number, for numbered paragraphs
    heading_id: str | None  # id of the heading the unit is under (None: the page title)
    html: str  # the unit's content (a paragraph without its number link)

    def text(self) -> str:
        """The unit's text as Material indexes and shows it."""
        parser = Parser()
        parser.feed(self.html)
        parser.close()
        return "".join(piece for section in parser.data for piece in section.title + section.text).strip()

    def plain_text(self) -> str:
        return " ".join(html_lib.unescape(TAG_RE.sub(" ", self.html)).split())


def cut_units(html: str) -> tuple[str, list[Unit]]:
    """The page's HTML without its units, and the units in page order."""
    headings = [(h.start(), found.group(1)) for h in HEADING_RE.finditer(html)
                if (found := ID_RE.search(h.group(2)))]
    starts = sorted([(m.start(), m.end(), m.group(1), int(m.group(2)), "div") for m in PARA_RE.finditer(html)]
                    + [(m.start(), m.end(), m.group(1), None, "li") for m in REFERENCE_RE.finditer(html)])
    rest, units, cursor = [], [], 0
    for start, content_start, anchor, paragraph, tag in starts:
        if start < cursor:
            continue  # (units never nest; kept safe anyway)
        end = _end_of_element(html, tag, content_start)
        inner = html[content_start:end - len(f"</{tag}>")]
        above = bisect_left(headings, (start,))
        units.append(Unit(anchor, paragraph, headings[above - 1][1] if above else None,
                          NUMBER_LINK_RE.sub("", inner, count=1) if paragraph is not None else inner))
        rest.append(html[cursor:start])
        cursor = end
    rest.append(html[cursor:])
    return "".join(rest), units


def _end_of_element(html: str, tag: str, after_open: int) -> int:
    depth = 1
    for found in OPEN_OR_CLOSE[tag].finditer(html, after_open):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return len(html)


def word_count(indexed_text: str) -> int:
    """Words in a section's indexed text (HTML)."""
    return len(TAG_RE.sub(" ", indexed_text).split())

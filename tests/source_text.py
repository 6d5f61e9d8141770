"""The reference text (tests/fixtures/source), cut into numbered paragraphs and footnotes.

The source is a PDF extraction: superscript numbers are footnote markers, a numbered paragraph
starts with "N. " and runs until the next one (boxes and headings in between are part of the
segment; the site puts them outside the paragraph, so tests compare a paragraph with the *start*
of its segment).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "source" / "statutory-guidance-consultation-draft.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RE = re.compile(f"[{SUPERSCRIPTS}]+")
_PARA_RE = re.compile(r"^\s*(\d{1,3})\.\s+")
_WORD_RE = re.compile(r"[\w'’‘-]+")
#: Where each page of the site begins in the source: (first paragraph, 1-based line where the page
#: begins — its title line, or its first line where the source lost the title —, first line after the title).
PAGE_STARTS = [(1, 32, 33), (24, 93, 94), (51, 226, 226), (139, 538, 539), (167, 611, 612), (266, 936, 937)]


def _columns_first(text: str) -> str:
    """The source's one table is a tab-separated row of column headings followed by a row of cells;
    the site shows it column by column, so read it that way: heading 1, cell 1, heading 2, cell 2..."""
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        head, cells = lines[i].split("\t"), lines[i + 1].split("\t")
        if len(head) > 1 and len(head) == len(cells):
            lines[i:i + 2] = ["\n".join(f"{h}\n{c}" for h, c in zip(head, cells)), ""]
    return "\n".join(lines)


def words(text: str) -> list[str]:
    """Words of a text, ignoring markup, punctuation, quote marks and footnote superscripts."""
    text = re.sub(r"<(?!https?:)[^>]+>", " ", _columns_first(text))
    text = _SUP_RE.sub(" ", text)
    text = re.sub(r"\[((?:[^\]\\]|\\.)*)\]\(#\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
    text = re.sub(r"[*_]", " ", text)
    return [w.strip("'’‘-") for w in _WORD_RE.findall(text) if w.strip("'’‘-")]


def footnote_number(marker: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in marker))


@lru_cache
def _lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@lru_cache
def _footnote_list_start() -> int:
    return next(i for i, line in enumerate(_lines()) if line.startswith("- ¹ "))


@lru_cache
def paragraph_segments() -> dict[int, str]:
    """Paragraph number -> raw source text from its "N. " to the next numbered paragraph or page."""
    body = _lines()[: _footnote_list_start()]
    starts = [(i, int(m.group(1))) for i, line in enumerate(body) if (m := _PARA_RE.match(line))]
    page_breaks = sorted(begin - 1 for _, begin, _ in PAGE_STARTS)
    segments = {}
    for k, (i, n) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(body)
        end = min([end, *(b for b in page_breaks if b > i)])
        segments[n] = _PARA_RE.sub("", body[i], count=1) + "\n" + "\n".join(body[i + 1:end])
    return segments


def page_preamble(first_paragraph: int) -> str:
    """Source text of a page before its first numbered paragraph (summary, boxes), without its title."""
    _, _, after_title = next(p for p in PAGE_STARTS if p[0] == first_paragraph)
    body = _lines()
    first = next(i for i in range(after_title - 1, len(body)) if _PARA_RE.match(body[i]))
    return "\n".join(body[after_title - 1:first])


def footnote_markers(text: str) -> list[int]:
    return [footnote_number(m) for m in _SUP_RE.findall(text)]


@lru_cache
def footnote_texts() -> dict[int, str]:
    """Footnote number -> its text (joined over lines) from the list at the end of the source."""
    tail = "\n".join(_lines()[_footnote_list_start():])
    tail = re.sub(r"(?m)^-\s*", "", tail)
    parts = re.split(f"(?m)^\\s*([{SUPERSCRIPTS}]+)\\s*", tail)
    return {footnote_number(parts[k]): " ".join(parts[k + 1].split()) for k in range(1, len(parts), 2)}

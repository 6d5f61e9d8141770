"""Content checks. Each check takes the loaded pages and yields Problems that say where and what to do.

Run them with `guidance check`. A check is a plain function registered in CHECKS; keep each one
about one rule so its message can be specific.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .content import FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE, FrontMatterError, Page

#: The consultation draft (WG37941) has 300 numbered paragraphs.
TOTAL_PARAGRAPHS = 300
#: Admonition types the theme styles for this site (see CONTRIBUTING.md, "Boxes").
ADMONITION_TYPES = {"abstract", "info", "warning", "example", "quote", "note"}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


Check = Callable[[list[Page]], Iterator[Problem]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


@check("front-matter")
def front_matter(pages: list[Page]) -> Iterator[Problem]:
    for page in pages:
        if page.meta_error:
            yield Problem(page.rel(), page.meta_error.line,
                          f"{page.meta_error}. Start the file with a block like:\n"
                          "    ---\n    title: The page title\n    ---")
        elif not str(page.meta.get("title", "")).strip():
            yield Problem(page.rel(), 1, "the front matter has no 'title:'. Add 'title: <the page title>' between the --- lines.")


@check("paragraph-numbers")
def paragraph_numbers(pages: list[Page]) -> Iterator[Problem]:
    """Paragraphs 1..300 each exactly once, in order, each on the page whose range declares it."""
    seen: dict[int, tuple[Page, int]] = {}
    ranged: list[tuple[tuple[int, int], Page]] = []
    for page in pages:
        try:
            declared = page.declared_range
        except FrontMatterError as exc:
            yield Problem(page.rel(), exc.line, str(exc))
            continue
        if declared is None:
            if page.paragraphs:
                first_para = page.paragraphs[0]
                yield Problem(page.rel(), first_para.line,
                              f"{len(page.paragraphs)} line(s) start like numbered paragraphs (the first: '{first_para.number}. ') "
                              "but the front matter has no 'paragraphs:' range. On a guidance chapter add "
                              "'paragraphs: FIRST-LAST'; on other pages write the number differently (e.g. as a heading).")
            continue
        ranged.append((declared, page))
        first, last = declared
        previous = None
        for para in page.paragraphs:
            n = para.number
            if n in seen:
                other_page, other_line = seen[n]
                yield Problem(page.rel(), para.line,
                              f"paragraph {n} appears twice (also at {other_page.rel()}:{other_line}). "
                              "Each paragraph number must be used once: renumber or remove one of them.")
                continue
            seen[n] = (page, para.line)
            if not first <= n <= last:
                yield Problem(page.rel(), para.line,
                              f"paragraph {n} is outside this page's range 'paragraphs: {first}-{last}'. "
                              "Move it to the right chapter or correct the range in the front matter.")
            if previous is not None and n != previous + 1:
                yield Problem(page.rel(), para.line,
                              f"paragraph {n} follows paragraph {previous}; expected {previous + 1}. "
                              "Paragraph numbers must run in order without gaps.")
            previous = n
    for (first, last), page in ranged:
        for n in range(first, last + 1):
            if n not in seen:
                yield Problem(page.rel(), page.meta_line("paragraphs"),
                              f"paragraph {n} is missing: this page declares 'paragraphs: {first}-{last}' but has no line starting '{n}. '.")
    covered = sorted(n for (first, last), _ in ranged for n in range(first, last + 1))
    missing = sorted(set(range(1, TOTAL_PARAGRAPHS + 1)) - set(covered))
    if ranged and missing:
        yield Problem("docs", 1, f"no page declares paragraph(s) {_ranges(missing)}; the guidance has {TOTAL_PARAGRAPHS}. "
                                 "Add them to a chapter and extend its 'paragraphs:' range.")


@check("footnotes")
def footnotes(pages: list[Page]) -> Iterator[Problem]:
    for page in pages:
        refs: dict[str, int] = {}
        defs: dict[str, int] = {}
        for no, line in page.lines:
            if m := FOOTNOTE_DEF_RE.match(line):
                if m.group(1) in defs:
                    yield Problem(page.rel(), no, f"footnote [^{m.group(1)}] is defined twice (also line {defs[m.group(1)]}). Keep one definition.")
                defs.setdefault(m.group(1), no)
                line = line[m.end():]
            for r in FOOTNOTE_REF_RE.finditer(line):
                refs.setdefault(r.group(1), no)
        for label, no in refs.items():
            if label not in defs:
                yield Problem(page.rel(), no, f"footnote [^{label}] is used here but never defined. "
                                              f"Add a line '[^{label}]: <footnote text>' at the end of the page, or remove the marker.")
        for label, no in defs.items():
            if label not in refs:
                yield Problem(page.rel(), no, f"footnote [^{label}] is defined but never used in the text. "
                                              "Put the marker where it belongs or delete the definition.")


EMPTY_LINK_RE = re.compile(r"\[([^\]]*)\]\(\s*#?\s*\)")


@check("empty-links")
def empty_links(pages: list[Page]) -> Iterator[Problem]:
    for page in pages:
        for no, line in page.lines:
            for m in EMPTY_LINK_RE.finditer(line):
                yield Problem(page.rel(), no,
                              f"the link '{m.group(0)}' goes nowhere. Put the real address between the brackets, or, if the "
                              f"address is unknown, write '{m.group(1)}<!-- lost-link -->' so it shows as plain text and "
                              "appears in `guidance lost-links` for an editor to restore.")


RAW_SCRIPT_RE = re.compile(r"<\s*/?\s*script\b|\bon[a-z]+\s*=\s*[\"']|javascript:", re.I)


@check("raw-script")
def raw_script(pages: list[Page]) -> Iterator[Problem]:
    for page in pages:
        for no, line in page.lines:
            if m := RAW_SCRIPT_RE.search(line):
                yield Problem(page.rel(), no,
                              f"'{m.group(0)}' puts script into the page. Content pages must not run code "
                              "(readers' privacy and safety). Remove it; site behaviour belongs in overrides/.")


ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")


@check("admonitions")
def admonitions(pages: list[Page]) -> Iterator[Problem]:
    for page in pages:
        for no, line in page.lines:
            if (m := ADMONITION_RE.match(line)) and m.group(1) not in ADMONITION_TYPES:
                yield Problem(page.rel(), no,
                              f"'{m.group(1)}' is not a box type this site uses. Use one of: {', '.join(sorted(ADMONITION_TYPES))} "
                              "(see CONTRIBUTING.md, 'Boxes').")


def run_checks(pages: list[Page], names: Iterable[str] | None = None) -> list[Problem]:
    selected = list(names) if names else list(CHECKS)
    problems: list[Problem] = []
    for name in selected:
        problems.extend(CHECKS[name](pages))
    return sorted(problems, key=lambda p: (p.file, p.line))


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)

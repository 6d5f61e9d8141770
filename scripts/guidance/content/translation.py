"""The Welsh edition's translation record: which English text each Welsh page translates.

Each Welsh page's front matter carries

    translation:
      status: draft            # draft until a qualified translator has reviewed it all, then reviewed
      english: 3f2a9c1b        # fingerprint of the whole English page when the Welsh was last brought up to date
      paragraphs:              # fingerprint of each English numbered paragraph at that time
        158: 9be01c44
      outside: 5d41402a        # optional: fingerprint of the English text outside the numbered paragraphs
      reviewed:                # optional: what a translator signed off (XLIFF state "final"), with the
        158: 9be01c44          #   fingerprint of the English it was signed off against: a numbered paragraph,
        h-a-proportionate-response: 0c1d2e3f       # another unit of the page (segments.py keys),
        includes/x.md#h-y: 1a2b3c4d                # or of a fragment it includes

so a check can say exactly which English paragraph changed after its Welsh translation was recorded.
`guidance translations --record docs_cy/PAGE.md` refreshes the record after the Welsh is updated;
`guidance translations import FILE.xlf` does it for the paragraphs a translator returns (see xliff.py).

A unit (see segments.py: a numbered paragraph, heading, list item, box title, note …) is *reviewed*
while its `reviewed` fingerprint is that of the current English, so a reviewed paragraph whose English
changes is outdated again with nothing to migrate; a page is reviewed when all its units are. Pages
recorded before `reviewed` existed keep their page-level `status` (`reviewed` there means all of it).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from guidance.content import segments
from guidance.content.model import (BOX_LINE_RE, FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE, FRONT_MATTER_RE, LOST_LINK_MARKER, Page,
                      load_pages, read_text)

STATUSES = ("draft", "reviewed")
HEADING_RE = re.compile(r"^(#{1,6})\s")


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def body(page: Page) -> str:
    return "\n".join(line for _, line in page.lines)


def outside_text(page: Page) -> str:
    """The page's text outside its numbered paragraphs: headings, boxes, lists, notes."""
    return "\n".join(line for no, line in page.lines if not page.paragraph_at[no][1])


def english_fingerprints(english: Page) -> dict:
    return {"english": fingerprint(body(english)),
            "paragraphs": {n: fingerprint(text) for n, text in sorted(english.paragraph_blocks.items())},
            "outside": fingerprint(outside_text(english))}


@dataclass
class Unit:
    """One piece of English text to translate and its Welsh counterpart (see segments.py)."""
    id: str  # "FILE#KEY": the file (relative to docs/, the same under docs_cy/) and the block's key
    file: str
    english: segments.Block
    welsh: segments.Block | None
    tokens: list  # the English text as text and numbered codes
    welsh_tokens: list | None

    @property
    def key(self) -> str:
        return self.english.key

    @property
    def paragraph(self) -> int | None:
        return self.english.paragraph

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.english.text)


#: The abbreviations every page gets (mkdocs.yml auto-appends this file), protected as codes.
ABBREVIATIONS = "includes/abbreviations.md"


class UnitReader:
    """Reads files into units once per run (a fragment is shared by several pages)."""

    def __init__(self, docs: Path, docs_cy: Path):
        self.docs, self.docs_cy = docs, docs_cy
        self.abbreviations = segments.abbreviation_re(segments.read_abbreviations(docs / ABBREVIATIONS))
        self._files: dict[str, list[Unit]] = {}
        self._welsh_only: dict[str, list[segments.Block]] = {}

    def file_units(self, file: str) -> list[Unit]:
        if file not in self._files:
            english_text = read_text(self.docs / file)
            welsh_path = self.docs_cy / file
            english = segments.blocks(english_text)
            welsh: dict[str, segments.Block] = {}
            if welsh_path.is_file():
                headings = [b.key for b in english if b.kind == "heading"]
                welsh = {b.key: b for b in segments.blocks(read_text(welsh_path), headings, welsh=True)}
            units = []
            for block in english:
                tokens = segments.number(segments.tokenize(block.text, self.abbreviations))
                if not segments.has_words(tokens):
                    continue  # numbers, addresses, abbreviations only: nothing to translate
                cy = welsh.get(block.key)
                units.append(Unit(f"{file}#{block.key}", file, block, cy, tokens,
                                  segments.tokenize(cy.text, self.abbreviations) if cy else None))
            self._files[file] = units
            english_keys = {b.key for b in english}
            self._welsh_only[file] = [b for key, b in welsh.items() if key not in english_keys]
        return self._files[file]

    def welsh_only(self, file: str) -> list[segments.Block]:
        """Blocks of the Welsh file with no English block at their place: text the English removed."""
        self.file_units(file)
        return self._welsh_only[file]

    def page_units(self, page: Page) -> list[Unit]:
        """The units a page shows, in reading order: its own and those of the fragments it includes."""
        own = self.file_units(page.path.resolve().relative_to(self.docs.resolve()).as_posix())
        out: list[Unit] = []
        rest = list(own)
        for include in page.includes:
            if not include.exists:
                continue
            while rest and rest[0].english.line < include.line:
                out.append(rest.pop(0))
            out += self.file_units(include.path.resolve().relative_to(self.docs.resolve()).as_posix())
        return out + rest


def welsh_path_for(english: Page, docs: Path, docs_cy: Path) -> Path:
    return docs_cy / english.path.relative_to(docs)


@dataclass
class Pair:
    english: Page
    welsh: Page | None

    @property
    def record(self) -> dict:
        return (self.welsh.meta.get("translation") or {}) if self.welsh else {}

    @cached_property
    def now(self) -> dict:
        """The English page's fingerprints as it is now."""
        return english_fingerprints(self.english)

    def outdated_paragraphs(self) -> list[int]:
        recorded = {int(k): v for k, v in (self.record.get("paragraphs") or {}).items()}
        now = self.now["paragraphs"]
        return [n for n, fp in now.items() if recorded.get(n) != fp]

    def outside_paragraphs_changed(self) -> bool:
        """True when the English page changed outside its numbered paragraphs (headings, boxes, quotes).
        Records without an `outside` fingerprint can only tell when no numbered paragraph changed too."""
        now = self.now
        if "outside" in self.record:
            return self.record["outside"] != now["outside"]
        return self.record.get("english") != now["english"] and not self.outdated_paragraphs()

    def reviewed(self) -> dict:
        """Review key (see review_key) -> English fingerprint it was signed off against.
        A page recorded as `status: reviewed` before per-unit review existed is reviewed throughout."""
        if "reviewed" in self.record:
            return dict(self.record.get("reviewed") or {})
        if self.record.get("status") == "reviewed":
            return {**self.now["paragraphs"], "*": "*"}
        return {}

    def unit_status(self, unit: Unit, reviewed: dict | None = None, outdated: set | None = None) -> str:
        """'outdated' (English changed since the Welsh was recorded), 'reviewed' or 'draft'."""
        reviewed = self.reviewed() if reviewed is None else reviewed
        outdated = set(self.outdated_paragraphs()) if outdated is None else outdated
        if unit.paragraph is not None:
            if unit.paragraph in outdated or "english" not in self.record:
                return "outdated"
            return "reviewed" if reviewed.get(unit.paragraph) == self.paragraph_fingerprint(unit.paragraph) else "draft"
        outside_changed = self.outside_paragraphs_changed()
        if reviewed.get(self.review_key(unit)) == unit.fingerprint or (reviewed.get("*") and not outside_changed):
            return "reviewed"
        return "outdated" if outside_changed or "english" not in self.record else "draft"

    def review_key(self, unit: Unit) -> int | str:
        """A unit's key in the record's `reviewed` map: its paragraph number; else its key when it is in the
        page's own file (h-summary/box1), or its id when it is in a fragment the page includes."""
        if unit.paragraph is not None:
            return unit.paragraph
        own = self.english.path.resolve().relative_to(self.english.base.resolve()).as_posix() if self.english.base else None
        return unit.key if unit.file == own else unit.id

    def paragraph_fingerprint(self, number: int) -> str | None:
        return self.now["paragraphs"].get(number)

    def paragraph_statuses(self) -> dict[int, str]:
        """Numbered paragraph -> 'outdated', 'reviewed' or 'draft'."""
        reviewed, outdated = self.reviewed(), set(self.outdated_paragraphs())
        now = self.now["paragraphs"]
        return {n: "outdated" if n in outdated or "english" not in self.record
                else "reviewed" if reviewed.get(n) == fp else "draft" for n, fp in now.items()}

    def status(self, reader: "UnitReader") -> str:
        """'reviewed' when every unit of the page is reviewed for the current English, else 'draft'."""
        reviewed = self.reviewed()
        if self.welsh is None or not reviewed:
            return "draft"  # nothing signed off (the common case: no need to read the units)
        outdated = set(self.outdated_paragraphs())
        units = reader.page_units(self.english)
        return "reviewed" if all(self.unit_status(u, reviewed, outdated) == "reviewed" for u in units) else "draft"


@dataclass
class Edition:
    english: list[Page]
    welsh: list[Page]
    docs: Path
    docs_cy: Path
    pairs: list[Pair] = field(init=False)

    def __post_init__(self):
        by_path = {p.path.resolve(): p for p in self.welsh}
        self.pairs = [Pair(e, by_path.get(welsh_path_for(e, self.docs, self.docs_cy).resolve())) for e in self.english]

    @classmethod
    def load(cls, docs: Path, docs_cy: Path) -> "Edition":
        return cls(load_pages(docs), load_pages(docs_cy) if docs_cy.exists() else [], docs, docs_cy)

    def orphans(self) -> list[Page]:
        """Welsh pages with no English page of the same name."""
        english = {e.path.relative_to(self.docs) for e in self.english}
        return [w for w in self.welsh if w.path.relative_to(self.docs_cy) not in english]


def record(welsh_file: Path, docs: Path, docs_cy: Path) -> dict:
    """Write the current English fingerprints into a Welsh page's front matter; keep its status (or, once
    it has per-unit review, say `reviewed` only while everything in it is signed off for this English)."""
    english = Page.load(docs / welsh_file.resolve().relative_to(docs_cy.resolve()), docs)
    welsh = Page.load(welsh_file, docs_cy)
    old = welsh.meta.get("translation") or {}
    rec = {"status": old.get("status", "draft"), **english_fingerprints(english)}
    if "reviewed" in old:
        rec["reviewed"] = old["reviewed"]
        welsh.meta = {**welsh.meta, "translation": rec}
        rec["status"] = Pair(english, welsh).status(UnitReader(docs, docs_cy))
    write_record(welsh_file, rec)
    return rec


def write_record(welsh_file: Path, rec: dict) -> None:
    """Put `rec` as the page's `translation:` front matter, leaving every other byte of the file as it is."""
    text = welsh_file.read_text(encoding="utf-8")
    block = yaml.safe_dump({"translation": rec}, sort_keys=False, allow_unicode=True, width=1000)
    m = FRONT_MATTER_RE.match(text)
    if not m:
        welsh_file.write_text(f"---\n{block}---\n\n" + text, encoding="utf-8")
        return
    lines = m.group(1).splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"translation\s*:", line)), None)
    if start is None:
        lines.append(block)
    else:
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#"):
            end += 1
        lines[start:end] = [block]
    welsh_file.write_text(text[:m.start(1)] + "".join(lines) + text[m.end(1):], encoding="utf-8")


# --- structure: what must be identical between the two languages -------------------------------

def citation_keys_by_paragraph(page: Page) -> dict[int | None, list[str]]:
    keys: dict[int | None, list[str]] = {}
    for use in page.citations:
        keys.setdefault(use.paragraph if use.inside else None, []).append(use.key)
    return keys


def footnote_labels(page: Page) -> Counter:
    labels: Counter = Counter()
    for _, line in page.lines:
        if m := FOOTNOTE_DEF_RE.match(line):
            labels["def:" + m.group(1)] += 1
            line = line[m.end():]
        labels.update("ref:" + r.group(1) for r in FOOTNOTE_REF_RE.finditer(line))
    return labels


def shape(page: Page) -> Counter:
    """Headings per level, boxes per type, lost links: what a reader sees as the page's structure."""
    counts: Counter = Counter()
    for _, line in page.lines:
        if m := HEADING_RE.match(line):
            counts[f"level-{len(m.group(1))} heading"] += 1
        if (m := BOX_LINE_RE.match(line)) and not (m.group(1) == "quote" and line.lstrip().startswith("???")):
            counts[f"'{m.group(1)}' box"] += 1  # the collapsible originals of quotes exist only in Welsh
        counts["lost link"] += line.count(LOST_LINK_MARKER)
    return counts


"""The Welsh edition's translation record: which English text each Welsh page translates.

Each Welsh page's front matter carries

    translation:
      status: draft            # draft until a qualified translator has reviewed it, then reviewed
      english: 3f2a9c1b        # fingerprint of the whole English page when the Welsh was last brought up to date
      paragraphs:              # fingerprint of each English numbered paragraph at that time
        158: 9be01c44

so a check can say exactly which English paragraph changed after its Welsh translation was recorded.
`guidance translations --record docs_cy/PAGE.md` refreshes the record after the Welsh is updated.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .content import (DOCS, DOCS_CY, FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE, FRONT_MATTER_RE, LOST_LINK_MARKER, Page,
                      load_pages)

STATUSES = ("draft", "reviewed")
HEADING_RE = re.compile(r"^(#{1,6})\s")
BOX_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+(\w+)")


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def body(page: Page) -> str:
    return "\n".join(line for _, line in page.lines)


def english_fingerprints(english: Page) -> dict:
    return {"english": fingerprint(body(english)),
            "paragraphs": {n: fingerprint(text) for n, text in sorted(english.paragraph_blocks.items())}}


def welsh_path_for(english: Page, docs: Path = DOCS, docs_cy: Path = DOCS_CY) -> Path:
    return docs_cy / english.path.relative_to(docs)


@dataclass
class Pair:
    english: Page
    welsh: Page | None

    @property
    def record(self) -> dict:
        return (self.welsh.meta.get("translation") or {}) if self.welsh else {}

    def outdated_paragraphs(self) -> list[int]:
        recorded = {int(k): v for k, v in (self.record.get("paragraphs") or {}).items()}
        now = english_fingerprints(self.english)["paragraphs"]
        return [n for n, fp in now.items() if recorded.get(n) != fp]

    def outside_paragraphs_changed(self) -> bool:
        """True when the English page changed outside its numbered paragraphs (headings, boxes, quotes)."""
        return self.record.get("english") != english_fingerprints(self.english)["english"] and not self.outdated_paragraphs()


@dataclass
class Edition:
    english: list[Page]
    welsh: list[Page]
    docs: Path = DOCS
    docs_cy: Path = DOCS_CY
    pairs: list[Pair] = field(init=False)

    def __post_init__(self):
        by_path = {p.path.resolve(): p for p in self.welsh}
        self.pairs = [Pair(e, by_path.get(welsh_path_for(e, self.docs, self.docs_cy).resolve())) for e in self.english]

    @classmethod
    def load(cls, docs: Path = DOCS, docs_cy: Path = DOCS_CY) -> "Edition":
        return cls(load_pages(docs), load_pages(docs_cy) if docs_cy.exists() else [], docs, docs_cy)

    def orphans(self) -> list[Page]:
        """Welsh pages with no English page of the same name."""
        english = {e.path.relative_to(self.docs) for e in self.english}
        return [w for w in self.welsh if w.path.relative_to(self.docs_cy) not in english]


def record(welsh_file: Path, docs: Path = DOCS, docs_cy: Path = DOCS_CY) -> dict:
    """Write the current English fingerprints into a Welsh page's front matter; keep its status."""
    english = Page.load(docs / welsh_file.resolve().relative_to(docs_cy.resolve()), docs)
    text = welsh_file.read_text(encoding="utf-8")
    m = FRONT_MATTER_RE.match(text)
    meta = (yaml.safe_load(m.group(1)) or {}) if m else {}
    status = (meta.get("translation") or {}).get("status", "draft")
    meta["translation"] = {"status": status, **english_fingerprints(english)}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    welsh_file.write_text(f"---\n{front}---\n" + (text[m.end():] if m else "\n" + text), encoding="utf-8")
    return meta["translation"]


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
        if (m := BOX_RE.match(line)) and not (m.group(1) == "quote" and line.lstrip().startswith("???")):
            counts[f"'{m.group(1)}' box"] += 1  # the collapsible originals of quotes exist only in Welsh
        counts["lost link"] += line.count(LOST_LINK_MARKER)
    return counts


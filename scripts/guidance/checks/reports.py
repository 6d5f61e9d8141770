"""Reports for editors: things that are not errors but need a person's attention."""

from __future__ import annotations

from pathlib import Path

from guidance.content.model import LOST_LINK_MARKER, Page
from guidance.content.references import load, plain


def lost_links(pages: list[Page], bibliography: Path) -> list[str]:
    """Every 'text<!-- lost-link -->' in the pages and every bibliography entry marked lostlink,
    as 'file:line: text' rows."""
    rows = []
    for page in pages:
        for no, line in page.lines:
            start = 0
            while (at := line.find(LOST_LINK_MARKER, start)) != -1:
                rows.append(f"{page.locate(no)}: …{line[start:at][-70:].lstrip()}")
                start = at + len(LOST_LINK_MARKER)
    text = bibliography.read_text(encoding="utf-8").split("\n")
    for key, entry in load(bibliography).entries.items():
        if "lostlink" in entry.fields:
            line = next((i for i, l in enumerate(text, 1) if f"{{{key}," in l), 1)
            rows.append(f"{bibliography.name}:{line}: {key} — {plain(entry.fields.get('title', ''))} (a cited work whose link was lost)")
    return list(dict.fromkeys(rows))  # a fragment shared by two pages is listed once

"""Reports for editors: things that are not errors but need a person's attention."""

from __future__ import annotations

from .content import LOST_LINK_MARKER, Page

def lost_links(pages: list[Page]) -> list[str]:
    """Every 'text<!-- lost-link -->' in the pages, as 'file:line: text'."""
    rows = []
    for page in pages:
        for no, line in page.lines:
            start = 0
            while (at := line.find(LOST_LINK_MARKER, start)) != -1:
                before = line[start:at]
                rows.append(f"{page.rel()}:{no}: …{before[-70:].lstrip()}")
                start = at + len(LOST_LINK_MARKER)
    return rows

"""Hook: search results land on the paragraph (or cited work) a reader is looking for.

Material's search plugin indexes a page as one section per heading, so a hit in paragraph 158
would open the page at the heading above it. Here every numbered paragraph becomes a search
section of its own, location `page/#para-158`, titled "Para 158 – <heading it is under>"
("Paragraff 158 – …" in Welsh) so the result names the paragraph a practitioner quotes; every
entry of the References page likewise becomes `references/#ref-KEY` (guidance.content.search_sections).
Heading sections keep the text outside those units (summaries, boxes). A page that shows a
chapter's paragraphs (`paragraphs_from:`, the practice guide) leaves them to the chapter, so each
paragraph is one result.

Two steps around Material's own on_page_context (priority 0), which adds the page's sections and
then strips `data-search-*` attributes from the page:
1. before it (10): cut the units out of the page's HTML while those attributes still say what to
   leave out of the search;
2. after it (-10): replace the page's sections with the heading sections of the HTML without the
   units (made by Material's own code, so they match every other page) and one section per unit.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

from mkdocs.plugins import CombinedEvent, event_priority

from guidance.plugin.mkdocs_site import page_language
from guidance.content.search_sections import cut_units
from guidance.strings import text

REFERENCE_TITLE_LENGTH = 100

_cut_pages: dict[str, tuple] = {}


def _search_index(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


def _searched(page) -> bool:
    return not (page.meta.get("search") or {}).get("exclude")


@event_priority(10)
def _cut(context, page, config, nav):
    if _searched(page):
        rest, units = cut_units(page.content)
        if units:
            _cut_pages[page.file.src_uri] = (rest, units)
    return context


@event_priority(-10)
def _replace_sections(context, page, config, nav):
    index = _search_index(config)
    if index is None or page.file.src_uri not in _cut_pages:
        return context
    rest, units = _cut_pages.pop(page.file.src_uri)
    index.entries[:] = [e for e in index.entries if e["location"].split("#")[0] != page.url]
    index.add_entry_from_context(SimpleNamespace(
        content=rest, toc=page.toc, url=page.url, meta=page.meta, title=page.title))
    headings = _heading_titles(page.toc)
    # Above the page's first heading: its short title ("Chapter 3", not the whole title).
    page_title = html.escape(str(page.meta.get("title", page.title)).split(" – ")[0], quote=False)
    lang = page_language(page, config)
    for unit in units:
        if unit.paragraph is not None and "paragraphs_from" in page.meta:
            continue  # a chapter's paragraph shown on another page (practice guide): found once, in its chapter
        if unit.paragraph is not None:
            title = text(lang, "search_para_title", n=unit.paragraph, heading=headings.get(unit.heading_id, page_title))
        else:
            title = html.escape(_short_citation(unit.plain_text()), quote=False)
        index.entries.append({"location": f"{page.url}#{unit.anchor}", "title": title, "text": unit.text()})
    return context


def _short_citation(reference: str) -> str:
    """'Hallett, S. (2017) Making sense of …' → 'Hallett, S. (2017)'."""
    end = reference.find(")")
    if 0 < end < REFERENCE_TITLE_LENGTH:
        return reference[:end + 1]
    return reference[:REFERENCE_TITLE_LENGTH].rsplit(" ", 1)[0] + " …"


def _heading_titles(toc) -> dict[str, str]:
    titles = {}
    for item in toc:
        titles[item.id] = item.title
        titles.update(_heading_titles(item.children))
    return titles


on_page_context = CombinedEvent(_cut, _replace_sections)

"""Hook: in the site search, a paragraph about the query outranks a page or a long box that mentions it.

Each search section of the page is weighted (lunr's document boost; tests/test_search_quality.py
measured both values):
- a page's own entry (its title and opening text, e.g. a chapter's summary) by PAGE_ENTRY_BOOST:
  Material's result list multiplies a page entry's score by about 2.5 over its sections' scores,
  so a chapter's summary would otherwise outrank the very paragraph it summarises;
- a section longer than LONG_SECTION_WORDS by the square root of how much shorter it would need
  to be. Material switches lunr's length normalisation off (b = 0), and as every query word is a
  prefix wildcard, a long box or list has some word matching almost any query.
Runs after Material's search plugin (0) and search_sections (-10) have made the page's sections.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from guidance.content.search_sections import word_count

PAGE_ENTRY_BOOST = 0.2
LONG_SECTION_WORDS = 150


@event_priority(-15)
def on_page_context(context, page, config, nav):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is None:
        return context
    for entry in index.entries:
        if entry["location"].split("#")[0] == page.url:  # this page's sections, weighted once
            weight = PAGE_ENTRY_BOOST if entry["location"] == page.url else 1
            weight *= min(1.0, (LONG_SECTION_WORDS / max(word_count(entry["text"]), 1)) ** 0.5)
            if weight < 1:
                entry["boost"] = round(entry.get("boost", 1) * weight, 3)
    return context

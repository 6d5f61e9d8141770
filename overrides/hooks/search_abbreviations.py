"""Hook: searching an abbreviation finds what it stands for, and the other way round.

"CSE" finds sections that only say "child sexual exploitation" and vice versa, for every entry in
the language's includes/abbreviations.md (the list that also gives abbreviations their hover text):
each search section of the page gets the matching words in a `keywords` field that is searched but
never shown (guidance.content.search_synonyms). Runs after Material's search plugin (0) and
search_sections (-10) have made the page's sections.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from guidance.plugin.mkdocs_site import page_language, welsh_docs
from guidance.content.search_synonyms import KEYWORDS_FIELD, Synonyms, load_abbreviations

ABBREVIATIONS = "includes/abbreviations.md"
_synonyms: dict[str, Synonyms] = {}


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


@event_priority(-110)  # after static-i18n (-100) has switched config.theme.language for this pass
def on_config(config):
    plugin = _search_plugin(config)
    if plugin is not None:
        # Searched like the text but never shown: Material only displays title and text.
        plugin.config.fields.setdefault(KEYWORDS_FIELD, {"boost": 1.0})
    lang = config.theme["language"]
    folder = welsh_docs(config) if lang == "cy" else Path(config.docs_dir)
    _synonyms[lang] = Synonyms(load_abbreviations(folder / ABBREVIATIONS), lang)
    return config


@event_priority(-20)
def on_page_context(context, page, config, nav):
    index = getattr(_search_plugin(config), "search_index", None)
    synonyms = _synonyms.get(page_language(page, config))
    if index is None or synonyms is None:
        return context
    for entry in index.entries:
        if entry["location"].split("#")[0] == page.url and KEYWORDS_FIELD not in entry:
            if words := synonyms.keywords(entry["title"], entry["text"]):
                entry[KEYWORDS_FIELD] = words
    return context

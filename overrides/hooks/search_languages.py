"""Hook: each language searches its own index, Welsh with Welsh word handling.

How Material for MkDocs 9.x search finds its index and language support:
- its search plugin collects the sections of every page built and, in on_post_build (priority 0),
  writes them with `config` {lang, separator, pipeline, fields} to `site_dir/search/search_index.json`;
- a page's bundle fetches `new URL("search/search_index.json", config.base)`, where `config.base`
  is the template's `base_url`, and resolves every result's `location` against that same base;
- the search worker imports `../lunr/min/lunr.<lang>.min.js` (from its own folder
  assets/javascripts/workers/) for each non-English language in `config.lang`, applies `lunr[lang]`
  when there is one language, splits text and queries at `config.separator`, and removes from
  lunr's pipelines whichever of the language's trimmer/stopWordFilter/stemmer `config.pipeline`
  does not list. Queries go to lunr as `term*` wildcards, which skip lunr's query pipeline.

mkdocs-static-i18n builds each language in a pass of its own (Welsh pages into site_dir/cy/), then
merges every pass's sections into ONE site_dir/search/search_index.json with the English settings,
which Welsh pages load too (lunr has no Welsh, so static-i18n leaves "cy" out of `lang`).
`reconfigure_search: false` in mkdocs.yml leaves the search settings to this hook. Here:

1. in each pass, after Material has collected the sections (-50, before static-i18n merges them
   at -100), keep this language's sections with this language's SETTINGS, locations made
   relative to the language's root (`cy/chapter-3/#para-158` → `chapter-3/#para-158`). The
   `lang` names our own files in overrides/assets/javascripts/lunr/min/: lunr.cy.min.js (Welsh:
   mutations, stop words) and lunr.en-GB.min.js (lunr's English), both reading queries and
   trimming words the site's way (lunr.site.min.js);
2. after static-i18n has written its merged index (-110; the English pass ends last, as it holds
   the Welsh one), write each language's own index: site_dir/search/ and site_dir/cy/search/;
3. give Welsh pages `base_url` = the root of the Welsh site (cy/), so Material's bundle loads
   cy/search/search_index.json and resolves Welsh results there. Material uses `base_url` for
   nothing else but its browser-storage scope (so Welsh keeps its own) and its version selector
   and banner (not used here).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from guidance.plugin.mkdocs_site import page_language

# The worker loads overrides/assets/javascripts/lunr/min/lunr.<lang>.min.js for each of these (for
# "en" it would load none), and removes the language's trimmer/stopWordFilter unless `pipeline`
# lists them. Words are split at spaces, hyphens and slashes (lead/key), Welsh ones at apostrophes
# too (i'r, sy'n); the trimmer takes punctuation off their ends ("(IPA)" → "ipa").
SETTINGS = {
    "en": {"lang": ["en-GB"], "separator": r"[\s\-/]+", "pipeline": ["trimmer", "stopWordFilter"]},
    "cy": {"lang": ["cy"], "separator": r"[\s\-/'‘’]+", "pipeline": ["trimmer", "stopWordFilter"]},
}

_indexes: dict[str, tuple[str, str]] = {}  # language -> (its root folder, its index as JSON)


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _language_root(lang: str, config) -> str:
    """'' for the default language (at the site root), 'cy/' for Welsh."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or "en"
    return "" if lang == default else f"{lang}/"


def _relative(location: str, root: str) -> str:
    return location[len(root):] if root and location.startswith(root) else location


@event_priority(-50)
def _keep_this_language(config):
    plugin = _search_plugin(config)
    if plugin is None or not plugin.config.enabled:
        return
    lang = config.theme["language"]
    root = _language_root(lang, config)
    settings = {"lang": list(plugin.config.lang), "separator": plugin.config.separator,
                "pipeline": list(plugin.config.pipeline), "fields": plugin.config.fields}
    settings.update(SETTINGS.get(lang, {}))
    docs = [{**entry, "location": _relative(entry["location"], root)} for entry in plugin.search_index.entries]
    _indexes[lang] = (root, json.dumps({"config": settings, "docs": docs}, separators=(",", ":"), default=str))


@event_priority(-110)
def _write_every_language(config):
    for root, data in _indexes.values():
        path = Path(config.site_dir) / root / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")


on_post_build = CombinedEvent(_keep_this_language, _write_every_language)


def on_page_context(context, page, config, nav):
    root = _language_root(page_language(page, config), config)
    if root:
        context["base_url"] = get_relative_url(root, page.url)
    return context

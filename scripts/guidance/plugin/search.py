"""Search: one index per language, and each page's sections made in one ordered pipeline.

Material's search plugin (its on_page_context, priority 0) adds a page's sections to the index,
one per heading, then strips `data-search-*` attributes from the page. Around it, for each page:

1. before it: note where the page's sections will start in the index, and cut the units a reader
   cites out of the page's HTML (guidance.content.search_sections) while those attributes still
   say what to leave out;
2. in it: Material makes the heading sections of the HTML without the units (its own code, so
   they match every other page's);
3. after it, on the page's own sections only (never a rescan of the whole index):
   a. sections: one per unit: "Chapter 3, para 158 – <heading>" at
      `page/#para-158`, or a References entry at `references/#ref-KEY`. A page showing a chapter's
      paragraphs (`paragraphs_from:`) leaves them to the chapter, so each is found once;
   b. weights: the page's own entry by `page_entry_boost`, a References entry by
      `reference_boost` (found for a citation, never before the guidance on a topic its title
      names), a heading section with no text of its own by `heading_only_boost` (the paragraphs
      under it answer), a section longer than `long_section_words` by the square root of how much
      shorter it would need to be;
   c. keywords: abbreviations and what they stand for find each other (search_synonyms), in a
      field that is searched but never shown.

Footnotes are left out of the search (every cited work is on the References page, which links to
each paragraph citing it): they are marked with Material's own `data-search-exclude`.

Languages. static-i18n builds each language in a pass of its own (Welsh into site_dir/cy/) and
would merge every pass's sections into ONE index with English settings, which Welsh pages would
load too (`reconfigure_search: false` leaves search to us). So after Material has collected a
pass's sections, this language's index is kept with this language's SETTINGS and locations made
relative to its root; after the last pass each is written to its root's search/search_index.json;
Welsh pages get `base_url` = the Welsh root (bilingual.py), where Material's bundle loads it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.exceptions import PluginError

from guidance import strings
from guidance.content.search_sections import Unit, cut_units, word_count
from guidance.content.search_synonyms import KEYWORDS_FIELD, Synonyms, load_abbreviations
from guidance.plugin.preview import compute_now

#: The worker loads overrides/assets/javascripts/lunr/min/lunr.<lang>.min.js for each `lang` (our
#: Welsh word handling, and lunr's English), and removes the language's trimmer/stopWordFilter
#: unless `pipeline` lists them. Words are split at spaces, hyphens and slashes (lead/key), Welsh
#: ones at apostrophes too (i'r, sy'n); the trimmer takes punctuation off their ends.
SETTINGS = {
    "en": {"lang": ["en-GB"], "separator": r"[\s\-/]+", "pipeline": ["trimmer", "stopWordFilter"]},
    "cy": {"lang": ["cy"], "separator": r"[\s\-/'‘’]+", "pipeline": ["trimmer", "stopWordFilter"]},
}
FOOTNOTES = '<div class="footnote">'


def search_plugin(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin if plugin is not None and plugin.config.enabled else None


def search_index(config):
    """This pass's index in Material's search plugin, or None without search."""
    plugin = search_plugin(config)
    return plugin.search_index if plugin is not None else None


def exclude_footnotes(html_text: str) -> str:
    return html_text.replace(FOOTNOTES, '<div class="footnote" data-search-exclude="footnotes">')


#: The query script in the built site (overrides/assets/javascripts/lunr/min/), and its line that
#: undoes `reference_boost` for a query that names a cited work.
QUERY_SCRIPT = "assets/javascripts/lunr/min/lunr.site.min.js"
CITATION_LIFT_RE = re.compile(r"var CITATION_LIFT = [^;]*;")


class Search:
    """The search feature's state for one build: each pass's index, each page's pending cut."""

    def __init__(self, options, remember=compute_now):
        self.options = options
        self.remember = remember  # the live preview keeps a page's cut and keywords between rebuilds
        self.indexes: dict[str, tuple[str, str]] = {}  # language -> (its root, its index as JSON)
        self.synonyms: Synonyms | None = None
        self._abbreviations = ""  # this pass's list, as the keywords' memory key
        self._pending: dict[str, tuple[int, tuple[str, list[Unit]] | None]] = {}

    def configure_pass(self, config, lang: str, abbreviations: Path) -> None:
        if plugin := search_plugin(config):
            # Searched like the text but never shown: Material only displays title and text.
            plugin.config.fields.setdefault(KEYWORDS_FIELD, {"boost": 1.0})
            self._index_only_the_rest(plugin.search_index)
        # A project without an abbreviation list (a test fixture) simply has no synonyms.
        pairs = load_abbreviations(abbreviations) if abbreviations.is_file() else {}
        self.synonyms, self._abbreviations = Synonyms(pairs, lang), repr(pairs)

    def before_material(self, page, config) -> None:
        plugin = search_plugin(config)
        if plugin is None or (page.meta.get("search") or {}).get("exclude"):
            return
        content = page.content
        rest, units = self.remember("search-cut", (content,), lambda: cut_units(content))
        self._pending[page.url] = (len(plugin.search_index.entries), (rest, units) if units else None)

    def after_material(self, page, config, lang: str) -> None:
        plugin = search_plugin(config)
        if plugin is None or page.url not in self._pending:
            return
        start, cut = self._pending.pop(page.url)
        index = plugin.search_index
        if cut is not None:
            self._sections(index, page, lang, *cut)
        for entry in index.entries[start:]:
            self._weigh(entry, page)
            if words := self._keywords(lang, entry["title"], entry["text"]):
                entry[KEYWORDS_FIELD] = words

    def _keywords(self, lang: str, title: str, text: str) -> str:
        return self.remember("search-keywords", (lang, self._abbreviations, title, text),
                             lambda: self.synonyms.keywords(title, text))

    def _index_only_the_rest(self, index) -> None:
        """Material's search (this pass's index) reads a page cut into units without them: only the
        rest is Material's to split by heading, the units are ours (_sections), and the page's HTML
        is parsed once, not twice."""
        add = index.add_entry_from_context

        def add_rest(page) -> None:
            cut = self._pending.get(page.url, (0, None))[1]
            add(page if cut is None else SimpleNamespace(content=cut[0], toc=page.toc, url=page.url, meta=page.meta,
                                                         title=page.title))

        index.add_entry_from_context = add_rest

    def _sections(self, index, page, lang: str, rest: str, units: list[Unit]) -> None:
        headings = _heading_titles(page.toc)
        # The page's short title ("Chapter 3", not the whole title): where a reader quotes it from.
        chapter = html.escape(str(page.meta.get("title", page.title)).split(" – ")[0], quote=False)
        for unit in units:
            if unit.paragraph is not None and "paragraphs_from" in page.meta:
                continue  # a chapter's paragraph shown on another page: found once, in its chapter
            if unit.paragraph is not None:
                heading = headings.get(unit.heading_id)
                title = (strings.text(lang, "search_para_title", chapter=chapter, n=unit.paragraph, heading=heading)
                         if heading else  # above the page's first heading: the chapter says it all
                         strings.text(lang, "search_para_title_top", chapter=chapter, n=unit.paragraph))
            else:
                title = html.escape(self._short_citation(unit.plain_text()), quote=False)
            index.entries.append({"location": f"{page.url}#{unit.anchor}", "title": title,
                                  "text": self.remember("search-unit", (unit.html,), unit.text)})

    def _weigh(self, entry: dict, page) -> None:
        location, options = entry["location"], self.options
        if location == page.url:
            weight = options.page_entry_boost
        elif "#ref-" in location:
            weight = options.reference_boost
        elif not word_count(entry["text"]):
            weight = options.heading_only_boost
        else:
            weight = 1
        weight *= min(1.0, (options.long_section_words / max(word_count(entry["text"]), 1)) ** 0.5)
        if weight < 1:
            entry["boost"] = round(entry.get("boost", 1) * weight, 3)

    def _short_citation(self, reference: str) -> str:
        """'Hallett, S. (2017) Making sense of …' → 'Hallett, S. (2017)'."""
        limit = self.options.reference_title_length
        end = reference.find(")")
        if 0 < end < limit:
            return reference[:end + 1]
        return reference[:limit].rsplit(" ", 1)[0] + " …"

    def keep_pass_index(self, config, lang: str, root: str) -> None:
        """After Material has collected this pass's sections, before static-i18n merges them."""
        plugin = search_plugin(config)
        if plugin is None:
            return
        settings = {"lang": list(plugin.config.lang), "separator": plugin.config.separator,
                    "pipeline": list(plugin.config.pipeline), "fields": plugin.config.fields}
        settings.update(SETTINGS.get(lang, {}))
        docs = [{**entry, "location": _relative(entry["location"], root)} for entry in plugin.search_index.entries]
        self.indexes[lang] = (root, json.dumps({"config": settings, "docs": docs}, separators=(",", ":"), default=str))

    def write_indexes(self, site: Path) -> None:
        """After static-i18n wrote its merged index (the default language's pass ends last)."""
        for root, data in self.indexes.values():
            path = site / root / "search" / "search_index.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(data, encoding="utf-8")
        self._write_citation_lift(site)

    def _write_citation_lift(self, site: Path) -> None:
        """The query script lifts a References entry that has every query word by 1 / reference_boost,
        to undo the index's weight: written here, so changing the option keeps the two in step."""
        script = site / QUERY_SCRIPT
        if not script.is_file():
            return  # a site without search (a plugin test's tiny project)
        text, found = CITATION_LIFT_RE.subn(f"var CITATION_LIFT = {1 / self.options.reference_boost:g};",
                                            script.read_text(encoding="utf-8"))
        if found != 1:
            raise PluginError(f"{QUERY_SCRIPT} has no line `var CITATION_LIFT = …;` for the build to write "
                              "1 / search.reference_boost into; put it back (see the script's opening comment).")
        script.write_text(text, encoding="utf-8")


def _relative(location: str, root: str) -> str:
    return location[len(root):] if root and location.startswith(root) else location


def _heading_titles(toc) -> dict[str, str]:
    titles = {}
    for item in toc:
        titles[item.id] = item.title
        titles.update(_heading_titles(item.children))
    return titles

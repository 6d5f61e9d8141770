"""The `guidance` MkDocs plugin: everything the build adds to MkDocs, Material and their plugins.

Listed in mkdocs.yml after `i18n` (mkdocs-static-i18n). static-i18n builds the default language,
then, inside its own on_post_build, every other language in a pass of its own into site_dir/cy/:
every event below runs once per language, and the plugin's state lives on this object (reset when a
build starts), never in modules. Features, each in its own module:

| feature     | module        | events (priority: why)                                              |
|-------------|---------------|---------------------------------------------------------------------|
| errors      | errors.py     | config (100: before bibtex reads the .bib), serve                   |
| bilingual   | bilingual.py  | files (50 and -110: around static-i18n's -100), config, page_context,|
|             | offline_copy  | template_context, post_page, post_build                             |
| citations   | citations.py  | config (-110: after bibtex's 0 and i18n's -100), page_markdown (10:  |
|             |               | before bibtex makes citations footnotes)                            |
| content     | content.py    | page_markdown (-10: after bibtex), page_context, post_build, env    |
| amendments  | amendments.py | config, page_markdown (-10: its markers), page_content,            |
|             |               | page_context, post_build (-50: each language's feed.xml)            |
| search      | search.py     | page_content, page_context (10 and -10: around Material's search at |
|             |               | 0), post_build (-50: before i18n merges indexes; -110: after)        |
| security    | security.py   | startup, post_page and post_template (-100: last, after every change)|
| preview     | preview.py    | startup, config, files (-110), pre_page, post_build (-110), serve:   |
|             |               | under `mkdocs serve`, a rebuild takes from memory what an edit did   |
|             |               | not change                                                           |

Priorities only ever say "before/after" another plugin's event at the priority named beside it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from guidance import strings
from guidance.content.history import EDITIONS
from guidance.plugin import amendments, bilingual, citations, content, offline_copy, preview, security
from guidance.plugin.config import GuidanceConfig
from guidance.plugin.errors import ContentCheck, keep_serving_last_good_site
from guidance.languages import Languages
from guidance.plugin.preview import PreviewMemory, compute_now
from guidance.plugin.search import Search, exclude_footnotes, search_index
from guidance.plugin.template_cache import CACHE

#: Plugins whose output this one adjusts; it must be listed after each of them in mkdocs.yml.
AFTER = ("i18n", "bibtex")


class GuidancePlugin(BasePlugin[GuidanceConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preview = False
        self.content_check = ContentCheck()  # kept across rebuilds of `mkdocs serve`
        self.memory: PreviewMemory | None = None  # the same, for what a rebuild can take from the last

    def _remember(self, kind: str, inputs: tuple, compute):
        return (self.memory.remember if self.memory else compute_now)(kind, inputs, compute)

    # -- a build starts -------------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.preview = command == "serve"  # the preview's policy lets its live-reload script run
        self.memory = PreviewMemory() if self.preview else None

    @event_priority(100)  # before static-i18n (-100) applies each language's settings, before
    # mkdocs-bibtex (0) reads bibliography.bib, before anything is written
    def _check_content(self, config: MkDocsConfig):
        _check_position(config)
        self.languages = Languages.of(config, dict(self.config.docs_dirs))
        bilingual.give_i18n_the_strings(config)
        self.content_check.run(self.languages.folder(self.languages.default),
                               *[self.languages.folder(code) for code in self.languages.others],
                               citations.bibliography(config), Path(config.config_file_path))
        return config

    @event_priority(-110)  # after static-i18n (-100) has set this pass's language, bibtex (0) its registry
    def _configure_pass(self, config: MkDocsConfig):
        lang = config.theme["language"]
        self.lang, self.folder = lang, self.languages.folder(lang)
        root = Path(config.config_file_path).resolve().parent
        if self.memory:
            if lang == self.languages.default:
                self.memory.build_starts()
            self.memory.begin_config(config)
        if lang == self.languages.default:  # the first pass of a build
            self.search = Search(self.config.search, self._remember)
            # In the live preview these three are read again only when what they are read from changed.
            folders = list(self.languages.folders.values())
            pages, commit, editions = ((preview.files_state(*folders), preview.git_state(root), preview.files_state(root / EDITIONS))
                                       if self.memory else ((), "", ()))
            self.dates = self._remember("dates", (commit,), lambda: content.PageDates.read(root, folders))
            self.sources = bilingual.mirrored_sources(config, self.languages)
            self.history = self._remember("history", (pages, commit, editions, date.today()),
                                          lambda: amendments.read(root, dict(self.languages.folders)))
            self.chapters = self._remember("chapters", (pages,), lambda: {
                code: _chapter_titles(self.languages.folder(code)) for code in self.languages.names})
            self.site_url = config.site_url or ""
        bilingual.configure_pass(config, lang, self.languages, self.config.abbreviations)
        citations.configure_pass(config, lang, self._remember)
        self.search.configure_pass(config, lang, self.folder / self.config.abbreviations)
        if self.memory and (index := search_index(config)) is not None:
            self.memory.remember_sections(index)
        if offline_copy.enabled(config):  # after the offline plugin (0) added its polyfill
            offline_copy.configure(config)
        return config

    on_config = CombinedEvent(_check_content, _configure_pass)

    # -- files ----------------------------------------------------------------------------------

    @event_priority(50)  # before static-i18n (-100) sorts the files into languages
    def _add_translated_files(self, files, config):
        return bilingual.add_translated_files(files, config, self.sources)

    @event_priority(-110)  # after static-i18n rebuilt every File from docs_dir
    def _locate_translated_files(self, files, config):
        files = bilingual.locate_translated_files(files, config, self.sources)
        bilingual.translate_redirects(files, config, self.lang, self.languages)
        if self.memory:
            self.memory.begin_pass(config, files)
        return files

    on_files = CombinedEvent(_add_translated_files, _locate_translated_files)

    def on_env(self, env, config, files):
        env.bytecode_cache = CACHE  # theme templates compiled once per process (template_cache.py)
        return env

    # -- pages ----------------------------------------------------------------------------------

    def on_pre_page(self, page, config, files):
        if self.memory:
            self.memory.remember_render(page)
        return page

    @event_priority(10)  # before mkdocs-bibtex (0) turns citations into footnotes
    def _citations_in_notes(self, markdown, page, config, files):
        return citations.expand_citations_in_notes(markdown, config, self._lang(page, config))

    @event_priority(-10)  # after mkdocs-bibtex (0): the page's footnotes are in place
    def _content_markdown(self, markdown, page, config, files):
        lang = self._lang(page, config)
        root = self.languages.root(lang)
        handlers = {**content.marker_handlers(config, lang, self.languages.folder(lang), self._remember),
                    "changes": lambda ident, following: amendments.changes_page(self.history, lang, page, root, self.chapters[lang],
                                                                               list(self.languages.names),
                                                                               downloads=not offline_copy.enabled(config)),
                    "paragraph-history": lambda ident, following: amendments.history_page(self.history, lang, self.chapters[lang])}
        markdown = content.expand_markers(markdown, page, handlers)
        return content.numbered_paragraphs(markdown, page, lang)

    on_page_markdown = CombinedEvent(_citations_in_notes, _content_markdown)

    def on_page_content(self, html, page, config, files):
        lang = self._lang(page, config)
        html = amendments.marks(html, page, lang, self.history, self.languages.root(lang))
        return exclude_footnotes(html)

    @event_priority(10)  # before Material's search (0) indexes the page and strips data-search-*
    def _before_search(self, context, page, config, nav):
        self.search.before_material(page, config)
        return context

    @event_priority(-10)  # after Material's search (0) has added the page's sections
    def _after_search(self, context, page, config, nav):
        lang = self._lang(page, config)
        self.search.after_material(page, config, lang)
        context = bilingual.page_context(context, page, config, lang, self.languages)
        context["feed"] = amendments.feed_link(page, lang, self.languages.root(lang))
        context["paragraph_addresses"] = amendments.address_map(self.history, page)
        return self.dates.page_context(context, page, lang, self.languages.folder(lang), self._remember)

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_template_context(self, context, template_name, config):
        """Templates that are not pages (404.html) get the strings of the language being built."""
        context["ui"] = strings.STRINGS[config.theme["language"]]
        return context

    @event_priority(-100)  # last: the policy hashes the finished page's inline scripts
    def on_post_page(self, output, page, config):
        output = bilingual.absolute_hreflang(output, page)
        return security.add_policy(output, page.content or "", config, self.preview)

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content  # sitemap.xml
        return security.add_policy(output_content, "", config, self.preview)

    # -- a pass ends ----------------------------------------------------------------------------

    @event_priority(-50)  # after Material's search (0) wrote its index, before static-i18n (-100) merges
    def _pass_built(self, config):
        root = Path(config.config_file_path).resolve().parent
        content.compact_assets(root / "overrides" / "assets", Path(config.site_dir))
        self.search.keep_pass_index(config, self.lang, self.languages.root(self.lang))
        amendments.write_feed(Path(config.site_dir) / self.languages.root(self.lang) / amendments.FEED, self.history, self.lang, self.site_url,
                              self.languages.root(self.lang), self.chapters[self.lang])

    @event_priority(-110)  # after static-i18n has built every other language and written its index
    def _site_built(self, config):
        site = Path(config.site_dir)
        self.search.write_indexes(site)
        if self.memory:
            self.memory.build_ends()
        if offline_copy.enabled(config):
            offline_copy.finish(site, [self.languages.root(code) for code in self.languages.names])

    on_post_build = CombinedEvent(_pass_built, _site_built)

    def on_serve(self, server, config, builder):
        keep_serving_last_good_site(server)
        preview.poll_often(server)
        return server

    def _lang(self, page, config) -> str:
        return self.languages.of_page(page, config)


def _chapter_titles(folder: Path) -> dict[str, str]:
    """Each chapter's short name in its language ("Chapter 3", "Pennod 3"), by file."""
    from guidance.content.model import load_pages
    return {page.path.relative_to(folder).as_posix(): str(page.meta.get("title", page.path.stem)).split(" – ")[0]
            for page in load_pages(folder) if "paragraphs" in page.meta}


def _check_position(config: MkDocsConfig) -> None:
    names = list(config.plugins)
    here = next(i for i, name in enumerate(names) if config.plugins[name].__class__ is GuidancePlugin)
    for name in AFTER:
        if name not in names:
            raise ConfigurationError(f"The 'guidance' plugin needs the '{name}' plugin: add it to `plugins:` in "
                                     f"mkdocs.yml, before 'guidance'.")
        if names.index(name) > here:
            raise ConfigurationError(f"In mkdocs.yml, list the 'guidance' plugin after '{name}': it adjusts what "
                                     f"'{name}' does, and at equal priorities MkDocs runs plugins in list order.")

"""The live preview's memory: what a rebuild of `mkdocs serve` can take from the builds before it.

A save rebuilds the whole site, both languages (static-i18n's passes), though an edit touches one
page or two. Most of a rebuild is work whose result is fixed by a few inputs: a page's HTML by its
Markdown (after the plugins' changes), the fragments it includes and the site's list of files; a
page's search sections by its HTML, table of contents and title; the theme's file list by the theme
folders. In a serve process the plugin remembers each result under a key made of all of its
inputs, so a rebuild redoes only the work whose inputs an edit changed, and everything made from
every page (navigation, References back-links, search indexes, feeds, the other language) is still
made afresh from the remembered parts. A page whose Markdown gave a warning is never remembered: the
next rebuild warns again. `mkdocs build` never uses any of it.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import subprocess
from pathlib import Path

from guidance.content.model import INCLUDE_RE

def _digest(*parts) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        # a page's text as it is (repr would copy it); anything else by its repr
        h.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else repr(part).encode("utf-8"))
        h.update(b"\0" + type(part).__name__.encode())
    return h.hexdigest()


def _file_state(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def files_state(*paths: Path) -> list[tuple]:
    """Each file's modification time and size, of the files named and of every file under the
    folders named: what a remembered result read from them is keyed by."""
    states = []
    for path in paths:
        if path.is_dir():
            states += [_file_state(Path(root) / name) for root, _, names in sorted(os.walk(path)) for name in sorted(names)]
        else:
            states.append(_file_state(path))
    return states


def git_state(root: Path) -> str:
    """The commit checked out and the branch, for results read from the git history."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD", "--abbrev-ref", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


class _Warned(logging.Handler):
    """Notes whether anything at WARNING or above was logged while it was attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record) -> None:
        self.seen = True


class _Store:
    """Results by key, kept while builds use them: what the last complete build did not use is
    dropped when the next one starts, so a day of saves does not fill the memory."""

    def __init__(self) -> None:
        self._kept: dict[str, object] = {}  # from the builds before
        self._used: dict[str, object] = {}  # used or made by this build
        self._complete = True

    def get(self, key: str):
        if key in self._kept:
            self._used[key] = self._kept.pop(key)
        return self._used.get(key)

    def put(self, key: str, value) -> None:
        self._used[key] = value

    def build_starts(self) -> None:
        if self._complete:  # a build stopped by a content error used little: keep what it did not
            self._kept, self._used = self._used, {}
        self._complete = False

    def build_ends(self) -> None:
        self._complete = True


class PreviewMemory:
    """Kept by the plugin for the life of a serve process (MkDocs keeps a plugin with on_startup)."""

    def __init__(self) -> None:
        # page renders, search sections, the theme's file lists and remember()'s results, by key
        self._store = _Store()
        self._pass = ""  # this pass's settings and files, as one key

    def build_starts(self) -> None:
        self._store.build_starts()

    def build_ends(self) -> None:
        self._store.build_ends()

    def remember(self, kind: str, inputs: tuple, compute):
        """compute(), or its result from an earlier build with the same KIND and INPUTS (which must
        say everything the result depends on; the result is only ever read)."""
        key = _digest(kind, *inputs)
        if (result := self._store.get(key)) is None:
            result = compute()
            self._store.put(key, result)
        return result

    # -- a pass of the build ----------------------------------------------------------------------

    def begin_config(self, config) -> None:
        """In on_config, before MkDocs makes this pass's theme environment and lists its files."""
        self._theme_env(config)

    def begin_pass(self, config, files) -> None:
        """After the files are final: the settings and file list every page's HTML depends on."""
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        self._snippet_bases = [Path(p) for p in snippets.get("base_path", [])]
        self._appended = [str(p) for p in snippets.get("auto_append", [])]
        self._pass = _digest(config.markdown_extensions, sorted(config.mdx_configs.items(), key=lambda kv: kv[0]),
                             config.use_directory_urls, config.theme["language"],
                             sorted((f.src_uri, f.url) for f in files))

    # -- a page's Markdown ------------------------------------------------------------------------

    def remember_render(self, page) -> None:
        """Called before the page is read: its render answers from memory when its inputs are the same."""
        render = page.render
        page.render = lambda config, files: self._render(page, render, config, files)

    def _included(self, markdown: str) -> list[tuple]:
        """The state of every fragment the page may include, nested ones too, and those appended."""
        seen, todo, states = set(), _includes(markdown) + self._appended, []
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for base in self._snippet_bases:
                path = base / name
                states.append(_file_state(path))
                if path.is_file():
                    todo += _includes(path.read_text(encoding="utf-8", errors="replace"))
                    break
        return states

    def _render(self, page, render, config, files) -> None:
        key = _digest("render", self._pass, page.file.src_uri, page.file.url, page.markdown, self._included(page.markdown))
        if (done := self._store.get(key)) is not None:
            page.content = done["content"]
            page.toc = copy.deepcopy(done["toc"])
            page._title_from_render = done["title"]
            page.present_anchor_ids = set(done["anchors"])
            if done["links"] is not None:
                page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                         for src, links in done["links"].items()}
            return
        warned = _Warned()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in loggers:
            logger.addHandler(warned)
        try:
            render(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(warned)
        if warned.seen:
            return
        links = getattr(page, "links_to_anchors", None)
        self._store.put(key, {"content": page.content, "toc": copy.deepcopy(page.toc),
                            "title": page._title_from_render, "anchors": set(page.present_anchor_ids or ()),
                            "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()}})

    # -- a page's search sections -----------------------------------------------------------------

    def remember_sections(self, index) -> None:
        """Material's search index of this pass: a page's sections come from memory when its HTML,
        table of contents, address and titles are the same."""
        add = index.add_entry_from_context

        def add_remembered(page) -> None:
            key = _digest("sections", self._pass, page.url, page.title, page.meta.get("title"), page.meta.get("search"),
                          page.meta.get("tags"), page.content, _toc_key(page.toc))
            if (entries := self._store.get(key)) is not None:
                index.entries.extend(dict(entry) for entry in entries)  # flat: the plugin sets keys, never changes values
                return
            start = len(index.entries)
            add(page)
            self._store.put(key, [dict(entry) for entry in index.entries[start:]])

        index.add_entry_from_context = add_remembered

    # -- the theme's files ------------------------------------------------------------------------

    def _theme_env(self, config) -> None:
        """The theme's Jinja environments list the theme's files from memory while its folders are
        unchanged: Material's folder holds thousands, and MkDocs lists and filters them on every
        build. The filter is MkDocs' own (Files.add_files_from_theme), which reads only the theme's
        static_templates from the configuration."""
        theme = config.theme
        if getattr(theme.get_env, "remembered", False):
            return
        get_env, store = theme.get_env, self._store

        def get_env_remembered():
            env = get_env()
            list_templates = env.list_templates

            def listed(extensions=None, filter_func=None):
                key = _digest("templates", theme.dirs, _tree_state(theme.custom_dir), extensions,
                              getattr(filter_func, "__code__", filter_func), sorted(theme.static_templates))
                if (names := store.get(key)) is None:
                    names = list_templates(extensions, filter_func)
                    store.put(key, names)
                return list(names)

            env.list_templates = listed
            return env

        get_env_remembered.remembered = True
        theme.get_env = get_env_remembered


#: How often the preview looks for saved files: MkDocs polls every 0.5 s, a quarter of a second's
#: wait on average before a rebuild starts; polling the few dozen source files is cheap.
POLL_SECONDS = 0.1


def poll_often(server) -> None:
    """In on_serve: the live-reload server's file watchers (watchdog polling emitters, one made for
    each path MkDocs watches) poll every POLL_SECONDS, those of the paths MkDocs adds after on_serve
    too (mkdocs.yml's `watch:`: docs_cy/ and the .bib). MkDocs offers no setting for it; a watchdog
    without the attribute keeps polling at MkDocs' rate."""
    watch = server.watch

    def watch_often(path, func=None, *, recursive=True) -> None:
        watch(path, func, recursive=recursive)
        _poll_often(server)

    server.watch = watch_often
    _poll_often(server)


def _poll_often(server) -> None:
    for emitter in server.observer.emitters:
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLL_SECONDS


def compute_now(kind: str, inputs: tuple, compute):
    """PreviewMemory.remember's stand-in outside a preview: nothing is kept."""
    return compute()


def _includes(markdown: str) -> list[str]:
    return [m.group(3) for line in markdown.split("\n") if (m := INCLUDE_RE.match(line))]


def _toc_key(toc) -> list:
    return [(item.id, item.title, item.level, _toc_key(item.children)) for item in toc]


def _tree_state(folder: str | None) -> list:
    """Each folder's modification time under FOLDER (the project's theme overrides; an installed
    theme does not change while serving): it changes when a file is added or removed."""
    if not folder or not os.path.isdir(folder):
        return []
    return [(root, os.stat(root).st_mtime_ns) for root, _, _ in os.walk(folder)]

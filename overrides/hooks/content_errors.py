"""Hook: mistakes that would break the build are told as `guidance check` tells them, file:line.

An unknown [@key], a .bib that pybtex cannot read (broken syntax, a key used twice), a `--8<--`
include naming a missing file, or a Markdown file not saved as UTF-8 used to stop `mkdocs build`
with a Python traceback, and under `mkdocs serve` the rebuild failed and every page request then
waited for a good build. This hook runs those checks (guidance.checks.BUILD_CHECKS, the functions
`guidance check` uses, nothing else: no spell check) before anything reads the content, and:

- `mkdocs build` stops with each message and a line saying to fix them (a PluginError: MkDocs logs
  it and exits 1 with "Aborted with a BuildError!", no traceback);
- `mkdocs serve` logs the same messages and keeps serving the last good site (nothing has been
  written yet when the check fails), and picks up the fix on the next save.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority

from guidance import checks
from guidance.plugin.mkdocs_site import bibliography, welsh_docs

log = logging.getLogger("mkdocs.hooks.content_errors")


class ContentErrors(PluginError):
    """The content has mistakes `guidance check` words; they have been logged one per line."""


#: The last check: (what it looked at, its problems). static-i18n runs on_config once per language
#: and the check covers both languages, so the second pass reuses it while no file has changed.
_last: tuple[tuple, list[checks.Problem]] | None = None


def _stamp(config) -> tuple:
    """Every file the checks read, with its size and modification time (a few dozen stat calls)."""
    folders = [Path(config.docs_dir), welsh_docs(config)]
    files = [p for folder in folders if folder.exists() for p in sorted(folder.rglob("*.md"))] + [bibliography(config)]
    return tuple((str(p), *((s.st_mtime_ns, s.st_size) if (s := _stat(p)) else ())) for p in files)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


# Priority 100: before mkdocs-bibtex (0) parses bibliography.bib in its own on_config (a .bib it
# cannot read, or an unknown key later, would end in a traceback) and before anything is written.
@event_priority(100)
def on_config(config):
    global _last
    start = time.perf_counter()
    stamp = _stamp(config)
    if _last is None or _last[0] != stamp:
        content = checks.Content.load(Path(config.docs_dir), welsh_docs(config), bibliography(config),
                                      Path(config.config_file_path))
        _last = stamp, checks.build_errors(content)
        log.debug(f"Content checks: {len(_last[1])} problem(s) in {time.perf_counter() - start:.3f} s")
    else:
        log.debug(f"Content checks: unchanged since the last pass ({time.perf_counter() - start:.3f} s)")
    problems = _last[1]
    if problems:
        for problem in problems:
            log.error(str(problem))
        raise ContentErrors(f"{len(problems)} problem(s) above stop the site from building. Fix each line "
                            "(file:line says where), save, and the site builds again.")
    return config


def on_serve(server, config, builder):
    """MkDocs 1.6's live-reload server, when a rebuild raises, prints the error but leaves its
    "build in progress" mark set, so every page request then waits (for ever) for a good build. When
    the rebuild stopped on our messages, the last good site is still there untouched: let the server
    serve it and reload browsers as after any build; the next save rebuilds with the fix."""
    rebuild = server.builder

    def rebuild_or_keep_last_site():
        try:
            rebuild()
        except Abort as exc:
            if not _caused_by_content_errors(exc):
                raise
            log.warning("The preview still shows the last good build. Fix the problem(s) above and save: "
                        "the site rebuilds then.")

    server.builder = rebuild_or_keep_last_site
    return server


def _caused_by_content_errors(exc: BaseException | None) -> bool:
    # MkDocs turns our PluginError into Abort("Aborted with a BuildError!") inside its `except`.
    while exc is not None:
        if isinstance(exc, ContentErrors):
            return True
        exc = exc.__cause__ or exc.__context__
    return False

"""Content errors: mistakes that would break the build are told as `guidance check` tells them.

An unknown [@key], a .bib that pybtex cannot read (broken syntax, a key used twice), a `--8<--`
include naming a missing file, a Markdown file not saved as UTF-8 or an unknown marker used to stop
`mkdocs build` with a Python traceback, and under `mkdocs serve` the rebuild failed and every page
request then waited for a good build. The plugin runs those checks (guidance.checks.BUILD_CHECKS,
the functions `guidance check` uses, nothing else: no spell check) before anything reads the
content, and:

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

from guidance import checks
from guidance.plugin.preview import files_state

log = logging.getLogger("mkdocs.plugins.guidance")


class ContentErrors(PluginError):
    """The content has mistakes `guidance check` words; they have been logged one per line."""


class ContentCheck:
    """Runs the build checks; static-i18n runs on_config once per language and the checks cover
    both, so a pass reuses the last result while no file it read has changed."""

    def __init__(self) -> None:
        self._last: tuple[list[tuple], list[checks.Problem]] | None = None

    def run(self, docs: Path, docs_cy: Path, bibliography: Path, mkdocs_yml: Path) -> None:
        start = time.perf_counter()
        stamp = _stamp([docs, docs_cy], bibliography)
        if self._last is None or self._last[0] != stamp:
            content = checks.Content.load(docs, docs_cy, bibliography, mkdocs_yml)
            self._last = stamp, checks.build_errors(content)
            log.debug(f"Content checks: {len(self._last[1])} problem(s) in {time.perf_counter() - start:.3f} s")
        else:
            log.debug(f"Content checks: unchanged since the last pass ({time.perf_counter() - start:.3f} s)")
        problems = self._last[1]
        if problems:
            for problem in problems:
                log.error(str(problem))
            raise ContentErrors(f"{len(problems)} problem(s) above stop the site from building. Fix each line "
                                "(file:line says where), save, and the site builds again.")


def _stamp(folders: list[Path], bibliography: Path) -> list[tuple]:
    """Every file the checks read, with its size and modification time (a few dozen stat calls)."""
    return files_state(*[p for folder in folders if folder.exists() for p in sorted(folder.rglob("*.md"))], bibliography)


def keep_serving_last_good_site(server) -> None:
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


def _caused_by_content_errors(exc: BaseException | None) -> bool:
    # MkDocs turns our PluginError into Abort("Aborted with a BuildError!") inside its `except`.
    while exc is not None:
        if isinstance(exc, ContentErrors):
            return True
        exc = exc.__cause__ or exc.__context__
    return False

"""The site as it is published: `mkdocs build --strict`, then the downloads its home page offers.

One recipe for everyone who builds it: `guidance build` (and so `bash scripts/dev.sh build` and the
deploy workflow) and the test suite's `site` fixture all call build() here.

  1. `mkdocs build --strict` of the project into the site folder: any warning fails the build; the
     content mistakes that would stop it are printed as `file:line: what to do` (the content_errors
     hook), never as a traceback.
  2. the PDFs, into SITE/downloads/: the whole guidance and the Prompt card, each per language (pdf.py);
  3. the offline copy, into SITE/downloads/ as one zip (offline.py);
  4. each dated edition's downloads, into SITE/editions/DATE/ (editions.py): this build's own when
     the edition's text is the text built, else an earlier build's, else a build of its commit.

MkDocs and the PDF printing each run in a process of their own, as on the command line: their
messages and exit status are those of `mkdocs build` and `guidance pdf`, the hooks' per-process
caches start empty, and Playwright's sync API (which cannot run where an asyncio loop already runs,
such as a test session's browser) has a process to itself. The environment passes through:
SITE_URL (where the site is published; the PDFs are printed from a local server under the same
path), REPO_URL and EDIT_URI (set by the deploy workflow); NO_MKDOCS_2_WARNING is set, as every
build here does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from guidance.project import Project
from guidance.site import editions, offline
from guidance.site.serve import prefix_of

#: Where the downloads go in the site; the home page links to them there.
DOWNLOADS = "downloads"


class BuildError(Exception):
    """A step failed; the message says which and holds what it printed."""


def environment(site_url: str | None = None) -> dict[str, str]:
    """The environment every build of the site runs in: this process's, with SITE_URL if given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life notice; mkdocs<2 is pinned on purpose
    if site_url is not None:
        env["SITE_URL"] = site_url
    return env


def _run(what: str, command: list[str], project: Project, env: dict[str, str], capture: bool) -> None:
    """One step in a process of its own; BuildError naming it when it fails (with what it printed, when
    captured; else it printed to this process's stdout and stderr)."""
    result = subprocess.run(command, cwd=project.root, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        printed = f":\n{result.stdout}{result.stderr}" if capture else " (its messages are above)"
        raise BuildError(f"{what} failed{printed}")


def build(project: Project, site_dir: Path, downloads: bool = True, site_url: str | None = None,
          capture: bool = False, log: Callable[[str], None] | None = None) -> list[Path]:
    """Build project's site into site_dir and, with downloads, its PDFs and offline copy into
    site_dir/downloads/; return the downloads written.

    site_url: where the site is published (default: $SITE_URL, else mkdocs.yml's local address); the
    PDFs are printed from a local server under its path. capture: keep what MkDocs and the PDF step
    print for the BuildError message instead of printing it. Raises BuildError, naming the step that
    failed (a Prompt card too long for its page is one: its message says what to shorten). log: where
    each step's line goes (default: stdout, flushed before the next step's process writes there)."""
    log = log or (lambda line: print(line, flush=True))
    env = environment(site_url)
    site_dir = Path(site_dir).resolve()
    _run("mkdocs build --strict", [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                                   str(project.config), "--site-dir", str(site_dir)], project, env, capture)
    log(f"{site_dir}: the site, built from {project.config} (strict).")
    if not downloads:
        return []
    _run("guidance pdf", [sys.executable, "-m", "guidance.cli", "pdf", str(site_dir), "--root", str(project.root),
                          "--prefix", prefix_of(env.get("SITE_URL") or "/")], project, env, capture)
    try:
        zip_path = offline.build(site_dir / DOWNLOADS / offline.FILENAME, project.config, env)
    except RuntimeError as exc:
        raise BuildError(str(exc)) from None
    log(f"{zip_path} ({zip_path.stat().st_size // 1024} KB): the offline copy: unzip it and open index.html "
        "(Cymraeg: cy/index.html)")
    written = sorted((site_dir / DOWNLOADS).iterdir())
    if os.environ.get(editions.BUILDING_EDITION):
        return written  # this is an edition's own build (step 4 of another): its editions are not its to make
    try:
        editions.publish(project, site_dir, site_dir / DOWNLOADS, log)
    except editions.EditionError as exc:
        raise BuildError(str(exc)) from None
    return written

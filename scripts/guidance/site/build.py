"""The site as it is published: `mkdocs build --strict`, then the downloads its home page offers.

One recipe for everyone who builds it: `guidance build` (and so `bash scripts/dev.sh build` and the
deploy workflow) and the test suite's `site` fixture all call build() here.

  1. `mkdocs build --strict` of the project into the site folder: any warning fails the build; the
     content mistakes that would stop it are printed as `file:line: what to do` (the content_errors
     hook), never as a traceback.
  2. the PDFs, into SITE/downloads/: the whole guidance and the Prompt card, each per language (pdf.py);
  3. the offline copy, into SITE/downloads/ as one zip (offline.py).

MkDocs runs in a process of its own, as `mkdocs build` does, so its messages, its exit status and the
hooks' per-process caches are those of the command line. The environment passes through:
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
from guidance.site import card, offline, pdf
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


def mkdocs_build(project: Project, site_dir: Path, env: dict[str, str], capture: bool = False) -> None:
    """`mkdocs build --strict` of project into site_dir. Raises BuildError when it fails; with capture,
    the message holds what MkDocs printed (else MkDocs prints to this process's stdout and stderr)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project.config),
               "--site-dir", str(site_dir)]
    result = subprocess.run(command, cwd=project.root, env=env, capture_output=capture, text=True)
    if result.returncode != 0:
        printed = f":\n{result.stdout}{result.stderr}" if capture else " (its messages are above)"
        raise BuildError(f"mkdocs build --strict failed{printed}")


def build(project: Project, site_dir: Path, downloads: bool = True, site_url: str | None = None,
          capture: bool = False, log: Callable[[str], None] = print) -> list[tuple[Path, str]]:
    """Build project's site into site_dir and, with downloads, its PDFs and offline copy into
    site_dir/downloads/. Returns each download with a line on what it holds.

    site_url: where the site is published (default: $SITE_URL, else mkdocs.yml's local address); the
    PDFs are printed from a local server under its path. capture: keep MkDocs' output for the
    BuildError message instead of printing it. Raises BuildError, naming the step that failed."""
    env = environment(site_url)
    site_dir = Path(site_dir).resolve()
    mkdocs_build(project, site_dir, env, capture)
    log(f"{site_dir}: the site, built from {project.config} (strict).")
    if not downloads:
        return []
    out = site_dir / DOWNLOADS
    try:
        written = pdf.build(site_dir, out, project, prefix_of(env.get("SITE_URL") or "/"))
    except card.CardError as exc:
        raise BuildError(str(exc)) from None
    try:
        zip_path = offline.build(out / offline.FILENAME, project.config, env)
    except RuntimeError as exc:
        raise BuildError(str(exc)) from None
    written.append((zip_path, "the offline copy: unzip it and open index.html (Cymraeg: cy/index.html)"))
    for path, holds in written:
        log(f"{path} ({path.stat().st_size // 1024} KB): {holds}")
    return written

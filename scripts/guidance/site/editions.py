"""Each dated edition's downloads, kept in the site at editions/DATE/, so that "the guidance as it
stood on DATE" can be cited and fetched: the PDFs and the offline copy of the text editions.yml records.

What's changed links each edition to its files there (plugin/amendments.py). They come from the
first of these that has them:
  1. this build's own downloads, when the edition's text is the text being built: the files the
     downloads are made from (both languages' pages and the bibliography) are the same in the
     edition's commit as in the working tree;
  2. the editions cache, build/editions/COMMIT/, which step 3 of an earlier build filled;
  3. a build of the edition's commit in a git worktree of its own, by that commit's own recipe
     (`guidance build`, its own scripts/ first on the Python path, with this environment's
     packages): the edition printed as the guidance then stood, by the code it was published with.
     About a minute, once per machine; the deploy workflow keeps the cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guidance.content.history import EDITIONS, EditionRecord, EditionsError, has_commit, read_editions
from guidance.project import Project
from guidance.site import card, offline, pdf

#: Where the editions' downloads go in the site; each edition's in a folder named by its date.
FOLDER = "editions"
#: Set in the environment of an edition's own build, which then makes no editions of its own.
BUILDING_EDITION = "GUIDANCE_BUILDING_EDITION"
#: How the site folder of an edition's own build is called inside its worktree.
_BUILT = "site"


def files(languages: list[str]) -> list[tuple[str, str | None, str]]:
    """Each download an edition keeps, as (file name, language or None for both, strings key): the
    guidance PDFs, the cards, then the offline copy."""
    return ([(pdf.FILENAME.format(lang=lang), lang, "edition_pdf") for lang in languages]
            + [(card.FILENAME.format(lang=lang), lang, "edition_card") for lang in languages]
            + [(offline.FILENAME, None, "edition_offline")])


class EditionError(Exception):
    """An edition's downloads could not be made; the message says which edition and why."""


@dataclass(frozen=True)
class Source:
    """Where one edition's downloads come from: "current", "cache" or "build"."""
    edition: EditionRecord
    kind: str


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def text_paths(project: Project) -> list[str]:
    """The files an edition's downloads are made from, relative to the project folder."""
    return [project.rel(p) for p in (project.docs, project.docs_cy, project.bibliography)]


def is_current(project: Project, edition: EditionRecord) -> bool:
    """Whether the working tree holds the edition's text: no difference, committed or not, and no new
    file, in the paths the downloads are made from."""
    paths = text_paths(project)
    same = _git(project.root, "diff", "--quiet", edition.commit, "--", *paths).returncode == 0
    untracked = _git(project.root, "ls-files", "--others", "--exclude-standard", "--", *paths).stdout.strip()
    return same and not untracked


def cache_of(project: Project, edition: EditionRecord) -> Path:
    return project.build_dir / FOLDER / edition.commit


def sources(project: Project) -> list[Source]:
    """Each recorded edition, oldest first, with where its downloads will come from."""
    try:
        editions, _ = read_editions(project.root / EDITIONS)
    except EditionsError as exc:
        raise EditionError(str(exc)) from None
    found = []
    for edition in editions:
        if is_current(project, edition):
            kind = "current"
        elif any(cache_of(project, edition).glob("*")):
            kind = "cache"
        else:
            kind = "build"
        found.append(Source(edition, kind))
    return found


def build_commit(project: Project, commit: str, out: Path, log: Callable[[str], None]) -> None:
    """Build commit's site with its downloads, by its own code and recipe, in a worktree of its own;
    copy the downloads into out/. Raises EditionError with what the build printed if it fails."""
    if not has_commit(project.root, commit):
        raise EditionError(f"{EDITIONS}: commit {commit} is not in this copy's git history; fetch the full "
                           "history (git fetch --unshallow) or correct the commit.")
    with tempfile.TemporaryDirectory(prefix="edition-") as tmp:
        tree = Path(tmp) / "tree"
        added = _git(project.root, "worktree", "add", "--detach", str(tree), commit)
        if added.returncode != 0:
            raise EditionError(f"git worktree add {commit} failed:\n{added.stderr}")
        try:
            log(f"Building the edition of commit {commit} by its own recipe (about a minute, once)…")
            own_code = os.pathsep.join(filter(None, [str(tree / "scripts"), os.environ.get("PYTHONPATH")]))
            result = subprocess.run([sys.executable, "-m", "guidance.cli", "build", "--site-dir", _BUILT], cwd=tree,
                                    capture_output=True, text=True,
                                    env={**os.environ, "PYTHONPATH": own_code, BUILDING_EDITION: "1"})
            if result.returncode != 0:
                raise EditionError(f"The build of commit {commit} failed:\n{result.stdout}{result.stderr}")
            built = tree / _BUILT / "downloads"
            out.mkdir(parents=True, exist_ok=True)
            for file in sorted(built.iterdir()):
                shutil.copy2(file, out / file.name)
        finally:
            _git(project.root, "worktree", "remove", "--force", str(tree))


def publish(project: Project, site_dir: Path, downloads: Path, log: Callable[[str], None]) -> list[Path]:
    """Put every edition's downloads into site_dir/editions/DATE/, from this build's downloads (in
    downloads/), the cache, or a build of its commit; return the folders written."""
    written = []
    for source in sources(project):
        edition = source.edition
        target = site_dir / FOLDER / edition.date.isoformat()
        if source.kind == "build":
            build_commit(project, edition.commit, cache_of(project, edition), log)
        origin = downloads if source.kind == "current" else cache_of(project, edition)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(origin, target)
        log(f"{target}: the downloads of the edition of {edition.date.isoformat()} "
            f"({'this build' if source.kind == 'current' else 'commit ' + edition.commit})")
        written.append(target)
    return written

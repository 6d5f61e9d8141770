"""The temporary copy of the project that every measurement runs on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .settings import SITE_URL, SKIP_ANYWHERE, SKIP_AT_TOP


def copy_project(root: Path, dest: Path) -> Path:
    """Copy the project (sources, configuration, the guidance package) into dest."""
    def skipped(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == root.resolve()
        return {n for n in names if n in SKIP_ANYWHERE or n.endswith(".egg-info") or (top and n in SKIP_AT_TOP)}

    shutil.copytree(root, dest, ignore=skipped)
    return dest


def commit_copy(project: Path) -> bool:
    """One commit of the copy, so the guidance plugin's page dates come from `git log` as in a clone.
    Without git the plugin dates every page today and the build is otherwise the same."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "benchmark", "GIT_AUTHOR_EMAIL": "benchmark@localhost",
           "GIT_COMMITTER_NAME": "benchmark", "GIT_COMMITTER_EMAIL": "benchmark@localhost"}
    try:
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "benchmark copy"]):
            subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def mkdocs_env(project: Path) -> dict[str, str]:
    """The environment of every build: a local site URL, and the copy's own `guidance` package
    (scripts/) ahead of the installed one, so the plugin and the code it imports are the same snapshot."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    for name in ("REPO_URL", "EDIT_URI"):
        env.pop(name, None)
    if (project / "scripts").is_dir():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project / "scripts"), env.get("PYTHONPATH")]))
    return env


def mkdocs_command(*args: str) -> list[str]:
    """mkdocs from the environment this command runs in."""
    return [sys.executable, "-m", "mkdocs", *args]


def load_mkdocs_yml(path: Path) -> dict:
    """The configuration as MkDocs reads it (!ENV tags resolved, INHERIT followed)."""
    from mkdocs.utils.yaml import yaml_load

    with path.open("rb") as fd:
        return yaml_load(fd)


def nav_files(nav) -> list[str]:
    """Every Markdown file named in a nav, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in nav_files(value)]
    if isinstance(nav, list):
        return [f for item in nav for f in nav_files(item)]
    return []

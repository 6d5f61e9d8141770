"""Hook: each page says when it last changed (from git history) and which edition it is.

A live document must show what changed and when. The date is the last commit that touched the
page's own source file (docs/ or docs_cy/) or a passage it includes (includes/), so an English edit
does not re-date the Welsh page and an edit to a shared passage re-dates every page showing it.
A file not yet committed (a local preview of an edit) shows today's date. The edition names the
source document and this site's version and commit.
"""

from __future__ import annotations

import datetime
import subprocess
from importlib.metadata import version
from pathlib import Path

from guidance.content.model import Page
from guidance.plugin.mkdocs_site import page_language, project_root, welsh_docs
from guidance.strings import format_date, text

_last_changed: dict[Path, datetime.date] = {}
_edition = {"version": version("cse-guidance"), "commit": ""}


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else ""


def on_config(config):
    """Read the whole history once per build: newest commit date of every file."""
    root = project_root(config)
    _last_changed.clear()
    day = None
    for line in _git(root, "log", "--format=%x00%cs", "--name-only", "--", "docs", "docs_cy").splitlines():
        if line.startswith("\x00"):
            day = datetime.date.fromisoformat(line[1:])
        elif line and day:
            _last_changed.setdefault((root / line).resolve(), day)
    _edition["commit"] = _git(root, "rev-parse", "--short", "HEAD").strip()
    return config


def on_page_context(context, page, config, nav):
    lang = page_language(page, config)
    source = Path(page.file.abs_src_path)
    folder = welsh_docs(config) if lang == "cy" else Path(config.docs_dir)
    files = [source] + [include.path for include in Page.load(source, folder).includes]
    day = max(_last_changed.get(f.resolve(), datetime.date.today()) for f in files)
    context["last_updated"] = {"iso": day.isoformat(), "text": format_date(day, lang)}
    release = _edition["version"] + (f" ({_edition['commit']})" if _edition["commit"] else "")
    context["edition"] = text(lang, "edition", version=release)
    return context

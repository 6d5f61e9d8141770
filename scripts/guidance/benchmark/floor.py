"""The floor: a plain Material build of the same Markdown, no plugins, no hooks (both languages)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from guidance.project import Project
from .project import load_mkdocs_yml
from .settings import OWN_EXTENSION_PREFIX


FLOOR_DIR = "benchmark-floor"
SNIPPET_LINE_RE = re.compile(r"""^(\s*-{1,}8<-{1,}\s+)(["']?)(?!/|[a-z]+://)(\S)""", re.M)


def floor_extensions(config: dict, docs_root: Path) -> list:
    """The project's Markdown extensions with their options, minus its own (guidance.*).
    pymdownx.snippets reads fragments from the floor's docs and never fails on a missing one;
    the abbreviations the project appends per language are appended to the files instead."""
    extensions = []
    for item in config.get("markdown_extensions", []):
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name.startswith(OWN_EXTENSION_PREFIX):
            continue
        if name == "pymdownx.snippets":
            options = {"base_path": [str(docs_root)], "check_paths": False}
        extensions.append({name: options} if options else name)
    return extensions


def auto_appended_fragments(config: dict) -> list[str]:
    """Fragments the guidance plugin appends to every page (its `abbreviations` option), if it is used."""
    from guidance.plugin.config import GuidanceConfig

    for item in config.get("plugins", []):
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name == "guidance":
            return [(options or {}).get("abbreviations", GuidanceConfig.abbreviations.default)]
    return []


def copy_floor_pages(source: Path, dest: Path, appended: list[str], snippet_prefix: str = "",
                     only_mirroring: Path | None = None) -> int:
    """Copy a language's files into the floor's docs, appending its fragments to each page as the
    real build does; return the number of pages."""
    pages = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        rel = path.relative_to(source)
        if only_mirroring is not None and not (only_mirroring / rel).exists():
            continue  # editors' files in docs_cy/ (terminology.yml, word list) are not published
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md" or rel.parts[0] == "includes":
            shutil.copy2(path, target)
            continue
        text = path.read_text(encoding="utf-8")
        if snippet_prefix:
            text = SNIPPET_LINE_RE.sub(lambda m: m.group(1) + m.group(2) + snippet_prefix + m.group(3), text)
        for fragment in appended:
            if (source / fragment).exists():
                text += "\n\n" + (source / fragment).read_text(encoding="utf-8")
        target.write_text(text, encoding="utf-8")
        pages += 1
    return pages


def write_floor(project: Path, with_search: bool = False) -> Path:
    """A plain Material site of the same Markdown (docs/ at the root, docs_cy/ under cy/) and its
    mkdocs.yml, next to the project: no plugins (or only search), no hooks, no custom theme files."""
    config = load_mkdocs_yml(project / "mkdocs.yml")
    floor = project.parent / (FLOOR_DIR + ("-search" if with_search else ""))
    docs = floor / "docs"
    if floor.exists():
        shutil.rmtree(floor)
    appended = auto_appended_fragments(config)
    copy_floor_pages(project / config.get("docs_dir", "docs"), docs, appended)
    sources = Project.at(project)
    welsh = sources.welsh_root.strip("/")
    if sources.docs_cy.is_dir():
        copy_floor_pages(sources.docs_cy, docs / welsh, appended, snippet_prefix=f"{welsh}/",
                         only_mirroring=project / config.get("docs_dir", "docs"))
    floor_config = {
        "site_name": config.get("site_name", "Floor"),
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": ["search"] if with_search else [],
        "markdown_extensions": floor_extensions(config, docs),
        "exclude_docs": config.get("exclude_docs", ""),
    }
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(floor_config, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    return floor / "mkdocs.yml"

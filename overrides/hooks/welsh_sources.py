"""Hook: present docs_cy/ to mkdocs-static-i18n as the Welsh side of docs/.

static-i18n (suffix structure) expects Welsh pages as `X.cy.md` next to `X.md` in docs_dir. Editors
keep them in a parallel top-level folder instead, so the two languages are easy to compare and
review. This bridge needs two steps around static-i18n's own on_files (priority -100):

1. before it (50): add every docs_cy/X as a virtual docs_dir file X.cy.<ext>;
2. after it (-110): static-i18n rebuilt each File from docs_dir, so point the Welsh ones back at
   their real docs_cy source (content, live reload and "edit this page" links all follow).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from guidance.plugin.mkdocs_site import welsh_docs

WELSH = "cy"


def _welsh_sources(config) -> dict[str, Path]:
    """Virtual docs_dir name (X.cy.md) -> real file in docs_cy/, for files that mirror one in docs/.
    Only mirrored files are published: docs_cy/ also holds editors' files such as terminology.yml."""
    folder = welsh_docs(config)
    sources = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if config.exclude_docs and config.exclude_docs.match_file(rel.as_posix()):
            continue  # fragments (docs/includes/) are included into pages, not published
        if (Path(config.docs_dir) / rel).exists():
            sources[rel.with_suffix(f".{WELSH}{rel.suffix}").as_posix()] = path
    return sources


@event_priority(50)
def _add_welsh_files(files, config):
    # Left pointing at docs_dir/X.cy.md (which does not exist): static-i18n only accepts files
    # under docs_dir. The second step points them at their real source.
    for name in _welsh_sources(config):
        files.append(File(name, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(-110)
def _locate_welsh_files(files, config):
    real = _welsh_sources(config)
    folder = welsh_docs(config)
    for file in files:
        if file.src_uri in real:
            file.abs_src_path = str(real[file.src_uri])
            file.edit_uri = (Path("..") / "docs_cy" / real[file.src_uri].relative_to(folder)).as_posix()
    return files


on_files = CombinedEvent(_add_welsh_files, _locate_welsh_files)

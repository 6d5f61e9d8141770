"""Page addresses that never break: the record of every address published, and what serves each now.

Readers bookmark and quote page addresses (`…/chapter-3-safeguarding-procedures/#para-158`), so an
address, once published, must keep working. `published-urls.txt` lists every page address of both
languages; `guidance check` (published-urls) fails when one of them is neither a page any more nor the
old name of a renamed page (`redirect_maps` in mkdocs.yml, served in both languages by
the guidance plugin, bilingual.py), and when a page is not in the record yet.
`guidance urls --record` adds the addresses of new pages; it never removes one.

Addresses are worked out from the source files, without building, the way MkDocs does with
`use_directory_urls` (its default): docs/a/b.md is /a/b/, docs/index.md is /, and the Welsh page
docs_cy/a/b.md is /cy/a/b/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from guidance.content.model import Page
from guidance.content.translation import Edition
#: Where each language is published, relative to the site root (as in mkdocs.yml's i18n languages).

HEADER = """\
# Every page address this site has published, one a line, from the root of the site (on GitHub
# Pages, https://<owner>.github.io/<repository>/ is "/"). Readers bookmark and quote these, so each
# must keep working for good: `guidance check` fails when one is neither a page in docs/ or docs_cy/
# nor the old name of a renamed page in redirect_maps (mkdocs.yml), and when a page is missing here.
# `guidance urls --record` adds new pages' addresses. Never delete a line: rename with a redirect.
"""


def page_path(rel: str | PurePosixPath) -> str:
    """'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/', 'index.md' -> '' (MkDocs with use_directory_urls)."""
    path = PurePosixPath(rel)
    if path.stem in ("index", "README"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


@dataclass(frozen=True)
class Redirect:
    old: str  # source file name as in docs/, e.g. about.md
    new: str  # the page it now is, e.g. about-this-guidance.md
    line: int  # its line in mkdocs.yml


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its tags (!ENV, !relative) read as plain values: only redirect_maps matters here."""


_Loader.add_multi_constructor("!", lambda loader, tag, node: loader.construct_scalar(node)
                              if isinstance(node, yaml.ScalarNode) else None)


def redirects(config: Path) -> list[Redirect]:
    """The redirect_maps entries of the redirects plugin in mkdocs.yml, with their line numbers."""
    text = config.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Loader) or {}
    maps: dict = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            maps = (plugin["redirects"] or {}).get("redirect_maps") or {}
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("redirect_maps:")), 0)

    def line_of(old: str) -> int:
        pattern = re.compile(rf"^\s*['\"]?{re.escape(old)}['\"]?\s*:")
        return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), start + 1)

    return [Redirect(str(old), str(new), line_of(str(old))) for old, new in maps.items()]


def pages(edition: Edition, welsh_root: str) -> dict[str, Page]:
    """Every page address built from docs/ and docs_cy/ -> its source page. A Welsh page is published
    only when docs/ has the page of the same name (the guidance plugin, bilingual.py)."""
    urls = {"/" + page_path(p.path.relative_to(edition.docs).as_posix()): p for p in edition.english}
    for pair in edition.pairs:
        if pair.welsh is not None:
            urls[welsh_root + page_path(pair.welsh.path.relative_to(edition.docs_cy).as_posix())] = pair.welsh
    return urls


def redirected(maps: list[Redirect], welsh_root: str) -> dict[str, Redirect]:
    """Every address a redirect serves: each entry in both languages."""
    out = {}
    for r in maps:
        out["/" + page_path(r.old)] = r
        out[welsh_root + page_path(r.old)] = r
    return out


def source_name(url: str, welsh_root: str) -> str:
    """The file name (as in docs/) whose page had this address: '/cy/about/' -> 'about.md'."""
    path = url[len(welsh_root):] if url.startswith(welsh_root) else url.lstrip("/")
    return (path.rstrip("/") or "index") + ".md"


def sort_key(url: str, welsh_root: str) -> tuple[bool, str]:
    """English addresses first, then Welsh, each alphabetically."""
    return url.startswith(welsh_root), url


def read(record: Path) -> list[tuple[int, str]]:
    """(line, entry) for every line of the record that is not blank or a # comment."""
    if not record.exists():
        return []
    return [(no, line.strip()) for no, line in enumerate(record.read_text(encoding="utf-8").split("\n"), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def write(urls: set[str], record: Path, welsh_root: str) -> None:
    """Rewrite the record with these addresses (sorted) under the file's own comment lines."""
    header = HEADER
    if record.exists():
        lines = record.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines[: next((i for i, l in enumerate(lines) if l.strip() and not l.startswith("#")), len(lines))]
                if line.startswith("#")]
        header = "\n".join(kept) + "\n" if kept else HEADER
    record.write_text(header + "".join(f"{u}\n" for u in sorted(urls, key=lambda u: sort_key(u, welsh_root))), encoding="utf-8")

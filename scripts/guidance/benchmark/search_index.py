"""Search index size of each language against the text of its pages."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

from .pages import gzip_size


class _ArticleText(html.parser.HTMLParser):
    """The visible text inside a page's <article> (scripts, styles and hidden templates left out)."""

    SKIP = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag in self.SKIP and self.depth:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html_text: str) -> str:
    parser = _ArticleText()
    parser.feed(html_text)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def language_pages(site: Path, lang_root: str, other_roots: set[str]) -> list[Path]:
    """Built pages of one language: the default at the root (other languages' folders left out)."""
    root = site / lang_root if lang_root else site
    pages = []
    for path in root.rglob("index.html"):
        rel = path.relative_to(root)
        if not lang_root and rel.parts and f"{rel.parts[0]}/" in other_roots:
            continue
        pages.append(path)
    return sorted(pages)


def measure_search_indexes(site: Path, roots: dict[str, str]) -> dict:
    result = {}
    for lang, root in roots.items():
        index = site / root / "search" / "search_index.json"
        if not index.exists():
            result[lang] = {"present": False}
            continue
        data = index.read_bytes()
        docs = json.loads(data)["docs"]
        text_bytes = sum(len(article_text(p.read_text(encoding="utf-8")).encode()) for p in language_pages(site, root, set(roots.values()) - {""}))
        result[lang] = {
            "present": True, "path": f"{root}search/search_index.json", "bytes": len(data),
            "gzip_bytes": gzip_size(data), "sections": len(docs), "text_bytes": text_bytes,
            "ratio_to_text": round(len(data) / text_bytes, 2) if text_bytes else None,
            "gzip_ratio_to_text": round(gzip_size(data) / text_bytes, 2) if text_bytes else None,
        }
    return result

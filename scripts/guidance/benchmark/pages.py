"""Page weight: what a reader's browser downloads for the first view of each page type."""

from __future__ import annotations

import contextlib
import gzip
import html.parser
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from guidance.site import chromium
from guidance.content.model import load_pages
from guidance.checks.urls import page_path
from guidance.project import Project
from .settings import FONT_SUFFIXES, GZIP_LEVEL, SITE_URL


@dataclass
class Resource:
    url: str
    kind: str  # html, css, js, font, image, data, other
    raw: int = 0
    gzipped: int = 0
    third_party: bool = False
    status: int | None = None  # HTTP status; 404 for an address that is not in the site


@dataclass
class PageWeight:
    page: str
    method: str
    html_bytes: int = 0
    resources: list[Resource] = field(default_factory=list)

    def total(self, kinds: tuple[str, ...] | None = None) -> int:
        return sum(r.gzipped for r in self.resources if kinds is None or r.kind in kinds)

    def as_dict(self) -> dict:
        first_view = ("html", "css", "js", "font")
        return {
            "page": self.page, "method": self.method, "html_bytes": self.html_bytes,
            "html_gzip_bytes": self.total(("html",)),
            "first_view_gzip_bytes": self.total(first_view),
            "all_gzip_bytes": self.total(),
            "requests": len(self.resources),
            "third_party_requests": sum(r.third_party for r in self.resources),
            "not_found_requests": sum(r.status == 404 for r in self.resources),
            "by_kind_gzip_bytes": {k: self.total((k,)) for k in sorted({r.kind for r in self.resources})},
            "resources": [vars(r) for r in self.resources],
        }


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def kind_of(url: str, content_type: str = "") -> str:
    path = urlsplit(url).path.lower()
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "text/html" or path.endswith((".html", "/")):
        return "html"
    if ctype == "text/css" or path.endswith(".css"):
        return "css"
    if "javascript" in ctype or path.endswith((".js", ".mjs")):
        return "js"
    if ctype.startswith("font/") or path.endswith(FONT_SUFFIXES):
        return "font"
    if ctype.startswith("image/") or path.endswith((".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".avif")):
        return "image"
    if "json" in ctype or "xml" in ctype or path.endswith((".json", ".xml")):
        return "data"
    return "other"


def transfer_size(data: bytes, url: str, content_type: str = "") -> int:
    """Bytes on the wire: gzipped, except images and fonts, which are compressed already and sent as
    they are (SVG is text and is gzipped)."""
    svg = "svg" in content_type or urlsplit(url).path.lower().endswith(".svg")
    if kind_of(url, content_type) in ("image", "font") and not svg:
        return len(data)
    return gzip_size(data)


#: Elements and attributes a browser loads by itself on opening a page (not <a> links).
LOADED_ATTRIBUTES = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
                     "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
                     "track": ("src",), "embed": ("src",), "object": ("data",), "image": ("href", "xlink:href"),
                     "input": ("src",)}
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                    "manifest", "prefetch"}
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _LoadedResources(html.parser.HTMLParser):
    """The addresses a browser fetches when it opens a page, as written in its HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & LOADED_LINK_RELS and attrs.get("href"):
                self.urls.append(attrs["href"])
            return
        for name in LOADED_ATTRIBUTES.get(tag, ()):
            value = attrs.get(name)
            if not value:
                continue
            if name == "srcset":
                self.urls.extend(part.strip().split()[0] for part in value.split(",") if part.strip())
            else:
                self.urls.append(value)
        style = attrs.get("style") or ""
        self.urls.extend(m.group(2) or m.group(4) for m in CSS_URL_RE.finditer(style))


def loaded_urls(html_text: str) -> list[str]:
    parser = _LoadedResources()
    parser.feed(html_text)
    return [u for u in parser.urls if not u.startswith(("data:", "blob:", "#", "about:", "javascript:"))]


def is_third_party(url: str, page_url: str) -> bool:
    """An absolute http(s) address on another host than the page's own."""
    target = urlsplit(urljoin(page_url, url))
    return target.scheme in ("http", "https") and target.netloc != urlsplit(page_url).netloc


def site_file(site: Path, url: str, site_url: str) -> Path | None:
    """The file in the built site that a same-origin address points at."""
    path = urlsplit(url).path
    prefix = urlsplit(site_url).path
    if not path.startswith(prefix):
        return None
    file = site / path[len(prefix):]
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def static_page_weight(site: Path, page: str) -> PageWeight:
    """First view from the HTML alone: the page, what its tags load, and the fonts its stylesheets
    declare (an upper bound: a browser fetches only the fonts it uses). Requests made from scripts
    (Material's search worker and index, sitemap look-ups) are not visible this way."""
    page_url = urljoin(SITE_URL, page)
    html_file = site_file(site, page_url, SITE_URL)
    data = html_file.read_bytes()
    weight = PageWeight(page, "static (HTML and CSS)", html_bytes=len(data))
    weight.resources.append(Resource(page_url, "html", len(data), gzip_size(data)))
    seen = {page_url}
    queue = [urljoin(page_url, u) for u in loaded_urls(data.decode("utf-8"))]
    while queue:
        url = queue.pop(0).split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        if is_third_party(url, page_url):
            weight.resources.append(Resource(url, kind_of(url), third_party=True))
            continue
        file = site_file(site, url, SITE_URL)
        body = file.read_bytes() if file else b""
        kind = kind_of(url)
        weight.resources.append(Resource(url, kind, len(body), transfer_size(body, url), status=200 if file else 404))
        if kind == "css":
            for m in CSS_URL_RE.finditer(body.decode("utf-8", "replace")):
                ref = m.group(2) or m.group(4)
                if ref.startswith("data:"):
                    continue
                if m.group(4) or ref.lower().split("?")[0].endswith(FONT_SUFFIXES):
                    queue.append(urljoin(url, ref))  # @import and fonts; images only load if used
    return weight


def chromium_available() -> bool:
    return chromium.CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None


def browser_page_weights(site: Path, pages: list[str]) -> tuple[dict[str, PageWeight], str]:
    """First view as Chromium does it: each page opened with an empty cache, every request counted
    until the network is idle (sitemap look-ups included; search loads only once the reader searches)."""
    from playwright.sync_api import sync_playwright

    from guidance.site.serve import serve

    weights = {}
    with serve(site) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        browser_version = browser.version
        try:
            for page in pages:
                weights[page] = _browser_page_weight(browser, base, page)
        finally:
            browser.close()
    return weights, browser_version


def _browser_page_weight(browser, base: str, page: str) -> PageWeight:
    context = browser.new_context()
    tab = context.new_page()
    requests = []
    context.on("request", lambda request: requests.append(request))
    tab.goto(base + page, wait_until="networkidle")
    tab.wait_for_timeout(500)
    weight = PageWeight(page, f"browser (Chromium {browser.version}, empty cache)")
    for request in requests:
        url = request.url
        if url.startswith(("data:", "blob:")):
            continue
        if is_third_party(url, base):
            weight.resources.append(Resource(url, kind_of(url), third_party=True))
            continue
        response = request.response()
        body, ctype, status = b"", "", None
        if response is not None:
            ctype, status = response.headers.get("content-type", ""), response.status
            with contextlib.suppress(Exception):
                body = response.body()
        kind = kind_of(url, ctype if status == 200 else "")
        weight.resources.append(Resource(url, kind, len(body), transfer_size(body, url, ctype), status=status))
        if url == base + page:
            weight.html_bytes = len(body)
    context.close()
    return weight


def practice_guide(docs: Path) -> Path | None:
    """The practice guide page: docs/practice-guide.md, or the index (else the largest page) of
    docs/practice-guide/."""
    for candidate in (docs / "practice-guide.md", docs / "practice-guide" / "index.md"):
        if candidate.exists():
            return candidate
    folder = docs / "practice-guide"
    pages = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    return max(pages, key=lambda p: p.stat().st_size) if pages else None


def page_types(project: Path, site: Path, lang: str) -> dict[str, str | None]:
    """Site path of each page type in one language; None when there is no such page (yet).
    The longest chapter is the largest built page among those with numbered paragraphs."""
    docs = project / "docs"
    root = "" if lang == "en" else f"{lang}/"
    chapters = [root + page_path(page.path.relative_to(docs)) for page in load_pages(docs) if "paragraphs" in page.meta]
    built = {c: f for c in chapters if (f := site_file(site, urljoin(SITE_URL, c), SITE_URL))}
    practice = practice_guide(docs)
    references = docs / "references.md"
    paths = {
        "home": root,
        "longest chapter": max(built, key=lambda c: built[c].stat().st_size) if built else None,
        "practice guide": root + page_path(practice.relative_to(docs)) if practice else None,
        "references": root + page_path(references.relative_to(docs)) if references.exists() else None,
    }
    return {name: path if path is not None and site_file(site, urljoin(SITE_URL, path), SITE_URL) else None
            for name, path in paths.items()}


def measure_pages(project: Path, site: Path, use_browser: bool, log: Callable[[str], None]) -> dict:
    roots = Project.at(project).roots
    languages = [lang for lang, root in roots.items() if (site / root).is_dir()]
    types = {lang: page_types(project, site, lang) for lang in languages}
    wanted = {(name, lang): path for lang in languages for name, path in types[lang].items() if path is not None}
    static = {key: static_page_weight(site, page) for key, page in wanted.items()}
    browser, browser_version = {}, None
    if use_browser:
        log("  opening pages in Chromium…")
        by_page, browser_version = browser_page_weights(site, sorted(set(wanted.values())))
        browser = {key: by_page[page] for key, page in wanted.items()}
    rows = []
    for name in types["en"]:
        for lang in languages:
            if (name, lang) not in wanted:
                rows.append({"type": name, "lang": lang, "present": False})
                continue
            row = {"type": name, "lang": lang, "present": True, "path": wanted[(name, lang)],
                   "static": static[(name, lang)].as_dict()}
            if browser:
                row["browser"] = browser[(name, lang)].as_dict()
            rows.append(row)
    return {"method": "browser" if browser else "static", "browser": browser_version, "pages": rows}

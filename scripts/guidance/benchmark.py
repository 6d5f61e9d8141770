"""What the site costs, measured side by side: the build, the live preview, the pages, the search index.

`guidance benchmark` (tracker issue 10) measures, on a copy of the project in a temporary folder
(the working tree is never touched):

- cold build: `mkdocs build --strict` of the bilingual site, each run a new process into an empty
  folder, against the *floor*: a plain Material build of the same Markdown (English and Welsh pages
  in one tree) with no plugins and no hooks, run alternately with it so both meet the same noise;
- serve rebuild: the time from writing one word into a numbered paragraph (English, then Welsh)
  to `mkdocs serve` (default options, live reload on) answering with the new HTML;
- per page type (home, longest chapter, practice guide, references; both languages): HTML bytes,
  first-view transfer gzipped and requests, counted by Chromium when it is there, else from the HTML;
- search index of each language against the text of its pages;
- scale: the pages copied 5 and 10 times over, to see how build time grows with content.

Every figure that has a target is printed with it and PASS or MISS; the same data goes to a JSON file.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import html.parser
import importlib.util
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from .content import PARAGRAPH_RE, load_pages

#: The issue's targets.
TARGET_BUILD_RATIO = 1.3        # bilingual cold build / plain-Material floor
TARGET_SERVE_SECONDS = 1.5      # edit saved -> new HTML served
TARGET_FIRST_VIEW_KB = 100      # longest chapter, gzipped
TARGET_THIRD_PARTY = 0
#: "No worse than linear": the cost of each page added at the largest scale step may be at most
#: this much above the cost of each page added at the first step (the margin absorbs timing noise).
LINEAR_TOLERANCE = 1.25

#: Left out of the temporary project: version control, environments and built output (at the top),
#: caches anywhere. Everything else is copied, so whatever the build needs comes along.
SKIP_AT_TOP = {".git", ".venv", "site", "build", ".cache"}
SKIP_ANYWHERE = {"__pycache__", "node_modules"}
#: Served from 127.0.0.1:8000 as in a local preview; no path prefix.
SITE_URL = "http://127.0.0.1:8000/"
#: Extensions that are this project's own code are left out of the floor.
OWN_EXTENSION_PREFIX = "guidance."
GZIP_LEVEL = 6  # what a typical web server uses
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
SERVE_START_TIMEOUT = 300
SERVE_EDIT_TIMEOUT = 60
POLL_INTERVAL = 0.02


# --------------------------------------------------------------------------------------------
# The temporary project


def copy_project(root: Path, dest: Path) -> Path:
    """Copy the project (sources, configuration, hooks, the guidance package) into dest."""
    def skipped(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == root.resolve()
        return {n for n in names if n in SKIP_ANYWHERE or n.endswith(".egg-info") or (top and n in SKIP_AT_TOP)}

    shutil.copytree(root, dest, ignore=skipped)
    return dest


def commit_copy(project: Path) -> bool:
    """One commit of the copy, so overrides/hooks/page_dates.py runs its `git log` as in a clone.
    Without git the hook dates every page today and the build is otherwise the same."""
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
    (scripts/) ahead of the installed one, so hooks and the code they import are the same snapshot."""
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


# --------------------------------------------------------------------------------------------
# The floor: a plain Material build of the same Markdown

FLOOR_DIR = "benchmark-floor"
SNIPPET_LINE_RE = re.compile(r"""^(\s*-{1,}8<-{1,}\s+)(["']?)(?!/|[a-z]+://)(\S)""", re.M)
WELSH = "cy"


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


def auto_appended_fragments(project: Path) -> list[str]:
    """Fragments the project appends to every page (overrides/hooks/fragments.py), if any."""
    hook = project / "overrides" / "hooks" / "fragments.py"
    if not hook.exists():
        return []
    match = re.search(r"""^ABBREVIATIONS\s*=\s*["']([^"']+)["']""", hook.read_text(encoding="utf-8"), re.M)
    return [match.group(1)] if match else []


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
    appended = auto_appended_fragments(project)
    copy_floor_pages(project / config.get("docs_dir", "docs"), docs, appended)
    if (project / "docs_cy").is_dir():
        copy_floor_pages(project / "docs_cy", docs / WELSH, appended, snippet_prefix=f"{WELSH}/",
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


# --------------------------------------------------------------------------------------------
# Timing builds


@dataclass
class Timing:
    wall: float
    cpu: float  # user + system time of the build process


def timed_run(command: list[str], cwd: Path, timeout: float = 1800) -> Timing:
    """Run a command to completion; its wall-clock and CPU seconds. Fails loudly if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=mkdocs_env(cwd), capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def cold_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", strict: bool = True) -> Timing:
    """One cold build: a new process, an empty output folder."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    args = ["build", "-q", "-f", config, "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    return timed_run(mkdocs_command(*args), project)


def summarise(timings: list[Timing]) -> dict:
    return {"median_s": round(statistics.median(t.wall for t in timings), 3),
            "cpu_median_s": round(statistics.median(t.cpu for t in timings), 3),
            "runs_s": [round(t.wall, 3) for t in timings]}


def measure_cold_builds(project: Path, site_dir: Path, runs: int, log: Callable[[str], None]) -> dict:
    """Bilingual build vs the floor (and the floor with Material's search), interleaved run by run.
    The last bilingual build is left in site_dir for the page measurements."""
    floor = write_floor(project)
    floor_search = write_floor(project, with_search=True)
    builds: dict[str, tuple[Callable[[], Timing], list[Timing]]] = {
        "floor": (lambda: cold_build(project, site_dir.with_name("floor-site"), str(floor), strict=False), []),
        "floor_with_search": (lambda: cold_build(project, site_dir.with_name("floor-search-site"), str(floor_search),
                                                 strict=False), []),
        "bilingual": (lambda: cold_build(project, site_dir), []),
    }
    for build, _ in builds.values():  # warm-up: first imports, disk cache; not counted
        build()
    for run in range(runs):
        for name, (build, timings) in builds.items():
            timings.append(build())
            log(f"  cold build {run + 1}/{runs} {name}: {timings[-1].wall:.2f} s")
    result = {name: summarise(timings) for name, (_, timings) in builds.items()}
    result["ratio"] = round(result["bilingual"]["median_s"] / result["floor"]["median_s"], 2)
    result["cpu_ratio"] = round(result["bilingual"]["cpu_median_s"] / result["floor"]["cpu_median_s"], 2)
    result["floor_pages"] = sum(1 for p in (floor.parent / "docs").rglob("*.md") if "includes" not in p.parts)
    result["floor_config"] = yaml.safe_load(floor.read_text(encoding="utf-8"))
    return result


# --------------------------------------------------------------------------------------------
# Serve rebuild


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@contextlib.contextmanager
def running_serve(project: Path, port: int, log_file: Path) -> Iterator[subprocess.Popen]:
    """`mkdocs serve` with its default options, in its own process group, stopped at the end."""
    with log_file.open("w") as out:
        process = subprocess.Popen(mkdocs_command("serve", "-a", f"127.0.0.1:{port}"), cwd=project,
                                   env=mkdocs_env(project), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until(condition: Callable[[], bool], timeout: float, process: subprocess.Popen | None = None) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(POLL_INTERVAL)
    return False


def append_to_first_paragraph(path: Path, word: str) -> None:
    """Add a word at the end of the first line of the page's first numbered paragraph."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if PARAGRAPH_RE.match(line):
            lines[i] = line.rstrip() + " " + word
            break
    else:
        raise ValueError(f"{path} has no numbered paragraph")
    path.write_text("\n".join(lines), encoding="utf-8")


def time_edit(path: Path, url: str, word: str, process: subprocess.Popen) -> float:
    """Seconds from writing the word into the file to the page served with it."""
    start = time.perf_counter()
    append_to_first_paragraph(path, word)
    if not wait_until(lambda: word in (fetch(url) or ""), SERVE_EDIT_TIMEOUT, process):
        raise RuntimeError(f"mkdocs serve did not serve the edit of {path.name} at {url} within {SERVE_EDIT_TIMEOUT} s")
    return time.perf_counter() - start


def longest_chapter(docs: Path) -> Path:
    """The largest page that holds numbered paragraphs (front matter `paragraphs:`)."""
    chapters = [page.path for page in load_pages(docs) if "paragraphs" in page.meta]
    return max(chapters, key=lambda p: p.stat().st_size)


def measure_serve_rebuild(project: Path, edits: int, log: Callable[[str], None]) -> dict:
    """Live-preview turnaround in English and in Welsh: median of several one-word edits."""
    chapter = longest_chapter(project / "docs")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    files = {"en": (project / "docs" / chapter.name, base + chapter.stem + "/"),
             "cy": (project / "docs_cy" / chapter.name, base + f"{WELSH}/" + chapter.stem + "/")}
    log_file = project / "serve.log"
    results: dict = {"chapter": chapter.name, "watcher": "mkdocs serve defaults: polls files every 0.5 s, "
                     "waits 0.1 s for more changes, then rebuilds both languages"}
    with running_serve(project, port, log_file) as process:
        start = time.perf_counter()
        if not wait_until(lambda: fetch(base, timeout=5) is not None, SERVE_START_TIMEOUT, process):
            raise RuntimeError(f"mkdocs serve did not start:\n{log_file.read_text()[-3000:]}")
        results["first_build_s"] = round(time.perf_counter() - start, 2)
        for lang, (path, url) in files.items():
            if not path.exists():
                results[lang] = {"error": f"{path.relative_to(project)} not present"}
                continue
            times = []
            for n in range(edits):
                time.sleep(1.0)  # let the watcher settle, so each edit is one rebuild
                times.append(time_edit(path, url, f"benchmarkedit{lang}{n}x{os.getpid()}", process))
                log(f"  serve rebuild {lang} {n + 1}/{edits}: {times[-1]:.2f} s")
            results[lang] = {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}
    return results


# --------------------------------------------------------------------------------------------
# Page weight


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
    from .pdf import CHROMIUM

    return CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None


def browser_page_weights(site: Path, pages: list[str]) -> tuple[dict[str, PageWeight], str]:
    """First view as Chromium does it: each page opened with an empty cache, every request counted
    until the network is idle (sitemap look-ups included; search loads only once the reader searches)."""
    from playwright.sync_api import sync_playwright

    from .pdf import CHROMIUM
    from .serve import serve

    weights = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
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


def url_of(rel: Path) -> str:
    """docs path -> site path with directory URLs: 'index.md' -> '', 'a/b.md' -> 'a/b/'."""
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


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
    chapters = [root + url_of(page.path.relative_to(docs)) for page in load_pages(docs) if "paragraphs" in page.meta]
    built = {c: f for c in chapters if (f := site_file(site, urljoin(SITE_URL, c), SITE_URL))}
    practice = practice_guide(docs)
    references = docs / "references.md"
    paths = {
        "home": root,
        "longest chapter": max(built, key=lambda c: built[c].stat().st_size) if built else None,
        "practice guide": root + url_of(practice.relative_to(docs)) if practice else None,
        "references": root + url_of(references.relative_to(docs)) if references.exists() else None,
    }
    return {name: path if path is not None and site_file(site, urljoin(SITE_URL, path), SITE_URL) else None
            for name, path in paths.items()}


def measure_pages(project: Path, site: Path, use_browser: bool, log: Callable[[str], None]) -> dict:
    languages = ["en", WELSH] if (site / WELSH).is_dir() else ["en"]
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


# --------------------------------------------------------------------------------------------
# Search index


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


def language_pages(site: Path, lang_root: str) -> list[Path]:
    """Built pages of one language: the default at the root (other languages' folders left out)."""
    root = site / lang_root if lang_root else site
    pages = []
    for path in root.rglob("index.html"):
        rel = path.relative_to(root)
        if not lang_root and rel.parts and rel.parts[0] == WELSH:
            continue
        pages.append(path)
    return sorted(pages)


def measure_search_indexes(site: Path) -> dict:
    result = {}
    for lang, root in {"en": "", "cy": f"{WELSH}/"}.items():
        index = site / root / "search" / "search_index.json"
        if not index.exists():
            result[lang] = {"present": False}
            continue
        data = index.read_bytes()
        docs = json.loads(data)["docs"]
        text_bytes = sum(len(article_text(p.read_text(encoding="utf-8")).encode()) for p in language_pages(site, root))
        result[lang] = {
            "present": True, "path": f"{root}search/search_index.json", "bytes": len(data),
            "gzip_bytes": gzip_size(data), "sections": len(docs), "text_bytes": text_bytes,
            "ratio_to_text": round(len(data) / text_bytes, 2) if text_bytes else None,
            "gzip_ratio_to_text": round(gzip_size(data) / text_bytes, 2) if text_bytes else None,
        }
    return result


# --------------------------------------------------------------------------------------------
# Scale


SCALE_CONFIG = "mkdocs-benchmark-scale.yml"
SCALE_NAV_TITLE = "Benchmark copies"
SCALE_KEEP_SINGLE = {"index.md", "references.md"}  # the home page and the generated list stay one


def scaled_project(base: Path, dest: Path, factor: int) -> tuple[Path, int]:
    """A copy of the project whose pages are each there `factor` times (X.md, X-x2.md, …), in both
    languages and in the nav (so --strict does not fail on pages left out of it). Returns its
    configuration file and the number of pages built."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(base, dest, ignore=shutil.ignore_patterns("serve.log"))
    config = load_mkdocs_yml(dest / "mkdocs.yml")
    docs = dest / config.get("docs_dir", "docs")
    originals = [f for f in nav_files(config.get("nav", [])) if f not in SCALE_KEEP_SINGLE and (docs / f).exists()]
    copies = []
    for n in range(2, factor + 1):
        for name in originals:
            copy = Path(name).with_name(f"{Path(name).stem}-x{n}.md").as_posix()
            for folder in (docs, dest / "docs_cy"):
                if (folder / name).exists():
                    shutil.copy2(folder / name, folder / copy)
            copies.append(copy)
    nav = list(config.get("nav", []))
    if copies:
        nav.append({SCALE_NAV_TITLE: copies})
    (dest / SCALE_CONFIG).write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "nav": nav}, sort_keys=False),
                                     encoding="utf-8")
    pages = sum(1 for folder in (docs, dest / "docs_cy") for p in folder.rglob("*.md") if "includes" not in p.parts
                and (folder == docs or (docs / p.relative_to(folder)).exists()))
    return dest / SCALE_CONFIG, pages


def linearity(points: list[dict], measure: str = "cpu_median_s") -> dict:
    """Is the cost of each added page steady? Seconds per added page over the last step against the
    first step; growth is "no worse than linear" when it rises by at most LINEAR_TOLERANCE.
    Judged on CPU seconds, which other work on the machine inflates far less than wall time."""
    first, second, previous, last = points[0], points[1], points[-2], points[-1]
    first_step = (second[measure] - first[measure]) / (second["pages"] - first["pages"])
    last_step = (last[measure] - previous[measure]) / (last["pages"] - previous["pages"])
    return {
        "measure": measure,
        "marginal_s_per_page_first_step": round(first_step, 4),
        "marginal_s_per_page_last_step": round(last_step, 4),
        "marginal_growth": round(last_step / first_step, 2) if first_step > 0 else None,
        "time_ratio": round(last[measure] / first[measure], 2),
        "wall_time_ratio": round(last["median_s"] / first["median_s"], 2),
        "content_ratio": round(last["pages"] / first["pages"], 2),
        "linear": first_step > 0 and last_step <= LINEAR_TOLERANCE * first_step,
    }


def measure_scale(project: Path, work: Path, factors: list[int], runs: int, log: Callable[[str], None]) -> dict:
    """Cold builds of the project with its pages copied k times, and of the plain-Material floor of
    the same copies (for comparison: Material lists every page on every page, so even the floor
    grows a little faster than linearly)."""
    factors = sorted({1, *factors})
    configs = {k: scaled_project(project, work / f"scale-{k}" / "project", k) for k in factors}
    floors = {k: write_floor(configs[k][0].parent) for k in factors}
    timings: dict[str, dict[int, list[Timing]]] = {"site": {k: [] for k in factors}, "floor": {k: [] for k in factors}}
    for run in range(runs):
        for k in factors:
            config, _ = configs[k]
            timings["site"][k].append(cold_build(config.parent, work / f"scale-{k}" / "site", config.name))
            timings["floor"][k].append(cold_build(config.parent, work / f"scale-{k}" / "floor-site",
                                                  str(floors[k]), strict=False))
            log(f"  scale {k}x {run + 1}/{runs}: {timings['site'][k][-1].wall:.2f} s (floor {timings['floor'][k][-1].wall:.2f} s)")
    result = {}
    for kind in ("site", "floor"):
        points = [{"factor": k, "pages": configs[k][1], **summarise(timings[kind][k])} for k in factors]
        # A verdict needs two steps to compare: 1x and at least two more factors.
        result[kind] = {"points": points, **(linearity(points) if len(points) >= 3 else {})}
    return {**result["site"], "floor": result["floor"]}


# --------------------------------------------------------------------------------------------
# Machine


def machine() -> dict:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    tools = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-bibtex", "pymdown-extensions",
                 "Markdown", "playwright"):
        try:
            tools[name] = version(name)
        except PackageNotFoundError:
            tools[name] = None
    return {"cpus": os.cpu_count(), "cpu_model": model or platform.processor() or "unknown",
            "load_average": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
            "platform": platform.platform(), "tools": tools}


# --------------------------------------------------------------------------------------------
# The whole run and its report


SECTIONS = ("build", "serve", "pages", "search", "scale")


def run_benchmark(root: Path, runs: int, factors: list[int], scale_runs: int, sections: set[str],
                  use_browser: bool | None, pdf: bool, log: Callable[[str], None]) -> dict:
    started = datetime.datetime.now().astimezone()
    result: dict = {"date": started.isoformat(timespec="seconds"), "project": str(root),
                    "machine": machine(), "runs": runs}
    with tempfile.TemporaryDirectory(prefix="guidance-benchmark-") as tmp:
        work = Path(tmp)
        project = copy_project(root, work / "project")
        result["git_in_copy"] = commit_copy(project)
        site = work / "site"
        if "build" in sections:
            log("Cold builds (bilingual and the plain-Material floor)…")
            result["build"] = measure_cold_builds(project, site, runs, log)
        elif {"pages", "search"} & sections or pdf:
            cold_build(project, site)
        if "pages" in sections:
            log("Page weight…")
            browser = chromium_available() if use_browser is None else use_browser
            result["pages"] = measure_pages(project, site, browser, log)
        if "search" in sections:
            result["search"] = measure_search_indexes(site)
        if pdf:
            log("PDFs (guidance pdf)…")
            from . import pdf as pdf_module

            start = time.perf_counter()
            pdf_module.build(site, site / "downloads")
            result["pdf_s"] = round(time.perf_counter() - start, 2)
        if "scale" in sections and factors:
            log("Scale…")
            result["scale"] = measure_scale(project, work, factors, scale_runs, log)
        if "serve" in sections:  # last: it edits the copy
            log("Serve rebuild…")
            result["serve"] = measure_serve_rebuild(project, runs, log)
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = verdicts(result)
    return result


def verdicts(result: dict) -> list[dict]:
    """Every figure that has a target: value, target, PASS or MISS."""
    rows = []
    if "build" in result:
        ratio = result["build"]["ratio"]
        rows.append({"figure": "bilingual cold build / plain-Material floor (median wall time)",
                     "value": f"{ratio:.2f}x", "target": f"<= {TARGET_BUILD_RATIO}x",
                     "pass": ratio <= TARGET_BUILD_RATIO})
    if "serve" in result:
        for lang in ("en", "cy"):
            if "median_s" in result["serve"].get(lang, {}):
                value = result["serve"][lang]["median_s"]
                rows.append({"figure": f"serve rebuild, edit in {lang} (median)", "value": f"{value:.2f} s",
                             "target": f"<= {TARGET_SERVE_SECONDS} s", "pass": value <= TARGET_SERVE_SECONDS})
    if "pages" in result:
        method = result["pages"]["method"]
        chapters = [row[method] for row in result["pages"]["pages"]
                    if row["type"] == "longest chapter" and row["present"]]
        if chapters:
            worst = max(chapters, key=lambda w: w["first_view_gzip_bytes"])
            kb = worst["first_view_gzip_bytes"] / 1024
            caveat = "" if method == "browser" else "; requests made by scripts not seen"
            rows.append({"figure": f"longest chapter first view, HTML+CSS+JS+fonts gzip ({worst['page'] or '/'}, {method}{caveat})",
                         "value": f"{kb:.1f} KB", "target": f"<= {TARGET_FIRST_VIEW_KB} KB",
                         "pass": kb <= TARGET_FIRST_VIEW_KB})
            third = max(w["third_party_requests"] for w in chapters)
            rows.append({"figure": f"longest chapter third-party requests ({method})", "value": str(third),
                         "target": f"= {TARGET_THIRD_PARTY}", "pass": third == TARGET_THIRD_PARTY})
    if "scale" in result and "linear" in result["scale"]:
        s = result["scale"]
        floor = s.get("floor", {}).get("marginal_growth")
        rows.append({"figure": "build time growth with content (CPU s per added page, last step vs first"
                               + (f"; plain-Material floor x{floor}" if floor is not None else "") + ")",
                     "value": f"{s['marginal_growth']}x" if s["marginal_growth"] is not None else "n/a",
                     "target": f"<= {LINEAR_TOLERANCE}x (linear)", "pass": bool(s["linear"])})
    return rows


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def format_report(result: dict) -> str:
    m = result["machine"]
    out = [f"guidance benchmark — {result['date']}",
           f"Machine: {m['cpus']} CPU(s), {m['cpu_model']}; Python {m['python']}; {m['platform']}",
           "Tools: " + ", ".join(f"{k} {v}" for k, v in m["tools"].items() if v),
           f"Load average at start {m['load_average']}, at end {m.get('load_average_end')} "
           "(other work on the machine makes timings noisy: figures are medians)",
           "Measured on a copy in a temporary folder" + (", committed to git so page dates come from git"
                                                        if result.get("git_in_copy") else ", without git (page dates: today)"), ""]
    if "build" in result:
        b = result["build"]
        out += [f"Cold build (median of {result['runs']} runs, each a new process into an empty folder; wall / CPU)",
                f"  bilingual site (mkdocs build --strict)    {b['bilingual']['median_s']:6.2f} s / {b['bilingual']['cpu_median_s']:6.2f} s  runs {b['bilingual']['runs_s']}",
                f"  floor: plain Material, no plugins ({b['floor_pages']} pages) {b['floor']['median_s']:6.2f} s / {b['floor']['cpu_median_s']:6.2f} s  runs {b['floor']['runs_s']}",
                f"  floor + Material search (context only)    {b['floor_with_search']['median_s']:6.2f} s / {b['floor_with_search']['cpu_median_s']:6.2f} s",
                f"  ratio bilingual/floor: {b['ratio']:.2f}x wall, {b['cpu_ratio']:.2f}x CPU", ""]
    if "serve" in result:
        s = result["serve"]
        out.append(f"Serve rebuild (edit one paragraph of {s['chapter']}, file write -> new HTML served; {s['watcher']})")
        out.append(f"  first build before serving: {s['first_build_s']} s")
        for lang in ("en", "cy"):
            r = s.get(lang, {})
            out.append(f"  {lang}: " + (f"median {r['median_s']:.2f} s, runs {r['runs_s']}" if "median_s" in r else r.get("error", "")))
        out.append("")
    if "pages" in result:
        p = result["pages"]
        method = p["method"]
        out.append(f"Pages, first view with an empty cache (method: {method}"
                   + (f", Chromium {p['browser']}" if p["browser"] else "") + ")")
        out.append("  first view = HTML + CSS + JS + fonts, gzip level 6, KB = 1024 bytes (search's worker, word "
                   "handling and index load when the reader first focuses the search box, so they are not in it)")
        out.append("  all = every request the page makes: adds the favicon and sitemap look-ups")
        out.append("  404 = requests for addresses the site does not have (Material looks for a sitemap.xml under "
                   "each hreflang link; on GitHub Pages each gets the site's 404 page)")
        out.append(f"  {'page':<17}{'lang':<5}{'HTML':>9}{'HTML gz':>10}{'first view':>12}{'all':>10}"
                   f"{'requests':>10}{'3rd party':>10}{'404':>5}{'static est.':>13}")
        for row in p["pages"]:
            if not row["present"]:
                out.append(f"  {row['type']:<17}{row['lang']:<5}not present")
                continue
            w, st = row[method], row["static"]
            out.append(f"  {row['type']:<17}{row['lang']:<5}{_kb(w['html_bytes']):>9}{_kb(w['html_gzip_bytes']):>10}"
                       f"{_kb(w['first_view_gzip_bytes']):>12}{_kb(w['all_gzip_bytes']):>10}{w['requests']:>10}"
                       f"{w['third_party_requests']:>10}{w['not_found_requests']:>5}{_kb(st['first_view_gzip_bytes']):>13}")
        chapter = next((r for r in p["pages"] if r["type"] == "longest chapter" and r["present"]), None)
        if chapter:
            kinds = chapter[method]["by_kind_gzip_bytes"]
            out.append(f"  longest chapter ({chapter['path']}) by kind, gzip: "
                       + ", ".join(f"{k} {_kb(v)}" for k, v in kinds.items()))
        out.append("")
    if "search" in result:
        out.append("Search index per language (text = visible text of the pages' <article>, UTF-8 bytes)")
        for lang, r in result["search"].items():
            if not r["present"]:
                out.append(f"  {lang}: not present")
                continue
            out.append(f"  {lang}: {_kb(r['bytes'])} ({_kb(r['gzip_bytes'])} gzip), {r['sections']} sections, "
                       f"text {_kb(r['text_bytes'])}: index/text {r['ratio_to_text']}x ({r['gzip_ratio_to_text']}x gzipped)")
        out.append("")
    if "pdf_s" in result:
        out += [f"PDFs (guidance pdf, both languages, after the build; no target): {result['pdf_s']} s", ""]
    if "scale" in result:
        s = result["scale"]
        out.append("Scale (every page but home and References copied k times, both languages, in the nav; "
                   "median wall / CPU)")
        for pt in s["points"]:
            out.append(f"  {pt['factor']:>3}x  {pt['pages']:>4} pages  {pt['median_s']:7.2f} s / {pt['cpu_median_s']:6.2f} s  "
                       f"{pt['cpu_median_s'] / pt['pages'] * 1000:6.1f} ms CPU/page  runs {pt['runs_s']}")
        if "linear" in s:
            out.append(f"  content x{s['content_ratio']}: CPU time x{s['time_ratio']}, wall time x{s['wall_time_ratio']}; "
                       f"CPU per added page {s['marginal_s_per_page_first_step'] * 1000:.1f} ms (first step) -> "
                       f"{s['marginal_s_per_page_last_step'] * 1000:.1f} ms (last step): x{s['marginal_growth']}")
        f = s.get("floor", {})
        if "linear" in f:
            out.append("  plain-Material floor of the same copies: " + ", ".join(
                f"{pt['factor']}x {pt['cpu_median_s']:.2f} s" for pt in f["points"])
                + f" CPU; per added page {f['marginal_s_per_page_first_step'] * 1000:.1f} ms -> "
                f"{f['marginal_s_per_page_last_step'] * 1000:.1f} ms: x{f['marginal_growth']}")
        out.append("")
    out.append("Targets")
    for row in result["targets"]:
        out.append(f"  {'PASS' if row['pass'] else 'MISS'}  {row['figure']}: {row['value']} (target {row['target']})")
    return "\n".join(out)

from __future__ import annotations

import multiprocessing
import subprocess
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import helpers
from helpers import AXE, CHROMIUM, EXCLUDED_RULES, OFFLINE_ZIP, PREFIX, ROOT, RUN_AXE, SITE_URL, WCAG_TAGS, Pages, all_pages


def _output(*command: str) -> str:
    """What a program prints (stdout, stripped), or "missing": the header must not stop a run."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "missing"
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "missing"


def pytest_report_header(config) -> list[str]:
    """The browser, Node and fonts the browser tests ran with, so a failure on a new machine says what
    changed (Debian's Chromium moves on; fonts decide print layout and PDF text)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        playwright = version("playwright")
    except PackageNotFoundError:
        playwright = "missing"
    # 'ii': installed; dpkg also lists fonts it merely knows of, with no version
    fonts = [line[3:] for line in _output("dpkg-query", "-W", "-f=${db:Status-Abbrev}${Package} ${Version}\n",
                                          "fonts-*").splitlines() if line.startswith("ii ")]
    return [f"chromium: {_output(str(CHROMIUM), '--version')}; node: {_output('node', '--version')}; "
            f"playwright: {playwright}",
            f"fonts: {', '.join(fonts) or 'missing'}; sans-serif: {_output('fc-match', 'sans-serif')}"]


#: The tiers (pyproject.toml, [tool.pytest.ini_options] markers): each test is marked with one, by a
#: module's `pytestmark` or on the test itself. `pytest -m unit` runs the fast tier.
TIERS = ("unit", "build", "browser")
#: Fixtures that build the site or start the browser (or need one that does), and the least tier a
#: test using them must be marked with.
NEEDS = {"browser": "browser", "site": "build"}


def pytest_collection_modifyitems(config, items) -> None:
    """Refuse the run if a test is marked with no tier or two, or uses the built site or the browser
    (directly or through another fixture) with a lower tier than that: `-m unit` must never start a
    build, and a new test cannot be left out of every tier."""
    wrong = []
    for item in items:
        tiers = sorted({mark.name for mark in item.iter_markers() if mark.name in TIERS}, key=TIERS.index)
        if len(tiers) != 1:
            wrong.append(f"{item.nodeid}: marked {tiers or 'with no tier'}; mark it with one of {', '.join(TIERS)}")
            continue
        needed = [NEEDS[name] for name in NEEDS if name in item.fixturenames]
        if needed and TIERS.index(tiers[0]) < max(TIERS.index(n) for n in needed):
            wrong.append(f"{item.nodeid}: marked {tiers[0]} but uses the {' and the '.join(n for n in NEEDS if n in item.fixturenames)} "
                         f"fixture; mark it {max(needed, key=TIERS.index)}")
    if wrong:
        raise pytest.UsageError("tests without the right tier (pytest.mark.unit, build or browser):\n  " + "\n  ".join(wrong))
    # The tests that need no built site run first (in their usual order; then the rest, in theirs):
    # the fast tier's failures show within a minute, and meanwhile the site builds in the background.
    items.sort(key=lambda item: "site" in item.fixturenames)


# --- the built site and the long jobs on it, in the background -------------------------------------
# The site takes about 25 s to build, and three jobs need nothing but the built site and take from
# 15 s to three minutes of this 2-CPU machine, most of it in programs of their own: linkchecker's
# crawl, Lighthouse, and reading the PDFs' text. The tests that need no site (a third of the run) use
# one CPU; so the build starts in a background process as the run starts, the jobs as soon as it is
# built, two at a time, while the other tests go on. A test that reads a result waits for it there,
# and an error fails the tests that read it. Only what some selected test reads is started.

#: fixture name -> the function of the built site (in helpers, so a spawned process can import it),
#: longest first: Lighthouse (about 3 minutes) in one process, the crawl and then the PDFs in the other.
BACKGROUND_JOBS = {"lighthouse_report": helpers.lighthouse_pages, "link_check": helpers.check_links,
                   "pdf_text": helpers.pdf_texts}
BACKGROUND_PROCESSES = 2


class Background:
    """The site's build, then the jobs on it, in a pool of background processes."""

    def __init__(self, out: Path, jobs: list[str]):
        # spawn, not fork: this process runs threads (the site's server, Playwright's connection)
        self.pool = ProcessPoolExecutor(BACKGROUND_PROCESSES, mp_context=multiprocessing.get_context("spawn"))
        self.site = self.pool.submit(helpers.build_site, out)
        self.jobs: dict[str, Future] = {}
        self.started = threading.Event()
        threading.Thread(target=self._start, args=(jobs,), daemon=True).start()

    def _start(self, jobs: list[str]) -> None:
        try:
            site = self.site.result()
            for name in jobs:
                self.jobs[name] = self.pool.submit(BACKGROUND_JOBS[name], site)
        except BaseException:  # the build failed (the site fixture says how) or the run is ending
            pass
        finally:
            self.started.set()

    def result(self, name: str):
        self.started.wait()
        if name not in self.jobs:
            pytest.fail(f"{name} did not run: the site did not build", pytrace=False)
        return self.jobs[name].result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)  # what has not started yet (the run stopped early) is dropped


@pytest.fixture(scope="session", autouse=True)
def background(request, tmp_path_factory):
    """Started with the run when some selected test needs the built site; None otherwise (`-m unit`)."""
    items = request.session.items
    if not any("site" in item.fixturenames for item in items):
        yield None
        return
    wanted = [name for name in BACKGROUND_JOBS if any(name in item.fixturenames for item in items)]
    work = Background(tmp_path_factory.mktemp("site"), wanted)
    yield work
    work.close()


@pytest.fixture(scope="session")
def site(background) -> Path:
    """The real site, built once per test run as `guidance build` (and so `bash scripts/dev.sh build` and
    the deploy workflow) builds it: `mkdocs build --strict`, then the PDFs and the offline copy the
    home page links to; published under PREFIX. Built in the background from the start of the run."""
    try:
        return background.site.result()
    except helpers.SiteBuildFailed as exc:
        pytest.fail(f"guidance build failed: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def page(site: Path) -> Pages:
    return Pages(site)


@pytest.fixture(scope="session")
def link_check(site, background) -> tuple[list[str], int]:
    """helpers.check_links: every internal link and #anchor of the built site, checked by linkchecker
    (the problems in its words, and how many it checked); crawled once per run, in the background."""
    return background.result("link_check")


@pytest.fixture(scope="session")
def lighthouse_report(site, background) -> dict:
    """helpers.lighthouse_pages: Lighthouse on every page type, both languages; in the background."""
    return background.result("lighthouse_report")


@pytest.fixture(scope="session")
def pdf_text(site, background) -> dict[str, str]:
    """helpers.pdf_texts: each language's whole-guidance PDF as text; read in the background."""
    return background.result("pdf_text")


@pytest.fixture(scope="session")
def site_url(site: Path):
    """The built site served over HTTP on 127.0.0.1 under its prefix (browsers need a real server)."""
    from guidance.site.serve import serve

    with serve(site, PREFIX) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own browsers here)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium is missing: sudo apt-get install chromium (bash scripts/dev.sh test does)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@dataclass
class Visit:
    """One page of the built site as Chromium loaded it (until the network was idle for 0.5 s)."""
    path: str
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    failed: list[tuple[int, str]] = field(default_factory=list)  # answers of 400 or more: (status, URL)
    console_errors: list[str] = field(default_factory=list)
    axe: dict = field(default_factory=dict)  # RUN_AXE's result: violations and the rules run


#: Tabs every_page loads pages in side by side: each page waits 0.5 s for its network to go quiet.
EVERY_PAGE_TABS = 3


@pytest.fixture(scope="session")
def every_page(site: Path, browser, site_url: str) -> dict[str, Visit]:
    """Every page built from Markdown (helpers.all_pages), both languages, opened once: what it
    requested, which answers failed, what it logged as an error, and axe's verdict. The privacy,
    missing-file and axe tests each read it instead of each loading every page again. Pages load
    EVERY_PAGE_TABS at a time, each in its own tab, which records only its own page's traffic."""
    assert AXE.exists(), "axe-core is missing: run `npm ci --prefix tests` (bash scripts/dev.sh test does)"
    context = browser.new_context(base_url=site_url)
    # An init script, not a <script> added to the page: the page's Content-Security-Policy refuses those.
    context.add_init_script(script=AXE.read_text(encoding="utf-8"))
    visits: dict[str, Visit] = {}
    showing: dict[object, Visit] = {}  # tab -> the page it is loading

    def new_tab():
        tab = context.new_page()
        tab.on("request", lambda r: showing[tab].requests.append(r.url))
        tab.on("response", lambda r: showing[tab].failed.append((r.status, r.url)) if r.status >= 400 else None)
        tab.on("console", lambda m: showing[tab].console_errors.append(m.text) if m.type == "error" else None)
        return tab

    try:
        tabs = [new_tab() for _ in range(EVERY_PAGE_TABS)]
        paths = [p.lstrip("/") for p in all_pages(site)]
        for start in range(0, len(paths), len(tabs)):
            loading = list(zip(tabs, paths[start:start + len(tabs)]))
            for tab, path in loading:  # start each load; they go on side by side
                showing[tab] = visits[path] = Visit(path)
                tab.goto(path, wait_until="commit")
            for tab, path in loading:
                tab.wait_for_load_state("networkidle")
                visits[path].axe = tab.evaluate(RUN_AXE, [WCAG_TAGS, list(EXCLUDED_RULES)])
    finally:
        context.close()
    return visits


@pytest.fixture
def tab(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], base_url=site_url)
    tab = context.new_page()
    yield tab
    context.close()

from __future__ import annotations

import multiprocessing
import subprocess
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
    # the fast tier's failures show within a minute, and the one test that times a server (mkdocs
    # serve must answer within 10 s) runs before the background jobs below load the machine.
    items.sort(key=lambda item: "site" in item.fixturenames)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run as `guidance build` (and so `bash scripts/dev.sh build` and
    the deploy workflow) builds it: `mkdocs build --strict`, then the PDFs and the offline copy the
    home page links to; published under PREFIX."""
    from guidance.project import Project
    from guidance.site.build import BuildError, build

    out = tmp_path_factory.mktemp("site")
    try:
        build(Project.at(ROOT), out, downloads=True, site_url=SITE_URL, capture=True, log=lambda line: None)
    except BuildError as exc:
        pytest.fail(f"guidance build failed: {exc}", pytrace=False)
    assert (out / "downloads" / OFFLINE_ZIP).is_file()
    return out


@pytest.fixture(scope="session")
def page(site: Path) -> Pages:
    return Pages(site)


# --- long jobs on the built site, in the background -------------------------------------------------
# Three jobs need nothing but the built site and take from 15 s to three minutes of this 2-CPU
# machine, most of it in programs of their own: linkchecker's crawl, Lighthouse, and reading the
# PDFs' text. They start in background processes as soon as the site is built (the first test that
# needs the site starts them), two at a time, and run while the other tests go on; a test that reads
# a result waits for it there, and a job's error fails the tests that read it. Only the jobs some
# selected test reads are run.

#: fixture name -> the function of the built site (in helpers, so a spawned process can import it),
#: longest first: Lighthouse (about 3 minutes) in one process, the crawl and then the PDFs in the other.
BACKGROUND_JOBS = {"lighthouse_report": helpers.lighthouse_pages, "link_check": helpers.check_links,
                   "pdf_text": helpers.pdf_texts}
BACKGROUND_PROCESSES = 2


@pytest.fixture(scope="session")
def background(site: Path, request) -> dict[str, Future]:
    """The background jobs the selected tests read, started: fixture name -> its future result."""
    wanted = {name for item in request.session.items for name in BACKGROUND_JOBS if name in item.fixturenames}
    # spawn, not fork: this process runs threads (the site's server, Playwright's connection)
    with ProcessPoolExecutor(BACKGROUND_PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield {name: pool.submit(job, site) for name, job in BACKGROUND_JOBS.items() if name in wanted}
        pool.shutdown(cancel_futures=True)  # a job not started yet (the run stopped early) is dropped


@pytest.fixture(autouse=True)
def _start_background_jobs(request) -> None:
    """The first test that needs the built site starts the background jobs."""
    if "site" in request.fixturenames:
        request.getfixturevalue("background")


@pytest.fixture(scope="session")
def link_check(background) -> tuple[list[str], int]:
    """helpers.check_links: every internal link and #anchor of the built site, checked by linkchecker
    (the problems in its words, and how many it checked); crawled once per run, in the background."""
    return background["link_check"].result()


@pytest.fixture(scope="session")
def lighthouse_report(background) -> dict:
    """helpers.lighthouse_pages: Lighthouse on every page type, both languages; in the background."""
    return background["lighthouse_report"].result()


@pytest.fixture(scope="session")
def pdf_text(background) -> dict[str, str]:
    """helpers.pdf_texts: each language's whole-guidance PDF as text; read in the background."""
    return background["pdf_text"].result()


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

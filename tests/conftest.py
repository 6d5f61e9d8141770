from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidance.project import Project

ROOT = Path(__file__).resolve().parents[1]
#: Each language's root in the site ({"en": "", "cy": "cy/"}), as mkdocs.yml's i18n plugin defines them.
ROOTS = Project.at(ROOT).roots
BIN = Path(sys.executable).parent


#: The site is built and served under a path prefix, as on GitHub Pages, so that links which only
#: work at the server root are caught.
PREFIX = "/cse-guidance/"
SITE_URL = f"http://127.0.0.1{PREFIX}"
#: The offline copy's name in site/downloads/, as the home page links to it.
OFFLINE_ZIP = "safeguarding-children-from-cse-offline.zip"


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


#: What `guidance check` and the other content commands read of a project (mkdocs.yml for its folders
#: and redirects), as copy_content copies it.
CONTENT = ("mkdocs.yml", "bibliography.bib", "published-urls.txt", "docs", "docs_cy")


def copy_content(dest: Path, names: tuple[str, ...] = CONTENT) -> Path:
    """A copy of the project's content in dest, to break and check with `guidance … --root dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, dest / name)
    return dest


def run(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    """Run a project command (mkdocs, guidance, ...) from this environment; capture its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    exe = BIN / args[0]
    return subprocess.run([str(exe) if exe.exists() else args[0], *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, **kwargs)


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


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first OLD in a copied file, as an editor would; fail if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line number of the first line holding NEEDLE."""
    for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return no
    raise AssertionError(f"{needle!r} not in {path}")


class Pages:
    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, BeautifulSoup] = {}

    def __call__(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its site path, e.g. 'chapter-3-safeguarding-procedures/'."""
        if url_path not in self._cache:
            file = self.root / url_path / "index.html" if not url_path.endswith(".html") else self.root / url_path
            self._cache[url_path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._cache[url_path]


@pytest.fixture(scope="session")
def page(site: Path) -> Pages:
    return Pages(site)


@pytest.fixture(scope="session")
def site_url(site: Path):
    """The built site served over HTTP on 127.0.0.1 under its prefix (browsers need a real server)."""
    from guidance.site.serve import serve

    with serve(site, PREFIX) as url:
        yield url


CHROMIUM = Path("/usr/bin/chromium")


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


@pytest.fixture
def tab(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], base_url=site_url)
    tab = context.new_page()
    yield tab
    context.close()

"""What the tests share, in one module so that no test file imports another (or conftest).

- the project and its commands: ROOT, run(), edit(), line_of(), copies of the project to break;
- the content checks, run in-process on such a copy: check();
- the built site: Pages (parsed HTML by path), all_pages(), the chapters and the words of a paragraph;
- the reference text (tests/fixtures/source), cut into numbered paragraphs and footnotes;
- the Content-Security-Policy every page carries, and how a test reads it;
- Material's search box in Chromium: SearchBox and its Results.

Fixtures (the built site, the browser, one crawl of the site by linkchecker …) are in conftest.py.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from guidance.project import Project
from guidance.site.page_types import VIEWPORTS

# --- the project -------------------------------------------------------------------------------

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
CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: The chapter whose paragraphs the check tests break, and the fragments it shares with the practice
#: guide (paragraphs 148-166 live in fragments that chapter 3 and the practice guide both include).
CH3 = "chapter-3-safeguarding-procedures.md"
RESPONSE = "includes/safeguarding-procedure/proportionate-response.md"
REACHING_18 = "includes/safeguarding-procedure/reaching-18.md"


def run(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    """Run a project command (mkdocs, guidance, ...) from this environment; capture its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    exe = BIN / args[0]
    return subprocess.run([str(exe) if exe.exists() else args[0], *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, **kwargs)


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


def remove_paragraph(path: Path, number: int) -> None:
    """Delete a numbered paragraph (up to the next one) the way a careless edit would."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(f"\n{number}. "), text.index(f"\n{number + 1}. ")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


#: What `guidance check` and the other content commands read of a project (mkdocs.yml for its folders
#: and redirects): what copy_project copies unless told otherwise.
CONTENT = ("mkdocs.yml", "bibliography.bib", "published-urls.txt", "editions.yml", "docs", "docs_cy")


def copy_project(target: Path, *names: str) -> Path:
    """A copy of the named parts of the project (folders or files; default CONTENT), to break one
    thing in and check with `guidance … --root target` or check(root=target)."""
    names = names or CONTENT
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, target / name)
    return target


# --- the content checks, in-process --------------------------------------------------------------

def check(*only: str, root: Path = ROOT) -> tuple[int, str]:
    """The named checks (guidance.checks.CHECKS) over a project: the exit code and the lines
    `guidance check --only …` prints for them, one `file:line: message` a problem. Only the checks a
    test is about run, in this process: each test stays a few milliseconds (the Welsh terminology and
    spelling checks alone take a second). tests/test_checks.py runs the real command once."""
    from guidance import checks
    from guidance.project import Project

    assert only, "name the checks the test is about"
    content = checks.Content.of(Project.at(root))
    problems = checks.run_checks(content, only)
    return (1 if problems else 0), "\n".join(str(p) for p in problems)


def guidance(*args: str) -> subprocess.CompletedProcess:
    """The `guidance` command run in this process (its entry point, cli.main), as run() would start
    it: exit status and what it printed. Saves starting Python for each of the many commands the
    translation tests give."""
    import contextlib
    import io

    from guidance import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse refusing the options
            code = exit_.code
    return subprocess.CompletedProcess(["guidance", *args], code, out.getvalue(), err.getvalue())


# --- the built site ------------------------------------------------------------------------------

class Pages:
    """Parsed HTML of a built site's pages, each parsed once."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, BeautifulSoup] = {}

    def __call__(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its site path, e.g. 'chapter-3-safeguarding-procedures/'."""
        if url_path not in self._cache:
            file = self.root / url_path / "index.html" if not url_path.endswith(".html") else self.root / url_path
            self._cache[url_path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._cache[url_path]


def all_pages(site: Path) -> list[str]:
    """Every page built from Markdown, by its path; not the stubs that redirect a renamed page's old address."""
    return sorted(str(p.parent.relative_to(site)).replace(".", "") + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


#: Each guidance chapter's address and its numbered paragraphs.
CHAPTERS = {
    "introduction/": (1, 23),
    "chapter-1-understanding-cse/": (24, 50),
    "chapter-2-preventing-cse/": (51, 138),
    "chapter-3-safeguarding-procedures/": (139, 166),
    "chapter-4-care-and-support/": (167, 265),
    "chapter-5-disrupting-perpetrators/": (266, 300),
}


def text_of(element) -> str:
    """Text with blocks separated but inline markup joined: "<abbr>CSE</abbr>-experienced" is one word."""
    element = element.__copy__()
    for tag in element.select("abbr, em, strong, span, a:not(.para-num), code"):
        tag.unwrap()
    element.smooth()
    return element.get_text(" ")


def para_words(div) -> list[str]:
    """Words of a rendered paragraph without its number link and footnote markers."""
    div = div.__copy__()
    for tag in div.select("a.para-num, sup[id^=fnref]"):
        tag.decompose()
    return words(text_of(div))


# --- long jobs on the built site, run in a background process (conftest.py, `background`) ----------
# Each takes the built site's folder and returns what its tests assert on; each runs in a process of
# its own (a spawned one: these functions are imported by name), so it neither waits for nor holds
# up the tests that drive Chromium meanwhile.

#: The Lighthouse categories tests/test_lighthouse.py asserts (each must score 100).
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")


class SiteBuildFailed(Exception):
    """`guidance build` stopped; its message says why (a plain exception, to cross from the process
    that built the site)."""


def build_site(out: Path) -> Path:
    """The real site built into OUT as `guidance build` builds it, PDFs and offline copy included
    (conftest.py's `site`, in a background process)."""
    from guidance.project import Project
    from guidance.site.build import BuildError, build

    try:
        build(Project.at(ROOT), out, downloads=True, site_url=SITE_URL, capture=True, log=lambda line: None)
    except BuildError as exc:
        raise SiteBuildFailed(str(exc)) from None
    if not (out / "downloads" / OFFLINE_ZIP).is_file():
        raise SiteBuildFailed(f"the build made no downloads/{OFFLINE_ZIP}")
    return out


def check_links(site: Path) -> tuple[list[str], int]:
    """Every internal link and #anchor, both languages, checked over HTTP by linkchecker (what
    `guidance links` runs): the problems, in its words, and how many links and anchors it checked."""
    from guidance.site import links

    return links.check_site(site, next(root for root in ROOTS.values() if root), PREFIX)


def lighthouse_pages(site: Path) -> dict:
    """Lighthouse (tests/lighthouse/audit.mjs, one Chromium) on every page type in both languages,
    served gzipped as GitHub Pages serves them: {lighthouse, chromium, urls, pages: one result per
    page_types.pages(), in its order}. Only LIGHTHOUSE_CATEGORIES are audited: Performance, which is
    not asserted (the benchmark measures it), would add half as much again to each page's time."""
    from guidance.site import lighthouse
    from guidance.site.page_types import pages
    from guidance.site.serve import serve

    os.environ["LIGHTHOUSE_CATEGORIES"] = ",".join(LIGHTHOUSE_CATEGORIES)  # read by audit.mjs; this process only
    with serve(site, PREFIX, gzip=True) as base:
        urls = [base + path for _, _, path in pages(ROOTS)]
        return {**lighthouse.audit(urls), "urls": urls}


def pdf_texts(site: Path) -> dict[str, str]:
    """The text of the whole guidance's PDF in each language (site/downloads/, printed by `guidance
    pdf`), page after page, as pypdf extracts it: about 8 s of CPU a language."""
    from pypdf import PdfReader

    return {lang: "\n".join(p.extract_text() for p in PdfReader(str(site / "downloads" / GUIDANCE_PDF.format(lang=lang))).pages)
            for lang in ("en", "cy")}


#: The whole guidance as a PDF, in site/downloads/.
GUIDANCE_PDF = "safeguarding-children-from-cse-{lang}.pdf"


# --- accessibility rules (axe-core, in Chromium) -----------------------------------------------

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
#: Rules switched off, each with the reason. Keep this empty unless a rule cannot apply.
EXCLUDED_RULES: dict[str, str] = {}
#: axe's WCAG A and AA rules over the page as it is: the violations (first three elements each) and
#: every rule that ran (passed, violated, incomplete or not applicable).
RUN_AXE = """async ([tags, off]) => {
    const rules = Object.fromEntries(off.map(id => [id, {enabled: false}]));
    const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
    return {violations: r.violations.map(v => ({id: v.id, help: v.help,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})),
            rules: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(x => x.id)};
}"""


# --- the reference text (tests/fixtures/source) --------------------------------------------------
# The source is a PDF extraction: superscript numbers are footnote markers, a numbered paragraph
# starts with "N. " and runs until the next one (boxes and headings in between are part of the
# segment; the site puts them outside the paragraph, so tests compare a paragraph with the *start*
# of its segment).

SOURCE = FIXTURES / "source" / "statutory-guidance-consultation-draft.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RE = re.compile(f"[{SUPERSCRIPTS}]+")
_PARA_RE = re.compile(r"^\s*(\d{1,3})\.\s+")
_WORD_RE = re.compile(r"[\w'’‘-]+")
#: Where each page of the site begins in the source: (first paragraph, 1-based line where the page
#: begins — its title line, or its first line where the source lost the title —, first line after the title).
PAGE_STARTS = [(1, 32, 33), (24, 93, 94), (51, 226, 226), (139, 538, 539), (167, 611, 612), (266, 936, 937)]


def _columns_first(text: str) -> str:
    """The source's one table is a tab-separated row of column headings followed by a row of cells;
    the site shows it column by column, so read it that way: heading 1, cell 1, heading 2, cell 2..."""
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        head, cells = lines[i].split("\t"), lines[i + 1].split("\t")
        if len(head) > 1 and len(head) == len(cells):
            lines[i:i + 2] = ["\n".join(f"{h}\n{c}" for h, c in zip(head, cells)), ""]
    return "\n".join(lines)


def words(text: str) -> list[str]:
    """Words of a text, ignoring markup, punctuation, quote marks and footnote superscripts."""
    text = re.sub(r"<(?!https?:)[^>]+>", " ", _columns_first(text))
    text = _SUP_RE.sub(" ", text)
    text = re.sub(r"\[((?:[^\]\\]|\\.)*)\]\(#\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
    text = re.sub(r"[*_]", " ", text)
    return [w.strip("'’‘-") for w in _WORD_RE.findall(text) if w.strip("'’‘-")]


def footnote_number(marker: str) -> int:
    return int("".join(str(SUPERSCRIPTS.index(c)) for c in marker))


@lru_cache
def _lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@lru_cache
def _footnote_list_start() -> int:
    return next(i for i, line in enumerate(_lines()) if line.startswith("- ¹ "))


@lru_cache
def paragraph_segments() -> dict[int, str]:
    """Paragraph number -> raw source text from its "N. " to the next numbered paragraph or page."""
    body = _lines()[: _footnote_list_start()]
    starts = [(i, int(m.group(1))) for i, line in enumerate(body) if (m := _PARA_RE.match(line))]
    page_breaks = sorted(begin - 1 for _, begin, _ in PAGE_STARTS)
    segments = {}
    for k, (i, n) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(body)
        end = min([end, *(b for b in page_breaks if b > i)])
        segments[n] = _PARA_RE.sub("", body[i], count=1) + "\n" + "\n".join(body[i + 1:end])
    return segments


def page_preamble(first_paragraph: int) -> str:
    """Source text of a page before its first numbered paragraph (summary, boxes), without its title."""
    _, _, after_title = next(p for p in PAGE_STARTS if p[0] == first_paragraph)
    body = _lines()
    first = next(i for i in range(after_title - 1, len(body)) if _PARA_RE.match(body[i]))
    return "\n".join(body[after_title - 1:first])


def footnote_markers(text: str) -> list[int]:
    return [footnote_number(m) for m in _SUP_RE.findall(text)]


@lru_cache
def footnote_texts() -> dict[int, str]:
    """Footnote number -> its text (joined over lines) from the list at the end of the source."""
    tail = "\n".join(_lines()[_footnote_list_start():])
    tail = re.sub(r"(?m)^-\s*", "", tail)
    parts = re.split(f"(?m)^\\s*([{SUPERSCRIPTS}]+)\\s*", tail)
    return {footnote_number(parts[k]): " ".join(parts[k + 1].split()) for k in range(1, len(parts), 2)}


# --- the Content-Security-Policy -----------------------------------------------------------------

#: The policy every page carries, hashes aside (they are the page's own: see executable_inline_script_hashes).
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
}
JSON_TYPES = {"application/json", "application/ld+json"}
#: Reports every violation to the test as it happens (an exposed function survives navigation).
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e => window.cspViolation(
    {page: location.href, directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample}), true);"""
#: What a pasted embed or a tampered page would add: an image from another site and an inline script.
INJECTED = ('<img id="outside" src="https://example.com/x.png" alt="">'
            '<script>window.unhashedScriptRan = true</script>')
PAGE_STATE = """() => ({ran: window.unhashedScriptRan === true, image: document.getElementById('outside').naturalWidth,
                        ownInlineScriptsRan: typeof __md_get === 'function'})"""


def parse_policy(text: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (d.split() for d in text.split(";") if d.strip())}


def policy_of(html: str) -> tuple[BeautifulSoup, dict[str, list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    first = soup.head.find(True)
    assert first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy", \
        f"the first element in <head> is {str(first)[:80]}"
    return soup, parse_policy(first["content"])


def executable_inline_script_hashes(soup: BeautifulSoup) -> list[str]:
    """'sha256-…' of every inline script Chromium would run, as CSP hashes them (UTF-8 text)."""
    return ["'sha256-" + base64.b64encode(hashlib.sha256(s.string.encode("utf-8")).digest()).decode() + "'"
            for s in soup.find_all("script")
            if not s.has_attr("src") and s.get("type", "").lower() not in JSON_TYPES and s.string]


# --- Material's search box in Chromium -----------------------------------------------------------
# Material renders one group per page: the page's own entry, then its best-scoring sections, then
# "N more on this page" folded away. `hits` lists what a reader sees without unfolding anything, in
# order: each group's best sections, or the page itself when the page's own text scored best.

READ_RESULTS = """prefix => [...document.querySelectorAll('.md-search-result__list > li')].map(group => {
    const links = [...group.querySelectorAll(':scope > a.md-search-result__link')];
    const folded = [...group.querySelectorAll('details a.md-search-result__link')];
    const target = a => { const u = new URL(a.href); return u.pathname.slice(prefix.length) + u.hash };
    const article = links[0], sections = links.slice(1);
    // the page's own entry is a hit when Material shows its text (it scored best in the group)
    const articleHit = article.querySelector('article').childNodes.length > 2 || !sections.length;
    return {
      hits: [...(articleHit ? [article] : []), ...sections].map(target),
      folded: folded.map(target),
      titles: links.concat(folded).map(a => a.querySelector('h1, h2').textContent),
      text: group.innerText,
      marked: [...group.querySelectorAll('mark')].map(m => m.textContent),
      hrefs: links.concat(folded).map(a => a.href),
    };
})"""

WAIT_FOR_READY = """() => { const meta = document.querySelector('.md-search-result__meta');
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    return meta && meta.textContent.trim() === t['search.result.placeholder'] }"""

WAIT_FOR_RESULTS = """() => { const meta = document.querySelector('.md-search-result__meta');
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    return meta && meta.textContent.trim() !== t['search.result.placeholder'] }"""


@dataclass
class Results:
    query: str
    groups: list[dict]

    @property
    def hits(self) -> list[str]:
        """Visible hits in order, as site paths: 'chapter-3-safeguarding-procedures/#para-158'."""
        return [hit for group in self.groups for hit in group["hits"]]

    @property
    def every_link(self) -> list[str]:
        return [href for group in self.groups for href in group["hrefs"]]

    @property
    def marked(self) -> set[str]:
        """The words Material highlights as matches, lower-cased."""
        return {word.lower() for group in self.groups for word in group["marked"]}

    @property
    def text(self) -> str:
        return "\n".join(group["text"] for group in self.groups)

    def rank(self, expected: str) -> int | None:
        """1-based position of the first visible hit on `expected`: a paragraph or section
        ('page/#para-158') or, without '#', any hit on that page."""
        for i, hit in enumerate(self.hits, 1):
            if hit == expected or ("#" not in expected and hit.split("#")[0] == expected):
                return i
        return None


class SearchBox:
    """Material's search on one page of the served site."""

    def __init__(self, tab, page_path: str):
        self.tab = tab
        tab.goto(page_path)
        self.prefix = urlsplit(tab.url).path[: -len(page_path)] if page_path else urlsplit(tab.url).path
        tab.keyboard.press("/")  # Material's shortcut: open and focus the search box
        tab.wait_for_function(WAIT_FOR_READY, timeout=15000)

    def search(self, query: str) -> Results:
        self._type(query)
        self.tab.wait_for_function(WAIT_FOR_RESULTS, timeout=15000)
        results = Results(query, self.tab.evaluate(READ_RESULTS, self.prefix))
        self._type("")
        self.tab.wait_for_function(WAIT_FOR_READY, timeout=15000)
        return results

    def _type(self, text: str) -> None:
        # Material searches on key presses: put the whole query in, then release a key.
        self.tab.fill("input.md-search__input", text)
        self.tab.press("input.md-search__input", "End")


# --- what readers see (tests/layout.js, in Chromium) --------------------------------------------

LAYOUT_JS = Path(__file__).with_name("layout.js")
#: Every page starts as a first visit's would: nothing Material keeps for a reader from an earlier page.
FIRST_VISIT = "try { localStorage.clear() } catch (e) {}"


def device(browser, site_url: str, viewport: str):
    """A phone's browser or a desktop's (page_types.VIEWPORTS) on the served site, with layout.js in
    every page. One for many pages, as a reader's: its cache keeps the site's scripts and styles
    compiled from one page to the next (a page loads in about a third of the time)."""
    touch = {"has_touch": True, "is_mobile": True} if viewport == "phone" else {}
    context = browser.new_context(base_url=site_url, viewport=VIEWPORTS[viewport], **touch)
    context.add_init_script(FIRST_VISIT)
    context.add_init_script(path=str(LAYOUT_JS))
    return context


class View:
    """One page open in a tab of a device, loaded once for all the checks of a test. A check that
    changes what is painted (hover, focus, added styles) calls changing(); the next check gets it
    reloaded."""

    def __init__(self, device, kind: str, lang: str, path: str, viewport: str):
        self.kind, self.lang, self.path, self.viewport = kind, lang, path, viewport
        size = VIEWPORTS[viewport]
        self.tab = device.new_page()
        self.name = f"{kind} page ({lang}, {viewport} {size['width']}×{size['height']}) /{path}"
        self._load()

    def _load(self):
        self.tab.goto(self.path)
        self.tab.evaluate("document.fonts.ready")
        self.changed = False

    def fresh(self):
        """The page as loaded."""
        if self.changed:
            self._load()
        return self.tab

    def changing(self):
        """The page as loaded, for a check that will change it."""
        tab = self.fresh()
        self.changed = True
        return tab

    def check(self, name: str) -> dict:
        return self.tab.evaluate(f"layout.{name}()")

    def report(self, problems: list[str]) -> str:
        return "\n".join(f"{self.name}: {p}" for p in problems)

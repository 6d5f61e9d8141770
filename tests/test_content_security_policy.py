"""The Content-Security-Policy of every page, in Chromium: each page carries it, a reader using the
page meets no violation of it, and it bites — an image from another site is not fetched and an
inline script without its hash does not run. (The offline copy's policy: tests/test_offline.py.)"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import ROOTS
from guidance.site import page_types
from helpers import (INJECTED, PAGE_STATE, POLICY, REPORT_VIOLATIONS, ROOT, SearchBox,
                     executable_inline_script_hashes, parse_policy, policy_of)

EXIT = "https://www.bbc.co.uk/weather"
CH3 = "chapter-3-safeguarding-procedures/"
#: What a reader searches for on each language's pages.
QUERY = {"en": "exploitation", "cy": "camfanteisio"}
#: Every page type, and the introduction, whose footnotes show as tooltips (no page type has footnotes).
READER_PAGES = page_types.pages(ROOTS) + [("footnotes", lang, root + "introduction/")
                                     for lang, root in ROOTS.items()]


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.build
def test_every_built_page_carries_the_policy_first_in_head(site):
    pages = built_pages(site)
    assert len(pages) >= 2 * len(page_types.PAGE_TYPES) + 1  # both languages and the "page not found" page
    for file in pages:
        html = file.read_text(encoding="utf-8")
        soup, policy = policy_of(html)
        hashes = executable_inline_script_hashes(soup)
        assert len(hashes) >= 3, f"{file}: Material's own inline scripts are missing"
        assert policy == {**POLICY, "script-src": ["'self'", *hashes]}, f"{file}: {policy}"
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & {s for v in policy.values() for s in v}
        # The policy goes before <meta charset>, which must stay in the first 1024 bytes.
        assert html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, file


@pytest.fixture
def watched(tab):
    """A tab that records every policy violation and every console error, with the neutral site (where
    Exit this page leads) stubbed: the test machine has no internet."""
    violations: list[dict] = []
    errors: list[str] = []
    tab.context.expose_function("cspViolation", lambda violation: violations.append(violation))
    tab.context.add_init_script(REPORT_VIOLATIONS)
    tab.on("console", lambda m: errors.append(f"{tab.url}: {m.text}") if m.type == "error" else None)
    tab.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"))
    return SimpleNamespace(tab=tab, violations=violations, errors=errors)


@pytest.fixture(scope="module")
def readers_browser(browser, site_url):
    """One browser context for every reader below, as one reader's browser: its cache keeps the
    site's scripts, styles, fonts and search index from one page to the next. It reports every
    policy violation to the test (into the list it yields) and stubs the neutral site."""
    violations: list[dict] = []
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], base_url=site_url)
    context.expose_function("cspViolation", lambda violation: violations.append(violation))
    context.add_init_script(REPORT_VIOLATIONS)
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"))
    yield SimpleNamespace(context=context, violations=violations)
    context.close()


@pytest.fixture
def reader(readers_browser):
    """A new tab in the readers' browser, recording the violations and console errors met in it."""
    readers_browser.violations.clear()
    tab = readers_browser.context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(f"{tab.url}: {m.text}") if m.type == "error" else None)
    yield SimpleNamespace(tab=tab, violations=readers_browser.violations, errors=errors)
    tab.close()


def _policy_errors(watched) -> list[str]:
    return [e for e in watched.errors if re.search(r"Content.Security.Policy", e, re.I)]


def _carries_the_policy(tab) -> str:
    return tab.evaluate("""() => { const m = document.head.firstElementChild;
        return m.httpEquiv === 'Content-Security-Policy' ? m.content : '' }""")


@pytest.mark.browser
@pytest.mark.parametrize("kind,lang,path", READER_PAGES, ids=[f"{k}-{l}" for k, l, _ in READER_PAGES])
def test_a_reader_using_the_page_meets_no_policy_violation(reader, kind, lang, path):
    tab = reader.tab
    other = "en" if lang == "cy" else "cy"
    # search (the worker and the index start when the box is focused: search-on-demand.js)
    box = SearchBox(tab, path)
    assert _carries_the_policy(tab).startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert box.search(QUERY[lang]).hits, f"no search results on /{path}"
    tab.keyboard.press("Escape")
    # the language menu
    tab.hover(".md-header__option .md-select")
    tab.locator(f".md-select__inner a[hreflang={other}]").wait_for(state="visible")
    # footnote and abbreviation tooltips (tooltips.js)
    for mark in ("article sup[id^=fnref] a", "article abbr"):
        if tab.locator(mark).count():
            tab.locator(mark).first.scroll_into_view_if_needed()
            tab.locator(mark).first.hover()
            tab.locator(".md-tooltip2--active").first.wait_for(state="visible")
            tab.mouse.move(0, 0)
    if kind == "footnotes":
        assert tab.locator("article sup[id^=fnref] a").count(), "the introduction has footnotes"
    # a paragraph number copies its link
    if tab.locator("a.para-num").count():
        tab.locator("a.para-num").first.click()
        tab.locator(".para-copied").wait_for()
    # switch language, then leave with Shift pressed three times
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click(f".md-select__inner a[hreflang={other}]")
    assert tab.get_attribute("html", "lang") == other
    assert _carries_the_policy(tab).startswith("default-src 'self'; script-src 'self' 'sha256-")
    for _ in range(2):
        tab.keyboard.press("Shift")
    with tab.expect_navigation(url=EXIT):
        tab.keyboard.press("Shift")
    assert not reader.violations, reader.violations
    assert not _policy_errors(reader), _policy_errors(reader)


def _serve_with_injection(tab, path: str, keep_policy: bool = True) -> list[str]:
    """Serve the page with an image from another site and an inline script added to its content, as
    a pasted embed or a tampered page would add them; return the requests that reach example.com."""
    reached: list[str] = []

    def inject(route):
        response = route.fetch()
        html = response.text().replace("</article>", INJECTED + "</article>", 1)
        if not keep_policy:
            html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        route.fulfill(response=response, body=html)

    def outside(route):
        reached.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=_PNG)

    tab.route(f"**/{path}", inject)
    tab.route("https://example.com/**", outside)
    tab.goto(path)
    return reached


_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
@pytest.mark.browser
@pytest.mark.parametrize("path", [CH3, "cy/" + CH3])
def test_the_policy_blocks_an_image_from_another_site_and_an_unhashed_inline_script(watched, path):
    tab = watched.tab
    reached = _serve_with_injection(tab, path)
    tab.wait_for_function("document.readyState === 'complete'")
    state = tab.evaluate(PAGE_STATE)
    assert state == {"ran": False, "image": 0, "ownInlineScriptsRan": True}, state
    assert not reached, f"the browser contacted another site: {reached}"
    blocked = {(v["directive"], v["blocked"]) for v in watched.violations}
    assert ("img-src", "https://example.com/x.png") in blocked, watched.violations
    assert ("script-src-elem", "inline") in blocked, watched.violations


@pytest.mark.browser
def test_without_the_policy_the_same_injection_would_load_and_run(watched):
    """The control: the injected image and script are real (the test above can fail)."""
    tab = watched.tab
    reached = _serve_with_injection(tab, CH3, keep_policy=False)
    tab.wait_for_function("document.getElementById('outside').complete")
    assert tab.evaluate(PAGE_STATE) == {"ran": True, "image": 1, "ownInlineScriptsRan": True}
    assert reached == ["https://example.com/x.png"]
    assert not watched.violations


@pytest.mark.unit
def test_only_the_page_s_own_inline_scripts_are_hashed():
    """A script that came with the page's content (its Markdown) gets no hash, so it would not run;
    data blocks are not scripts; a module script is."""
    from guidance.plugin.content_security_policy import page_hashes, source_hash

    content = '<p>Text</p><script>alert("from the content")</script>'
    page = (f'<html><head><script>var own = 1</script><script type="application/json">{{"a": 1}}</script>'
            f'<script type="module">import "./x.js"</script><script src="x.js"></script></head>'
            f'<body><article>{content}</article></body></html>')
    assert page_hashes(page, content) == [source_hash("var own = 1"), source_hash('import "./x.js"')]
    assert source_hash("a\r\nb") == source_hash("a\nb")  # as the HTML parser hands the script over


@pytest.mark.browser
def test_the_local_preview_reloads_itself_under_the_preview_policy(browser, tmp_path):
    """`mkdocs serve` adds a live-reload script with that moment's timestamps in it, which no hash can
    name: the preview's policy lets inline scripts run and is otherwise the published one, and a page
    still reloads by itself when its Markdown is saved."""
    from guidance.benchmark.project import copy_project
    from guidance.benchmark.serve import append_to_first_paragraph, fetch, free_port, running_serve, wait_until


    project = copy_project(ROOT, tmp_path / "project")
    port, log = free_port(), tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}/"
    with running_serve(project, port, log) as process:
        assert wait_until(lambda: fetch(base, timeout=5) is not None, 300, process), log.read_text()[-3000:]
        context = browser.new_context()
        violations: list[dict] = []
        errors: list[str] = []
        context.expose_function("cspViolation", lambda violation: violations.append(violation))
        context.add_init_script(REPORT_VIOLATIONS)
        try:
            tab = context.new_page()
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.goto(base + "introduction/")
            assert parse_policy(_carries_the_policy(tab)) == {**POLICY, "script-src": ["'self'", "'unsafe-inline'"]}
            with tab.expect_navigation(timeout=60000):
                append_to_first_paragraph(project / "docs" / "introduction.md", "livereloadcheckword")
            tab.wait_for_load_state()
            assert "livereloadcheckword" in tab.inner_text("article")
        finally:
            context.close()
    assert not violations and not errors, (violations, errors)

"""The offline copy: the zip the home page offers opens from disk, in both languages, and its search
finds pages of the reader's language without anything leaving the computer."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import (INJECTED, OFFLINE_ZIP, PAGE_STATE, POLICY, REPORT_VIOLATIONS, SearchBox,
                     executable_inline_script_hashes, policy_of)


@pytest.fixture(scope="module")
def offline_copy(site, tmp_path_factory) -> Path:
    """The zip from the built site's downloads, unzipped the way a reader would."""
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / "downloads" / OFFLINE_ZIP) as zf:
        zf.extractall(out)
    folders = list(out.iterdir())
    assert len(folders) == 1 and folders[0].is_dir(), "the zip holds one folder"
    return folders[0]


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_home_page_offers_the_offline_copy(site, page, prefix):
    link = page(prefix).select_one(".downloads a[type='application/zip']")
    assert link is not None and link.has_attr("download")
    assert (site / prefix / link["href"]).resolve() == site / "downloads" / OFFLINE_ZIP


@pytest.mark.build
def test_every_link_of_the_offline_copy_leads_to_a_file_in_it(offline_copy):
    """From disk, a link to a folder opens a directory listing: every page, script and stylesheet is
    linked as a file that is in the copy (language switch, navigation, search results' pages)."""
    broken = []
    pages = sorted(offline_copy.rglob("*.html"))
    assert (offline_copy / "index.html") in pages and (offline_copy / "cy" / "index.html") in pages
    for html in pages:
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("a[href], link[href], script[src], img[src]"):
            url = tag.get("href") or tag.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site (the exit button) or an anchor on the same page
            target = (html.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{html.relative_to(offline_copy)}: {url}")
    assert not broken, broken[:10]
    home = BeautifulSoup((offline_copy / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".downloads") is None  # the copy holds no downloads to offer


@pytest.mark.browser
@pytest.mark.parametrize("lang,start,query,expected", [
    ("en", "index.html", "Flying Start", "chapter-2-preventing-cse.html#para-75"),
    # a mutated form: Welsh word handling (lunr.cy) works offline too
    ("cy", "cy/index.html", "mhlant", "cy/chapter-1-understanding-cse.html"),
])
def test_offline_copy_opens_from_disk_and_searches_its_language(browser, offline_copy, lang, start, query, expected):
    context = browser.new_context(base_url=offline_copy.as_uri() + "/")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    # its Content-Security-Policy holds from disk too: nothing it needs is refused
    violations: list[dict] = []
    errors: list[str] = []
    context.expose_function("cspViolation", lambda violation: violations.append(violation))
    context.add_init_script(REPORT_VIOLATIONS)

    def outside() -> list[str]:
        return [url for url in requests if not url.startswith("file:")]

    try:
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.goto(start)
        assert not outside(), f"{start} asks for files from outside the copy: {outside()}"
        assert tab.evaluate("document.head.firstElementChild.httpEquiv") == "Content-Security-Policy"
        box = SearchBox(tab, start)
        assert tab.get_attribute("html", "lang") == lang
        results = box.search(query)
        assert results.hits, f"no results for {query!r} from {start}"
        assert all(hit.startswith("cy/") == (lang == "cy") for hit in results.hits), results.hits
        assert results.rank(expected) is not None, (expected, results.hits)
        # a result opens its page from disk, at the paragraph
        box._type(query)
        tab.wait_for_selector(".md-search-result__list a.md-search-result__link")
        tab.click(".md-search-result__list a.md-search-result__link")
        tab.wait_for_load_state()
        assert tab.url.startswith(offline_copy.as_uri()) and tab.locator("article h1").count() == 1
    finally:
        context.close()
    assert requests and not outside(), f"requests leaving the computer: {outside()}"
    assert not violations and not errors, (violations, errors)


@pytest.mark.build
def test_every_page_of_the_offline_copy_carries_the_policy(offline_copy):
    """The site's policy, with one hash more than the page's inline scripts: the bootstrap script the
    iframe-worker shim writes into the iframe it runs the search in (its text names the page's worker)."""
    pages = sorted(offline_copy.rglob("*.html"))
    bootstraps: dict[int, set[str]] = {}
    for html in pages:
        soup, policy = policy_of(html.read_text(encoding="utf-8"))
        hashes = executable_inline_script_hashes(soup)
        assert soup.select_one("script[src$='iframe-worker/shim.js']") is not None, html
        assert {**policy, "script-src": []} == {**POLICY, "script-src": []}, f"{html}: {policy}"
        listed = policy["script-src"]
        assert listed[0] == "'self'" and listed[1:-1] == hashes and listed[-1] not in hashes, f"{html}: {listed}"
        bootstraps.setdefault(len(html.relative_to(offline_copy).parts), set()).add(listed[-1])
    # the bootstrap names the worker by its address from the page (../assets/…): one per folder depth
    assert len(bootstraps) == 3 and all(len(h) == 1 for h in bootstraps.values()), bootstraps
    assert len(set().union(*bootstraps.values())) == 3, bootstraps


@pytest.mark.browser
def test_the_offline_copy_policy_bites_from_disk(browser, offline_copy):
    """From file:// too, an image from another site is not fetched and an unhashed inline script does not run."""
    injected = offline_copy / "cy" / "injected.html"
    injected.write_text((offline_copy / "cy" / "index.html").read_text(encoding="utf-8")
                        .replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")
    context = browser.new_context()
    violations: list[dict] = []
    context.expose_function("cspViolation", lambda violation: violations.append(violation))
    context.add_init_script(REPORT_VIOLATIONS)
    reached: list[str] = []
    context.route("https://example.com/**", lambda route: (reached.append(route.request.url), route.abort()))
    try:
        tab = context.new_page()
        tab.goto(injected.as_uri())
        tab.wait_for_function("document.readyState === 'complete'")
        assert tab.evaluate(PAGE_STATE) == {"ran": False, "image": 0, "ownInlineScriptsRan": True}
    finally:
        context.close()
        injected.unlink()
    assert not reached
    blocked = {(v["directive"], v["blocked"]) for v in violations}
    assert {("img-src", "https://example.com/x.png"), ("script-src-elem", "inline")} <= blocked, violations

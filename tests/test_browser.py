"""The site in a real browser (Debian's Chromium through Playwright), in both languages."""

from __future__ import annotations


import pytest

from guidance.site import page_types
from helpers import ROOTS, SITE_URL

CH3 = "chapter-3-safeguarding-procedures/"


@pytest.mark.browser
def test_language_link_keeps_page_and_paragraph_english_to_welsh(tab):
    tab.goto(CH3 + "#para-158")
    with tab.expect_navigation():
        tab.click("a.language-link[hreflang=cy]")
    assert tab.url.endswith("/cy/" + CH3 + "#para-158")
    assert tab.locator("html").get_attribute("lang") == "cy"
    assert tab.locator("#para-158").is_visible()


@pytest.mark.browser
def test_language_menu_keeps_page_and_paragraph_welsh_to_english(tab):
    tab.goto("cy/" + CH3 + "#para-158")
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click(".md-select__inner a[hreflang=en]")
    assert tab.url.endswith("/" + CH3 + "#para-158") and "/cy/" not in tab.url
    assert tab.locator("html").get_attribute("lang") == "en"


@pytest.mark.browser
def test_language_menu_carries_the_paragraph_on_screen(tab):
    """A reader scrolled to paragraph 160 uses the (sticky) header menu: Welsh opens at the
    paragraph they were reading — the one just below the header."""
    tab.goto(CH3)
    tab.evaluate("document.getElementById('para-160').scrollIntoView({block: 'start', behavior: 'instant'})")
    tab.hover(".md-header__option .md-select")
    tab.wait_for_function("""() => new Promise(done => { const y = scrollY;
        requestAnimationFrame(() => requestAnimationFrame(() => done(scrollY === y))) })""")
    reading = tab.evaluate("""() => {  // the first paragraph met going down from 40px below the header
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        const main = document.querySelector('article').getBoundingClientRect();
        for (let y = header + 40; y < innerHeight; y += 4) {
            const para = document.elementFromPoint(main.left + main.width / 2, y).closest('div.para');
            if (para) return para.id;
        } }""")
    assert reading in {"para-159", "para-160"}
    tab.focus(".md-select__inner a[hreflang=cy]")  # keyboard use: focusing the header menu scrolls nothing
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith("/cy/chapter-3-safeguarding-procedures/#" + reading), (reading, tab.url)


@pytest.mark.browser
@pytest.mark.parametrize("prefix,message", [("", "Link to paragraph 158 copied"),
                                            ("cy/", "Wedi copïo'r ddolen i baragraff 158")])
def test_paragraph_permalink_copies_its_address(tab, prefix, message):
    tab.goto(prefix + CH3)
    tab.click("#para-158 a.para-num")
    tab.wait_for_selector(".para-copied")
    assert tab.locator(".para-copied").inner_text() == message
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/{prefix}{CH3}#para-158")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_footnote_tooltip_shows_the_reference(tab, prefix):
    tab.goto(prefix + "introduction/")
    tab.hover("#para-15 sup[id^=fnref] a >> nth=0")
    tooltip = tab.locator(".md-tooltip2").first
    tooltip.wait_for(state="visible")
    assert "Safeguarding Children Involved in Prostitution" in tooltip.inner_text()


@pytest.mark.browser
def test_no_page_asks_for_a_file_the_site_does_not_have_or_logs_an_error(every_page):
    """Every request a page view makes is answered, and the console stays clean: a 404 costs a phone
    a round trip and is logged as an error (Material looked up a sitemap.xml beside each hreflang link).
    Every page, each page type among them, loaded until the network is idle (the every_page fixture)."""
    assert {path for _, _, path in page_types.pages(ROOTS)} <= set(every_page)
    failed = [(visit.path or "/", status, url) for visit in every_page.values() for status, url in visit.failed]
    errors = [(visit.path or "/", text) for visit in every_page.values() for text in visit.console_errors]
    assert not failed, f"requests answered with an error: {failed[:10]}"
    assert not errors, f"console errors: {errors[:10]}"


@pytest.mark.build
def test_hreflang_alternates_are_absolute_and_lead_to_each_other(page):
    for kind, lang, path in page_types.pages(ROOTS):
        links = {link["hreflang"]: link["href"] for link in page(path).select("head link[rel=alternate][hreflang]")}
        assert set(links) == {"en", "cy"}, (path, links)
        assert all(href.startswith(SITE_URL) for href in links.values()), (path, links)
        assert links[lang] == SITE_URL + path, (path, links)


def _highlighted_below_the_header(tab, target: str, sibling: str) -> None:
    background = "e => getComputedStyle(e).backgroundColor"
    assert tab.locator(target).evaluate(background) != tab.locator(sibling).first.evaluate(background), \
        f"{target} looks like the entries around it"
    top = tab.locator(target).evaluate("e => e.getBoundingClientRect().top")
    assert top >= tab.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom"), \
        f"{target} is hidden under the header"


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_the_references_entry_a_search_result_lands_on_is_highlighted(tab, prefix):
    tab.goto(prefix + "references/#ref-Hallett2017making")
    _highlighted_below_the_header(tab, "li:has(> #ref-Hallett2017making)", "li:has(> [id^=ref-]):not(:has(> #ref-Hallett2017making))")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_the_footnote_a_reference_mark_lands_on_is_highlighted(tab, prefix):
    tab.goto(prefix + "introduction/")
    mark = tab.locator("#para-15 sup[id^=fnref] a").first
    target = mark.get_attribute("href")
    mark.click()
    tab.wait_for_function("h => location.hash === h", arg=target)
    _highlighted_below_the_header(tab, f"li[id='{target[1:]}']", f".footnote li:not([id='{target[1:]}'])")

"""The site in a real browser (Debian's Chromium through Playwright), in both languages."""

from __future__ import annotations


import pytest

CH3 = "chapter-3-safeguarding-procedures/"


def test_language_link_keeps_page_and_paragraph_english_to_welsh(tab):
    tab.goto(CH3 + "#para-158")
    with tab.expect_navigation():
        tab.click("a.language-link[hreflang=cy]")
    assert tab.url.endswith("/cy/" + CH3 + "#para-158")
    assert tab.locator("html").get_attribute("lang") == "cy"
    assert tab.locator("#para-158").is_visible()


def test_language_menu_keeps_page_and_paragraph_welsh_to_english(tab):
    tab.goto("cy/" + CH3 + "#para-158")
    tab.hover(".md-header__option .md-select")
    with tab.expect_navigation():
        tab.click(".md-select__inner a[hreflang=en]")
    assert tab.url.endswith("/" + CH3 + "#para-158") and "/cy/" not in tab.url
    assert tab.locator("html").get_attribute("lang") == "en"


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


@pytest.mark.parametrize("prefix,message", [("", "Link to paragraph 158 copied"),
                                            ("cy/", "Wedi copïo'r ddolen i baragraff 158")])
def test_paragraph_permalink_copies_its_address(tab, prefix, message):
    tab.goto(prefix + CH3)
    tab.click("#para-158 a.para-num")
    tab.wait_for_selector(".para-copied")
    assert tab.locator(".para-copied").inner_text() == message
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/{prefix}{CH3}#para-158")


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_footnote_tooltip_shows_the_reference(tab, prefix):
    tab.goto(prefix + "introduction/")
    tab.hover("#para-15 sup[id^=fnref] a >> nth=0")
    tooltip = tab.locator(".md-tooltip2").first
    tooltip.wait_for(state="visible")
    assert "Safeguarding Children Involved in Prostitution" in tooltip.inner_text()

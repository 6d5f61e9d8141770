"""Printing a chapter: the text with its paragraph numbers and footnotes, without the site around it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_print_keeps_the_text_and_drops_the_site(tab, prefix):
    tab.goto(prefix + "chapter-3-safeguarding-procedures/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.exit-this-page']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    assert tab.locator("#para-158 a.para-num").is_visible()
    link = tab.locator("#para-165 a[href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "livefearfree.gov.wales" in after
    assert tab.evaluate("getComputedStyle(document.querySelector('article h1')).breakBefore") != "page"  # no blank first sheet
    assert tab.evaluate("getComputedStyle(document.querySelector('#para-158 .visually-hidden')).display") == "none"

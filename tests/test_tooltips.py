"""Tooltips made when a reader first needs one (overrides/assets/javascripts/tooltips.js), in place
of Material's content.tooltips and content.footnote.tooltips, which set one up for every element as
the page loads: what a reader can do with them by mouse, keyboard and touch, in both languages."""

from __future__ import annotations

import pytest

CHAPTER = "chapter-2-preventing-cse/"
FOOTNOTE_MARK = "article sup[id^=fnref] a"
ACTIVE = ".md-tooltip2--active"


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 800},
                                  has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_no_tooltip_is_made_until_one_is_needed_and_titles_stay_in_the_page(tab, prefix):
    tab.goto(prefix + CHAPTER)
    tab.wait_for_load_state("load")
    assert tab.locator(".md-tooltip2").count() == 0
    assert tab.locator("article abbr[title]").count() > 100, "every abbreviation keeps its expansion"
    assert tab.evaluate("JSON.parse(document.getElementById('__config').textContent).features"
                        ".filter(f => f.includes('tooltips'))") == []


@pytest.mark.browser
@pytest.mark.parametrize("prefix,expansion", [("", "Adverse childhood experiences"),
                                              ("cy/", "Profiadau niweidiol yn ystod plentyndod")])
def test_pointing_at_an_abbreviation_shows_its_expansion_below_it_and_escape_hides_it(tab, prefix, expansion):
    tab.goto(prefix + CHAPTER)
    abbr = tab.locator("article abbr", has_text="ACE").first
    abbr.hover()
    tooltip = tab.locator(f"[role=tooltip]{ACTIVE}")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text() == expansion
    assert abbr.get_attribute("title") is None, "the browser's own tooltip is not drawn on top"
    assert abbr.get_attribute("aria-describedby") == tooltip.get_attribute("id")
    below = tab.evaluate("([a, t]) => t.getBoundingClientRect().top - a.getBoundingClientRect().bottom",
                         [abbr.element_handle(), tooltip.element_handle()])
    assert 0 <= below <= 16, f"the tooltip is {below}px below the abbreviation"
    tab.keyboard.press("Escape")
    assert tab.locator(".md-tooltip2").count() == 0
    assert abbr.get_attribute("title") == expansion


@pytest.mark.browser
@pytest.mark.parametrize("prefix,hint", [("", "Copy the link to paragraph 51"),
                                         ("cy/", "Copïo'r ddolen i baragraff 51")])
def test_a_focused_paragraph_number_says_what_it_does(tab, prefix, hint):
    tab.goto(prefix + CHAPTER)
    tab.focus("a.para-num[href='#para-51']")
    tab.locator(f"[role=tooltip]{ACTIVE}", has_text=hint).wait_for(state="visible")
    tab.focus("a.md-skip")  # on to a link with no tooltip: this one goes at once, without lingering
    active = tab.evaluate("[...document.querySelectorAll('.md-tooltip2--active')].map(t => t.textContent)")
    assert not any("51" in text for text in active), active


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_a_footnote_shows_where_it_is_cited_and_the_pointer_can_move_onto_it(tab, prefix):
    tab.goto(prefix + CHAPTER)
    mark = tab.locator(FOOTNOTE_MARK).first
    mark.hover()
    note = tab.locator(f"[role=dialog]{ACTIVE}")
    note.wait_for(state="visible")
    assert "Exploring the evidence base" in note.inner_text()
    assert note.locator(".footnote-backref, [id]").count() == 0, "no back link, no repeated ids"
    box = note.locator(".md-tooltip2__inner").bounding_box()  # the tooltip is page-wide; its box is not
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.wait_for_timeout(600)  # longer than the tooltip lingers
    assert note.is_visible(), "the footnote stays while the pointer is on it"
    tab.mouse.move(0, 0)
    note.wait_for(state="detached")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_on_a_phone_a_first_tap_shows_the_footnote_without_leaving_the_text_a_second_goes_to_it(phone, prefix):
    phone.goto(prefix + CHAPTER)
    mark = phone.locator(FOOTNOTE_MARK).first
    mark.scroll_into_view_if_needed()
    target = mark.get_attribute("href")
    mark.tap()
    phone.locator(f"[role=dialog]{ACTIVE}").wait_for(state="visible")
    assert phone.evaluate("location.hash") == ""
    mark.tap()
    phone.wait_for_function("h => location.hash === h", arg=target)
    assert phone.locator(ACTIVE).count() == 0


@pytest.mark.browser
def test_on_a_phone_a_tapped_abbreviation_stays_explained_until_a_tap_elsewhere(phone):
    phone.goto(CHAPTER)
    abbr = phone.locator("article abbr").nth(3)
    abbr.scroll_into_view_if_needed()
    abbr.tap()
    tooltip = phone.locator(f"[role=tooltip]{ACTIVE}")
    tooltip.wait_for(state="visible")
    phone.wait_for_timeout(600)
    assert tooltip.is_visible()
    phone.touchscreen.tap(3, 700)  # the margin: no link, no abbreviation
    phone.locator(".md-tooltip2").wait_for(state="detached")

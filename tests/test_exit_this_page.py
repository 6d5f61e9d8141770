"""Exit this page, in Chromium: Shift three times, the button by keyboard, the skip link, history.

The Shift presses count for 5 s. The tests that wait that long move the page's clock on instead
(Playwright's clock: the page's setTimeout fires as it would 5 s later), so they take no time and
do not depend on how busy the machine is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

EXIT = "https://www.bbc.co.uk/weather"


@pytest.fixture
def neutral_site(tab):
    """Stand-in for the neutral site (the test machine has no internet): record that we got there."""
    tab.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                    body="<title>Weather</title><p>Weather</p>"))
    return tab


@pytest.mark.parametrize("path,loading", [("chapter-3-safeguarding-procedures/", "Loading."),
                                          ("cy/chapter-3-safeguarding-procedures/", "Yn llwytho.")])
def test_pressing_shift_three_times_leaves_for_the_neutral_site(neutral_site, path, loading):
    tab = neutral_site
    tab.goto(path)
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    assert tab.locator(".exit-this-page__indicator").inner_text() in (
        "Shift, press 1 more time to exit.", "Shift, pwyswch unwaith eto i adael.")
    with tab.expect_navigation(url=EXIT):
        tab.keyboard.press("Shift")
    assert tab.url == EXIT


@pytest.mark.parametrize("path,two_more,timed_out", [
    ("introduction/", "Shift, press 2 more times to exit.", "Exit this page expired."),
    ("cy/introduction/", "Shift, pwyswch ddwywaith eto i adael.", 'Daeth yr amser ar gyfer "Gadael y dudalen hon" i ben.')])
def test_one_press_says_how_many_more_then_that_it_expired(neutral_site, path, two_more, timed_out):
    """What a screen reader announces (role=status), in the page's language; the quotation marks of
    the Welsh message survive the HTML attribute they travel in."""
    tab = neutral_site
    tab.clock.install()
    tab.goto(path)
    tab.clock.pause_at(tab.evaluate("Date.now()") + 1000)  # the page's time stands still until moved on
    indicator = tab.locator(".exit-this-page__indicator")
    tab.keyboard.press("Shift")
    assert indicator.inner_text() == two_more
    tab.clock.run_for(4900)
    assert indicator.inner_text() == two_more  # still counting just before the 5 s
    tab.clock.run_for(200)
    assert indicator.inner_text() == timed_out


def test_two_presses_then_a_pause_do_not_exit(neutral_site):
    tab = neutral_site
    tab.clock.install()
    tab.goto("introduction/")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    tab.clock.run_for(5200)
    tab.keyboard.press("Shift")
    tab.wait_for_timeout(300)  # real time: a navigation it started would be under way
    assert "/introduction/" in tab.url
    assert tab.locator(".exit-this-page__indicator").inner_text() == "Shift, press 2 more times to exit."  # counting afresh


@pytest.mark.parametrize("path,label", [("", "Exit this page"), ("cy/", "Gadael y dudalen hon")])
def test_the_button_works_by_keyboard(neutral_site, path, label):
    tab = neutral_site
    tab.goto(path)
    button = tab.locator(".exit-this-page__button")
    assert label in button.inner_text() and button.is_visible()
    button.focus()
    with tab.expect_navigation(url=EXIT):
        tab.keyboard.press("Enter")


@pytest.mark.parametrize("path,loading", [("", "Loading."), ("cy/", "Yn llwytho.")])
def test_leaving_blanks_the_page_at_once(tab, path, loading):
    held = []
    tab.route("https://www.bbc.co.uk/**", lambda route: held.append(route))  # the next site is slow to answer
    tab.goto(path)
    # click from inside the page (page.evaluate does not wait for the navigation it starts)
    shown = tab.evaluate("""() => { document.querySelector('.exit-this-page__button').click();
        const o = document.querySelector('.exit-this-page__overlay');
        return o && [o.textContent, getComputedStyle(o).position, getComputedStyle(o).zIndex, document.title] }""")
    assert shown == [loading, "fixed", "100", loading]


def test_the_skip_link_is_reachable_by_tab_and_exits(neutral_site):
    tab = neutral_site
    tab.goto("chapter-1-understanding-cse/")
    for _ in range(3):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.classList.contains('exit-this-page__skiplink')"):
            break
    else:
        pytest.fail("the Exit this page skip link is not among the first things Tab reaches")
    assert tab.locator(".exit-this-page__skiplink").is_visible()
    with tab.expect_navigation(url=EXIT):
        tab.keyboard.press("Enter")


def test_back_from_the_neutral_site_does_not_return_to_the_page(neutral_site):
    tab = neutral_site
    tab.goto("about:blank")
    tab.goto("chapter-4-care-and-support/")
    with tab.expect_navigation(url=EXIT):
        tab.click(".exit-this-page__button")
    tab.go_back()
    assert "chapter-4-care-and-support" not in tab.url

"""What readers see, measured in Chromium on every page type, in both languages, on a phone and a
desktop: screen-reader-only text is not painted, paragraph numbers do not overlap their text, nothing
covers the header or the open language menu, pages reflow at 320 CSS px, WCAG text spacing loses no
text, and keyboard focus always shows.

These check what is painted (the layout engine's boxes), not the markup: markup checks let
"Paragraph" be printed over every numbered paragraph. The measuring is in layout.js; each of its
checks says how many things it looked at and one line per problem, naming the element.
"""

from __future__ import annotations

import pytest

from helpers import LAYOUT_JS, ROOTS, View, device
from guidance.site.page_types import VIEWPORTS, pages

pytestmark = pytest.mark.browser

#: Each page type in each language and viewport; one page load is shared by the checks of a case.
CASES = [pytest.param((kind, lang, path, viewport), id=f"{kind}-{lang}-{viewport}")
         for kind, lang, path in pages(ROOTS) for viewport in VIEWPORTS]
#: Page types with numbered paragraphs (the chapter's, and the practice guide's copies of them).
PARAGRAPH_KINDS = {"chapter", "practice-guide", "safeguarding-procedure"}
PARAGRAPH_CASES = [case for case in CASES if case.values[0][0] in PARAGRAPH_KINDS]
#: WCAG 1.4.10 Reflow: 1280×1024 at 400% zoom.
REFLOW_VIEWPORT = {"width": 320, "height": 256}
#: WCAG 1.4.12 Text spacing, as the W3C's test bookmarklet sets it.
TEXT_SPACING = """*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                                         word-spacing: 0.16em !important; }
                  p { margin-bottom: 2em !important; }"""
#: Real Tab presses before the rest is focused from script: past the skip links, the Exit button and
#: the header, into the navigation (the test checks the Exit button and the header were among them).
TAB_STOPS = 15


@pytest.fixture(scope="module")
def devices(browser, site_url):
    """A phone's browser and a desktop's (helpers.device), each opening every case's page in a tab
    of its own."""
    contexts = {viewport: device(browser, site_url, viewport) for viewport in VIEWPORTS}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module", params=CASES)
def view(request, devices):
    # Module scope makes pytest run every check of one case before opening the next.
    kind, lang, path, viewport = request.param
    view = View(devices[viewport], kind, lang, path, viewport)
    yield view
    view.tab.close()


def use(view: View, selector: str, hover: bool = False) -> None:
    """Tap a control on a phone, click it (or only point at it) on a desktop, as a reader does: at
    its centre, whatever is there (no waiting for it to be uncovered); then let transitions end."""
    tab = view.tab
    box = tab.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    if view.viewport == "phone":
        tab.touchscreen.tap(x, y)
    elif hover:
        tab.mouse.move(x, y)
    else:
        tab.mouse.click(x, y)
    view.check("settle")


def open_language_menu(view: View) -> None:
    use(view, ".md-header__option .md-select > button", hover=True)  # opens on hover on a desktop


# The checks, in the order pytest runs them on each page: those that leave the page as loaded first.


# Only on the page types with numbered paragraphs; the same cases as the other checks, so each page
# is still opened once.
@pytest.mark.parametrize("view", PARAGRAPH_CASES, indirect=True)
def test_paragraph_numbers_do_not_overlap_their_text(view):
    view.fresh()
    result = view.check("paragraphNumbers")
    assert result["count"] > 0, f"{view.name}: no numbered paragraphs (div.para > a.para-num) found"
    assert not result["problems"], view.report(result["problems"])


def assert_header_uncovered(view: View, result: dict, when: str = "") -> list[str]:
    assert any("exit-this-page__button" in c for c in result["checked"]), \
        f"{view.name}{when}: the Exit this page button is not shown"
    assert result["count"] >= 3, f"{view.name}{when}: only {result['checked']} shown in the header"
    return result["problems"]


def test_nothing_covers_the_header_controls(view):
    view.fresh()
    problems = assert_header_uncovered(view, view.check("headerControls"))
    assert not problems, view.report(problems)


def test_text_for_screen_readers_only_is_not_painted(view):
    # One Shift press (of the three that exit) puts its announcement in Exit this page's live region,
    # so that screen-reader-only text is measured with its words in it too. That region is itself
    # screen-reader-only (nothing painted changes) and a Tab or any other key clears the count, so
    # the next check (the language menu) needs no reload for it.
    tab = view.fresh()
    tab.keyboard.press("Shift")
    result = view.check("screenReaderOnly")
    assert result["count"] >= 1, f"{view.name}: no screen-reader-only text ([class*=visually-hidden]) at all; " \
                                 "the Exit button's 'Emergency' should be"
    assert not result["problems"], view.report(result["problems"])


def test_nothing_covers_the_open_language_menu(view):
    view.changing()
    open_language_menu(view)
    result = view.check("languageMenu")
    assert result["count"] >= 2, f"{view.name}: the language menu did not open (shown: {result['checked']})"
    assert not result["problems"], view.report(result["problems"])


def test_text_spacing_loses_no_text(view):
    """WCAG 1.4.12: with wider lines, letters and words, no text is cut off and nothing overlaps."""
    tab = view.changing()
    # A constructed stylesheet, as a reader's extension adds it: the pages' policy refuses <style> tags.
    tab.evaluate("""css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet] }""", TEXT_SPACING)
    assert tab.evaluate("getComputedStyle(document.querySelector('article p')).letterSpacing") != "normal", \
        f"{view.name}: the text-spacing styles did not apply"
    view.check("settle")
    clipped = view.check("clippedText")
    assert clipped["count"] > 0, f"{view.name}: no box that hides its overflow was looked at"
    problems = clipped["problems"] + view.check("paragraphNumbers")["problems"]
    problems += assert_header_uncovered(view, view.check("headerControls"), " with text spacing")
    open_language_menu(view)
    menu = view.check("languageMenu")
    assert menu["count"] >= 2, f"{view.name}: with text spacing the language menu did not open"
    problems += menu["problems"]
    if view.viewport == "phone":  # the navigation is in a drawer, off the screen until opened
        use(view, ".md-header label.md-header__button[for=__drawer]")
        assert tab.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"), \
            f"{view.name}: with text spacing the navigation drawer did not open"
        problems += [f"in the open navigation drawer: {p}" for p in view.check("clippedText")["problems"]]
    assert not problems, view.report([f"with text spacing: {p}" for p in problems])


def test_keyboard_focus_is_visible_on_every_interactive_element(view):
    tab = view.changing()
    candidates = view.check("startFocusWalk")
    by_tab = []
    for _ in range(TAB_STOPS):
        view.check("beforeFocusMoves")
        tab.keyboard.press("Tab")
        by_tab.append(view.check("focused"))
    unknown = [r["element"] for r in by_tab if r and not r["known"]]
    assert not unknown, f"{view.name}: Tab reached {unknown}, which layout.js did not count as focusable"
    assert any(r and r["exit"] for r in by_tab), f"{view.name}: Tab did not reach the Exit button in {TAB_STOPS} presses"
    assert any(r and r["header"] and r["visible"] for r in by_tab), \
        f"{view.name}: Tab did not reach a header control in {TAB_STOPS} presses"
    by_script = view.check("focusTheRest")
    # Keyboard modality must carry over to the elements focused from script, or their :focus-visible
    # styles would not apply and the check would judge the wrong look.
    lost = [r["element"] for r in by_script if not r["focusVisible"]]
    assert not lost, f"{view.name}: focus from script did not count as keyboard focus for {lost[:3]}"
    # Focusable elements that are not visible when focused (the links of a closed drawer) are not judged.
    judged = [r for r in by_tab + by_script if r and r["visible"]]
    assert any(r["visible"] for r in by_script), \
        f"{view.name}: none of the {candidates} focusable elements past the first {TAB_STOPS} could be judged"
    problems = [f"{r['element']}: focus is not visible (no outline of 2 px or more, no box-shadow, "
                f"same background and colour as unfocused, and shown before)" for r in judged if not r["indicator"]]
    assert not problems, view.report(problems)


@pytest.fixture(scope="module")
def narrow(browser, site_url):
    """One tab 320 CSS px wide for the reflow test's pages."""
    context = browser.new_context(base_url=site_url, viewport=REFLOW_VIEWPORT)
    context.add_init_script(path=str(LAYOUT_JS))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind,lang,path", [pytest.param(*p, id=f"{p[0]}-{p[1]}") for p in pages(ROOTS)])
def test_pages_reflow_at_320_css_px(narrow, kind, lang, path):
    """WCAG 1.4.10: at 320 CSS px wide nothing needs scrolling sideways (a wide table may scroll in its own box)."""
    narrow.goto(path)
    result = narrow.evaluate("layout.reflow()")
    assert result["scrollWidth"] <= min(result["clientWidth"], REFLOW_VIEWPORT["width"]) and not result["culprits"], (
        f"{kind} page ({lang}, 320 px wide) /{path}: the page is {result['scrollWidth']} px wide in a "
        f"{result['clientWidth']} px window; past its right edge: " + "; ".join(result["culprits"][:5]))

"""Accessibility of every page in both languages: axe-core's WCAG 2.0/2.1/2.2 A and AA rules in
Chromium (helpers.WCAG_TAGS, run on each page by the every_page fixture), plus the checks axe cannot
make alone (titles, lang, one h1, heading order, focus)."""

from __future__ import annotations

import pytest

from helpers import all_pages


@pytest.mark.browser
def test_every_page_has_no_axe_violations(every_page):
    """axe over every page as loaded (the every_page fixture runs it on each)."""
    rules_run = {rule for visit in every_page.values() for rule in visit.axe["rules"]}
    report = [f"/{visit.path}: {v['id']} ({v['help']}) at {v['targets']}"
              for visit in every_page.values() for v in visit.axe["violations"]]
    assert len(every_page) >= 26
    assert len(rules_run) > 50
    assert not report, "\n".join(report)


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_titles_unique_lang_set_one_h1_and_no_skipped_heading_levels(site, page, lang):
    paths = [p for p in all_pages(site) if p.startswith("cy/") == (lang == "cy")]
    titles = {}
    for path in paths:
        soup = page(path)
        assert soup.html["lang"] == lang, path
        title = soup.title.get_text()
        assert title not in titles, f"{path} and {titles[title]} share the title {title!r}"
        titles[title] = path
        assert len(soup.select("article h1")) == 1, path
        levels = [int(h.name[1]) for h in soup.select("article h1, article h2, article h3, article h4, article h5, article h6")]
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path}: heading level jumps from h{before} to h{after}"


@pytest.mark.browser
def test_keyboard_focus_is_visible(tab):
    tab.goto("chapter-3-safeguarding-procedures/")
    for _ in range(40):
        tab.keyboard.press("Tab")
        focused = tab.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return e.closest('article') ? {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), box: s.boxShadow} : null }""")
        if focused:
            assert focused["outline"] != "none" and focused["width"] >= 2 or focused["box"] != "none", focused
            return
    pytest.fail("keyboard focus never reached the page content")

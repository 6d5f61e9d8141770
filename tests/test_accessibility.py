"""Accessibility of every page in both languages: axe-core's WCAG 2.0/2.1/2.2 A and AA rules in
Chromium, plus the checks axe cannot make alone (titles, lang, one h1, heading order, focus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import all_pages

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
#: Rules switched off, each with the reason. Keep this empty unless a rule cannot apply.
EXCLUDED_RULES: dict[str, str] = {}


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `npm ci --prefix tests` (bash scripts/dev.sh test does)"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.browser
def test_every_page_has_no_axe_violations(site, tab, axe_source):
    report = []
    rules_run = set()
    # An init script, not a <script> added to the page: the page's Content-Security-Policy refuses those.
    tab.add_init_script(script=axe_source)
    for path in [p.lstrip("/") for p in all_pages(site)]:
        tab.goto(path)
        result = tab.evaluate("""async ([tags, off]) => {
            const rules = Object.fromEntries(off.map(id => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
            return {violations: r.violations.map(v => ({id: v.id, help: v.help,
                        targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})),
                    rules: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(x => x.id)};
        }""", [WCAG_TAGS, list(EXCLUDED_RULES)])
        rules_run |= set(result["rules"])
        report += [f"/{path}: {v['id']} ({v['help']}) at {v['targets']}" for v in result["violations"]]
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

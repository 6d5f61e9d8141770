"""The built English site: every paragraph, anchored, faithful to the source; footnotes; no third parties."""

from __future__ import annotations

import difflib
import re

import pytest

from guidance.content.model import load_pages
from helpers import CHAPTERS, ROOT, page_preamble, para_words, paragraph_segments, text_of, words

@pytest.mark.build
def test_every_paragraph_is_anchored_once_on_its_chapter(page):
    found = {}
    for path, (first, last) in CHAPTERS.items():
        ids = [div["id"] for div in page(path).select("div.para")]
        assert ids == [f"para-{n}" for n in range(first, last + 1)], path
        found.update({i: path for i in ids})
    assert len(found) == 300


@pytest.mark.build
def test_paragraph_158_holds_its_text_and_a_visible_permalink(page):
    div = page("chapter-3-safeguarding-procedures/").select_one("#para-158")
    assert div is not None
    link = div.select_one("a.para-num")
    assert link["href"] == "#para-158"
    assert link.get_text(strip=True).endswith("158")
    assert "Copy the link to paragraph 158" == link["title"]
    text = div.get_text(" ", strip=True)
    assert "All children identified as potentially trafficked" in text
    assert div.select_one("strong").get_text() == "must"


@pytest.mark.build
@pytest.mark.parametrize("path", list(CHAPTERS))
def test_paragraphs_match_the_source_word_for_word(page, path):
    """Each rendered paragraph equals the start of its source segment (extraction fixes only
    rejoin text split by page breaks, which leaves the word sequence unchanged)."""
    segments = paragraph_segments()
    first, last = CHAPTERS[path]
    for n in range(first, last + 1):
        got = para_words(page(path).select_one(f"#para-{n}"))
        expected = words(segments[n])
        assert got and got == expected[: len(got)], f"paragraph {n} differs from the source"


@pytest.mark.build
@pytest.mark.parametrize("path", list(CHAPTERS))
def test_no_source_word_is_lost_or_changed(page, path):
    """The whole chapter (paragraphs, headings, boxes, quotes) holds every source word in order;
    the site may only add words (box titles, hidden labels), never drop or change one."""
    first, last = CHAPTERS[path]
    segments = paragraph_segments()
    expected = words(page_preamble(first))
    expected += [w for n in range(first, last + 1) for w in words(segments[n])]
    content = page(path).select_one("article").__copy__()
    for tag in content.select("a.para-num, sup[id^=fnref], .footnote, a.headerlink, h1, .md-source-file"):
        tag.decompose()
    got = words(text_of(content))
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    lost = [(expected[max(0, i1 - 5):i1], expected[i1:i2]) for op, i1, i2, _, _ in matcher.get_opcodes() if op in ("delete", "replace")]
    assert not lost, f"{path}: source words missing or changed (context, words): {lost[:5]}"


@pytest.mark.build
def test_sub_lists_stay_inside_their_paragraph(page):
    para7 = page("introduction/").select_one("#para-7")
    assert len(para7.select("li")) == 6
    para30 = page("chapter-1-understanding-cse/").select_one("#para-30")
    assert "baiting" in para30.select("li")[-1].get_text()
    assert "Online exploitation does not always lead to contact abuse" in para30.get_text()


@pytest.mark.build
def test_statutory_musts_stay_bold(page):
    assert page("introduction/").select_one("#para-8 strong").get_text() == "must"


@pytest.mark.build
def test_no_dead_hash_links_are_published(page):
    for path in ["", *CHAPTERS]:
        dead = [a for a in page(path).select("a[href]") if a["href"] == "#"]
        assert not dead, (path, dead[:3])


@pytest.mark.build
def test_no_third_party_fonts_or_scripts(page):
    for path in ["", *CHAPTERS]:
        html = str(page(path))
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        for tag in page(path).select("script[src], link[href][rel=stylesheet]"):
            url = tag.get("src") or tag.get("href")
            assert not re.match(r"^(https?:)?//", url), f"{path}: third-party asset {url}"


@pytest.mark.build
def test_footer_credits_the_source_and_licence(page):
    footer = page("").select_one("footer").get_text(" ", strip=True)
    assert "Crown copyright" in footer and "Open Government Licence v3.0" in footer


@pytest.mark.build
def test_structure_uses_real_constructs(page):
    ch1 = page("chapter-1-understanding-cse/")
    assert ch1.select_one(".admonition.abstract .admonition-title").get_text(strip=True) == "Summary"
    assert ch1.select_one(".admonition.info") is not None  # the "CSE is / involves" definition box
    prompt = ch1.select_one(".admonition.warning")
    assert "999" in prompt.get_text() and "Section 130" in prompt.get_text()
    examples = " ".join(t.get_text() for t in page("chapter-2-preventing-cse/").select(".admonition.example .admonition-title"))
    for name in ["Gwella", "MAKESAFE", "Stop it Now", "Resilient Families", "Enhanced Case Management"]:
        assert name in examples, name
    assert page("chapter-2-preventing-cse/").select("blockquote")  # young people's words


@pytest.mark.build
def test_pages_have_one_h1_and_titles_from_the_contents_list(page):
    titles = {p.meta["title"] for p in load_pages(ROOT / "docs")}
    assert "Chapter 3 – Responding to Child Sexual Exploitation (CSE) – Safeguarding procedures" in titles
    for path in ["", *CHAPTERS]:
        assert len(page(path).select("h1")) == 1, path


@pytest.mark.browser
def test_own_scripts_and_stylesheet_ship_without_comments_and_still_parse(site):
    """guidance.plugin.content.compact_assets: explanations stay in the repository, not in readers' downloads."""
    import shutil
    import subprocess

    own = [site / "assets/stylesheets/guidance.css"] + sorted((site / "assets/javascripts").glob("*.js"))
    own = [f for f in own if ".min." not in f.name]
    assert len(own) >= 5
    for file in own:
        text = file.read_text(encoding="utf-8")
        source = (ROOT / "overrides" / file.relative_to(site)).read_text(encoding="utf-8")
        assert len(text) < len(source) and not re.search(r"(?m)^\s*(/\*|//)|  // |\n\n", text), file.name
        if file.suffix == ".js":
            assert shutil.which("node"), "Node.js is needed (bash scripts/dev.sh test installs it)"
            assert subprocess.run(["node", "--check", str(file)]).returncode == 0, file.name

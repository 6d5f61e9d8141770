"""The practice guide: the Practitioners' Prompt and the safeguarding procedure, single-sourced with
chapters 1 and 3, the procedure diagram, the one-page Prompt card, and a home page that routes by need."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from helpers import ROOT, run

pytestmark = pytest.mark.build

LANGUAGES = [("en", ""), ("cy", "cy/")]
PROCEDURE = "practice-guide/safeguarding-procedure/"
PROMPT = "practice-guide/practitioners-prompt/"
CH3 = "chapter-3-safeguarding-procedures/"
SHARED = range(148, 167)


def paragraph(soup: BeautifulSoup, number: int) -> str:
    return str(soup.find(id=f"para-{number}"))


@pytest.mark.parametrize("lang,prefix", LANGUAGES)
def test_procedure_shows_chapter_3_paragraphs_as_the_chapter_does(page, lang, prefix):
    chapter, guide = page(prefix + CH3), page(prefix + PROCEDURE)
    for n in SHARED:
        assert guide.find(id=f"para-{n}") is not None, f"para {n} missing from the practice guide ({lang})"
        assert paragraph(guide, n) == paragraph(chapter, n)


@pytest.mark.parametrize("lang,prefix", LANGUAGES)
def test_prompt_is_the_chapter_1_box(page, lang, prefix):
    box = page(prefix + "chapter-1-understanding-cse/").select_one(".admonition.warning:not(.translation-notice)")
    card = page(prefix + PROMPT).select_one(".prompt-card")
    box_text = " ".join(p.get_text(" ", strip=True) for p in box.find_all("p")[1:])  # without the box title
    assert box_text and box_text in " ".join(card.get_text(" ", strip=True).split())


def test_editing_a_shared_passage_changes_chapter_and_practice_guide(tmp_path):
    """One edit to the fragment, in each language, shows on both pages of that language."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", "node_modules"))
    for folder, word in (("docs", "EDITEDONCE"), ("docs_cy", "GOLYGWYDUNWAITH")):
        fragment = src / folder / "includes/safeguarding-procedure/proportionate-response.md"
        text = fragment.read_text(encoding="utf-8")
        fragment.write_text(text.replace("\n158. ", f"\n158. {word} ", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = run("mkdocs", "build", "--strict", "--site-dir", str(out), cwd=src)
    assert result.returncode == 0, result.stdout + result.stderr
    for prefix, word in (("", "EDITEDONCE"), ("cy/", "GOLYGWYDUNWAITH")):
        for path in (CH3, PROCEDURE):
            soup = BeautifulSoup((out / prefix / path / "index.html").read_text(encoding="utf-8"), "html.parser")
            assert word in soup.find(id="para-158").get_text(), f"{prefix}{path} does not show the edit"


def test_no_page_has_duplicate_ids(site):
    for file in site.rglob("*.html"):
        ids = Counter(tag["id"] for tag in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").find_all(id=True))
        assert not [i for i, n in ids.items() if n > 1], f"{file.relative_to(site)}: duplicate ids"


@pytest.mark.parametrize("lang,prefix,first_step", [("en", "", "1. Worried about a child."),
                                                     ("cy", "cy/", "1. Pryderu am blentyn.")])
def test_procedure_diagram_is_drawn_from_its_text_alternative(page, lang, prefix, first_step):
    soup = page(prefix + PROCEDURE)
    figure = soup.select_one("figure.flow")
    svg = figure.find("svg")
    assert svg["role"] == "img" and soup.find(id=svg["aria-labelledby"]).name == "title"
    steps = [" ".join(g.get_text(" ").split()) for g in svg.select(".flow__step")]
    assert steps[0].startswith(first_step)
    # the list after the figure is the text alternative: one item per step, one nested item per branch
    listing = figure.find_next_sibling("ul")
    items = listing.find_all("li", recursive=False)
    assert len(items) == len(steps) == 7
    assert len(listing.select("li li")) == len(svg.select(".flow__branch")) == 6
    for item, step in zip(items, steps):
        first_words = " ".join(item.find(string=True, recursive=True).split())
        assert step.split(" ", 1)[1].startswith(first_words.split()[0])
    assert "999" in steps[0]
    assert not svg.find(["image", "script", "foreignObject"]) and "http" not in str(svg).replace("http://www.w3.org", "")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_prompt_card_prints_on_one_a4_side(site, page, lang):
    prefix = "cy/" if lang == "cy" else ""
    link = page(prefix + PROMPT).select_one(".card-download a[type='application/pdf']")
    pdf = (site / prefix / PROMPT / link["href"]).resolve()
    assert pdf == site / "downloads" / f"practitioners-prompt-{lang}.pdf"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = " ".join(reader.pages[0].extract_text().split())
    for must in ("999", "CSERQ", "130"):
        assert must in text
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang,prefix,labels", [
    ("en", "", ["Worried about a child now?", "If you work with children", "If you write policy", "Cymraeg", "The guidance"]),
    ("cy", "cy/", ["Yn poeni am blentyn nawr?", "Os ydych yn gweithio gyda phlant", "Os ydych yn llunio polisi", "English",
                   "Y canllawiau"])])
def test_home_page_routes_by_need(site, page, lang, prefix, labels):
    soup = page(prefix)
    article = soup.select_one("article")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select(".admonition-title, h2")]
    assert [label for label in labels if any(h.startswith(label) for h in headings)] == labels, headings
    urgent = article.select_one(".admonition.warning:not(.translation-notice)")
    assert "999" in urgent.get_text()
    hrefs = [a["href"] for a in urgent.select("a")]
    assert any(PROMPT in h for h in hrefs) and any(PROCEDURE in h for h in hrefs)
    other = article.select_one("a[hreflang]:not([type])")
    assert other["hreflang"] != lang and (site / prefix / other["href"] / "index.html").resolve().is_file()
    for a in article.select("a[href]"):
        target = a["href"].split("#")[0]
        if target and not re.match(r"[a-z]+:", target):
            assert (site / prefix / target / "index.html").resolve().is_file() or (site / prefix / target).is_file(), target

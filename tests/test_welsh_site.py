"""The Welsh edition in the built site: every page and paragraph, Welsh interface, honest draft status."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from guidance import strings

from guidance.content import references
from helpers import CHAPTERS, ROOT, para_words, words

pytestmark = pytest.mark.build

PAGES = ["", "introduction/", *list(CHAPTERS)[1:], "references/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_in_welsh_with_welsh_interface(page, path):
    cy = page("cy/" + path)
    assert cy.html["lang"] == "cy"
    assert cy.select_one("input.md-search__input")["placeholder"] == "Chwilio"
    assert cy.select_one(".md-select button")["aria-label"] == "Dewiswch iaith"
    assert "Diogelu plant rhag camfanteisio'n rhywiol" in cy.title.get_text()
    assert "Hawlfraint y Goron" in cy.select_one("footer").get_text()


@pytest.mark.parametrize("path", list(CHAPTERS))
def test_all_paragraphs_are_in_welsh_under_the_same_anchors(page, path):
    first, last = CHAPTERS[path]
    en, cy = page(path), page("cy/" + path)
    assert [d["id"] for d in cy.select("div.para")] == [f"para-{n}" for n in range(first, last + 1)]
    same = 0
    for n in range(first, last + 1):
        cy_para = cy.select_one(f"#para-{n}")
        assert cy_para.select_one("a.para-num")["title"] == f"Copïo'r ddolen i baragraff {n}"
        same += para_words(cy_para) == para_words(en.select_one(f"#para-{n}"))
    assert same == 0, f"{same} paragraph(s) on cy/{path} are still in English"


@pytest.mark.parametrize("path", PAGES)
def test_draft_pages_say_so_and_link_both_ways(page, path):
    notice = page("cy/" + path).select_one(".translation-notice")
    assert notice is not None and "Cyfieithiad drafft" in notice.get_text()
    back = notice.select_one("a[hreflang=en]")
    assert back["lang"] == "en" and back["href"].endswith("../" + path) or back["href"] == "../"
    forward = page(path).select_one(".language-link-line a[hreflang=cy]")
    assert forward["lang"] == "cy" and forward.get_text() == "Darllenwch y dudalen hon yn Gymraeg"


def test_welsh_footnotes_are_welsh_formatted_with_english_titles_marked(page):
    intro = page("cy/introduction/")
    note = intro.select_one("li[id='fn:Hallett2017review']")
    assert "Ar gael yn:" in note.get_text() and "Available at" not in note.get_text()
    assert note.select_one("em[lang=en]").get_text().startswith("Review of the Wales Safeguarding Children")
    assert intro.select_one("a.footnote-backref")["title"].startswith("Yn ôl at droednodyn")
    english = page("introduction/").select_one("li[id='fn:Hallett2017review']")
    assert "Available at:" in english.get_text() and not english.select("[lang]")


def test_welsh_references_page_lists_every_work_with_welsh_back_links(page):
    refs = page("cy/references/")
    items = refs.select("article li")
    assert len(items) == len(references.load(ROOT / "bibliography.bib").entries)
    item = refs.select_one("#ref-Hallett2017review").parent
    assert "Cyfeirir ato yn:" in item.get_text()
    assert item.select_one("a[href='../introduction/#para-17']").get_text() == "Cyflwyniad, paragraff 17"


def test_welsh_quotes_keep_the_young_peoples_own_words(page):
    cy = page("cy/chapter-4-care-and-support/")
    originals = cy.select("details.quote p[lang=en]")
    assert originals, "the English originals of young people's quotes are missing"
    en_text = page("chapter-4-care-and-support/").select_one("article").get_text()
    for p in originals:
        assert " ".join(words(p.get_text())[:6]) in " ".join(words(en_text))


@pytest.mark.parametrize("lang", strings.LANGUAGES)
def test_the_built_site_shows_the_strings(site, lang):
    """The guidance plugin gives static-i18n each language's site name, description, footer and
    navigation titles from the strings file."""
    root = "" if lang == strings.DEFAULT_LANGUAGE else f"{lang}/"
    # about.md has no description of its own, so it shows the site's
    soup = BeautifulSoup((site / root / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    words = strings.i18n_overrides(lang)
    assert soup.find("meta", attrs={"name": "description"})["content"] == " ".join(words["site_description"].split())
    assert words["site_name"] in soup.title.get_text()
    assert BeautifulSoup(words["copyright"], "html.parser").get_text(" ", strip=True)[:60] in \
        " ".join(soup.select_one(".md-copyright").get_text(" ", strip=True).split())
    nav = {a.get_text(" ", strip=True) for a in soup.select(".md-nav__item--nested > label, .md-nav__item--nested > .md-nav__link")}
    nav |= {label.get_text(" ", strip=True) for label in soup.select(".md-nav__link")}
    assert set(words["nav_translations"].values()) - {"Home", "Hafan"} <= nav, nav

"""The whole guidance as one PDF per language, printed by Chromium: it opens, says what it is and
in which language, and holds all 300 numbered paragraphs."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from helpers import CHAPTERS, GUIDANCE_PDF, para_words

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def pdfs(site):
    """The PDFs `guidance pdf` printed into the built site (the site fixture runs it, as the build does)."""
    return {lang: PdfReader(str(site / "downloads" / GUIDANCE_PDF.format(lang=lang))) for lang in ("en", "cy")}


@pytest.mark.parametrize("prefix,lang", [("", "en"), ("cy/", "cy")])
def test_home_page_links_to_both_pdfs(site, page, prefix, lang):
    links = page(prefix).select(".downloads a[type='application/pdf']")
    assert len(links) == 2 and links[0]["hreflang"] == lang
    for a in links:
        assert (site / prefix / a["href"]).resolve().is_file(), a["href"]


def flat(text: str) -> str:
    """The letters of a text, which is what a reader reads whichever font printed it and wherever its
    lines broke: ligatures as their letters (NFKC: "ﬁ" is "fi", "ﬀ" is "ff"); no soft hyphens, hyphens,
    spaces or line ends, so a word hyphenated at a line's end, "Cenedl- Cenhadaeth" broken after its
    dash, and spaces a PDF's text layer adds or drops all read the same; no punctuation; and no figures,
    since footnote numbers are printed superscript and come out glued to the word before them ("Wales23")."""
    return "".join(re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text)))


@pytest.mark.parametrize("lang,title", [("en", "Safeguarding children from child sexual exploitation"),
                                        ("cy", "Diogelu plant rhag camfanteisio'n rhywiol")])
def test_pdf_carries_its_title_and_language(pdfs, lang, title):
    reader = pdfs[lang]
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert len(reader.pages) > 50
    assert reader.pages[0].extract_text().strip(), "the PDF starts with a blank page"


@pytest.mark.parametrize("lang,prefix", [("en", ""), ("cy", "cy/")])
def test_pdf_holds_all_300_paragraphs_in_order(pdf_text, page, lang, prefix):
    """The PDF's text, page after page (extracted in the background: conftest.py, `pdf_text`)."""
    raw = pdf_text[lang]
    text, position = flat(raw), -1
    for path, (first, last) in CHAPTERS.items():
        for n in range(first, last + 1):
            opening = " ".join(para_words(page(prefix + path).select_one(f"#para-{n}"))[:10])
            position = text.find(flat(opening), position + 1)
            assert position >= 0, f"{lang} PDF: paragraph {n} ({opening!r}) missing or out of order"
    # every paragraph number is printed, on its own line in the margin, in order
    numbers = iter(int(m) for m in re.findall(r"(?m)^(\d{1,3})\.$", raw))
    assert all(n in numbers for n in range(1, 301)), f"{lang} PDF: paragraph numbers missing or out of order"

"""The Practitioners' Prompt card: printed in the fonts the project installs, with room for a wider
one; shrunk to fit one A4 page when its text grows a little; refused, with a message an editor can act
on and nothing written, when it cannot fit."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from guidance.site import card
from guidance.site.serve import serve
from helpers import PREFIX, ROOT, run


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def text_size(pdf: bytes) -> float:
    """The size most of the card's text is printed at, in points on the paper."""
    sizes = Counter()

    def visit(text, cm, tm, font, size):
        sizes[round(size * tm[3] * cm[3], 2)] += len(text.strip())

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def site_copy(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("downloads"))
    return copy


def add_to_welsh_card(site: Path, html: str, css: str = "") -> None:
    """Put html at the top of the Welsh card in a built site, as if an editor had added it, and any css it
    needs in the site's stylesheet (the pages' Content-Security-Policy refuses style attributes)."""
    page = site / "cy" / card.CARD / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('<div class="prompt-card">', '<div class="prompt-card">' + html, 1), encoding="utf-8")
    if css:
        stylesheet = site / "assets" / "stylesheets" / "guidance.css"
        stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n" + css + "\n", encoding="utf-8")


def print_welsh_card(browser, site: Path) -> card.Card:
    context = browser.new_context()  # a cache of its own: the page may have changed since the last print
    try:
        with serve(site, PREFIX) as base:
            return card.print_card(context.new_page(), base + "cy/" + card.CARD, "cy", ROOT / "docs_cy")
    finally:
        context.close()


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_card_prints_in_liberation_sans(site, lang):
    """The metric twin of the Helvetica and Arial that Material's font list names, so the card fits on
    readers' machines as it does here (scripts/dev.sh installs fonts-liberation2)."""
    reader = PdfReader(str(site / "downloads" / card.FILENAME.format(lang=lang)))
    fonts = {font.get_object()["/BaseFont"].split("+")[-1] for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("LiberationSans") for name in fonts), fonts


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_card_keeps_room_for_a_wider_font(tab, prefix):
    """A reader who prints the page gets one page even where it falls back to DejaVu Sans, Chromium's
    default here, which sets the Welsh card about 7% taller than Liberation Sans does."""
    tab.goto(prefix + card.CARD)
    # a constructed stylesheet: the page's Content-Security-Policy refuses an added <style>
    tab.evaluate("""css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet] }""",
                 'body, .md-typeset { font-family: "DejaVu Sans" !important; }')
    tab.emulate_media(media="print")
    pdf = tab.pdf(format="A4")
    fonts = {font.get_object()["/BaseFont"].split("+")[-1]
             for font in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("DejaVuSans") for name in fonts), fonts
    assert pages(pdf) == 1


@pytest.mark.browser
def test_a_card_a_little_too_long_is_printed_smaller_on_one_page(site, browser, tmp_path):
    copy = site_copy(site, tmp_path)
    before = print_welsh_card(browser, copy)
    assert before.scale == 1
    # the room the card leaves, and 10 mm more: at full size it no longer fits
    add_to_welsh_card(copy, '<div class="test-spacer"></div>',
                      f".test-spacer {{ height: {before.page_mm - before.height_mm + 10:.1f}mm }}")
    after = print_welsh_card(browser, copy)
    assert pages(after.pdf) == 1
    assert card.SMALLEST_PT / 8 <= after.scale < 1
    assert after.height_mm <= after.page_mm - card.SPARE_MM
    assert text_size(after.pdf) / text_size(before.pdf) == pytest.approx(after.scale, abs=0.01)


@pytest.mark.browser
def test_a_card_that_prints_on_two_pages_anyway_is_refused(site, browser, tmp_path):
    """Counting the printed pages catches what measuring cannot, such as a page break."""
    copy = site_copy(site, tmp_path)
    add_to_welsh_card(copy, '<p class="test-break">Tudalen newydd.</p>', ".test-break { break-after: page }")
    with pytest.raises(card.CardError, match=r"printed on 2 pages although it measured \d+ of the page's \d+ mm"):
        print_welsh_card(browser, copy)


@pytest.mark.browser
def test_guidance_pdf_stops_at_a_card_that_cannot_fit(site, tmp_path):
    copy = site_copy(site, tmp_path)
    soup = BeautifulSoup((copy / "cy" / card.CARD / "index.html").read_text(encoding="utf-8"), "html.parser")
    add_to_welsh_card(copy, "".join(str(p) for p in soup.select(".prompt-card p")) * 3)  # four times the text
    result = run("guidance", "pdf", str(copy), "--prefix", PREFIX, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    message = result.stderr
    assert message.startswith("The Welsh Practitioners' Prompt card does not fit on one A4 page: even with its "
                              "text at 85% (6.8 pt)"), message
    assert re.search(r"it is \d+ mm too tall, about \d+ line\(s\) of card text", message), message
    assert "Shorten the Welsh Prompt in docs_cy/includes/practitioners-prompt.md" in message
    assert "No card was written." in message
    assert not (copy / "downloads").exists(), "a PDF was written although a card did not fit"

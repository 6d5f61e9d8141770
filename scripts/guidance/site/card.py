"""The Practitioners' Prompt card, printed on exactly one A4 page or not at all.

Before printing, the card is measured in Chromium at the width of its page (A4 less the margins of
its own @page rule in guidance.css). A card taller than the page less SPARE_MM is printed smaller,
to fit, but never with its text under SMALLEST_PT; the PDF is then counted, and only a one-page card
is handed back. Otherwise CardError says which card, by how much and what to shorten.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from guidance.content.model import INCLUDE_RE, rel

#: The card's page in the built site, and its PDF's name in downloads/.
CARD = "practice-guide/practitioners-prompt/"
FILENAME = "practitioners-prompt-{lang}.pdf"
PX_PER_MM = 96 / 25.4
A4_MM = (210, 297)
#: Room kept free at the foot of the page: two lines of card text (8 pt x 1.28 is 3.6 mm a line), so a
#: line that breaks differently in print, or a slightly wider font, cannot push the date to a page 2.
SPARE_MM = 8
#: The card's text is never printed smaller than this: 6.8 pt (85% of its 8 pt) gives Liberation Sans
#: and Arial an x-height of 1.24 mm, just over the 1.2 mm that food-labelling law (EU 1169/2011,
#: Annex IV) requires of text every reader must be able to read. Below it, shorten the text instead.
SMALLEST_PT = 6.8
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}

# The card's page box in CSS px, from the @page rule named by the page's `page` property (guidance.css),
# and the size of its text; null when the card has no page of its own.
_PAGE_BOX = """([pageWidth, pageHeight]) => {
    const name = getComputedStyle(document.body).page;
    // @page rules, also inside @media; a page rule has cssRules of its own (its margin boxes)
    const pages = list => [...list].flatMap(r => r instanceof CSSPageRule ? [r] : r.cssRules ? pages(r.cssRules) : []);
    const rule = [...document.styleSheets].flatMap(s => pages(s.cssRules)).find(r => r.selectorText === name);
    if (!rule) return null;
    const px = length => {
        const probe = document.body.appendChild(document.createElement('div'));
        probe.style.cssText = `position: absolute; width: ${length || 0}`;
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width;
    };
    const m = rule.style;
    const text = getComputedStyle(document.querySelector('.prompt-card p'));
    return {width: pageWidth - px(m.marginLeft) - px(m.marginRight),
            height: pageHeight - px(m.marginTop) - px(m.marginBottom),
            textPt: parseFloat(text.fontSize) * 0.75, linePx: parseFloat(text.lineHeight)};
}"""


class CardError(Exception):
    """A card that cannot be printed on one page; the message tells the editor what to do."""


@dataclass
class Card:
    pdf: bytes
    scale: float
    height_mm: float  # as printed, at that scale
    page_mm: float  # the height of the page inside its margins


def print_card(tab, url: str, lang: str, docs: Path) -> Card:
    """The card at url as a one-page A4 PDF, printed smaller if it has to be; raises CardError, which
    names the files to shorten in docs, the folder of the card's language (Project.sources(lang))."""
    from pypdf import PdfReader

    tab.goto(url)
    tab.emulate_media(media="print")
    box = tab.evaluate(_PAGE_BOX, [mm * PX_PER_MM for mm in A4_MM])
    if box is None:
        raise CardError(f"{url}: the card has no page of its own (guidance.css: @page prompt-card), "
                        "so its margins are unknown and it cannot be fitted.")

    def height(scale: float) -> float:
        """The card's printed height at this scale: Chromium lays it out 1/scale as wide, then shrinks it.
        (Chromium prints some 0.75% smaller still, 7.94 pt for 8 pt, which only leaves more room.)"""
        # A short viewport: Material's body is at least as tall as the viewport.
        tab.set_viewport_size({"width": round(box["width"] / scale), "height": 100})
        return tab.evaluate("document.documentElement.scrollHeight") * scale

    fit_px, smallest = box["height"] - SPARE_MM * PX_PER_MM, min(1.0, SMALLEST_PT / box["textPt"])
    scale = 1.0
    if height(scale) > fit_px:
        over = height(smallest) - fit_px
        if over > 0:
            raise CardError(_too_long(lang, docs, f"even with its text at {smallest:.0%} ({SMALLEST_PT} pt), the smallest "
                                            f"that stays readable, it is {over / PX_PER_MM:.0f} mm too tall, about "
                                            f"{math.ceil(over / (box['linePx'] * smallest))} line(s) of card text"))
        scale = _largest_scale(height, fit_px, smallest)
    printed_mm, page_mm = height(scale) / PX_PER_MM, box["height"] / PX_PER_MM
    pdf = tab.pdf(format="A4", tagged=True, print_background=False, scale=scale)  # margins: the card's @page
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if pages != 1:
        raise CardError(_too_long(lang, docs, f"it printed on {pages} pages although it measured {printed_mm:.0f} of the "
                                        f"page's {page_mm:.0f} mm (text at {scale:.0%}); a page break, or a box "
                                        "that cannot be split, may be the cause"))
    return Card(pdf, scale, printed_mm, page_mm)


def _largest_scale(height, fit_px: float, smallest: float) -> float:
    """The largest scale, to 0.1%, whose height fits, knowing that `smallest` fits and 1 does not."""
    low, high = smallest, 1.0
    while high - low > 0.001:
        middle = (low + high) / 2
        low, high = (middle, high) if height(middle) <= fit_px else (low, middle)
    return low


def _too_long(lang: str, docs: Path, why: str) -> str:
    """What an editor reads when a card does not fit: which card, why, and which files to shorten."""
    name = LANGUAGE_NAMES[lang]
    return (f"The {name} Practitioners' Prompt card does not fit on one A4 page: {why}.\n"
            f"Shorten the {name} Prompt in {' or '.join(_sources(docs))}, then run `guidance pdf` again. "
            "No card was written.")


def _sources(docs: Path) -> list[str]:
    """The card page's source in docs and the shared files it includes (the Prompt itself), includes first."""
    page = docs / (CARD.strip("/") + ".md")
    includes = [docs / m.group(3) for line in page.read_text(encoding="utf-8").splitlines()
                if (m := INCLUDE_RE.match(line))]
    return [rel(path) for path in (*includes, page)]

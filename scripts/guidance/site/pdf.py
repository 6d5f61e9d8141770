"""PDFs printed by Chromium from the built site, one of each per language: the whole guidance, and
the Practitioners' Prompt as a one-page card.

The guidance PDF is the site's own print layout (overrides/assets/stylesheets/guidance.css, @media
print) applied to the Introduction, Chapters 1-5 and the References, one after another: what a reader
prints from a page is what the PDF holds. The card is the prompt page printed on exactly one A4 page
(card.py fits it and counts its pages); the cards are printed first, so a card that cannot fit stops
`guidance pdf` before it writes anything. Chromium writes tagged PDFs with an outline, the document's
title and its language, so screen readers and PDF viewers know what they have.
"""

from __future__ import annotations

from pathlib import Path

from guidance.project import Project
from guidance.site import card
from guidance.site import chromium
from guidance.site.serve import serve

GUIDANCE = ["introduction/", "chapter-1-understanding-cse/", "chapter-2-preventing-cse/",
            "chapter-3-safeguarding-procedures/", "chapter-4-care-and-support/",
            "chapter-5-disrupting-perpetrators/", "references/"]
FILENAME = "safeguarding-children-from-cse-{lang}.pdf"


def build(site: Path, out: Path, project: Project, prefix: str = "/") -> list[tuple[Path, str]]:
    """Write the card and the guidance PDF of each language of a site built from project into out/;
    return each path with a line on what it holds. Raises card.CardError, having written nothing, if a
    card does not fit one page (its message names the project's files to shorten)."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    written = []
    with serve(site, prefix) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            tab = browser.new_page()
            cards = {lang: card.print_card(tab, base + root + card.CARD, lang, project.sources(lang))
                     for lang, root in project.roots.items()}
            tab.close()
            out.mkdir(parents=True, exist_ok=True)
            for lang, printed in cards.items():
                target = out / card.FILENAME.format(lang=lang)
                target.write_bytes(printed.pdf)
                written.append((target, f"1 page; the card fills {printed.height_mm:.0f} of the page's "
                                        f"{printed.page_mm:.0f} mm, text at {printed.scale:.0%}"))
            for lang, root in project.roots.items():
                tab = browser.new_page()
                chapters = []
                for path in GUIDANCE:
                    tab.goto(base + root + path)
                    chapters.append(tab.eval_on_selector("article", "a => a.innerHTML"))
                title = tab.eval_on_selector("meta[property='og:site_name'], title",
                                             "e => e.content || e.textContent")
                # The first page keeps the site's stylesheets and base address; its article gets every chapter.
                tab.goto(base + root + GUIDANCE[0])
                tab.evaluate("""([chapters, title]) => {
                    document.querySelector('article').innerHTML = chapters.join('');
                    document.title = title;
                }""", [chapters, title.split(" - ")[-1].strip()])
                tab.emulate_media(media="print")
                target = out / FILENAME.format(lang=lang)
                # margins: Material's @page rule (25 mm), as when a reader prints a chapter from the browser
                tab.pdf(path=str(target), format="A4", tagged=True, outline=True, print_background=False)
                written.append((target, f"{len(PdfReader(target).pages)} pages"))
                tab.close()
        finally:
            browser.close()
    return written

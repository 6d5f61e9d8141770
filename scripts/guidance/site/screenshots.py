"""PNGs of every page type in both languages, on a phone and a desktop, as Chromium paints them.

A reviewer (or the pull-request workflow's artifact) sees what a change looks like without building
the site: the top of each page, and on the chapter also the language menu open and a paragraph the
way a link to it (#para-158) shows it. Files are named KIND-LANG-VIEWPORT[-STATE].png.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guidance.site import chromium
from guidance.site.page_types import VIEWPORTS, pages
from guidance.site.serve import serve


def _open_language_menu(tab, viewport: str) -> None:
    """As a reader opens it: the pointer over it on a desktop, a tap on a phone."""
    select = tab.locator(".md-header__option .md-select")
    if viewport == "phone":
        select.locator(".md-header__button").click()
    else:
        select.hover()


#: Extra views of one page type: state name -> what to do after the page has loaded.
STATES: dict[str, dict[str, Callable]] = {
    "chapter": {
        "menu": _open_language_menu,
        "para": lambda tab, viewport: tab.evaluate(
            "location.hash = '#para-158'; document.getElementById('para-158').scrollIntoView()"),
    },
}


def take(site: Path, out: Path, roots: dict[str, str], prefix: str = "/", log: Callable[[str], None] = print) -> list[Path]:
    """Serve the built site and write the screenshots into out/; return their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site, prefix) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        try:
            for viewport, size in VIEWPORTS.items():
                context = browser.new_context(viewport=size, device_scale_factor=1,
                                              is_mobile=viewport == "phone", has_touch=viewport == "phone")
                tab = context.new_page()
                for kind, lang, path in pages(roots):
                    for state, action in {"": None, **STATES.get(kind, {})}.items():
                        tab.goto(base + path, wait_until="load")
                        if action:
                            action(tab, viewport)
                            tab.wait_for_timeout(400)  # Material's menu fades in, the header title slides
                        target = out / ("-".join(filter(None, (kind, lang, viewport, state))) + ".png")
                        tab.screenshot(path=str(target))
                        written.append(target)
                        log(str(target))
                context.close()
        finally:
            browser.close()
    return written

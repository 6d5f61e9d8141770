"""One page of each kind the site has, by its address in English; the Welsh page is under the Welsh root.

Screenshots (`guidance screenshots`), the layout tests and the Lighthouse test all look at these, so a
new kind of page is added here once and every one of them covers it.
"""

from __future__ import annotations

#: kind of page -> its address from the site root (English), as MkDocs writes it with directory URLs.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "key-points": "key-points/",
    "chapter": "chapter-3-safeguarding-procedures/",
    "references": "references/",
    "practice-guide": "practice-guide/",
    "practitioners-prompt": "practice-guide/practitioners-prompt/",
    "safeguarding-procedure": "practice-guide/safeguarding-procedure/",
    "background": "about/",
    "background-review": "review-2017/",
    "background-local-practice": "local-practice-neath-port-talbot/",
    "glossary": "glossary/",
    "whats-changed": "changes/",
    "paragraph-history": "paragraph-history/",
    "accessibility-statement": "accessibility/",
    "welsh-language-statement": "welsh-language/",
}
#: A phone (an iPhone 12-15 is 390 CSS px wide) and a desktop, as readers use the site.
VIEWPORTS: dict[str, dict[str, int]] = {"phone": {"width": 390, "height": 844},
                                        "desktop": {"width": 1280, "height": 800}}


def pages(roots: dict[str, str]) -> list[tuple[str, str, str]]:
    """(kind, language, address from the site root) for every page type in each language; ROOTS is
    the project's {language: root} (Project.roots, from mkdocs.yml)."""
    return [(kind, lang, root + path) for lang, root in roots.items() for kind, path in PAGE_TYPES.items()]

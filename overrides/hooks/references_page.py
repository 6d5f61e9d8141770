"""Hook: build the References page from the citations, in the page's language.

Every work cited anywhere in the guidance is listed once, alphabetically, with links back to each
place that cites it ("Chapter 4, para 205"). Nothing is kept by hand: the list is computed from
bibliography.bib and the Markdown of the language being built, where the page says
<!-- references-list -->.
"""

from __future__ import annotations

from collections import defaultdict

from guidance.content import references
from pathlib import Path

from guidance.content.model import load_pages
from guidance.plugin.mkdocs_site import page_language, welsh_docs
from guidance.strings import text

MARKER = "<!-- references-list -->"


def _short_title(page) -> str:
    """'Chapter 4 – Responding to …' → 'Chapter 4'."""
    return str(page.meta.get("title", page.path.stem)).split(" – ")[0]


def _citing_places(folder: Path, lang: str) -> dict[str, list[tuple[str, str]]]:
    places: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for page in load_pages(folder):
        target = page.path.relative_to(folder).as_posix()
        for use in page.citations:
            if use.paragraph is None:
                label, href = _short_title(page), target
            else:
                where = text(lang, "cited_in_para" if use.inside else "cited_after_para", n=use.paragraph)
                label, href = f"{_short_title(page)}, {where}", f"{target}#para-{use.paragraph}"
            if (label, href) not in places[use.key]:
                places[use.key].append((label, href))
    return places


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = page_language(page, config)
    bib = config.plugins["bibtex"].registry.bib_data
    places = _citing_places(welsh_docs(config) if lang == "cy" else Path(config.docs_dir), lang)
    items = []
    for key in sorted(places, key=lambda k: references.sort_key(bib.entries[k])):
        links = ", ".join(f"[{label}]({href})" for label, href in places[key])
        items.append(f'- <span id="ref-{key}"></span>{references.format_entry(bib.entries[key], lang)}  \n'
                     f"  {text(lang, 'cited_in')}: {links}")
    return markdown.replace(MARKER, "\n".join(items))

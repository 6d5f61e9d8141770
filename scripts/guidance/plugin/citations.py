"""Citations: [@key] in our reference style and the page's language, and the References page.

mkdocs-bibtex turns each [@key] into a footnote, but keeps one formatter for every language and its
default style rewrites titles: each language's pass gives it a registry that formats with
guidance.content.references in that language. Citations inside a footnote *note* ("The majority of
the quotes … are from [@key].") are written out in full in the note, so a reader never meets a
footnote inside a footnote. The References page lists every work cited, once, alphabetically, with
links back to each place that cites it ("Chapter 4, para 205"), computed where the page says
<!-- references-list --> (a marker, see content.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from mkdocs_bibtex.registry import SimpleRegistry

from guidance import strings
from guidance.content import references
from guidance.content.model import CITATION_BLOCK_RE, CITATION_KEY_RE, FOOTNOTE_DEF_RE, load_pages
from guidance.plugin.preview import compute_now, files_state


class _Registry(SimpleRegistry):
    def __init__(self, bib_files, footnote_format, lang):
        super().__init__(bib_files, footnote_format)
        self.lang = lang
        self._formatted: dict[str, str] = {}  # a work is cited on many pages; its .bib entry is only read

    def reference_text(self, citation):
        return self.formatted(citation.key)

    def formatted(self, key: str) -> str:
        """The work's reference in this registry's language, as the References page gives it."""
        if key not in self._formatted:
            self._formatted[key] = references.format_entry(self.bib_data.entries[key], self.lang)
        return self._formatted[key]


def bibliography(config) -> Path:
    return Path(config.config_file_path).resolve().parent / config.plugins["bibtex"].config.bib_file


def configure_pass(config, lang: str, remember=compute_now) -> None:
    """After mkdocs-bibtex's on_config (which made its own registry) and static-i18n's. The live
    preview keeps each language's registry while the .bib is unchanged (it is only read)."""
    plugin = config.plugins["bibtex"]
    bib, footnote_format = bibliography(config), plugin.config.footnote_format
    plugin.registry = remember("citations", (files_state(bib), footnote_format, lang),
                               lambda: _Registry([str(bib)], footnote_format, lang))


def _registry(config) -> _Registry:
    return config.plugins["bibtex"].registry


def expand_citations_in_notes(markdown: str, config, lang: str) -> str:
    """Before mkdocs-bibtex turns citations into footnotes."""
    registry = _registry(config)

    def expand(block: re.Match) -> str:
        keys = CITATION_KEY_RE.findall(block.group(1))
        if any(k not in registry.bib_data.entries for k in keys):
            return block.group(0)  # unknown: the content check has stopped the build already
        return "; ".join(registry.formatted(k).rstrip(".") for k in keys)

    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if FOOTNOTE_DEF_RE.match(line):
            lines[i] = CITATION_BLOCK_RE.sub(expand, line)
    return "\n".join(lines)


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
                where = strings.text(lang, "cited_in_para" if use.inside else "cited_after_para", n=use.paragraph)
                label, href = f"{_short_title(page)}, {where}", f"{target}#para-{use.paragraph}"
            if (label, href) not in places[use.key]:
                places[use.key].append((label, href))
    return places


def references_list(config, lang: str, folder: Path) -> str:
    """The References page's list, from bibliography.bib and the Markdown of this language."""
    registry = _registry(config)
    places = _citing_places(folder, lang)
    items = []
    for key in sorted(places, key=lambda k: references.sort_key(registry.bib_data.entries[k])):
        links = ", ".join(f"[{label}]({href})" for label, href in places[key])
        items.append(f'- <span id="ref-{key}"></span>{registry.formatted(key)}  \n'
                     f"  {strings.text(lang, 'cited_in')}: {links}")
    return "\n".join(items)

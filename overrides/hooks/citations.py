"""Hook: citations formatted in our reference style and in the page's language.

mkdocs-bibtex turns each [@key] into a footnote, but it keeps one formatter for every language and
its default style rewrites titles. Here, on each language's on_config (static-i18n runs the build
once per language), the plugin gets a registry that formats with guidance.content.references in that
language. Citations inside a footnote *note* ("The majority of the quotes … are from [@key].")
are written out in full in the note, so a reader never meets a footnote inside a footnote.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority
from mkdocs_bibtex.registry import SimpleRegistry

from guidance.content import references
from guidance.content.model import CITATION_BLOCK_RE, CITATION_KEY_RE, FOOTNOTE_DEF_RE
from guidance.plugin.mkdocs_site import bibliography, page_language


class _GuidanceRegistry(SimpleRegistry):
    def __init__(self, bib_files, footnote_format, lang):
        super().__init__(bib_files, footnote_format)
        self.lang = lang

    def reference_text(self, citation):
        return references.format_entry(self.bib_data.entries[citation.key], self.lang)


@event_priority(-110)  # after mkdocs-bibtex (0) and static-i18n (-100), which sets this pass's language
def on_config(config):
    plugin = config.plugins["bibtex"]
    plugin.registry = _GuidanceRegistry([str(bibliography(config))], plugin.config.footnote_format, config.theme["language"])
    return config


@event_priority(10)  # before mkdocs-bibtex turns citations into footnotes (priority 0)
def on_page_markdown(markdown, page, config, files):
    lang = page_language(page, config)
    entries = config.plugins["bibtex"].registry.bib_data.entries

    def expand(block: re.Match) -> str:
        keys = CITATION_KEY_RE.findall(block.group(1))
        if any(k not in entries for k in keys):
            return block.group(0)  # left for mkdocs-bibtex to report as unknown (a build error)
        return "; ".join(references.format_entry(entries[k], lang).rstrip(".") for k in keys)

    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if FOOTNOTE_DEF_RE.match(line):
            lines[i] = CITATION_BLOCK_RE.sub(expand, line)
    return "\n".join(lines)

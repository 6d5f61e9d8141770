"""Python-Markdown extension: statutory numbered paragraphs.

In a page that opts in (its Markdown starts with the marker line written by the
guidance plugin, guidance.plugin.content), a top-level block starting "158. " becomes

    <div class="para" id="para-158">
      <a class="para-num" href="#para-158" title="Copy the link to paragraph 158">
        <span class="visually-hidden">Paragraph </span>158</a>
      <p>…paragraph text…</p>
      …blocks indented by 4 spaces below it (sub-lists, quotes, continuation text)…
    </div>

instead of an ordered list. It runs as a block processor, after pymdownx.snippets has inserted any
shared fragments, so included paragraphs are numbered the same way.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from guidance.content.model import PARAGRAPH_RE
from guidance.strings import text

MARKER_RE = re.compile(r"^<!-- numbered-paragraphs lang=(\w+) -->$")


def marker(lang: str) -> str:
    return f"<!-- numbered-paragraphs lang={lang} -->"


def anchor(number: int | str) -> str:
    return f"para-{number}"


class _MarkerPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if lines and (m := MARKER_RE.match(lines[0])):
            self.md.numbered_paragraphs_lang = m.group(1)
            return lines[1:]
        self.md.numbered_paragraphs_lang = None
        return lines


class _ParagraphProcessor(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return (getattr(self.parser.md, "numbered_paragraphs_lang", None) is not None
                and parent is self.parser.root
                and PARAGRAPH_RE.match(block) is not None)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lang = self.parser.md.numbered_paragraphs_lang
        block = blocks.pop(0)
        m = PARAGRAPH_RE.match(block)
        number = m.group(1)
        body = [block[m.end():]]
        # Blocks indented by one tab stop under the paragraph belong to it (sub-lists, quotes, text).
        while blocks and blocks[0].startswith(" " * self.tab_length):
            inner, tail = self.detab(blocks.pop(0))
            body.append(inner)
            if tail:
                blocks.insert(0, tail)
                break
        div = etree.SubElement(parent, "div", {"class": "para", "id": anchor(number)})
        link = etree.SubElement(div, "a", {
            "class": "para-num",
            "href": f"#{anchor(number)}",
            "title": text(lang, "para_link_title", n=number),
        })
        hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
        hidden.text = text(lang, "para_label", n="").strip() + " "
        hidden.tail = number
        self.parser.parseBlocks(div, body)


class NumberedParagraphsExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown API)
        md.numbered_paragraphs_lang = None
        # after pymdownx.snippets (priority 32) so shared fragments are already in place
        md.preprocessors.register(_MarkerPreprocessor(md), "numbered_paragraphs_marker", 31)
        # before the ordered-list processor (40) so "158. " is not read as a list item
        md.parser.blockprocessors.register(_ParagraphProcessor(md.parser), "numbered_paragraphs", 45)


def makeExtension(**kwargs) -> NumberedParagraphsExtension:  # noqa: N802 (Python-Markdown API)
    return NumberedParagraphsExtension(**kwargs)

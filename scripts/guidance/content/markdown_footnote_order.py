"""Python-Markdown extension: footnotes numbered in reading order.

With USE_DEFINITION_ORDER off, the footnotes extension numbers references in the order its inline
processor meets them — which is not the order of the page when references sit inside nested blocks
(our numbered paragraphs, quotes, boxes): a reader saw 1, 2, 3, 4, 41, 7, 5. This treeprocessor runs
after inline processing and just before the footnotes extension sorts its list (priority 19): it
walks the page in document order, makes that the footnote order and renumbers the markers.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class _ReadingOrder(Treeprocessor):
    def run(self, root):
        footnotes = self.md.treeprocessors["footnote"].footnotes
        prefix = "#fn" + footnotes.get_separator()
        markers = [a for sup in root.iter("sup") if (sup.get("id") or "").startswith("fnref")
                   for a in sup.iter("a") if (a.get("href") or "").startswith(prefix)]
        order: list[str] = []
        for a in markers:
            key = a.get("href")[len(prefix):]
            if key not in order:
                order.append(key)
        order += [key for key in footnotes.footnote_order if key not in order]
        footnotes.footnote_order[:] = order
        for a in markers:
            a.text = str(order.index(a.get("href")[len(prefix):]) + 1)


class FootnoteOrderExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown API)
        md.treeprocessors.register(_ReadingOrder(md), "footnote_reading_order", 19.5)


def makeExtension(**kwargs) -> FootnoteOrderExtension:  # noqa: N802 (Python-Markdown API)
    return FootnoteOrderExtension(**kwargs)

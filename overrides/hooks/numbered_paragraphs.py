"""Hook: opt the guidance chapters into numbered-paragraph rendering.

A page whose front matter declares `paragraphs: FIRST-LAST` (a chapter) or `paragraphs_from:
CHAPTER.md` (a page showing a chapter's paragraphs, e.g. the practice guide) gets the marker line that the
`guidance.content.markdown_paragraphs` extension looks for, carrying the page language so the
paragraph link labels are in the reader's language. Other pages keep ordinary ordered lists.
"""

from guidance.content.markdown_paragraphs import marker
from guidance.plugin.mkdocs_site import page_language


def on_page_markdown(markdown, page, config, files):
    if "paragraphs" not in page.meta and "paragraphs_from" not in page.meta:
        return markdown
    return marker(page_language(page, config)) + "\n" + markdown

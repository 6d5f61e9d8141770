"""Hook: footnotes stay out of the site search.

Material's search plugin gives each heading the text up to the next heading, so a page's footnotes
(all printed at its end) would be searched as part of its last section: a search for a cited
report would land on "Workforce development" or "The Modern Slavery Act 2015". Every cited work is
on the References page, which links to each paragraph that cites it, so the footnotes are marked
with Material's own `data-search-exclude` (Material removes the attribute from the page once it has
indexed it).
"""

from __future__ import annotations

FOOTNOTES = '<div class="footnote">'


def on_page_content(html, page, config, files):
    return html.replace(FOOTNOTES, '<div class="footnote" data-search-exclude="footnotes">')

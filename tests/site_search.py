"""Drive the site's real search in Chromium: type into Material's search box, read the result list.

Material renders one group per page: the page's own entry, then its best-scoring sections, then
"N more on this page" folded away. `hits` lists what a reader sees without unfolding anything, in
order: each group's best sections, or the page itself when the page's own text scored best.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

READ_RESULTS = """prefix => [...document.querySelectorAll('.md-search-result__list > li')].map(group => {
    const links = [...group.querySelectorAll(':scope > a.md-search-result__link')];
    const folded = [...group.querySelectorAll('details a.md-search-result__link')];
    const target = a => { const u = new URL(a.href); return u.pathname.slice(prefix.length) + u.hash };
    const article = links[0], sections = links.slice(1);
    // the page's own entry is a hit when Material shows its text (it scored best in the group)
    const articleHit = article.querySelector('article').childNodes.length > 2 || !sections.length;
    return {
      hits: [...(articleHit ? [article] : []), ...sections].map(target),
      folded: folded.map(target),
      titles: links.concat(folded).map(a => a.querySelector('h1, h2').textContent),
      text: group.innerText,
      marked: [...group.querySelectorAll('mark')].map(m => m.textContent),
      hrefs: links.concat(folded).map(a => a.href),
    };
})"""

WAIT_FOR_READY = """() => { const meta = document.querySelector('.md-search-result__meta');
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    return meta && meta.textContent.trim() === t['search.result.placeholder'] }"""

WAIT_FOR_RESULTS = """() => { const meta = document.querySelector('.md-search-result__meta');
    const t = JSON.parse(document.getElementById('__config').textContent).translations;
    return meta && meta.textContent.trim() !== t['search.result.placeholder'] }"""


@dataclass
class Results:
    query: str
    groups: list[dict]

    @property
    def hits(self) -> list[str]:
        """Visible hits in order, as site paths: 'chapter-3-safeguarding-procedures/#para-158'."""
        return [hit for group in self.groups for hit in group["hits"]]

    @property
    def every_link(self) -> list[str]:
        return [href for group in self.groups for href in group["hrefs"]]

    @property
    def marked(self) -> set[str]:
        """The words Material highlights as matches, lower-cased."""
        return {word.lower() for group in self.groups for word in group["marked"]}

    @property
    def text(self) -> str:
        return "\n".join(group["text"] for group in self.groups)

    def rank(self, expected: str) -> int | None:
        """1-based position of the first visible hit on `expected`: a paragraph or section
        ('page/#para-158') or, without '#', any hit on that page."""
        for i, hit in enumerate(self.hits, 1):
            if hit == expected or ("#" not in expected and hit.split("#")[0] == expected):
                return i
        return None


class SearchBox:
    """Material's search on one page of the served site."""

    def __init__(self, tab, page_path: str):
        self.tab = tab
        tab.goto(page_path)
        self.prefix = urlsplit(tab.url).path[: -len(page_path)] if page_path else urlsplit(tab.url).path
        tab.keyboard.press("/")  # Material's shortcut: open and focus the search box
        tab.wait_for_function(WAIT_FOR_READY, timeout=15000)

    def search(self, query: str) -> Results:
        self._type(query)
        self.tab.wait_for_function(WAIT_FOR_RESULTS, timeout=15000)
        results = Results(query, self.tab.evaluate(READ_RESULTS, self.prefix))
        self._type("")
        self.tab.wait_for_function(WAIT_FOR_READY, timeout=15000)
        return results

    def _type(self, text: str) -> None:
        # Material searches on key presses: put the whole query in, then release a key.
        self.tab.fill("input.md-search__input", text)
        self.tab.press("input.md-search__input", "End")

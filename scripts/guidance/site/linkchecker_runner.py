"""Run linkchecker with changes that leave what is checked as it was: each page is parsed once, and
its links and its anchors are gathered once, not once per #anchor.

With its anchor check on, linkchecker takes every "page#anchor" URL for a page of its own: it
fetches it, re-parses the whole page, lists every anchor on it to check this one, and gathers every
link on it again. Our chapter pages carry hundreds of paragraph and footnote anchors, so a full
check took ~190 s, nearly all of it redoing the same work. Here the parsed tree is memoised on the
page text (it is only read), its anchors are listed once per tree, and a page's links are gathered
the first time any URL of that page is checked (they do not depend on the anchor); each anchor is
still fetched and checked.
Used by guidance.site.links: python -m guidance.site.linkchecker_runner ARGS.
"""

import functools
import sys
import threading

from linkcheck import parser
from linkcheck.checker import urlbase
from linkcheck.command.linkchecker import linkchecker
from linkcheck.htmlutil import htmlsoup, linkparse
from linkcheck.plugins import anchorcheck

_parse = htmlsoup.make_soup


@functools.lru_cache(maxsize=64)
def _parse_once(markup, from_encoding=None):
    return _parse(markup, from_encoding)


_gathered: set[str] = set()  # pages (URLs without their anchor) whose links are in the queue
_lock = threading.Lock()


def _gather_links_once(url_data) -> None:
    page = url_data.url.split("#", 1)[0]
    with _lock:
        if page in _gathered:
            return
        _gathered.add(page)
    _gather_links(url_data)


def _check_anchor(plugin, url_data) -> None:
    soup = url_data.get_soup()
    with _lock:
        anchors = getattr(soup, "guidance_anchors", None)
        if anchors is None:
            found = anchorcheck.UrlAnchorCheck()
            linkparse.find_links(soup, found.add_anchor, linkparse.AnchorTags)
            anchors = soup.guidance_anchors = found.anchors
    check = anchorcheck.UrlAnchorCheck()
    check.anchors = anchors
    check.check_anchor(url_data)


htmlsoup.make_soup = urlbase.htmlsoup.make_soup = _parse_once
_gather_links = parser.parse_url
parser.parse_url = _gather_links_once  # the checker calls it through the module, at each page
anchorcheck.AnchorCheck.check = _check_anchor

if __name__ == "__main__":
    sys.exit(linkchecker())

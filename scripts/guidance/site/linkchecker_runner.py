"""Run linkchecker with one change: each page is parsed once, not once per #anchor.

linkchecker's anchor check re-parses the whole page for every "page#anchor" URL it meets; our
chapter pages carry hundreds of paragraph and footnote anchors, which made a full check take
~150 s. Memoising its HTML parser on the page text (the parsed tree is only read) halves that
without changing what is checked. Used by guidance.links: python -m guidance.site.linkchecker_runner ARGS.
"""

import functools
import sys

from linkcheck.checker import urlbase
from linkcheck.command.linkchecker import linkchecker
from linkcheck.htmlutil import htmlsoup

_parse = htmlsoup.make_soup


@functools.lru_cache(maxsize=64)
def _parse_once(markup, from_encoding=None):
    return _parse(markup, from_encoding)


htmlsoup.make_soup = urlbase.htmlsoup.make_soup = _parse_once

if __name__ == "__main__":
    sys.exit(linkchecker())

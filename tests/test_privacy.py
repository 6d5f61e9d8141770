"""Readers may be watched: no page may make the browser contact anyone but this site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import all_pages

pytestmark = pytest.mark.browser


def test_no_page_makes_a_third_party_request(site, tab, site_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    pages = [p.lstrip("/") for p in all_pages(site)]
    assert len(pages) >= 26 and "cy/" in pages
    outside: list[tuple[str, str]] = []
    current = {"page": ""}
    tab.on("request", lambda r: outside.append((current["page"], r.url))
           if not r.url.startswith((origin, "data:", "blob:")) else None)
    for path in pages:
        current["page"] = path
        tab.goto(path, wait_until="networkidle")
    assert not outside, f"requests leaving {origin}: {outside[:10]}"

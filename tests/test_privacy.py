"""Readers may be watched: no page may make the browser contact anyone but this site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_no_page_makes_a_third_party_request(every_page, site_url):
    """Every page loaded until the network is idle (the every_page fixture): each request it made."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    assert len(every_page) >= 26 and "cy/" in every_page
    assert all(visit.requests for visit in every_page.values())
    outside = [(visit.path, url) for visit in every_page.values() for url in visit.requests
               if not url.startswith((origin, "data:", "blob:"))]
    assert not outside, f"requests leaving {origin}: {outside[:10]}"

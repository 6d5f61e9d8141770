"""Readers may be watched: no page may make the browser contact anyone but this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def all_pages(site) -> list[str]:
    """Every page built from Markdown, by its path; not the stubs that redirect a renamed page's old address."""
    return sorted(str(p.parent.relative_to(site)).replace(".", "") + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


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

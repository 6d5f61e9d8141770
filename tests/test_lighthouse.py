"""Lighthouse (mobile, simulated throttling) on every page type in both languages: Accessibility, Best
practices and SEO must be 100. The site is served with gzip, as GitHub Pages serves it.

tests/lighthouse/audit.mjs audits a list of pages with one Chromium; here two of them, each with
half the pages, run side by side: most of a page's time is Lighthouse waiting for the page to go
quiet, which the other half fills. Only the three asserted categories are audited: Performance is
`guidance benchmark --only lighthouse`'s to measure, and leaving it out spares each page its trace
processing and simulated load.
"""

from __future__ import annotations

import gzip
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from guidance.site import lighthouse
from guidance.site.page_types import pages
from guidance.site.serve import serve
from helpers import PREFIX, ROOTS

ASSERTED = ("accessibility", "best-practices", "seo")
#: Lighthouse runs (each its own Node and Chromium) side by side.
PARALLEL = 2


@pytest.mark.build
def test_the_test_server_gzips_text_as_github_pages_does(site):
    with serve(site, PREFIX, gzip=True) as base:
        with urllib.request.urlopen(urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(r.read()) == (site / "index.html").read_bytes()
        with urllib.request.urlopen(base) as r:  # a client that does not ask gets the file as it is
            assert r.headers["Content-Encoding"] is None and r.read() == (site / "index.html").read_bytes()


@pytest.mark.browser
def test_every_page_type_scores_100_for_accessibility_best_practices_and_seo(site, monkeypatch):
    if reason := lighthouse.missing():
        pytest.fail(reason)
    monkeypatch.setenv("LIGHTHOUSE_CATEGORIES", ",".join(ASSERTED))  # read by audit.mjs
    with serve(site, PREFIX, gzip=True) as base:
        urls = [base + path for _, _, path in pages(ROOTS)]
        with ThreadPoolExecutor(PARALLEL) as pool:
            parts = list(pool.map(lighthouse.audit, [urls[i::PARALLEL] for i in range(PARALLEL)]))
    # back in the order of pages(): part i holds pages i, i + PARALLEL, …
    audited = [part["pages"] for part in parts]
    report = {**parts[0], "pages": [audited[i % PARALLEL][i // PARALLEL] for i in range(len(urls))]}
    assert [result["url"] for result in report["pages"]] == urls
    assert all(set(result["scores"]) >= set(ASSERTED) for result in report["pages"])
    problems, short = [], 0
    for (kind, lang, path), result in zip(pages(), report["pages"]):
        failing = [a for a in result["failing"] if a["category"] in ASSERTED]
        below = {c: result["scores"][c] for c in ASSERTED if result["scores"][c] != 100}
        if not (failing or below or result["runtime_error"]):
            continue
        short += 1
        problems.append(f"{kind} ({lang}) /{path}: " + ", ".join(f"{c} {s}" for c, s in below.items())
                        + (f" Lighthouse error: {result['runtime_error']}" if result["runtime_error"] else ""))
        problems += [f"    {a['id']}: {a['title']}" + (f"\n        at {'; '.join(a['where'])}" if a["where"] else "")
                     for a in failing]
    if problems:
        pytest.fail(f"Lighthouse {report['lighthouse']} ({report['chromium']}), mobile: {short} of {len(pages())} "
                    "pages fall short:\n" + "\n".join(problems), pytrace=False)

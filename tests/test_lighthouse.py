"""Lighthouse (mobile, simulated throttling) on every page type in both languages: Accessibility, Best
practices and SEO must be 100. The site is served with gzip, as GitHub Pages serves it.

tests/lighthouse/audit.mjs audits the pages with one Chromium, only the three asserted categories
(Performance is `guidance benchmark --only lighthouse`'s to measure): helpers.lighthouse_pages. It
runs in the background while the other tests go on (conftest.py, `lighthouse_report`); the test
waits for its report.
"""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from guidance.site import lighthouse
from guidance.site.page_types import pages
from guidance.site.serve import serve
from helpers import LIGHTHOUSE_CATEGORIES as ASSERTED
from helpers import PREFIX, ROOTS


@pytest.mark.build
def test_the_test_server_gzips_text_as_github_pages_does(site):
    with serve(site, PREFIX, gzip=True) as base:
        with urllib.request.urlopen(urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(r.read()) == (site / "index.html").read_bytes()
        with urllib.request.urlopen(base) as r:  # a client that does not ask gets the file as it is
            assert r.headers["Content-Encoding"] is None and r.read() == (site / "index.html").read_bytes()


@pytest.mark.browser
def test_every_page_type_scores_100_for_accessibility_best_practices_and_seo(site, lighthouse_report):
    if reason := lighthouse.missing():
        pytest.fail(reason)
    report = lighthouse_report
    assert [result["url"] for result in report["pages"]] == report["urls"]
    assert [url.split(PREFIX, 1)[1] for url in report["urls"]] == [path for _, _, path in pages(ROOTS)]
    assert all(set(result["scores"]) >= set(ASSERTED) for result in report["pages"])
    problems, short = [], 0
    for (kind, lang, path), result in zip(pages(ROOTS), report["pages"]):
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
        pytest.fail(f"Lighthouse {report['lighthouse']} ({report['chromium']}), mobile: {short} of {len(pages(ROOTS))} "
                    "pages fall short:\n" + "\n".join(problems), pytrace=False)

"""Lighthouse Performance (mobile, simulated throttling) of each page type, ours beside the floor's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guidance.site import lighthouse
from guidance.site.serve import serve
from .pages import page_types, site_file
from .settings import SITE_URL


def measure_lighthouse(project: Path, site: Path, floor_site: Path, log: Callable[[str], None]) -> dict:
    """Performance score and Total Blocking Time of the page types the page-weight figures use, in
    both languages, on our site and on the plain-Material floor (same Markdown, same addresses), both
    served gzipped; one Lighthouse run each, all in one Chromium."""
    if reason := lighthouse.missing():
        return {"error": reason}
    languages = ["en", "cy"] if (site / "cy").is_dir() else ["en"]
    wanted = [(name, lang, path) for lang in languages
              for name, path in page_types(project, site, lang).items() if path is not None]
    with serve(site, gzip=True) as base, serve(floor_site, gzip=True) as floor_base:
        # ours and the floor's page one after the other, so both meet the same load on the machine
        urls = []
        for _, _, path in wanted:
            urls.append(base + path)
            if site_file(floor_site, SITE_URL + path, SITE_URL):
                urls.append(floor_base + path)
        log(f"  Lighthouse on {len(wanted)} pages and {len(urls) - len(wanted)} of the floor's…")
        report = lighthouse.audit(urls)
    results = dict(zip(urls, report["pages"]))

    def figures(url: str) -> dict | None:
        page = results.get(url)
        return page and {"performance": page["scores"]["performance"],
                         "total_blocking_time_ms": page["total_blocking_time_ms"],
                         "benchmark_index": page["benchmark_index"], "runtime_error": page["runtime_error"]}

    rows = [{"type": name, "lang": lang, "path": path, "site": figures(base + path),
             "floor": figures(floor_base + path)} for name, lang, path in wanted]
    return {"lighthouse": report["lighthouse"], "chromium": report["chromium"], "pages": rows}

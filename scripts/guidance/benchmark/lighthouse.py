"""Lighthouse Performance (mobile, simulated throttling) of each page type, ours beside the floor's."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

from guidance.site import lighthouse
from guidance.site.serve import serve
from .pages import page_types, site_file
from .settings import LIGHTHOUSE_RUNS, SITE_URL

#: The page type whose figures have targets: the heaviest page a reader opens.
MEASURED = "longest chapter"


def measure_lighthouse(project: Path, site: Path, floor_site: Path, log: Callable[[str], None]) -> dict:
    """Performance score and Total Blocking Time of the page types the page-weight figures use, in
    both languages, on our site and on the plain-Material floor (same Markdown, same addresses), both
    served gzipped, all in one Chromium: one run of each page, LIGHTHOUSE_RUNS of the longest chapter
    (whose figures have targets), and for it the median of each figure."""
    if reason := lighthouse.missing():
        return {"error": reason}
    languages = ["en", "cy"] if (site / "cy").is_dir() else ["en"]
    wanted = [(name, lang, path) for lang in languages
              for name, path in page_types(project, site, lang).items() if path is not None]
    with serve(site, gzip=True) as base, serve(floor_site, gzip=True) as floor_base:
        # ours and the floor's page one after the other, so both meet the same load on the machine
        urls = []
        for name, _, path in wanted:
            for _ in range(LIGHTHOUSE_RUNS if name == MEASURED else 1):
                urls.append(base + path)
                if site_file(floor_site, SITE_URL + path, SITE_URL):
                    urls.append(floor_base + path)
        log(f"  Lighthouse: {len(urls)} runs, ours and the floor's, {LIGHTHOUSE_RUNS} of each longest chapter…")
        report = lighthouse.audit(urls)
    results: dict[str, list[dict]] = {}
    for url, page in zip(urls, report["pages"]):
        results.setdefault(url, []).append(page)

    def figures(url: str) -> dict | None:
        runs = results.get(url)
        if not runs:
            return None
        ok = [page for page in runs if not page["runtime_error"]]
        return {"performance": statistics.median_low([p["scores"]["performance"] for p in ok]) if ok else None,
                "total_blocking_time_ms": statistics.median_low([p["total_blocking_time_ms"] for p in ok]) if ok else None,
                "runs": len(runs),
                "benchmark_index": min(p["benchmark_index"] for p in runs),
                "runtime_error": next((p["runtime_error"] for p in runs if p["runtime_error"]), None) if not ok else None}

    rows = [{"type": name, "lang": lang, "path": path, "site": figures(base + path),
             "floor": figures(floor_base + path)} for name, lang, path in wanted]
    return {"lighthouse": report["lighthouse"], "chromium": report["chromium"], "pages": rows}

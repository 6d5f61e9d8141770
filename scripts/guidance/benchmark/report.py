"""The whole run, and its report: each figure against its target, as text and JSON."""

from __future__ import annotations

import datetime
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from guidance.project import Project
from .floor import write_floor
from .lighthouse import MEASURED, measure_lighthouse
from .machine import machine
from .pages import chromium_available, measure_pages
from .project import commit_copy, copy_project
from .scale import measure_scale
from .search_index import measure_search_indexes
from .serve import measure_serve_rebuild
from .settings import (LIGHTHOUSE_RUNS, LINEAR_TOLERANCE, TARGET_BUILD_RATIO, TARGET_FIRST_VIEW_KB, TARGET_LIGHTHOUSE_SCORE,
                       TARGET_SERVE_SECONDS, TARGET_TBT_RATIO, TARGET_THIRD_PARTY)
from .timing import cold_build, measure_cold_builds


SECTIONS = ("build", "serve", "pages", "lighthouse", "search", "scale")


def run_benchmark(root: Path, runs: int, factors: list[int], scale_runs: int, sections: set[str],
                  use_browser: bool | None, pdf: bool, log: Callable[[str], None]) -> dict:
    started = datetime.datetime.now().astimezone()
    result: dict = {"date": started.isoformat(timespec="seconds"), "project": str(root),
                    "machine": machine(), "runs": runs}
    with tempfile.TemporaryDirectory(prefix="guidance-benchmark-") as tmp:
        work = Path(tmp)
        project = copy_project(root, work / "project")
        result["git_in_copy"] = commit_copy(project)
        site = work / "site"
        if "build" in sections:
            log("Cold builds (bilingual and the plain-Material floor)…")
            result["build"] = measure_cold_builds(project, site, runs, log)
        elif {"pages", "lighthouse", "search"} & sections or pdf:
            cold_build(project, site)
        if "pages" in sections:
            log("Page weight…")
            browser = chromium_available() if use_browser is None else use_browser
            result["pages"] = measure_pages(project, site, browser, log)
        if "lighthouse" in sections:
            log("Lighthouse (ours and the floor)…")
            floor_site = site.with_name("floor-site")  # left by the cold builds, else built here
            if not floor_site.is_dir():
                cold_build(project, floor_site, str(write_floor(project)), strict=False)
            result["lighthouse"] = measure_lighthouse(project, site, floor_site, log)
        if "search" in sections:
            result["search"] = measure_search_indexes(site, Project.at(project).roots)
        if pdf:
            log("PDFs (guidance pdf)…")
            from guidance.site import pdf as pdf_module

            start = time.perf_counter()
            pdf_module.build(site, site / "downloads", Project.at(project))
            result["pdf_s"] = round(time.perf_counter() - start, 2)
        if "scale" in sections and factors:
            log("Scale…")
            result["scale"] = measure_scale(project, work, factors, scale_runs, log)
        if "serve" in sections:  # last: it edits the copy
            log("Serve rebuild…")
            result["serve"] = measure_serve_rebuild(project, runs, log)
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = verdicts(result)
    return result


def verdicts(result: dict) -> list[dict]:
    """Every figure that has a target: value, target, PASS or MISS."""
    rows = []
    if "build" in result:
        ratio = result["build"]["ratio"]
        rows.append({"figure": "bilingual cold build / plain-Material floor (median wall time)",
                     "value": f"{ratio:.2f}x", "target": f"<= {TARGET_BUILD_RATIO}x",
                     "pass": ratio <= TARGET_BUILD_RATIO})
    if "serve" in result:
        for lang in ("en", "cy"):
            if "median_s" in result["serve"].get(lang, {}):
                value = result["serve"][lang]["median_s"]
                rows.append({"figure": f"serve rebuild, edit in {lang} (median)", "value": f"{value:.2f} s",
                             "target": f"<= {TARGET_SERVE_SECONDS} s", "pass": value <= TARGET_SERVE_SECONDS})
    if "pages" in result:
        method = result["pages"]["method"]
        chapters = [row[method] for row in result["pages"]["pages"]
                    if row["type"] == "longest chapter" and row["present"]]
        if chapters:
            worst = max(chapters, key=lambda w: w["first_view_gzip_bytes"])
            kb = worst["first_view_gzip_bytes"] / 1024
            caveat = "" if method == "browser" else "; requests made by scripts not seen"
            rows.append({"figure": f"longest chapter first view, HTML+CSS+JS+fonts gzip ({worst['page'] or '/'}, {method}{caveat})",
                         "value": f"{kb:.1f} KB", "target": f"<= {TARGET_FIRST_VIEW_KB} KB",
                         "pass": kb <= TARGET_FIRST_VIEW_KB})
            third = max(w["third_party_requests"] for w in chapters)
            rows.append({"figure": f"longest chapter third-party requests ({method})", "value": str(third),
                         "target": f"= {TARGET_THIRD_PARTY}", "pass": third == TARGET_THIRD_PARTY})
    if "lighthouse" in result and "pages" in result["lighthouse"]:
        for row in result["lighthouse"]["pages"]:
            ours, floor = row["site"], row["floor"]
            if row["type"] != MEASURED or not ours or ours["performance"] is None:
                continue
            where = f"{MEASURED} ({row['lang']}), median of {ours['runs']}"
            rows.append({"figure": f"Lighthouse mobile Performance, {where}", "value": str(ours["performance"]),
                         "target": f">= {TARGET_LIGHTHOUSE_SCORE}", "pass": ours["performance"] >= TARGET_LIGHTHOUSE_SCORE})
            if floor and floor["total_blocking_time_ms"] is not None:
                tbt, limit = ours["total_blocking_time_ms"], TARGET_TBT_RATIO * floor["total_blocking_time_ms"]
                rows.append({"figure": f"Total Blocking Time, {where}, against plain Material's "
                                       f"({floor['total_blocking_time_ms']} ms)",
                             "value": f"{tbt} ms", "target": f"<= {TARGET_TBT_RATIO}x the floor's = {limit:.0f} ms",
                             "pass": tbt <= limit})
    if "scale" in result and "linear" in result["scale"]:
        s = result["scale"]
        floor = s.get("floor", {}).get("marginal_growth")
        rows.append({"figure": "build time growth with content (CPU s per added page, last step vs first"
                               + (f"; plain-Material floor x{floor}" if floor is not None else "") + ")",
                     "value": f"{s['marginal_growth']}x" if s["marginal_growth"] is not None else "n/a",
                     "target": f"<= {LINEAR_TOLERANCE}x (linear)", "pass": bool(s["linear"])})
    return rows


def _kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def format_lighthouse(lh: dict) -> list[str]:
    if "error" in lh:
        return [f"Lighthouse Performance: not measured: {lh['error']}", ""]

    def cell(figures: dict | None, key: str) -> str:
        if figures is None:
            return "n/a"
        return "error" if figures["runtime_error"] or figures[key] is None else str(figures[key])

    speeds = [f["benchmark_index"] for row in lh["pages"] for f in (row["site"], row["floor"]) if f]
    out = [f"Lighthouse Performance (Lighthouse {lh['lighthouse']}, {lh['chromium']}: mobile, simulated "
           f"throttling, served gzipped; one run a page, the longest chapter's the median of {LIGHTHOUSE_RUNS}; "
           f"targets for it: Performance >= {TARGET_LIGHTHOUSE_SCORE}, TBT <= {TARGET_TBT_RATIO}x the floor's)",
           f"  TBT = Total Blocking Time; floor = plain Material, same page; the machine's speed as Lighthouse "
           f"measured it (benchmarkIndex) {min(speeds, default=0)}-{max(speeds, default=0)}: a busy machine scores lower",
           f"  {'page':<17}{'lang':<5}{'score':>6}{'TBT ms':>8}{'floor':>7}{'floor TBT':>11}{'target':>8}"]
    for row in lh["pages"]:
        out.append(f"  {row['type']:<17}{row['lang']:<5}{cell(row['site'], 'performance'):>6}"
                   f"{cell(row['site'], 'total_blocking_time_ms'):>8}{cell(row['floor'], 'performance'):>7}"
                   f"{cell(row['floor'], 'total_blocking_time_ms'):>11}"
                   f"{('>= ' + str(TARGET_LIGHTHOUSE_SCORE)) if row['type'] == MEASURED else '—':>8}")
    return out + [""]


def format_report(result: dict) -> str:
    m = result["machine"]
    out = [f"guidance benchmark — {result['date']}",
           f"Machine: {m['cpus']} CPU(s), {m['cpu_model']}; Python {m['python']}; {m['platform']}",
           "Tools: " + ", ".join(f"{k} {v}" for k, v in m["tools"].items() if v),
           f"Load average at start {m['load_average']}, at end {m.get('load_average_end')} "
           "(other work on the machine makes timings noisy: figures are medians)",
           "Measured on a copy in a temporary folder" + (", committed to git so page dates come from git"
                                                        if result.get("git_in_copy") else ", without git (page dates: today)"), ""]
    if "build" in result:
        b = result["build"]
        out += [f"Cold build (median of {result['runs']} runs, each a new process into an empty folder; wall / CPU)",
                f"  bilingual site (mkdocs build --strict)    {b['bilingual']['median_s']:6.2f} s / {b['bilingual']['cpu_median_s']:6.2f} s  runs {b['bilingual']['runs_s']}",
                f"  floor: plain Material, no plugins ({b['floor_pages']} pages) {b['floor']['median_s']:6.2f} s / {b['floor']['cpu_median_s']:6.2f} s  runs {b['floor']['runs_s']}",
                f"  floor + Material search (context only)    {b['floor_with_search']['median_s']:6.2f} s / {b['floor_with_search']['cpu_median_s']:6.2f} s",
                f"  ratio bilingual/floor: {b['ratio']:.2f}x wall, {b['cpu_ratio']:.2f}x CPU", ""]
    if "serve" in result:
        s = result["serve"]
        out.append(f"Serve rebuild (edit one paragraph of {s['chapter']}, file write -> new HTML served; {s['watcher']})")
        out.append(f"  first build before serving: {s['first_build_s']} s")
        for lang in ("en", "cy"):
            r = s.get(lang, {})
            out.append(f"  {lang}: " + (f"median {r['median_s']:.2f} s, runs {r['runs_s']}" if "median_s" in r else r.get("error", "")))
        out.append("")
    if "pages" in result:
        p = result["pages"]
        method = p["method"]
        out.append(f"Pages, first view with an empty cache (method: {method}"
                   + (f", Chromium {p['browser']}" if p["browser"] else "") + ")")
        out.append("  first view = HTML + CSS + JS + fonts, gzip level 6, KB = 1024 bytes (search's worker, word "
                   "handling and index load when the reader first focuses the search box, so they are not in it)")
        out.append("  all = every request the page makes: adds the favicon and sitemap look-ups")
        out.append("  404 = requests for addresses the site does not have (Material looks for a sitemap.xml under "
                   "each hreflang link; on GitHub Pages each gets the site's 404 page)")
        out.append(f"  {'page':<17}{'lang':<5}{'HTML':>9}{'HTML gz':>10}{'first view':>12}{'all':>10}"
                   f"{'requests':>10}{'3rd party':>10}{'404':>5}{'static est.':>13}")
        for row in p["pages"]:
            if not row["present"]:
                out.append(f"  {row['type']:<17}{row['lang']:<5}not present")
                continue
            w, st = row[method], row["static"]
            out.append(f"  {row['type']:<17}{row['lang']:<5}{_kb(w['html_bytes']):>9}{_kb(w['html_gzip_bytes']):>10}"
                       f"{_kb(w['first_view_gzip_bytes']):>12}{_kb(w['all_gzip_bytes']):>10}{w['requests']:>10}"
                       f"{w['third_party_requests']:>10}{w['not_found_requests']:>5}{_kb(st['first_view_gzip_bytes']):>13}")
        chapter = next((r for r in p["pages"] if r["type"] == "longest chapter" and r["present"]), None)
        if chapter:
            kinds = chapter[method]["by_kind_gzip_bytes"]
            out.append(f"  longest chapter ({chapter['path']}) by kind, gzip: "
                       + ", ".join(f"{k} {_kb(v)}" for k, v in kinds.items()))
        out.append("")
    if "lighthouse" in result:
        out += format_lighthouse(result["lighthouse"])
    if "search" in result:
        out.append("Search index per language (text = visible text of the pages' <article>, UTF-8 bytes)")
        for lang, r in result["search"].items():
            if not r["present"]:
                out.append(f"  {lang}: not present")
                continue
            out.append(f"  {lang}: {_kb(r['bytes'])} ({_kb(r['gzip_bytes'])} gzip), {r['sections']} sections, "
                       f"text {_kb(r['text_bytes'])}: index/text {r['ratio_to_text']}x ({r['gzip_ratio_to_text']}x gzipped)")
        out.append("")
    if "pdf_s" in result:
        out += [f"PDFs (guidance pdf, both languages, after the build; no target): {result['pdf_s']} s", ""]
    if "scale" in result:
        s = result["scale"]
        out.append("Scale (every page but home and References copied k times, both languages, in the nav; "
                   "median wall / CPU)")
        for pt in s["points"]:
            out.append(f"  {pt['factor']:>3}x  {pt['pages']:>4} pages  {pt['median_s']:7.2f} s / {pt['cpu_median_s']:6.2f} s  "
                       f"{pt['cpu_median_s'] / pt['pages'] * 1000:6.1f} ms CPU/page  runs {pt['runs_s']}")
        if "linear" in s:
            out.append(f"  content x{s['content_ratio']}: CPU time x{s['time_ratio']}, wall time x{s['wall_time_ratio']}; "
                       f"CPU per added page {s['marginal_s_per_page_first_step'] * 1000:.1f} ms (first step) -> "
                       f"{s['marginal_s_per_page_last_step'] * 1000:.1f} ms (last step): x{s['marginal_growth']}")
        f = s.get("floor", {})
        if "linear" in f:
            out.append("  plain-Material floor of the same copies: " + ", ".join(
                f"{pt['factor']}x {pt['cpu_median_s']:.2f} s" for pt in f["points"])
                + f" CPU; per added page {f['marginal_s_per_page_first_step'] * 1000:.1f} ms -> "
                f"{f['marginal_s_per_page_last_step'] * 1000:.1f} ms: x{f['marginal_growth']}")
        out.append("")
    out.append("Targets")
    for row in result["targets"]:
        out.append(f"  {'PASS' if row['pass'] else 'MISS'}  {row['figure']}: {row['value']} (target {row['target']})")
    return "\n".join(out)

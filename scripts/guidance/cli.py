"""guidance — one command for editors and CI.

  guidance check         run every content check; prints file:line: what is wrong and how to fix it
  guidance lost-links    list links whose address was lost from the source, for an editor to restore
  guidance translations  list Welsh pages and paragraphs that are missing, outdated, draft or reviewed;
                         --record FILE after updating a Welsh page
  guidance translations export --xliff FILE [PAGE…] [--outdated|--draft]
                         write the text to translate as XLIFF 1.2 for a translator's CAT tool
  guidance translations import FILE
                         check a translated XLIFF file, then write its Welsh into docs_cy/
  guidance links SITE    check every internal link and #anchor of a built site (both languages)
  guidance pdf SITE      print the whole guidance and the Prompt card, each a PDF per language, into
                         SITE/downloads/
  guidance screenshots SITE
                         PNGs of every page type, both languages, phone and desktop, into
                         build/screenshots/, to look at a change before it is merged
  guidance offline ZIP   build the offline copy (both languages, search from disk) into one zip
  guidance urls          list every page address and whether published-urls.txt records it;
                         --record after adding a page
  guidance benchmark     measure build time, live-preview rebuild, page weight, Lighthouse Performance
                         and search index size against their targets; prints a report and writes it as JSON

Run `guidance <command> --help` for the options of each command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from guidance import benchmark
from guidance.site import card
from guidance import checks
from guidance.site import links
from guidance.site import offline
from guidance.site import pdf
from guidance.checks import reports
from guidance.site import screenshots
from guidance.site import serve
from guidance.content import translation
from guidance.checks import urls
from guidance.content import xliff
from guidance.content.model import DOCS, DOCS_CY, ROOT, load_pages, rel
from guidance.content.references import BIBLIOGRAPHY


def _cmd_check(args: argparse.Namespace) -> int:
    content = checks.Content.load(Path(args.docs), Path(args.docs_cy), Path(args.bib), Path(args.config),
                                  Path(args.published_urls))
    problems = checks.run_checks(content, args.only)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix each line above, then run `guidance check` again.", file=sys.stderr)
        return 1
    print(f"All checks passed ({', '.join(args.only or checks.CHECKS)}) on {len(content.pages)} page(s).")
    return 0


def _cmd_lost_links(args: argparse.Namespace) -> int:
    rows = reports.lost_links(load_pages(Path(args.docs)), Path(args.bib))
    for row in rows:
        print(row)
    print(f"\n{len(rows)} link(s) lost from the source. Once an address is confirmed, restore it: in a page, replace "
          "'text<!-- lost-link -->' with '[text](https://the-address)'; in bibliography.bib, replace "
          "'lostlink = {true}' with 'url = {https://the-address}'.")
    return 0


def _cmd_translations(args: argparse.Namespace) -> int:
    if args.record:
        for name in args.record:
            rec = translation.record(Path(name), Path(args.docs), Path(args.docs_cy))
            print(f"{name}: recorded {len(rec['paragraphs'])} paragraph(s) of the English text; status {rec['status']}.")
        return 0
    edition = translation.Edition.load(Path(args.docs), Path(args.docs_cy))
    reader = translation.UnitReader(Path(args.docs), Path(args.docs_cy))
    counts = {"missing": 0, "outdated": 0, "draft": 0, "reviewed": 0}
    by_number: dict[int, str] = {}
    rank = ["reviewed", "draft", "outdated"]
    for pair in edition.pairs:
        if pair.welsh is None:
            counts["missing"] += 1
            print(f"MISSING   {pair.english.rel()}: no Welsh page ({len(pair.english.paragraphs)} paragraph(s))")
            continue
        outdated = pair.outdated_paragraphs() if "english" in pair.record else [p.number for p in pair.english.paragraphs]
        if outdated or pair.outside_paragraphs_changed() or "english" not in pair.record:
            counts["outdated"] += 1
            what = f"paragraph(s) {checks._ranges(outdated)}" if outdated else "text outside the numbered paragraphs"
            print(f"OUTDATED  {pair.welsh.rel()}: English changed since the translation was recorded: {what}")
        status = pair.status(reader) if pair.record.get("status") in translation.STATUSES else "draft"
        counts[status] += 1
        statuses = pair.paragraph_statuses()
        for n, s in statuses.items():
            if rank.index(s) > rank.index(by_number.get(n, "reviewed")):
                by_number[n] = s
            by_number.setdefault(n, s)
        per = ", ".join(f"{sum(1 for s in statuses.values() if s == kind)} {kind}" for kind in rank)
        print(f"{status.upper():9} {pair.welsh.rel()}: {len(pair.welsh.paragraphs)} paragraph(s)" + (f": {per}" if statuses else ""))
    # Each guidance paragraph once: on its chapter, not again where another page shows it (paragraphs_from).
    total = len({para.number for p in edition.pairs for para in p.english.paragraphs})
    in_welsh = len({para.number for p in edition.pairs if p.welsh for para in p.welsh.paragraphs})
    per = ", ".join(f"{sum(1 for s in by_number.values() if s == kind)} {kind}" for kind in rank)
    print(f"\n{len(edition.pairs)} page(s): {counts['missing']} missing, {counts['outdated']} outdated, "
          f"{counts['draft']} draft, {counts['reviewed']} reviewed; {in_welsh} of {total} numbered paragraphs in Welsh "
          f"({per}).")
    return 1 if counts["missing"] or counts["outdated"] else 0


def _pages(edition: translation.Edition, names: list[str]) -> list[translation.Pair] | str:
    """The pages named on the command line (docs/X.md, docs_cy/X.md or X.md), or a message."""
    if not names:
        return edition.pairs
    by_name = {p.english.path.resolve().relative_to(edition.docs.resolve()).as_posix(): p for p in edition.pairs}
    chosen = []
    for name in names:
        path = Path(name)
        rel_name = None
        for folder in (edition.docs, edition.docs_cy):
            try:
                rel_name = path.resolve().relative_to(folder.resolve()).as_posix()
                break
            except ValueError:
                continue
        rel_name = rel_name or path.as_posix().removeprefix("docs/").removeprefix("docs_cy/")
        if rel_name not in by_name:
            return f"{name} is not a page of {rel(edition.docs)}/ (name a page such as docs/chapter-3-safeguarding-procedures.md)."
        chosen.append(by_name[rel_name])
    return chosen


def _cmd_translations_export(args: argparse.Namespace) -> int:
    edition = translation.Edition.load(Path(args.docs), Path(args.docs_cy))
    pairs = _pages(edition, args.pages)
    if isinstance(pairs, str):
        print(pairs, file=sys.stderr)
        return 2
    only = "outdated" if args.outdated else "draft" if args.draft else None
    data, count = xliff.export(edition, translation.UnitReader(Path(args.docs), Path(args.docs_cy)), pairs, only)
    what = {"outdated": "whose English changed since the Welsh was recorded", "draft": "not reviewed yet", None: ""}[only]
    if not count:
        print(f"No units {what or 'to export'}: nothing written.")
        return 0
    Path(args.xliff).write_bytes(data)
    reader = translation.UnitReader(Path(args.docs), Path(args.docs_cy))
    for warning in xliff.leftovers(reader, xliff.files_of(pairs, reader)):
        print(warning)
    print(f"{args.xliff}: {count} unit(s){' ' + what if what else ''} from {len(pairs)} page(s), XLIFF 1.2, English (en) to Welsh (cy). "
          f"Send it to the translator; when it comes back, run `guidance translations import {args.xliff}`.")
    return 0


def _cmd_translations_import(args: argparse.Namespace) -> int:
    report, problems = xliff.import_file(Path(args.file), Path(args.docs), Path(args.docs_cy))
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s) in {args.file}: nothing was written. Fix each (or ask the translator "
              "to), then import again.", file=sys.stderr)
        return 1
    for line in report:
        print(line)
    if report:
        edition = translation.Edition.load(Path(args.docs), Path(args.docs_cy))
        reader = translation.UnitReader(Path(args.docs), Path(args.docs_cy))
        for warning in xliff.leftovers(reader, xliff.files_of(edition.pairs, reader)):
            print(warning)
    if not report:
        print(f"{args.file}: no Welsh changed and nothing signed off: nothing to write.")
    else:
        print("\nRun `guidance check`, then commit docs_cy/ with the translation.")
    return 0


def _cmd_links(args: argparse.Namespace) -> int:
    prefix = args.prefix or serve.prefix_of(os.environ.get("SITE_URL", "/"))
    problems, checked = links.check_site(Path(args.site), prefix, external=args.external)
    for problem in problems:
        print(problem)
    print(f"\n{checked} link(s) and anchor(s) checked, {len(problems)} problem(s).")
    return 1 if problems else 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    site = Path(args.site)
    prefix = args.prefix or serve.prefix_of(os.environ.get("SITE_URL", "/"))
    try:
        written = pdf.build(site, site / "downloads", prefix)
    except card.CardError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path, holds in written:
        print(f"{path} ({path.stat().st_size // 1024} KB): {holds}")
    return 0


def _cmd_screenshots(args: argparse.Namespace) -> int:
    prefix = args.prefix or serve.prefix_of(os.environ.get("SITE_URL", "/"))
    written = screenshots.take(Path(args.site), Path(args.out), prefix)
    print(f"\n{len(written)} screenshot(s) in {args.out}/")
    return 0


def _cmd_offline(args: argparse.Namespace) -> int:
    try:
        path = offline.build(Path(args.zip), Path(args.config).resolve())
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{path} ({path.stat().st_size // 1024} KB): unzip it and open index.html (Cymraeg: cy/index.html).")
    return 0


def _cmd_urls(args: argparse.Namespace) -> int:
    edition = translation.Edition.load(Path(args.docs), Path(args.docs_cy))
    record = Path(args.published_urls)
    pages = urls.pages(edition)
    redirected = urls.redirected(urls.redirects(Path(args.config)))
    recorded = {url for _, url in urls.read(record)}
    new = set(pages) - recorded
    if args.record:
        urls.write(recorded | new, record)
        for url in sorted(new, key=urls.sort_key):
            print(f"{record.name}: added {url} ({pages[url].rel()})")
        print(f"{len(new)} address(es) added; {len(recorded | new)} recorded. Commit {record.name} with the new page(s).")
        return 0
    gone = 0
    for url in sorted(set(pages) | recorded, key=urls.sort_key):
        if url in pages:
            print(f"{'PAGE' if url in recorded else 'NEW':9} {url} ({pages[url].rel()})")
        elif url in redirected:
            r = redirected[url]
            print(f"REDIRECT  {url} -> {r.new} (redirect_maps, {rel(Path(args.config))}:{r.line})")
        else:
            gone += 1
            print(f"GONE      {url}: published, but no page or redirect serves it")
    print(f"\n{len(pages)} page address(es), {len(new)} not recorded yet, {gone} gone without a redirect. "
          "`guidance check` says what to do about each.")
    return 1 if new or gone else 0


def _factors(value: str) -> list[int]:
    try:
        factors = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole numbers separated by commas, e.g. 5,10 (got {value!r})")
    if any(f < 1 for f in factors):
        raise argparse.ArgumentTypeError("scale factors are 1 or more")
    return factors


def _cmd_benchmark(args: argparse.Namespace) -> int:
    root = Path(args.project).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"{root} has no mkdocs.yml: run from the project folder or give --project.", file=sys.stderr)
        return 2
    sections = set(args.only or benchmark.SECTIONS) - set(args.skip or ())
    log = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    result = benchmark.run_benchmark(root, args.runs, args.scale, args.scale_runs, sections,
                                     args.browser, args.pdf, log)
    print(benchmark.format_report(result))
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWritten to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")

    p = sub.add_parser("check", help="run the content checks (paragraph numbers, footnotes, links, scripts, boxes, front matter, published addresses)")
    p.add_argument("--docs", default=str(DOCS), help="folder of Markdown pages to check (default: docs/)")
    p.add_argument("--docs-cy", default=str(DOCS_CY), help="folder of Welsh pages (default: docs_cy/)")
    p.add_argument("--bib", default=str(BIBLIOGRAPHY), help="bibliography file (default: bibliography.bib)")
    p.add_argument("--config", default=str(urls.MKDOCS_YML), help="site configuration, for its redirects (default: mkdocs.yml)")
    p.add_argument("--published-urls", default=str(urls.PUBLISHED_URLS),
                   help="record of the addresses published (default: published-urls.txt)")
    p.add_argument("--only", action="append", choices=sorted(checks.CHECKS), help="run only this check (repeatable)")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("lost-links", help="list links whose target was lost from the source document")
    p.add_argument("--docs", default=str(DOCS), help="folder of Markdown pages (default: docs/)")
    p.add_argument("--bib", default=str(BIBLIOGRAPHY), help="bibliography file (default: bibliography.bib)")
    p.set_defaults(func=_cmd_lost_links)

    p = sub.add_parser(
        "translations", help="report missing, outdated, draft and reviewed Welsh; --record, export and import for translators",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Without a command: list every Welsh page that is missing, outdated (its English changed since the
Welsh was recorded), draft or reviewed, with its numbered paragraphs counted the same way.

  --record FILE…   after updating a Welsh page by hand, record that it translates the current English
  export           write units to translate as XLIFF 1.2 (English source, current Welsh target) for a
                   translator's CAT tool (memoQ, Trados, Phrase …)
  import           check a translated XLIFF file and write its Welsh into docs_cy/, recording each
                   paragraph it brings up to date; units marked final/signed-off become reviewed

The editor's path when English changed: export the outdated units
  guidance translations export --outdated --xliff outdated.xlf
send the file to the translator, and import the file they return
  guidance translations import outdated.xlf
Publish once it is imported. Never --record Welsh that was not updated.""")
    p.add_argument("--docs", default=str(DOCS), help="folder of English pages (default: docs/)")
    p.add_argument("--docs-cy", default=str(DOCS_CY), help="folder of Welsh pages (default: docs_cy/)")
    p.add_argument("--record", nargs="+", metavar="FILE",
                   help="after updating these Welsh pages, record that they now translate the current English text")
    p.set_defaults(func=_cmd_translations)
    steps = p.add_subparsers(dest="step", metavar="{export,import}")
    e = steps.add_parser("export", help="write units to translate as XLIFF 1.2 for a CAT tool",
                         description="Write the pages' units (numbered paragraphs, headings, list items, boxes, notes) "
                                     "as XLIFF 1.2: English source, current Welsh target, one <trans-unit> each, with "
                                     "citations, note markers, links, emphasis and abbreviations as inline codes.")
    e.add_argument("pages", nargs="*", metavar="PAGE", help="pages to export (docs/X.md or docs_cy/X.md; default: all)")
    e.add_argument("--xliff", required=True, metavar="FILE", help="the XLIFF file to write (e.g. outdated.xlf)")
    only = e.add_mutually_exclusive_group()
    only.add_argument("--outdated", action="store_true", help="only units whose English changed since the Welsh was recorded")
    only.add_argument("--draft", action="store_true", help="only units no translator has reviewed yet (outdated ones too)")
    e.add_argument("--docs", default=argparse.SUPPRESS, help="folder of English pages (default: docs/)")
    e.add_argument("--docs-cy", default=argparse.SUPPRESS, help="folder of Welsh pages (default: docs_cy/)")
    e.set_defaults(func=_cmd_translations_export)
    i = steps.add_parser("import", help="check a translated XLIFF file, then write its Welsh into docs_cy/",
                         description="Check every unit of a translated XLIFF file against the current English and Welsh "
                                     "(ids, languages, inline codes, English unchanged since export); if any is wrong, say "
                                     "which and write nothing. Otherwise write the Welsh of the units whose target changed "
                                     "and update the translation record of each page that shows them, as --record does; "
                                     "units marked final or signed-off become reviewed.")
    i.add_argument("file", metavar="FILE", help="the XLIFF file the translator returned")
    i.add_argument("--docs", default=argparse.SUPPRESS, help="folder of English pages (default: docs/)")
    i.add_argument("--docs-cy", default=argparse.SUPPRESS, help="folder of Welsh pages (default: docs_cy/)")
    i.set_defaults(func=_cmd_translations_import)

    p = sub.add_parser("links", help="check every internal link and #anchor of a built site, served on 127.0.0.1")
    p.add_argument("site", help="the built site folder (mkdocs build --site-dir …)")
    p.add_argument("--prefix", help="path the site is published under (default: from $SITE_URL, else /)")
    p.add_argument("--external", action="store_true",
                   help="also check links that leave the site (needs the internet; the weekly workflow uses it)")
    p.set_defaults(func=_cmd_links)

    p = sub.add_parser("pdf", help="print the whole guidance and the one-page Prompt card to PDFs per language (Chromium), into SITE/downloads/")
    p.add_argument("site", help="the built site folder")
    p.add_argument("--prefix", help="path the site is published under (default: from $SITE_URL, else /)")
    p.set_defaults(func=_cmd_pdf)

    p = sub.add_parser("screenshots", help="PNGs of every page type, both languages, phone and desktop (Chromium)")
    p.add_argument("site", help="the built site folder")
    p.add_argument("--prefix", help="path the site is published under (default: from $SITE_URL, else /)")
    p.add_argument("--out", default=str(screenshots.OUT), help=f"folder to write them to (default: {screenshots.OUT})")
    p.set_defaults(func=_cmd_screenshots)

    p = sub.add_parser("offline", help="build the offline copy of the site (both languages, search from disk) into one zip")
    p.add_argument("zip", nargs="?", default=offline.FILENAME,
                   help=f"the zip to write; its folder inside is named after it (default: {offline.FILENAME})")
    p.add_argument("--config", default=str(urls.MKDOCS_YML), help="site configuration (default: mkdocs.yml)")
    p.set_defaults(func=_cmd_offline)

    p = sub.add_parser("urls", help="list every page address and whether published-urls.txt records it; --record to add new ones")
    p.add_argument("--docs", default=str(DOCS), help="folder of English pages (default: docs/)")
    p.add_argument("--docs-cy", default=str(DOCS_CY), help="folder of Welsh pages (default: docs_cy/)")
    p.add_argument("--config", default=str(urls.MKDOCS_YML), help="site configuration, for its redirects (default: mkdocs.yml)")
    p.add_argument("--published-urls", default=str(urls.PUBLISHED_URLS),
                   help="record of the addresses published (default: published-urls.txt)")
    p.add_argument("--record", action="store_true",
                   help="add the address of every page not recorded yet (never removes one)")
    p.set_defaults(func=_cmd_urls)

    p = sub.add_parser(
        "benchmark", help="measure build time, serve rebuild, page weight, Lighthouse Performance and search index "
                          "size against their targets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=f"""\
Measure what the site costs and compare each figure with its target (tracker issue 10).
Everything runs on a copy of the project in a temporary folder; the working tree is never edited.

  build   cold `mkdocs build --strict` (a new process, an empty folder), median wall time, as a
          ratio to the floor: a plain Material build of the same Markdown (docs/ and docs_cy/ in
          one tree) with no plugins and no hooks, run alternately with it.
          target: <= {benchmark.TARGET_BUILD_RATIO}x the floor
  serve   `mkdocs serve` (default options, live reload): seconds from saving one word in a
          numbered paragraph to the page served with it, in English and in Welsh.
          target: <= {benchmark.TARGET_SERVE_SECONDS} s
  pages   home, longest chapter, practice guide, References, both languages: HTML bytes, first
          view gzipped (HTML + CSS + JS + fonts) and every request, counted by Chromium with an
          empty cache when it is installed, else read from the HTML.
          target: longest chapter <= {benchmark.TARGET_FIRST_VIEW_KB} KB, 0 third-party requests
  lighthouse  the same pages: Lighthouse Performance score and Total Blocking Time (mobile,
          simulated throttling, served gzipped), beside the floor's same page; one run each,
          about 15 s a page (needs Node and `npm ci --prefix tests`).
          target: — (none yet)
  search  each language's search index: bytes, gzipped, against the visible text of its pages.
  scale   every page copied --scale times over (both languages, in the nav): build time and
          the CPU time of each added page.
          target: no worse than linear: a page added in the last step (5x to 10x) costs at most
          {round((benchmark.LINEAR_TOLERANCE - 1) * 100)}% more CPU time than one added in the first (1x to 5x)

Timings are medians of wall-clock time, with CPU time beside them: other work on the machine
inflates wall time, so close it for steadier figures. Progress goes to stderr, the report to stdout.
A full run takes a few minutes.""")
    p.add_argument("--runs", type=int, default=5, help="cold builds of each kind and serve edits per language (default: 5)")
    p.add_argument("--scale", type=_factors, default=[5, 10], metavar="K,K",
                   help="content multiples for the scale run, besides 1x (default: 5,10)")
    p.add_argument("--scale-runs", type=int, default=2, metavar="N", help="builds per scale factor (default: 2)")
    p.add_argument("--json", default=str(ROOT / "build" / "benchmark.json"), metavar="PATH",
                   help="where to write the report as JSON (default: build/benchmark.json in the project, "
                        "which git ignores)")
    p.add_argument("--project", default=str(ROOT), help="the project folder to measure (default: this checkout)")
    p.add_argument("--only", action="append", choices=benchmark.SECTIONS, help="measure only this part (repeatable)")
    p.add_argument("--skip", action="append", choices=benchmark.SECTIONS, help="leave this part out (repeatable)")
    browser = p.add_mutually_exclusive_group()
    browser.add_argument("--browser", dest="browser", action="store_true", default=None,
                         help="count page requests in Chromium (default: when /usr/bin/chromium and Playwright are there)")
    browser.add_argument("--no-browser", dest="browser", action="store_false",
                         help="count page requests from the HTML only")
    p.add_argument("--pdf", action="store_true", help="also time `guidance pdf` on the built site (no target)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr, only the report")
    p.set_defaults(func=_cmd_benchmark)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

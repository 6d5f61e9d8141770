"""guidance — one command for editors and CI.

  guidance check         run every content check; prints file:line: what is wrong and how to fix it
  guidance lost-links    list links whose address was lost from the source, for an editor to restore
  guidance translations  list Welsh pages and paragraphs that are missing, outdated or still draft;
                         --record FILE after updating a Welsh page
  guidance links SITE    check every internal link and #anchor of a built site (both languages)
  guidance pdf SITE      print the whole guidance to one PDF per language, into SITE/downloads/
  guidance offline ZIP   build the offline copy (both languages, search from disk) into one zip
  guidance urls          list every page address and whether published-urls.txt records it;
                         --record after adding a page

Run `guidance <command> --help` for the options of each command.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import checks, links, offline, pdf, reports, serve, translation, urls
from .content import DOCS, DOCS_CY, load_pages
from .references import BIBLIOGRAPHY


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
    counts = {"missing": 0, "outdated": 0, "draft": 0, "reviewed": 0}
    for pair in edition.pairs:
        if pair.welsh is None:
            counts["missing"] += 1
            print(f"MISSING   {pair.english.rel()}: no Welsh page ({len(pair.english.paragraphs)} paragraph(s))")
            continue
        status = pair.record.get("status", "no status")
        outdated = pair.outdated_paragraphs() if "english" in pair.record else [p.number for p in pair.english.paragraphs]
        if outdated or pair.outside_paragraphs_changed() or "english" not in pair.record:
            counts["outdated"] += 1
            what = f"paragraph(s) {checks._ranges(outdated)}" if outdated else "text outside the numbered paragraphs"
            print(f"OUTDATED  {pair.welsh.rel()}: English changed since the translation was recorded: {what}")
        counts[status if status in counts else "draft"] += 1
        print(f"{status.upper():9} {pair.welsh.rel()}: {len(pair.welsh.paragraphs)} paragraph(s)")
    # Each guidance paragraph once: on its chapter, not again where another page shows it (paragraphs_from).
    total = len({para.number for p in edition.pairs for para in p.english.paragraphs})
    in_welsh = len({para.number for p in edition.pairs if p.welsh for para in p.welsh.paragraphs})
    print(f"\n{len(edition.pairs)} page(s): {counts['missing']} missing, {counts['outdated']} outdated, "
          f"{counts['draft']} draft, {counts['reviewed']} reviewed; {in_welsh} of {total} numbered paragraphs in Welsh.")
    return 1 if counts["missing"] or counts["outdated"] else 0


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
    for path in pdf.build(site, site / "downloads", prefix):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
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
            print(f"REDIRECT  {url} -> {r.new} (redirect_maps, {checks._rel(Path(args.config))}:{r.line})")
        else:
            gone += 1
            print(f"GONE      {url}: published, but no page or redirect serves it")
    print(f"\n{len(pages)} page address(es), {len(new)} not recorded yet, {gone} gone without a redirect. "
          "`guidance check` says what to do about each.")
    return 1 if new or gone else 0


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

    p = sub.add_parser("translations", help="report missing, outdated and draft Welsh pages; --record to refresh a page's record")
    p.add_argument("--docs", default=str(DOCS), help="folder of English pages (default: docs/)")
    p.add_argument("--docs-cy", default=str(DOCS_CY), help="folder of Welsh pages (default: docs_cy/)")
    p.add_argument("--record", nargs="+", metavar="FILE",
                   help="after updating these Welsh pages, record that they now translate the current English text")
    p.set_defaults(func=_cmd_translations)

    p = sub.add_parser("links", help="check every internal link and #anchor of a built site, served on 127.0.0.1")
    p.add_argument("site", help="the built site folder (mkdocs build --site-dir …)")
    p.add_argument("--prefix", help="path the site is published under (default: from $SITE_URL, else /)")
    p.add_argument("--external", action="store_true",
                   help="also check links that leave the site (needs the internet; the weekly workflow uses it)")
    p.set_defaults(func=_cmd_links)

    p = sub.add_parser("pdf", help="print the whole guidance to a PDF per language (Chromium), into SITE/downloads/")
    p.add_argument("site", help="the built site folder")
    p.add_argument("--prefix", help="path the site is published under (default: from $SITE_URL, else /)")
    p.set_defaults(func=_cmd_pdf)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

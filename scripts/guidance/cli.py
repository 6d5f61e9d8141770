"""guidance — one command for editors and CI.

  guidance check         run every content check; prints file:line: what is wrong and how to fix it
  guidance lost-links    list links whose address was lost from the source, for an editor to restore

Run `guidance <command> --help` for the options of each command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import checks, reports
from .content import DOCS, load_pages
from .references import BIBLIOGRAPHY


def _cmd_check(args: argparse.Namespace) -> int:
    content = checks.Content.load(Path(args.docs), Path(args.bib))
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidance", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")

    p = sub.add_parser("check", help="run the content checks (paragraph numbers, footnotes, links, scripts, boxes, front matter)")
    p.add_argument("--docs", default=str(DOCS), help="folder of Markdown pages to check (default: docs/)")
    p.add_argument("--bib", default=str(BIBLIOGRAPHY), help="bibliography file (default: bibliography.bib)")
    p.add_argument("--only", action="append", choices=sorted(checks.CHECKS), help="run only this check (repeatable)")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("lost-links", help="list links whose target was lost from the source document")
    p.add_argument("--docs", default=str(DOCS), help="folder of Markdown pages (default: docs/)")
    p.add_argument("--bib", default=str(BIBLIOGRAPHY), help="bibliography file (default: bibliography.bib)")
    p.set_defaults(func=_cmd_lost_links)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""The `guidance` command: content checks, translation and site tools for editors and CI.

Its documentation is its help text, written once below in the argparse parsers: `guidance --help`
lists the commands, `guidance COMMAND --help` explains one. Each command works on one Project
(guidance.project): the folder --root names, or the one holding the current folder.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from guidance import benchmark
from guidance import checks
from guidance.checks import reports
from guidance.checks import urls
from guidance.content import translation
from guidance.content import xliff
from guidance.content.model import load_pages, rel
from guidance.project import Project, ProjectError
from guidance.site import build as site_build
from guidance.site import card
from guidance.site import links
from guidance.site import offline
from guidance.site import pdf
from guidance.site import screenshots
from guidance.site import serve


def _project(args: argparse.Namespace) -> Project:
    """The project a command works on: --root, else the one holding the current folder."""
    return Project.at(Path(args.root)) if getattr(args, "root", None) else Project.find()


def _site(args: argparse.Namespace) -> Path:
    """The built site a command reads: SITE, else the project's site_dir (where `guidance build` writes it)."""
    return Path(args.site) if args.site else _project(args).site_dir


def _prefix(args: argparse.Namespace) -> str:
    return args.prefix or serve.prefix_of(os.environ.get("SITE_URL", "/"))


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (core/src/command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value (file=, title=): also ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _repository_root(folder: Path) -> Path | None:
    """The git checkout holding folder (where `.git` is: a folder, or a file in a worktree), or None."""
    return next((d for d in (folder, *folder.parents) if (d / ".git").exists()), None)


def github_annotation(problem: checks.Problem, project: Project) -> str:
    """A problem as a GitHub Actions workflow command, which GitHub shows on the line of the pull
    request's diff: `::error file=PATH,line=N,title=CHECK::message`, PATH from the repository root."""
    path = (project.root / problem.file).resolve()
    base = _repository_root(project.root) or project.root
    try:
        file = path.relative_to(base).as_posix()
    except ValueError:
        file = problem.file
    properties = {"file": file, "line": str(problem.line), "title": problem.check or "guidance check"}
    if problem.line < 1:
        del properties["line"]
    return ("::error " + ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
            + "::" + _escape_data(problem.message))


def _cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    content = checks.Content.of(project)
    problems = checks.run_checks(content, args.only)
    for problem in problems:
        print(github_annotation(problem, project) if args.format == "github" else problem)
    if problems:
        print(f"\n{len(problems)} problem(s) found. Fix each line above, then run `guidance check` again.", file=sys.stderr)
        return 1
    print(f"All checks passed ({', '.join(args.only or checks.CHECKS)}) on {len(content.pages)} page(s).")
    return 0


def _cmd_lost_links(args: argparse.Namespace) -> int:
    project = _project(args)
    rows = reports.lost_links(load_pages(project.docs), project.bibliography)
    for row in rows:
        print(row)
    print(f"\n{len(rows)} link(s) lost from the source. Once an address is confirmed, restore it: in a page, replace "
          "'text<!-- lost-link -->' with '[text](https://the-address)'; in bibliography.bib, replace "
          "'lostlink = {true}' with 'url = {https://the-address}'.")
    return 0


def _cmd_translations(args: argparse.Namespace) -> int:
    project = _project(args)
    if args.record:
        for name in args.record:
            rec = translation.record(_in_project(project, name), project.docs, project.docs_cy)
            print(f"{name}: recorded {len(rec['paragraphs'])} paragraph(s) of the English text; status {rec['status']}.")
        return 0
    edition = translation.Edition.load(project.docs, project.docs_cy)
    reader = translation.UnitReader(project.docs, project.docs_cy)
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


def _in_project(project: Project, name: str) -> Path:
    """A file named on the command line: as given when it is there (from the current folder), else in
    the project folder, as messages name files (`guidance translations --record docs_cy/X.md`)."""
    path = Path(name)
    return path if path.is_absolute() or path.exists() else project.root / path


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
    project = _project(args)
    edition = translation.Edition.load(project.docs, project.docs_cy)
    pairs = _pages(edition, args.pages)
    if isinstance(pairs, str):
        print(pairs, file=sys.stderr)
        return 2
    only = "outdated" if args.outdated else "draft" if args.draft else None
    data, count = xliff.export(edition, translation.UnitReader(project.docs, project.docs_cy), pairs, only)
    what = {"outdated": "whose English changed since the Welsh was recorded", "draft": "not reviewed yet", None: ""}[only]
    if not count:
        print(f"No units {what or 'to export'}: nothing written.")
        return 0
    Path(args.xliff).write_bytes(data)
    reader = translation.UnitReader(project.docs, project.docs_cy)
    for warning in xliff.leftovers(reader, xliff.files_of(pairs, reader)):
        print(warning)
    print(f"{args.xliff}: {count} unit(s){' ' + what if what else ''} from {len(pairs)} page(s), XLIFF 1.2, English (en) to Welsh (cy). "
          f"Send it to the translator; when it comes back, run `guidance translations import {args.xliff}`.")
    return 0


def _cmd_translations_import(args: argparse.Namespace) -> int:
    project = _project(args)
    report, problems = xliff.import_file(Path(args.file), project.docs, project.docs_cy)
    if problems:
        for problem in problems:
            print(problem)
        print(f"\n{len(problems)} problem(s) in {args.file}: nothing was written. Fix each (or ask the translator "
              "to), then import again.", file=sys.stderr)
        return 1
    for line in report:
        print(line)
    if report:
        edition = translation.Edition.load(project.docs, project.docs_cy)
        reader = translation.UnitReader(project.docs, project.docs_cy)
        for warning in xliff.leftovers(reader, xliff.files_of(edition.pairs, reader)):
            print(warning)
    if not report:
        print(f"{args.file}: no Welsh changed and nothing signed off: nothing to write.")
    else:
        print("\nRun `guidance check`, then commit docs_cy/ with the translation.")
    return 0


def _cmd_links(args: argparse.Namespace) -> int:
    problems, checked = links.check_site(_site(args), _project(args).welsh_root.lstrip("/"), _prefix(args), external=args.external)
    for problem in problems:
        print(problem)
    print(f"\n{checked} link(s) and anchor(s) checked, {len(problems)} problem(s).")
    return 1 if problems else 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    site = _site(args)
    try:
        written = pdf.build(site, site / site_build.DOWNLOADS, _project(args), _prefix(args))
    except card.CardError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path, holds in written:
        print(f"{path} ({path.stat().st_size // 1024} KB): {holds}")
    return 0


def _cmd_screenshots(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else _project(args).build_dir / "screenshots"
    written = screenshots.take(_site(args), out, _project(args).roots, _prefix(args))
    print(f"\n{len(written)} screenshot(s) in {out}/")
    return 0


def _cmd_offline(args: argparse.Namespace) -> int:
    try:
        project = _project(args)
        path = offline.build(Path(args.zip) if args.zip else project.root / offline.FILENAME, project.config)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{path} ({path.stat().st_size // 1024} KB): unzip it and open index.html (Cymraeg: cy/index.html).")
    return 0


def _cmd_urls(args: argparse.Namespace) -> int:
    project = _project(args)
    edition = translation.Edition.load(project.docs, project.docs_cy)
    record = project.published_urls
    pages = urls.pages(edition, project.welsh_root)
    redirected = urls.redirected(urls.redirects(project.config), project.welsh_root)
    recorded = {url for _, url in urls.read(record)}
    new = set(pages) - recorded
    if args.record:
        urls.write(recorded | new, record, project.welsh_root)
        for url in sorted(new, key=lambda url: urls.sort_key(url, project.welsh_root)):
            print(f"{record.name}: added {url} ({pages[url].rel()})")
        print(f"{len(new)} address(es) added; {len(recorded | new)} recorded. Commit {record.name} with the new page(s).")
        return 0
    gone = 0
    for url in sorted(set(pages) | recorded, key=lambda url: urls.sort_key(url, project.welsh_root)):
        if url in pages:
            print(f"{'PAGE' if url in recorded else 'NEW':9} {url} ({pages[url].rel()})")
        elif url in redirected:
            r = redirected[url]
            print(f"REDIRECT  {url} -> {r.new} (redirect_maps, {rel(project.config)}:{r.line})")
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


def _cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        site_build.build(project, Path(args.site_dir) if args.site_dir else project.site_dir,
                         downloads=not args.no_downloads)
    except site_build.BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    project = _project(args)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project.config)]
    if args.dev_addr:
        command += ["--dev-addr", args.dev_addr]
    process = subprocess.Popen(command, cwd=project.root, env=site_build.environment())
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            # Ctrl-C in a terminal reaches mkdocs too, which shuts its server down: wait for that. An
            # interrupt sent to this process alone is passed on.
            try:
                return process.wait(timeout=5)
            except (KeyboardInterrupt, subprocess.TimeoutExpired):
                process.send_signal(signal.SIGINT)


def _cmd_benchmark(args: argparse.Namespace) -> int:
    project = _project(args)
    root = project.root
    sections = set(args.only or benchmark.SECTIONS) - set(args.skip or ())
    log = (lambda line: None) if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    result = benchmark.run_benchmark(root, args.runs, args.scale, args.scale_runs, sections,
                                     args.browser, args.pdf, log)
    print(benchmark.format_report(result))
    out = Path(args.json) if args.json else project.build_dir / "benchmark.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWritten to {out}")
    return 0


ROOT_HELP = ("the project folder, the one with mkdocs.yml (default: the current folder's project: the "
             "nearest folder upwards with a mkdocs.yml)")
PREFIX_HELP = "path the site is published under (default: from $SITE_URL, else /)"
SITE_HELP = "the built site folder (default: the project's site_dir, where `guidance build` writes it)"


def _root_option(nested: bool = False) -> argparse.ArgumentParser:
    """--root, for every command. A nested command (translations export) leaves it unset unless given,
    so `guidance translations --root DIR export …` keeps DIR."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--root", metavar="DIR", help=ROOT_HELP, **({"default": argparse.SUPPRESS} if nested else {}))
    return options


def _command(sub, name: str, help: str, description: str | None = None, nested: bool = False,
             **kwargs) -> argparse.ArgumentParser:
    """One command: `help` is its line in `guidance --help`, `description` what `guidance NAME --help`
    says first (default: the same line)."""
    description = description or help[0].upper() + help[1:] + "."
    laid_out = "\n" in description  # written with its own line breaks (lists, examples): keep them
    return sub.add_parser(name, help=help, description=description, parents=[_root_option(nested)],
                          formatter_class=argparse.RawDescriptionHelpFormatter if laid_out else argparse.HelpFormatter,
                          **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidance", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="One command for editors and CI: the content checks, the Welsh translation workflow, and "
                    "building,\nserving and checking the site.",
        epilog="""\
Every command works on one project: the folder `--root DIR` names, or by default the project you
are in (the nearest folder upwards with a mkdocs.yml). Its pages, bibliography, word list and
configuration are that project's own, so a copy checks and builds from its own files; file names
in messages are relative to its folder.

Before a pull request: `guidance check`. To see the site: `guidance serve`, or `guidance build`
then `guidance screenshots`. `guidance COMMAND --help` explains a command and its options.""")
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")

    p = _command(sub, "check", help="run every content check; print file:line: what is wrong and how to fix it",
                 description="""\
Run the content checks on the project's pages (both languages), bibliography, site configuration
and record of published addresses: paragraph numbers, footnotes, links, scripts, boxes, front
matter, citations, the Welsh edition (pages, structure, translation record, terminology, spelling),
published addresses and resources from other sites. Each problem is one line, file:line: what is
wrong and what to do; the exit status is 1 when there is any.""")
    p.add_argument("--only", action="append", choices=sorted(checks.CHECKS), metavar="CHECK",
                   help=f"run only this check (repeatable): {', '.join(sorted(checks.CHECKS))}")
    p.add_argument("--format", choices=["text", "github"], default="text",
                   help="text: file:line: message (default); github: one GitHub Actions workflow command a "
                        "problem, `::error file=PATH,line=N,title=CHECK::message` with PATH from the repository "
                        "root, which a pull request shows on the line it is about")
    p.set_defaults(func=_cmd_check)

    p = _command(sub, "lost-links", help="list links whose address was lost from the source, for an editor to restore")
    p.set_defaults(func=_cmd_lost_links)

    p = _command(
        sub, "translations", help="list Welsh pages and paragraphs that are missing, outdated, draft or reviewed; "
                                  "--record, export and import for translators",
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
    p.add_argument("--record", nargs="+", metavar="FILE",
                   help="after updating these Welsh pages, record that they now translate the current English text")
    p.set_defaults(func=_cmd_translations)
    steps = p.add_subparsers(dest="step", metavar="{export,import}")
    e = _command(steps, "export", nested=True, help="write units to translate as XLIFF 1.2 for a CAT tool",
                 description="Write the pages' units (numbered paragraphs, headings, list items, boxes, notes) "
                             "as XLIFF 1.2: English source, current Welsh target, one <trans-unit> each, with "
                             "citations, note markers, links, emphasis and abbreviations as inline codes.")
    e.add_argument("pages", nargs="*", metavar="PAGE", help="pages to export (docs/X.md or docs_cy/X.md; default: all)")
    e.add_argument("--xliff", required=True, metavar="FILE", help="the XLIFF file to write (e.g. outdated.xlf)")
    only = e.add_mutually_exclusive_group()
    only.add_argument("--outdated", action="store_true", help="only units whose English changed since the Welsh was recorded")
    only.add_argument("--draft", action="store_true", help="only units no translator has reviewed yet (outdated ones too)")
    e.set_defaults(func=_cmd_translations_export)
    i = _command(steps, "import", nested=True, help="check a translated XLIFF file, then write its Welsh into docs_cy/",
                 description="Check every unit of a translated XLIFF file against the current English and Welsh "
                             "(ids, languages, inline codes, English unchanged since export); if any is wrong, say "
                             "which and write nothing. Otherwise write the Welsh of the units whose target changed "
                             "and update the translation record of each page that shows them, as --record does; "
                             "units marked final or signed-off become reviewed.")
    i.add_argument("file", metavar="FILE", help="the XLIFF file the translator returned")
    i.set_defaults(func=_cmd_translations_import)

    p = _command(sub, "urls", help="list every page address and whether published-urls.txt records it; "
                                   "--record after adding a page")
    p.add_argument("--record", action="store_true",
                   help="add the address of every page not recorded yet (never removes one)")
    p.set_defaults(func=_cmd_urls)

    p = _command(sub, "build", help="build the site as it is published: mkdocs build --strict, then its PDFs and "
                                    "offline copy",
                 description="""\
Build the project's site as it is published, into --site-dir:

  1. `mkdocs build --strict`: any warning fails; content mistakes are printed as file:line
  2. the PDFs the home page offers, into SITE/downloads/ (as `guidance pdf`)
  3. the offline copy, into SITE/downloads/ (as `guidance offline`)
  4. each dated edition's downloads (editions.yml), into SITE/editions/DATE/: this build's when the
     edition's text is the text built, else those built from its commit before (build/editions/),
     else a build of its commit by its own code and recipe (about a minute, once)

$SITE_URL is where the site is published (default: mkdocs.yml's local address); the PDFs are
printed from a local server under its path. `bash scripts/dev.sh build`, the deploy workflow and the
test suite build with this same recipe (guidance.site.build).""")
    p.add_argument("--site-dir", metavar="DIR", help="where to write the site (default: mkdocs.yml's site_dir, site/)")
    p.add_argument("--no-downloads", action="store_true", help="only `mkdocs build --strict`: no PDFs, no offline copy, no editions' downloads")
    p.set_defaults(func=_cmd_build)

    p = _command(sub, "serve", help="preview the site at http://127.0.0.1:8000/, rebuilt on every save (mkdocs serve)")
    p.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)")
    p.set_defaults(func=_cmd_serve)

    p = _command(sub, "links", help="check every internal link and #anchor of a built site (both languages), "
                                    "served on 127.0.0.1")
    p.add_argument("site", nargs="?", metavar="SITE", help=SITE_HELP)
    p.add_argument("--prefix", help=PREFIX_HELP)
    p.add_argument("--external", action="store_true",
                   help="also check links that leave the site (needs the internet; the weekly workflow uses it)")
    p.set_defaults(func=_cmd_links)

    p = _command(sub, "pdf", help="print the whole guidance and the one-page Prompt card, each a PDF per language "
                                  "(Chromium), into SITE/downloads/")
    p.add_argument("site", nargs="?", metavar="SITE", help=SITE_HELP)
    p.add_argument("--prefix", help=PREFIX_HELP)
    p.set_defaults(func=_cmd_pdf)

    p = _command(sub, "screenshots", help="PNGs of every page type, both languages, phone and desktop (Chromium), "
                                          "to look at a change before it is merged")
    p.add_argument("site", nargs="?", metavar="SITE", help=SITE_HELP)
    p.add_argument("--prefix", help=PREFIX_HELP)
    p.add_argument("--out", metavar="DIR", help="folder to write them to (default: build/screenshots/ in the project)")
    p.set_defaults(func=_cmd_screenshots)

    p = _command(sub, "offline", help="build the offline copy of the site (both languages, search from disk) into "
                                      "one zip")
    p.add_argument("zip", nargs="?", metavar="ZIP",
                   help=f"the zip to write; its folder inside is named after it (default: {offline.FILENAME} in the "
                        "project folder)")
    p.set_defaults(func=_cmd_offline)

    p = _command(
        sub, "benchmark", help="measure build time, serve rebuild, page weight, Lighthouse Performance and search index "
                               "size against their targets",
        description=f"""\
Measure what the site of the project (--root) costs and compare each figure with its target
(tracker issue 10). Everything runs on a copy of the project in a temporary folder; the project
itself is never edited.

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
          {benchmark.LIGHTHOUSE_RUNS} of the longest chapter, ours and the floor's alternately (medians),
          about 15 s a run (needs Node and `npm ci --prefix tests`).
          target: longest chapter, each language: Performance >= {benchmark.TARGET_LIGHTHOUSE_SCORE},
          Total Blocking Time <= {benchmark.TARGET_TBT_RATIO}x the floor's
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
    p.add_argument("--json", metavar="PATH",
                   help="where to write the report as JSON (default: build/benchmark.json in the project, "
                        "which git ignores)")
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
    try:
        return args.func(args)
    except ProjectError as exc:
        print(f"guidance {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

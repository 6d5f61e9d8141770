"""Internal link and anchor check of a built site with linkchecker, in words an editor can act on.

The English and Welsh halves of the site are checked by two linkchecker processes side by side (the
anchor check is CPU-bound), each recursing only into its own language; links across languages are
still checked, anchors included.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

from guidance.site.serve import serve

RCFILE = Path(__file__).with_name("linkcheckerrc")


def _run(start: str, nofollow: str, external: bool) -> subprocess.Popen:
    extra = ["--check-extern"] if external else []
    return subprocess.Popen([sys.executable, "-m", "guidance.site.linkchecker_runner", "-f", str(RCFILE), "--no-status", "-v", "-o", "csv",
                             *extra, "--no-follow-url", nofollow, start],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _rows(process: subprocess.Popen) -> list[dict]:
    out, err = process.communicate(timeout=900)
    # linkchecker's own comments start "# "; a row for a link within its page starts "#anchor"
    rows = list(csv.DictReader(io.StringIO("\n".join(l for l in out.splitlines() if not l.startswith("# "))), delimiter=";"))
    if process.returncode not in (0, 1) or not rows:
        raise RuntimeError(f"linkchecker failed (exit {process.returncode}):\n{out}\n{err}")
    return rows


def check_site(site: Path, welsh_root: str, prefix: str = "/", external: bool = False) -> tuple[list[str], int]:
    """The site's two halves, the default language's and the one under WELSH_ROOT ("cy/"), are crawled side by side.
    Problems as 'page (line): the link to … is broken: …' lines, and the number of URLs checked.
    With external=True the links leaving the site are checked too (needs the internet)."""
    with serve(site, prefix) as base:
        english = _run(base, "^" + re.escape(base + welsh_root), external)
        welsh = _run(base + welsh_root, "^" + re.escape(base) + "(?!" + re.escape(welsh_root) + ")", external)
        rows = _rows(english) + _rows(welsh)
    problems = []
    for row in rows:
        if row["valid"] == "True" and not row["warningstring"]:
            continue
        # a page's links are gathered from the first of its URLs checked, which may carry an #anchor
        page = row["parentname"].split("#")[0].replace(base, prefix) or "(start page)"
        what = row["result"] if row["valid"] != "True" else row["warningstring"]
        problems.append(f"{page} (line {row['line']}): the link to '{row['urlname']}' is broken: {' '.join(what.split())}. "
                        "Fix the link in the Markdown page this was built from (docs/ or docs_cy/).")
    return sorted(set(problems)), len({row["url"] for row in rows})

"""Lighthouse on a list of pages, from Python: runs tests/lighthouse/audit.mjs (one Chromium for all).

The test suite (tests/test_lighthouse.py) and the benchmark (`guidance benchmark --only lighthouse`)
share it. Lighthouse comes from tests/node_modules (pinned in tests/package-lock.json), Node from the
system.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

from guidance.site.chromium import CHROMIUM

#: The audit script and the Lighthouse it runs belong to the tools, the checkout this package is
#: installed from (not to the project being audited, which may be a copy without node_modules).
TESTS = Path(__file__).resolve().parents[3] / "tests"
AUDIT_SCRIPT = TESTS / "lighthouse" / "audit.mjs"
#: Seconds per page at most: about 10-20 s each on a 2-CPU machine, more when it is busy.
SECONDS_PER_PAGE = 90


class LighthouseUnavailable(RuntimeError):
    """Chromium, Node or the Lighthouse package is missing."""


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not CHROMIUM.exists():  # audit.mjs launches this one
        return "Chromium is missing: sudo apt-get install chromium (bash scripts/dev.sh test does)"
    if shutil.which("node") is None:
        return "Node.js is missing: sudo apt-get install nodejs npm (bash scripts/dev.sh test does)"
    if not (TESTS / "node_modules" / "lighthouse" / "package.json").exists():
        return "tests/node_modules/lighthouse is missing: run npm ci --prefix tests; bash scripts/dev.sh test does"
    return None


def audit(urls: list[str]) -> dict:
    """{lighthouse, chromium, pages: [{url, scores, failing, total_blocking_time_ms, runtime_error}]}
    for the URLs, in order (see audit.mjs)."""
    if reason := missing():
        raise LighthouseUnavailable(reason)
    process = subprocess.Popen(["node", str(AUDIT_SCRIPT), *urls], cwd=TESTS, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(timeout=SECONDS_PER_PAGE * len(urls))
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)  # chrome-launcher closes its Chromium on SIGINT; a kill would leave it
        out, err = process.communicate()
        raise RuntimeError(f"Lighthouse took more than {SECONDS_PER_PAGE} s a page:\n{err[-3000:]}") from None
    if process.returncode != 0:
        raise RuntimeError(f"node {AUDIT_SCRIPT.relative_to(TESTS.parent)} failed ({process.returncode}):\n{err[-3000:]}")
    return json.loads(out)

"""`mkdocs build` and `mkdocs serve` against the mistakes that used to end in a Python traceback.

An editor previewing with `mkdocs serve` must be told file:line what to fix, in the words of
`guidance check` (the guidance plugin runs the same functions: guidance.plugin.errors), and the preview must
keep answering. Each test copies the project to a temporary folder and breaks one thing. A broken
build stops in on_config, before any page is built, so these builds take about a second.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

import helpers
from helpers import BIN, edit, line_of, run

pytestmark = pytest.mark.build

INTRO = "docs/introduction.md"
CH3 = "docs/chapter-3-safeguarding-procedures.md"
#: What the build prints after the messages.
FIX_LINE = "problem(s) above stop the site from building. Fix each line (file:line says where), save, and the site builds again."
#: A .bib entry without its closing brace.
BROKEN_ENTRY = "\n@book{Broken2020entry,\n  title = {No closing brace},\n  year = {2020}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """What `mkdocs build` reads (the guidance package comes from this environment)."""
    return helpers.copy_project(tmp_path / "project", "mkdocs.yml", "bibliography.bib", "published-urls.txt",
                                "docs", "docs_cy", "overrides")


def build_fails_with(project: Path, message: str, check: str) -> None:
    """`mkdocs build --strict` exits 1 with MESSAGE (file:line: …) and the line saying to fix it, no
    traceback; every message it prints is word for word what `guidance check --only CHECK` says."""
    result = run("mkdocs", "build", "--strict", "--site-dir", str(project.parent / "site"), cwd=project)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out, out
    errors = [re.sub(r"^ERROR\s+-\s+", "", line) for line in out.splitlines() if line.startswith("ERROR")]
    assert message in errors, out
    assert errors[-1] == f"{len(errors) - 1} {FIX_LINE}", out
    assert "Aborted with a BuildError!" in out
    with contextlib.chdir(project):  # file names as the build gives them: from the project's folder
        _, checked = helpers.check(check, root=project)
    assert set(errors[:-1]) <= set(checked.splitlines()), checked


def test_unknown_citation_key(project):
    edit(project / INTRO, "[@DepartmentOfHealth2000safeguarding]", "[@NoSuchWork2000]")
    build_fails_with(project, f"{INTRO}:{line_of(project / INTRO, '@NoSuchWork2000')}: [@NoSuchWork2000] cites a work that "
                              "is not in bibliography.bib. Check the spelling of the key, or add the entry to bibliography.bib.",
                     "citations")


def test_bibliography_syntax_error(project):
    bib = project / "bibliography.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + BROKEN_ENTRY, encoding="utf-8")
    end = len(bib.read_text(encoding="utf-8").split("\n"))  # pybtex meets the end of the file still inside the entry
    build_fails_with(project, f"bibliography.bib:{end}: the bibliography cannot be read: syntax error in line {end}: premature "
                              "end of file. Check the braces and commas of the entry around this line.", "bibliography")


def test_duplicate_bibliography_key(project):
    bib = project / "bibliography.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@book{Hallett2017making,\n  title = {Again},\n  year = {2017}\n}\n", encoding="utf-8")
    build_fails_with(project, f"bibliography.bib:{len(text.split(chr(10))) + 1}: the key 'Hallett2017making' is used twice "
                              f"(also line {line_of(bib, '{Hallett2017making,')}). Merge the two entries or give one a new "
                              "key, and update the [@key] citations.", "bibliography")


def test_missing_include(project):
    edit(project / CH3, 'includes/safeguarding-procedure/reaching-18.md"', 'includes/safeguarding-procedure/reaching-eighteen.md"')
    build_fails_with(project, f"{CH3}:{line_of(project / CH3, 'reaching-eighteen')}: '--8<-- \"includes/safeguarding-procedure/"
                              "reaching-eighteen.md\"' names docs/includes/safeguarding-procedure/reaching-eighteen.md, which "
                              "does not exist. Shared passages live in includes/ of the page's language folder (docs/includes/, "
                              "docs_cy/includes/).", "includes")


def test_markdown_file_not_utf8(project):
    """A Welsh page saved as Windows-1252 after pasting from Word: its curly apostrophe is byte 0x92."""
    path = project / "docs_cy/introduction.md"
    text = path.read_text(encoding="utf-8").split("\n")
    line = next(no for no, l in enumerate(text, 1) if re.match(r"\d+\. ", l))
    data = [l.encode("utf-8") for l in text]
    data[line - 1] += " y plentyn\u2019n".encode("cp1252")
    path.write_bytes(b"\n".join(data))
    build_fails_with(project, f"docs_cy/introduction.md:{line}: this file is not saved as UTF-8 (the byte(s) 0x92 on this line "
                              "cannot be read; text pasted from Word or saved as 'Western' or 'ANSI' does this, often with "
                              "quotes, dashes or Welsh accents). Save the file as UTF-8 in your editor (in VS Code: 'Save with "
                              "Encoding' > 'UTF-8') and check the characters on this line.", "encoding")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(what: str, condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}"
        time.sleep(0.2)


def _get(url: str) -> str:
    """The page, or an error: it must answer within 10 s (a stuck server would not). Without the
    live-reload script serve adds to each page (it names the build and the request)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    site, injected = page.rsplit("<script>", 1)
    assert "livereload(" in injected
    return site


def test_serve_keeps_the_last_good_site_and_picks_up_the_fix(project):
    port = _free_port()
    log_file = project.parent / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("SITE_URL", None)  # served from the root
    url = f"http://127.0.0.1:{port}/introduction/"
    bib, intro = project / "bibliography.bib", project / INTRO
    good_bib = bib.read_text(encoding="utf-8")
    with open(log_file, "w") as log:
        # Ctrl+C reaches it even when this run ignores it (a shell's background job, some CI runners)
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--verbose", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                                  env=env, stdout=log, stderr=subprocess.STDOUT,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    log = lambda: log_file.read_text(encoding="utf-8", errors="replace")  # noqa: E731
    try:
        _wait_for("the first build", lambda: "Serving on" in log(), 120)
        before = _get(url)
        assert "Secretary of State" in before
        # static-i18n runs on_config once per language: the Welsh pass reuses the English pass's check.
        assert log().count("Content checks: 0 problem(s)") == 1 and log().count("Content checks: unchanged") == 1, log()

        bib.write_text(good_bib + BROKEN_ENTRY, encoding="utf-8")
        end = len(bib.read_text(encoding="utf-8").split("\n"))
        message = f"bibliography.bib:{end}: the bibliography cannot be read: syntax error in line {end}"
        _wait_for("the message in serve's log", lambda: "The preview still shows the last good build" in log(), 60)
        assert message in log()
        assert _get(url) == before  # the last good page, answered at once
        edit(intro, "the Secretary of State.", "the Secretary of State (edited while the .bib was broken).")
        _wait_for("the rebuild after the page edit", lambda: log().count("The preview still shows the last good build") == 2, 60)
        assert "edited while the .bib was broken" not in _get(url)

        bib.write_text(good_bib, encoding="utf-8")  # the fix
        _wait_for("the fixed site", lambda: "edited while the .bib was broken" in _get(url), 60)
        out = log()
        assert "Traceback" not in out and "appear stuck" not in out, out
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: mkdocs removes its temporary site folder
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_unknown_marker(project):
    path = project / "docs/local-practice-neath-port-talbot.md"
    edit(path, "<!-- chart: meetings-per-year -->", "<!-- chrat: meetings-per-year -->")
    line = line_of(path, "<!-- chrat:")
    build_fails_with(project, f"docs/local-practice-neath-port-talbot.md:{line}: unknown marker <!-- chrat: meetings-per-year -->. "
                              "The markers are <!-- chart: NAME -->, <!-- flow: NAME -->, <!-- references-list -->, "
                              "<!-- changes -->, <!-- paragraph-history -->; "
                              "fix the spelling.", "markers")

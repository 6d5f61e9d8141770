"""Serve rebuild: from saving one word to `mkdocs serve` answering with it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from guidance.content.model import PARAGRAPH_RE, load_pages
from guidance.project import Project
from .project import mkdocs_command, mkdocs_env
from .settings import POLL_INTERVAL, SERVE_EDIT_TIMEOUT, SERVE_START_TIMEOUT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@contextlib.contextmanager
def running_serve(project: Path, port: int, log_file: Path) -> Iterator[subprocess.Popen]:
    """`mkdocs serve` with its default options, in its own process group, stopped at the end."""
    with log_file.open("w") as out:
        process = subprocess.Popen(mkdocs_command("serve", "-a", f"127.0.0.1:{port}"), cwd=project,
                                   env=mkdocs_env(project), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until(condition: Callable[[], bool], timeout: float, process: subprocess.Popen | None = None) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(POLL_INTERVAL)
    return False


def append_to_first_paragraph(path: Path, word: str) -> None:
    """Add a word at the end of the first line of the page's first numbered paragraph."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if PARAGRAPH_RE.match(line):
            lines[i] = line.rstrip() + " " + word
            break
    else:
        raise ValueError(f"{path} has no numbered paragraph")
    path.write_text("\n".join(lines), encoding="utf-8")


def time_edit(path: Path, url: str, word: str, process: subprocess.Popen) -> float:
    """Seconds from writing the word into the file to the page served with it."""
    start = time.perf_counter()
    append_to_first_paragraph(path, word)
    if not wait_until(lambda: word in (fetch(url) or ""), SERVE_EDIT_TIMEOUT, process):
        raise RuntimeError(f"mkdocs serve did not serve the edit of {path.name} at {url} within {SERVE_EDIT_TIMEOUT} s")
    return time.perf_counter() - start


def longest_chapter(docs: Path) -> Path:
    """The largest page that holds numbered paragraphs (front matter `paragraphs:`)."""
    chapters = [page.path for page in load_pages(docs) if "paragraphs" in page.meta]
    return max(chapters, key=lambda p: p.stat().st_size)


def measure_serve_rebuild(project: Path, edits: int, log: Callable[[str], None]) -> dict:
    """Live-preview turnaround in English and in Welsh: median of several one-word edits."""
    chapter = longest_chapter(project / "docs")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    sources = Project.at(project)
    files = {lang: (sources.sources(lang) / chapter.name, base + root + chapter.stem + "/")
             for lang, root in sources.roots.items()}
    log_file = project / "serve.log"
    results: dict = {"chapter": chapter.name, "watcher": "mkdocs serve's options as they are; the guidance plugin "
                     "polls files every 0.1 s (MkDocs: 0.5 s), MkDocs waits 0.1 s for more changes, then "
                     "rebuilds both languages, from memory where nothing changed (guidance.plugin.preview)"}
    with running_serve(project, port, log_file) as process:
        start = time.perf_counter()
        if not wait_until(lambda: fetch(base, timeout=5) is not None, SERVE_START_TIMEOUT, process):
            raise RuntimeError(f"mkdocs serve did not start:\n{log_file.read_text()[-3000:]}")
        results["first_build_s"] = round(time.perf_counter() - start, 2)
        for lang, (path, url) in files.items():
            if not path.exists():
                results[lang] = {"error": f"{path.relative_to(project)} not present"}
                continue
            times = []
            for n in range(edits):
                time.sleep(1.0)  # let the watcher settle, so each edit is one rebuild
                times.append(time_edit(path, url, f"benchmarkedit{lang}{n}x{os.getpid()}", process))
                log(f"  serve rebuild {lang} {n + 1}/{edits}: {times[-1]:.2f} s")
            results[lang] = {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}
    return results

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess:
    """Run a project command (mkdocs, guidance, ...) from this environment; capture its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    exe = BIN / args[0]
    return subprocess.run([str(exe) if exe.exists() else args[0], *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test run with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    result = run("mkdocs", "build", "--strict", "--site-dir", str(out))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


class Pages:
    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, BeautifulSoup] = {}

    def __call__(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its site path, e.g. 'chapter-3-safeguarding-procedures/'."""
        if url_path not in self._cache:
            file = self.root / url_path / "index.html" if not url_path.endswith(".html") else self.root / url_path
            self._cache[url_path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self._cache[url_path]


@pytest.fixture(scope="session")
def page(site: Path) -> Pages:
    return Pages(site)

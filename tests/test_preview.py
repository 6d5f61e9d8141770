"""The live preview's memory (guidance.plugin.preview): a rebuild of `mkdocs serve` takes from the
builds before it what an edit did not change, and must make the very site a build from scratch makes.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import helpers

#: Builds as `mkdocs serve` does, in one process (the plugins kept from one build to the next, their
#: on_startup called once, with command "serve"): `python -c SCRIPT SITE...` builds into each SITE in
#: turn, applying before each the edits listed under its name in edits.json.
SCRIPT = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

edits = json.loads(Path("edits.json").read_text(encoding="utf-8"))
for n, site in enumerate(sys.argv[1:]):
    for path, old, new in edits.get(site, []):
        text = Path(path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config("mkdocs.yml", site_dir=site)
    if n == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=None)
"""

#: One edit of each kind of input a remembered result depends on: a chapter's Markdown in each
#: language, a fragment included in a chapter and in the practice guide, a work in the .bib, an
#: abbreviation (search keywords, hover text on every page).
EDITS = [
    ("docs/chapter-1-understanding-cse.md", "\n24. ", "\n24. Previewed. "),
    ("docs/includes/safeguarding-procedure/proportionate-response.md", "\n158. ", "\n158. Previewed. "),
    ("docs_cy/chapter-2-preventing-cse.md", "\n58. ", "\n58. Rhagolwg. "),
    ("docs/includes/abbreviations.md", "*[CSE]: ", "*[CSE]: Previewed "),
    ("bibliography.bib", "{Safeguarding Children Involved in Prostitution}", "{Previewed Safeguarding Children Involved in Prostitution}"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A clone of the project's history, so the edits are amendments too (marks, What's changed,
    Paragraph history: made from the history, which the memory keeps)."""
    subprocess.run(["git", "clone", "-q", str(helpers.ROOT), str(tmp_path / "project")], check=True)
    return tmp_path / "project"


def _build(project: Path, *sites: str, edits: dict | None = None) -> None:
    (project / "edits.json").write_text(json.dumps(edits or {}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SCRIPT, *sites], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


def _differences(a: Path, b: Path) -> list[str]:
    comparison = filecmp.dircmp(a, b)
    found = [f"only in one: {name}" for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    found += [f"differs: {(a / name).relative_to(a.parents[0])}" for name in mismatch + errors]
    for sub in comparison.common_dirs:
        found += _differences(a / sub, b / sub)
    return found


@pytest.mark.build
def test_a_rebuild_after_edits_makes_the_site_a_fresh_build_makes(project):
    for path, old, _ in EDITS:
        assert old in (project / path).read_text(encoding="utf-8"), path
    # a preview: the first build, the edits, the rebuild from memory
    _build(project, "before", "rebuilt", edits={"rebuilt": EDITS})
    # a new process, the same edited files
    _build(project, "fresh")
    rebuilt, fresh = project / "rebuilt", project / "fresh"
    for page in ("chapter-1-understanding-cse", "chapter-3-safeguarding-procedures", "practice-guide/safeguarding-procedure"):
        assert "Previewed." in (rebuilt / page / "index.html").read_text(encoding="utf-8"), page
    assert "Rhagolwg." in (rebuilt / "cy/chapter-2-preventing-cse/index.html").read_text(encoding="utf-8")
    assert "Previewed Safeguarding" in (rebuilt / "references/index.html").read_text(encoding="utf-8")
    assert "Amended" in (rebuilt / "chapter-1-understanding-cse/index.html").read_text(encoding="utf-8")
    assert _differences(rebuilt, fresh) == []
    # and the rebuild did change what the edits change (the memory did not hand back the old pages)
    assert _differences(project / "before", rebuilt)


@pytest.mark.unit
def test_a_page_whose_markdown_warned_is_rendered_again_and_warns_again(caplog):
    from guidance.plugin.preview import PreviewMemory

    memory = PreviewMemory()
    memory._pass, memory._snippet_bases, memory._appended = "pass", [], []
    renders = []

    def render(config, files):
        renders.append(1)
        logging.getLogger("mkdocs.structure.pages").warning("a link to a missing page")
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = "<p>x</p>", [], None, set()

    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md", url="a/"), markdown="x", render=render)
    memory.remember_render(page)
    with caplog.at_level(logging.WARNING):
        page.render(None, None)
        page.render(None, None)
    assert len(renders) == 2
    assert [r.getMessage() for r in caplog.records] == ["a link to a missing page"] * 2


@pytest.mark.unit
def test_a_page_is_rendered_again_when_a_fragment_it_includes_changes(tmp_path):
    from guidance.plugin.preview import PreviewMemory

    (tmp_path / "includes").mkdir()
    fragment = tmp_path / "includes" / "shared.md"
    fragment.write_text("Shared.", encoding="utf-8")
    memory = PreviewMemory()
    memory._pass, memory._snippet_bases, memory._appended = "pass", [tmp_path], []
    renders = []

    def render(config, files):
        renders.append(1)
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = "<p>x</p>", [], None, set()

    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md", url="a/"), markdown='--8<-- "includes/shared.md"',
                           render=render)
    memory.remember_render(page)
    page.render(None, None)
    page.render(None, None)
    assert len(renders) == 1  # the same Markdown and fragment: from memory
    fragment.write_text("Shared, and changed.", encoding="utf-8")
    page.render(None, None)
    assert len(renders) == 2


@pytest.mark.unit
def test_what_a_complete_build_did_not_use_is_forgotten_when_the_next_starts():
    from guidance.plugin.preview import PreviewMemory

    memory, made = PreviewMemory(), []

    def remember(name: str) -> str:
        return memory.remember("test", (name,), lambda: made.append(name) or name)

    memory.build_starts()
    remember("old"), remember("kept")
    memory.build_ends()
    memory.build_starts()  # the build after the edit: "old" is no longer needed
    remember("kept"), remember("new")
    memory.build_ends()
    memory.build_starts()  # a build a content error stops: it uses nothing, forgets nothing
    memory.build_starts()
    remember("kept"), remember("new"), remember("old")
    assert made == ["old", "kept", "new", "old"]

"""Each dated edition's downloads in the site (scripts/guidance/site/editions.py): where they come from,
on tiny git projects, and that the real site offers them from What's changed in both languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guidance.project import Project
from guidance.site import editions

#: A project folder editions.py can read: two languages, pages, a bibliography, a record of editions.
MKDOCS_YML = """site_name: Tiny
plugins:
  - i18n:
      languages:
        - {locale: en, default: true, name: English}
        - {locale: cy, name: Cymraeg}
  - bibtex: {bib_file: bibliography.bib}
  - guidance: {docs_dirs: {cy: docs_cy}}
"""

#: Stands in for a commit's own `guidance build --site-dir DIR` (its scripts/guidance/cli.py): writes
#: one download saying which commit's text it was made from and whether it was told it is an
#: edition's own build.
FAKE_BUILD = """import os, pathlib, sys
site = pathlib.Path(sys.argv[sys.argv.index("--site-dir") + 1]) / "downloads"
site.mkdir(parents=True, exist_ok=True)
text = pathlib.Path("docs/index.md").read_text(encoding="utf-8")
(site / "guidance.pdf").write_text(text + " edition-build=" + os.environ.get("GUIDANCE_BUILDING_EDITION", "no"))
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def tiny(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    for path, text in {"mkdocs.yml": MKDOCS_YML, "bibliography.bib": "", "docs/index.md": "first text",
                       "docs_cy/index.md": "testun cyntaf", "scripts/guidance/__init__.py": "",
                       "scripts/guidance/cli.py": FAKE_BUILD}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first")
    record(root, git(root, "rev-parse", "--short", "HEAD"))
    return Project.at(root)


def record(root: Path, commit: str) -> None:
    (root / "editions.yml").write_text(f'editions:\n  - date: 2026-12-01\n    commit: "{commit}"\n'
                                       "    summary: {en: First., cy: Cyntaf.}\n", encoding="utf-8")


def kinds(project: Project) -> list[str]:
    return [source.kind for source in editions.sources(project)]


@pytest.mark.unit
def test_an_edition_whose_text_is_the_working_trees_takes_this_builds_downloads(tmp_path):
    project = tiny(tmp_path)
    assert kinds(project) == ["current"]
    (project.root / "README.md").write_text("not part of the text", encoding="utf-8")
    assert kinds(project) == ["current"], "a file outside the pages and the bibliography is not the edition's text"


@pytest.mark.unit
@pytest.mark.parametrize("change", ["edit a page", "add a page", "edit the bibliography"])
def test_any_change_to_the_text_since_the_edition_means_the_edition_is_built_from_its_commit(tmp_path, change):
    project = tiny(tmp_path)
    target, text = {"edit a page": ("docs_cy/index.md", "testun newydd"), "add a page": ("docs/new.md", "new"),
                    "edit the bibliography": ("bibliography.bib", "@book{A2020a, title={A}}")}[change]
    (project.root / target).write_text(text, encoding="utf-8")
    assert kinds(project) == ["build"]


@pytest.mark.unit
def test_an_edition_is_built_by_its_own_commits_recipe_once_then_taken_from_the_cache(tmp_path):
    project = tiny(tmp_path)
    (project.root / "docs/index.md").write_text("second text", encoding="utf-8")
    site, downloads = tmp_path / "site", tmp_path / "site" / "downloads"
    downloads.mkdir(parents=True)
    (downloads / "guidance.pdf").write_text("this build's", encoding="utf-8")

    written = editions.publish(project, site, downloads, log=lambda line: None)

    assert written == [site / "editions" / "2026-12-01"]
    assert (site / "editions/2026-12-01/guidance.pdf").read_text().split() == ["first", "text", "edition-build=1"], \
        "the edition is the text of its commit, built by its own code as an edition (so it makes no editions itself)"
    assert git(project.root, "worktree", "list").count("\n") == 0, "the edition's worktree is removed"
    assert kinds(project) == ["cache"]
    cached = editions.cache_of(project, editions.sources(project)[0].edition) / "guidance.pdf"
    cached.write_text("from the cache", encoding="utf-8")  # so a second build shows where its file came from
    editions.publish(project, site, downloads, log=lambda line: None)
    assert (site / "editions/2026-12-01/guidance.pdf").read_text() == "from the cache"


@pytest.mark.unit
def test_an_edition_built_now_takes_this_builds_downloads(tmp_path):
    project = tiny(tmp_path)
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "guidance.pdf").write_text("this build's", encoding="utf-8")
    editions.publish(project, site, site / "downloads", log=lambda line: None)
    assert (site / "editions/2026-12-01/guidance.pdf").read_text() == "this build's"


@pytest.mark.unit
def test_an_edition_whose_commit_is_missing_is_a_message_naming_the_record(tmp_path):
    project = tiny(tmp_path)
    record(project.root, "0000000")
    with pytest.raises(editions.EditionError, match=r"editions.yml: commit 0000000 is not in this copy's git history"):
        editions.publish(project, tmp_path / "site", tmp_path / "site" / "downloads", log=lambda line: None)


@pytest.mark.unit
def test_an_unquoted_commit_is_a_message_not_a_lost_commit(tmp_path):
    project = tiny(tmp_path)
    (project.root / "editions.yml").write_text("editions:\n  - {date: 2026-12-01, commit: 1234567}\n", encoding="utf-8")
    with pytest.raises(editions.EditionError, match=r'editions.yml: the commit of the edition of 2026-12-01 must be in quotes'):
        editions.sources(project)


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_whats_changed_offers_each_editions_downloads_and_the_site_has_them(site, lang):
    root = "cy/" if lang == "cy" else ""
    page = BeautifulSoup((site / root / "changes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    box = page.select_one("#edition-2026-12-01 ~ .edition-downloads")
    assert box is not None, "the first edition's heading is followed by its downloads"
    links = box.select("a[download]")
    names = [a["href"].rsplit("/", 1)[-1] for a in links]
    assert names == [name for name, _, _ in editions.files([lang, "en" if lang == "cy" else "cy"])]
    for a in links:
        target = (site / root / "changes" / a["href"]).resolve()
        assert target.is_file() and target.stat().st_size > 0, a["href"]
        assert target.read_bytes() == (site / "downloads" / target.name).read_bytes(), \
            "the text has not changed since the first edition, so its files are this build's"
    other = [a for a in links if a.get("hreflang") not in (lang, None)]
    assert other and all(a["lang"] == a["hreflang"] for a in other), "a file in the other language is named in it"

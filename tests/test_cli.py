"""The `guidance` command line itself: one project root for every command, its help as its only
documentation, `check --format github` for pull-request annotations, `build` failing with messages."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import pytest

from helpers import OFFLINE_ZIP, ROOT, copy_project, edit, line_of, run
from guidance import cli
from guidance.checks import Problem
from guidance.project import Project

CH3 = "chapter-3-safeguarding-procedures.md"


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every command and nested command (translations export) by its name."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[prefix + name] = sub
                found.update(commands(sub, prefix + name + " "))
    return found


@pytest.mark.unit
def test_every_command_is_documented_once_in_its_help_and_takes_root():
    parser = cli.build_parser()
    overview = parser.format_help()
    everything = commands(parser)
    assert {"check", "build", "serve", "translations export", "benchmark"} <= set(everything)
    for name, sub in everything.items():
        assert sub.description, name
        assert "--root DIR" in sub.format_help(), name
        if " " not in name:
            assert f"    {name}" in overview, name
    # the module docstring points to the help; it no longer repeats the list of commands
    assert not [name for name in everything if f"guidance {name} " in cli.__doc__]


@pytest.mark.unit
def test_a_copy_is_checked_from_its_own_folder_or_with_root(tmp_path):
    project = copy_project(tmp_path / "copy")
    edit(project / "docs" / CH3, "title: ", "titel: ")
    in_the_copy = run("guidance", "check", "--only", "front-matter", cwd=project / "docs" / "includes")
    with_root = run("guidance", "check", "--only", "front-matter", "--root", str(project), cwd=tmp_path)
    for result in (in_the_copy, with_root):
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"docs/{CH3}:1: the front matter has no 'title:'" in result.stdout


@pytest.mark.unit
def test_outside_a_project_the_command_says_what_to_do(tmp_path):
    result = run("guidance", "urls", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"no mkdocs.yml in {tmp_path.resolve()} or any folder above it" in result.stderr
    assert "give --root DIR" in result.stderr


@pytest.mark.unit
def test_project_paths_come_from_its_mkdocs_yml(tmp_path):
    project = copy_project(tmp_path)
    edit(project / "mkdocs.yml", "docs_dir: docs\n", "docs_dir: english\nsite_dir: public\n")
    edit(project / "mkdocs.yml", "bib_file: bibliography.bib", "bib_file: works.bib")
    found = Project.find(project / "docs_cy")
    assert (found.root, found.docs, found.bibliography, found.site_dir) == (
        project.resolve(), project.resolve() / "english", project.resolve() / "works.bib", project.resolve() / "public")
    assert found.spelling_wordlist == project.resolve() / "docs_cy" / "spelling-wordlist.txt"


@pytest.mark.unit
def test_github_format_escapes_as_the_workflow_commands_need():
    problem = Problem("docs/a,b:c.md", 3, "100% sure: one,\ntwo\r", check="front-matter")
    root = Path("/nowhere")
    project = Project(root=root, config=root / "mkdocs.yml", docs=root / "docs", docs_cy=root / "docs_cy",
                      bibliography=root / "bibliography.bib", roots={"en": "", "cy": "cy/"})
    assert cli.github_annotation(problem, project) == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,title=front-matter::100%25 sure: one,%0Atwo%0D")


@pytest.mark.unit
def test_github_format_annotates_the_line_with_its_path_from_the_repository_root(tmp_path):
    """A project in a folder of a repository: the annotation names the file as the pull request does."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    project = copy_project(tmp_path / "site-src")
    path = project / "docs" / CH3
    edit(path, "\n144. ", "\n143. ")
    result = run("guidance", "check", "--root", str(project), "--only", "paragraph-numbers", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"::error file=site-src/docs/{CH3},line=") for line in lines), result.stdout
    first, second = [n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text.startswith("143. ")]
    # ':' is escaped in the properties only; the message keeps the project's file:line as text
    assert (f"::error file=site-src/docs/{CH3},line={second},title=paragraph-numbers::paragraph 143 appears twice "
            f"(also at docs/{CH3}:{first}).") in result.stdout
    assert "problem(s) found" in result.stderr


@pytest.mark.build
def test_build_stops_at_a_content_error_with_its_message_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project", "mkdocs.yml", "bibliography.bib", "published-urls.txt", "docs",
                                                  "docs_cy", "overrides")
    page = project / "docs" / "introduction.md"
    edit(page, "[@DepartmentOfHealth2000safeguarding]", "[@NoSuchWork2000]")
    result = run("guidance", "build", "--root", str(project), "--site-dir", str(tmp_path / "site"), "--no-downloads",
                 timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert f"docs/introduction.md:{line_of(page, '@NoSuchWork2000')}: [@NoSuchWork2000] cites a work that is not in" in out
    assert "mkdocs build --strict failed" in out
    assert not (tmp_path / "site" / "downloads").exists()


@pytest.mark.browser
def test_the_site_builds_while_the_session_drives_a_browser(browser, site):
    """The site fixture calls guidance.site.build.build() after Playwright's sync API already runs in
    this process (browser first): the recipe prints its PDFs in a process of its own."""
    assert {p.name for p in (site / "downloads").iterdir()} == {
        "practitioners-prompt-en.pdf", "practitioners-prompt-cy.pdf", "safeguarding-children-from-cse-en.pdf",
        "safeguarding-children-from-cse-cy.pdf", OFFLINE_ZIP}


@pytest.mark.build
@pytest.mark.parametrize("command", ["build", "serve"])
def test_dev_sh_builds_and_serves_with_the_same_commands(command):
    script = (ROOT / "scripts" / "dev.sh").read_text(encoding="utf-8")
    assert f'exec "$VENV/bin/guidance" {command} "${{@:2}}"' in script

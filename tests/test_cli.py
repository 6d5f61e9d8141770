"""The `guidance` command line itself: one project root for every command, its help as its only
documentation."""

from __future__ import annotations

import argparse

from conftest import copy_content, edit, run
from guidance import cli
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


def test_every_command_is_documented_once_in_its_help_and_takes_root():
    parser = cli.build_parser()
    overview = parser.format_help()
    everything = commands(parser)
    assert {"check", "translations export", "benchmark"} <= set(everything)
    for name, sub in everything.items():
        assert sub.description, name
        assert "--root DIR" in sub.format_help(), name
        if " " not in name:
            assert f"    {name}" in overview, name
    # the module docstring points to the help; it no longer repeats the list of commands
    assert not [name for name in everything if f"guidance {name} " in cli.__doc__]


def test_a_copy_is_checked_from_its_own_folder_or_with_root(tmp_path):
    project = copy_content(tmp_path / "copy")
    edit(project / "docs" / CH3, "title: ", "titel: ")
    in_the_copy = run("guidance", "check", "--only", "front-matter", cwd=project / "docs" / "includes")
    with_root = run("guidance", "check", "--only", "front-matter", "--root", str(project), cwd=tmp_path)
    for result in (in_the_copy, with_root):
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"docs/{CH3}:1: the front matter has no 'title:'" in result.stdout


def test_outside_a_project_the_command_says_what_to_do(tmp_path):
    result = run("guidance", "urls", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"no mkdocs.yml in {tmp_path.resolve()} or any folder above it" in result.stderr
    assert "give --root DIR" in result.stderr


def test_project_paths_come_from_its_mkdocs_yml(tmp_path):
    project = copy_content(tmp_path)
    edit(project / "mkdocs.yml", "docs_dir: docs\n", "docs_dir: english\nsite_dir: public\n")
    edit(project / "mkdocs.yml", "bib_file: bibliography.bib", "bib_file: works.bib")
    found = Project.find(project / "docs_cy")
    assert (found.root, found.docs, found.bibliography, found.site_dir) == (
        project.resolve(), project.resolve() / "english", project.resolve() / "works.bib", project.resolve() / "public")
    assert found.spelling_wordlist == project.resolve() / "docs_cy" / "spelling-wordlist.txt"

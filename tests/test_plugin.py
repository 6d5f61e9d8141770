"""The `guidance` MkDocs plugin on tiny projects: where it must be listed, its options, its features.

Each test writes a project of two or three pages in each language (no theme overrides, no git) and
builds it with `mkdocs build --strict`, as timvink's git-revision-date-localized plugin is tested;
the real site is tested by the other files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run

BIB = """@book{Hallett2017making,
  author = {Hallett, Sophie},
  title = {Making sense of child sexual exploitation},
  publisher = {Policy Press},
  address = {Bristol},
  year = {2017}
}
"""
CHAPTER = """---
title: Chapter 1 – Understanding
paragraphs: 1-2
---

# Chapter 1 – Understanding

## What it is

1. Child sexual exploitation (CSE) is a form of abuse [@Hallett2017making].

2. Practitioners should be alert to the signs.
"""
CHAPTER_CY = """---
title: Pennod 1 – Deall
paragraphs: 1-2
translation:
  status: draft
---

# Pennod 1 – Deall

## Beth ydyw

1. Math o gam-drin yw camfanteisio'n rhywiol ar blant (CRhB) [@Hallett2017making].

2. Dylai ymarferwyr fod yn effro i'r arwyddion.
"""


def config(plugins: list | None = None, guidance: dict | None = None) -> dict:
    return {
        "site_name": "Tiny", "site_url": "http://127.0.0.1/tiny/", "docs_dir": "docs", "strict": True,
        "theme": {"name": "material", "language": "en"},
        "plugins": plugins or ["search", {"i18n": {"docs_structure": "suffix", "fallback_to_default": False,
                                                   "reconfigure_search": False, "languages": [
                                                       {"locale": "en", "default": True, "name": "English", "build": True},
                                                       {"locale": "cy", "name": "Cymraeg", "build": True}]}},
                               {"bibtex": {"bib_file": "bibliography.bib", "enable_inline_citations": False}},
                               {"guidance": guidance or {}}],
        "markdown_extensions": ["abbr", "attr_list", "md_in_html", {"footnotes": {"USE_DEFINITION_ORDER": False}},
                                "pymdownx.snippets", "guidance.content.markdown_paragraphs",
                                "guidance.content.markdown_footnote_order"],
    }


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    project = tmp_path / "tiny"
    for folder, index, chapter in (("docs", "# Home\n\nThe guidance.\n", CHAPTER),
                                   ("docs_cy", "---\ntranslation:\n  status: draft\n---\n\n# Hafan\n\nY canllawiau.\n", CHAPTER_CY)):
        (project / folder / "includes").mkdir(parents=True)
        (project / folder / "index.md").write_text(index, encoding="utf-8")
        (project / folder / "chapter-1.md").write_text(chapter, encoding="utf-8")
    (project / "docs/includes/abbreviations.md").write_text("*[CSE]: Child sexual exploitation\n", encoding="utf-8")
    (project / "docs_cy/includes/abbreviations.md").write_text(
        "*[CRhB]: Camfanteisio'n Rhywiol ar Blant\n*[CSE]: Camfanteisio'n Rhywiol ar Blant\n", encoding="utf-8")
    (project / "bibliography.bib").write_text(BIB, encoding="utf-8")
    write_config(project, config())
    return project


def write_config(project: Path, data: dict) -> None:
    (project / "mkdocs.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build(project: Path):
    result = run("mkdocs", "build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    return result, result.stdout + result.stderr


def index(project: Path, root: str = "") -> list[dict]:
    return json.loads((project / "site" / root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.build
def test_a_tiny_project_builds_both_languages(tiny):
    result, out = build(tiny)
    assert result.returncode == 0, out
    english = (tiny / "site/chapter-1/index.html").read_text(encoding="utf-8")
    welsh = (tiny / "site/cy/chapter-1/index.html").read_text(encoding="utf-8")
    # numbered paragraphs, labelled in the page's language; citations in our style, per language
    assert 'id="para-1"' in english and 'id="para-1"' in welsh
    assert "Hallett, Sophie (2017) <em>Making sense of child sexual exploitation</em>. Bristol: Policy Press." in english, english
    # each language searches its own index, paragraph by paragraph, with abbreviations as keywords
    en_locations = {e["location"]: e for e in index(tiny)}
    cy_locations = {e["location"]: e for e in index(tiny, "cy")}
    assert "chapter-1/#para-1" in en_locations and "chapter-1/#para-1" in cy_locations
    assert ", para 1" in en_locations["chapter-1/#para-1"]["title"]  # "Chapter 1, para 1 – …"
    assert ", paragraff 1" in cy_locations["chapter-1/#para-1"]["title"]
    assert "CSE" in cy_locations["chapter-1/#para-1"].get("keywords", "").split()  # CRhB <-> CSE
    assert not any("Beth ydyw" in e["title"] for e in en_locations.values())
    # every page carries its Content-Security-Policy, first in <head>
    assert re.search(r"<head>\s*<meta http-equiv=\"Content-Security-Policy\"", english)


@pytest.mark.build
def test_the_plugin_options_are_used(tiny):
    write_config(tiny, config(guidance={"search": {"page_entry_boost": 0.5}}))
    result, out = build(tiny)
    assert result.returncode == 0, out
    assert {e["location"]: e for e in index(tiny)}["chapter-1/"]["boost"] == 0.5


@pytest.mark.build
def test_listed_before_i18n_is_a_configuration_error(tiny):
    plugins = config()["plugins"]
    write_config(tiny, config(plugins=[plugins[0], plugins[3], plugins[1], plugins[2]]))
    result, out = build(tiny)
    assert result.returncode == 1
    assert "In mkdocs.yml, list the 'guidance' plugin after 'i18n'" in out, out
    assert "Traceback" not in out, out


@pytest.mark.build
def test_without_i18n_is_a_configuration_error(tiny):
    plugins = config()["plugins"]
    write_config(tiny, config(plugins=[plugins[0], plugins[2], plugins[3]]))
    result, out = build(tiny)
    assert result.returncode == 1
    assert "The 'guidance' plugin needs the 'i18n' plugin" in out, out
    assert "Traceback" not in out, out


@pytest.mark.build
def test_a_language_without_a_folder_is_a_configuration_error(tiny):
    write_config(tiny, config(guidance={"docs_dirs": {}}))
    result, out = build(tiny)
    assert result.returncode == 1
    assert "docs_dirs" in out and "'cy'" in out, out
    assert "Traceback" not in out, out


@pytest.mark.unit
def test_mkdocs_yml_lists_the_plugin_and_no_hooks():
    data = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in data["plugins"]]
    assert "guidance" in names and names.index("guidance") > names.index("i18n")
    assert len(data.get("hooks") or []) <= 2


@pytest.mark.unit
def test_no_event_priority_outside_the_plugin_package():
    plugin = ROOT / "scripts" / "guidance" / "plugin"
    offenders = [p.relative_to(ROOT).as_posix() for folder in ("scripts", "overrides", "tests")
                 for p in (ROOT / folder).rglob("*.py")
                 if "event_priority" in p.read_text(encoding="utf-8") and plugin not in p.parents and p != Path(__file__)]
    assert offenders == []


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.mark.unit
def test_the_welsh_root_is_defined_once_in_mkdocs_yml():
    """Code reads each language's root from the i18n plugin's `languages:` (guidance.languages,
    Project.roots); no module spells out "cy/" or "/cy/" itself."""
    offenders = [f"{p.relative_to(ROOT)}:{no}" for p in (ROOT / "scripts" / "guidance").rglob("*.py")
                 for no, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.search(r"""["']/?cy/["']""", line.split("#")[0]) and not line.lstrip().startswith(("#", '"""'))]
    assert offenders == []


@pytest.mark.unit
@pytest.mark.parametrize("boost,lift", [(0.1, "10"), (0.25, "4")])
def test_the_query_script_undoes_reference_boost_with_the_configured_value(tmp_path, boost, lift):
    from types import SimpleNamespace

    from guidance.plugin.search import QUERY_SCRIPT, Search

    script = tmp_path / QUERY_SCRIPT
    script.parent.mkdir(parents=True)
    script.write_text((ROOT / "overrides" / QUERY_SCRIPT).read_text(encoding="utf-8"), encoding="utf-8")
    Search(SimpleNamespace(reference_boost=boost))._write_citation_lift(tmp_path)
    assert re.findall(r"var CITATION_LIFT = ([^;]*);", script.read_text(encoding="utf-8")) == [lift]


@pytest.mark.unit
def test_a_query_script_without_the_lift_line_stops_the_build_with_a_message(tmp_path):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from guidance.plugin.search import QUERY_SCRIPT, Search

    script = tmp_path / QUERY_SCRIPT
    script.parent.mkdir(parents=True)
    script.write_text("(function () {})();", encoding="utf-8")
    with pytest.raises(PluginError, match="no line `var CITATION_LIFT"):
        Search(SimpleNamespace(reference_boost=0.1))._write_citation_lift(tmp_path)

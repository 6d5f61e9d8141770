"""The strings files (scripts/guidance/strings/<lang>.yml): every language has every key, of the
right kind, with the same placeholders; and what the build is given from them today matches mkdocs.yml.

The checks read the files themselves (not the module's cached copy), and report each problem with
the file and the key, so an editor knows what to fix. The last tests break a copy on purpose, so a
check that could never fail would be noticed.
"""

from __future__ import annotations

import datetime
import string
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from guidance import strings

pytestmark = pytest.mark.unit

FOLDER = Path(strings.__file__).parent
FILES = {lang: FOLDER / f"{lang}.yml" for lang in strings.LANGUAGES}

#: What each top-level key holds: a string, a mapping of strings, or a list of 12 strings.
SHAPE = {"site_name": str, "site_description": str, "copyright": str, "nav": dict, "months": list,
         "references": dict, "ui": dict}
#: Strings that may be empty: an English page notes that the Welsh is a draft translation; a Welsh
#: page has no such note to make about the English.
MAY_BE_EMPTY = {"ui.other_language_note"}


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key written twice in one mapping (PyYAML would keep the last silently)."""


def _unique_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"key written twice: {key}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def read(path: Path) -> dict:
    """A strings file; an error names the file and line (a key written twice, a YAML mistake)."""
    with path.open(encoding="utf-8") as fd:
        return yaml.load(fd, Loader=_UniqueKeyLoader)


def keys(data: dict, prefix: str = "") -> set[str]:
    """Every key as a dotted path (ui.exit_label, nav.Home); lists count as one value."""
    found = set()
    for key, value in data.items():
        found.add(prefix + str(key))
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
    return found


def values(data: dict, prefix: str = ""):
    """(dotted key, string) for every string, those in lists numbered: months.1 … months.12."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from values(value, f"{prefix}{key}.")
        elif isinstance(value, list):
            yield from ((f"{prefix}{key}.{n}", item) for n, item in enumerate(value, start=1))
        else:
            yield prefix + str(key), value


# The checks: each returns its problems, one sentence apiece (none: all is well).

def missing_keys(files: dict[str, dict]) -> list[str]:
    every = {name: keys(data) for name, data in files.items()}
    problems = []
    for name, found in every.items():
        for key in sorted(set().union(*every.values()) - found):
            where = ", ".join(other for other, theirs in every.items() if key in theirs)
            problems.append(f"{name} has no {key} (which {where} has)")
    return problems


def wrong_values(name: str, data: dict) -> list[str]:
    problems = []
    for key, kind in SHAPE.items():
        if key not in data:
            problems.append(f"{name} has no {key}")
        elif not isinstance(data[key], kind):
            problems.append(f"{name}: {key} should be a {kind.__name__}, not {type(data[key]).__name__}")
    for key in sorted(set(data) - set(SHAPE)):
        problems.append(f"{name}: {key} is not a key the site uses ({', '.join(SHAPE)})")
    if isinstance(data.get("months"), list) and len(data["months"]) != 12:
        problems.append(f"{name}: months has {len(data['months'])} names, not 12")
    for key, value in values({k: v for k, v in data.items() if isinstance(v, SHAPE.get(k, object))}):
        if not isinstance(value, str):
            problems.append(f"{name}: {key} should be text, not {type(value).__name__} {value!r}"
                            " (put it in double quotes)")
        elif not value.strip() and key not in MAY_BE_EMPTY:
            problems.append(f"{name}: {key} is empty")
    return problems


def placeholders(value: str) -> list[str]:
    """The {names} in a string, as str.format reads them ('' for {}); ValueError if it cannot."""
    return sorted(field for _, field, _, _ in string.Formatter().parse(value) if field is not None)


def placeholder_mismatches(files: dict[str, dict]) -> list[str]:
    texts = {name: dict(values(data)) for name, data in files.items()}
    problems = []
    for key in sorted(set().union(*texts.values())):
        seen = {}
        for name, found in texts.items():
            if isinstance(found.get(key), str):
                try:
                    seen[name] = placeholders(found[key])
                except ValueError as error:
                    problems.append(f"{name}: {key} has a brace that is not a placeholder ({error}): {found[key]!r}")
        if len({tuple(p) for p in seen.values()}) > 1:
            problems.append(f"{key} has different placeholders: "
                            + "; ".join(f"{name} {' '.join('{' + p + '}' for p in ps) or 'none'}"
                                        for name, ps in seen.items()))
    return problems


def _all_files() -> dict[str, dict]:
    return {path.name: read(path) for path in FILES.values()}


# The files as they are.

def test_there_is_a_file_for_each_language_of_the_site():
    config = _mkdocs_yml()
    built = [language["locale"] for language in _i18n(config)["languages"]]
    assert sorted(built) == sorted(strings.LANGUAGES), f"languages in mkdocs.yml: {built}; files: {sorted(FILES)}"


def test_every_key_is_in_every_language():
    problems = missing_keys(_all_files())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", strings.LANGUAGES)
def test_every_value_is_text_of_the_right_kind(lang):
    problems = wrong_values(FILES[lang].name, read(FILES[lang]))
    assert not problems, "\n".join(problems)


def test_placeholders_are_the_same_in_every_language():
    problems = placeholder_mismatches(_all_files())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", strings.LANGUAGES)
def test_twelve_months(lang):
    months = read(FILES[lang])["months"]
    assert len(months) == 12, f"{FILES[lang].name}: months has {len(months)} names, not 12"
    assert len(set(months)) == 12, f"{FILES[lang].name}: a month is named twice: {months}"


def test_the_api_callers_use():
    assert strings.text("cy", "para_label", n=158) == "Paragraff 158"
    assert strings.text("en", "edition", version="1.0") == "Consultation draft WG37941, live edition 1.0"
    assert strings.text("fr", "exit_label") == strings.STRINGS["en"]["exit_label"]  # no file: English
    assert strings.STRINGS["cy"]["exit_label"] == "Gadael y dudalen hon"
    assert strings.format_date(datetime.date(2026, 3, 3), "cy") == "3 Mawrth 2026"
    assert strings.format_date(datetime.date(2025, 12, 25), "en") == "25 December 2025"
    assert [strings.month("en", n) for n in (1, 12)] == ["January", "December"]
    with pytest.raises(ValueError):
        strings.month("en", 13)
    assert strings.reference_terms("cy")["available"] == "Ar gael yn"


def test_a_normal_install_carries_the_strings_files():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    patterns = package_data.get("guidance.strings", [])
    assert all(any(fnmatch(path.name, p) for p in patterns) for path in FILES.values()), patterns


# What the build is given: the same as mkdocs.yml says today (guards moving them out of mkdocs.yml).

def _mkdocs_yml() -> dict:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open("rb") as fd:
        return yaml_load(fd)


def _i18n(config: dict) -> dict:
    return next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)


def _nav_titles(nav) -> set[str]:
    if isinstance(nav, list):
        return set().union(*(_nav_titles(item) for item in nav))
    if isinstance(nav, dict):
        return set(nav) | set().union(*(_nav_titles(value) for value in nav.values()))
    return set()


def test_mkdocs_yml_leaves_each_languages_words_to_its_strings_file():
    """Written once: MkDocs requires a site_name (English, the default language's), nothing else."""
    config = _mkdocs_yml()
    assert config["site_name"] == strings.load(strings.DEFAULT_LANGUAGE)["site_name"]
    assert "site_description" not in config and "copyright" not in config
    for entry in _i18n(config)["languages"]:
        assert not {"site_name", "site_description", "copyright", "nav_translations"} & set(entry), entry


@pytest.mark.parametrize("lang", strings.LANGUAGES)
def test_nav_titles_are_the_ones_mkdocs_yml_uses(lang):
    titles = _nav_titles(_mkdocs_yml()["nav"])
    assert set(strings.i18n_overrides(lang)["nav_translations"]) == titles, \
        f"{FILES[lang].name}: nav should name each of {sorted(titles)}"


# The checks themselves fail when they should: on small made-up files, so that they do not depend on
# the real ones being right.

def _sample(lang: str) -> dict:
    welsh = lang == "cy"
    return {"site_name": "Diogelu plant" if welsh else "Safeguarding children",
            "site_description": "Canllawiau" if welsh else "Guidance",
            "copyright": "© Hawlfraint y Goron" if welsh else "© Crown copyright",
            "nav": {"Home": "Hafan" if welsh else "Home"},
            "months": [f"{lang} month {n}" for n in range(1, 13)],
            "references": {"and": "a" if welsh else "and"},
            "ui": {"exit_label": "Gadael" if welsh else "Exit", "para_label": "Paragraff {n}" if welsh else "Paragraph {n}",
                   "edition": "Argraffiad {version}" if welsh else "Edition {version}"}}


def test_the_made_up_files_pass():
    files = {"en.yml": _sample("en"), "cy.yml": _sample("cy")}
    assert missing_keys(files) == placeholder_mismatches(files) == wrong_values("cy.yml", files["cy.yml"]) == []


def test_a_key_in_one_language_only_is_named_with_its_file():
    files = {"en.yml": _sample("en"), "cy.yml": _sample("cy")}
    del files["cy.yml"]["ui"]["exit_label"]
    files["cy.yml"]["nav"]["Extra"] = "Ychwanegol"
    assert missing_keys(files) == ["en.yml has no nav.Extra (which cy.yml has)",
                                   "cy.yml has no ui.exit_label (which en.yml has)"]


def test_empty_and_wrong_kinds_of_value_are_named():
    data = _sample("cy")
    data["ui"]["exit_label"] = ""
    data["ui"]["para_label"] = True  # an unquoted yes/no in YAML
    data["months"] = data["months"][:11]
    data["site_name"] = ["Diogelu"]
    data["site"] = "Diogelu"
    del data["copyright"]
    assert wrong_values("cy.yml", data) == [
        "cy.yml: site_name should be a str, not list",
        "cy.yml has no copyright",
        "cy.yml: site is not a key the site uses (site_name, site_description, copyright, nav, months, references, ui)",
        "cy.yml: months has 11 names, not 12",
        "cy.yml: ui.exit_label is empty",
        "cy.yml: ui.para_label should be text, not bool True (put it in double quotes)",
    ]


def test_different_placeholders_are_named():
    files = {"en.yml": _sample("en"), "cy.yml": _sample("cy")}
    files["cy.yml"]["ui"]["para_label"] = "Paragraff {rhif}"
    files["cy.yml"]["ui"]["edition"] = "Argraffiad {version"
    assert placeholder_mismatches(files) == [
        "cy.yml: ui.edition has a brace that is not a placeholder (expected '}' before end of string): "
        "'Argraffiad {version'",
        "ui.para_label has different placeholders: en.yml {n}; cy.yml {rhif}",
    ]


def test_a_key_written_twice_is_named_with_its_file_and_line(tmp_path):
    twice = tmp_path / "cy.yml"
    twice.write_text("ui:\n  exit_label: Gadael\n  exit_label: Allan\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError) as error:
        read(twice)
    assert "key written twice: exit_label" in str(error.value)
    assert f'"{twice}", line 3' in str(error.value)

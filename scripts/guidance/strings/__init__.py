"""The site's own words in each language: one file per language, en.yml and cy.yml in this folder.

Material translates its own interface; these are the words *we* add, and the ones MkDocs and its
plugins are given: the site name, description and copyright, the navigation section titles, the
interface strings of our extension, hooks, templates and scripts (`ui`), month names and the
connecting words of references. A Welsh page must never show an English one (Welsh Language
Standards), so every key exists in every language — tests/test_strings.py checks it.

Each file is read once per process, on import.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from importlib.resources import files

import yaml

DEFAULT_LANGUAGE = "en"

#: The languages, one strings file each (<lang>.yml beside this module), the default first.
LANGUAGES: tuple[str, ...] = tuple(sorted(
    (entry.name.removesuffix(".yml") for entry in files(__package__).iterdir() if entry.name.endswith(".yml")),
    key=lambda lang: (lang != DEFAULT_LANGUAGE, lang)))


@lru_cache
def load(lang: str) -> dict:
    """The whole strings file of a language, as YAML reads it (KeyError for a language without one)."""
    if lang not in LANGUAGES:
        raise KeyError(lang)
    return yaml.safe_load(files(__package__).joinpath(f"{lang}.yml").read_text(encoding="utf-8"))


#: The interface strings of each language: what templates get as `ui` (ui.<key>).
STRINGS: dict[str, dict[str, str]] = {lang: load(lang)["ui"] for lang in LANGUAGES}


def text(lang: str, key: str, **values: object) -> str:
    """An interface string, its {placeholders} filled in; a language without strings gets English."""
    string = STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])[key]
    return string.format(**values) if values else string


def month(lang: str, n: int) -> str:
    """The name of month N (1 = January)."""
    if not 1 <= n <= 12:
        raise ValueError(f"no month {n}")
    return load(lang)["months"][n - 1]


def format_date(day: datetime.date, lang: str) -> str:
    """'3 March 2026', '3 Mawrth 2026'."""
    return f"{day.day} {month(lang, day.month)} {day.year}"


def reference_terms(lang: str) -> dict[str, str]:
    """The connecting words of references (guidance.content.references): available, no_date, in, …"""
    return load(lang)["references"]


def i18n_overrides(lang: str) -> dict:
    """What mkdocs-static-i18n takes per language (its `languages:` entry): site_name,
    site_description, copyright and nav_translations (English section title → this language's)."""
    strings = load(lang)
    return {"site_name": strings["site_name"], "site_description": strings["site_description"],
            "copyright": strings["copyright"], "nav_translations": dict(strings["nav"])}

"""Formatting bibliography.bib entries as references, in English or Welsh.

One small UK author-date style (the form the consultation draft's own footnotes use):

    Hallett, S. (2017) *Making sense of child sexual exploitation: …*. Bristol: Policy Press.

Titles are printed exactly as the .bib gives them (no case changes), so the site shows each work as
the source cited it. On Welsh pages the connecting words are Welsh ("Ar gael yn", "d.d.", "gol.",
"a", "ac" before a vowel) and titles, notes and publishers — which are English — are marked lang="en".
mkdocs-bibtex turns [@key] into footnotes; the guidance plugin hands it this formatter, one per language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.database import BibliographyData, Entry, Person, parse_file
from pybtex.richtext import Text

from guidance.strings import LANGUAGES, reference_terms

#: The connecting words of each language, from its strings file (guidance/strings/<lang>.yml).
TERMS = {lang: reference_terms(lang) for lang in LANGUAGES}

_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")


@lru_cache
def load(path: Path) -> BibliographyData:
    return parse_file(str(path), bib_format="bibtex")


_PLAIN_TEXT = PlainTextBackend()


@lru_cache(maxsize=4096)
def plain(value: str) -> str:
    """A BibTeX field value as plain text: braces and LaTeX escapes resolved."""
    return " ".join(Text.from_latex(value).render(_PLAIN_TEXT).split())


def _md(text: str) -> str:
    return _MD_SPECIALS.sub(r"\\\1", text)


def _english(markdown: str, lang: str, tag: str = "span") -> str:
    """Mark English text as English on pages in another language."""
    if lang == "en":
        return markdown if tag == "span" else f"*{markdown}*"
    return f'<{tag} lang="en">{markdown}</{tag}>'


def _person(person: Person) -> str:
    last = plain(" ".join(person.prelast_names + person.last_names))
    given = plain(" ".join(person.first_names + person.middle_names))
    return f"{last}, {given}" if given else last


def _names(people: list[Person], lang: str) -> str:
    t = TERMS[lang]
    named = [p for p in people if str(p) != "others"]
    parts = [_md(_person(p)) for p in named]
    if len(named) < len(people):
        return ", ".join(parts) + " " + t["et_al"]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {_and(parts[-1], lang)} " + parts[-1]


#: Welsh "a" (and) is "ac" before a vowel: "Brayley, H. ac Ashby, M.". W and Y begin English names
#: as consonants (Ward, Young: "a Ward"), so they take "a".
WELSH_VOWELS = "AEIOUÂÊÎÔÛÁÉÍÓÚÀÈÌÒÙÄËÏÖÜŴŶ"


def _and(following: str, lang: str) -> str:
    """The word for "and" before a name: Welsh "ac" before a vowel, "a" otherwise."""
    if lang == "cy" and following.lstrip("\\")[:1].upper() in WELSH_VOWELS:
        return "ac"
    return TERMS[lang]["and"]


def _field(entry: Entry, name: str) -> str:
    return plain(entry.fields[name]) if name in entry.fields else ""


def _url(entry: Entry) -> str:
    """URLs are taken literally: no LaTeX reading (a % would start a comment)."""
    return entry.fields.get("url", "").replace("{", "").replace("}", "").strip()


def _pages(pages: str, lang: str) -> str:
    t = TERMS[lang]
    return f"{t['pages'] if re.search(r'[-–,]', pages) else t['page']} {_md(pages)}"


def author_text(entry: Entry, lang: str = "en") -> str:
    people = entry.persons.get("author")
    return _names(people, lang) if people else ""


def sort_key(entry: Entry) -> tuple[str, str, str]:
    """Alphabetical by first author (or title where there is none), then year, then title."""
    people = entry.persons.get("author")
    first = _person(people[0]) if people else _field(entry, "title") or _field(entry, "url")
    first = re.sub(r"^(the|a|an)\s+", "", first.lower())
    return first, _field(entry, "year"), _field(entry, "title").lower()


def format_entry(entry: Entry, lang: str = "en") -> str:
    """One reference as a line of Markdown (inline HTML marks English text on Welsh pages)."""
    t = TERMS[lang]
    kind = entry.type.lower()
    parts: list[str] = []

    author = author_text(entry, lang)
    year = _field(entry, "year") or t["no_date"]
    title = _field(entry, "title")
    quoted = kind in {"article", "incollection", "inbook", "inproceedings"}
    title_md = ""
    if title:
        title_md = _english(_md(f"‘{title}’"), lang) if quoted else _english(_md(title), lang, "em")

    if author:
        head = f"{author} ({year})"
        parts.append(head + (" " + title_md if title_md else ""))
    elif title_md:
        parts.append(f"{title_md} ({year})")
    elif "year" in entry.fields:
        parts.append(f"({year})")

    if kind == "article":
        journal = _field(entry, "journal")
        bits = [_english(_md(journal), lang, "em")] if journal else []
        volume, number = _field(entry, "volume"), _field(entry, "number")
        if volume:
            bits.append(_md(volume + (f"({number})" if number else "")))
        if pages := _field(entry, "pages"):
            bits.append(_pages(pages, lang))
        if bits:
            parts[-1] += ", " + ", ".join(bits)
    elif kind in {"incollection", "inbook"}:
        editors = entry.persons.get("editor", [])
        book = _field(entry, "booktitle")
        bits = [t["in"] + ":"]
        if editors:
            bits.append(_names(editors, lang) + f" ({t['eds'] if len(editors) > 1 else t['ed']})")
        if book:
            bits.append(_english(_md(book), lang, "em"))
        parts.append(" ".join(bits))
    elif editors := entry.persons.get("editor"):
        parts.append(f"{t['edited_by']} {_names(editors, lang)}")
    if kind not in {"article"} and (pages := _field(entry, "pages")):
        parts.append(_pages(pages, lang))

    if edition := _field(entry, "edition"):
        parts.append(f"{_md(edition)} {t['edition']}")
    series = " ".join(x for x in (_field(entry, "type"), _field(entry, "number") if kind != "article" else "") if x)
    if series:
        parts.append(_english(_md(series), lang))
    publisher = _field(entry, "publisher") or _field(entry, "institution") or _field(entry, "organization")
    place = _field(entry, "address")
    if publisher or place:
        parts.append(_english(_md(": ".join(x for x in (place, publisher) if x)), lang))
    for name in ("howpublished", "note"):
        if value := _field(entry, name):
            parts.append(_english(_md(value), lang))
    if doi := _field(entry, "doi"):
        parts.append(f"doi:{_md(doi)}")

    text = ". ".join(p.rstrip(".") if not p.endswith(("?", "!", "…")) else p for p in parts if p)
    text = text + "." if text and not text.endswith(("?", "!")) else text
    if url := _url(entry):
        link = f"<{url}>" if re.match(r"^https?://", url) else _md(url)
        text = (text + " " if text else "") + f"{t['available']}: {link}"
    return text

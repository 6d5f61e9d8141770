"""Abbreviations and the words they stand for find each other in the site search.

A search section that says "CSE" is also indexed under "child sexual exploitation", and one that
says "child sexual exploitation" under "CSE" — in Welsh, "camfanteisio'n rhywiol ar blant" in any
mutated form ("gamfanteisio'n rhywiol ar blant"). The pairs are the site's abbreviation list
(includes/abbreviations.md of each language, the one that also gives every abbreviation its
hover text). The added words go into a search field of their own (KEYWORDS_FIELD) that lunr
searches but Material's result list never shows, so results only ever show the page's own text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from .welsh import related_forms

KEYWORDS_FIELD = "keywords"
ABBREVIATION_RE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", re.M)
TAG_RE = re.compile(r"<[^>]+>")
WORD_RE = re.compile(r"[^\W_]+")
# What apostrophes leave of Welsh articles and particles ("camfanteisio'n", "i'r"): not compared.
WELSH_PARTICLES = {"n", "r"}


def load_abbreviations(path: Path) -> dict[str, str]:
    """`*[CSE]: Child sexual exploitation` lines -> {"CSE": "Child sexual exploitation"}."""
    return dict(ABBREVIATION_RE.findall(path.read_text(encoding="utf-8")))


class Synonyms:
    """The abbreviations of one language, ready to match search sections against."""

    def __init__(self, abbreviations: dict[str, str], lang: str):
        self.lang = lang
        self.pairs = [(abbr, expansion, re.compile(rf"(?<!\w){re.escape(abbr)}(?!\w)"), self._words(expansion))
                      for abbr, expansion in abbreviations.items()]

    def keywords(self, *texts: str) -> str:
        """The words to index a section under, given its title and text (HTML): the expansion of
        every abbreviation it uses without spelling it out, and the abbreviation of every
        expansion it spells out without the abbreviation."""
        plain = " ".join(html.unescape(TAG_RE.sub(" ", t)) for t in texts)
        words = self._words(plain)
        present = set(words)
        found: list[str] = []
        for abbr, expansion, abbr_re, phrase in self.pairs:
            # The plain substring test first: most sections hold few of the abbreviations, and the
            # word-boundary search over the whole section was a sixth of the build time (guidance benchmark).
            uses_abbreviation = abbr in plain and abbr_re.search(plain) is not None
            spells_out = (bool(phrase) and all(self._forms(w) & present for w in phrase)
                          and self._contains(words, phrase))
            if uses_abbreviation != spells_out:  # only what the section lacks (the glossary has both)
                found.append(expansion if uses_abbreviation else abbr)
        return " ".join(dict.fromkeys(found))

    def _words(self, text: str) -> list[str]:
        words = WORD_RE.findall(text.lower())
        return [w for w in words if w not in WELSH_PARTICLES] if self.lang == "cy" else words

    def _contains(self, words: list[str], phrase: list[str]) -> bool:
        n = len(phrase)
        return any(all(self._same(words[i + k], phrase[k]) for k in range(n)) for i in range(len(words) - n + 1))

    def _same(self, word: str, phrase_word: str) -> bool:
        return word in self._forms(phrase_word)

    def _forms(self, word: str) -> frozenset[str]:
        return _welsh_forms(word) if self.lang == "cy" else frozenset((word,))


@lru_cache(maxsize=None)
def _welsh_forms(word: str) -> frozenset[str]:
    """The word and every form it may take after a mutation or be the mutation of."""
    return frozenset(related_forms(word) | {word})

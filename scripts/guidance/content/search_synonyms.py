"""Abbreviations and the words they stand for find each other in the site search.

A search section that says "CSE" is also indexed under "child sexual exploitation", and one that
says "child sexual exploitation" under "CSE" — in Welsh, "camfanteisio'n rhywiol ar blant" in any
mutated form ("gamfanteisio'n rhywiol ar blant"). The pairs are the site's abbreviation list
(includes/abbreviations.md of each language, the one that also gives every abbreviation its
hover text). The added words go into a search field of their own (KEYWORDS_FIELD) that lunr
searches but Material's result list never shows, so results only ever show the page's own text.

Abbreviations with the same expansion are one concept: the Welsh list has the Welsh abbreviation
and the English one with the same Welsh words (`*[CRhB]:` and `*[CSE]: Camfanteisio'n Rhywiol ar
Blant`), so a Welsh section that says "CRhB" is also found by "CSE" and by the words, one that
says "CSE" (in an English title) by "CRhB", and one that spells the words out by both.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from guidance.content.search_sections import TAG_RE
from guidance.content.welsh import related_forms

KEYWORDS_FIELD = "keywords"
ABBREVIATION_RE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$", re.M)
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
        # One entry per concept (the words of an expansion, in the list's order): its expansion as
        # first written, its words, and each of its abbreviations with the pattern that finds it.
        concepts: dict[tuple[str, ...], tuple[str, list[str], list[tuple[str, re.Pattern]]]] = {}
        for abbr, expansion in abbreviations.items():
            words = self._words(expansion)
            concept = concepts.setdefault(tuple(words) or (abbr,), (expansion, words, []))
            concept[2].append((abbr, re.compile(rf"(?<!\w){re.escape(abbr)}(?!\w)")))
        self.concepts = list(concepts.values())

    def keywords(self, *texts: str) -> str:
        """The words to index a section under, given its title and text (HTML): for every concept
        it names, by an abbreviation or by the words, the expansion if it does not spell it out and
        each abbreviation of the concept it does not use."""
        plain = " ".join(html.unescape(TAG_RE.sub(" ", t)) for t in texts)
        words = self._words(plain)
        present = set(words)
        found: list[str] = []
        for expansion, phrase, abbreviations in self.concepts:
            # The plain substring test first: most sections hold few of the abbreviations, and the
            # word-boundary search over the whole section was a sixth of the build time (guidance benchmark).
            used = {abbr for abbr, abbr_re in abbreviations if abbr in plain and abbr_re.search(plain) is not None}
            spells_out = (bool(phrase) and not any(self._forms(w).isdisjoint(present) for w in phrase)
                          and self._contains(words, phrase))
            if not used and not spells_out:
                continue
            # Only what the section lacks: a glossary entry that has them all gets nothing.
            if not spells_out:
                found.append(expansion)
            found += [abbr for abbr, _ in abbreviations if abbr not in used]
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

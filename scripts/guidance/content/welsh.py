"""Welsh language helpers: initial mutations.

Welsh changes the first sound of a word after many common words ("plant" → "ei blant", "fy
mhlant", "ei phlant"; "arian" → "ei harian"). Anything that compares or searches Welsh text must
treat these as one word. The rules are mechanical in this direction (radical → mutated), so the
checks generate every mutated form of a known radical. The other direction is ambiguous ("law" may
be "glaw" or "llaw"): `radicals` lists every candidate and says which are certain; the site search
(lunr.cy.min.js, which follows these rules) indexes a word under all of them.
"""

from __future__ import annotations

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
VOWELS = "aeiouwyâêîôûŵŷ"


def _initial(word: str) -> str:
    lower = word.lower()
    for two in ("ll", "rh"):
        if lower.startswith(two):
            return two
    return lower[:1]


def mutations(word: str) -> set[str]:
    """The radical and every initially-mutated form of a word, lower-cased."""
    lower = word.lower()
    forms = {lower}
    first = _initial(lower)
    rest = lower[len(first):]
    for table in (SOFT, NASAL, ASPIRATE):
        if first in table:
            forms.add(table[first] + rest)
    if first and first in VOWELS:
        forms.add("h" + lower)
    return {f for f in forms if f}


def phrase_forms(phrase: str) -> set[str]:
    """A multi-word term with its first word in every mutated form ("gweithdrefnau diogelu" →
    "weithdrefnau diogelu", …); later words are given as they appear in the term."""
    first, _, rest = phrase.strip().partition(" ")
    return {(f + " " + rest).strip() for f in mutations(first)}


# Mutated beginnings that no Welsh word has unmutated, so they point to one radical only
# ("mhlant" ← "plant", "ddiogelu" ← "diogelu"). Longest first: "ngh" before "ng".
UNAMBIGUOUS = {"ngh": "c", "mh": "p", "nh": "t", "ng": "g", "ph": "p", "dd": "d"}
# A g that the soft mutation drops stands before a vowel, l, r or n (gofal, glaw, gras, gnawd).
G_DROPPED_BEFORE = "lrn"


def radicals(word: str) -> dict[str, bool]:
    """Words this one may be an initial mutation of, each with whether that is certain.

    Only the UNAMBIGUOUS beginnings are certain. Every other mutated beginning is also an ordinary
    one: "blant" ← "plant", yet "bod" is "bod"; "law" ← "glaw" or "llaw"; "ofal" ← "gofal", yet
    "oed" is "oed". The site search's lunr.cy.min.js follows the same rules (a test checks)."""
    lower = word.lower()
    sure = next((beginning for beginning in UNAMBIGUOUS if lower.startswith(beginning)), None)
    found: dict[str, bool] = {}
    if sure:
        found[UNAMBIGUOUS[sure] + lower[len(sure):]] = True
    else:
        for table in (SOFT, NASAL, ASPIRATE):
            for radical, mutated in table.items():
                if mutated and lower.startswith(mutated):
                    found[radical + lower[len(mutated):]] = False
        if lower[:1] and lower[0] in VOWELS + G_DROPPED_BEFORE:
            found["g" + lower] = False  # the soft mutation drops a g: "ofal" ← "gofal", "law" ← "glaw"
        if lower[:1] == "h" and lower[1:2] and lower[1] in VOWELS:
            found[lower[1:]] = False  # "harian" ← "arian"
    return {r: certain for r, certain in found.items() if r != lower and len(r) > 1}


def related_forms(word: str) -> set[str]:
    """Every form a reader may meet this word in: its own mutations and those of each word it may
    be a mutation of ("blant" → plant, blant, mhlant, phlant, …)."""
    forms = mutations(word)
    for radical in radicals(word):
        forms |= mutations(radical)
    return forms

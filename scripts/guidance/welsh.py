"""Welsh language helpers: initial mutations.

Welsh changes the first sound of a word after many common words ("plant" → "ei blant", "fy
mhlant", "ei phlant"; "arian" → "ei harian"). Anything that compares or searches Welsh text must
treat these as one word. The rules are mechanical in this direction (radical → mutated), so we
generate every mutated form of a known radical instead of guessing radicals from mutated words
(which is ambiguous: "law" may be "glaw" or "llaw").
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

"""Welsh spell check: hunspell with the cy_GB dictionary, and aspell-cy, over the prose of docs_cy/.

The hunspell dictionary (techiaith's hunspell-cy, LGPL) comes from the PyPI package cymraeg-mcp;
the hunspell and aspell programs and aspell's Welsh dictionary from Debian (`apt-get install
hunspell aspell aspell-cy`). Neither dictionary is complete — cy_GB lacks common forms such as
"gellir" and "meddygon", aspell-cy lacks others — so a word is misspelt only when both reject it. Only Welsh prose is checked: text marked
as English (`*Title*{lang=en}`, the `{ lang=en }` originals of young people's quotes, headings
ending `{ lang=en }`), footnote
definitions (references to English works), addresses, code and markup are left out.
The project's word list (Project.spelling_wordlist: docs_cy/spelling-wordlist.txt) lists the few
accepted words the dictionaries do not know (names, acronyms, English titles) — one per line, `#`
starts a comment.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from guidance.content.model import ENGLISH_ATTR, FOOTNOTE_DEF_RE, Page
from guidance.content.welsh import mutations
#: Welsh clitics written after an apostrophe: sy'n, i'r, a'i, o'u, i'w, 'm, 'th, 'ch.
CLITICS = {"r", "n", "i", "u", "w", "m", "th", "ch", "ma", "na"}
WORD_RE = re.compile(r"[A-Za-zÀ-ÿŴŵŶŷ]+(?:['’-][A-Za-zÀ-ÿŴŵŶŷ]+)*")

#: `{ lang=en }` alone on the line after a block, or at the end of a line (a heading marked English).
ENGLISH_BLOCK_RE = re.compile(r"^\s*" + ENGLISH_ATTR + r"\s*$")
ENGLISH_LINE_END_RE = re.compile(ENGLISH_ATTR + r"\s*$")

_STRIP = [
    re.compile(r"\*[^*\n]+\*" + ENGLISH_ATTR),                          # *English title*{lang=en}
    re.compile(r"<([a-z]+) lang=\"en\">.*?</\1>"),                  # inline HTML marked English
    re.compile(r"<!--.*?-->"),                                      # comments (lost-link markers)
    re.compile(r"<https?://[^>]+>|https?://\S+"),                  # addresses
    re.compile(r"\]\([^)]*\)"),                                     # link targets
    re.compile(r"\[\^[^\]]+\]|\[@[^\]]+\]"),                        # footnote and citation markers
    re.compile(r"\{[^}\n]*\}"),                                     # attribute lists { #id }
    re.compile(r"`[^`]*`"),
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+\w+", re.M),              # box type words
]


@dataclass(frozen=True)
class Misspelling:
    file: str
    line: int
    word: str


def dictionary() -> Path:
    spec = importlib.util.find_spec("cymraeg_mcp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the Welsh dictionary is missing: install the test dependencies "
                                "(bash scripts/dev.sh test does) — it comes from the PyPI package cymraeg-mcp")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionaries" / "cy_GB"


def wordlist(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()} - {""}


def prose(line: str) -> str:
    """One line of Markdown without what is not Welsh prose in it (English-marked text, markup)."""
    for pattern in _STRIP:
        line = pattern.sub(" ", line)
    return line


def prose_lines(page: Page, footnotes: bool = False) -> list[tuple[int, str]]:
    """The Welsh prose of a page, line by line, with everything that is not Welsh prose removed.
    Footnote definitions (mostly references to English works) are left out unless `footnotes`."""
    out = []
    lines = page.lines
    for i, (no, line) in enumerate(lines):
        nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
        if (FOOTNOTE_DEF_RE.match(line) and not footnotes) or ENGLISH_BLOCK_RE.match(nxt) or ENGLISH_LINE_END_RE.search(line):
            continue  # references to English works; English originals of quotes; headings marked English
        out.append((no, prose(line)))
    return out


def _with_mutations(word: str) -> set[str]:
    """A wordlist entry also accepts its mutated forms, capitalised or not (bregusrwydd: fregusrwydd)."""
    if word.isupper() or not word.isalpha():
        return {word}
    return {f for m in mutations(word) for f in (m, m.capitalize())} | {word}


def words(line: str) -> list[str]:
    found = []
    for token in WORD_RE.findall(line):
        for part in re.split(r"['’]", token):
            if part and part.lower() not in CLITICS:
                found.append(part)
    return found


def _rejected_by_aspell(words: list[str]) -> set[str]:
    result = subprocess.run(["aspell", "--lang=cy", "--encoding=utf-8", "list"], input="\n".join(words),
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def check(pages: list[Page], wordlist_file: Path) -> tuple[list[Misspelling], int]:
    """Misspelt words (with where they are) and the number of words checked; the words in
    wordlist_file (the word list of the project the pages belong to) are accepted."""
    for program in ("hunspell", "aspell"):
        if shutil.which(program) is None:
            raise FileNotFoundError(f"the {program} program is missing: sudo apt-get install hunspell aspell aspell-cy "
                                    "(bash scripts/dev.sh test installs them)")
    accepted = {form for word in wordlist(wordlist_file) for form in _with_mutations(word)}
    located: list[tuple[Page, int, str]] = []
    for page in pages:
        for no, line in prose_lines(page):
            located += [(page, no, w) for w in words(line)]
    unique = sorted({w for _, _, w in located} - accepted)
    result = subprocess.run(["hunspell", "-d", str(dictionary()), "-l", "-i", "utf-8"],
                            input="\n".join(unique), capture_output=True, text=True, check=True)
    wrong = _rejected_by_aspell(sorted(set(result.stdout.split())))
    return sorted({Misspelling(*p.where(no), w) for p, no, w in located if w in wrong}, key=lambda m: (m.file, m.line)), len(located)

"""The live document at paragraph level: each numbered paragraph's versions since the first edition.

Read from git at build time (and by `guidance check`):

- editions.yml records each dated edition: its date, the commit whose content it is, and a summary
  in each language. The first one is the first edition: whatever changed before its commit (the
  fixes made while the PDF was being extracted) is not an amendment.
- Every commit after it on the first-parent line (a merge counts as one step, dated when it was
  merged) that touches docs/ or docs_cy/ is a state of the text; uncommitted edits (a local preview)
  are one more state, dated today. Each state's numbered paragraphs are read from the commit's own
  files (git archive), through guidance.content.model, as the build reads them.
- Consecutive states are aligned paragraph by paragraph on the English text (difflib): a paragraph
  that moved to another number keeps its history, an inserted one starts a history, a removed one
  ends it. The Welsh text follows the same numbering.
- The reason for a change is the editor's: a `Change-note:` trailer (and `Change-note-cy:` for the
  Welsh) in the message of the commit that made it. `guidance check` (change-notes) names a
  paragraph changed without one; editions.yml `notes:` can give the note of a commit already merged.

A paragraph is *amended* when its text now differs from its text in the first edition (or it was
added since). The build marks it, links it to its history and lists it in What's changed and the
Atom feeds (guidance.plugin.amendments).
"""

from __future__ import annotations

import datetime
import difflib
import html
import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guidance.content.model import PARAGRAPH_RE, load_pages

#: In the project folder, beside mkdocs.yml.
EDITIONS = "editions.yml"
#: The trailers a commit message gives its change note in, per language.
NOTE_TRAILERS = {"en": "Change-note", "cy": "Change-note-cy"}
#: Below this similarity two paragraphs at the same place are a removal and an insertion, not an amendment.
SAME_PARAGRAPH = 0.5


@dataclass(frozen=True)
class EditionRecord:
    date: datetime.date
    commit: str
    summary: dict[str, str]


class EditionsError(ValueError):
    """editions.yml says something that cannot be read as an edition; the message says what to write."""

    def __init__(self, file: str, problem: str):
        super().__init__(f"{file}: {problem}")
        self.problem = problem


def read_editions(path: Path) -> tuple[list[EditionRecord], dict[str, dict[str, str]]]:
    """The dated editions, oldest first, and the change notes given afterwards for merged commits."""
    if not path.is_file():
        return [], {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for entry in data.get("editions") or []:
        # YAML reads an unquoted 1234567 as a number and 0123456 as octal: the commit is lost
        if not isinstance(entry.get("commit"), str):
            raise EditionsError(path.name, f"the commit of the edition of {entry.get('date')} must be in quotes, "
                                           f'as in commit: "1a2b3c4" (unquoted, some commit names read as numbers).')
    editions = [EditionRecord(e["date"] if isinstance(e["date"], datetime.date) else datetime.date.fromisoformat(str(e["date"])),
                              str(e["commit"]), {k: str(v).strip() for k, v in (e.get("summary") or {}).items()})
                for e in data.get("editions") or []]
    notes = {str(k): {lang: str(v).strip() for lang, v in (v or {}).items()} for k, v in (data.get("notes") or {}).items()}
    return sorted(editions, key=lambda e: e.date), notes


def _git(root: Path, *args: str, binary: bool = False):
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=not binary)
    if result.returncode != 0:
        return None
    return result.stdout


def has_commit(root: Path, commit: str) -> bool:
    """Whether this copy's git history holds COMMIT (a shallow clone may not)."""
    return _git(root, "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}") is not None


def normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Located:
    page: str    # the chapter page (relative to the language folder) showing the paragraph
    path: str    # the file its text is in (a chapter or an included fragment), relative to the project
    text: str    # its Markdown, whitespace normalised


#: language -> paragraph number -> where and what
State = dict[str, dict[int, Located]]


def read_state(folders: dict[str, Path], names: dict[str, str]) -> State:
    """Every numbered paragraph of the chapters (pages with `paragraphs: FIRST-LAST`) per language;
    NAMES gives each language's folder as the project names it (docs, docs_cy)."""
    state: State = {}
    for lang, folder in folders.items():
        paragraphs: dict[int, Located] = {}
        if folder.is_dir():
            for page in load_pages(folder):
                if page.meta_error or "paragraphs" not in page.meta:
                    continue
                files = {}
                for p in page.paragraphs:
                    include = page.include_of(p.line)
                    files[p.number] = (include.path if include else page.path).relative_to(folder).as_posix()
                for number, text in page.paragraph_blocks.items():
                    paragraphs[number] = Located(page.path.relative_to(folder).as_posix(),
                                                 f"{names[lang]}/{files.get(number, page.path.name)}",
                                                 normalise(PARAGRAPH_RE.sub("", text, count=1)))
        state[lang] = paragraphs
    return state


def _names(root: Path, folders: dict[str, Path]) -> dict[str, str]:
    return {lang: folder.resolve().relative_to(root.resolve()).as_posix() for lang, folder in folders.items()}


#: state_at's answers for this process: a commit's files never change, and `mkdocs serve` reads the
#: whole history again on every rebuild. Callers treat a State as read-only.
_STATES: dict[tuple[str, str, tuple[tuple[str, str], ...]], State] = {}


def state_at(root: Path, commit: str, folders: dict[str, Path]) -> State:
    """The paragraphs as they were in COMMIT (its files unpacked into a temporary folder)."""
    names = _names(root, folders)
    key = (str(Path(root).resolve()), commit, tuple(sorted(names.items())))
    if key not in _STATES:
        _STATES[key] = _unpacked_state(root, commit, names)
    return _STATES[key]


def _unpacked_state(root: Path, commit: str, names: dict[str, str]) -> State:
    archive = _git(root, "archive", "--format=tar", commit, "--", *names.values(), binary=True)
    with tempfile.TemporaryDirectory(prefix="guidance-history-") as tmp:
        if archive:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
        return read_state({lang: Path(tmp) / name for lang, name in names.items()}, names)


def align(before: dict[int, Located], after: dict[int, Located]) -> dict[int, int]:
    """Old number -> new number for every paragraph that is still there (amended or not)."""
    old, new = sorted(before), sorted(after)
    a, b = [before[n].text for n in old], [after[n].text for n in new]
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            mapping.update({old[i1 + k]: new[j1 + k] for k in range(i2 - i1)})
        elif tag == "replace":
            # In order: each old paragraph pairs with the next new one it resembles enough.
            j = j1
            for i in range(i1, i2):
                for jj in range(j, j2):
                    if difflib.SequenceMatcher(None, a[i].split(), b[jj].split(), autojunk=False).ratio() >= SAME_PARAGRAPH:
                        mapping[old[i]] = new[jj]
                        j = jj + 1
                        break
    return mapping


@dataclass
class Step:
    """One state of the text after the first edition."""
    commit: str                 # "" for uncommitted edits
    date: datetime.date
    state: State
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # source file -> lang -> note
    mapping: dict[int, int] = field(default_factory=dict)          # previous number -> this number
    edition: EditionRecord | None = None                           # the edition it was published in

    def note(self, path: str, lang: str) -> str:
        return (self.notes.get(path) or {}).get(lang) or (self.notes.get("*") or {}).get(lang, "")


@dataclass
class Change:
    """A paragraph's change in one step, in one language."""
    lang: str
    step: Step
    number: int | None          # its number after the change (None: removed)
    old_number: int | None      # before (None: added)
    before: str | None
    after: str | None
    page: str
    path: str

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "amended"

    @property
    def note(self) -> str:
        """The change note in the change's language; a Welsh change without a Welsh note shows the
        English one (note_language says which)."""
        return self.step.note(self.path, self.lang) or self.step.note(self.path, "en")

    @property
    def note_language(self) -> str:
        return self.lang if self.step.note(self.path, self.lang) else "en"


@dataclass
class History:
    editions: list[EditionRecord] = field(default_factory=list)
    first: State = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    available: bool = False
    reason: str = ""

    @classmethod
    def read(cls, root: Path, folders: dict[str, Path], editions_file: Path | None = None,
             working_tree: bool = True) -> "History":
        try:
            editions, given_notes = read_editions(editions_file or root / EDITIONS)
        except EditionsError as exc:
            return cls(reason=str(exc))
        if not editions:
            return cls(reason="editions.yml records no edition")
        first = editions[0]
        if not has_commit(root, first.commit):
            return cls(editions, reason=f"the first edition's commit {first.commit} is not in this copy's git history")
        history = cls(editions, state_at(root, first.commit, folders), available=True)
        paths = [str(f.resolve().relative_to(root.resolve())) for f in folders.values()]
        commits = (_git(root, "rev-list", "--first-parent", "--reverse", f"{first.commit}..HEAD", "--", *paths) or "").split()
        previous = history.first
        for commit in commits:
            state = state_at(root, commit, folders)
            if state == previous:
                continue
            day = datetime.date.fromisoformat(_git(root, "log", "-1", "--format=%cs", commit).strip())
            step = Step(commit, day, state, mapping=align(previous.get("en", {}), state.get("en", {})))
            step.notes = _notes(root, commit, given_notes)
            history.steps.append(step)
            previous = state
        if working_tree:
            state = read_state(folders, _names(root, folders))
            if state != previous:
                history.steps.append(Step("", datetime.date.today(), state,
                                          mapping=align(previous.get("en", {}), state.get("en", {}))))
        for step in history.steps:
            step.edition = history._edition_of(root, step.commit)
        return history

    def _edition_of(self, root: Path, commit: str) -> EditionRecord | None:
        if not commit:
            return None
        for edition in self.editions[1:]:
            if subprocess.run(["git", "merge-base", "--is-ancestor", commit, edition.commit], cwd=root,
                              capture_output=True).returncode == 0:
                return edition
        return None

    # -- what changed ---------------------------------------------------------------------------

    def states(self) -> list[State]:
        return [self.first] + [s.state for s in self.steps]

    def changes(self, lang: str) -> list[Change]:
        """Every paragraph change in LANG, oldest first."""
        out: list[Change] = []
        previous = self.first
        for step in self.steps:
            before, after = previous.get(lang, {}), step.state.get(lang, {})
            moved = step.mapping
            kept = set(moved.values())
            for old, new in sorted(moved.items()):
                if old in before and new in after and before[old].text != after[new].text:
                    out.append(Change(lang, step, new, old, before[old].text, after[new].text, after[new].page, after[new].path))
            for old in sorted(set(before) - set(moved)):
                out.append(Change(lang, step, None, old, before[old].text, None, before[old].page, before[old].path))
            for new in sorted(set(after) - kept):
                out.append(Change(lang, step, new, None, None, after[new].text, after[new].page, after[new].path))
            previous = step.state
        return out

    def current(self, lang: str) -> dict[int, Located]:
        return (self.steps[-1].state if self.steps else self.first).get(lang, {})

    def paragraph_changes(self, lang: str) -> dict[int, list[Change]]:
        """Current paragraph number -> its changes since the first edition, oldest first; only the
        paragraphs whose text now differs from the first edition's (or that were added since)."""
        by_number: dict[int, list[Change]] = {}
        origin: dict[int, int | None] = {n: n for n in self.first.get(lang, {})}  # number now -> first-edition number
        for step in self.steps:
            origin = {new: origin.get(old) for old, new in step.mapping.items()} | {
                n: None for n in step.state.get(lang, {}) if n not in step.mapping.values()}
        changes = self.changes(lang)
        current = self.current(lang)
        first = self.first.get(lang, {})
        for number, text in current.items():
            start = origin.get(number)
            if start is not None and start in first and first[start].text == text.text:
                continue
            # follow the paragraph back: its changes are those whose new number chains to it
            chain, n = [], number
            for step in reversed(self.steps):
                for change in changes:
                    if change.step is step and change.number == n:
                        chain.append(change)
                back = {new: old for old, new in step.mapping.items()}
                if n not in back:
                    break
                n = back[n]
            by_number[number] = list(reversed(chain))
        return by_number

    def address_maps(self) -> dict[str, dict[int, int | None]]:
        """For each edition (by date) and the numbering it used: old number -> number now, only for
        paragraphs whose number changed (None: the paragraph was removed)."""
        maps: dict[str, dict[int, int | None]] = {}
        for edition in self.editions:
            index = self._state_index(edition)
            numbers = {n: n for n in self.states()[index].get("en", {})}
            for step in self.steps[index:]:
                numbers = {old: step.mapping.get(n) if n is not None else None for old, n in numbers.items()}
            changed = {old: new for old, new in numbers.items() if old != new}
            if changed:
                maps[edition.date.isoformat()] = changed
        return maps

    def _state_index(self, edition: EditionRecord) -> int:
        """The index in states() of the text as it was in EDITION."""
        index = 0
        for i, step in enumerate(self.steps, start=1):
            if step.edition is not None and step.edition.date <= edition.date:
                index = i
        return index if edition is not self.editions[0] else 0


# -- what a reader sees ------------------------------------------------------------------------

_PLAIN = [(re.compile(r"<!--.*?-->", re.S), ""), (re.compile(r"\[\^[^\]]+\]"), ""),
          (re.compile(r"\s*\[@[^\]]+\]"), ""), (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
          (re.compile(r"\{[:.#]?[^}]*=?[^}]*\}"), ""), (re.compile(r"(\*\*|__|\*|`)"), ""),
          (re.compile(r"<[^>]+>"), ""), (re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.M), "")]


def plain(markdown: str) -> str:
    """A paragraph's words as a reader reads them: no Markdown marks, notes, citations or comments."""
    text = markdown
    for pattern, replacement in _PLAIN:
        text = pattern.sub(replacement, text)
    return normalise(html.unescape(text))


# -- word differences --------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\S+|\s+")


def word_diff(before: str, after: str, deleted: str, inserted: str) -> str:
    """HTML of AFTER with the words taken out of BEFORE in <del> and those put in in <ins>, each
    starting with visually hidden words ("deleted", "inserted") so a screen reader says which."""
    a, b = before.split(), after.split()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(html.escape(" ".join(a[i1:i2]), quote=False))
            continue
        if tag in ("delete", "replace"):
            out.append(f'<del><span class="visually-hidden">{html.escape(deleted)}</span>'
                       f'{html.escape(" ".join(a[i1:i2]), quote=False)}</del>')
        if tag in ("insert", "replace"):
            out.append(f'<ins><span class="visually-hidden">{html.escape(inserted)}</span>'
                       f'{html.escape(" ".join(b[j1:j2]), quote=False)}</ins>')
    return " ".join(out)


# -- change notes ------------------------------------------------------------------------------

def _trailers(root: Path, *revisions: str) -> list[dict]:
    """Each commit of REVISIONS: its notes per language and the files it touched."""
    fmt = "%x1e%H%x1f" + "%x1f".join(f"%(trailers:key={key},valueonly,separator=%x20)" for key in NOTE_TRAILERS.values()) + "%x1f"
    text = _git(root, "log", f"--format={fmt}", "--name-only", *revisions) or ""
    out = []
    for record in text.split("\x1e")[1:]:
        commit, *values, files = record.split("\x1f")
        out.append({"commit": commit.strip(), "files": set(files.split()),
                    **{lang: normalise(v) for lang, v in zip(NOTE_TRAILERS, values)}})
    return out


def _notes(root: Path, commit: str, given: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """File -> language -> the notes of the step's commits that changed that file ("*": all of the
    step's notes). A step is one commit, or a merge and the commits it brought in; a note given in
    editions.yml `notes:` stands in for a commit's missing trailer."""
    parent = f"{commit}^1"
    revisions = [f"{parent}..{commit}"] if _git(root, "rev-parse", "--verify", "--quiet", parent) is not None else ["-1", commit]
    notes: dict[str, dict[str, str]] = {}
    for record in reversed(_trailers(root, *revisions)):
        for lang in NOTE_TRAILERS:
            text = record[lang] or (given.get(record["commit"]) or given.get(record["commit"][:7]) or {}).get(lang, "")
            if not text:
                continue
            for file in record["files"] | {"*"}:
                merged = notes.setdefault(file, {})
                if text not in merged.get(lang, ""):
                    merged[lang] = (merged.get(lang, "") + " " + text).strip()
    return notes


def missing_notes(history: "History") -> list[tuple[Change, str]]:
    """Each committed paragraph change without a note in its language: (change, the trailer to add)."""
    out = []
    for lang, trailer in NOTE_TRAILERS.items():
        for change in history.changes(lang):
            if change.step.commit and not change.step.note(change.path, lang):
                out.append((change, trailer))
    return out

"""Reading the Markdown sources: front matter, body lines with their line numbers, numbered paragraphs.

Everything that needs to know what a page *says* (checks, reports, tests, the MkDocs plugin) goes
through here, so the rules for "what is a numbered paragraph" live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from guidance.project import find_root

#: PyYAML's safe loader, in C where libyaml is there (ten times faster on the pages' front matter).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: A numbered paragraph starts at column 0: "158. All children ...".
PARAGRAPH_RE = re.compile(r"^(\d{1,3})\. +(?=\S)")
#: Markdown footnote reference / definition: [^12] and "[^12]: text".
FOOTNOTE_REF_RE = re.compile(r"\[\^([^\]\s]+)\]")
FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
#: A citation block as mkdocs-bibtex reads it: "[@key]" or "[@key1; @key2]". Any other "[...]" holding
#: an "@" would be eaten by the plugin (see checks.citation_syntax).
CITATION_BLOCK_RE = re.compile(r"\[(@[A-Za-z0-9]+(?:;\s*@[A-Za-z0-9]+)*)\]")
CITATION_KEY_RE = re.compile(r"@([A-Za-z0-9]+)")
#: The attribute list that marks text a Welsh page keeps in English: `*Title*{lang=en}`, `{ lang=en }`.
ENGLISH_ATTR = r"\{\s*:?\s*lang=\"?en\"?\s*\}"
#: Marker for a link whose target was lost when the source PDF was converted: "text<!-- lost-link -->".
LOST_LINK_MARKER = "<!-- lost-link -->"
#: How a box (an admonition: `!!! note "Title"`) or a collapsible one (`??? note`, `???+ note`) opens.
BOX_OPENER = r"(?:!!!|\?\?\?\+?)"
#: A line that opens a box; group 1 is its type.
BOX_LINE_RE = re.compile(rf"^\s*{BOX_OPENER}\s+([\w-]+)")
#: A shared fragment included with pymdownx.snippets: `--8<-- "includes/x.md"` on its own line (may be
#: indented, e.g. inside a box; the fragment's lines take that indentation, as in the built page).
INCLUDE_RE = re.compile(r"""^(\s*)-{1,}8<-{1,}\s+(["'])([^"']+)\2\s*$""")
#: Lines that come from an included fragment are numbered INCLUDED * (k + 1) + line, k being the k-th
#: include of the page, so every line of the expanded page has its own number; Page.where() turns
#: such a number back into the fragment's file and line for messages.
INCLUDED = 1_000_000


def read_text(path: Path) -> str:
    """A source file's text. Bytes that are not UTF-8 become U+FFFD instead of stopping every reader:
    the "encoding" check (checks.encoding) says which file and line to save as UTF-8."""
    return path.read_bytes().decode("utf-8", errors="replace")


def not_utf8(path: Path) -> tuple[int, bytes] | None:
    """(line, the bytes) of the first thing in the file that is not UTF-8, or None when all of it is."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1, data[exc.start:exc.end]
    return None


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass
class Paragraph:
    number: int
    line: int  # 1-based line in the file


@dataclass
class CitationUse:
    key: str
    line: int
    paragraph: int | None  # the numbered paragraph the citation sits in, or the last one before it
    inside: bool  # True when it is in that paragraph, False when in a box/heading after it


@dataclass
class Include:
    """One `--8<--` line of a page: the fragment it names and whether that file exists."""
    line: int
    name: str
    path: Path

    @property
    def exists(self) -> bool:
        return self.path.is_file()


@dataclass
class Page:
    path: Path
    text: str
    meta: dict = field(default_factory=dict)
    body_start: int = 1  # 1-based line number of the first body line
    meta_error: FrontMatterError | None = None
    #: The docs folder the page belongs to: fragments are named relative to it, as the build does.
    base: Path | None = None

    @classmethod
    def load(cls, path: Path, base: Path | None = None) -> "Page":
        return cls.parse(path, read_text(path), base)

    @classmethod
    def parse(cls, path: Path, text: str, base: Path | None = None) -> "Page":
        m = FRONT_MATTER_RE.match(text)
        if not m:
            return cls(path, text, {}, 1, FrontMatterError(1, "the page has no front matter"), base)
        try:
            meta = yaml.load(m.group(1), Loader=SAFE_LOADER) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = (mark.line + 2) if mark else 1
            return cls(path, text, {}, m.group(0).count("\n") + 1,
                       FrontMatterError(line, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)})"), base)
        if not isinstance(meta, dict):
            return cls(path, text, {}, m.group(0).count("\n") + 1,
                       FrontMatterError(2, "the front matter must be 'key: value' lines"), base)
        return cls(path, text, meta, m.group(0).count("\n") + 1, None, base)

    @cached_property
    def includes(self) -> list[Include]:
        """The fragments this page includes, in order (only with a known base folder)."""
        if self.base is None:
            return []
        return [Include(no, m.group(3), self.base / m.group(3))
                for no, line in enumerate(self.text.split("\n")[self.body_start - 1:], start=self.body_start)
                if (m := INCLUDE_RE.match(line))]

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """Body lines as the build reads them: included fragments expanded in place (see INCLUDED for
        their numbers), fenced code blocks blanked out. Line numbers are 1-based."""
        includes = {inc.line: (k, inc) for k, inc in enumerate(self.includes)}
        expanded: list[tuple[int, str]] = []
        for no, line in enumerate(self.text.split("\n")[self.body_start - 1:], start=self.body_start):
            if no in includes and includes[no][1].exists:
                k, inc = includes[no]
                indent = INCLUDE_RE.match(line).group(1)
                fragment = read_text(inc.path).rstrip("\n").split("\n")
                expanded += [(INCLUDED * (k + 1) + i, indent + text if text.strip() else "")
                             for i, text in enumerate(fragment, start=1)]
            else:
                expanded.append((no, line))
        out, in_fence = [], False
        for no, line in expanded:
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                out.append((no, ""))
                continue
            out.append((no, "" if in_fence else line))
        return out

    def include_of(self, no: int) -> Include | None:
        """The include a number from `lines` came from, or None for the page's own lines."""
        return self.includes[no // INCLUDED - 1] if no >= INCLUDED else None

    def where(self, no: int) -> tuple[str, int]:
        """The file (relative to the project) and line that a number from `lines` points at."""
        include = self.include_of(no)
        return (rel(include.path), no % INCLUDED) if include else (self.rel(), no)

    def locate(self, no: int) -> str:
        """'file:line' for a number from `lines`, as messages write it."""
        return "{}:{}".format(*self.where(no))

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return [Paragraph(int(m.group(1)), no) for no, line in self.lines if (m := PARAGRAPH_RE.match(line))]

    @cached_property
    def citations(self) -> list[CitationUse]:
        """Every cited key with where it is read: citations in a note count where the note is referenced."""
        note_keys = {}
        for _, line in self.lines:
            if m := FOOTNOTE_DEF_RE.match(line):
                note_keys[m.group(1)] = [k for b in CITATION_BLOCK_RE.finditer(line) for k in CITATION_KEY_RE.findall(b.group(1))]
        uses: list[CitationUse] = []
        for no, line in self.lines:
            if FOOTNOTE_DEF_RE.match(line):
                continue
            current, inside = self.paragraph_at[no]
            keys = [k for b in CITATION_BLOCK_RE.finditer(line) for k in CITATION_KEY_RE.findall(b.group(1))]
            keys += [k for r in FOOTNOTE_REF_RE.finditer(line) for k in note_keys.get(r.group(1), [])]
            uses += [CitationUse(k, no, current, inside and current is not None) for k in keys]
        return uses

    @cached_property
    def paragraph_at(self) -> dict[int, tuple[int | None, bool]]:
        """Line number -> (the last numbered paragraph started at or before it, whether the line belongs
        to it). A paragraph runs on through indented blocks and lazy continuation lines."""
        where: dict[int, tuple[int | None, bool]] = {}
        current, inside, after_blank = None, False, False
        for no, line in self.lines:
            if m := PARAGRAPH_RE.match(line):
                current, inside, after_blank = int(m.group(1)), True, False
            elif not line.strip():
                after_blank = True
            elif FOOTNOTE_DEF_RE.match(line) or not line.startswith("    ") and (after_blank or line.startswith(("#", "!!!", "???"))):
                inside = False
            else:
                after_blank = False
            where[no] = (current, inside and bool(line.strip()))
        return where

    @cached_property
    def paragraph_blocks(self) -> dict[int, str]:
        """Numbered paragraph -> its Markdown (first line, continuation and indented blocks)."""
        blocks: dict[int, list[str]] = {}
        for no, line in self.lines:
            number, inside = self.paragraph_at[no]
            if inside:
                blocks.setdefault(number, []).append(line)
        return {n: "\n".join(lines) for n, lines in blocks.items()}

    @property
    def declared_range(self) -> tuple[int, int] | None:
        """The `paragraphs: FIRST-LAST` front matter value, or None for pages without numbered paragraphs."""
        value = self.meta.get("paragraphs")
        if value is None:
            return None
        m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", str(value))
        if not m:
            raise FrontMatterError(self.meta_line("paragraphs"), f"'paragraphs: {value}' must look like 'paragraphs: 24-50'")
        return int(m.group(1)), int(m.group(2))

    def meta_line(self, key: str) -> int:
        for no, line in enumerate(self.text.split("\n")[: self.body_start], start=1):
            if line.startswith(f"{key}:"):
                return no
        return 1

    def rel(self) -> str:
        return rel(self.path)


def rel(path: Path) -> str:
    """A path as messages show it: relative to the project holding it (the nearest folder above it with
    a mkdocs.yml: the checkout, or a copy of it being checked or built), else relative to the folder
    the command runs in, else as given."""
    for base in (find_root(path), Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


#: Folders of Markdown fragments that pages include (abbreviations, shared passages); not pages.
FRAGMENT_FOLDERS = {"includes"}


def load_pages(folder: Path) -> list[Page]:
    return [Page.load(p, folder) for p in sorted(folder.rglob("*.md"))
            if not FRAGMENT_FOLDERS & set(p.relative_to(folder).parts[:-1])]

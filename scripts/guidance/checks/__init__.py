"""Content checks. Each check takes the loaded pages and yields Problems that say where and what to do.

Run them with `guidance check`. A check is a plain function registered in CHECKS; keep each one
about one rule so its message can be specific.
"""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml
from pybtex.database import BibliographyData, parse_file
from pybtex.exceptions import PybtexError

from guidance.content.model import (BOX_LINE_RE, CITATION_BLOCK_RE, CITATION_KEY_RE, ENGLISH_ATTR, FOOTNOTE_DEF_RE,
                      FOOTNOTE_REF_RE, FrontMatterError, Page, not_utf8, read_text, rel)
from guidance.checks import spelling
from guidance.checks import urls
from guidance.content.welsh import phrase_forms
from guidance.project import Project
from guidance.content.translation import STATUSES, Edition, citation_keys_by_paragraph, footnote_labels, shape

#: The consultation draft (WG37941) has 300 numbered paragraphs.
TOTAL_PARAGRAPHS = 300
#: Admonition types the theme styles for this site (see CONTRIBUTING.md, "Boxes").
ADMONITION_TYPES = {"abstract", "info", "warning", "example", "quote", "note"}


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the project folder, as messages show it
    line: int
    message: str
    #: The check that found it (run_checks sets it); not part of what makes two problems the same.
    check: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Content:
    """What the checks look at: a project (its bibliography, its site configuration for the redirects,
    its record of published addresses, its Welsh word list and glossary) and both editions of its pages."""
    project: Project
    edition: Edition

    @classmethod
    def of(cls, project: Project) -> "Content":
        return cls(project, Edition.load(project.docs, project.docs_cy))

    @classmethod
    def load(cls, docs: Path, docs_cy: Path, bibliography: Path, config: Path) -> "Content":
        """The content of the site a configuration builds, from the folders MkDocs was given (the
        guidance plugin's build checks); the other files are those of the configuration's project."""
        project = Project.at(Path(config).resolve().parent)
        return cls.of(dataclasses.replace(project, docs=Path(docs), docs_cy=Path(docs_cy), bibliography=Path(bibliography)))

    @property
    def bibliography(self) -> Path:
        return self.project.bibliography

    @property
    def config(self) -> Path:
        return self.project.config

    @property
    def published_urls(self) -> Path:
        return self.project.published_urls

    @property
    def pages(self) -> list[Page]:
        """English and Welsh pages: the rules for a page hold in both languages."""
        return self.edition.english + self.edition.welsh


Check = Callable[[Content], Iterator[Problem]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn
    return register


def line_matches(content: Content, pattern: re.Pattern, first_only: bool = False) -> Iterator[tuple[Page, int, re.Match]]:
    """Each (page, line number, match) of pattern on every line of every page: the loop of the
    line-by-line checks. first_only: one match a line at most."""
    for page in content.pages:
        for no, line in page.lines:
            for m in pattern.finditer(line):
                yield page, no, m
                if first_only:
                    break


@check("encoding")
def encoding(content: Content) -> Iterator[Problem]:
    """Every Markdown file (pages and included fragments, both languages) and the bibliography are
    saved as UTF-8: MkDocs and the citation plugin read nothing else."""
    folders = [content.edition.docs] + ([content.edition.docs_cy] if content.edition.docs_cy.exists() else [])
    for path in [p for folder in folders for p in sorted(folder.rglob("*.md"))] + [content.bibliography]:
        if found := not_utf8(path):
            line, data = found
            yield Problem(rel(path), line, f"this file is not saved as UTF-8 (the byte(s) {' '.join(f'0x{b:02x}' for b in data)} on this line cannot "
                                           "be read; text pasted from Word or saved as 'Western' or 'ANSI' does this, often "
                                           "with quotes, dashes or Welsh accents). Save the file as UTF-8 in your editor "
                                           "(in VS Code: 'Save with Encoding' > 'UTF-8') and check the characters on this line.")


@check("front-matter")
def front_matter(content: Content) -> Iterator[Problem]:
    for page in content.pages:
        if page.meta_error:
            yield Problem(page.rel(), page.meta_error.line,
                          f"{page.meta_error}. Start the file with a block like:\n"
                          "    ---\n    title: The page title\n    ---")
        elif not str(page.meta.get("title", "")).strip():
            yield Problem(page.rel(), 1, "the front matter has no 'title:'. Add 'title: <the page title>' between the --- lines.")


@check("paragraph-numbers")
def paragraph_numbers(content: Content) -> Iterator[Problem]:
    """Paragraphs 1..300 each exactly once, in order, each on the page whose range declares it —
    in each language."""
    yield from _paragraph_numbers(content.edition.english, "docs")
    if content.edition.welsh:
        yield from _paragraph_numbers(content.edition.welsh, "docs_cy")


def _paragraph_numbers(pages: list[Page], folder: str) -> Iterator[Problem]:
    seen: dict[int, tuple[Page, int]] = {}
    ranged: list[tuple[tuple[int, int], Page]] = []
    for page in pages:
        if "paragraphs_from" in page.meta:
            yield from _shared_paragraphs(page, pages)
            continue
        try:
            declared = page.declared_range
        except FrontMatterError as exc:
            yield Problem(page.rel(), exc.line, str(exc))
            continue
        if declared is None:
            if page.paragraphs:
                first_para = page.paragraphs[0]
                yield Problem(*page.where(first_para.line),
                              f"{len(page.paragraphs)} line(s) start like numbered paragraphs (the first: '{first_para.number}. ') "
                              "but the front matter has no 'paragraphs:' range. On a guidance chapter add "
                              "'paragraphs: FIRST-LAST'; on other pages write the number differently (e.g. as a heading).")
            continue
        ranged.append((declared, page))
        first, last = declared
        previous = None
        for para in page.paragraphs:
            n = para.number
            if n in seen:
                other_page, other_line = seen[n]
                yield Problem(*page.where(para.line),
                              f"paragraph {n} appears twice (also at {other_page.locate(other_line)}). "
                              "Each paragraph number must be used once: renumber or remove one of them.")
                continue
            seen[n] = (page, para.line)
            if not first <= n <= last:
                yield Problem(*page.where(para.line),
                              f"paragraph {n} is outside the range 'paragraphs: {first}-{last}' of {page.rel()}. "
                              "Move it to the right chapter or correct the range in the front matter.")
            if previous is not None and n != previous + 1:
                yield Problem(*page.where(para.line),
                              f"paragraph {n} follows paragraph {previous}; expected {previous + 1}. "
                              "Paragraph numbers must run in order without gaps.")
            previous = n
    for (first, last), page in ranged:
        for n in range(first, last + 1):
            if n not in seen:
                yield Problem(page.rel(), page.meta_line("paragraphs"),
                              f"paragraph {n} is missing: this page declares 'paragraphs: {first}-{last}' but has no line starting '{n}. '.")
    covered = sorted(n for (first, last), _ in ranged for n in range(first, last + 1))
    missing = sorted(set(range(1, TOTAL_PARAGRAPHS + 1)) - set(covered))
    if ranged and missing:
        yield Problem(folder, 1, f"no page declares paragraph(s) {_ranges(missing)}; the guidance has {TOTAL_PARAGRAPHS}. "
                                 "Add them to a chapter and extend its 'paragraphs:' range.")


def _shared_paragraphs(page: Page, pages: list[Page]) -> Iterator[Problem]:
    """A page that shows a chapter's paragraphs (`paragraphs_from: CHAPTER.md`, e.g. the practice guide)
    takes them from the fragments that chapter includes, so the two can never disagree."""
    name = page.meta["paragraphs_from"]
    chapter = next((p for p in pages if page.base and p.path.resolve() == (page.base / str(name)).resolve()), None)
    if chapter is None or chapter.declared_range is None:
        yield Problem(page.rel(), page.meta_line("paragraphs_from"),
                      f"'paragraphs_from: {name}' must name a chapter page of this folder with a 'paragraphs:' range.")
        return
    shared = {inc.name for inc in chapter.includes}
    for para in page.paragraphs:
        include = page.include_of(para.line)
        if include is None:
            yield Problem(*page.where(para.line),
                          f"paragraph {para.number} is typed into this page. It belongs to {chapter.rel()}: include the "
                          f"fragment that chapter uses (a line '--8<-- \"includes/….md\"') so there is one text to edit.")
        elif include.name not in shared:
            yield Problem(page.rel(), include.line,
                          f"'{include.name}' holds paragraph {para.number} but {chapter.rel()} does not include it. "
                          "Paragraphs shown here must be the chapter's own: include the fragment in the chapter too.")


@check("includes")
def includes(content: Content) -> Iterator[Problem]:
    """Every `--8<--` line names a fragment that exists in the page's own language folder."""
    for page in content.pages:
        for include in page.includes:
            if not include.exists:
                yield Problem(page.rel(), include.line,
                              f"'--8<-- \"{include.name}\"' names {rel(include.path)}, which does not exist. Shared passages "
                              "live in includes/ of the page's language folder (docs/includes/, docs_cy/includes/).")


@check("markers")
def markers(content: Content) -> Iterator[Problem]:
    """Every `<!-- NAME -->` marker line is one the build knows (guidance.content.markers)."""
    from guidance.content import markers as grammar

    for page in content.pages:
        for match in grammar.MARKER_RE.finditer(page.text):
            if (wrong := grammar.problem(match)) is not None:
                yield Problem(page.rel(), page.text.count("\n", 0, match.start()) + 1, wrong)


@check("footnotes")
def footnotes(content: Content) -> Iterator[Problem]:
    for page in content.pages:
        refs: dict[str, int] = {}
        defs: dict[str, int] = {}
        for no, line in page.lines:
            if m := FOOTNOTE_DEF_RE.match(line):
                if m.group(1) in defs:
                    yield Problem(*page.where(no), f"footnote [^{m.group(1)}] is defined twice (also at {page.locate(defs[m.group(1)])}). Keep one definition.")
                defs.setdefault(m.group(1), no)
                line = line[m.end():]
            for r in FOOTNOTE_REF_RE.finditer(line):
                refs.setdefault(r.group(1), no)
        for label, no in refs.items():
            if label not in defs:
                yield Problem(*page.where(no), f"footnote [^{label}] is used here but never defined. "
                                              f"Add a line '[^{label}]: <footnote text>' at the end of the page, or remove the marker.")
        for label, no in defs.items():
            if label not in refs:
                yield Problem(*page.where(no), f"footnote [^{label}] is defined but never used in the text. "
                                              "Put the marker where it belongs or delete the definition.")


EMPTY_LINK_RE = re.compile(r"\[([^\]]*)\]\(\s*#?\s*\)")


@check("empty-links")
def empty_links(content: Content) -> Iterator[Problem]:
    for page, no, m in line_matches(content, EMPTY_LINK_RE):
        yield Problem(*page.where(no),
                      f"the link '{m.group(0)}' goes nowhere. Put the real address between the brackets, or, if the "
                      f"address is unknown, write '{m.group(1)}<!-- lost-link -->' so it shows as plain text and "
                      "appears in `guidance lost-links` for an editor to restore.")


RAW_SCRIPT_RE = re.compile(r"<\s*/?\s*script\b|\bon[a-z]+\s*=\s*[\"']|javascript:", re.I)


@check("raw-script")
def raw_script(content: Content) -> Iterator[Problem]:
    for page, no, m in line_matches(content, RAW_SCRIPT_RE, first_only=True):
        yield Problem(*page.where(no),
                      f"'{m.group(0)}' puts script into the page. Content pages must not run code "
                      "(readers' privacy and safety). Remove it; site behaviour belongs in overrides/.")


LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
HEADING_ID_RE = re.compile(r"^#{1,6}\s+(.*?)(?:\s*\{\s*#([\w-]+)\s*\})?\s*$")


def _anchors(page: Page) -> set[str]:
    """Anchors a page is known to have: its paragraphs and its headings (as the toc extension names them)."""
    from markdown.extensions.toc import slugify

    anchors = {f"para-{p.number}" for p in page.paragraphs}
    for _, line in page.lines:
        if m := HEADING_ID_RE.match(line):
            anchors.add(m.group(2) or slugify(re.sub(r"[*_`]", "", m.group(1)), "-"))
    return anchors


@check("internal-links")
def internal_links(content: Content) -> Iterator[Problem]:
    """Links between pages point at pages and anchors that exist (in the same language)."""
    roots = [content.edition.docs] + ([content.edition.docs_cy] if content.edition.welsh else [])
    by_path = {p.path.resolve(): p for p in content.pages}
    for page in content.pages:
        root = next(r for r in roots if page.path.resolve().is_relative_to(r.resolve()))
        for no, line in page.lines:
            for m in LINK_RE.finditer(line):
                target = m.group(1)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                    continue  # https:, mailto:, tel:
                path, _, anchor = target.partition("#")
                if path and not path.endswith(".md"):
                    continue  # assets and directories are checked in the built site (guidance links)
                target_file = (page.path.parent / path).resolve() if path else page.path.resolve()
                if not target_file.is_relative_to(root.resolve()) or target_file not in by_path:
                    yield Problem(*page.where(no), f"the link '{target}' points to a page that does not exist. "
                                                  f"Check the file name (pages are the .md files in {root.name}/).")
                    continue
                if anchor and anchor not in _anchors(by_path[target_file]):
                    yield Problem(*page.where(no),
                                  f"the link '{target}' points to '#{anchor}', which is not on {by_path[target_file].rel()}. "
                                  "Paragraph anchors are #para-N with N a paragraph of that page; heading anchors are the "
                                  "heading in lower case with hyphens.")


@check("admonitions")
def admonitions(content: Content) -> Iterator[Problem]:
    for page, no, m in line_matches(content, BOX_LINE_RE):
        if m.group(1) not in ADMONITION_TYPES:
            yield Problem(*page.where(no),
                          f"'{m.group(1)}' is not a box type this site uses. Use one of: {', '.join(sorted(ADMONITION_TYPES))} "
                          "(see CONTRIBUTING.md, 'Boxes').")


ENTRY_START_RE = re.compile(r"^\s*@(\w+)\s*\{\s*([^,\s]*)\s*,", re.M)
#: Fields each entry type must have so a reader can find the work. Kept minimal on purpose: the
#: source often gives no more, and we never invent a field (see CONTRIBUTING.md, "Citations").
REQUIRED_FIELDS = {
    "article": ["author", "title", "journal", "year"],
    "book": ["title", "year"],
    "incollection": ["author", "title", "booktitle"],
    "report": ["title"],
    "techreport": ["title"],
    "online": [("url", "lostlink")],
    "misc": [("title", "url")],
    "unpublished": ["title"],
}
KEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def _bib_entries(content: Content) -> tuple[dict[str, tuple[str, int]], list[Problem], list[Problem]]:
    """Entry key -> (type, line) from the .bib text, the keys used twice (which stop the file being
    read at all) and the keys the citation plugin cannot handle."""
    bib = rel(content.bibliography)
    text = read_text(content.bibliography)
    entries: dict[str, tuple[str, int]] = {}
    duplicates, bad_keys = [], []
    for m in ENTRY_START_RE.finditer(text):
        kind, key = m.group(1).lower(), m.group(2)
        line = text.count("\n", 0, m.start(1)) + 1
        if kind in {"comment", "preamble", "string"}:
            continue
        if key in entries:
            duplicates.append(Problem(bib, line, f"the key '{key}' is used twice (also line {entries[key][1]}). "
                                                 "Merge the two entries or give one a new key, and update the [@key] citations."))
            continue
        if not KEY_RE.match(key):
            bad_keys.append(Problem(bib, line, f"the key '{key}' has characters the citation plugin cannot handle. "
                                               "Use letters and digits only, as AuthorYYYYword (e.g. Hallett2017making)."))
        entries[key] = (kind, line)
    return entries, duplicates, bad_keys


def _read_bibliography(content: Content) -> tuple[BibliographyData | None, list[Problem]]:
    """The parsed bibliography, or None and why it cannot be read: a key used twice or broken syntax
    (pybtex, and so mkdocs-bibtex and the build, stop at either)."""
    _, duplicates, _ = _bib_entries(content)
    if duplicates:
        return None, duplicates
    if not_utf8(content.bibliography):
        return None, []  # the "encoding" check says where
    try:
        return parse_file(str(content.bibliography), bib_format="bibtex"), []
    except PybtexError as exc:
        return None, [Problem(rel(content.bibliography), getattr(exc, "lineno", None) or 1,
                              f"the bibliography cannot be read: {exc}. Check the braces and commas of the entry around this line.")]


def unreadable_bibliography(content: Content) -> Iterator[Problem]:
    """Part of the "bibliography" check that the build runs too: mistakes that stop the .bib being read."""
    yield from _read_bibliography(content)[1]


@check("bibliography")
def bibliography(content: Content) -> Iterator[Problem]:
    bib = rel(content.bibliography)
    entries, _, bad_keys = _bib_entries(content)
    data, unreadable = _read_bibliography(content)
    yield from unreadable
    yield from bad_keys
    if data is None or bad_keys:
        return
    for key, entry in data.entries.items():
        kind, line = entries.get(key, (entry.type, 1))
        for need in REQUIRED_FIELDS.get(kind, [("title", "url")]):
            options = need if isinstance(need, tuple) else (need,)
            if not any(o in entry.fields or o in entry.persons for o in options):
                yield Problem(bib, line, f"@{kind}{{{key}}} has no {' or '.join(options)}. Add it from the source, or, if the "
                                         "source does not give it, use an entry type that does not need it (never invent it).")
    cited = {use.key for page in content.edition.english for use in page.citations}
    for key, (kind, line) in entries.items():
        if key not in cited:
            yield Problem(bib, line, f"'{key}' is never cited. Cite it with [@{key}] where it belongs, or delete the entry.")


BRACKETS_RE = re.compile(r"(?<!\!)\[([^\[\]]*@[^\[\]]*)\]")


def _brackets_with_at(content: Content) -> Iterator[tuple[Page, int, re.Match]]:
    for page in content.pages:
        for no, line in page.lines:
            for m in BRACKETS_RE.finditer(line):
                yield page, no, m


def unknown_citations(content: Content) -> Iterator[Problem]:
    """Part of the "citations" check that the build runs too: [@key] with no such entry in the .bib."""
    entries, _, _ = _bib_entries(content)
    for page, no, m in _brackets_with_at(content):
        if CITATION_BLOCK_RE.fullmatch(m.group(0)):
            for key in CITATION_KEY_RE.findall(m.group(1)):
                if key not in entries:
                    yield Problem(*page.where(no), f"[@{key}] cites a work that is not in bibliography.bib. "
                                                  "Check the spelling of the key, or add the entry to bibliography.bib.")


@check("citations")
def citations(content: Content) -> Iterator[Problem]:
    yield from unknown_citations(content)
    for page, no, m in _brackets_with_at(content):
        if not CITATION_BLOCK_RE.fullmatch(m.group(0)):
            yield Problem(*page.where(no),
                          f"'{m.group(0)}' contains '@', so the citation plugin would treat it as a citation and delete it. "
                          "A citation is only [@key] or [@key1; @key2] (no page numbers or words inside). For an e-mail "
                          "address write <name@example.org>; for other text remove the brackets.")


@check("welsh-pages")
def welsh_pages(content: Content) -> Iterator[Problem]:
    edition = content.edition
    for pair in edition.pairs:
        if pair.welsh is None:
            welsh = (edition.docs_cy / pair.english.path.relative_to(edition.docs)).as_posix()
            yield Problem(pair.english.rel(), 1,
                          f"this page has no Welsh counterpart. Every page is published in English and Welsh at the same "
                          f"time: add {rel(Path(welsh))} (see CONTRIBUTING.md, 'Welsh'), then run "
                          f"`guidance translations --record {rel(Path(welsh))}`.")
    for page in edition.orphans():
        yield Problem(page.rel(), 1, "this Welsh page has no English page of the same name in docs/. Rename it to match "
                                     "its English page, or delete it.")


@check("welsh-structure")
def welsh_structure(content: Content) -> Iterator[Problem]:
    """Numbers, anchors, citations, footnotes and the shape of each Welsh page match its English page."""
    for pair in content.edition.pairs:
        english, welsh = pair.english, pair.welsh
        if welsh is None or welsh.meta_error:
            continue
        for key in ("paragraphs", "paragraphs_from"):
            if english.meta.get(key) != welsh.meta.get(key):
                yield Problem(welsh.rel(), welsh.meta_line(key),
                              f"'{key}: {welsh.meta.get(key)}' differs from the English page's "
                              f"'{key}: {english.meta.get(key)}'. Use the same value.")
        en_numbers = [p.number for p in english.paragraphs]
        cy_numbers = [p.number for p in welsh.paragraphs]
        if en_numbers != cy_numbers:
            missing = sorted(set(en_numbers) - set(cy_numbers))
            extra = sorted(set(cy_numbers) - set(en_numbers))
            line = next((p.line for p in welsh.paragraphs if p.number in extra), welsh.body_start)
            detail = "; ".join(x for x in (f"missing in Welsh: {_ranges(missing)}" if missing else "",
                                           f"not in English: {_ranges(extra)}" if extra else "") if x) or "same numbers, different order"
            yield Problem(*welsh.where(line), f"the Welsh numbered paragraphs differ from {english.rel()} ({detail}). "
                                             "Each English paragraph has exactly one Welsh paragraph with the same number.")
        en_keys, cy_keys = citation_keys_by_paragraph(english), citation_keys_by_paragraph(welsh)
        cy_lines = {p.number: p.line for p in welsh.paragraphs}
        for number in sorted(set(en_keys) | set(cy_keys), key=lambda n: (n is None, n or 0)):
            if en_keys.get(number, []) != cy_keys.get(number, []):
                where = f"paragraph {number}" if number is not None else "text outside the numbered paragraphs"
                yield Problem(*welsh.where(cy_lines.get(number, welsh.body_start)),
                              f"the citations in {where} differ from English: English cites {en_keys.get(number, [])}, "
                              f"Welsh cites {cy_keys.get(number, [])}. Keep the same [@key] citations in the same order.")
        en_notes, cy_notes = footnote_labels(english), footnote_labels(welsh)
        if en_notes != cy_notes:
            diff = sorted(set((en_notes - cy_notes) | (cy_notes - en_notes)))
            yield Problem(welsh.rel(), welsh.body_start, f"the footnotes differ from English ({', '.join(diff)}). "
                                                         "Keep every [^label] marker and definition the English page has.")
        en_shape, cy_shape = shape(english), shape(welsh)
        for item in sorted(set(en_shape) | set(cy_shape)):
            if en_shape[item] != cy_shape[item]:
                yield Problem(welsh.rel(), welsh.body_start,
                              f"the page has {cy_shape[item]} {item}(s) where English has {en_shape[item]}. "
                              "The Welsh page keeps the English page's structure.")


@check("welsh-translation-record")
def welsh_translation_record(content: Content) -> Iterator[Problem]:
    """Each Welsh page says what it translates; English edited since then fails until Welsh catches up."""
    for pair in content.edition.pairs:
        welsh = pair.welsh
        if welsh is None or welsh.meta_error:
            continue
        record = pair.record
        fix = f"run `guidance translations --record {welsh.rel()}`"
        # An editor who does not write Welsh has it translated: export, send, import (which records it).
        translate = (f"Have it translated: `guidance translations export --outdated --xliff outdated.xlf {pair.english.rel()}`, "
                     f"send outdated.xlf to the translator and run `guidance translations import` on the file they "
                     f"return, which records it; publish once it is imported. Only if you updated the Welsh yourself, "
                     f"{fix} (never record Welsh that was not updated)")
        if record.get("status") not in STATUSES:
            yield Problem(welsh.rel(), welsh.meta_line("translation"),
                          f"the front matter needs 'translation: status: draft' (or 'reviewed' once a qualified translator "
                          f"has checked it); found {record.get('status')!r}.")
            continue
        if "english" not in record:
            yield Problem(welsh.rel(), welsh.meta_line("translation"),
                          f"no record of which English text this translates. When the Welsh matches {pair.english.rel()}, {fix}.")
            continue
        english_lines = {p.number: p.line for p in pair.english.paragraphs}
        welsh_lines = {p.number: p.line for p in welsh.paragraphs}
        for number in pair.outdated_paragraphs():
            yield Problem(*welsh.where(welsh_lines.get(number, welsh.body_start)),
                          f"English paragraph {number} ({pair.english.locate(english_lines.get(number, 1))}) changed after "
                          f"this Welsh translation was recorded: Welsh paragraph {number} needs updating. {translate}.")
        if pair.outside_paragraphs_changed():
            yield Problem(welsh.rel(), welsh.meta_line("translation"),
                          f"{pair.english.rel()} changed outside its numbered paragraphs (a heading, box, list or quote) after "
                          f"this Welsh translation was recorded: the Welsh needs updating to match. {translate}.")


@check("change-notes")
def change_notes(content: Content) -> Iterator[Problem]:
    """Every committed change to a numbered paragraph since the first edition says why, in each
    language: readers see the note in What's changed, the paragraph's history and the feeds."""
    from guidance.content.history import EDITIONS, EditionsError, History, missing_notes, read_editions

    docs, docs_cy = content.edition.docs.resolve(), content.edition.docs_cy.resolve()
    root = content.project.root
    try:
        read_editions(root / EDITIONS)
    except EditionsError as exc:
        yield Problem(EDITIONS, 1, exc.problem)
        return
    history = History.read(root, {"en": docs, "cy": docs_cy}, working_tree=False)
    for change, trailer in missing_notes(history):
        number = change.number if change.number is not None else change.old_number
        path = root / change.path
        line = next((no for no, text in enumerate(read_text(path).split("\n"), start=1)
                     if text.startswith(f"{number}. ")), 1) if path.is_file() else 1
        commit, day = change.step.commit[:7], change.step.date.isoformat()
        language = "Welsh" if trailer.endswith("-cy") else "English"
        yield Problem(rel(path), line,
                      f"paragraph {number} ({language}) was changed in commit {commit} ({day}) with no `{trailer}:` "
                      f"line in its message, so What's changed, the paragraph's history and the feed give readers no "
                      f"reason. Before it is merged, reword that commit (`git rebase -i`, then `reword`) to end with "
                      f"`{trailer}: what changed and why, in one sentence`; if it is already merged, give the note in "
                      f"editions.yml under `notes:` as `{commit}: {{{'cy' if trailer.endswith('-cy') else 'en'}: ...}}`.")


#: Text a Welsh page keeps in English and marks so: *Title*{lang=en}
ENGLISH_SPAN_RE = re.compile(r"\*([^*]+)\*" + ENGLISH_ATTR)
TERM_KEYS = {"en", "cy", "avoid", "allow", "only_where_english", "require", "review"}
#: Where a front-matter title is, for pairing it with the English title.
TITLE = "title"


def load_terminology(path: Path) -> list[dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms", []) if path.exists() else []


def _welsh_pattern(phrase: str) -> re.Pattern:
    """A Welsh word or phrase as a whole word, its first word in any initial mutation, any case."""
    forms = sorted(phrase_forms(" ".join(phrase.lower().replace("’", "'").split())), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)", re.I)


def _variant_pattern(variant: str) -> re.Pattern:
    """An avoided variant: an English abbreviation (CSE, YOTs, LGBT+) exactly, a Welsh one in any mutation."""
    if " " not in variant and sum(c.isupper() for c in variant) >= 2:
        return re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)")
    return _welsh_pattern(variant)


@dataclass
class Term:
    en: str
    cy: list[str]
    english: re.Pattern  # the English term in English text
    forms: set[str]  # the agreed Welsh forms in every mutation, lower case
    avoid: list[re.Pattern]
    allow: list[re.Pattern]
    only_where_english: bool  # avoided only where the English counterpart says `en`
    require: bool  # an English paragraph saying `en` needs an agreed form in Welsh


def _terms(path: Path) -> tuple[list[Term], list[Problem]]:
    where = rel(path)
    try:
        raw = load_terminology(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(where, mark.line + 1 if mark else 1,
                            f"this file is not valid YAML ({getattr(exc, 'problem', exc)}). Fix its syntax.")]
    terms, problems = [], []
    for term in raw if isinstance(raw, list) else []:
        if (not isinstance(term, dict) or not isinstance(term.get("en"), str) or not term.get("cy")
                or any(not isinstance(term.get(k, []), list) for k in ("cy", "avoid", "allow")) or set(term) - TERM_KEYS):
            problems.append(Problem(where, _yaml_line(path, term),
                                    "each term needs 'en: English term' and 'cy: [Welsh forms]', and may have avoid: [...], "
                                    f"allow: [...], only_where_english: true, require: false and review: (found {term!r})."))
            continue
        terms.append(Term(term["en"], [str(c) for c in term["cy"]], re.compile(rf"\b{re.escape(term['en'])}\b", re.I),
                          {f for cy in term["cy"] for f in phrase_forms(str(cy).lower())},
                          [_variant_pattern(str(v)) for v in term.get("avoid", [])],
                          [_welsh_pattern(str(a)) for a in term.get("allow", [])],
                          term.get("only_where_english") is True, term.get("require", True) is not False))
    return terms, problems


def _yaml_line(path: Path, term: object) -> int:
    en = term.get("en") if isinstance(term, dict) else None
    for no, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if en and re.match(rf"\s*-\s*en:\s*['\"]?{re.escape(str(en))}", line):
            return no
    return 1


def _sections(page: Page) -> dict[object, str]:
    """A page's text by where it stands: numbered paragraph N with the headings, boxes and lists after
    it up to paragraph N + 1 (None before the first one, or on a page without any), and the title.
    A Welsh page has the English page's structure, so the same key finds the English counterpart."""
    sections: dict[object, list[str]] = {TITLE: [str(page.meta.get("title", ""))]}
    for no, line in page.lines:
        sections.setdefault(page.paragraph_at[no][0], []).append(line)
    return {key: "\n".join(lines) for key, lines in sections.items()}


def _avoided(text: str, terms: list[Term], english: str) -> list[tuple[str, Term]]:
    """Avoided variants in a line of Welsh prose (its English counterpart given): what the text says and
    the term it is avoided for. A variant inside an allowed phrase, or inside a longer avoided one
    ("Ymddiriedolaethau NHS" holds "NHS"), is not reported on its own."""
    text = text.replace("’", "'")
    found: list[tuple[int, int, Term]] = []
    for term in terms:
        if term.only_where_english and not term.english.search(english):
            continue
        allowed = [m.span() for a in term.allow for m in a.finditer(text)]
        found += [(m.start(), m.end(), term) for v in term.avoid for m in v.finditer(text)
                  if not any(s <= m.start() and m.end() <= e for s, e in allowed)]
    return [(text[s:e], term) for s, e, term in sorted(found, key=lambda f: f[:2])
            if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in found)]


@check("terminology")
def terminology(content: Content) -> Iterator[Problem]:
    """Where an English paragraph uses a glossary term, its Welsh paragraph uses an agreed Welsh form;
    no Welsh text uses a variant the glossary says to avoid for it."""
    terms, problems = _terms(content.project.terminology)
    glossary = rel(content.project.terminology)
    yield from problems
    for pair in content.edition.pairs:
        if pair.welsh is None:
            continue
        page, english = pair.welsh, _sections(pair.english)
        lines = [(no, page.paragraph_at[no][0], line) for no, line in spelling.prose_lines(page, footnotes=True)]
        if isinstance(title := page.meta.get(TITLE), str):
            lines.insert(0, (page.meta_line(TITLE), TITLE, spelling.prose(title)))
        for no, section, line in lines:
            for said, term in _avoided(line, terms, english.get(section, "")):
                yield Problem(*page.where(no), f'"{said}" is to be avoided for "{term.en}"; use "{term.cy[0]}" '
                                               f"({glossary}).")
    # A paragraph with an avoided variant is told so above; not again that it lacks the preferred form.
    avoid_by_preferred: dict[str, list[re.Pattern]] = {}
    for term in terms:
        avoid_by_preferred.setdefault(term.cy[0].lower(), []).extend(term.avoid)
    for pair in content.edition.pairs:
        if pair.welsh is None:
            continue
        welsh_blocks = pair.welsh.paragraph_blocks
        welsh_lines = {p.number: p.line for p in pair.welsh.paragraphs}
        for number, english in pair.english.paragraph_blocks.items():
            block = " ".join(welsh_blocks.get(number, "").replace("’", "'").split())
            welsh = block.lower()
            kept_in_english = " ".join(ENGLISH_SPAN_RE.findall(welsh))  # titles that exist only in English
            for term in terms:
                if (term.require and term.english.search(english) and not any(f in welsh for f in term.forms)
                        and not term.english.search(kept_in_english)
                        and not any(v.search(block) for v in avoid_by_preferred[term.cy[0].lower()])):
                    yield Problem(*pair.welsh.where(welsh_lines.get(number, 1)),
                                  f"English paragraph {number} says '{term.en}' but the Welsh has none of the agreed terms "
                                  f"({' / '.join(term.cy)}, in any mutation). Use the glossary term, or add the form you "
                                  f"need to {glossary} if it is right.")


@check("welsh-spelling")
def welsh_spelling(content: Content) -> Iterator[Problem]:
    if not content.edition.welsh:
        return
    try:
        wrong, _ = spelling.check(content.edition.welsh, content.project.spelling_wordlist)
    except FileNotFoundError as exc:
        yield Problem(rel(content.edition.docs_cy), 1, f"cannot check Welsh spelling: {exc}.")
        return
    wordlist = rel(content.project.spelling_wordlist)
    for m in wrong:
        yield Problem(m.file, m.line, f"'{m.word}' is not in the Welsh dictionary. Correct the spelling; if it is a name, "
                                      f"acronym or English title, add it to {wordlist}.")


@check("published-urls")
def published_urls(content: Content) -> Iterator[Problem]:
    """Every address in published-urls.txt is still a page or a redirect; every page is recorded."""
    record, config = rel(content.published_urls), rel(content.config)
    welsh_root = content.project.welsh_root
    pages = urls.pages(content.edition, welsh_root)
    maps = urls.redirects(content.config)
    redirected = urls.redirected(maps, welsh_root)
    recorded: dict[str, int] = {}
    for no, url in urls.read(content.published_urls):
        if not url.startswith("/") or any(c.isspace() for c in url):
            yield Problem(record, no, f"'{url}' is not a page address. Each line holds one address from the site's root, "
                                      "starting with '/', e.g. /chapter-3-safeguarding-procedures/.")
        elif url in recorded:
            yield Problem(record, no, f"{url} is listed twice (also line {recorded[url]}). Delete this line.")
        else:
            recorded[url] = no
    for url, no in recorded.items():
        if url in pages or url in redirected:
            continue
        welsh = url.startswith(welsh_root)
        # The page it became is most likely a page not recorded yet, in the same language.
        new = sorted(urls.source_name(u, welsh_root) for u in pages if u not in recorded and u.startswith(welsh_root) == welsh)
        target = new[0] if len(new) == 1 else "NEW-NAME.md"
        where = "" if len(new) == 1 else (" (NEW-NAME.md: the page's file name now" +
                                          (f", perhaps one of {', '.join(new)})" if new else ")"))
        yield Problem(record, no, f"{url} was published but no page or redirect serves it any more. Add "
                                  f"`{urls.source_name(url, welsh_root)}: {target}` under redirect_maps in {config}{where} "
                                  "(or restore the page). One line there serves both languages.")
    for url, page in pages.items():
        if url not in recorded:
            yield Problem(page.rel(), 1, f"this page's address {url} is not in {record}. Run `guidance urls --record` "
                                         "to add it (once published, an address is kept working for good).")
    for r in maps:
        if "/" + urls.page_path(r.new) not in pages:
            yield Problem(config, r.line, f"the redirect '{r.old}: {r.new}' leads to a page that does not exist "
                                          f"(no {r.new} in {content.edition.docs.name}/). Write the renamed page's file name.")
        if "/" + urls.page_path(r.old) in pages:
            yield Problem(config, r.line, f"the redirect '{r.old}: {r.new}' would replace the page "
                                          f"{pages['/' + urls.page_path(r.old)].rel()}, which still exists. Remove the redirect "
                                          "or the page.")


@check("external-resources")
def external_resources(content: Content) -> Iterator[Problem]:
    """Nothing in a page (or a fragment it includes) makes the browser load a file from another site:
    readers may be watched, and the site promises that nothing is loaded from a third party. Links
    to other sites are fine; images, media, frames, stylesheets, fonts and scripts are not."""
    from guidance.content.model import FRAGMENT_FOLDERS
    from guidance.site.external_resources import find

    folders = [content.edition.docs] + ([content.edition.docs_cy] if content.edition.welsh else [])
    # Fragments are checked as files of their own too: the abbreviations every page gets appended,
    # and any not included anywhere yet. A problem in one shows once (run_checks drops repeats).
    fragments = [Page.parse(path, read_text(path), folder)
                 for folder in folders for name in FRAGMENT_FOLDERS for path in sorted((folder / name).rglob("*.md"))]
    for page in content.pages + fragments:
        for resource in find(page.lines):
            yield Problem(*page.where(resource.line),
                          f"{resource} is loaded from another site; readers' browsers would contact it. Save a copy in "
                          "docs/assets/ (check its licence) or link to it instead.")


#: What stops `mkdocs build` with a Python error instead of a message (a .bib pybtex cannot read, an
#: unknown key, a missing fragment, a file that is not UTF-8, an unknown marker): the guidance plugin runs
#: these in the build (guidance.plugin.errors), so an editor previewing with `mkdocs serve` gets the same file:line message.
BUILD_CHECKS: tuple[Check, ...] = (encoding, unreadable_bibliography, unknown_citations, includes, markers)


def build_errors(content: Content) -> list[Problem]:
    """The problems that would break the build, as `guidance check` words them (only these checks run)."""
    return sorted(set(p for check in BUILD_CHECKS for p in check(content)), key=lambda p: (p.file, p.line))


def run_checks(content: Content, names: Iterable[str] | None = None) -> list[Problem]:
    selected = list(names) if names else list(CHECKS)
    problems: list[Problem] = []
    for name in selected:
        problems.extend(replace(problem, check=name) for problem in CHECKS[name](content))
    # A fragment shared by two pages is checked in both: report each of its problems once.
    return sorted(set(problems), key=lambda p: (p.file, p.line))


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ", ".join(out)

"""The translator's round trip: XLIFF 1.2 out of the edition, and back into docs_cy/.

    guidance translations export --xliff FILE.xlf [PAGE…] [--outdated | --draft]
    guidance translations import FILE.xlf

XLIFF 1.2 is the version memoQ, Trados and Phrase all import. The file holds one <file> per Markdown
file (a page, or a shared fragment of docs/includes/ shown by several pages), source-language="en",
target-language="cy", and one <trans-unit> per unit (segments.py: numbered paragraph, heading, list
item, box title, paragraph of a box, note, table row), its id "FILE#KEY", e.g.
"chapter-3-safeguarding-procedures.md#para-145" — the same in every export while that text exists.
The source is the current English, the target the current Welsh. Citations, note markers, link
addresses, abbreviations, inline HTML and lost-link markers are <x/> codes (equiv-text shows their
Markdown), links and emphasis <g> codes around the words the translator translates: a CAT tool shows
them as tags the translator places but cannot edit. A <note> names the page and paragraph.

The target's state says how far the Welsh is: "final" (reviewed by a translator), "translated"
(draft), "needs-review-translation" (the English changed since the Welsh was recorded). A translator
who signs a unit off marks it "final" or "signed-off"; importing records it as reviewed.

Import checks the whole file before it writes anything, and writes nothing if any unit is wrong.
Translate Toolkit (translate.storage.xliff) reads and writes the XLIFF; lxml (which it uses) checks
the raw file first so that a damaged file gets a message, not a traceback.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as tt_codes

from guidance.content import segments
from guidance.checks import _ranges
from guidance.content.model import rel
from guidance.content.segments import Code
from guidance.content.translation import Edition, Pair, Unit, UnitReader, english_fingerprints, fingerprint, write_record

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANGUAGE, TARGET_LANGUAGE = "en", "cy"
#: The XLIFF ctype of each kind of code (XLIFF 1.2 names link, bold, italic; the rest are x- extensions).
CTYPE = {"link": "link", "bold": "bold", "italic": "italic", "citation": "x-citation", "note": "x-footnote",
         "abbreviation": "x-abbreviation", "html": "x-html", "lost-link": "x-lost-link", "address": "x-address",
         "attributes": "x-attributes", "code": "x-code", "image": "image"}
#: Codes a Welsh sentence may leave out: typing the abbreviation gives the same page, and Welsh may word
#: around it. Every other code must be in the Welsh exactly once.
OPTIONAL = {"abbreviation"}
REVIEWED_STATES = {"final", "signed-off"}
CONFIRMED_STATES = REVIEWED_STATES | {"translated"}
STATE = {"reviewed": "final", "draft": "translated", "outdated": "needs-review-translation"}
KIND_NAMES = {"paragraph": "numbered paragraph {n}", "heading": "heading", "item": "list item", "quote": "quotation",
              "text": "paragraph", "box": "box title", "note": "note", "definition": "definition", "row": "table row"}


class _Unit(tt_xliff.xliffunit):
    namespace = NAMESPACE


class _Store(tt_xliff.xlifffile):
    """Translate Toolkit's XLIFF store, started as XLIFF 1.2 (its default skeleton is 1.1)."""
    UnitClass = _Unit
    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{NAMESPACE}">
<file original="NoName" source-language="{SOURCE_LANGUAGE}" target-language="{TARGET_LANGUAGE}" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


# --- codes <-> XLIFF inline elements ----------------------------------------------------------------

def to_xliff(tokens: list) -> StringElem:
    sub: list = []
    for token in tokens:
        if isinstance(token, str):
            sub.append(StringElem(token))
        elif token.paired:
            sub.append(tt_codes.G(id=token.id, sub=to_xliff(token.children).sub, xml_attrib={"ctype": CTYPE[token.kind]}))
        else:
            sub.append(tt_codes.X(id=token.id, xml_attrib={"ctype": CTYPE[token.kind], "equiv-text": token.native}))
    return StringElem(sub)


def welsh_target(unit: Unit) -> list:
    """The current Welsh as target tokens: each Welsh code that stands for an English one carries its id;
    a Welsh-only mark (`*Title*{lang=en}`, `<span lang="en">`) stays the Markdown text it is."""
    pool: dict = defaultdict(deque)
    for code in segments.walk(unit.tokens):
        pool[code.signature()].append(code)

    def convert(items: list) -> list:
        out: list = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif pool.get(item.signature()):
                out.append(Code(item.kind, item.native, item.close, convert(item.children), pool[item.signature()].popleft().id))
            else:
                out += [item.native, *convert(item.children)] + ([item.close] if item.close else [])
        return segments._merge_text(out)

    return convert(unit.welsh_tokens or [])


def welsh_natives(unit: Unit) -> dict[str, tuple[str, str | None]]:
    """Code id -> the Markdown to write for it in Welsh: the Welsh page's own link address or HTML tag
    where it has one for that code, else the English."""
    natives = {c.id: (c.native, c.close) for c in segments.walk(unit.tokens)}
    for code in segments.walk(welsh_target(unit)):
        if code.id:
            natives[code.id] = (code.native, code.close)
    return natives


def canonical(tokens: list) -> str:
    """A unit's text with its codes, whitespace evened out: what an export wrote as the source."""
    def walk(items):
        for t in items:
            if isinstance(t, str):
                yield t
            elif t.paired:
                yield f"\x01g{t.id}:{CTYPE[t.kind]}\x02"
                yield from walk(t.children)
                yield f"\x01/g{t.id}\x02"
            else:
                yield f"\x01x{t.id}:{CTYPE[t.kind]}\x02"
    return " ".join("".join(walk(tokens)).split())


def canonical_xliff(elem: StringElem) -> str:
    def walk(e):
        for sub in e.sub:
            if isinstance(sub, str):
                yield sub
            elif isinstance(sub, tt_codes.G):
                yield f"\x01g{sub.id}:{_attrib(sub).get('ctype')}\x02"
                yield from walk(sub)
                yield f"\x01/g{sub.id}\x02"
            elif isinstance(sub, tt_codes.X):
                yield f"\x01x{sub.id}:{_attrib(sub).get('ctype')}\x02"
            elif type(sub) is StringElem:
                yield from walk(sub)
            else:
                yield "\x01?\x02"
    return " ".join("".join(walk(elem)).split())


def _attrib(elem) -> dict:
    return dict(getattr(elem, "xml_attrib", None) or {})


def _tag(elem) -> str:
    node = getattr(elem, "xml_node", None)
    return etree.QName(node).localname if node is not None else type(elem).__name__.lower()


def describe(code: Code) -> str:
    shown = code.native + (segments.render(code.children) + code.close if code.paired else "")
    return f"{code.id} ({code.kind} {shown[:60]})"


def from_xliff(elem: StringElem, unit: Unit, problems: list[str], where: str, typed: list[str]) -> str:
    """The target back to Markdown, with the English codes' Markdown (Welsh addresses where the Welsh
    has its own). Problems with the codes go into `problems`; the text typed (outside codes) into `typed`."""
    source = {c.id: c for c in segments.walk(unit.tokens)}
    natives = welsh_natives(unit)
    seen: set[str] = set()

    def walk(e) -> str:
        out = []
        for sub in e.sub:
            if isinstance(sub, str):
                out.append(sub)
                typed.append(sub)
            elif isinstance(sub, (tt_codes.G, tt_codes.X)):
                paired = isinstance(sub, tt_codes.G)
                code = source.get(sub.id)
                tag = "g" if paired else "x"
                if code is None or code.paired != paired:
                    problems.append(f"{where}: the Welsh has an inline code <{tag} id=\"{sub.id}\"> that the English does not "
                                    "have. Remove it, and use only the codes of the source.")
                    out.append(walk(sub) if paired else "")
                    continue
                if sub.id in seen:
                    problems.append(f"{where}: inline code {describe(code)} is in the Welsh twice. Keep it once, where "
                                    "the English has it.")
                seen.add(sub.id)
                ctype = _attrib(sub).get("ctype")
                if ctype is not None and ctype != CTYPE[code.kind]:
                    problems.append(f"{where}: inline code {describe(code)} was changed (ctype '{ctype}', the source "
                                    f"has '{CTYPE[code.kind]}'). Use the code exactly as in the source.")
                native, close = natives[sub.id]
                out.append(native + (walk(sub) + close if paired else ""))
            elif type(sub) is StringElem:
                out.append(walk(sub))
            else:
                problems.append(f"{where}: the Welsh has <{_tag(sub)}> markup, which this site cannot take. Use only "
                                "the inline codes of the source (<x/> and <g>) and plain text.")
        return "".join(out)

    markdown = walk(elem)
    for code in segments.walk(unit.tokens):
        if code.id not in seen and code.kind not in OPTIONAL:
            problems.append(f"{where}: inline code {describe(code)} from the English is missing in the Welsh. Put it "
                            "back where it belongs in the sentence (in the CAT tool, insert the tag from the source).")
    return markdown


# --- export ------------------------------------------------------------------------------------------

@dataclass
class Selected:
    unit: Unit
    pages: list[Pair] = field(default_factory=list)
    status: str = "draft"


def select(edition: Edition, reader: UnitReader, pairs: list[Pair], only: str | None) -> list[Selected]:
    """The units of these pages, each once, with its status; `only`: 'outdated' or 'draft' (not reviewed)."""
    chosen: dict[str, Selected] = {}
    order = ["reviewed", "draft", "outdated"]
    for pair in pairs:
        if pair.welsh is None:
            continue
        reviewed, outdated = pair.reviewed(), set(pair.outdated_paragraphs())
        for unit in reader.page_units(pair.english):
            status = pair.unit_status(unit, reviewed, outdated)
            entry = chosen.setdefault(unit.id, Selected(unit, [], status))
            entry.pages.append(pair)
            if order.index(status) > order.index(entry.status):
                entry.status = status
    wanted = {"outdated": {"outdated"}, "draft": {"outdated", "draft"}, None: set(order)}[only]
    return [s for s in chosen.values() if s.status in wanted]


def note_for(selected: Selected, docs: Path) -> str:
    unit, first = selected.unit, selected.pages[0]
    title = first.english.meta.get("title", first.english.rel())
    kind = KIND_NAMES[unit.english.kind].format(n=unit.paragraph)
    where = f"{kind}, in paragraph {unit.paragraph}" if unit.paragraph is not None and unit.english.kind != "paragraph" else kind
    also = [p.english.rel() for p in selected.pages[1:]]
    note = f"Page: {title} ({first.english.rel()}); {where}; English at {rel(docs / unit.file)}:{unit.english.line}"
    if also:
        note += f"; also shown on {', '.join(also)}"
    if selected.status == "outdated":
        note += ". The English changed since this Welsh was recorded: check the Welsh against it"
    elif selected.status == "reviewed":
        note += ". Reviewed"
    return note + "."


def export(edition: Edition, reader: UnitReader, pairs: list[Pair], only: str | None = None) -> tuple[bytes, int]:
    """The XLIFF document for these pages, and how many units it holds."""
    store = _Store()
    selected = select(edition, reader, pairs, only)
    by_file: dict[str, list[Selected]] = {}
    for s in selected:
        by_file.setdefault(s.unit.file, []).append(s)
    for file, entries in by_file.items():
        store.switchfile(file, createifmissing=True)
        store.body.getparent().set("target-language", TARGET_LANGUAGE)
        for s in entries:
            unit = s.unit
            tu = store.UnitClass("")
            tu.setid(unit.id)
            store.addunit(tu)
            tu.rich_source = [to_xliff(unit.tokens)]
            tu.rich_target = [to_xliff(welsh_target(unit))]
            target = tu.get_target_dom()
            target.set("state", STATE[s.status] if unit.welsh else "needs-translation")
            if s.status == "reviewed":
                tu.xmlelement.set("approved", "yes")
            tu.addnote(note_for(s, edition.docs), origin="guidance")
            contexts = [("x-paragraph", str(unit.paragraph))] if unit.paragraph is not None else []
            if unit.welsh:  # what the Welsh was, to notice an edit made in docs_cy/ while the file was out
                contexts.append(("x-welsh-fingerprint", fingerprint(unit.welsh.text)))
            if contexts:
                tu.createcontextgroup(unit.id, contexts, "information")  # a group name is unique in its <file>
    return bytes(store), len(selected)


# --- import ------------------------------------------------------------------------------------------

@dataclass
class Change:
    unit: Unit
    markdown: str  # the Welsh as the target says it
    changed: bool
    final: bool
    #: for a block the Welsh page does not have yet (English added it): where it goes, and its Markdown
    insert_at: int | None = None
    insert: str = ""


def _languages_ok(value: str | None, wanted: str) -> bool:
    return bool(value) and re.split(r"[-_]", value.strip())[0].lower() == wanted


def read(path: Path, edition: Edition, reader: UnitReader) -> tuple[list[Change], list[str]]:
    """Every unit of the file checked against the current English and Welsh: (changes, problems)."""
    name = path.name
    problems: list[str] = []
    try:
        data = path.read_bytes()
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        return [], [f"{name}: cannot be read as XML ({exc}). Use the file exactly as the CAT tool exported it."]
    qname = etree.QName(root)
    if qname.localname != "xliff" or qname.namespace != NAMESPACE or root.get("version") != "1.2":
        return [], [f"{name}: is not an XLIFF 1.2 file (root <{qname.localname}> in namespace '{qname.namespace}', "
                    f"version '{root.get('version')}'). Export it from the CAT tool as XLIFF 1.2, the version "
                    "`guidance translations export` writes."]
    for file_node in root.iterchildren(f"{{{NAMESPACE}}}file"):
        source, target = file_node.get("source-language"), file_node.get("target-language")
        if not _languages_ok(source, SOURCE_LANGUAGE) or not _languages_ok(target, TARGET_LANGUAGE):
            problems.append(f"{name}: <file original=\"{file_node.get('original')}\"> translates '{source}' into "
                            f"'{target}'; this site needs English (en) into Welsh (cy). Set the project's languages "
                            "in the CAT tool to English > Welsh and export again.")
    if problems:
        return [], problems
    try:
        store = _Store.parsestring(data)
    except Exception as exc:  # a well-formed file Translate Toolkit still cannot read as XLIFF
        return [], [f"{name}: cannot be read as XLIFF ({exc}). Use the file exactly as the CAT tool exported it."]
    units: dict[str, Unit] = {}
    pages_of: dict[str, list[Pair]] = defaultdict(list)
    for pair in edition.pairs:
        if pair.welsh is None:
            continue
        for u in reader.page_units(pair.english):
            units.setdefault(u.id, u)
            pages_of[u.id].append(pair)
    changes: list[Change] = []
    seen: set[str] = set()
    for tu in store.units:
        uid = tu.xmlelement.get("id")
        line = tu.xmlelement.sourceline
        if not uid:
            problems.append(f"{name}:{line}: a <trans-unit> has no id. Use the file as exported: the ids tell "
                            "where each translation goes.")
            continue
        where = f"{name}: unit '{uid}'"
        if uid in seen:
            problems.append(f"{where} is in the file twice. Keep one of them.")
            continue
        seen.add(uid)
        unit = units.get(uid)
        if unit is None:
            problems.append(f"{where} is not a unit of the current English pages: its page was renamed or its "
                            "text was restructured since the file was exported. Export again (`guidance translations "
                            "export --outdated --xliff NEW.xlf`) and have the translator carry their work over.")
            continue
        if canonical_xliff(tu.rich_source[0]) != canonical(unit.tokens):
            problems.append(f"{where}: the English has changed since this file was exported (it now reads: "
                            f"\"{segments.render(unit.tokens)[:120]}…\"), so this translation is of old English. Export "
                            f"that page again (`guidance translations export --outdated --xliff NEW.xlf {unit.file}`) "
                            "and send the new file to the translator.")
            continue
        try:
            change = _read_unit(tu, unit, where, problems, pages_of[uid])
        except (KeyError, ValueError, TypeError, etree.LxmlError) as exc:  # inline markup Translate Toolkit cannot read
            problems.append(f"{where}: its inline codes cannot be read ({type(exc).__name__}: {exc}). Use only the "
                            "codes of the source, each with its id.")
            continue
        if change:
            changes.append(change)
    placed: dict[str, int] = {}
    for change in sorted((c for c in changes if c.changed and c.unit.welsh is None), key=lambda c: c.unit.english.start):
        if not _place(change, reader, placed):
            problems.append(f"{name}: unit '{change.unit.id}': docs_cy/{change.unit.file} has no place for this new "
                            "block: the Welsh page's structure differs from the English around it. Add the block to the "
                            "Welsh page by hand (any words), then import again.")
    return changes, problems


def _place(change: Change, reader: UnitReader, placed: dict[str, int]) -> bool:
    """Where a block the English added goes in the Welsh file: after the Welsh of the unit before it (or
    after that unit's own new Welsh), spaced and marked as in the English (`    - ` for a list item in a
    box). False when the unit before it has no Welsh either, or something else stands between them."""
    units = reader.file_units(change.unit.file)
    at = next(i for i, u in enumerate(units) if u.id == change.unit.id)
    if at == 0:
        return False
    previous = units[at - 1]
    english = (reader.docs / change.unit.file).read_text(encoding="utf-8")
    line_start = english.rfind("\n", 0, change.unit.english.start) + 1
    between = english[previous.english.end:line_start]
    if between.strip() or "\n" not in between:
        return False
    anchor = previous.welsh.end if previous.welsh is not None else placed.get(previous.id)
    if anchor is None:
        return False
    placed[change.unit.id] = anchor
    change.insert_at = anchor
    change.insert = between + english[line_start:change.unit.english.start] + change.markdown
    return True


def _read_unit(tu, unit: Unit, where: str, problems: list[str], pages: list[Pair]) -> Change | None:
    """One unit's Welsh: the Change to make, or None; what is wrong with it goes into `problems`."""
    target_node = tu.get_target_dom()
    state = target_node.get("state") if target_node is not None else None
    final = state in REVIEWED_STATES
    if target_node is None or (not "".join(target_node.itertext()).strip() and not len(target_node)):
        if unit.welsh is not None and target_node is not None:
            problems.append(f"{where}: the Welsh is empty. Translate it, or leave the Welsh as it was.")
        return None  # not translated: nothing to import
    unit_problems: list[str] = []
    typed_text: list[str] = []
    markdown = " ".join(from_xliff(tu.rich_target[0], unit, unit_problems, where, typed_text).split())
    current = " ".join(unit.welsh.text.split()) if unit.welsh else None
    changed = markdown != current
    if changed or final:
        problems += unit_problems
        typed = [m.group(0) for m in segments.ATOM_RE.finditer("".join(typed_text)) if m.lastgroup in ("citation", "note")]
        if typed:
            problems.append(f"{where}: the Welsh has {', '.join(typed)} typed as text. Citations and note markers "
                            "are inline codes: delete the typed text and use the code from the source.")
    if changed and unit.welsh is not None:
        before = dict(c for g in tu.getcontextgroups(unit.id) for c in g).get("x-welsh-fingerprint")
        if before and before != fingerprint(unit.welsh.text):
            problems.append(f"{where}: the Welsh at docs_cy/{unit.file}:{unit.welsh.line} was edited in the "
                            "repository after this file was exported, and the translator changed it too. Export it "
                            "again so the translator works on the Welsh as it is now.")
            return None
    # A translator confirming Welsh for English that changed brings it up to date without a change.
    confirmed = state in CONFIRMED_STATES and any(p.unit_status(unit) == "outdated" for p in pages)
    return Change(unit, markdown, changed, final) if changed or final or confirmed else None


def apply(changes: list[Change], edition: Edition, reader: UnitReader) -> list[str]:
    """Write the changed Welsh, then the translation records of every Welsh page showing a unit."""
    report: list[str] = []
    by_file: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        if change.changed:
            by_file[change.unit.file].append(change)
    for file, file_changes in by_file.items():
        path = edition.docs_cy / file
        text = path.read_text(encoding="utf-8")
        edits: dict[tuple[int, int], str] = {}  # (start, end) in the Welsh file -> new text
        for change in sorted(file_changes, key=lambda c: c.unit.english.start):
            if change.unit.welsh is not None:
                edits[(change.unit.welsh.start, change.unit.welsh.end)] = change.markdown
            else:  # new blocks after the same Welsh block follow each other in English order
                key = (change.insert_at, change.insert_at)
                edits[key] = edits.get(key, "") + change.insert
        for (start, end), new in sorted(edits.items(), reverse=True):
            text = text[:start] + new + text[end:]
        path.write_text(text, encoding="utf-8")
        report.append(f"{rel(path)}: updated {len(file_changes)} unit(s): "
                      f"{', '.join(c.unit.key for c in sorted(file_changes, key=lambda c: c.unit.english.line))}")
    done = {c.unit.id: c.final for c in changes}
    for pair in edition.pairs:
        if pair.welsh is None:
            continue
        units = reader.page_units(pair.english)
        if not any(u.id in done for u in units):
            continue
        rec, recorded, reviewed = imported_record(pair, units, done)
        if rec == pair.record:
            continue
        write_record(pair.welsh.path, rec)
        report.append(f"{pair.welsh.rel()}: recorded {_describe_keys(recorded)}; {_describe_keys(reviewed)} reviewed; "
                      f"status {rec['status']}.")
    return report


def files_of(pairs: list[Pair], reader: UnitReader) -> list[str]:
    """The Markdown files (pages and the fragments they include) of these pages that have a Welsh page."""
    return sorted({u.file for pair in pairs if pair.welsh is not None for u in reader.page_units(pair.english)})


def leftovers(reader: UnitReader, files) -> list[str]:
    """Warnings for Welsh blocks that no English block stands for any more (export and import say them;
    neither deletes Welsh)."""
    return [f"{rel(reader.docs_cy / file)}:{block.line}: this Welsh {KIND_NAMES[block.kind].format(n=block.paragraph)} "
            "has no English counterpart at its place any more (the English removed or moved it). Delete it by hand "
            "if the English no longer has it." for file in sorted(set(files)) for block in reader.welsh_only(file)]


def _describe_keys(keys: list) -> str:
    if not keys:
        return "nothing"
    paragraphs = sorted(k for k in keys if isinstance(k, int))
    others = len(keys) - len(paragraphs)
    parts = []
    if paragraphs:
        parts.append(f"paragraph(s) {_ranges(paragraphs)}")
    if others:
        parts.append(f"{others} other unit(s)")
    return " and ".join(parts)


def imported_record(pair: Pair, units: list[Unit], done: dict[str, bool]) -> tuple[dict, list, list]:
    """The page's translation record once the units in `done` (id -> signed off) are imported: their
    paragraphs recorded as `--record` would, signed-off ones reviewed, the status recomputed."""
    now = english_fingerprints(pair.english)
    old = dict(pair.record)
    reviewed = explicit_reviewed(pair, units)
    paragraphs = {int(k): v for k, v in (old.get("paragraphs") or {}).items()}
    recorded, signed = [], []
    by_paragraph: dict[int, list[Unit]] = defaultdict(list)
    for unit in units:
        if unit.paragraph is not None:
            by_paragraph[unit.paragraph].append(unit)
    for number, members in by_paragraph.items():
        if number not in now["paragraphs"] or not all(u.id in done for u in members):
            continue
        paragraphs[number] = now["paragraphs"][number]
        recorded.append(number)
        if all(done[u.id] for u in members):
            reviewed[number] = now["paragraphs"][number]
            signed.append(number)
        else:
            reviewed.pop(number, None)
    outside = [u for u in units if u.paragraph is None]
    needing = [u for u in outside if pair.unit_status(u) == "outdated"]
    for unit in outside:
        if unit.id in done:
            recorded.append(unit.id)
            if done[unit.id]:
                reviewed[pair.review_key(unit)] = unit.fingerprint
                signed.append(unit.id)
            else:
                reviewed.pop(pair.review_key(unit), None)
    rec = {"status": old.get("status", "draft")}
    outside_current = all(u.id in done for u in needing)
    if outside_current and all(paragraphs.get(n) == fp for n, fp in now["paragraphs"].items()):
        rec.update(now)
    else:
        rec.update({"english": old.get("english"), "paragraphs": dict(sorted(paragraphs.items()))})
        if "english" not in old:
            del rec["english"]
        if outside_current:
            rec["outside"] = now["outside"]
        elif "outside" in old:
            rec["outside"] = old["outside"]
    if reviewed or "reviewed" in old:
        rec["reviewed"] = dict(sorted(reviewed.items(), key=lambda kv: (isinstance(kv[0], str), kv[0])))
    check = Pair(pair.english, pair.welsh)
    check.welsh = type(pair.welsh)(pair.welsh.path, pair.welsh.text, {**pair.welsh.meta, "translation": rec},
                                   pair.welsh.body_start, None, pair.welsh.base)
    rec["status"] = "reviewed" if all(check.unit_status(u) == "reviewed" for u in units) else "draft"
    return rec, recorded, signed


def explicit_reviewed(pair: Pair, units: list[Unit]) -> dict:
    """The page's reviewed units as a plain map, also for a page recorded `status: reviewed` before
    per-unit review (every unit not outdated counts as reviewed there)."""
    reviewed = pair.reviewed()
    if "*" not in reviewed:
        return reviewed
    out = {}
    for unit in units:
        if pair.unit_status(unit) == "reviewed":
            key = pair.review_key(unit)
            out[key] = pair.paragraph_fingerprint(unit.paragraph) if unit.paragraph is not None else unit.fingerprint
    return out


def import_file(path: Path, docs: Path, docs_cy: Path) -> tuple[list[str], list[str]]:
    """(report lines, problems). Nothing is written when there is any problem."""
    edition = Edition.load(docs, docs_cy)
    reader = UnitReader(docs, docs_cy)
    changes, problems = read(path, edition, reader)
    if problems:
        return [], problems
    return apply(changes, edition, reader), []

"""A Markdown file as translation units: its blocks, and the inline codes inside each block.

A *block* is one piece of text a translator translates as a whole: a numbered paragraph, a heading, a
list item, a quotation, a box title, a paragraph in a box, a note (footnote), a table row. Each has a
*key* that stays the same from one export to the next and that is the same in the English and the Welsh
file, so the two can be paired without comparing their words:

    para-158                  numbered paragraph 158 (its first paragraph of text)
    para-158/li2              the second list item (at any depth) inside paragraph 158
    h-a-proportionate-response  a heading: "h-" and the English heading's anchor on the site
    h-a-proportionate-response/box1       the first box after that heading (its title)
    h-a-proportionate-response/box1/p2    the second paragraph inside that box
    top/box1/li1              before the first heading, the first box's first list item
    fn-3                      the note (footnote) [^3]

Numbered paragraphs keep their numbers for good and headings their anchors (links point at both),
so keys built from them do not move when text is added elsewhere; other blocks are counted, by kind,
from the heading, paragraph or box they sit in. A Welsh heading takes the key of the English heading at
the same place (the n-th heading of the file), since its own anchor is Welsh.

Inline, the parts of a block a translator must carry over unchanged are *codes*: citations [@key],
note markers [^3], links (the URL part; the link text is translated), emphasis (*italic*, **bold**;
the words inside are translated), abbreviations (CSE), inline HTML, lost-link markers, bare addresses,
attribute lists and inline code. tokenize() splits a block's text into text and codes; render() turns
them back into Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from guidance.content.model import BOX_OPENER, CITATION_BLOCK_RE, FRONT_MATTER_RE, INCLUDE_RE, PARAGRAPH_RE

HEADING_RE = re.compile(r"^(#{1,6}[ \t]+)(.*?)([ \t]*\{[^{}]*\})?[ \t]*$")
BULLET_RE = re.compile(r"^([-*+][ \t]+)(?=\S)")
QUOTE_RE = re.compile(r"^(>[ \t]?)")
BOX_RE = re.compile(rf'^({BOX_OPENER}[ \t]+([\w-]+)(?:[ \t]+"))(.*?)("[ \t]*)$|^{BOX_OPENER}[ \t]+([\w-]+)[ \t]*$')
NOTE_RE = re.compile(r"^(\[\^([^\]\s]+)\]:[ \t]*)")
DEFINITION_RE = re.compile(r"^(:[ \t]+)(?=\S)")
ROW_RE = re.compile(r"^\|")
SKIP_LINE_RE = re.compile(r"^(?:<!--.*-->\s*|\*\[[^\]]+\]:.*)$")
FENCE_RE = re.compile(r"^(```|~~~)")


@dataclass
class Block:
    key: str
    kind: str  # paragraph (numbered), heading, item, quote, text, box, note, definition, row
    line: int  # 1-based line of the file where it starts
    #: (start, end) offsets in the file text of the block's words on each of its lines (markers excluded)
    spans: list[tuple[int, int]]
    text: str  # the words, lines joined with a space
    paragraph: int | None  # the numbered paragraph the block belongs to

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class _Container:
    indent: int  # lines indented at least this much belong to it
    key: str
    paragraph: int | None = None
    skip: bool = False  # a Welsh-only block (the English original of a quotation): not translated
    counts: dict[str, int] = field(default_factory=dict)

    def next_key(self, short: str) -> str:
        self.counts[short] = self.counts.get(short, 0) + 1
        return f"{self.key}/{short}{self.counts[short]}"


def heading_anchor(text: str, attr: str | None) -> str:
    """The anchor the site gives a heading: its {#id}, else the toc extension's slug of its text."""
    from markdown.extensions.toc import slugify

    if attr and (m := re.search(r"#([\w-]+)", attr)):
        return m.group(1)
    return slugify(re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)), "-")


def body_start(text: str) -> int:
    """Offset where the body starts (after the front matter)."""
    m = FRONT_MATTER_RE.match(text)
    return m.end() if m else 0


def blocks(text: str, headings: list[str] | None = None, welsh: bool = False) -> list[Block]:
    """The blocks of a Markdown file's body, in order. `headings` gives the keys to use for the file's
    headings in order (the English file's, when reading the Welsh one); `welsh` skips the Welsh-only
    collapsible English originals of quotations (`??? quote`)."""
    out: list[Block] = []
    section = _Container(0, "top")
    stack: list[_Container] = [section]
    current: Block | None = None  # the block the next line may continue
    seen_anchors: dict[str, int] = {}
    heading_no = 0
    in_fence = False
    offset = body_start(text)
    lines = text[offset:].split("\n")
    first_line = text[:offset].count("\n") + 1
    for i, line in enumerate(lines):
        no, start = first_line + i, offset
        offset += len(line) + 1
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if FENCE_RE.match(stripped):
            in_fence, current = not in_fence, None
            continue
        if in_fence:
            continue
        if not stripped.strip():
            current = None
            continue
        # Leave the containers this line is not indented enough to be in (a numbered paragraph runs on
        # through lazy continuation lines, as content.Page.paragraph_at reads it).
        lazy = current is not None and not _marker(stripped, indent)
        if not lazy:
            while len(stack) > 1 and indent < stack[-1].indent:
                stack.pop()
        box = stack[-1]
        if box.skip:
            continue
        if lazy:
            current.spans.append((start + indent, start + len(line.rstrip())))
            current.text += " " + line.strip()
            continue

        def add(kind: str, key: str, prefix_len: int, end: int | None = None, paragraph=box.paragraph) -> Block:
            words_start = start + indent + prefix_len
            words_end = start + (end if end is not None else len(line.rstrip()))
            block = Block(key, kind, no, [(words_start, words_end)], text[words_start:words_end], paragraph)
            out.append(block)
            return block

        current = None
        if indent == 0 and (m := PARAGRAPH_RE.match(stripped)):
            del stack[1:]
            n = int(m.group(1))
            para = _Container(4, f"para-{n}", n)
            stack.append(para)
            current = add("paragraph", para.key, m.end(), paragraph=n)
        elif indent < 4 and (m := HEADING_RE.match(stripped)):
            del stack[1:]
            if headings is not None:
                key = headings[heading_no] if heading_no < len(headings) else f"h-{heading_no + 1}"
            else:
                anchor = heading_anchor(m.group(2), m.group(3))
                n = seen_anchors.get(anchor, 0)
                seen_anchors[anchor] = n + 1
                key = f"h-{anchor}" + (f"_{n}" if n else "")
            heading_no += 1
            section = _Container(0, key)
            stack[0] = section
            add("heading", key, len(m.group(1)), indent + len(m.group(1)) + len(m.group(2)), paragraph=None)
        elif m := BOX_RE.match(stripped):
            kind = m.group(2) or m.group(5)
            if welsh and kind == "quote" and stripped.startswith("???"):
                stack.append(_Container(indent + 1, box.key, box.paragraph, skip=True))
                continue
            key = box.next_key("box")
            if m.group(1) and m.group(3).strip():
                add("box", key, len(m.group(1)), indent + len(m.group(1)) + len(m.group(3)))
            stack.append(_Container(indent + 4, key, box.paragraph))
        elif m := NOTE_RE.match(stripped):
            del stack[1:]
            note = _Container(4, f"fn-{m.group(2)}")
            stack.append(note)
            current = add("note", note.key, m.end(), paragraph=None)
        elif m := BULLET_RE.match(stripped):
            current = add("item", box.next_key("li"), m.end())
        elif m := QUOTE_RE.match(stripped):
            current = add("quote", box.next_key("q"), m.end())
        elif m := DEFINITION_RE.match(stripped):
            current = add("definition", box.next_key("dd"), m.end())
        elif ROW_RE.match(stripped):
            add("row", box.next_key("row"), 0)
        elif SKIP_LINE_RE.match(stripped) or INCLUDE_RE.match(line):
            continue
        else:
            current = add("text", box.next_key("p"), 0)
    return out


def _marker(stripped: str, indent: int) -> bool:
    """Whether a line starts a block of its own rather than continuing the one before it."""
    return bool((indent == 0 and PARAGRAPH_RE.match(stripped)) or HEADING_RE.match(stripped) and indent < 4
                or BOX_RE.match(stripped) or NOTE_RE.match(stripped) or BULLET_RE.match(stripped)
                or DEFINITION_RE.match(stripped) or ROW_RE.match(stripped) or SKIP_LINE_RE.match(stripped)
                or INCLUDE_RE.match(stripped) or stripped.startswith(">"))


# --- inline codes ----------------------------------------------------------------------------------

@dataclass
class Code:
    """An inline code: `native` is its Markdown. Paired codes (links, emphasis) have `children`, the
    text between `native` (the opening: '[', '*', '**') and `close` (the closing: '](url)', '*', '**')."""
    kind: str  # citation, note, link, italic, bold, abbreviation, html, lost-link, address, attributes, code
    native: str
    close: str | None = None
    children: list = field(default_factory=list)
    id: str = ""

    @property
    def paired(self) -> bool:
        return self.close is not None

    def signature(self) -> tuple[str, str]:
        """What must match for a Welsh code to stand for an English one: a link may point elsewhere in
        Welsh (a Welsh anchor, a Welsh page) and an HTML tag may carry other attributes (lang="en"),
        emphasis is emphasis; anything else is its Markdown."""
        if self.paired:
            return (self.kind, "")
        if self.kind == "html" and (m := re.match(r"<(/?)([A-Za-z][A-Za-z0-9-]*)", self.native)):
            return (self.kind, m.group(1) + m.group(2).lower())
        return (self.kind, self.native)


#: Python-Markdown's abbr extension matches a defined abbreviation anywhere it is not inside a word.
def abbreviation_re(abbreviations: list[str]) -> re.Pattern | None:
    if not abbreviations:
        return None
    names = sorted(set(abbreviations), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in names) + r")(?!\w)")


ATOM_RE = re.compile(
    r"(?P<citation>" + CITATION_BLOCK_RE.pattern + r")"
    r"|(?P<note>\[\^[^\]\s]+\])"
    r"|(?P<lostlink><!--\s*lost-link\s*-->)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<address><(?:https?://|mailto:)[^>\s]+>|<[^>\s@]+@[^>\s]+>)"
    r"|(?P<html></?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>)"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<attributes>\{\s*:?\s*(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|[^\s}]+))(?:\s+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|[^\s}]+)))*\s*\})"
)
LINK_RE = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?)\)")
KIND = {"citation": "citation", "note": "note", "lostlink": "lost-link", "comment": "html", "address": "address",
        "html": "html", "code": "code", "image": "image", "attributes": "attributes"}


def tokenize(text: str, abbreviations: re.Pattern | None = None, keep_as_text: re.Pattern | None = None) -> list:
    """Text and Codes, in order. `keep_as_text` matches codes to leave as plain text (the Welsh-only
    language marks: `{lang=en}`, `<span lang="en">`)."""
    out: list = []
    pos = 0
    while pos < len(text):
        atom = ATOM_RE.search(text, pos)
        link = LINK_RE.search(text, pos)
        nxt = min((m for m in (atom, link) if m), key=lambda m: m.start(), default=None)
        if nxt is None:
            out += _emphasis_and_abbreviations(text[pos:], abbreviations)
            break
        out += _emphasis_and_abbreviations(text[pos:nxt.start()], abbreviations)
        if nxt is link:
            out.append(Code("link", "[", f"]({link.group(2)})", tokenize(link.group(1), abbreviations, keep_as_text)))
        elif keep_as_text and keep_as_text.fullmatch(nxt.group(0)):
            out.append(nxt.group(0))
        else:
            out.append(Code(KIND[nxt.lastgroup], nxt.group(0)))
        pos = nxt.end()
    return _merge_text(_pair_emphasis(out))


def _emphasis_and_abbreviations(text: str, abbreviations: re.Pattern | None) -> list:
    out: list = []
    for part in re.split(r"(\*\*|\*)", text):
        if part in ("*", "**"):
            out.append(("delim", part))
        elif part:
            pos = 0
            for m in (abbreviations.finditer(part) if abbreviations else ()):
                out.append(part[pos:m.start()])
                out.append(Code("abbreviation", m.group(0)))
                pos = m.end()
            out.append(part[pos:])
    return out


def _pair_emphasis(items: list) -> list:
    """Pair `*`/`**` delimiters into italic/bold codes; a delimiter with no partner stays text."""
    out: list = []
    stack: list[tuple[str, int]] = []  # (delimiter, index in out)
    for item in items:
        if isinstance(item, tuple):
            delim = item[1]
            if stack and stack[-1][0] == delim:
                _, at = stack.pop()
                children = out[at + 1:]
                del out[at:]
                out.append(Code("bold" if delim == "**" else "italic", delim, delim, _merge_text(children)))
            else:
                stack.append((delim, len(out)))
                out.append(item)
        else:
            out.append(item)
    return [i[1] if isinstance(i, tuple) else i for i in out]


def _merge_text(items: list) -> list:
    out: list = []
    for item in items:
        if isinstance(item, str):
            if not item:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += item
                continue
        out.append(item)
    return out


def walk(items: list):
    """Every Code of a token list, depth first, in reading order."""
    for item in items:
        if isinstance(item, Code):
            yield item
            yield from walk(item.children)


def number(items: list) -> list:
    """Give each code its id: 1, 2, 3 … in reading order."""
    for n, code in enumerate(walk(items), start=1):
        code.id = str(n)
    return items


def render(items: list) -> str:
    """Tokens back to Markdown."""
    return "".join(i if isinstance(i, str) else i.native + render(i.children) + (i.close or "") for i in items)


def plain(items: list) -> str:
    """The words only (to tell a block with something to translate from one of codes and numbers)."""
    return "".join(i if isinstance(i, str) else plain(i.children) for i in items)


def has_words(items: list) -> bool:
    return bool(re.search(r"[^\W\d_]", plain(items)))


def read_abbreviations(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return re.findall(r"^\*\[([^\]]+)\]:", path.read_text(encoding="utf-8"), re.M)

"""What a page's Markdown would make a reader's browser load from another site.

Readers may be watched, and the site promises that nothing is loaded from a third party: an image,
video, frame, stylesheet, font or script from another site tells that site (and anyone watching the
connection) who is reading the guidance. A *link* to another site is different: nothing is fetched
until the reader follows it. `find()` lists every address in a page's Markdown that the browser
would fetch by itself — Markdown images (inline and reference-style), and in raw HTML the
attributes that load something (`src`, `srcset`, `poster`, `data`, `<link href>`, form actions,
`url()` and `@import` in `style` attributes and `<style>` elements, and attribute lists) — when it
points outside the site: an absolute http(s):// or protocol-relative //host address.

The lines given are `Page.lines` (fenced code already blanked); code spans are blanked here, so an
example written as code is not a resource.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterator

#: An address that leaves the site: http://, https:// or //host (the page's own scheme).
EXTERNAL_RE = re.compile(r"^\s*(?:https?:)?//", re.I)

CODE_SPAN_RE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
#: ![alt](address "title") and ![alt](<address>)
MD_IMAGE_RE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^\s)>]+)")
#: ![alt][label], ![label][] and ![label]: images whose address is a reference definition
MD_IMAGE_REF_RE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\[((?:[^\]\\]|\\.)*)\]")
MD_IMAGE_SHORTCUT_RE = re.compile(r"!\[((?:[^\]\\]|\\.)+)\](?![\[(])")
#: [label]: address "title" (not a footnote definition [^label]:)
MD_DEFINITION_RE = re.compile(r"^ {0,3}\[(?!\^)((?:[^\]\\]|\\.)+)\]:\s*<?([^\s>]+)")
#: An attribute list (attr_list): {: style="…" } after a paragraph, heading or image.
ATTR_LIST_RE = re.compile(r"\{:?([^{}]*)\}")
ATTR_RE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")

CSS_URL_RE = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)
CSS_IMPORT_RE = re.compile(r"""@import\s+(["'])(.*?)\1""", re.I)
FONT_FACE_RE = re.compile(r"@font-face\s*\{[^}]*\}", re.I | re.S)


@dataclass(frozen=True)
class Resource:
    line: int  # a line number from Page.lines (Page.where() turns it into file and line)
    what: str  # "the image"
    url: str

    def __str__(self) -> str:
        return f"{self.what} {self.url}"


def external(url: str) -> bool:
    return bool(EXTERNAL_RE.match(url))


def _blank_code_spans(line: str) -> str:
    return CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)


def _label(text: str) -> str:
    """Reference labels match case-insensitively, with runs of white space as one space."""
    return " ".join(text.split()).casefold()


def _srcset(value: str) -> list[str]:
    """The addresses of a srcset: 'a.png 1x, https://x/b.png 2x' → ['a.png', 'https://x/b.png']."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def _css(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, what, address) of everything a piece of CSS would load."""
    fonts = [m.span() for m in FONT_FACE_RE.finditer(text)]
    imports = set()
    for m in CSS_IMPORT_RE.finditer(text):
        imports.add(m.start())
        yield m.start(2), "the stylesheet", m.group(2)
    for m in CSS_URL_RE.finditer(text):
        if any(start <= m.start() < end for start, end in fonts):
            what = "the font"
        elif re.search(r"@import\s+$", text[:m.start()], re.I):
            what = "the stylesheet"
        else:
            prop = re.search(r"([\w-]+)\s*:[^;{}:]*$", text[:m.start()])
            what = "the background image" if prop and prop.group(1).lower().startswith("background") else "the image"
        yield m.start(2), what, m.group(2).strip()


def _attributes(tag: str, attrs: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(attribute, what, address) of everything one HTML element would load."""
    def get(name: str) -> str | None:
        return attrs.get(name)

    rel = (get("rel") or "").lower().split()
    plain = {
        "img": [("src", "the image")],
        "input": [("src", "the image")] if (get("type") or "").lower() == "image" else [],
        "video": [("src", "the video"), ("poster", "the video's poster image")],
        "audio": [("src", "the audio")],
        "source": [("src", "the media file")],
        "track": [("src", "the text track")],
        "iframe": [("src", "the embedded page")],
        "frame": [("src", "the embedded page")],
        "object": [("data", "the embedded object")],
        "embed": [("src", "the embedded object")],
        "script": [("src", "the script")],
        "form": [("action", "the form action")],
        "button": [("formaction", "the form action")],
        "image": [("href", "the image"), ("xlink:href", "the image")],  # SVG
        "feimage": [("href", "the image"), ("xlink:href", "the image")],
        "use": [("href", "the SVG drawing"), ("xlink:href", "the SVG drawing")],
        "link": [("href", "the stylesheet" if "stylesheet" in rel else "the icon" if "icon" in rel
                  else f"the file of <link rel=\"{' '.join(rel)}\">")],
    }.get(tag, [])
    for name, what in plain:
        if get(name):
            yield name, what, get(name).strip()
    if tag in {"img", "source"} and get("srcset"):
        for url in _srcset(get("srcset")):
            yield "srcset", "the image", url
    if get("background"):  # <body background>, <table background>, <td background>
        yield "background", "the background image", get("background").strip()
    if get("style"):
        for _, what, url in _css(get("style")):
            yield "style", what, url


class _HTMLScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []  # (index of the line, what, address)
        self._in_style = False

    def _line_of(self, raw: str, needle: str) -> int:
        """The 0-based line (of the text fed) where `needle` sits inside the raw text that starts here."""
        start = self.getpos()[0] - 1
        at = raw.find(needle)
        return start + (raw[:at].count("\n") if at >= 0 else 0)

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        for _, what, url in _attributes(tag, {k.lower(): v or "" for k, v in attrs}):
            self.found.append((self._line_of(raw, url), what, url))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            start = self.getpos()[0] - 1
            for offset, what, url in _css(data):
                self.found.append((start + data[:offset].count("\n"), what, url))


def find(lines: list[tuple[int, str]]) -> Iterator[Resource]:
    """Every resource from another site that these Markdown lines would load, in order of lines."""
    text = [_blank_code_spans(line) for _, line in lines]
    found: list[tuple[int, str, str]] = []  # (index into lines, what, address)
    image_labels: set[str] = set()
    for i, line in enumerate(text):
        for m in MD_IMAGE_RE.finditer(line):
            found.append((i, "the image", m.group(1)))
        for m in MD_IMAGE_REF_RE.finditer(line):
            image_labels.add(_label(m.group(2) or m.group(1)))
        for m in MD_IMAGE_SHORTCUT_RE.finditer(line):
            image_labels.add(_label(m.group(1)))
        for m in ATTR_LIST_RE.finditer(line):
            attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or "" for a in ATTR_RE.finditer(m.group(1))}
            for name, what in (("src", "the image"), ("poster", "the video's poster image")):
                if name in attrs:
                    found.append((i, what, attrs[name]))
            if "srcset" in attrs:
                found += [(i, "the image", url) for url in _srcset(attrs["srcset"])]
            if "style" in attrs:
                found += [(i, what, url) for _, what, url in _css(attrs["style"])]
    for i, line in enumerate(text):
        if (m := MD_DEFINITION_RE.match(line)) and _label(m.group(1)) in image_labels:
            found.append((i, "the image", m.group(2)))
    scanner = _HTMLScanner()
    scanner.feed("\n".join(text))
    scanner.close()
    found += scanner.found
    seen = set()
    for i, what, url in sorted(found, key=lambda f: f[0]):
        resource = Resource(lines[min(i, len(lines) - 1)][0], what, url)
        if external(url) and resource not in seen:
            seen.add(resource)
            yield resource

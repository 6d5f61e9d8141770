"""Content: numbered paragraphs, markers (charts, flow diagrams, the References list), page dates,
and the site's own assets without their comments.

Page dates: the last commit that touched the page's own source file (docs/ or docs_cy/) or a passage
it includes (includes/), so an English edit does not re-date the Welsh page and an edit to a shared
passage re-dates every page showing it. A file not yet committed (a local preview of an edit) shows
today's date. The edition names this site's version and commit.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError

from guidance import strings
from guidance.content import charts, flow_diagrams, markers
from guidance.content.markdown_paragraphs import marker as numbered_paragraphs_marker
from guidance.content.model import Page
from guidance.plugin import citations
from guidance.plugin.preview import compute_now, files_state


def numbered_paragraphs(markdown: str, page, lang: str) -> str:
    """A chapter (`paragraphs: FIRST-LAST`) or a page showing a chapter's paragraphs
    (`paragraphs_from: CHAPTER.md`) opts in to guidance.content.markdown_paragraphs, which numbers
    them with link labels in the page's language. Other pages keep ordinary ordered lists."""
    if "paragraphs" not in page.meta and "paragraphs_from" not in page.meta:
        return markdown
    return numbered_paragraphs_marker(lang) + "\n" + markdown


#: What a marker is replaced with: handler(id, the Markdown after the marker line) -> Markdown.
MarkerHandler = Callable[[str | None, str], str]


def marker_handlers(config, lang: str, folder: Path, remember=compute_now) -> dict[str, MarkerHandler]:
    """The content feature's markers; the plugin adds the other features' (amendments). The live
    preview makes the References list again only when the pages or the .bib changed."""
    return {
        "chart": lambda ident, following: charts.draw(ident, following).rstrip("\n") + "\n",
        "flow": lambda ident, following: flow_diagrams.draw(ident, following, lang).rstrip("\n") + "\n",
        "references-list": lambda ident, following: remember(
            "references-list", (files_state(folder, citations.bibliography(config)), lang),
            lambda: citations.references_list(config, lang, folder)),
    }


def expand_markers(markdown: str, page, handlers: dict[str, MarkerHandler]) -> str:
    """Every marker line (guidance.content.markers) replaced by what its handler makes; a chart's or
    flow's source (table, list) stays after it, as the text alternative. One regex for every marker;
    a name without a handler stops the build."""
    if set(handlers) != set(markers.NAMES):
        raise PluginError(f"markers without a handler: {sorted(set(markers.NAMES) ^ set(handlers))}")

    def expand(match: re.Match) -> str:
        if (wrong := markers.problem(match)) is not None:
            raise PluginError(f"{page.file.src_uri}: {wrong}")
        try:
            return handlers[match["name"]](match["id"], markdown[match.end() + 1:])
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None

    return markers.MARKER_RE.sub(expand, markdown)


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else ""


@dataclass
class PageDates:
    """The newest commit date of every file under docs/ and docs_cy/, read once per build."""
    last_changed: dict[Path, datetime.date] = field(default_factory=dict)
    commit: str = ""
    release: str = ""  # the package's version and the commit, as the footer names the edition

    @classmethod
    def read(cls, root: Path, folders: list[Path]) -> "PageDates":
        dates = cls()
        day = None
        paths = [str(f.relative_to(root)) for f in folders if f.is_relative_to(root)]
        for line in _git(root, "log", "--format=%x00%cs", "--name-only", "--", *paths).splitlines():
            if line.startswith("\x00"):
                day = datetime.date.fromisoformat(line[1:])
            elif line and day:
                dates.last_changed.setdefault((root / line).resolve(), day)
        dates.commit = _git(root, "rev-parse", "--short", "HEAD").strip()
        dates.release = version("cse-guidance") + (f" ({dates.commit})" if dates.commit else "")
        return dates

    def page_context(self, context, page, lang: str, folder: Path, remember=compute_now):
        source = Path(page.file.abs_src_path)
        includes = remember("includes", (files_state(source), folder),
                            lambda: [include.path for include in Page.load(source, folder).includes])
        day = max(self.last_changed.get(f.resolve(), datetime.date.today()) for f in [source, *includes])
        context["last_updated"] = {"iso": day.isoformat(), "text": strings.format_date(day, lang)}
        context["edition"] = strings.text(lang, "edition", version=self.release)
        return context


#: A comment that starts a line: /* ... */ over one or more lines, or // to the end of the line.
BLOCK_COMMENT_RE = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
LINE_COMMENT_RE = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
#: A comment after code, as our scripts write it: two spaces, "// ", then words to the end of the line
#: (an address in a string, "https://", has no space before its slashes).
TRAILING_COMMENT_RE = re.compile(r"[ \t]{2,}// [^\n]*$", re.M)
INDENT_RE = re.compile(r"^[ \t]+", re.M)
BLANK_LINES_RE = re.compile(r"\n{2,}")


def compact(text: str) -> str:
    text = BLOCK_COMMENT_RE.sub("", text)
    text = LINE_COMMENT_RE.sub("", text)
    text = TRAILING_COMMENT_RE.sub("", text)
    return BLANK_LINES_RE.sub("\n", INDENT_RE.sub("", text))


def compact_assets(assets: Path, site: Path) -> None:
    """Our stylesheet and scripts explain themselves at length for their maintainers; readers on
    phones should not download the explanations (about 2.5 KB gzipped of the longest chapter's first
    view). Comments, indentation and blank lines go; files already minified (*.min.js) and vendored
    folders (with a LICENSE of their own) are left as they are."""
    vendored = {license.parent for license in assets.rglob("LICENSE")}
    for source in assets.rglob("*"):
        if source.suffix in {".css", ".js"} and ".min." not in source.name and not vendored & set(source.parents):
            built = site / "assets" / source.relative_to(assets)
            if built.is_file():
                built.write_text(compact(source.read_text(encoding="utf-8")), encoding="utf-8")

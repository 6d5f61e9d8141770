"""Hook: our own stylesheet and scripts are served without their comments and indentation.

The files in overrides/assets/ explain themselves at length for the people who maintain them;
readers on phones should not download the explanations on every first visit (about 2.5 KB gzipped
of the longest chapter's first view, which has a 100 KB budget: see `guidance benchmark`). After
the build, the copies in the site lose whole-line comments and leading whitespace. Nothing else
changes, so the code that runs is the code in the repository. Files already minified (*.min.js)
and vendored folders (with a LICENSE of their own) are left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from guidance.plugin.mkdocs_site import project_root

#: A comment that starts a line: /* ... */ over one or more lines, or // to the end of the line.
BLOCK_COMMENT_RE = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
LINE_COMMENT_RE = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
INDENT_RE = re.compile(r"^[ \t]+", re.M)


def compact(text: str) -> str:
    text = BLOCK_COMMENT_RE.sub("", text)
    text = LINE_COMMENT_RE.sub("", text)
    return INDENT_RE.sub("", text)


def _own_assets(assets: Path) -> list[Path]:
    vendored = {license.parent for license in assets.rglob("LICENSE")}
    return [f for f in assets.rglob("*") if f.suffix in {".css", ".js"} and ".min." not in f.name
            and not vendored & set(f.parents)]


def on_post_build(config):
    assets = project_root(config) / "overrides" / "assets"
    for source in _own_assets(assets):
        built = Path(config.site_dir) / "assets" / source.relative_to(assets)
        if built.is_file():
            built.write_text(compact(source.read_text(encoding="utf-8")), encoding="utf-8")

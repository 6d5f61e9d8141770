"""`guidance check` (external-resources): nothing in a page may make a reader's browser load a file
from another site. Each fault an editor could make fails with file:line, in English and in Welsh;
links to other sites stay allowed.

A small project (mkdocs.yml, docs/ and docs_cy/, one page each and an included fragment) holds one case a line,
each with its own address; the check runs once over it (in this process, as `guidance check --only
external-resources` would) and each case looks for its own message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers import line_of

pytestmark = pytest.mark.unit

ADVICE = ("is loaded from another site; readers' browsers would contact it. Save a copy in docs/assets/ "
          "(check its licence) or link to it instead.")

#: name -> (Markdown, what the message calls it, the address it names)
CASES = {
    "markdown image": ('![The logo](https://example.com/logo.png "Logo")', "the image", "https://example.com/logo.png"),
    "reference image": ("[crest]: https://example.com/crest.png", "the image", "https://example.com/crest.png"),
    "img src": ('<img src="https://example.com/photo.jpg" alt="A photo">', "the image", "https://example.com/photo.jpg"),
    "protocol-relative img": ('<img alt="" src="//cdn.example.com/pixel.gif">', "the image", "//cdn.example.com/pixel.gif"),
    "srcset": ('<img src="../assets/local.png" srcset="../assets/local.png 1x, https://example.com/wide.png 2x" alt="">',
               "the image", "https://example.com/wide.png"),
    "video poster": ('<video controls poster="https://example.com/poster.jpg"></video>',
                     "the video's poster image", "https://example.com/poster.jpg"),
    "video source": ('<video controls><source src="https://example.com/film.mp4" type="video/mp4"></video>',
                     "the media file", "https://example.com/film.mp4"),
    "object data": ('<object data="https://example.com/leaflet.pdf" type="application/pdf"></object>',
                    "the embedded object", "https://example.com/leaflet.pdf"),
    "iframe src": ('<iframe src="https://www.youtube.com/embed/abc" title="Video"></iframe>',
                   "the embedded page", "https://www.youtube.com/embed/abc"),
    "stylesheet": ('<link rel="stylesheet" href="https://fonts.example.com/css?family=X">',
                   "the stylesheet", "https://fonts.example.com/css?family=X"),
    "background url": ('<div style="background:url(https://example.com/texture.png)">Text</div>',
                       "the background image", "https://example.com/texture.png"),
    "font-face": ('<style>@font-face { font-family: X; src: url("https://fonts.example.com/x.woff2"); }</style>',
                  "the font", "https://fonts.example.com/x.woff2"),
}
#: Everything here is allowed: links to other sites in every form, and examples written as code.
ALLOWED = """\
A [link to another site](https://example.org/page), a [reference link][guide], <https://example.org/auto>
and <a href="https://example.org/html-link">an HTML link</a>; an example written as code:
`<img src="https://example.org/code-span.png">`.

[guide]: https://example.org/guide

```html
<img src="https://example.org/fenced.png">
```
"""
FRAGMENT = "includes/banner.md"
FRAGMENT_CASE = ("![Banner](https://example.com/banner.png)", "the image", "https://example.com/banner.png")


def _page(cases: dict[str, tuple[str, str, str]]) -> str:
    body = "\n\n".join(markdown for markdown, _, _ in cases.values())
    uses = "" if "reference image" not in cases else "\n\nThe crest: ![Crest][crest]\n"
    return f"---\ntitle: A page\n---\n\n# A page\n\n{ALLOWED}\n{body}{uses}\n\n--8<-- \"{FRAGMENT}\"\n"


def _project(root: Path, cases: dict[str, tuple[str, str, str]], fragment: str) -> Path:
    for folder in ("docs", "docs_cy"):
        (root / folder / "includes").mkdir(parents=True)
        (root / folder / "index.md").write_text(_page(cases), encoding="utf-8")
        (root / folder / FRAGMENT).write_text(f"Shared passage.\n\n{fragment}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: A small project\n", encoding="utf-8")
    return root


def _check(root: Path) -> tuple[int, str]:
    return helpers.check("external-resources", root=root)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[Path, int, str]:
    root = _project(tmp_path_factory.mktemp("external"), CASES, FRAGMENT_CASE[0])
    return (root, *_check(root))


@pytest.mark.parametrize("folder", ["docs", "docs_cy"])
@pytest.mark.parametrize("case", CASES)
def test_a_resource_from_another_site_fails_with_file_and_line(faulty, folder, case):
    root, code, out = faulty
    markdown, what, url = CASES[case]
    page = root / folder / "index.md"
    assert code == 1
    assert f"{folder}/index.md:{line_of(page, markdown)}: {what} {url} {ADVICE}" in out, out


@pytest.mark.parametrize("folder", ["docs", "docs_cy"])
def test_a_resource_in_an_included_fragment_is_located_in_the_fragment(faulty, folder):
    root, code, out = faulty
    markdown, what, url = FRAGMENT_CASE
    fragment = root / folder / FRAGMENT
    assert f"{folder}/{FRAGMENT}:{line_of(fragment, markdown)}: {what} {url} {ADVICE}" in out, out
    assert out.count(f"{folder}/{FRAGMENT}:") == 1, "a fragment's problem is reported once, not once per page showing it"


def test_nothing_else_is_reported(faulty):
    """One message per case and language: the links and code examples on the same page give none."""
    _, _, out = faulty
    messages = [line for line in out.splitlines() if ADVICE in line]
    assert len(messages) == 2 * (len(CASES) + 1), "\n".join(messages)
    assert "example.org" not in out


def test_links_to_other_sites_are_allowed(tmp_path):
    root = _project(tmp_path, {}, "See the [helpline](https://livefearfree.gov.wales) or <https://example.org/x>.")
    code, out = _check(root)
    assert code == 0 and out == "", out

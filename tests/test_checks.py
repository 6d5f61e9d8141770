"""`guidance check` against broken content: each fault an editor could make must fail with file:line.

Each test copies the real docs/ to a temporary folder, breaks one thing the way an editor might,
runs the checks it is about in this process (helpers.check: the lines `guidance check --only …`
prints) and looks for the exact location and advice in their output. The real command runs twice:
on the real content, which passes, and on one broken copy, which fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers
from guidance.checks import CHECKS
from guidance.checks import reports
from guidance.content.model import load_pages
from helpers import CH3, REACHING_18, ROOT, edit, guidance, line_of, remove_paragraph, run

pytestmark = pytest.mark.unit


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """docs/ of a copy of the project."""
    return helpers.copy_project(tmp_path / "project") / "docs"


def check(docs: Path, *only: str) -> tuple[int, str]:
    return helpers.check(*only, root=docs.parent)



def test_real_content_passes():
    """The command itself, as editors and CI run it: every check over the real content."""
    result = run("guidance", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"All checks passed ({', '.join(CHECKS)})" in result.stdout


def test_a_problem_fails_the_command_with_file_line_and_what_to_do(docs):
    """The command's side of every test below: problems on stdout, one a line, then how many there are
    on stderr, and exit status 1 (which fails CI)."""
    path = docs / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = guidance("check", "--root", str(docs.parent), "--only", "raw-script")
    assert result.returncode == 1
    assert result.stdout.startswith(f"docs/introduction.md:{line_of(path, '<script>')}: '<script' puts script into the page")
    assert result.stderr == "\n1 problem(s) found. Fix each line above, then run `guidance check` again.\n"


def test_duplicate_paragraph_number(docs):
    edit(docs / CH3, "\n144. ", "\n143. ")
    code, out = check(docs, "paragraph-numbers")
    assert code == 1
    line = [n for n, l in enumerate((docs / CH3).read_text().split("\n"), 1) if l.startswith("143. ")][1]
    assert f"{CH3}:{line}: paragraph 143 appears twice" in out
    assert "paragraph 144 is missing" in out


def test_missing_paragraph(docs):
    path = docs / CH3
    remove_paragraph(path, 144)
    code, out = check(docs, "paragraph-numbers")
    assert code == 1
    assert f"{CH3}:{line_of(path, 'paragraphs:')}: paragraph 144 is missing" in out
    assert f"{CH3}:{line_of(path, '145. ')}: paragraph 145 follows paragraph 143; expected 144" in out


def test_paragraph_outside_its_chapter_is_located_in_its_fragment(docs):
    fragment = docs / REACHING_18
    edit(fragment, "\n166. ", "\n167. ")
    code, out = check(docs, "paragraph-numbers")
    assert code == 1
    assert (f"{REACHING_18}:{line_of(fragment, '167. ')}: paragraph 167 is outside the range 'paragraphs: 139-166' "
            f"of docs/{CH3}") in out
    assert "chapter-4-care-and-support.md" in out and "paragraph 167 appears twice" in out


def test_footnote_without_definition(docs):
    path = docs / "introduction.md"
    edit(path, "the Secretary of State.", "the Secretary of State.[^999]")
    text = path.read_text(encoding="utf-8")
    assert "[^999]" in text
    code, out = check(docs, "footnotes")
    assert code == 1
    assert f"introduction.md:{line_of(path, '[^999]')}: footnote [^999] is used here but never defined" in out


def test_footnote_definition_without_reference(docs):
    path = docs / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[^orphan]: A note nobody points to.\n", encoding="utf-8")
    code, out = check(docs, "footnotes")
    assert code == 1
    assert f"introduction.md:{line_of(path, '[^orphan]:')}: footnote [^orphan] is defined but never used" in out


def test_empty_link(docs):
    path = docs / CH3
    edit(path, "duty to notify<!-- lost-link -->", "[duty to notify](#)")
    code, out = check(docs, "empty-links")
    assert code == 1
    assert f"{CH3}:{line_of(path, '[duty to notify](#)')}: the link '[duty to notify](#)' goes nowhere" in out
    assert "duty to notify<!-- lost-link -->" in out  # tells the editor what to write instead


def test_raw_script(docs):
    path = docs / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    code, out = check(docs, "raw-script")
    assert code == 1
    assert f"introduction.md:{line_of(path, '<script>')}: '<script' puts script into the page" in out


def test_missing_front_matter(docs):
    path = docs / "index.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("---\n", 2)[2], encoding="utf-8")
    code, out = check(docs, "front-matter")
    assert code == 1
    assert "docs/index.md:1: the page has no front matter" in out


def test_file_not_saved_as_utf8(docs):
    """Text pasted from Word and saved as Windows-1252: the curly apostrophe is byte 0x92."""
    path = docs / "includes/safeguarding-procedure/reaching-18.md"
    line = line_of(path, "162. ")
    text = path.read_text(encoding="utf-8").split("\n")
    text[line - 1] += " the child\u2019s views"
    path.write_bytes("\n".join(text).encode("cp1252", errors="replace"))
    code, out = check(docs, *CHECKS)
    assert code == 1
    assert f"reaching-18.md:{line}: this file is not saved as UTF-8 (the byte(s) 0x92 on this line cannot be read" in out
    assert "Traceback" not in out


def test_unknown_admonition_type(docs):
    path = docs / CH3
    path.write_text(path.read_text(encoding="utf-8") + '\n!!! caution "Careful"\n\n    Text.\n', encoding="utf-8")
    code, out = check(docs, "admonitions")
    assert code == 1
    assert f"{CH3}:{line_of(path, '!!! caution')}: 'caution' is not a box type this site uses" in out


def test_lost_links_report_lists_every_gap():
    """31 link targets were lost in the source: 27 in the text, 4 in footnotes (3 distinct works)."""
    rows = reports.lost_links(load_pages(ROOT / "docs"), ROOT / "bibliography.bib")  # what `guidance lost-links` lists
    guidance_pages = ("docs/introduction.md", "docs/chapter-", "docs/includes/")  # includes: shared passages
    text_rows = [l for l in rows if l.startswith(guidance_pages)]
    bib_rows = [l for l in rows if l.startswith("bibliography.bib:")]
    source = (ROOT / "tests/fixtures/source/statutory-guidance-consultation-draft.txt").read_text(encoding="utf-8")
    body, notes = source.split("\n- ¹ ", 1)
    assert len(text_rows) == body.count("](#)") == 27
    lost_in_notes = set(re.findall(r"\[((?:[^\]\\]|\\.)+)\]\(#\)", notes))
    assert len(bib_rows) == len(lost_in_notes) == 3
    assert any("chapter-3-safeguarding-procedures.md" in r and "duty to notify" in r for r in text_rows)
    assert any("AllWales2008procedures" in r for r in bib_rows)


@pytest.fixture
def bib(docs: Path) -> Path:
    """bibliography.bib of the same copy of the project."""
    return docs.parent / "bibliography.bib"


def check_with(docs: Path, bib: Path, *only: str) -> tuple[int, str]:
    assert bib.parent == docs.parent, "the pages and the bibliography of one project"
    return helpers.check(*only, root=docs.parent)


def test_unknown_citation_key(docs, bib):
    path = docs / "introduction.md"
    edit(path, "[@DepartmentOfHealth2000safeguarding]", "[@DepartmentOfHealth2000safeguardin]")
    code, out = check_with(docs, bib, "citations")
    assert code == 1
    line = line_of(path, "@DepartmentOfHealth2000safeguardin]")
    assert f"introduction.md:{line}: [@DepartmentOfHealth2000safeguardin] cites a work that is not in bibliography.bib" in out


def test_duplicate_bibliography_key(docs, bib):
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@book{Hallett2017making,\n  title = {Again},\n  year = {2017}\n}\n", encoding="utf-8")
    code, out = check_with(docs, bib, "bibliography")
    assert code == 1
    line = len(text.split("\n")) + 1
    assert f"bibliography.bib:{line}: the key 'Hallett2017making' is used twice (also line {line_of(bib, '{Hallett2017making,')})" in out


def test_malformed_bibliography_entry(docs, bib):
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text + "\n@book{Broken2020entry,\n  title = {No closing brace},\n  year = {2020}\n", encoding="utf-8")
    code, out = check_with(docs, bib, "bibliography")
    assert code == 1
    assert re.search(r"bibliography\.bib:\d+: the bibliography cannot be read: syntax error in line \d+", out)


def test_uncited_entry_and_missing_required_field(docs, bib):
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@article{Nobody2020paper,\n  title = {Unused}\n}\n", encoding="utf-8")
    code, out = check_with(docs, bib, "bibliography")
    assert code == 1
    line = line_of(bib, "{Nobody2020paper,")
    assert f"bibliography.bib:{line}: 'Nobody2020paper' is never cited" in out
    assert f"bibliography.bib:{line}: @article{{Nobody2020paper}} has no author" in out


@pytest.mark.parametrize("text", ["[info@example.org](mailto:info@example.org)", "[Follow @CSEWales](https://example.org)",
                                  "[@Hallett2017making, p. 12]"])
def test_at_sign_in_brackets_would_be_eaten(docs, bib, text):
    path = docs / CH3
    path.write_text(path.read_text(encoding="utf-8") + f"\nContact: {text}\n", encoding="utf-8")
    code, out = check_with(docs, bib, "citations")
    assert code == 1
    bracket = re.match(r"\[[^\]]*\]", text).group(0)
    assert f"{CH3}:{line_of(path, 'Contact:')}: '{bracket}' contains '@', so the citation plugin would treat it as a citation and delete it" in out


def test_broken_internal_anchor(docs):
    path = docs / "index.md"
    edit(path, "chapter-3-safeguarding-procedures.md#para-158", "chapter-3-safeguarding-procedures.md#para-518")
    code, out = check(docs, "internal-links")
    assert code == 1
    assert (f"index.md:{line_of(path, '#para-518')}: the link 'chapter-3-safeguarding-procedures.md#para-518' points to "
            "'#para-518', which is not on") in out


def test_link_to_a_page_that_does_not_exist(docs):
    path = docs / "index.md"
    edit(path, "(introduction.md)", "(introductoin.md)")
    code, out = check(docs, "internal-links")
    assert code == 1
    assert f"index.md:{line_of(path, 'introductoin.md')}: the link 'introductoin.md' points to a page that does not exist" in out


def test_heading_anchor_links_are_recognised(docs):
    """The home page links to a chapter-1 heading anchor: the check must accept real heading anchors."""
    code, out = check(docs, "internal-links")
    assert "identifying-and-reporting-child-sexual-exploitation-cse" not in out


def test_include_naming_a_missing_file(docs):
    path = docs / CH3
    edit(path, 'includes/safeguarding-procedure/reaching-18.md"', 'includes/safeguarding-procedure/reaching-eighteen.md"')
    code, out = check(docs, "includes", "paragraph-numbers")
    assert code == 1
    assert (f"{CH3}:{line_of(path, 'reaching-eighteen')}: '--8<-- \"includes/safeguarding-procedure/reaching-eighteen.md\"' "
            "names") in out and "which does not exist" in out
    assert "paragraph 162 is missing" in out


def test_shared_paragraph_typed_into_the_practice_guide(docs):
    """A copy of a chapter's paragraph drifts: the practice guide must include the chapter's fragment."""
    path = docs / "practice-guide/safeguarding-procedure.md"
    fragment = (docs / REACHING_18).read_text(encoding="utf-8")
    edit(path, '--8<-- "includes/safeguarding-procedure/reaching-18.md"', fragment)
    code, out = check(docs, "paragraph-numbers")
    assert code == 1
    assert f"safeguarding-procedure.md:{line_of(path, '162. ')}: paragraph 162 is typed into this page" in out

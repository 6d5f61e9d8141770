"""The Welsh publishing gate: CI fails, with file:line, whenever the Welsh edition falls behind.

Each test breaks a copy of docs/ and docs_cy/ and runs the checks it is about in this process
(helpers.check); the translation record is refreshed through the function behind
`guidance translations --record`. The real `guidance translations` report runs once, on the real edition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import helpers
from helpers import CH3, RESPONSE, ROOT, edit, guidance, line_of, remove_paragraph, run

pytestmark = pytest.mark.unit

PROCEDURE = "practice-guide/safeguarding-procedure.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return helpers.copy_project(tmp_path)


def check(project: Path, *only: str) -> tuple[int, str]:
    return helpers.check(*only, root=project)


def record(project: Path, *pages: str) -> None:
    """Refresh the translation record of Welsh pages the way the check's message says to."""
    result = guidance("translations", "--root", str(project), "--record", *(str(project / "docs_cy" / page) for page in pages))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_real_edition_passes_the_gate():
    result = run("guidance", "translations")
    assert result.returncode == 0, result.stdout
    assert "0 missing, 0 outdated" in result.stdout
    assert "300 of 300 numbered paragraphs in Welsh" in result.stdout


def test_missing_welsh_page_fails(project):
    (project / "docs_cy" / CH3).unlink()
    code, out = check(project, "welsh-pages")
    assert code == 1
    assert f"docs/{CH3}:1: this page has no Welsh counterpart" in out


def test_paragraph_missing_in_welsh_fails(project):
    remove_paragraph(project / "docs_cy" / CH3, 145)
    code, out = check(project, "welsh-structure")
    assert code == 1
    assert f"docs_cy/{CH3}:" in out and "missing in Welsh: 145" in out


def test_citation_key_differing_fails(project):
    path = project / "docs_cy" / "introduction.md"
    edit(path, "[@DepartmentOfHealth2000safeguarding]", "[@Hallett2017making]")
    code, out = check(project, "welsh-structure")
    assert code == 1
    assert f"docs_cy/introduction.md:{line_of(path, '15. ')}: the citations in paragraph 15 differ from English" in out


def test_english_paragraph_edited_without_welsh_update_fails(project):
    english = project / "docs" / CH3
    edit(english, "145. Information sharing is central", "145. Sharing information is central")
    code, out = check(project, "welsh-translation-record")
    assert code == 1
    welsh_line = line_of(project / "docs_cy" / CH3, "145. ")
    assert f"docs_cy/{CH3}:{welsh_line}: English paragraph 145 (" in out
    assert f"docs/{CH3}:{line_of(english, '145. ')}) changed after this Welsh translation was recorded" in out
    # the editor updates the Welsh and refreshes the record with one command: the gate opens again
    record(project, CH3)
    assert check(project, "welsh-translation-record")[0] == 0


def test_shared_paragraph_edited_flags_every_welsh_page_showing_it(project):
    """Paragraph 158 is one fragment shown by chapter 3 and the practice guide: both Welsh pages wait for it."""
    english = project / "docs" / RESPONSE
    edit(english, "158. All children identified as potentially trafficked", "158. All children identified as possibly trafficked")
    code, out = check(project, "welsh-translation-record")
    assert code == 1
    welsh_line = line_of(project / "docs_cy" / RESPONSE, "158. ")
    assert f"docs_cy/{RESPONSE}:{welsh_line}: English paragraph 158 (" in out
    assert f"docs/{RESPONSE}:{line_of(english, '158. ')}) changed after this Welsh translation was recorded" in out
    for page in (CH3, PROCEDURE):
        assert f"run `guidance translations --record docs_cy/{page}`" in out
    record(project, CH3, PROCEDURE)
    assert check(project, "welsh-translation-record")[0] == 0


def test_english_heading_edited_without_welsh_update_fails(project):
    edit(project / "docs" / CH3, "## A proportionate response", "## A proportionate, timely response")
    code, out = check(project, "welsh-translation-record")
    assert code == 1
    assert "changed outside its numbered paragraphs" in out


def test_spelling_accepts_the_words_of_the_checked_projects_own_word_list(project):
    """`--root COPY` checks COPY's Welsh against COPY's word list, not the one of the checkout the
    command is installed from (which does not know the word)."""
    word = "Plantsganolog"
    assert word not in (ROOT / "docs_cy" / "spelling-wordlist.txt").read_text(encoding="utf-8")
    edit(project / "docs_cy" / RESPONSE, "158. ", f"158. {word} ")
    code, out = check(project, "welsh-spelling")
    assert code == 1 and f"'{word}' is not in the Welsh dictionary" in out, out  # neither dictionary knows it
    wordlist = project / "docs_cy" / "spelling-wordlist.txt"
    wordlist.write_text(wordlist.read_text(encoding="utf-8") + f"{word}\n", encoding="utf-8")
    code, out = check(project, "welsh-spelling")
    assert code == 0 and out == "", out


def test_misspelt_welsh_word_fails_at_its_fragment_line(project):
    path = project / "docs_cy" / RESPONSE
    edit(path, "158. ", "158. Plantt ")
    code, out = check(project, "welsh-spelling")
    assert code == 1
    assert f"docs_cy/{RESPONSE}:{line_of(path, '158. Plantt')}: 'Plantt' is not in the Welsh dictionary" in out
    assert out.count("'Plantt'") == 1  # shown by two pages, reported once


def test_glossary_term_not_used_in_welsh_fails(project):
    path = project / "docs_cy" / CH3
    text = path.read_text(encoding="utf-8")
    para = next(l for l in text.split("\n") if l.startswith("144. "))
    assert "yng Ngweithdrefnau Diogelu Cymru" in para  # the nasal mutation of the agreed term is recognised
    edit(path, para, para.replace("yng Ngweithdrefnau Diogelu Cymru", "yn Nhrefniadau Cymru"))
    code, out = check(project, "terminology")
    assert code == 1
    assert f"docs_cy/{CH3}:{line_of(path, '144. ')}: English paragraph 144 says 'Wales Safeguarding Procedures'" in out


def test_draft_status_is_required(project):
    path = project / "docs_cy" / "index.md"
    edit(path, "status: draft", "status: finished")
    code, out = check(project, "welsh-translation-record")
    assert code == 1
    assert "the front matter needs 'translation: status: draft'" in out


# --- avoided variants (docs_cy/terminology.yml `avoid:`), on a small edition of one page ---------

TERMS = """\
terms:
  - en: potential
    cy: [posibl]
    avoid: [darpar]
    only_where_english: true
    allow: [darpar rieni mabwysiadol]
    require: false
  - en: resilience
    cy: [cydnerthedd]
    avoid: [gwydnwch]
  - en: NHS Trusts
    cy: [Ymddiriedolaethau GIG]
    avoid: [Ymddiriedolaethau NHS]
  - en: CSE
    cy: [CRhB]
    avoid: [CSE]
    require: false
  - en: NHS
    cy: [GIG]
    avoid: [NHS]
    require: false
"""
ENGLISH = """\
---
title: Responding to child sexual exploitation
---

1. Staff who meet a potential victim of CSE refer them; prospective adopters are told. Resilience matters.

!!! note "NHS Trusts"

    The report *Tackling CSE* is read by NHS Trusts.

2. Prospective adopters are assessed.
"""
WELSH = """\
---
title: Ymateb i gamfanteisio'n rhywiol ar blant
translation:
  status: draft
---

1. Mae staff sy'n dod ar draws dioddefwr posibl CRhB yn ei atgyfeirio; dywedir wrth ddarpar rieni mabwysiadol. Mae cydnerthedd yn bwysig.

!!! note "Ymddiriedolaethau GIG"

    Mae Ymddiriedolaethau GIG yn darllen yr adroddiad *Tackling CSE*{lang=en} a <span lang="en">NHS Wales</span>.

2. Asesir darpar rieni mabwysiadol a darpar ofalwyr.
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """docs/ and docs_cy/ with one page each and a terminology.yml of five terms, all clean."""
    for folder, text in (("docs", ENGLISH), ("docs_cy", WELSH)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.md").write_text(text, encoding="utf-8")
    (tmp_path / "docs_cy" / "terminology.yml").write_text(TERMS, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: A small edition\n", encoding="utf-8")
    return tmp_path


def test_clean_welsh_passes_the_avoided_variants(small):
    """English-marked text may say CSE and NHS; "darpar" is right for "prospective" (para 2, where the
    English has no "potential") and inside an allowed phrase (para 1, where it has)."""
    code, out = check(small, "terminology")
    assert code == 0, out


def test_avoided_variant_fails_with_one_line_saying_what_to_use(small):
    path = small / "docs_cy" / "page.md"
    edit(path, "dioddefwr posibl CRhB", "darpar ddioddefwr CSE")
    code, out = check(small, "terminology")
    assert code == 1 and "Traceback" not in out
    line = line_of(path, "1. ")
    assert f'docs_cy/page.md:{line}: "darpar" is to be avoided for "potential"; use "posibl" (docs_cy/terminology.yml).' in out
    assert f'docs_cy/page.md:{line}: "CSE" is to be avoided for "CSE"; use "CRhB" (docs_cy/terminology.yml).' in out
    assert out.count("is to be avoided") == 2  # "darpar rieni mabwysiadol" (allowed) and para 2 stay clean


def test_mutated_avoided_variant_fails(small):
    path = small / "docs_cy" / "page.md"
    edit(path, "Mae cydnerthedd yn bwysig.", "Mae ei wydnwch yn bwysig.")
    edit(path, "dywedir wrth ddarpar rieni", "dywedir wrth ddarpar ddioddefwyr a rhieni")
    code, out = check(small, "terminology")
    assert code == 1
    line = line_of(path, "1. ")
    assert f'docs_cy/page.md:{line}: "wydnwch" is to be avoided for "resilience"; use "cydnerthedd"' in out
    assert f'docs_cy/page.md:{line}: "ddarpar" is to be avoided for "potential"; use "posibl"' in out
    # the paragraph is told what to avoid, not also that it lacks "cydnerthedd"
    assert "has none of the agreed terms" not in out


def test_avoided_variant_in_a_title_or_box_fails_once_for_the_longest_variant(small):
    path = small / "docs_cy" / "page.md"
    edit(path, "title: Ymateb i gamfanteisio'n rhywiol ar blant", "title: Ymateb i CSE")
    edit(path, '!!! note "Ymddiriedolaethau GIG"', '!!! note "Ymddiriedolaethau NHS"')
    code, out = check(small, "terminology")
    assert code == 1
    assert 'docs_cy/page.md:2: "CSE" is to be avoided for "CSE"; use "CRhB"' in out
    box = line_of(path, "!!! note")
    assert (f'docs_cy/page.md:{box}: "Ymddiriedolaethau NHS" is to be avoided for "NHS Trusts"; '
            'use "Ymddiriedolaethau GIG"') in out
    assert f'docs_cy/page.md:{box}: "NHS" is to be avoided' not in out  # part of the longer variant


def test_unmarked_english_title_is_not_exempt(small):
    path = small / "docs_cy" / "page.md"
    edit(path, "*Tackling CSE*{lang=en}", "*Tackling CSE*")
    code, out = check(small, "terminology")
    assert code == 1
    assert f'docs_cy/page.md:{line_of(path, "Tackling CSE")}: "CSE" is to be avoided for "CSE"' in out


def test_broken_terminology_file_is_one_line_not_a_traceback(small):
    (small / "docs_cy" / "terminology.yml").write_text(TERMS + "  - en: grooming\n    avoid: [x]\n", encoding="utf-8")
    code, out = check(small, "terminology")
    assert code == 1 and "Traceback" not in out
    assert "terminology.yml:22: each term needs 'en: English term' and 'cy: [Welsh forms]'" in out


def test_the_real_terminology_file_is_well_formed():
    from guidance.checks import _terms
    from guidance.project import Project
    terms, problems = _terms(Project.at(ROOT).terminology)
    assert not problems
    by_en = {t.en: t for t in terms}
    assert by_en["potential"].only_where_english and not by_en["potential"].require
    assert by_en["Sex and Relationship Education"].cy[0] == "Addysg Rhyw a Chydberthynas"
    assert {"CSE", "HSB", "CCE", "UNCRC", "NHS", "FE", "RSE", "SRE", "YOT", "PRU", "LGBT+"} <= set(by_en)

"""The translator's round trip: `guidance translations export` writes XLIFF 1.2 that CAT tools import,
`guidance translations import` takes the translated file back — or refuses it, writing nothing.

Every test works on a temporary copy of docs/ and docs_cy/ and gives the real commands, in this
process (helpers.guidance: the command's entry point, without starting Python each time); the checks
they hand over to run in this process too (helpers.check). The XLIFF is read and edited here with the
standard library's ElementTree, not with the library that wrote it, the way a CAT tool of its own would.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

import helpers
from helpers import CH3, RESPONSE, ROOT, edit, run

NS = "urn:oasis:names:tc:xliff:document:1.2"
Q = f"{{{NS}}}"
ET.register_namespace("", NS)
P145 = f"{CH3}#para-145"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return helpers.copy_project(tmp_path)


def guidance(project: Path, *args: str):
    """`guidance translations ARGS` on the copy."""
    return helpers.guidance("translations", *args, "--root", str(project))


def check(project: Path, *only: str) -> tuple[int, str]:
    """What `guidance check --only …` says about the copy."""
    return helpers.check(*only, root=project)


def export(project: Path, *args: str) -> Path:
    out = project / "export.xlf"
    result = guidance(project, "export", "--xliff", str(out), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def import_(project: Path, xlf: Path):
    result = guidance(project, "import", str(xlf))
    return result.returncode, result.stdout + result.stderr


def units(xlf: Path) -> dict[str, ET.Element]:
    root = ET.parse(xlf).getroot()
    return {tu.get("id"): tu for tu in root.iter(Q + "trans-unit")}


def translate(xlf: Path, uid: str, change=None, state: str | None = "final") -> None:
    """Edit one unit as a CAT tool would: new words in the target (its inline codes kept), a new state."""
    tree = ET.parse(xlf)
    tu = next(tu for tu in tree.getroot().iter(Q + "trans-unit") if tu.get("id") == uid)
    target = tu.find(Q + "target")
    if change:
        change(target)
    if state:
        target.set("state", state)
    tree.write(xlf, xml_declaration=True, encoding="UTF-8")


def prefix(words: str):
    def change(target: ET.Element) -> None:
        target.text = words + (target.text or "")
    return change


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted((project / "docs_cy").rglob("*")) if p.is_file()}


def record(project: Path, page: str) -> dict:
    text = (project / "docs_cy" / page).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["translation"]


@pytest.mark.unit
def test_export_is_xliff_1_2_from_english_into_welsh_with_a_unit_per_block(project):
    xlf = export(project, f"docs/{CH3}")
    raw = xlf.read_bytes()
    root = ET.fromstring(raw)
    assert root.tag == Q + "xliff" and root.get("version") == "1.2"
    files = root.findall(Q + "file")
    assert {f.get("original") for f in files} == {CH3, "includes/safeguarding-procedure/practice-guides.md",
                                                    RESPONSE, "includes/safeguarding-procedure/reaching-18.md"}
    assert all(f.get("source-language") == "en" and f.get("target-language") == "cy" for f in files)
    found = units(xlf)
    # every numbered paragraph of the chapter once, wherever its text lives, and the other blocks
    paragraphs = {uid.split("#para-")[1] for uid in found if "#para-" in uid and "/" not in uid.split("#")[1]}
    assert paragraphs == {str(n) for n in range(139, 167)}
    assert f"{RESPONSE}#para-158" in found
    assert f"{CH3}#h-a-proportionate-response" in found  # a heading, keyed by its anchor
    assert f"{CH3}#top/box1" in found and f"{CH3}#top/box1/li1" in found  # the Summary box and its list
    p145 = found[P145]
    assert "Information sharing is central" in "".join(p145.find(Q + "source").itertext())
    assert "Mae rhannu gwybodaeth yn ganolog" in "".join(p145.find(Q + "target").itertext())
    assert [g.get("ctype") for g in p145.find(Q + "source").iter(Q + "g")] == ["bold", "italic"]
    assert [g.get("id") for g in p145.find(Q + "target").iter(Q + "g")] == [g.get("id") for g in p145.find(Q + "source").iter(Q + "g")]
    note = p145.find(Q + "note").text
    assert CH3 in note and "numbered paragraph 145" in note
    assert p145.find(Q + "target").get("state") == "translated"


@pytest.mark.unit
def test_inline_codes_protect_citations_notes_links_abbreviations_and_markers(project):
    found = units(export(project))
    ctypes = {x.get("ctype"): x.get("equiv-text") for tu in found.values() for x in tu.find(Q + "source").iter(Q + "x")}
    assert ctypes["x-citation"].startswith("[@") and ctypes["x-footnote"].startswith("[^")
    assert ctypes["x-lost-link"] == "<!-- lost-link -->" and ctypes["x-abbreviation"]
    links = [g for tu in found.values() for g in tu.find(Q + "source").iter(Q + "g") if g.get("ctype") == "link"]
    assert links and all("](" not in "".join(g.itertext()) for g in links)  # the address is not text to edit
    for tu in found.values():  # no Markdown code is left as text a translator could break
        source = "".join(tu.find(Q + "source").itertext())
        assert "[@" not in source and "[^" not in source and "**" not in source, tu.get("id")


@pytest.mark.unit
def test_unit_ids_are_stable_across_exports_and_edits_elsewhere(project):
    first = set(units(export(project, f"docs/{CH3}")))
    edit(project / "docs" / CH3, "143. A child-centred approach", "143. A child centred approach")
    edit(project / "docs" / CH3, "146. Our response", "Inserted sentence.\n\n146. Our response")
    second = set(units(export(project, f"docs/{CH3}")))
    assert first <= second and len(second - first) == 1  # only the inserted paragraph is new


@pytest.mark.unit
def test_translator_edits_one_paragraph_and_signs_it_off(project):
    before = snapshot(project)
    xlf = export(project, f"docs/{CH3}")
    translate(xlf, P145, prefix("Yn wir, "), state="final")
    code, out = import_(project, xlf)
    assert code == 0, out
    after = snapshot(project)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [f"docs_cy/{CH3}"]
    old, new = before[changed[0]].decode().split("\n"), after[changed[0]].decode().split("\n")
    body_old, body_new = "\n".join(old).split("\n---\n", 1)[1], "\n".join(new).split("\n---\n", 1)[1]
    diff = [(a, b) for a, b in zip(body_old.split("\n"), body_new.split("\n")) if a != b]
    assert len(body_old.split("\n")) == len(body_new.split("\n")) and len(diff) == 1
    assert diff[0][1] == diff[0][0].replace("145. Mae rhannu", "145. Yn wir, Mae rhannu")
    assert "**Un o'r amgylchiadau" in diff[0][1] and "*Gweithio Gyda'n Gilydd" in diff[0][1]  # codes back as Markdown
    assert old[:2] == new[:2]  # the title line, byte for byte
    rec = record(project, CH3)
    assert rec["reviewed"] == {145: rec["paragraphs"][145]}
    assert rec["status"] == "draft"  # the rest of the page is not reviewed yet
    report = guidance(project).stdout
    assert f"docs_cy/{CH3}: 28 paragraph(s): 1 reviewed, 27 draft, 0 outdated" in report
    code, out = check(project, "welsh-translation-record", "welsh-structure")
    assert code == 0, out
    # what the translator signed off leaves the --draft export; English changed later makes it outdated again
    assert P145 not in units(export(project, "--draft", f"docs/{CH3}"))
    edit(project / "docs" / CH3, "145. Information sharing is central", "145. Sharing information is central")
    assert f"docs_cy/{CH3}: 28 paragraph(s): 0 reviewed, 27 draft, 1 outdated" in guidance(project).stdout


@pytest.mark.unit
def test_english_only_editor_exports_outdated_units_and_imports_the_translation(project):
    edit(project / "docs" / CH3, "145. Information sharing is central", "145. Sharing information is central")
    code, out = check(project, "welsh-translation-record")
    assert code == 1
    assert "guidance translations export --outdated --xliff outdated.xlf" in out
    xlf = export(project, "--outdated")
    found = units(xlf)
    assert list(found) == [P145]
    assert found[P145].find(Q + "target").get("state") == "needs-review-translation"
    translate(xlf, P145, prefix("Mae rhannu gwybodaeth yn ganolog. "), state="translated")
    code, out = import_(project, xlf)
    assert code == 0, out
    code, out = check(project, "welsh-translation-record")
    assert code == 0, out
    assert "reviewed" not in record(project, CH3)  # recorded, not signed off
    assert guidance(project, "export", "--outdated", "--xliff", str(project / "none.xlf")).returncode == 0
    assert not (project / "none.xlf").exists()


def _drop_first_code(target: ET.Element) -> None:
    code = next(iter(target))
    target.text = (target.text or "") + "".join(code.itertext()) + (code.tail or "")
    target.remove(code)


def _code_without_id(target: ET.Element) -> None:
    next(iter(target)).attrib.pop("id")


def _emptied(target: ET.Element) -> None:
    for child in list(target):
        target.remove(child)
    target.text = ""


def _extra_code(target: ET.Element) -> None:
    extra = ET.SubElement(target, Q + "x", {"id": "99", "ctype": "x-citation"})
    extra.tail = " diwedd."


def _set(attribute: str, value: str | None, tag: str):
    def change(xlf: Path, project: Path) -> None:
        tree = ET.parse(xlf)
        for node in tree.getroot().iter(Q + tag):
            if value is None:
                node.attrib.pop(attribute, None)
            else:
                node.set(attribute, value)
            break
        tree.write(xlf, xml_declaration=True, encoding="UTF-8")
    return change


def _rename_unit(xlf: Path, project: Path) -> None:
    _set("id", f"{CH3}#para-999", "trans-unit")(xlf, project)


def _english_changed(xlf: Path, project: Path) -> None:
    edit(project / "docs" / CH3, "145. Information sharing is central", "145. Sharing information is central")


def _not_xml(xlf: Path, project: Path) -> None:
    xlf.write_bytes(xlf.read_bytes()[:500])


def _xliff_2(xlf: Path, project: Path) -> None:
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(NS, "urn:oasis:names:tc:xliff:document:2.0"), encoding="utf-8")


@pytest.mark.unit
@pytest.mark.parametrize("spoil, message", [
    (_rename_unit, f"unit '{CH3}#para-999' is not a unit of the current English pages"),
    (_set("id", None, "trans-unit"), "a <trans-unit> has no id"),
    (lambda xlf, project: translate(xlf, P145, _drop_first_code, state="final"),
     f"unit '{P145}': inline code 1 (bold **One of the specific"),
    (lambda xlf, project: translate(xlf, P145, _extra_code, state="final"),
     f"unit '{P145}': the Welsh has an inline code <x id=\"99\"> that the English does not have"),
    (lambda xlf, project: translate(xlf, P145, _code_without_id, state="final"),
     f"unit '{P145}': its inline codes cannot be read"),
    (lambda xlf, project: translate(xlf, P145, _emptied, state="final"), f"unit '{P145}': the Welsh is empty"),
    (_set("target-language", "fr", "file"), "translates 'en' into 'fr'; this site needs English (en) into Welsh (cy)"),
    (_set("source-language", "cy", "file"), "translates 'cy' into 'cy'"),
    (_english_changed, f"unit '{P145}': the English has changed since this file was exported"),
    (_not_xml, "cannot be read as XML"),
    (_xliff_2, "is not an XLIFF 1.2 file"),
])
def test_bad_file_is_refused_and_nothing_is_written(project, spoil, message):
    xlf = export(project, f"docs/{CH3}")
    translate(xlf, P145, prefix("Yn wir, "), state="final")  # a good change that must not be written either
    spoil(xlf, project)
    before = snapshot(project)
    code, out = import_(project, xlf)
    assert code == 1, out
    assert message in out
    assert "nothing was written" in out and "Traceback" not in out
    assert snapshot(project) == before


@pytest.mark.unit
def test_typed_citation_is_refused(project):
    xlf = export(project, "docs/introduction.md")
    uid = "introduction.md#para-15"
    translate(xlf, uid, prefix("[@Hallett2017making] "), state="translated")
    before = snapshot(project)
    code, out = import_(project, xlf)
    assert code == 1 and "typed as text" in out
    assert snapshot(project) == before


@pytest.mark.unit
def test_unchanged_file_imports_as_no_change(project):
    before = snapshot(project)
    code, out = import_(project, export(project))
    assert code == 0, out
    assert snapshot(project) == before


@pytest.mark.build
def test_page_reviewed_throughout_loses_the_draft_notice(project, tmp_path):
    """The one site build: after every unit of a page is signed off, its Welsh page has no draft notice."""
    page = "welsh-language.md"
    xlf = export(project, f"docs/{page}")
    for uid in units(xlf):
        translate(xlf, uid, state="final")
    code, out = import_(project, xlf)
    assert code == 0, out
    assert record(project, page)["status"] == "reviewed"
    assert any(line.startswith("REVIEWED") and f"docs_cy/{page}:" in line for line in guidance(project).stdout.split("\n"))
    src = tmp_path / "site-src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "site", "build", "__pycache__",
                                                              "node_modules", "docs", "docs_cy"))
    for folder in ("docs", "docs_cy"):
        shutil.copytree(project / folder, src / folder)
    result = run("mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=src)
    assert result.returncode == 0, result.stdout + result.stderr
    reviewed = (tmp_path / "out" / "cy" / "welsh-language" / "index.html").read_text(encoding="utf-8")
    draft = (tmp_path / "out" / "cy" / "about" / "index.html").read_text(encoding="utf-8")
    assert "translation-notice" not in reviewed and "translation-notice" in draft


@pytest.mark.unit
def test_shared_paragraph_is_written_once_and_recorded_on_every_page_showing_it(project):
    xlf = export(project, f"docs/{CH3}", "docs/practice-guide/safeguarding-procedure.md")
    uid = f"{RESPONSE}#para-158"
    assert list(units(xlf)).count(uid) == 1
    translate(xlf, uid, prefix("Yn wir, "), state="final")
    code, out = import_(project, xlf)
    assert code == 0, out
    assert "158. Yn wir, **Rhaid**" in (project / "docs_cy" / RESPONSE).read_text(encoding="utf-8")
    for page in (CH3, "practice-guide/safeguarding-procedure.md"):
        assert 158 in record(project, page)["reviewed"], page


@pytest.mark.unit
def test_welsh_link_addresses_and_english_title_marks_survive_an_edit(project):
    """A Welsh link may point at a Welsh anchor; a title kept in English is marked {lang=en} in Welsh only."""
    xlf = export(project, "docs/practice-guide/index.md", "docs/chapter-2-preventing-cse.md")
    translate(xlf, "practice-guide/index.md#top/box1/p1", prefix("Sylwer: "), state="translated")
    translate(xlf, "chapter-2-preventing-cse.md#para-82", prefix("Sylwer: "), state="translated")
    code, out = import_(project, xlf)
    assert code == 0, out
    guide = (project / "docs_cy" / "practice-guide" / "index.md").read_text(encoding="utf-8")
    assert "    Sylwer: Testun y canllawiau" in guide
    assert "(../chapter-3-safeguarding-procedures.md#ymateb-cymesur)" in guide  # the Welsh anchor, not the English
    chapter = (project / "docs_cy" / "chapter-2-preventing-cse.md").read_text(encoding="utf-8")
    assert "82. Sylwer: Mae tystiolaeth o'r *Care Crisis Review*{lang=en} a gynhaliwyd" in chapter
    code, out = check(project, "internal-links", "welsh-structure", "welsh-translation-record")
    assert code == 0, out


@pytest.mark.unit
def test_welsh_edited_in_the_repository_while_the_file_was_out_is_not_overwritten(project):
    xlf = export(project, f"docs/{CH3}")
    edit(project / "docs_cy" / CH3, "145. Mae rhannu gwybodaeth", "145. Mae rhannu'r wybodaeth")
    translate(xlf, P145, prefix("Yn wir, "), state="final")
    before = snapshot(project)
    code, out = import_(project, xlf)
    assert code == 1 and f"unit '{P145}': the Welsh at docs_cy/{CH3}:" in out and "was edited in the repository" in out
    assert snapshot(project) == before


@pytest.mark.unit
def test_block_added_in_english_is_added_to_the_welsh(project):
    """An editor adds a list item to the Summary box; the translator translates the units as the file gives
    them (each unit's English, whatever its Welsh was), and the Welsh gains the item in the same place."""
    edit(project / "docs" / CH3, "across Wales.\n    - A number of", "across Wales.\n    - A new point about CSE.\n    - A number of")
    xlf = export(project, "--outdated")
    found = units(xlf)
    assert found[f"{CH3}#top/box1/li4"].find(Q + "target").get("state") == "needs-translation"  # no Welsh yet
    old_third = found[f"{CH3}#top/box1/li3"].find(Q + "target")

    def move_old_welsh(target: ET.Element) -> None:  # li4's English is what li3's Welsh translated
        target.text = old_third.text
        for child in old_third:
            target.append(child)

    def new_point(target: ET.Element) -> None:
        for child in list(target):
            target.remove(child)
        target.text = "Pwynt newydd am "
        ET.SubElement(target, Q + "x", {"id": "1", "ctype": "x-abbreviation"}).tail = "."

    translate(xlf, f"{CH3}#top/box1/li4", move_old_welsh, state="translated")
    translate(xlf, f"{CH3}#top/box1/li3", new_point, state="translated")
    code, out = import_(project, xlf)
    assert code == 0, out
    # the other units of the box and headings (sent because the text outside the paragraphs changed) are
    # not confirmed yet: the page is not recorded as up to date until the translator confirms each
    assert guidance(project).returncode == 1
    xlf = export(project, "--outdated")
    for uid in units(xlf):
        translate(xlf, uid, state="translated")
    code, out = import_(project, xlf)
    assert code == 0, out
    welsh = (project / "docs_cy" / CH3).read_text(encoding="utf-8")
    assert "ledled Cymru.\n    - Pwynt newydd am CSE.\n    - Mae nifer o Ganllawiau" in welsh
    code, out = check(project, "welsh-translation-record", "welsh-structure")
    assert code == 0, out


@pytest.mark.unit
def test_block_removed_from_english_is_pointed_out_not_deleted(project):
    edit(project / "docs" / CH3, "    - The Wales Safeguarding Procedures set out a consistent approach to safeguarding for "
                                 "children and adults at risk across Wales.\n", "")
    before = snapshot(project)
    result = guidance(project, "export", "--outdated", "--xliff", str(project / "out.xlf"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"docs_cy/{CH3}:" in result.stdout and "has no English counterpart at its place any more" in result.stdout
    assert snapshot(project) == before

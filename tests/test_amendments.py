"""The live document at paragraph level (issue 19): an editor changes paragraph 158 in English and
Welsh and commits it with change notes; the built site marks it "Amended 1 December 2026" /
"Diwygiwyd 1 Rhagfyr 2026", its history shows the words that changed, What's changed and both Atom
feeds list it. A later renumbering keeps old links landing on their paragraph.

Each scenario is a temporary clone of this repository (its committed history, so the first edition's
commit is there), edited and committed there as an editor would, and built with `mkdocs build
--strict` and the `guidance` package of this environment.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from helpers import AXE, EXCLUDED_RULES, PREFIX, ROOT, SITE_URL, WCAG_TAGS, View, all_pages, device, edit, run

CHAPTER = "chapter-3-safeguarding-procedures/"
FRAGMENT = "includes/safeguarding-procedure/proportionate-response.md"
REACHING_18 = "includes/safeguarding-procedure/reaching-18.md"
DAY = "2026-12-01T12:00:00+00:00"
NOTE = "Paragraph 158 now says that a quick referral helps to reduce going missing and re-trafficking."
NOTE_CY = ("Mae paragraff 158 bellach yn dweud bod atgyfeirio'n gyflym yn helpu i leihau achosion o fynd ar goll "
           "ac o ailfasnachu.")


def git(repo: Path, *args: str, **env: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, "GIT_AUTHOR_DATE": DAY, "GIT_COMMITTER_DATE": DAY, **env})
    assert result.returncode == 0, result.stderr
    return result.stdout


def clone(tmp: Path) -> Path:
    repo = tmp / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    git(repo, "config", "user.name", "Editor")
    git(repo, "config", "user.email", "editor@example.org")
    return repo


def commit(repo: Path, message: str) -> None:
    (repo.parent / "message").write_text(message, encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-F", str(repo.parent / "message"))


def build(repo: Path, out: Path) -> Path:
    result = run("mkdocs", "build", "--strict", "--site-dir", str(out), cwd=repo)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """A site built after paragraph 158 was changed in both languages and committed with notes."""
    tmp = tmp_path_factory.mktemp("amended")
    repo = clone(tmp)
    edit(repo / "docs" / FRAGMENT, "Making a referral quickly after identification could support in reducing",
         "Making a referral quickly after identification helps to reduce")
    edit(repo / "docs_cy" / FRAGMENT, "Gallai gwneud atgyfeiriad yn gyflym ar ôl nodi'r plentyn helpu i leihau",
         "Mae gwneud atgyfeiriad yn gyflym ar ôl nodi'r plentyn yn helpu i leihau")
    commit(repo, f"Paragraph 158: a quick referral helps\n\nChange-note: {NOTE}\nChange-note-cy: {NOTE_CY}\n")
    return build(repo, tmp / "site")


@pytest.fixture(scope="module")
def unmodified(tmp_path_factory) -> Path:
    """This repository's own site: no paragraph has changed since the first edition."""
    return build(ROOT, tmp_path_factory.mktemp("unmodified"))


@pytest.mark.build
@pytest.mark.parametrize("lang,mark", [("en", "Amended 1 December 2026"), ("cy", "Diwygiwyd 1 Rhagfyr 2026")])
def test_the_changed_paragraph_is_marked_in_its_language(amended, lang, mark):
    root = "cy/" if lang == "cy" else ""
    for path in (CHAPTER, "practice-guide/safeguarding-procedure/"):
        page = soup(amended, root + path)
        marks = page.select("div.para p.para-amended")
        assert [m.find_parent("div", class_="para")["id"] for m in marks] == ["para-158"], path
        link = marks[0].a
        assert words(link).startswith(mark)
        assert link.time["datetime"] == "2026-12-01"
        assert link["href"].endswith("paragraph-history/#para-158")
        assert page.select_one("html")["lang"] == lang


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_history_shows_the_word_difference_and_the_note(amended, lang):
    root = "cy/" if lang == "cy" else ""
    page = soup(amended, root + "paragraph-history/")
    heading = page.select_one("h2#para-158")
    assert words(heading).rstrip("¶ ") == ("Hanes paragraff 158" if lang == "cy" else "History of paragraph 158")
    version = page.select_one("div.para-version")
    assert (NOTE_CY if lang == "cy" else NOTE) in words(version)
    assert ("Nodyn newid" if lang == "cy" else "Change note") in words(version)
    deleted = [words(d) for d in version.select(".para-diff del")]
    inserted = [words(i) for i in version.select(".para-diff ins")]
    hidden_del, hidden_ins = ("dilëwyd", "ychwanegwyd") if lang == "cy" else ("deleted", "inserted")
    if lang == "en":
        assert deleted == [f"{hidden_del} could support in reducing"] and inserted == [f"{hidden_ins} helps to reduce"]
    else:
        assert deleted == [f"{hidden_del} Gallai", f"{hidden_del} helpu"] or deleted[0] == f"{hidden_del} Gallai"
        assert f"{hidden_ins} Mae" in inserted
    for change in version.select(".para-diff del, .para-diff ins"):
        assert "visually-hidden" in change.span["class"]  # said to screen readers, not told by colour alone
    # the first edition's text follows, and a link back to the paragraph as it is now
    assert "could support in reducing" in words(page.select_one("div.para-version-first")) or lang == "cy"
    assert page.select_one(f'a[href$="{CHAPTER}#para-158"]')


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_whats_changed_lists_the_paragraph_with_its_note(amended, lang):
    root = "cy/" if lang == "cy" else ""
    page = soup(amended, root + "changes/")
    since = page.select_one("h2#since-last-edition")
    assert words(since).rstrip("¶ ") == ("Ers argraffiad 1 Rhagfyr 2026" if lang == "cy" else "Since the edition of 1 December 2026")
    item = since.find_next("ul").li
    assert item.select_one(f'a[href$="{CHAPTER}#para-158"]')
    assert (NOTE_CY if lang == "cy" else NOTE) in words(item)
    assert page.select_one('a[type="application/atom+xml"]')["href"].endswith("feed.xml")
    # the dated edition follows
    assert page.select_one("h2#edition-2026-12-01")


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_both_feeds_have_the_change(amended, lang):
    root = "cy/" if lang == "cy" else ""
    feed = feedparser.parse((amended / root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    entry = next(e for e in feed.entries if "158" in e.title)
    assert entry.title.startswith("Paragraff 158" if lang == "cy" else "Paragraph 158")
    assert entry.summary == (NOTE_CY if lang == "cy" else NOTE)
    assert entry.link == f"{SITE_URL}{root}paragraph-history/#para-158"
    assert entry.updated_parsed[:3] == (2026, 12, 1)
    assert any(e.link.endswith("changes/#edition-2026-12-01") for e in feed.entries)
    # every page names its language's feed in its <head>
    for path in all_pages(amended):
        if path.startswith("cy/") == (lang == "cy"):
            link = soup(amended, path).select_one('head link[rel="alternate"][type="application/atom+xml"]')
            assert link is not None, path
            target = (amended / path / link["href"]).resolve()
            assert target == (amended / root / "feed.xml").resolve(), path


@pytest.mark.build
def test_the_unmodified_site_shows_no_marks(unmodified):
    for path in all_pages(unmodified):
        assert not soup(unmodified, path).select(".para-amended"), path
    assert "No numbered paragraph has changed" in words(soup(unmodified, "paragraph-history/").article)
    assert not soup(unmodified, "changes/").select("#since-last-edition")
    assert not soup(unmodified, CHAPTER).select("#paragraph-addresses")


# -- in Chromium -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def amended_url(amended):
    from guidance.site.serve import serve

    with serve(amended, PREFIX) as url:
        yield url


@pytest.mark.browser
def test_marks_history_and_feeds_make_no_third_party_request_and_pass_axe(browser, amended_url):
    origin = re.match(r"https?://[^/]+", amended_url)[0]
    context = browser.new_context(base_url=amended_url)
    tab = context.new_page()
    outside, report = [], []
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith((origin, "data:", "blob:")) else None)
    tab.add_init_script(script=AXE.read_text(encoding="utf-8"))
    for path in [CHAPTER, "paragraph-history/", "changes/", "cy/" + CHAPTER, "cy/paragraph-history/", "cy/changes/",
                 "feed.xml", "cy/feed.xml"]:
        tab.goto(path, wait_until="networkidle")
        if path.endswith(".xml"):
            continue
        result = tab.evaluate("""async ([tags, off]) => {
            const rules = Object.fromEntries(off.map(id => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules});
            return r.violations.map(v => `${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`);
        }""", [WCAG_TAGS, list(EXCLUDED_RULES)])
        report += [f"/{path}: {v}" for v in result]
    context.close()
    assert not outside, outside
    assert not report, "\n".join(report)


@pytest.mark.browser
@pytest.mark.parametrize("path", [CHAPTER, "cy/" + CHAPTER, "paragraph-history/", "cy/paragraph-history/"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_marks_and_history_lay_out(browser, amended_url, path, viewport):
    browsing = device(browser, amended_url, viewport)
    view = View(browsing, "amended", "cy" if path.startswith("cy/") else "en", path, viewport)
    try:
        problems = []
        if "history" not in path:
            result = view.check("paragraphNumbers")
            assert result["count"] > 0
            problems += result["problems"]
            mark = view.tab.locator("#para-158 .para-amended").bounding_box()
            number = view.tab.locator("#para-158 .para-num").bounding_box()
            assert mark["x"] >= number["x"] + number["width"] - 1, "the mark overlaps the paragraph number"
        problems += view.check("screenReaderOnly")["problems"]
        problems += view.check("clippedText")["problems"]
        assert not problems, view.report(problems)
    finally:
        browsing.close()


# -- renumbering -------------------------------------------------------------------------------

def renumber(path: Path, numbers: dict[int, int | None], insert_after: tuple[int, str] | None = None) -> None:
    """Give paragraphs new numbers (None: take the paragraph out), optionally add one after another."""
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        m = re.match(r"(\d+)\. ", block)
        if m and int(m[1]) in numbers:
            new = numbers[int(m[1])]
            if new is None:
                continue
            block = f"{new}. " + block[m.end():]
        out.append(block)
        if insert_after and m and int(m[1]) == insert_after[0]:
            out.append(insert_after[1])
    path.write_text("\n\n".join(out), encoding="utf-8")


@pytest.fixture(scope="module")
def renumbered_url(tmp_path_factory):
    """After the first edition, a paragraph is added after 158 and paragraph 165 is taken out:
    159–164 become 160–165."""
    from guidance.site.serve import serve

    tmp = tmp_path_factory.mktemp("renumbered")
    repo = clone(tmp)
    for folder, new in (("docs", "159. A new paragraph about referrals."), ("docs_cy", "159. Paragraff newydd am atgyfeiriadau.")):
        renumber(repo / folder / FRAGMENT, {159: 160, 160: 161, 161: 162}, insert_after=(158, new))
        renumber(repo / folder / REACHING_18, {162: 163, 163: 164, 164: 165, 165: None})
    commit(repo, "Add a paragraph on referrals after 158; take out 165\n\n"
                 "Change-note: A new paragraph 159 on referrals; the old paragraph 165 is taken out.\n"
                 "Change-note-cy: Paragraff 159 newydd am atgyfeiriadau; tynnwyd yr hen baragraff 165 allan.\n")
    site = build(repo, tmp / "site")
    with serve(site, PREFIX) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("root", ["", "cy/"])
def test_an_old_paragraph_address_lands_on_its_content(browser, renumbered_url, root):
    context = browser.new_context(base_url=renumbered_url)
    tab = context.new_page()
    try:
        # The first edition's paragraph 160 ("Where the Strategy Meeting results in an agreement …") is 161 now.
        tab.goto(f"{root}{CHAPTER}#para-160")
        tab.wait_for_function("location.hash === '#para-161'")
        target = tab.evaluate("document.querySelector(':target').id")
        assert target == "para-161"
        text = tab.locator("#para-161").inner_text()
        assert ("Pan fo" if root else "Where the Strategy Meeting results in an agreement") in text
        assert tab.evaluate("window.scrollY") > 0
        # an address that names its edition is read in that edition's numbers
        tab.goto(f"{root}{CHAPTER}?edition=2026-12-01#para-164")
        tab.wait_for_function("location.hash === '#para-165'")
        # the new paragraph's own number, followed from inside the site, is left alone
        tab.goto(f"{root}changes/")
        tab.evaluate(f"location.href = new URL('../{CHAPTER}#para-159', location.href).href")
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)
        assert tab.evaluate("location.hash") == "#para-159"
        assert "referral" in tab.locator("#para-159").inner_text() or "atgyfeiriadau" in tab.locator("#para-159").inner_text()
    finally:
        context.close()


@pytest.mark.build
def test_a_paragraph_changed_without_a_note_is_named_by_guidance_check(tmp_path):
    from guidance import checks
    from guidance.project import Project

    repo = clone(tmp_path)
    edit(repo / "docs" / FRAGMENT, "could support in reducing", "helps to reduce")
    commit(repo, "Paragraph 158: a quick referral helps\n\nChange-note-cy: Mae atgyfeirio'n gyflym yn helpu.\n")
    content = checks.Content.of(Project.at(repo))
    problems = list(checks.CHECKS["change-notes"](content))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file.endswith("docs/" + FRAGMENT) and problem.line == 26
    assert "paragraph 158 (English)" in problem.message and "`Change-note:`" in problem.message
    # a note given afterwards in editions.yml answers it
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    editions = repo / "editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("notes: {}", f"notes:\n  {sha}:\n    en: A quick referral helps."),
                        encoding="utf-8")
    assert not list(checks.CHECKS["change-notes"](content))
    # this repository's own history has no such change
    assert not list(checks.CHECKS["change-notes"](checks.Content.of(Project.at(ROOT))))

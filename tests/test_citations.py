"""Citations in the built site: every source footnote at its place, with its content; the References page."""

from __future__ import annotations

import re

import pytest

from guidance.content import references
from helpers import CHAPTERS, ROOT, footnote_markers, footnote_texts, page_preamble, paragraph_segments

STOP = {"see", "above", "available", "http", "https", "www", "html", "file", "downloads", "uploads", "default",
        "files", "sites", "assets", "documents", "docs", "publications",
        "volume", "issue", "pages"}  # labels the reference style writes as numbers: 46(7), pp. 2137–2152
#: Words of a source footnote that the site deliberately does not show, with the reason.
ALLOWED_MISSING = {
    84: {"lewington", "marcarian", "males"},  # variant spellings of the Boys2 report, merged with fn 118/133's wording
    98: {"october"},  # "1 October 2016": the style gives a journal article's year, not its issue date
    156: {"sharps", "jeff"},  # "Sharps-Jeff" is the source's misspelling of Sharp-Jeffs (entry merged with fn 51)
    159: {"sharps", "jeff"},  # the same misspelling, for the health settings briefing
    161: {"sharps", "jeff"},  # the same misspelling, for the police briefing
}


def marker_groups(soup) -> list[list]:
    """Footnote references in the text, grouped: one group per place (one source marker)."""
    body = soup.select_one("article").__copy__()
    for tag in body.select(".footnote"):
        tag.decompose()
    groups: list[list] = []
    for sup in body.select("sup[id^=fnref]"):
        prev = sup.previous_sibling
        if groups and prev is groups[-1][-1]:
            groups[-1].append(sup)
        else:
            groups.append([sup])
    return groups


def source_markers(first: int, last: int) -> list[int]:
    segments = paragraph_segments()
    text = page_preamble(first) + "".join(segments[n] for n in range(first, last + 1))
    return footnote_markers(text)


def footnote_text(soup, group) -> tuple[str, set[str]]:
    texts, hrefs = [], set()
    for sup in group:
        li = soup.select_one(sup.a["href"].replace(":", "\\:"))
        texts.append(li.get_text(" "))
        hrefs |= {a["href"] for a in li.select("a[href^=http]")}
    return " ".join(texts), hrefs


def significant(text: str) -> set[str]:
    text = re.sub(r"\[https?://[^\]]*\]|https?://\S+|<[^>]+>", " ", text)  # addresses are checked as links
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)} - STOP


@pytest.mark.build
def test_all_174_footnote_markers_are_at_their_places(page):
    total = 0
    for path, (first, last) in CHAPTERS.items():
        groups = marker_groups(page(path))
        expected = source_markers(first, last)
        assert len(groups) == len(expected), f"{path}: {len(groups)} footnote places, source has {len(expected)}"
        total += len(groups)
    assert total == 174


@pytest.mark.build
def test_paragraph_15_cites_its_three_works_in_order(page):
    para = page("introduction/").select_one("#para-15")
    assert [s["id"].split(":", 1)[1] for s in para.select("sup[id^=fnref]")] == [
        "DepartmentOfHealth2000safeguarding", "AllWales2008procedures", "WelshGovernment2011guidance"]


@pytest.mark.build
@pytest.mark.parametrize("path", list(CHAPTERS))
def test_every_footnote_shows_its_source_content(page, path):
    """Each rendered footnote carries its source footnote's words and addresses ("See N above"
    footnotes are compared with footnote N, which they point to)."""
    first, last = CHAPTERS[path]
    soup = page(path)
    notes = footnote_texts()
    for group, n in zip(marker_groups(soup), source_markers(first, last)):
        source = notes[n]
        words = significant(source)
        if not words and (m := re.search(r"[Ss]ee (\d+) above", source)):
            source = notes[int(m.group(1))]
            words = significant(source)
        rendered, hrefs = footnote_text(soup, group)
        found = significant(rendered)
        missing = words - found - ALLOWED_MISSING.get(n, set())
        assert len(missing) <= max(1, len(words) // 10), f"footnote {n}: {sorted(missing)} not shown in {rendered[:200]!r}"
        for url in re.findall(r"https?://[^\s<>)]+", source):
            host = re.match(r"https?://([^/]+)", url).group(1)
            assert any(host in h for h in hrefs), f"footnote {n}: no link to {host}"


@pytest.mark.build
def test_footnotes_have_tooltips_and_no_nested_footnotes(page):
    soup = page("chapter-4-care-and-support/")
    # the tooltips are tooltips.js's (tests/test_tooltips.py), made when first needed, not Material's
    assert any(s.get("src", "").endswith("assets/javascripts/tooltips.js") for s in soup.select("script[src]"))
    assert "tooltips" not in soup.select_one("script#__config").get_text()
    note = soup.select_one("li[id='fn:100']")
    assert "The majority of the quotes from young people" in note.get_text()
    assert "Making sense of child sexual exploitation" in note.get_text()
    assert not note.select("sup[id^=fnref]")


@pytest.mark.build
def test_references_page_lists_each_work_once_alphabetically(page):
    soup = page("references/")
    items = soup.select("article li")
    keys = [li.select_one("span[id^=ref-]")["id"][4:] for li in items]
    bib = references.load(ROOT / "bibliography.bib")
    assert sorted(keys) == sorted(bib.entries) and len(keys) == len(set(keys)) == len(bib.entries)
    assert [references.sort_key(bib.entries[k]) for k in keys] == sorted(references.sort_key(bib.entries[k]) for k in keys)


@pytest.mark.build
def test_references_back_links_land_on_citing_paragraphs(page):
    soup = page("references/")
    item = soup.select_one("#ref-Hallett2017review").parent
    links = {a.get_text(): a["href"] for a in item.select("a[href*='#para-']")}
    assert links["Introduction, para 17"] == "../introduction/#para-17"
    assert any(label.startswith("Chapter 4, para") for label in links)
    for label, href in links.items():
        target_path, anchor = href.removeprefix("../").split("#")
        para = page(target_path).select_one(f"#{anchor}")
        assert para is not None, href
        if ", para " in label:
            assert para.select_one("sup[id*='Hallett2017review']"), f"{label} does not cite the work"


@pytest.mark.build
def test_lost_link_works_have_no_dead_link(page):
    item = page("references/").select_one("#ref-AllWales2008procedures").parent
    assert "All Wales Child Protection Procedures 2008" in item.get_text()
    assert not [a for a in item.select("a") if a.get("href") in ("#", "")]


@pytest.mark.build
@pytest.mark.parametrize("path", [p for p in CHAPTERS] + ["cy/" + p for p in CHAPTERS])
def test_footnotes_are_numbered_in_reading_order(page, path):
    soup = page(path)
    first_seen: list[int] = []
    seen = set()
    for a in soup.select("article sup[id^=fnref] a"):
        if a["href"] not in seen:
            seen.add(a["href"])
            first_seen.append(int(a.get_text()))
    assert first_seen == list(range(1, len(first_seen) + 1))
    listed = [li["id"] for li in soup.select(".footnote li")]
    assert listed[: len(seen)] == [h.lstrip("#") for h in dict.fromkeys(a["href"] for a in soup.select("article sup[id^=fnref] a"))]


@pytest.mark.unit
def test_welsh_references_say_ac_before_a_vowel():
    """Welsh "and" between the last two authors (and editors) is "ac" before a vowel, "a" otherwise."""
    from pybtex.database import Entry, Person

    bib = references.load(ROOT / "bibliography.bib")
    assert references.author_text(bib.entries["Cockbain2014girl"], "cy") == "Cockbain, E., Brayley, H. ac Ashby, M."
    assert references.author_text(bib.entries["Cockbain2014girl"], "en") == "Cockbain, E., Brayley, H. and Ashby, M."
    assert references.format_entry(bib.entries["Cockbain2014girl"], "cy").startswith("Cockbain, E., Brayley, H. ac Ashby, M. (2014)")

    def welsh(*names: str) -> str:
        return references.author_text(Entry("book", persons={"author": [Person(n) for n in names]}), "cy")

    assert welsh("Hallett, S.", "Crowley, A.") == "Hallett, S. a Crowley, A."
    assert welsh("Hallett, S.", "Ungar, M.") == "Hallett, S. ac Ungar, M."
    assert welsh("Hallett, S.", "Ellis, K.", "Owen, R.") == "Hallett, S., Ellis, K. ac Owen, R."
    assert welsh("Hallett, S.", "Young, J.") == "Hallett, S. a Young, J."  # a consonant in an English name
    assert welsh("Hallett, S.", "Hughes, N.") == "Hallett, S. a Hughes, N."

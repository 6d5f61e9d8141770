"""Pages around the guidance: key points, background, glossary and abbreviation tooltips."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT

SOURCES = ROOT / "tests" / "fixtures" / "source"


def abbreviations(lang: str) -> dict[str, str]:
    folder = "docs_cy" if lang == "cy" else "docs"
    text = (ROOT / folder / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", text, re.M))


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_key_points_are_in_their_numbered_order(page, prefix):
    headings = [h.get_text(" ", strip=True) for h in page(prefix + "key-points/").select("article h2")]
    numbers = [int(re.match(r"(\d+)\.", h).group(1)) for h in headings if re.match(r"\d+\.", h)]
    assert numbers == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_local_example_table_has_exactly_the_sources_numbers(page, prefix):
    source = (SOURCES / "local-report-neath-port-talbot-2018.txt").read_text(encoding="utf-8")
    expected = re.findall(r"^(20\d\d)\t(\d+)$", source, re.M)
    rows = page(prefix + "local-practice-neath-port-talbot/").select("article table tbody tr")
    assert [tuple(td.get_text(strip=True) for td in tr.select("td")) for tr in rows] == expected
    assert page(prefix + "local-practice-neath-port-talbot/").select_one(".admonition.note")  # lost tables 1-4 said so


#: The official Welsh abbreviations (docs_cy/terminology.yml, issue 18) and the English ones they replace.
WELSH_ABBREVIATIONS = {"CRhB": "CSE", "YRhN": "HSB", "CTaB": "CCE", "CCUHP": "UNCRC", "GIG": "NHS", "AB": "FE",
                       "ACRh": "RSE", "ARhCh": "SRE", "TTI": "YOT", "UCD": "PRU", "LHDTC": "LGBT", "LHDTCRh": "LGBTQI"}
#: Concepts the glossary (English and so Welsh) has no entry for: the English never uses or expands them.
NOT_IN_GLOSSARY = {"CCUHP", "UNCRC", "LHDTCRh", "LGBTQI"}


@pytest.mark.unit
def test_welsh_abbreviations_list_both_forms_with_one_meaning():
    """The Welsh list keeps every English abbreviation (English titles on Welsh pages use them) and adds
    the Welsh ones; each pair has the same Welsh words, so the search finds CRhB by CSE and back."""
    en, cy = abbreviations("en"), abbreviations("cy")
    assert cy.keys() == en.keys() | WELSH_ABBREVIATIONS.keys() | set(WELSH_ABBREVIATIONS.values())
    for welsh, english in WELSH_ABBREVIATIONS.items():
        assert cy[welsh] == cy[english], welsh
    assert "Pherthnasoedd" not in cy["SRE"] and cy["ARhCh"] == "Addysg Rhyw a Chydberthynas"


@pytest.mark.build
@pytest.mark.parametrize("lang,prefix", [("en", ""), ("cy", "cy/")])
def test_glossary_lists_every_abbreviation_with_a_tooltip(page, lang, prefix):
    # a Welsh entry gives both forms, "CRhB (CSE)", the English one marked as English
    terms = {word for dt in page(prefix + "glossary/").select("article dt")
             for word in re.findall(r"[^\W_]+", dt.get_text(" ", strip=True))}
    abbrs = abbreviations(lang)
    assert set(abbrs) - NOT_IN_GLOSSARY <= terms
    en_terms = [dt.get_text(strip=True) for dt in page("glossary/").select("article dt")]
    cy_terms = page("cy/glossary/").select("article dt")
    assert len(en_terms) == len(cy_terms)  # the same entries in the same order
    for english, welsh in zip(en_terms, cy_terms):
        kept = welsh.select_one('span[lang="en"]')
        assert (kept.get_text(strip=True) if kept else welsh.get_text(strip=True)) == english
    used = {a.get_text() for a in page(prefix + "chapter-1-understanding-cse/").select("abbr")}
    assert {"BAME", "ACEs"} <= used and used & {"CSE", "CRhB"} and used & {"HSB", "YRhN"}
    cse = page(prefix + "chapter-3-safeguarding-procedures/").select_one("abbr")
    assert cse["title"] == abbrs[cse.get_text()]


#: Capitalised words in the chapters that are not abbreviations a reader needs expanded.
NOT_ABBREVIATIONS = {
    "MAKESAFE",  # the name of a police operation
    "LGBTQBT",  # a typo in the source for LGBT+ (kept verbatim in the statutory text)
    "LGBTQI",  # the source never expands it and the Q has two readings; the glossary explains LGBT
}


@pytest.mark.unit
def test_every_abbreviation_used_in_the_guidance_is_in_the_glossary():
    known = set(abbreviations("en")) | NOT_ABBREVIATIONS
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("chapter-*.md"))
    text = re.sub(r"\[@[^\]]+\]|<[^>]+>|\(https?://[^)]+\)", " ", text)
    used = {w for w in re.findall(r"\b[A-Z]{2,}[a-z]?s?\b", text)}
    missing = sorted(u for u in used if u not in known and u.rstrip("s") not in known)
    assert not missing, f"abbreviations used in the chapters but not in docs/includes/abbreviations.md: {missing}"


@pytest.mark.build
@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_chart_is_drawn_from_the_table_with_a_text_alternative(page, prefix):
    soup = page(prefix + "local-practice-neath-port-talbot/")
    chart = soup.select_one("figure.chart svg[role=img]")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("article table tbody tr")]
    assert chart.select_one("desc").get_text() == "; ".join(f"{year}: {n}" for year, n in rows)
    assert [t.get_text() for t in chart.select("text.chart__value")] == [n for _, n in rows]
    heights = [float(r["height"]) for r in chart.select("rect")]
    values = [int(n) for _, n in rows]
    assert all(abs(h / max(heights) - v / max(values)) < 0.005 for h, v in zip(heights, values, strict=True))
    assert chart.select_one("title").get_text() in soup.select_one("figure.chart figcaption").get_text()

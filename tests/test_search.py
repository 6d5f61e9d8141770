"""Site search: one index per language, paragraphs as results, Welsh mutations, abbreviations.

The index files are checked as built; the behaviour through Material's real search box in Chromium
(tests/helpers.py). How good the results are is tests/test_search_quality.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guidance.content.search_sections import cut_units
from guidance.content.search_synonyms import Synonyms
from guidance.content.welsh import mutations, radicals
from helpers import CHAPTERS, ROOT, SearchBox

LUNR = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min"
CH3 = "chapter-3-safeguarding-procedures/"


def index(site: Path, lang: str) -> dict:
    return json.loads((site / ("cy/" if lang == "cy" else "") / "search" / "search_index.json").read_text("utf-8"))


# --- the built indexes -------------------------------------------------------------------------


@pytest.mark.build
def test_each_language_has_its_own_index_with_its_own_language(site):
    en, cy = index(site, "en"), index(site, "cy")
    assert en["config"]["lang"] == ["en-GB"] and cy["config"]["lang"] == ["cy"]
    assert (LUNR / "lunr.en-GB.min.js").exists() and (LUNR / "lunr.cy.min.js").exists()
    # locations are relative to the language's root: Welsh pages resolve them under /cy/
    assert not [d for d in en["docs"] + cy["docs"] if d["location"].startswith("cy/")]
    en_titles = " ".join(d["title"] for d in en["docs"])
    cy_titles = " ".join(d["title"] for d in cy["docs"])
    assert "Paragraff" not in en_titles and "Camfanteisio" not in en_titles
    assert "para 158 " not in cy_titles and "Pennod 3, paragraff 158 – Ymateb cymesur" in cy_titles


@pytest.mark.build
def test_welsh_pages_load_the_welsh_index(page):
    """Material fetches `search/search_index.json` relative to the page's `base`."""
    for path, base in [(CH3, ".."), ("cy/" + CH3, "../"), ("cy/", "./"), ("", ".")]:
        config = json.loads(page(path).select_one("#__config").string)
        assert config["base"] == base, path


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_numbered_paragraph_is_a_search_section(site, lang):
    locations = [d["location"] for d in index(site, lang)["docs"]]
    expected = [f"{path}#para-{n}" for path, (first, last) in CHAPTERS.items() for n in range(first, last + 1)]
    assert sorted(loc for loc in locations if "#para-" in loc) == sorted(expected)
    label = "paragraff" if lang == "cy" else "para"
    for doc in index(site, lang)["docs"]:
        if (m := re.search(r"#para-(\d+)$", doc["location"])):
            # where a reader quotes it from: "Chapter 3, para 158 – <heading>" ("Introduction, para 2")
            assert re.match(rf"[^,]+, {label} {m.group(1)}( – |$)", doc["title"]), doc["title"]
            assert not doc["text"].startswith(("Paragraph", "Paragraff")), "number link indexed as text"


@pytest.mark.build
def test_paragraph_text_is_not_repeated_in_its_heading_section(site):
    docs = {d["location"]: d for d in index(site, "en")["docs"]}
    para = docs[CH3 + "#para-158"]["text"]
    assert "Barnardo's Independent Child Trafficking Advocates" in para
    assert "Barnardo's Independent Child Trafficking Advocates" not in docs[CH3 + "#a-proportionate-response"]["text"]


@pytest.mark.build
def test_footnotes_are_not_searched_but_references_are(site):
    docs = index(site, "en")["docs"]
    assert not [d["location"] for d in docs if "↩" in d["text"]]
    refs = {d["location"]: d for d in docs if d["location"].startswith("references/#ref-")}
    assert refs["references/#ref-Hallett2017making"]["title"] == "Hallett, S. (2017)"
    assert "Making sense of child sexual exploitation" in refs["references/#ref-Hallett2017making"]["text"]


@pytest.mark.build
def test_abbreviations_and_expansions_index_each_other(site):
    en = {d["location"]: d for d in index(site, "en")["docs"]}
    cy = {d["location"]: d for d in index(site, "cy")["docs"]}
    # para 158 says "Independent Child Trafficking Advocates", and "ICTA" only later
    assert "ICTA" not in en[CH3 + "#para-158"].get("keywords", "")  # it has both: nothing to add
    assert "Independent Professional Advocate" in en["chapter-4-care-and-support/#para-199"]["text"]
    assert "IPA" in en["chapter-4-care-and-support/#para-199"]["keywords"].split()
    assert "IPA" in cy["chapter-4-care-and-support/#para-199"]["keywords"].split()
    # a section using "CSE" without spelling it out is also indexed under the words
    def uses_only_cse(doc, words):
        said = doc["title"] + " " + doc["text"]
        return re.search(r"\bCSE\b", said) and words not in said.lower()

    uses_cse = [d for d in en.values() if uses_only_cse(d, "sexual exploitation")]
    assert len(uses_cse) > 50 and all("Child sexual exploitation" in d["keywords"] for d in uses_cse)
    # Welsh: "CRhB" and "CSE" (kept in English titles) are one concept, found by either and by the words
    def uses_only_crhb_or_cse(doc):
        said = doc["title"] + " " + doc["text"]
        return re.search(r"\b(CRhB|CSE)\b", said) and "rhywiol ar blant" not in said.lower()

    cy_uses_abbreviation = [d for d in cy.values() if uses_only_crhb_or_cse(d)]
    assert len(cy_uses_abbreviation) > 50
    for doc in cy_uses_abbreviation:
        said, keywords = doc["title"] + " " + doc["text"], doc["keywords"]
        assert "camfanteisio'n rhywiol ar blant" in keywords.lower(), doc["location"]
        assert all(re.search(rf"\b{a}\b", said + " " + keywords) for a in ("CRhB", "CSE")), doc["location"]


@pytest.mark.unit
def test_synonyms_match_welsh_expansions_in_any_mutation():
    synonyms = Synonyms({"CSE": "Camfanteisio'n rhywiol ar blant", "LA": "Awdurdod lleol"}, "cy")
    assert synonyms.keywords("", "<p>Ymateb i gamfanteisio rhywiol ar blant yn lleol.</p>") == "CSE"
    assert synonyms.keywords("", "<p>gan yr awdurdod lleol</p>") == "LA"
    assert synonyms.keywords("", "<p>Mae CSE yn fath o gam-drin.</p>") == "Camfanteisio'n rhywiol ar blant"
    assert synonyms.keywords("", "<p>CSE, neu gamfanteisio'n rhywiol ar blant</p>") == ""  # has both
    english = Synonyms({"CSE": "Child sexual exploitation"}, "en")
    assert english.keywords("Policing and CSE", "") == "Child sexual exploitation"
    assert english.keywords("", "<p>Child Sexual Exploitation is</p>") == "CSE"
    assert english.keywords("", "<p>CSEs or ACSE</p>") == ""


@pytest.mark.unit
def test_a_welsh_abbreviation_and_its_english_one_find_each_other():
    """The Welsh list gives CRhB and CSE the same words: one concept, so searching either finds both."""
    synonyms = Synonyms({"CRhB": "Camfanteisio'n Rhywiol ar Blant", "CSE": "Camfanteisio'n Rhywiol ar Blant",
                         "LHDTC": "Lesbiaidd, hoyw, deurywiol, trawsryweddol, cwiar+",
                         "LGBT": "Lesbiaidd, hoyw, deurywiol, trawsryweddol, cwiar+"}, "cy")
    assert synonyms.keywords("", "<p>Mae CRhB yn fath o gam-drin.</p>") == "Camfanteisio'n Rhywiol ar Blant CSE"
    assert synonyms.keywords("<em lang=\"en\">Tackling CSE</em>", "") == "Camfanteisio'n Rhywiol ar Blant CRhB"
    assert synonyms.keywords("", "<p>Ymateb i gamfanteisio rhywiol ar blant.</p>") == "CRhB CSE"
    assert synonyms.keywords("", "<p>Camfanteisio'n Rhywiol ar Blant (CRhB)</p>") == "CSE"
    assert synonyms.keywords("", "<p>CRhB (CSE): camfanteisio'n rhywiol ar blant</p>") == ""  # the glossary
    assert synonyms.keywords("", "<p>plant LHDTC+</p>") == "Lesbiaidd, hoyw, deurywiol, trawsryweddol, cwiar+ LGBT"


@pytest.mark.unit
def test_units_are_cut_out_with_the_heading_they_are_under():
    html = ('<h1>Chapter 9</h1><div class="para" id="para-1"><a class="para-num" href="#para-1">'
            '<span>Para </span>1</a><p>One <div class="x">inner</div> end</p></div>'
            '<h2 id="sub">Sub</h2><p>Between</p><div class="para" id="para-2"><p>Two</p></div>'
            '<ul><li><span id="ref-Key2020"></span>Key, A. (2020) <em>Title</em>.</li></ul>')
    rest, units = cut_units(html)
    assert [(u.anchor, u.paragraph, u.heading_id) for u in units] == [
        ("para-1", 1, None), ("para-2", 2, "sub"), ("ref-Key2020", None, "sub")]
    assert units[0].text() == "<p>One inner end</p>" and "para-num" not in units[0].html
    assert rest == '<h1>Chapter 9</h1><h2 id="sub">Sub</h2><p>Between</p><ul></ul>'


# --- lunr.cy agrees with guidance.content.welsh ----------------------------------------------------------

NODE_PROGRAM = """
global.lunr = {Pipeline: {registerFunction() {}}, Index: {prototype: {query() {}}},
               Query: {wildcard: {}, presence: {}}, stopWordFilter: t => t};
global.importScripts = () => {};
require(process.argv[1]); require(process.argv[2]);
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const w of words) out[w] = {mutations: lunr.cy.mutationsOf(w),
                                 radicals: lunr.cy.radicalsOf(w).map(r => [r.radical, r.unambiguous])};
process.stdout.write(JSON.stringify(out));
"""


def welsh_words() -> list[str]:
    text = " ".join(p.read_text("utf-8") for p in (ROOT / "docs_cy").glob("*.md"))
    return sorted({w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1})


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed (bash scripts/dev.sh test installs it)")
def test_lunr_cy_mutates_every_welsh_word_as_guidance_welsh_does():
    words = welsh_words()
    result = subprocess.run(["node", "-e", NODE_PROGRAM, str(LUNR / "lunr.site.min.js"), str(LUNR / "lunr.cy.min.js")],
                            input=json.dumps(words), capture_output=True, text=True, check=True)
    js = json.loads(result.stdout)
    assert len(words) > 3000
    for word in words:
        assert set(js[word]["mutations"]) == mutations(word), word
        assert dict(js[word]["radicals"]) == radicals(word), word


# --- the real search in Chromium -----------------------------------------------------------------

PLANT = mutations("plant")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["blant", "mhlant", "phlant"])
def test_any_mutation_of_plant_finds_welsh_paragraphs_about_plant(tab, query):
    results = SearchBox(tab, "cy/").search(query)
    paragraphs = [hit for hit in results.hits if "#para-" in hit]
    assert paragraphs and all(hit.startswith("cy/") for hit in results.hits), results.hits
    assert re.search(r"\bplant\b", results.text, re.I), "no result shows the word plant"
    # the hit is highlighted where the page has a form of "plant", whichever form was typed
    assert results.marked & PLANT, results.marked


@pytest.mark.browser
@pytest.mark.parametrize("page_path,query,other", [
    ("", "CSE", "/cy/"), ("", "safeguarding", "/cy/"), ("cy/", "CSE", None), ("cy/", "diogelu", None)])
def test_results_stay_in_the_page_language(tab, page_path, query, other):
    box = SearchBox(tab, page_path)
    results = box.search(query)
    links = results.every_link
    assert links
    if other:  # English page: nothing from /cy/
        assert not [link for link in links if other in link]
        assert "camfanteisio" not in results.text.lower() and "plant " not in results.text
    else:  # Welsh page: only /cy/
        assert all("/cy/" in link for link in links), [link for link in links if "/cy/" not in link]


@pytest.mark.browser
def test_english_page_finds_no_welsh_and_welsh_page_no_english(tab):
    assert SearchBox(tab, "").search("camfanteisio").hits == []
    assert SearchBox(tab, "cy/").search("safeguarded").hits == []


@pytest.mark.browser
@pytest.mark.parametrize("page_path,query,title", [
    ("", "Independent Child Trafficking Advocates", "Chapter 3, para 158 – A proportionate response"),
    ("cy/", "Eiriolwyr Annibynnol Masnachu Plant", "Pennod 3, paragraff 158 – Ymateb cymesur")])
def test_result_opens_the_paragraph(tab, page_path, query, title):
    box = SearchBox(tab, page_path)
    box._type(query)
    tab.wait_for_selector(".md-search-result__list a.md-search-result__link[href*='#para-158']")
    link = tab.locator(".md-search-result__list a.md-search-result__link[href*='#para-158']").first
    assert link.locator("h2").inner_text() == title
    with tab.expect_navigation():
        link.click()
    opened = urlsplit(tab.url)
    assert opened.path.endswith("/" + page_path + CH3) and opened.fragment == "para-158", tab.url
    assert tab.locator("#para-158").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("page_path,query", [(CH3, "trafficked"), ("cy/" + CH3, "masnachu")])
def test_search_loads_only_when_the_reader_starts_to_search(tab, page_path, query):
    """A page view costs neither the worker nor the index (~100 KB gzipped); the first search does."""
    requested = []
    tab.on("request", lambda request: requested.append(urlsplit(request.url).path))
    tab.goto(page_path)
    tab.wait_for_load_state("networkidle")
    search_files = ("search_index.json", "/workers/search.", "/lunr/")
    assert not [path for path in requested if any(part in path for part in search_files)]
    results = SearchBox(tab, page_path).search(query)
    assert results.hits
    index = [path for path in requested if path.endswith("search/search_index.json")]
    assert len(index) == 1 and index[0].endswith(("/cy/search/search_index.json" if page_path.startswith("cy/") else "/cse-guidance/search/search_index.json"))
    assert any("/workers/search." in path for path in requested)

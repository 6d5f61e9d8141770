"""A live document: every page says when it last changed, in its language, and which edition it is."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers import ROOT, all_pages

pytestmark = pytest.mark.build

EN_DATE = r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
CY_DATE = r"\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}"


def test_every_page_shows_its_last_change_and_the_edition(site, page):
    for path in all_pages(site):
        welsh = path.startswith("cy/")
        dates = page(path).select_one("p.page-dates")
        assert dates is not None, path
        text = " ".join(dates.get_text(" ").split())
        assert re.search(CY_DATE if welsh else EN_DATE, text), (path, text)
        assert ("Drafft ymgynghori WG37941" if welsh else "Consultation draft WG37941") in text


def test_the_date_is_the_last_commit_of_the_pages_own_source(page):
    committed = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "docs/chapter-3-safeguarding-procedures.md"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if committed:  # a source tarball has no history; the page then shows the build date
        assert page("chapter-3-safeguarding-procedures/").select_one("p.page-dates time")["datetime"] == committed


def test_whats_changed_is_dated_in_both_languages(page):
    assert re.fullmatch(EN_DATE, page("changes/").select("article h2")[0].get_text(strip=True).rstrip("¶"))
    assert re.fullmatch(CY_DATE, page("cy/changes/").select("article h2")[0].get_text(strip=True).rstrip("¶"))

"""Accessibility and Welsh language statements: linked from every page's footer, in its language."""

from __future__ import annotations

import pytest

from helpers import all_pages

pytestmark = pytest.mark.build


def test_every_page_links_to_both_statements_in_its_language(site, page):
    for path in all_pages(site):
        prefix = "cy/" if path.startswith("cy/") else ""
        links = page(path).select("footer nav.statement-links a")
        targets = {(site / path / a["href"]).resolve() for a in links}
        assert targets == {(site / prefix / "accessibility").resolve(), (site / prefix / "welsh-language").resolve()}, path
        assert all((t / "index.html").exists() for t in targets)


@pytest.mark.parametrize("prefix,sections", [
    ("", ["Using this website", "How accessible this website is", "Reporting accessibility problems with this website",
          "Enforcement procedure", "Technical information about this website's accessibility"]),
    ("cy/", ["Defnyddio'r wefan hon", "Pa mor hygyrch yw'r wefan hon", "Rhoi gwybod am broblemau hygyrchedd ar y wefan hon",
             "Y drefn orfodi", "Gwybodaeth dechnegol am hygyrchedd y wefan hon"]),
])
def test_accessibility_statement_follows_the_model(page, prefix, sections):
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page(prefix + "accessibility/").select("article h2")]
    assert [s for s in sections if s in headings] == sections
    assert ("partially compliant" if not prefix else "cydymffurfio'n rhannol") in page(prefix + "accessibility/").get_text()

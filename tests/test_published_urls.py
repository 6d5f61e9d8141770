"""Page addresses never break: a page renamed without a redirect fails `guidance check` with file:line
and the line to add; with the redirect, the old address leads to the new page in both languages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import helpers
from helpers import PREFIX, ROOT, edit, guidance, line_of, run

OLD, NEW = "about.md", "about-this-guidance.md"
NO_REDIRECTS = "      redirect_maps: {}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The pages, the site configuration and the record of published addresses, to break."""
    return helpers.copy_project(tmp_path)


def check(project: Path) -> tuple[int, str]:
    return helpers.check("published-urls", root=project)


def record(project: Path) -> str:
    """`guidance urls --record` on the copy, in this process."""
    result = guidance("urls", "--root", str(project), "--record")
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def rename(project: Path, old: str = OLD, new: str = NEW) -> None:
    """Rename a page the way an editor would: both languages, the links to it and the nav."""
    for folder in ("docs", "docs_cy"):
        (project / folder / old).rename(project / folder / new)
        for page in (project / folder).rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(rf"\]\(((?:\.\./)*){re.escape(old)}\b", rf"](\g<1>{new}", text), encoding="utf-8")
    edit(project / "mkdocs.yml", f"- {old}\n", f"- {new}\n")


def add_redirect(project: Path, old: str = OLD, new: str = NEW) -> None:
    """Add one line under redirect_maps, whether it is still empty or already holds redirects."""
    entry = f"      redirect_maps:\n        {old}: {new}\n"
    config = project / "mkdocs.yml"
    edit(config, *((NO_REDIRECTS, entry) if NO_REDIRECTS in config.read_text(encoding="utf-8")
                   else ("      redirect_maps:\n", entry)))


@pytest.mark.unit
def test_the_record_lists_every_page_of_both_languages():
    result = run("guidance", "urls")
    assert result.returncode == 0, result.stdout
    english = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md") if "includes" not in p.parts)
    listed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("PAGE")]
    assert len(listed) == 2 * len(english)
    assert "/" in listed and "/cy/" in listed and "/about/" in listed and "/cy/about/" in listed


@pytest.mark.unit
def test_renamed_page_without_redirect_fails_with_the_line_to_add(project):
    rename(project)
    code, out = check(project)
    assert code == 1
    urls = project / "published-urls.txt"
    fix = f"Add `{OLD}: {NEW}` under redirect_maps in"
    assert f"published-urls.txt:{line_of(urls, '/about/')}: /about/ was published but no page or redirect serves it any more. {fix}" in out
    assert f"published-urls.txt:{line_of(urls, '/cy/about/')}: /cy/about/ was published but no page or redirect serves it" in out
    # the new addresses are not recorded yet: the editor is told how to record them
    assert f"docs/{NEW}:1: this page's address /about-this-guidance/ is not in " in out
    assert "published-urls.txt. Run `guidance urls --record` to add it" in out
    assert f"docs_cy/{NEW}:1: this page's address /cy/about-this-guidance/ is not in" in out


@pytest.mark.unit
def test_renamed_page_with_redirect_and_record_passes(project):
    rename(project)
    add_redirect(project)
    out = record(project)
    assert "added /about-this-guidance/" in out and "added /cy/about-this-guidance/" in out
    code, out = check(project)
    assert code == 0, out
    # the old addresses stay in the record: they must keep working
    lines = (project / "published-urls.txt").read_text(encoding="utf-8").split("\n")
    assert "/about/" in lines and "/cy/about/" in lines


@pytest.mark.unit
def test_redirect_to_a_page_that_does_not_exist_fails(project):
    rename(project)
    add_redirect(project, new="about-this-guidanse.md")
    record(project)
    code, out = check(project)
    assert code == 1
    line = line_of(project / "mkdocs.yml", f"{OLD}: about-this-guidanse.md")
    assert f"mkdocs.yml:{line}: the redirect '{OLD}: about-this-guidanse.md' leads to a page that does not exist" in out


@pytest.mark.unit
def test_redirect_from_a_page_that_still_exists_fails(project):
    add_redirect(project, old="glossary.md", new="key-points.md")
    code, out = check(project)
    assert code == 1
    line = line_of(project / "mkdocs.yml", "glossary.md: key-points.md")
    assert f"mkdocs.yml:{line}: the redirect 'glossary.md: key-points.md' would replace the page" in out


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Path:
    """The real project with about.md renamed in both languages and one redirect entry, built."""
    tmp = tmp_path_factory.mktemp("renamed")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", "node_modules"))
    rename(src)
    add_redirect(src)
    result = run("mkdocs", "build", "--strict", "--site-dir", str(tmp / "site"), cwd=src)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


@pytest.mark.browser
@pytest.mark.parametrize("lang,root", [("en", ""), ("cy", "cy/")])
def test_old_address_leads_to_the_renamed_page_in_its_language(renamed_site, browser, lang, root):
    stub = (renamed_site / root / "about" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../about-this-guidance/"' in stub  # relative: works under any prefix
    from guidance.site.serve import serve

    with serve(renamed_site, PREFIX) as base:
        tab = browser.new_page()
        try:
            tab.goto(f"{base}{root}about/#kept")
            tab.wait_for_url(f"{base}{root}about-this-guidance/**")
            assert tab.url == f"{base}{root}about-this-guidance/#kept"  # an #anchor is carried over
            assert tab.get_attribute("html", "lang") == lang
        finally:
            tab.close()

"""Every internal link and #anchor of the built site, both languages, checked by linkchecker over HTTP."""

from __future__ import annotations

import shutil

from helpers import PREFIX, run


def test_every_internal_link_and_anchor_resolves(site):
    result = run("guidance", "links", str(site), "--prefix", PREFIX, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = int(result.stdout.split("link(s) and anchor(s) checked")[0].split()[-1])
    assert checked > 150, result.stdout  # both languages were crawled, not just a start page
    assert "0 problem(s)" in result.stdout


def test_a_broken_anchor_in_the_built_site_is_reported_in_plain_words(site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    page = broken / "cy" / "references" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('href="../introduction/#para-17"', 'href="../introduction/#para-999"', 1), encoding="utf-8")
    result = run("guidance", "links", str(broken), "--prefix", PREFIX, timeout=900)
    assert result.returncode == 1
    assert f"{PREFIX}cy/references/ (line" in result.stdout
    assert "the link to '../introduction/#para-999' is broken" in result.stdout
    assert "Fix the link in the Markdown page" in result.stdout

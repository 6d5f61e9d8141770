"""Every internal link and #anchor of the built site, both languages, checked by linkchecker over HTTP.

The built site is crawled once per test run (the `link_check` fixture: about 15 s of a
2-CPU machine); how a broken link is worded is shown on a four-page site in tests/fixtures/links-site/,
through the real `guidance links` command.
"""

from __future__ import annotations

import pytest

from helpers import FIXTURES, PREFIX, run

SMALL_SITE = FIXTURES / "links-site"


@pytest.mark.build
def test_every_internal_link_and_anchor_resolves(link_check):
    problems, _ = link_check
    assert not problems, "\n".join(problems)


@pytest.mark.build
def test_both_languages_were_crawled(link_check):
    """Not just a start page: both halves of the site, every page and anchor linked to counted once."""
    _, checked = link_check
    assert checked > 1500


@pytest.mark.unit
def test_a_broken_anchor_is_reported_in_plain_words():
    result = run("guidance", "links", str(SMALL_SITE), "--prefix", PREFIX, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = sorted(line for line in result.stdout.splitlines() if " is broken: " in line)
    # one to another page's anchor, one to an anchor on its own page; the good anchors beside them
    # (#para-17) are not reported
    assert len(problems) == 2, result.stdout
    assert problems[0].startswith(f"{PREFIX}cy/references/ (line 6): the link to '../introduction/#para-999' is broken: ")
    assert problems[1].startswith(f"{PREFIX}introduction/ (line 4): the link to '#para-18' is broken: ")
    assert all(p.endswith("Fix the link in the Markdown page this was built from (docs/ or docs_cy/).") for p in problems)
    assert result.stdout.rstrip().endswith("link(s) and anchor(s) checked, 2 problem(s).")

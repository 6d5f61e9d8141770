"""`guidance benchmark`: its options are documented, and the parts that decide a verdict count right.

No timings here: the benchmark itself is run by hand (README "Performance"), never as a test.
"""

from __future__ import annotations

import gzip

import pytest
import yaml

from guidance import cli
from guidance.benchmark import floor, pages, report, scale
from guidance.benchmark.project import copy_project, load_mkdocs_yml, nav_files
from helpers import ROOT

pytestmark = pytest.mark.unit


def test_benchmark_help_documents_its_options_and_targets(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["benchmark", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for option in ("--runs", "--scale", "--scale-runs", "--json", "--only", "--skip", "--no-browser", "--pdf"):
        assert option in text, option
    for target in ("1.3x the floor", "1.0 s", "100 KB", "0 third-party", "linear", "Performance >= 95",
                   "Total Blocking Time <= 1.5x the floor's"):
        assert target in text, target
    assert "lighthouse" in text and "Total Blocking Time" in text


def test_scale_factors_must_be_whole_numbers(capsys):
    with pytest.raises(SystemExit):
        cli.main(["benchmark", "--scale", "5,ten"])
    assert "whole numbers" in capsys.readouterr().err


@pytest.fixture
def tiny_site(tmp_path):
    """A page with a stylesheet (which declares a font and a background image), a script from a CDN,
    an image from another host and an ordinary link to another site."""
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="assets/site.css"><link rel="canonical" href="https://example.org/">'
        '<script src="https://cdn.example.com/tracker.js"></script></head><body>'
        '<img src="//images.example.net/photo.png"><a href="https://www.bbc.co.uk/weather">Exit</a>'
        "<p>" + "text " * 500 + "</p></body></html>", encoding="utf-8")
    (tmp_path / "assets" / "site.css").write_text(
        '@font-face{font-family:X;src:url("fonts/x.woff2")}body{background:url(bg.png)}', encoding="utf-8")
    (tmp_path / "assets" / "fonts" / "x.woff2").write_bytes(bytes(range(256)) * 8)
    return tmp_path


def test_page_weight_counts_what_a_browser_loads_and_flags_other_hosts(tiny_site):
    weight = pages.static_page_weight(tiny_site, "").as_dict()
    urls = {r["url"]: r for r in weight["resources"]}
    assert urls["https://cdn.example.com/tracker.js"]["third_party"]
    assert urls["http://images.example.net/photo.png"]["third_party"]
    assert weight["third_party_requests"] == 2
    assert not any("bbc.co.uk" in u or "example.org" in u for u in urls)  # links are not loads
    assert any(u.endswith("/assets/fonts/x.woff2") for u in urls)  # fonts declared in the stylesheet
    assert not any(u.endswith("bg.png") for u in urls)  # images in CSS load only when used
    assert weight["requests"] == 5  # page, stylesheet, font, two third-party
    html = (tiny_site / "index.html").read_bytes()
    assert weight["html_bytes"] == len(html)
    assert weight["html_gzip_bytes"] == len(gzip.compress(html, 6, mtime=0)) < len(html)
    assert weight["by_kind_gzip_bytes"]["font"] == 2048  # fonts are compressed already: sent as they are


def test_floor_is_the_same_markdown_in_both_languages_with_no_plugins_or_hooks(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    config = yaml.safe_load(floor.write_floor(project).read_text(encoding="utf-8"))
    assert config["plugins"] == [] and "hooks" not in config and config["theme"] == {"name": "material"}
    assert not [e for e in config["markdown_extensions"] if "guidance" in str(e)]
    floor_docs = tmp_path / floor.FLOOR_DIR / "docs"
    english = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert sorted(p.name for p in floor_docs.glob("*.md")) == english
    assert sorted(p.name for p in (floor_docs / "cy").glob("*.md")) == english
    welsh_abbreviations = (ROOT / "docs_cy" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    assert (floor_docs / "cy" / "index.md").read_text(encoding="utf-8").endswith(welsh_abbreviations)


def test_scaled_project_has_every_copy_in_both_languages_and_in_the_nav(tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    config_file, page_count = scale.scaled_project(project, tmp_path / "scaled", 3)
    config = load_mkdocs_yml(config_file)
    listed = nav_files(config["nav"])
    docs = ROOT / "docs"
    english = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "includes" not in p.parts]
    copied = [name for name in english if name not in scale.SCALE_KEEP_SINGLE]
    assert page_count == 2 * (len(english) + 2 * len(copied))
    for name in copied:
        for n in (2, 3):
            copy = name.replace(".md", f"-x{n}.md")
            assert copy in listed
            assert (tmp_path / "scaled" / "docs_cy" / copy).exists()
    assert config["plugins"]  # the rest of the configuration is inherited


def test_growth_is_linear_only_when_each_added_page_costs_about_the_same():
    def points(seconds):
        return [{"pages": p, "cpu_median_s": s, "median_s": s} for p, s in zip((32, 144, 284), seconds)]

    assert scale.linearity(points([2.0, 7.0, 13.0]))["linear"]  # 45 ms then 43 ms per page
    assert not scale.linearity(points([2.0, 7.0, 20.0]))["linear"]  # 45 ms then 93 ms per page


def test_lighthouse_performance_is_printed_beside_the_floor_and_the_longest_chapter_judged():
    assert cli.build_parser().parse_args(["benchmark", "--only", "lighthouse"]).only == ["lighthouse"]
    ours = {"performance": 72, "total_blocking_time_ms": 966, "runs": 3, "benchmark_index": 1500, "runtime_error": None}
    floor_ = {"performance": 99, "total_blocking_time_ms": 33, "runs": 3, "benchmark_index": 1700, "runtime_error": None}
    result = {"lighthouse": "12.8.2", "chromium": "Chrome/156", "pages": [
        {"type": "longest chapter", "lang": "cy", "path": "cy/chapter-2/", "site": ours, "floor": floor_},
        {"type": "references", "lang": "cy", "path": "cy/references/", "site": ours, "floor": None}]}
    lines = report.format_lighthouse(result)
    chapter, references = (line.split() for line in lines[3:5])
    assert chapter[-6:] == ["72", "966", "99", "33", ">=", "95"]
    assert references[-5:] == ["72", "966", "n/a", "n/a", "—"]  # a page the floor does not have
    assert "1500-1700" in lines[1]
    verdicts = report.verdicts({"lighthouse": result})
    assert [(v["value"], v["pass"]) for v in verdicts] == [("72", False), ("966 ms", False)]
    assert "<= 1.5x the floor's = 50 ms" in verdicts[1]["target"]
    good = {**ours, "performance": 97, "total_blocking_time_ms": 49}
    assert all(v["pass"] for v in report.verdicts({"lighthouse": {**result, "pages": [{**result["pages"][0], "site": good}]}}))
    missing = report.format_lighthouse({"error": "tests/node_modules/lighthouse is missing"})
    assert "not measured: tests/node_modules/lighthouse is missing" in missing[0]

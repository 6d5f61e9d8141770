"""Scale: the pages copied k times over, to see how build time grows with content."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from .floor import write_floor
from .project import load_mkdocs_yml, nav_files
from .settings import LINEAR_TOLERANCE
from .timing import Timing, cold_build, summarise


SCALE_CONFIG = "mkdocs-benchmark-scale.yml"
SCALE_NAV_TITLE = "Benchmark copies"
SCALE_KEEP_SINGLE = {"index.md", "references.md"}  # the home page and the generated list stay one


def scaled_project(base: Path, dest: Path, factor: int) -> tuple[Path, int]:
    """A copy of the project whose pages are each there `factor` times (X.md, X-x2.md, …), in both
    languages and in the nav (so --strict does not fail on pages left out of it). Returns its
    configuration file and the number of pages built."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(base, dest, ignore=shutil.ignore_patterns("serve.log"))
    config = load_mkdocs_yml(dest / "mkdocs.yml")
    docs = dest / config.get("docs_dir", "docs")
    originals = [f for f in nav_files(config.get("nav", [])) if f not in SCALE_KEEP_SINGLE and (docs / f).exists()]
    copies = []
    for n in range(2, factor + 1):
        for name in originals:
            copy = Path(name).with_name(f"{Path(name).stem}-x{n}.md").as_posix()
            for folder in (docs, dest / "docs_cy"):
                if (folder / name).exists():
                    shutil.copy2(folder / name, folder / copy)
            copies.append(copy)
    nav = list(config.get("nav", []))
    if copies:
        nav.append({SCALE_NAV_TITLE: copies})
    (dest / SCALE_CONFIG).write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "nav": nav}, sort_keys=False),
                                     encoding="utf-8")
    pages = sum(1 for folder in (docs, dest / "docs_cy") for p in folder.rglob("*.md") if "includes" not in p.parts
                and (folder == docs or (docs / p.relative_to(folder)).exists()))
    return dest / SCALE_CONFIG, pages


def linearity(points: list[dict], measure: str = "cpu_median_s") -> dict:
    """Is the cost of each added page steady? Seconds per added page over the last step against the
    first step; growth is "no worse than linear" when it rises by at most LINEAR_TOLERANCE.
    Judged on CPU seconds, which other work on the machine inflates far less than wall time."""
    first, second, previous, last = points[0], points[1], points[-2], points[-1]
    first_step = (second[measure] - first[measure]) / (second["pages"] - first["pages"])
    last_step = (last[measure] - previous[measure]) / (last["pages"] - previous["pages"])
    return {
        "measure": measure,
        "marginal_s_per_page_first_step": round(first_step, 4),
        "marginal_s_per_page_last_step": round(last_step, 4),
        "marginal_growth": round(last_step / first_step, 2) if first_step > 0 else None,
        "time_ratio": round(last[measure] / first[measure], 2),
        "wall_time_ratio": round(last["median_s"] / first["median_s"], 2),
        "content_ratio": round(last["pages"] / first["pages"], 2),
        "linear": first_step > 0 and last_step <= LINEAR_TOLERANCE * first_step,
    }


def measure_scale(project: Path, work: Path, factors: list[int], runs: int, log: Callable[[str], None]) -> dict:
    """Cold builds of the project with its pages copied k times, and of the plain-Material floor of
    the same copies (for comparison: Material lists every page on every page, so even the floor
    grows a little faster than linearly)."""
    factors = sorted({1, *factors})
    configs = {k: scaled_project(project, work / f"scale-{k}" / "project", k) for k in factors}
    floors = {k: write_floor(configs[k][0].parent) for k in factors}
    timings: dict[str, dict[int, list[Timing]]] = {"site": {k: [] for k in factors}, "floor": {k: [] for k in factors}}
    for run in range(runs):
        for k in factors:
            config, _ = configs[k]
            timings["site"][k].append(cold_build(config.parent, work / f"scale-{k}" / "site", config.name))
            timings["floor"][k].append(cold_build(config.parent, work / f"scale-{k}" / "floor-site",
                                                  str(floors[k]), strict=False))
            log(f"  scale {k}x {run + 1}/{runs}: {timings['site'][k][-1].wall:.2f} s (floor {timings['floor'][k][-1].wall:.2f} s)")
    result = {}
    for kind in ("site", "floor"):
        points = [{"factor": k, "pages": configs[k][1], **summarise(timings[kind][k])} for k in factors]
        # A verdict needs two steps to compare: 1x and at least two more factors.
        result[kind] = {"points": points, **(linearity(points) if len(points) >= 3 else {})}
    return {**result["site"], "floor": result["floor"]}

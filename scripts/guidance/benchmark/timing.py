"""Timing cold builds (wall and CPU time of a new process)."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .floor import write_floor
from .project import mkdocs_command, mkdocs_env


@dataclass
class Timing:
    wall: float
    cpu: float  # user + system time of the build process


def timed_run(command: list[str], cwd: Path, timeout: float = 1800) -> Timing:
    """Run a command to completion; its wall-clock and CPU seconds. Fails loudly if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=mkdocs_env(cwd), capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def cold_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", strict: bool = True) -> Timing:
    """One cold build: a new process, an empty output folder."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    args = ["build", "-q", "-f", config, "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    return timed_run(mkdocs_command(*args), project)


def summarise(timings: list[Timing]) -> dict:
    return {"median_s": round(statistics.median(t.wall for t in timings), 3),
            "cpu_median_s": round(statistics.median(t.cpu for t in timings), 3),
            "runs_s": [round(t.wall, 3) for t in timings]}


def measure_cold_builds(project: Path, site_dir: Path, runs: int, log: Callable[[str], None]) -> dict:
    """Bilingual build vs the floor (and the floor with Material's search), interleaved run by run.
    The last bilingual build is left in site_dir for the page measurements."""
    floor = write_floor(project)
    floor_search = write_floor(project, with_search=True)
    builds: dict[str, tuple[Callable[[], Timing], list[Timing]]] = {
        "floor": (lambda: cold_build(project, site_dir.with_name("floor-site"), str(floor), strict=False), []),
        "floor_with_search": (lambda: cold_build(project, site_dir.with_name("floor-search-site"), str(floor_search),
                                                 strict=False), []),
        "bilingual": (lambda: cold_build(project, site_dir), []),
    }
    for build, _ in builds.values():  # warm-up: first imports, disk cache; not counted
        build()
    for run in range(runs):
        for name, (build, timings) in builds.items():
            timings.append(build())
            log(f"  cold build {run + 1}/{runs} {name}: {timings[-1].wall:.2f} s")
    result = {name: summarise(timings) for name, (_, timings) in builds.items()}
    result["ratio"] = round(result["bilingual"]["median_s"] / result["floor"]["median_s"], 2)
    result["cpu_ratio"] = round(result["bilingual"]["cpu_median_s"] / result["floor"]["cpu_median_s"], 2)
    result["floor_pages"] = sum(1 for p in (floor.parent / "docs").rglob("*.md") if "includes" not in p.parts)
    result["floor_config"] = yaml.safe_load(floor.read_text(encoding="utf-8"))
    return result

"""The machine the figures come from: CPU, Python, tool versions, load."""

from __future__ import annotations

import contextlib
import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path





def machine() -> dict:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    tools = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-bibtex", "pymdown-extensions",
                 "Markdown", "playwright"):
        try:
            tools[name] = version(name)
        except PackageNotFoundError:
            tools[name] = None
    return {"cpus": os.cpu_count(), "cpu_model": model or platform.processor() or "unknown",
            "load_average": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
            "platform": platform.platform(), "tools": tools}

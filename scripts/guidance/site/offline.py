"""The offline copy: the whole site, both languages, as one zip that works when opened from disk.

`mkdocs build --strict` with OFFLINE=true turns on Material's offline plugin (mkdocs.yml): pages are
linked as page.html rather than page/, and each language's search index is also written as a
script, so search works from file:// (guidance.plugin.offline_copy). The zip holds one folder; a
reader unzips it and opens index.html (English) or cy/index.html (Cymraeg). It leaves out the PDFs
(printed from the published site by `guidance pdf`), and its home pages do not offer downloads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

FILENAME = "safeguarding-children-from-cse-offline.zip"
#: What only a web server uses: the JSON search indexes (from disk a page loads search_index.js),
#: the "page not found" page (its links start from the published address), the sitemaps for search
#: engines; and the source maps of Material's scripts. A third of the zip.
LEFT_OUT = ("search/search_index.json", "404.html", "sitemap.xml", "sitemap.xml.gz", "*.map")


def build(out: Path, config: Path, env: dict[str, str] | None = None) -> Path:
    """Build the offline copy of the site that config (a project's mkdocs.yml) describes and write it to
    out (a .zip) under a folder named after it. env: the build's environment (default: this process's)."""
    folder = out.name.removesuffix(".zip")
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        site = Path(tmp) / folder
        env = {**(os.environ if env is None else env), "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                                 "--site-dir", str(site)], cwd=config.parent, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"the offline build failed:\n{result.stdout}{result.stderr}")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(site.rglob("*")):
                if any(path.match(pattern) for pattern in LEFT_OUT):
                    continue
                zf.write(path, path.relative_to(site.parent).as_posix())
    return out

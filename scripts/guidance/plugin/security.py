"""Security: every page carries its Content-Security-Policy, first in <head>, in both languages.

The policy (content_security_policy.py) lets the browser load nothing from another site and run no
inline script but the page's own, listed by hash. It covers the pages built from Markdown and the
"page not found" page (a theme template). In the offline copy the search runs in the iframe-worker
shim (offline_copy.py), whose bootstrap script is hashed too. Under `mkdocs serve` the pages get
the preview's policy, which lets its live-reload script run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from guidance.plugin import content_security_policy
from guidance.plugin.offline_copy import SHIM


@functools.cache  # a vendored file: read once per process, not once per page
def _shim(custom_dir: str | None) -> str | None:
    path = Path(custom_dir or ".") / SHIM
    return path.read_text(encoding="utf-8") if custom_dir and path.is_file() else None


def add_policy(output: str, page_content: str, config, preview: bool) -> str:
    return content_security_policy.add(output, page_content, _shim(config.theme.custom_dir), preview)

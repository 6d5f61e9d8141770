"""Hook: every page carries its Content-Security-Policy, first in <head>, in both languages.

The policy (guidance.plugin.content_security_policy) lets the browser load nothing from another site and
run no inline script but the page's own, listed by hash. The hashes are computed from the finished
page, so this runs after every other hook and plugin has changed it (-100); it covers the pages
built from Markdown and the "page not found" page (a theme template). In the offline copy the search
runs in the iframe-worker shim (overrides/hooks/offline.py), whose bootstrap script is hashed too.
Under `mkdocs serve` the pages get the preview's policy, which lets its live-reload script run.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.plugins import event_priority

from guidance.plugin import content_security_policy

SHIM = Path("assets/javascripts/iframe-worker/shim.js")  # our copy (overrides/hooks/offline.py)
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def _preview() -> bool:
    return _command["name"] == "serve"


@functools.cache  # a vendored file: read once per process, not once per page
def _shim(custom_dir: str) -> str | None:
    path = Path(custom_dir) / SHIM
    return path.read_text(encoding="utf-8") if path.is_file() else None


@event_priority(-100)
def on_post_page(output, page, config):
    return content_security_policy.add(output, page.content or "", _shim(config.theme.custom_dir), _preview())


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    return content_security_policy.add(output_content, "", _shim(config.theme.custom_dir), _preview())

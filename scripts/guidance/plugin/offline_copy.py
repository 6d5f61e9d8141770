"""The offline copy (OFFLINE=true, Material's offline plugin) works from disk in both languages.

Material's offline plugin links pages as `page.html` and, after the build, copies
site_dir/search/search_index.json into search/search_index.js, which a page opened from file://
loads with a <script> (browsers refuse to fetch files there). Three gaps here:

1. Each language other than the default searches its own index (cy/search/, see search.py), which
   the plugin does not know: write search_index.js beside every index.
2. A web worker cannot start from file://, so the plugin adds the iframe-worker shim, loaded from
   unpkg.com: a third party, and nothing when read offline. Use our copy of the same file
   (overrides/assets/javascripts/iframe-worker/, MIT licence).
3. The shim runs the search worker in an iframe, where `importScripts` adds <script> tags and does
   not wait for them: our word handling (lunr.cy.min.js, lunr.en-GB.min.js) needs lunr.site.min.js
   loaded first, so in the offline copy each gets lunr.site.min.js put in front of it.

It also sets `extra.offline_copy`, so templates leave out what the copy cannot hold (the downloads).
"""

from __future__ import annotations

from pathlib import Path

SHIM = "assets/javascripts/iframe-worker/shim.js"


def enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def configure(config) -> None:
    """After the offline plugin's on_config has added its polyfill."""
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = polyfills + [SHIM]
    config.extra["offline_copy"] = True


def finish(site: Path, roots: list[str]) -> None:
    """After every language's search index is written."""
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    shared = (lunr / "lunr.site.min.js").read_text(encoding="utf-8")
    for script in lunr.glob("lunr.*.min.js"):
        text = script.read_text(encoding="utf-8")
        if 'importScripts("../lunr/min/lunr.site.min.js")' in text and not text.startswith(shared):
            script.write_text(shared + "\n" + text, encoding="utf-8")
    for root in roots:
        index = site / root / "search" / "search_index.json"
        if index.is_file():
            index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")

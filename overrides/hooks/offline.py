"""Hook: the offline copy (OFFLINE=true, Material's offline plugin) works from disk in both languages.

Material's offline plugin links pages as `page.html` (use_directory_urls off) and, after the build,
copies site_dir/search/search_index.json into search/search_index.js, which a page opened from
file:// loads with a <script> (browsers refuse to fetch files there) from `base_url`. Three gaps here:

1. Welsh pages search cy/search/search_index.json (overrides/hooks/search_languages.py), which the
   plugin does not know: after that hook has written each language's index (-110), write
   search_index.js beside every one of them.
2. A web worker cannot start from file://, so the plugin adds the iframe-worker shim to the page,
   loaded from unpkg.com: a third party, and nothing online when read offline. Use our copy of the
   same file instead (overrides/assets/javascripts/iframe-worker/, MIT licence).
3. The shim runs the search worker in an iframe, where `importScripts` adds <script> tags and
   does not wait for them, and resolves paths against the page, not the worker. Our word handling
   (lunr.cy.min.js, lunr.en-GB.min.js) needs lunr.site.min.js loaded first: in the offline copy
   each gets lunr.site.min.js put in front of it, and then skips its own import.

It also sets `extra.offline_copy`, so templates leave out what the copy cannot hold (the downloads).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/iframe-worker/shim.js"


def _enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-120)  # after the offline plugin (0) added its polyfill and static-i18n (-100) set up the pass
def on_config(config):
    if not _enabled(config):
        return config
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    config.extra["polyfills"] = polyfills + [SHIM]
    config.extra["offline_copy"] = True
    return config


@event_priority(-120)  # after search_languages.py (-110) wrote each language's index
def on_post_build(config):
    if not _enabled(config):
        return
    site = Path(config.site_dir)
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    shared = (lunr / "lunr.site.min.js").read_text(encoding="utf-8")
    for script in lunr.glob("lunr.*.min.js"):
        text = script.read_text(encoding="utf-8")
        if 'importScripts("../lunr/min/lunr.site.min.js")' in text and not text.startswith(shared):
            script.write_text(shared + "\n" + text, encoding="utf-8")
    for index in [site / "search" / "search_index.json", *site.glob("*/search/search_index.json")]:
        if index.is_file():
            index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")

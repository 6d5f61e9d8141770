"""Hook: Markdown fragments come from the language being built.

Pages include shared fragments with pymdownx.snippets, and every page gets the abbreviation
definitions appended (so "CSE" shows its meaning on hover or focus anywhere). Fragments live in
docs/includes/ and docs_cy/includes/; for each language's pass the snippets extension reads the
right folder.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from guidance.plugin.mkdocs_site import welsh_docs

ABBREVIATIONS = "includes/abbreviations.md"


@event_priority(-110)  # after static-i18n (-100) has switched config.theme.language for this pass
def on_config(config):
    folder = welsh_docs(config) if config.theme["language"] == "cy" else Path(config.docs_dir)
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(folder)]
    snippets["auto_append"] = [ABBREVIATIONS]
    return config

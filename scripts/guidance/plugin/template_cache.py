"""Compiled theme templates, kept for every build in the same process.

MkDocs makes a new Jinja environment for each build, and mkdocs-static-i18n builds once per
language, so every template a page uses (about forty, Material's and ours) was compiled once per
language in `mkdocs build` and again on every rebuild of `mkdocs serve`. Jinja's bytecode cache
keys each compiled template by its name, its file and a checksum of its source, so an edited
template is compiled afresh and an unchanged one is only loaded. Kept in memory only: every new
process starts cold. Measured with `guidance benchmark` (README "Performance"): 0.12 s off a
2.25 s cold build, 0.27 s off a 1.82 s serve rebuild.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored (recompiled) if the source has changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()


#: One cache for the process: this module is imported once; MkDocs makes the plugin again when mkdocs.yml is reloaded.
CACHE = MemoryBytecodeCache()

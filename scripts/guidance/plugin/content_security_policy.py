"""The Content-Security-Policy every page carries: the browser itself refuses anything from elsewhere.

Readers may be watched, and the site promises that nothing is loaded from a third party. The content
check (`guidance check`, external-resources) and the privacy test keep our own pages to that; the
policy makes the reader's browser enforce it as well, whatever slips through (a pasted embed, a
compromised script adding a tracker): it loads scripts, styles, images, fonts, workers and data only
from the site, and runs no inline script but the ones the build put there.

GitHub Pages sets no response headers, so the policy is a `<meta http-equiv>` element, first in
`<head>` (it covers only what comes after it). A meta policy cannot carry `frame-ancestors`,
`report-uri` or `sandbox` (browsers ignore them and log an error), so it has none.

Inline scripts are allowed by their SHA-256 hash, computed from the built page: every executable
inline `<script>` of the page (Material's own: storage scope, palette, content tabs) is hashed and
listed, and nothing else; `type="application/json"` data blocks are not run and need no hash. A
script inside the page's *content* (its Markdown) is never hashed: `guidance check` forbids it,
and should one get through, the browser refuses to run it.

The offline copy (pages opened from file://) needs nothing more, as Chromium 156 was measured to
behave: on a file:// page 'self' matches every file: address (the copy's own files), and Material's
iframe-worker shim runs the search worker in an iframe without `src` (about:blank, which frame-src
does not govern and which inherits the page's policy). The one thing that iframe needs is its own
inline bootstrap script, which the shim writes into it with document.write: its text is fixed by
the shim and by the worker address of the page, so its hash is computed here too
(`iframe_worker_bootstrap`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from typing import Iterable

#: The policy, directive by directive, before the hashes of the page's inline scripts are added to
#: script-src. Everything is 'self' (the site; on file:// the copy's own files) or nothing.
DIRECTIVES: list[tuple[str, list[str]]] = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'"]),  # + 'sha256-…' of each inline script of the page: no 'unsafe-inline', no 'unsafe-eval'
    ("style-src", ["'self'"]),  # Material sets styles only through the CSSOM, which no policy governs
    ("img-src", ["'self'", "data:"]),  # Material's icons in its stylesheet are data: SVGs
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),  # the search index (and nothing else)
    ("worker-src", ["'self'"]),  # Material's search worker is a file of the site; no blob: worker
    ("object-src", ["'none'"]),
    ("base-uri", ["'self'"]),
    ("form-action", ["'self'"]),
    ("frame-src", ["'none'"]),  # the offline copy's search iframe has no src (about:blank)
]

SCRIPT_RE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
ATTR_RE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
HEAD_RE = re.compile(r"<head\b[^>]*>", re.I)
#: Script types a browser runs (HTML: a JavaScript MIME type essence, "module", or none at all).
JAVASCRIPT_TYPES = {"", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
                    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
                    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
                    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
                    "text/x-javascript"}
SHIM_NAME = "iframe-worker/shim.js"


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in ATTR_RE.finditer(text)}


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script of the page that a browser would run, in order."""
    scripts = []
    for m in SCRIPT_RE.finditer(page):
        attrs = _attributes(m.group(1))
        if "src" not in attrs and attrs.get("type", "").split(";")[0].strip().lower() in JAVASCRIPT_TYPES:
            scripts.append(m.group(2))
    return scripts


def source_hash(script: str) -> str:
    """'sha256-…' of a script as the browser hashes it: its text as UTF-8, line ends as the HTML parser makes them."""
    text = script.replace("\r\n", "\n").replace("\r", "\n")
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _function_source(js: str, name: str) -> str:
    """`function NAME(…){…}` as it stands in the (minified) source: what Function.toString() gives."""
    start = js.index(f"function {name}(")
    depth = 0
    for i in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[i], 0)
        if depth == 0:
            return js[start:i + 1]
    raise ValueError(f"function {name} has no end")


BOOTSTRAP_RE = re.compile(r"<script>(postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\};[^`]*?)<\\/script>")


def iframe_worker_bootstrap(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim (1.0.x) writes into its iframe for a worker at worker_url:

        postMessage=${c};importScripts=${d};addEventListener("error",…{filename:"${e}",error}…)

    with c and d two functions of the shim (their source text) and e the worker's address as the
    page gives it to `new Worker()` (Material: the `search` entry of the page's configuration)."""
    m = BOOTSTRAP_RE.search(shim)
    if not m or "${e}" not in m.group(1):
        raise ValueError("the iframe-worker shim no longer writes the bootstrap script this module knows: "
                         "update guidance.plugin.content_security_policy.iframe_worker_bootstrap for the new shim")
    template, post, imports = m.groups()
    return (template.replace("${%s}" % post, _function_source(shim, post))
            .replace("${%s}" % imports, _function_source(shim, imports)).replace("${e}", worker_url))


def _loads_iframe_worker(page: str) -> bool:
    return any(_attributes(m.group(1)).get("src", "").endswith(SHIM_NAME) for m in SCRIPT_RE.finditer(page))


def _worker_url(page: str) -> str:
    for m in SCRIPT_RE.finditer(page):
        if _attributes(m.group(1)).get("id") == "__config":
            return json.loads(m.group(2))["search"]
    raise ValueError("the page loads the iframe-worker shim but has no Material configuration (#__config)")


#: The local preview (`mkdocs serve`) adds a live-reload script to every page it serves, with that
#: moment's timestamps in its text: no hash can name it. There, and only there, inline scripts are
#: allowed (with no hash listed: a browser that sees a hash ignores 'unsafe-inline'); everything else
#: is as published, so the preview refuses what the site refuses.
PREVIEW_SCRIPT_SOURCES = ["'unsafe-inline'"]


def policy(script_hashes: Iterable[str] = (), preview: bool = False) -> str:
    extra = PREVIEW_SCRIPT_SOURCES if preview else list(dict.fromkeys(script_hashes))
    return "; ".join(" ".join([name, *sources, *(extra if name == "script-src" else [])]) for name, sources in DIRECTIVES)


def page_hashes(page: str, content: str = "", shim: str | None = None) -> list[str]:
    """The hashes a page's policy lists: its inline scripts except those of its content (Markdown),
    and, on a page that runs the search in the iframe-worker shim (given its source), the shim's bootstrap."""
    from_content = set(inline_scripts(content))
    scripts = [s for s in inline_scripts(page) if s not in from_content]
    if shim is not None and _loads_iframe_worker(page):
        scripts.append(iframe_worker_bootstrap(shim, _worker_url(page)))
    return [source_hash(s) for s in scripts]


def meta(page: str, content: str = "", shim: str | None = None, preview: bool = False) -> str:
    text = html.escape(policy(page_hashes(page, content, shim), preview), quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{text}">'


def add(page: str, content: str = "", shim: str | None = None, preview: bool = False) -> str:
    """The page with its policy first in <head> (preview: the local preview's, see PREVIEW_SCRIPT_SOURCES)."""
    head = HEAD_RE.search(page)
    if head is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return page[:head.end()] + meta(page, content, shim, preview) + page[head.end():]

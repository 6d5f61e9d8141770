"""Serve a built site over HTTP on 127.0.0.1 under its path prefix (as GitHub Pages would).

Link and browser checks need a real server: over file:// directory URLs break anchor checks
(linkchecker issue #678) and the site's absolute links carry its path prefix. With `gzip=True` text
is sent gzipped to clients that ask for it, as GitHub Pages does, so Lighthouse weighs what readers get.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit


def prefix_of(site_url: str) -> str:
    """'https://example.github.io/cse-guidance/' -> '/cse-guidance/'."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


#: Content types sent gzipped when gzip is on (images other than SVG, and fonts, are compressed already).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    compress = False  # gzip text responses (see serve)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")  # 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        """A site file of a text type, gzipped when the client accepts it; anything else (directory
        redirects, 404s, images) as SimpleHTTPRequestHandler sends it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path)
                and ctype.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)  # level 6, as common web servers use
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        # linkchecker lifts its per-host rate limit for servers that send this header
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, prefix: str = "/", gzip: bool = False) -> Iterator[str]:
    """Yield the base URL (with prefix) of the site served from site_dir until the block ends;
    with gzip, text responses are gzipped for clients that send Accept-Encoding: gzip."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "compress": gzip})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()

"""Serve a built site over HTTP on 127.0.0.1 under its path prefix (as GitHub Pages would).

Link and browser checks need a real server: over file:// directory URLs break anchor checks
(linkchecker issue #678) and the site's absolute links carry its path prefix.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit


def prefix_of(site_url: str) -> str:
    """'https://example.github.io/cse-guidance/' -> '/cse-guidance/'."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")  # 404
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self) -> None:
        # linkchecker lifts its per-host rate limit for servers that send this header
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Yield the base URL (with prefix) of the site served from site_dir until the block ends."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()

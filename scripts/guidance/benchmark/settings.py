"""The issue's targets, and the settings every measurement shares."""

from __future__ import annotations

#: The issue's targets.
TARGET_BUILD_RATIO = 1.3        # bilingual cold build / plain-Material floor
TARGET_SERVE_SECONDS = 1.0      # edit saved -> new HTML served
TARGET_FIRST_VIEW_KB = 100      # longest chapter, gzipped
TARGET_THIRD_PARTY = 0
TARGET_LIGHTHOUSE_SCORE = 95    # longest chapter, each language: Lighthouse mobile Performance
TARGET_TBT_RATIO = 1.5          # longest chapter: Total Blocking Time / the floor's, medians
#: Lighthouse runs of the longest chapter, ours and the floor's alternately; their medians are compared.
LIGHTHOUSE_RUNS = 5
#: "No worse than linear": the cost of each page added at the largest scale step may be at most
#: this much above the cost of each page added at the first step (the margin absorbs timing noise).
LINEAR_TOLERANCE = 1.25

#: Left out of the temporary project: version control, environments and built output (at the top),
#: caches anywhere. Everything else is copied, so whatever the build needs comes along.
SKIP_AT_TOP = {".git", ".venv", "site", "build", ".cache"}
SKIP_ANYWHERE = {"__pycache__", "node_modules"}
#: Served from 127.0.0.1:8000 as in a local preview; no path prefix.
SITE_URL = "http://127.0.0.1:8000/"
#: Extensions that are this project's own code are left out of the floor.
OWN_EXTENSION_PREFIX = "guidance."
GZIP_LEVEL = 6  # what a typical web server uses
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
SERVE_START_TIMEOUT = 300
SERVE_EDIT_TIMEOUT = 60
POLL_INTERVAL = 0.02

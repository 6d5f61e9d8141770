"""What the site costs, measured side by side: the build, the live preview, the pages, the search index.

`guidance benchmark` (tracker issue 10) measures, on a copy of the project in a temporary folder
(the working tree is never touched):

- cold build: `mkdocs build --strict` of the bilingual site, each run a new process into an empty
  folder, against the *floor*: a plain Material build of the same Markdown (English and Welsh pages
  in one tree) with no plugins and no hooks, run alternately with it so both meet the same noise;
- serve rebuild: the time from writing one word into a numbered paragraph (English, then Welsh)
  to `mkdocs serve` (default options, live reload on) answering with the new HTML;
- per page type (home, longest chapter, practice guide, references; both languages): HTML bytes,
  first-view transfer gzipped and requests, counted by Chromium when it is there, else from the HTML;
- Lighthouse Performance score and Total Blocking Time of the same pages, ours and the floor's (the
  longest chapter's, median of three runs each, against targets);
- search index of each language against the text of its pages;
- scale: the pages copied 5 and 10 times over, to see how build time grows with content.

Every figure that has a target is printed with it and PASS or MISS; the same data goes to a JSON file.

The measurements live in one module each (project, floor, timing, serve, pages, lighthouse,
search_index, scale, machine); report runs them and prints each figure against its target (settings).
"""

from .report import SECTIONS, format_report, run_benchmark
from .settings import (LIGHTHOUSE_RUNS, LINEAR_TOLERANCE, TARGET_BUILD_RATIO, TARGET_FIRST_VIEW_KB,
                       TARGET_LIGHTHOUSE_SCORE, TARGET_SERVE_SECONDS, TARGET_TBT_RATIO)

__all__ = ["LIGHTHOUSE_RUNS", "LINEAR_TOLERANCE", "SECTIONS", "TARGET_BUILD_RATIO", "TARGET_FIRST_VIEW_KB",
           "TARGET_LIGHTHOUSE_SCORE", "TARGET_SERVE_SECONDS", "TARGET_TBT_RATIO", "format_report", "run_benchmark"]

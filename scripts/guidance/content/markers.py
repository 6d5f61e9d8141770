"""Markers: a line `<!-- NAME -->` or `<!-- NAME: ID -->` asks the build to put something there.

    <!-- chart: meetings-per-year -->   a bar chart drawn from the table that follows
    <!-- flow: procedure -->            a flow diagram drawn from the list that follows
    <!-- references-list -->           every work cited in this language, with where it is cited
    <!-- changes -->                   What's changed: each edition's changed paragraphs (history.py)
    <!-- paragraph-history -->         each amended paragraph's versions, notes and word differences

The build (guidance.plugin.content) dispatches every marker through MARKER_RE and stops on a name it
does not know; `guidance check` (markers) says so first, file:line, so a typo never vanishes as an
invisible comment.
"""

from __future__ import annotations

import re

MARKER_RE = re.compile(r"^<!-- (?P<name>[a-z][a-z-]*)(?:: (?P<id>[\w-]+))? -->$", re.M)
#: Marker name -> whether it takes an id.
NAMES: dict[str, bool] = {"chart": True, "flow": True, "references-list": False, "changes": False,
                          "paragraph-history": False}


def problem(match: re.Match) -> str | None:
    """What is wrong with a marker, in an editor's words, or None."""
    name, ident = match["name"], match["id"]
    if name not in NAMES:
        known = ", ".join(f"<!-- {n}: NAME -->" if NAMES[n] else f"<!-- {n} -->" for n in NAMES)
        return f"unknown marker <!-- {name}{': ' + ident if ident else ''} -->. The markers are {known}; fix the spelling."
    if NAMES[name] and not ident:
        return f"<!-- {name} --> needs a name: write <!-- {name}: NAME -->, NAME in lower case with hyphens."
    if not NAMES[name] and ident:
        return f"<!-- {name} --> takes no name: write it as <!-- {name} -->."
    return None

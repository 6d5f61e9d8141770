"""The `guidance` plugin's options in mkdocs.yml; each default is the value the site was tuned with."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    #: Material's result list multiplies a page entry's score by about 2.5 over its sections' scores,
    #: so a chapter's summary would otherwise outrank the very paragraph it summarises.
    page_entry_boost = c.Type(float, default=0.2)
    #: Material switches lunr's length normalisation off and queries are prefix wildcards, so a long
    #: box or list matches almost any query: above this many words a section is weighted down.
    long_section_words = c.Type(int, default=150)
    #: A References entry is weighted by this: a practitioner searching a topic wants the paragraph
    #: that says what to do, not the cited work whose title names the topic ("contextual
    #: safeguarding"); an entry still wins when only it matches (an author's name, a year).
    reference_boost = c.Type(float, default=0.1)
    #: A heading section with no text of its own (its paragraphs are sections of their own) is
    #: weighted by this, so a hit on its heading alone ("MAKESAFE") does not beat a paragraph under it.
    heading_only_boost = c.Type(float, default=0.3)
    #: A References entry's result title is cut to its author and year, or to this many characters.
    reference_title_length = c.Type(int, default=100)


class GuidanceConfig(base.Config):
    #: Where each language other than the default keeps its Markdown (folder in the project root),
    #: mirroring docs_dir file by file. Its address (cy/) and name come from the i18n plugin.
    docs_dirs = c.DictOfItems(c.Type(str), default={"cy": "docs_cy"})
    #: In each language's folder: appended to every page, so abbreviations explain themselves on
    #: hover and in search ("CSE" finds "child sexual exploitation").
    abbreviations = c.Type(str, default="includes/abbreviations.md")
    search = c.SubConfig(SearchConfig)

"""Tools for the bilingual CSE guidance site: content model, checks, Markdown extension, CLI."""

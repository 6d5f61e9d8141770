"""The `guidance` MkDocs plugin: the build's features (bilingual, citations, search, content)."""

"""The content model: pages, paragraphs, citations, translation units, Welsh words."""

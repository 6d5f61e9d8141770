"""Tools that work on a built site: serve, PDFs, the offline copy, screenshots, audits."""

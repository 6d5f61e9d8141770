"""What our MkDocs hooks need to know about the site being built: its language and its folders.

Paths come from the MkDocs configuration being built (not from where this package is installed),
so a copy of the project — a test fixture, a pull request checkout — builds from its own files.
"""

from pathlib import Path


def page_language(page, config) -> str:
    # mkdocs-static-i18n builds each language in its own pass and sets the theme language for it;
    # it also tags each file with its locale. Prefer the file's own tag when it is there.
    return getattr(page.file, "locale", None) or config.theme.get("language") or "en"


def project_root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def welsh_docs(config) -> Path:
    return project_root(config) / "docs_cy"


def bibliography(config) -> Path:
    return project_root(config) / config.plugins["bibtex"].config.bib_file

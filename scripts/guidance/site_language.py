"""Which language a page is built in, as seen from MkDocs hooks."""


def page_language(page, config) -> str:
    # mkdocs-static-i18n builds each language in its own pass and sets the theme language for it;
    # it also tags each file with its locale. Prefer the file's own tag when it is there.
    return getattr(page.file, "locale", None) or config.theme.get("language") or "en"

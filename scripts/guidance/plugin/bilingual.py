"""Bilingual: the Welsh site from docs_cy/, in every language's own words, redirects and offline copy.

mkdocs-static-i18n (suffix structure) builds each language in a pass of its own and expects Welsh
pages as `X.cy.md` next to `X.md` in docs_dir. Editors keep them in a parallel folder (docs_cy/), so
the two languages are easy to compare and review. The bridge needs two steps around static-i18n's
own on_files: before it, every docs_cy/X that mirrors a docs/X becomes a virtual docs_dir file
X.cy.<ext> (static-i18n only accepts files under docs_dir); after it, the Welsh Files are pointed
back at their real source, so content, live reload and "edit this page" links follow.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from guidance import strings
from guidance.content.model import Page
from guidance.content.translation import Pair, UnitReader
from guidance.languages import Languages


def mirrored_sources(config, languages: Languages) -> dict[str, Path]:
    """Virtual docs_dir name (X.cy.md) -> real file in docs_cy/, for files that mirror one in docs/.
    Only mirrored files are published: docs_cy/ also holds editors' files such as terminology.yml."""
    sources = {}
    for code in languages.others:
        folder = languages.folder(code)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder)
            if config.exclude_docs and config.exclude_docs.match_file(rel.as_posix()):
                continue  # fragments (includes/) are included into pages, not published
            if (Path(config.docs_dir) / rel).exists():
                sources[rel.with_suffix(f".{code}{rel.suffix}").as_posix()] = path
    return sources


def add_translated_files(files: Files, config, sources: dict[str, Path]) -> Files:
    # Left pointing at docs_dir/X.cy.md, which does not exist, until locate_translated_files.
    for name in sources:
        files.append(File(name, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def locate_translated_files(files: Files, config, sources: dict[str, Path]) -> Files:
    root = Path(config.config_file_path).resolve().parent
    for file in files:
        if file.src_uri in sources:
            file.abs_src_path = str(sources[file.src_uri])
            file.edit_uri = (Path("..") / sources[file.src_uri].relative_to(root)).as_posix()
    return files


def translate_redirects(files: Files, config, lang: str, languages: Languages) -> None:
    """`redirect_maps: {about.md: about-this-guidance.md}` (mkdocs-redirects) knows nothing of the
    Welsh pass, in which it would write the English about/index.html again: give it this language's
    pages and redirects, so it writes cy/about/index.html pointing at ../about-this-guidance/."""
    redirects = config.plugins.get("redirects")
    if redirects is None or lang == languages.default:
        return
    suffix = f".{lang}.md"
    redirects.doc_pages = {f.src_uri[: -len(suffix)] + ".md": f for f in files.documentation_pages()
                           if f.src_uri.endswith(suffix)}
    redirects.redirects = {f"{languages.root(lang)}{old}": new for old, new in redirects.config["redirect_maps"].items()}


def give_i18n_the_strings(config) -> None:
    """Each language's site name, description, footer and navigation titles come from its strings
    file (guidance/strings/en.yml, cy.yml): static-i18n applies them in each language's pass."""
    for language in config.plugins["i18n"].config.languages:
        for key, value in strings.i18n_overrides(language.locale).items():
            language[key] = value


def configure_pass(config, lang: str, languages: Languages, abbreviations: str) -> None:
    """Settings that differ per language, set for the pass static-i18n has just started."""
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = strings.text(lang, "footnote_backlink_title")
    # Shared fragments (--8<--) and the abbreviations appended to every page, from this language's folder.
    snippets = config.mdx_configs.setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [str(languages.folder(lang))]
    snippets["auto_append"] = [abbreviations]
    if lang != languages.default:
        # Every pass writes site/404.html; keep the default language's (GitHub Pages serves only that file).
        config.theme.static_templates.discard("404.html")


def page_context(context, page, config, lang: str, languages: Languages):
    """Our own interface strings in the page's language, the link to the other language, and
    whether the Welsh is still a draft. `<a href="#other-language">` in a page (the home pages) is
    given the same address as the language switch: right under any prefix and offline."""
    context["ui"] = strings.STRINGS[lang]
    alternates = getattr(page.file, "alternates", {})
    other = next((code for code in languages.names if code != lang), None)
    if other in alternates:
        url = get_relative_url(alternates[other].url, page.url)
        context["other_language"] = {"lang": other, "url": url}
        page.content = page.content.replace('href="#other-language"', f'href="{url}"')
    context["translation_status"] = translation_status(page, languages)
    root = languages.root(lang)
    if root:
        # Material's bundle finds the search index (and its storage scope) at base_url: the Welsh
        # pages search cy/search/search_index.json (see search.py).
        context["base_url"] = get_relative_url(root, page.url)
    return context


def translation_status(page, languages: Languages) -> str | None:
    """'reviewed' only while a translator has signed off every unit of the Welsh page for the current
    English (its translation record says so, unit by unit); 'draft' shows the draft notice."""
    record = page.meta.get("translation") or {}
    if not record:
        return None  # a page in the default language
    if not record.get("reviewed") and record.get("status") != "reviewed":
        return "draft"  # nothing signed off: no need to read the pages
    docs = languages.folder(languages.default)
    translated = Path(page.file.abs_src_path)
    for code in languages.others:
        folder = languages.folder(code)
        try:
            original = docs / translated.resolve().relative_to(folder.resolve())
        except ValueError:
            continue
        if original.is_file():
            return Pair(Page.load(original, docs), Page.load(translated, folder)).status(UnitReader(docs, folder))
    return record.get("status")


_HREFLANG_LINK = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')


def absolute_hreflang(output: str, page) -> str:
    """Search engines take only absolute hreflang addresses; Material writes relative ones (which the
    language menu keeps, so it works under any prefix and in the offline copy)."""
    if not (page.canonical_url or "").startswith(("http://", "https://")):
        return output  # the offline copy has no published address
    return _HREFLANG_LINK.sub(lambda m: m[1] + urljoin(page.canonical_url, m[2]) + m[3], output)

"""Hook: the interface strings *we* add are in the language being built.

Material translates its own interface (theme.language, set per language by static-i18n). Our
additions — the footnote back-link title, the draft-translation notice, the link to the other
language — come from guidance.strings, so a Welsh page never shows an English one.

A page may link to its own counterpart in the other language with `<a href="#other-language">`
(the home pages do): the address is filled in here, as the language switch's is, so it is right
on the site, under any path prefix and in the offline copy (page.html addresses).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from guidance.content.model import Page
from guidance.plugin.mkdocs_site import page_language, welsh_docs
from guidance.content.translation import Pair, UnitReader
from guidance.strings import STRINGS, text


@event_priority(-110)  # after static-i18n (-100) has switched config.theme.language for this pass
def on_config(config):
    lang = config.theme["language"]
    config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = text(lang, "footnote_backlink_title")
    if lang != "en":
        # Every pass writes site/404.html; keep the English one (GitHub Pages serves only that file).
        config.theme.static_templates.discard("404.html")
    return config


def on_template_context(context, template_name, config):
    """Templates that are not pages (404.html) get the strings of the language being built."""
    context["ui"] = STRINGS[config.theme["language"]]
    return context


def on_page_context(context, page, config, nav):
    lang = page_language(page, config)
    context["ui"] = STRINGS[lang]
    alternates = getattr(page.file, "alternates", {})
    other = "en" if lang == "cy" else "cy"
    if other in alternates:
        url = get_relative_url(alternates[other].url, page.url)
        context["other_language"] = {"lang": other, "url": url}
        page.content = page.content.replace('href="#other-language"', f'href="{url}"')
    context["translation_status"] = translation_status(page, config)
    return context


def translation_status(page, config) -> str | None:
    """'reviewed' only while a translator has signed off every unit of the Welsh page for the current
    English (its translation record says so, unit by unit); 'draft' shows the draft notice."""
    record = page.meta.get("translation") or {}
    if not record:
        return None  # an English page
    if not record.get("reviewed") and record.get("status") != "reviewed":
        return "draft"  # nothing signed off: no need to read the pages
    docs, docs_cy = Path(config.docs_dir), welsh_docs(config)
    welsh = Path(page.file.abs_src_path)
    try:
        english = docs / welsh.resolve().relative_to(docs_cy.resolve())
    except ValueError:
        return record.get("status")
    if not english.is_file():
        return record.get("status")
    return Pair(Page.load(english, docs), Page.load(welsh, docs_cy)).status(UnitReader(docs, docs_cy))


_HREFLANG_LINK = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')


def on_post_page(output, page, config):
    """Search engines take only absolute hreflang addresses; Material writes relative ones (which the
    language menu keeps, so it works under any prefix and in the offline copy)."""
    if not (page.canonical_url or "").startswith(("http://", "https://")):
        return output  # the offline copy has no published address
    return _HREFLANG_LINK.sub(lambda m: m[1] + urljoin(page.canonical_url, m[2]) + m[3], output)

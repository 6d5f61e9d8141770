"""Hook: one redirect in mkdocs.yml keeps a renamed page's old address working in both languages.

`redirect_maps: {about.md: about-this-guidance.md}` (mkdocs-redirects) writes about/index.html, a
page that sends the reader on to about-this-guidance/. By itself the plugin knows nothing of the
Welsh site: mkdocs-static-i18n builds Welsh in a second pass into the same site_dir, and in that
pass the plugin writes the same English about/index.html again and no cy/about/.

In each pass after the default language's, once static-i18n has built that language's files (-110,
after its -100), this hook gives the plugin that language's version of every redirect: from
cy/about.md to the Welsh about-this-guidance page. The plugin then writes cy/about/index.html
pointing at ../about-this-guidance/ (relative, so the site works under any path and offline).
The English pass is left to the plugin as it is.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(-110)
def on_files(files, config):
    redirects = config.plugins.get("redirects")
    i18n = config.plugins.get("i18n")
    lang = config.theme["language"]
    if redirects is None or i18n is None or lang == i18n.default_language:
        return files
    # The Welsh files of this pass are X.cy.md (docs_structure: suffix), published under cy/.
    suffix = f".{lang}.md"
    redirects.doc_pages = {f.src_uri[: -len(suffix)] + ".md": f for f in files.documentation_pages()
                           if f.src_uri.endswith(suffix)}
    redirects.redirects = {f"{lang}/{old}": new for old, new in redirects.config["redirect_maps"].items()}
    return files

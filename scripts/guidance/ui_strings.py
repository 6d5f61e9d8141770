"""Interface strings that our own extension, hooks and templates add to pages, in both languages.

Material translates its own interface; these are the strings *we* add. A Welsh page must never show
an English one (Welsh Language Standards), so every key exists in both languages — a test checks it.
"""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "para_link_title": "Copy the link to paragraph {n}",
        "para_label": "Paragraph {n}",
        "para_copied": "Link to paragraph {n} copied",
        "footnote_backlink_title": "Back to the text",
        "cited_in": "Cited in",
        "cited_in_para": "para {n}",
        "cited_after_para": "after para {n}",
    },
    "cy": {
        "para_link_title": "Copïo'r ddolen i baragraff {n}",
        "para_label": "Paragraff {n}",
        "para_copied": "Wedi copïo'r ddolen i baragraff {n}",
        "footnote_backlink_title": "Yn ôl i'r testun",
        "cited_in": "Cyfeirir ato yn",
        "cited_in_para": "paragraff {n}",
        "cited_after_para": "ar ôl paragraff {n}",
    },
}

DEFAULT_LANGUAGE = "en"


def text(lang: str, key: str, **values: object) -> str:
    return STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])[key].format(**values)

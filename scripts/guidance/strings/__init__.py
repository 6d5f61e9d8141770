"""Interface strings that our own extension, hooks and templates add to pages, in both languages.

Material translates its own interface; these are the strings *we* add. A Welsh page must never show
an English one (Welsh Language Standards), so every key exists in both languages — a test checks it.
"""

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "para_link_title": "Copy the link to paragraph {n}",
        "para_label": "Paragraph {n}",
        "para_copied": "Link to paragraph {n} copied",
        "footnote_backlink_title": "Back to footnote {} in the text",
        "other_language_link": "Darllenwch y dudalen hon yn Gymraeg",
        "other_language_note": "(cyfieithiad drafft)",
        "draft_notice_title": "Draft translation",
        "draft_notice_text": "This page is a draft translation that a qualified translator has not yet reviewed.",
        "cited_in": "Cited in",
        "flow_title": "Diagram of the steps, which are also listed below",
        "card_pdf": "Download this prompt as a one-page PDF (A4)",
        "download_title": "Download the guidance",
        "download_pdf_this": "The whole guidance as a PDF (English)",
        "download_pdf_other": "Y canllawiau cyfan fel PDF (Cymraeg, cyfieithiad drafft)",
        "download_offline": "The whole website to read offline, in English and Welsh (a ZIP file: extract it, "
                            "then open index.html)",
        "last_updated": "Last updated",
        "edition": "Consultation draft WG37941, live edition {version}",
        "statements_label": "Statements",
        "accessibility_statement": "Accessibility statement",
        "welsh_language_statement": "Welsh language statement",
        "exit_label": "Exit this page",
        "exit_emergency": "Emergency",
        "exit_loading": "Loading.",
        "exit_shift_2": "Shift, press 2 more times to exit.",
        "exit_shift_1": "Shift, press 1 more time to exit.",
        "exit_shift_0": "Exit this page activated.",
        "exit_shift_timed_out": "Exit this page expired.",
        "cited_in_para": "para {n}",
        "cited_after_para": "after para {n}",
        "search_para_title": "Para {n} – {heading}",
    },
    "cy": {
        "para_link_title": "Copïo'r ddolen i baragraff {n}",
        "para_label": "Paragraff {n}",
        "para_copied": "Wedi copïo'r ddolen i baragraff {n}",
        "footnote_backlink_title": "Yn ôl at droednodyn {} yn y testun",
        "other_language_link": "Read this page in English",
        "other_language_note": "",
        "draft_notice_title": "Cyfieithiad drafft",
        "draft_notice_text": "Cyfieithiad drafft yw'r dudalen hon, ac nid yw cyfieithydd cymwys wedi'i hadolygu eto. "
                             "Os oes unrhyw amheuaeth am yr ystyr, gweler y testun Saesneg.",
        "cited_in": "Cyfeirir ato yn",
        "flow_title": "Diagram o'r camau, a restrir isod hefyd",
        "card_pdf": "Lawrlwytho'r anogwr hwn fel PDF un dudalen (A4)",
        "download_title": "Lawrlwytho'r canllawiau",
        "download_pdf_this": "Y canllawiau cyfan fel PDF (Cymraeg, cyfieithiad drafft)",
        "download_pdf_other": "The whole guidance as a PDF (English)",
        "download_offline": "Y wefan gyfan i'w darllen all-lein, yn Gymraeg ac yn Saesneg (ffeil ZIP: echdynnwch hi, "
                            "yna agorwch index.html)",
        "last_updated": "Diweddarwyd ddiwethaf",
        "edition": "Drafft ymgynghori WG37941, argraffiad byw {version}",
        "statements_label": "Datganiadau",
        "accessibility_statement": "Datganiad hygyrchedd",
        "welsh_language_statement": "Datganiad iaith Gymraeg",
        "exit_label": "Gadael y dudalen hon",
        "exit_emergency": "Argyfwng",
        "exit_loading": "Yn llwytho.",
        "exit_shift_2": "Shift, pwyswch ddwywaith eto i adael.",
        "exit_shift_1": "Shift, pwyswch unwaith eto i adael.",
        "exit_shift_0": "Wedi dewis gadael y dudalen hon.",
        "exit_shift_timed_out": "Daeth yr amser ar gyfer \"Gadael y dudalen hon\" i ben.",
        "cited_in_para": "paragraff {n}",
        "cited_after_para": "ar ôl paragraff {n}",
        "search_para_title": "Paragraff {n} – {heading}",
    },
}

DEFAULT_LANGUAGE = "en"


def text(lang: str, key: str, **values: object) -> str:
    string = STRINGS.get(lang, STRINGS[DEFAULT_LANGUAGE])[key]
    return string.format(**values) if values else string


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "cy": ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
           "Hydref", "Tachwedd", "Rhagfyr"],
}


def format_date(day, lang: str) -> str:
    """'1 December 2026', '1 Rhagfyr 2026'."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"

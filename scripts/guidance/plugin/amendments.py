"""The live document at paragraph level (guidance.content.history says where the history comes from).

- Marks: every numbered paragraph whose text differs from the first edition's says, in the page's
  language, "Amended 1 December 2026" (a <time>), linking to its history.
- The Paragraph history page (`<!-- paragraph-history -->`): per amended paragraph, each dated
  version with its change note and a word-level difference (<del>/<ins>, with hidden words that
  say "deleted"/"inserted", so the difference is not told by colour alone).
- What's changed (`<!-- changes -->`): per edition, newest first, each changed paragraph with its
  number, link and note; changes not yet in an edition come first, under a heading that says so.
- An Atom feed per language (feed.xml, cy/feed.xml) of the same changes and editions, written with
  feedgen, linked from every page's <head> and from What's changed.
- Addresses survive renumbering: pages with numbered paragraphs carry, as a JSON data block (not a
  script: the Content-Security-Policy stays as it is), the map from each edition's paragraph numbers
  to today's, which overrides/assets/javascripts/paragraph-addresses.js applies to an old link.
"""

from __future__ import annotations

import datetime
import html
import json
import logging
import re
from pathlib import Path

from feedgen.feed import FeedGenerator
from mkdocs.utils import get_relative_url

from guidance import strings
from guidance.content.history import Change, History, plain, word_diff
from guidance.site import editions as edition_files

log = logging.getLogger("mkdocs.plugins.guidance")

HISTORY_PAGE = "paragraph-history"
CHANGES_PAGE = "changes"
FEED = "feed.xml"
PARA_NUM_RE = re.compile(r'(<div class="para" id="para-(\d+)">\s*<a class="para-num"[^>]*>.*?</a>)', re.S)


def read(root: Path, folders: dict[str, Path]) -> History:
    history = History.read(root, folders)
    if not history.available:
        log.info(f"No paragraph history: {history.reason}. Paragraphs are shown without amendment marks.")
    return history


def _url(target: str, page) -> str:
    return get_relative_url(target, page.url)


def _time(day: datetime.date, lang: str) -> str:
    return f'<time datetime="{day.isoformat()}">{html.escape(strings.format_date(day, lang))}</time>'


def _label(change: Change, lang: str) -> str:
    """'Amended 1 December 2026' as HTML (the date a <time>)."""
    key = {"amended": "para_amended", "added": "para_added", "removed": "para_removed"}[change.kind]
    words = html.escape(strings.text(lang, key, date="\x00"))
    return words.replace("\x00", _time(change.step.date, lang))


def _note_html(change: Change, lang: str) -> str:
    note = change.note
    if not note:
        return html.escape(strings.text(lang, "change_note_missing"))
    escaped = html.escape(note)
    return escaped if change.note_language == lang else f'<span lang="{change.note_language}">{escaped}</span>'


# -- marks on the chapters ----------------------------------------------------------------------

def marks(content: str, page, lang: str, history: History, root: str) -> str:
    if "paragraphs" not in page.meta and "paragraphs_from" not in page.meta:
        return content
    amended = history.paragraph_changes(lang)
    if not amended:
        return content
    target = root + HISTORY_PAGE + "/"

    def mark(match: re.Match) -> str:
        number = int(match[2])
        changes = amended.get(number)
        if not changes:
            return match[1]
        href = _url(target, page) + f"#para-{number}"
        hidden = html.escape(strings.text(lang, "para_history_hidden", n=number))
        return (f'{match[1]}\n<p class="para-amended" data-search-exclude><a href="{href}">{_label(changes[-1], lang)}'
                f'<span class="visually-hidden">{hidden}</span></a></p>')

    return PARA_NUM_RE.sub(mark, content)


def address_map(history: History, page) -> str | None:
    """The JSON data block paragraph-addresses.js reads, on pages with numbered paragraphs, or None
    while no edition's numbers differ from today's."""
    if "paragraphs" not in page.meta and "paragraphs_from" not in page.meta:
        return None
    maps = history.address_maps()
    if not maps:
        return None
    data = {"first": history.editions[0].date.isoformat(),
            "editions": {day: {str(old): new for old, new in m.items()} for day, m in maps.items()}}
    return json.dumps(data, separators=(",", ":"), sort_keys=True)


# -- generated pages ----------------------------------------------------------------------------

def _chapter_link(number: int, page_src: str, lang: str, chapters: dict[str, str], text: str | None = None) -> str:
    words = text or strings.text(lang, "para_label", n=number)
    return f"[{words}]({page_src}#para-{number})"


def history_page(history: History, lang: str, chapters: dict[str, str]) -> str:
    amended = history.paragraph_changes(lang)
    if not amended:
        return html.escape(strings.text(lang, "history_none")) + "\n"
    first = history.first.get(lang, {})
    origin_date = history.editions[0].date
    deleted, inserted = strings.text(lang, "diff_deleted"), strings.text(lang, "diff_inserted")
    out: list[str] = []
    current = history.current(lang)
    for number in sorted(amended):
        changes = amended[number]
        located = current[number]
        out.append(f"## {strings.text(lang, 'history_heading', n=number)} {{ #para-{number} }}\n")
        chapter = chapters.get(located.page, located.page)
        out.append(_chapter_link(number, located.page, lang, chapters,
                                 strings.text(lang, "history_read_now", n=number, chapter=chapter)) + "\n")
        for change in reversed(changes):
            before, after = plain(change.before or ""), plain(change.after or "")
            out.append('<div class="para-version">\n'
                       f'<p class="para-version-date"><strong>{_label(change, lang)}</strong></p>\n'
                       f'<p class="para-version-note"><strong>{html.escape(strings.text(lang, "change_note"))}:</strong> '
                       f'{_note_html(change, lang)}</p>\n'
                       f'<p class="para-diff">{word_diff(before, after, deleted, inserted)}</p>\n'
                       '</div>\n')
        if changes and changes[0].before is not None:
            original = plain(changes[0].before)
            edition = html.escape(strings.text(lang, "history_first_edition", date="\x00")).replace(
                "\x00", _time(origin_date, lang))
            out.append('<div class="para-version para-version-first">\n'
                       f'<p class="para-version-date"><strong>{edition}</strong></p>\n'
                       f'<p>{html.escape(original, quote=False)}</p>\n</div>\n')
    return "\n".join(out)


def _change_line(change: Change, lang: str, chapters: dict[str, str]) -> str:
    number = change.number if change.number is not None else change.old_number
    chapter = chapters.get(change.page, change.page)
    label = re.sub(r"<[^>]+>", "", _label(change, lang))
    note = change.note or strings.text(lang, "change_note_missing")
    if change.note and change.note_language != lang:
        note = f'<span lang="{change.note_language}">{html.escape(change.note)}</span>'
    if change.number is None:
        head = strings.text(lang, "para_label", n=number)
    else:
        head = _chapter_link(number, change.page, lang, chapters)
    history = f"[{strings.text(lang, 'history_link')}]({HISTORY_PAGE}.md#para-{number})" if change.number is not None else ""
    return f"- {head} ({chapter}), {label[0].lower() + label[1:]}: {note} {history}".rstrip()


def _edition_downloads(edition, lang: str, page, languages: list[str]) -> str:
    """The edition's PDFs and offline copy (site/editions.py puts them in the site), each named in its
    own language; the page's language first."""
    day = edition.date.isoformat()
    ordered = [lang] + [other for other in languages if other != lang]
    items = []
    for name, file_lang, key in edition_files.files(ordered):
        words = html.escape(strings.text(file_lang or lang, key))
        href = _url(f"{edition_files.FOLDER}/{day}/{name}", page)
        kind = "application/zip" if name.endswith(".zip") else "application/pdf"
        marks = ""  # the offline copy holds both languages: it has neither mark
        if file_lang:
            marks = f' hreflang="{file_lang}"' + (f' lang="{file_lang}"' if file_lang != lang else "")
        items.append(f'<li><a href="{href}" type="{kind}"{marks} download>{words}</a></li>')
    intro = html.escape(strings.text(lang, "edition_downloads", date=strings.format_date(edition.date, lang)))
    return f'<div class="edition-downloads" markdown="0"><p>{intro}</p>\n<ul>\n' + "\n".join(items) + "\n</ul></div>\n"


def changes_page(history: History, lang: str, page, root: str, chapters: dict[str, str],
                 languages: list[str], downloads: bool = True) -> str:
    """What's changed: per edition, newest first, its summary, its downloads (not in the offline
    copy, which holds no downloads) and its changed paragraphs; changes since the last edition first."""
    feed = _url(root + FEED, page)
    out = [f'<p class="feed-link"><a href="{feed}" type="application/atom+xml">'
           f'{html.escape(strings.text(lang, "feed_link"))}</a></p>\n']
    if not history.editions:
        return "\n".join(out)
    changes = [c for c in history.changes(lang)]
    pending = [c for c in changes if c.step.edition is None]
    latest = history.editions[-1]
    if pending:
        out.append(f"## {strings.text(lang, 'changes_since', date=strings.format_date(latest.date, lang))} {{ #since-last-edition }}\n")
        out.append(strings.text(lang, "changes_since_text") + "\n")
        out += [_change_line(c, lang, chapters) for c in reversed(pending)]
        out.append("")
    for edition in reversed(history.editions):
        out.append(f"## {strings.format_date(edition.date, lang)} {{ #edition-{edition.date.isoformat()} }}\n")
        summary = edition.summary.get(lang) or edition.summary.get("en", "")
        out.append((summary if edition.summary.get(lang) else f'<span lang="en">{html.escape(summary)}</span>') + "\n")
        if downloads:
            out.append(_edition_downloads(edition, lang, page, languages))
        in_edition = [c for c in changes if c.step.edition is edition]
        if in_edition:
            out += [_change_line(c, lang, chapters) for c in reversed(in_edition)]
            out.append("")
    return "\n".join(out) + "\n"


# -- feeds --------------------------------------------------------------------------------------

def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def write_feed(path: Path, history: History, lang: str, site_url: str, root: str, chapters: dict[str, str]) -> None:
    """An Atom feed of LANG's paragraph changes (committed ones) and editions, newest first."""
    base = site_url.rstrip("/") + "/" + root
    feed = FeedGenerator()
    feed.id(base + FEED)
    feed.title(strings.text(lang, "feed_title"))
    feed.subtitle(strings.text(lang, "feed_subtitle"))
    feed.author({"name": strings.text(lang, "feed_author")})
    feed.link(href=base + FEED, rel="self", type="application/atom+xml")
    feed.link(href=base + CHANGES_PAGE + "/", rel="alternate", type="text/html")
    feed.language(lang)
    items: list[tuple[datetime.date, str, dict]] = []
    for edition in history.editions:
        day = edition.date.isoformat()
        items.append((edition.date, "0", {
            "id": f"{base}{CHANGES_PAGE}/#edition-{day}",
            "title": strings.text(lang, "feed_edition_title", date=strings.format_date(edition.date, lang)),
            "link": f"{base}{CHANGES_PAGE}/#edition-{day}",
            "summary": edition.summary.get(lang) or edition.summary.get("en", "")}))
    for change in history.changes(lang):
        if not change.step.commit:
            continue  # not committed: a local preview's edit is not news
        number = change.number if change.number is not None else change.old_number
        label = re.sub(r"<[^>]+>", "", _label(change, lang))
        link = f"{base}{HISTORY_PAGE}/#para-{number}" if change.number is not None else f"{base}{CHANGES_PAGE}/"
        items.append((change.step.date, "1", {
            "id": f"{base}{HISTORY_PAGE}/#para-{number}-{change.step.commit[:12]}",
            "title": f"{strings.text(lang, 'para_label', n=number)}: {label}",
            "link": link,
            "summary": change.note or strings.text(lang, "change_note_missing")}))
    for day, _, item in sorted(items, key=lambda i: (i[0], i[1])):
        entry = feed.add_entry(order="prepend")
        entry.id(item["id"])
        entry.title(item["title"])
        entry.link(href=item["link"], rel="alternate", type="text/html")
        entry.summary(item["summary"])
        entry.updated(_moment(day))
        entry.published(_moment(day))
    feed.updated(_moment(max((i[0] for i in items), default=datetime.date.today())))
    path.parent.mkdir(parents=True, exist_ok=True)
    feed.atom_file(str(path), pretty=True)


def feed_link(page, lang: str, root: str) -> dict:
    return {"url": _url(root + FEED, page), "title": strings.text(lang, "feed_title")}

"""The crawler: on the demo data, every page a person can reach by following links answers without a 5xx, and
says nothing in English that was not meant for translation.

As anonymous and as each demo login, start at `/` and follow every same-origin link (`<a href>`, the action of
GET forms, sent without their inputs, and `hx-get`): pagination, filters and downloads included. Logging out is
a POST and is never followed; nothing that changes state by GET is either. Each URL is visited once per role.

The crawl runs in a pseudo-locale: a catalogue made from the code's own messages in which every message is
wrapped in ⟦ ⟧. Text on a page that is neither inside ⟦ ⟧ nor data (names, titles, addresses from the
database) is English that never went through `_()`: a page, a partial, a label, a flash message of the page.
"""

import io
import re
import traceback
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
import sqlalchemy as sa
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from clubs_exchange.config import Config
from clubs_exchange.demo import DEMO_LOGINS
from tests.helpers import extract_messages

ORIGIN = "http://localhost"
MAX_URLS = 3000
# Paths not followed: static files say nothing of the app's pages; logging out would end the crawl.
SKIPPED_PREFIXES = ("/static/", "/logout")
# The calendar goes on forever, a month or a period at a time: a few steps along each kind of such link will do.
TIME_PARAMETERS = {"year", "month", "from", "to"}
TIME_STEPS = 8
ROLES = ["anonymous"] + [email for email, _description in DEMO_LOGINS["accounts"]]


class LinkParser(HTMLParser):
    """The URLs a person can follow from a page: links, GET forms sent as they are, and what htmx fetches."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if attrs.get("hx-get"):  # what htmx fetches into the page (badges, suggestions) is a page too
            self.urls.append(attrs["hx-get"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get" and attrs.get("action"):
            self.urls.append(attrs["action"])


def local(page_url: str, href: str) -> str | None:
    """The path and query an href leads to from the page, or None when it leaves the app or is not followed."""
    parts = urlsplit(urldefrag(urljoin(ORIGIN + page_url, href))[0])
    if f"{parts.scheme}://{parts.netloc}" != ORIGIN or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def same_origin_links(page_url: str, html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return [url for url in (local(page_url, href) for href in parser.urls) if url is not None]


# A locale Babel knows (dates, numbers) and no catalogue of ours uses: English of Europe, 24-hour clock.
PSEUDO_LOCALE = "en_150"
ROOT = Path(__file__).resolve().parents[1]


def pseudo(message: str) -> str:
    return f"⟦{message}⟧"


@pytest.fixture(scope="session")
def pseudo_translations(tmp_path_factory) -> Path:
    """A compiled catalogue of every message in the code (babel.cfg), each wrapped in ⟦ ⟧."""
    pot = extract_messages(tmp_path_factory.mktemp("pot"))
    catalogue = Catalog(locale=PSEUDO_LOCALE)
    for message in read_po(io.BytesIO(pot)):
        if message.id:
            forms = message.id if isinstance(message.id, tuple) else None
            string = tuple(pseudo(f) for f in forms) if forms else pseudo(message.id)
            catalogue.add(message.id, string, flags=message.flags, context=message.context)
    folder = tmp_path_factory.mktemp("pseudo-translations")
    target = folder / PSEUDO_LOCALE / "LC_MESSAGES" / "messages.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as f:
        write_mo(f, catalogue)
    return folder


@pytest.fixture
def app_config(app_config, pseudo_translations):
    # Whatever language a demo account chose (one reads German), its pages are written in the pseudo-locale.
    return {**app_config, "BABEL_DEFAULT_LOCALE": PSEUDO_LOCALE,
            "FORMAT_LOCALES": {code: PSEUDO_LOCALE for code in Config.SUPPORTED_LANGUAGES},
            "BABEL_TRANSLATION_DIRECTORIES": str(pseudo_translations)}


# Words that are the same in every language: product and file-format names, and the languages' own names.
NOT_ENGLISH = {"iCalendar", "ICS", "CSV", "JSON", "URL", "webcal", "Google", "Outlook", "Apple", "Thunderbird",
               "English", "clubs_exchange", "PNG", "JPEG", "WebP", "GIF", "SVG"}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description")


# Not prose: a script, a style, what the person typed (a textarea), and what a person types or reads as it is,
# letter for letter, whatever their language (code, keys, a program's output: `flask show-mail 7`, CSV columns).
NOT_PROSE = ("script", "style", "textarea", "code", "kbd", "samp")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TextParser(HTMLParser):
    """What a person reads on the page: text nodes outside script and style, and the attributes shown. An element
    marked as written in another language (`lang="de"`: a language's own name, a text in the partner's language)
    is not English left untranslated."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0
        self._other_language: list[str] = []  # the open elements marked with another language

    def handle_starttag(self, tag, attrs):
        if tag in NOT_PROSE:
            self._hidden += 1
        attrs = dict(attrs)
        if attrs.get("lang") and not attrs["lang"].startswith("en") and tag not in VOID:
            self._other_language.append(tag)
            self._hidden += 1
        self.texts += [attrs[name] for name in VISIBLE_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in NOT_PROSE:
            self._hidden = max(0, self._hidden - 1)
        if self._other_language and self._other_language[-1] == tag:
            self._other_language.pop()
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data)


# Text columns that hold codes, not words a person wrote: each is shown in words of the code, or not at all.
CODE_COLUMNS = {"audit_entries.object_type", "audit_entries.parent_type", "organisations.age_groups",
                "proposals.venue_key", "notifications.link"}
SECRET_COLUMN = re.compile(r"hash|token|_key$")
# The trail's names for changes no person made, stored in English and shown in the reader's language.
MARKERS = {"audit_entries.actor_name": re.compile(r"system|anonymous|command line \(.*\)")}


def data_words(db) -> set[str]:
    """Every word the database holds as text a person wrote (names, titles, places, a guest's diet), but not the
    stored values of states and kinds (an Enum column: `approved`, `sports_club`), which are shown through their
    translated labels, never as they are, nor codes and secrets (CODE_COLUMNS), nor a mail's HTML tags."""
    words: set[str] = set()
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)
                       and not isinstance(c.type, sa.Enum) and f"{table.name}.{c.name}" not in CODE_COLUMNS
                       and not SECRET_COLUMN.search(c.name)]
            for column in columns:
                marker = MARKERS.get(f"{table.name}.{column.name}")
                for (value,) in conn.execute(sa.select(column).distinct()):
                    if not isinstance(value, str) or (marker is not None and marker.fullmatch(value)):
                        continue
                    if column.name == "html_body":  # what the mail says, not its markup
                        parser = TextParser()
                        parser.feed(value)
                        value = " ".join(parser.texts)
                    words.update(WORD.findall(value))
    return words


def setting_words(app) -> set[str]:
    """The city's own names and addresses in its settings (the statements' contacts): data, like the database's."""
    from clubs_exchange.statements.texts import CONTACT_SETTINGS

    return {word for name in CONTACT_SETTINGS for word in WORD.findall(str(app.config.get(name) or ""))}


def calendar_words() -> set[str]:
    """What Babel writes in the locale's own words: month and day names, and the names of the app's languages
    ("(original in Romanian)")."""
    locale = Locale.parse(PSEUDO_LOCALE)
    names: set[str] = {word for code in Config.SUPPORTED_LANGUAGES for word in WORD.findall(locale.languages[code])}
    for table in (locale.months, locale.days):
        for context in table.values():
            for width in context.values():
                names.update(word for name in width.values() for word in WORD.findall(name))
    return names


def english_left(html: str, allowed: set[str]) -> list[str]:
    """The texts of a page that hold a word neither translated (inside ⟦ ⟧) nor data nor a name."""
    parser = TextParser()
    parser.feed(html)
    left = []
    for text in parser.texts:
        outside = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        while outside != (outside := re.sub(r"⟦[^⟦⟧]*⟧", " ", outside)):
            pass
        outside = re.sub(r"\S+@\S+|https?://\S+|webcal://\S+", " ", outside)
        words = [w for w in WORD.findall(outside) if w not in allowed]
        if words:
            left.append(" ".join(text.split())[:120])
    return left


def where(error: Exception) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {error} at {frame.filename}:{frame.lineno}"


def shape(url: str) -> tuple | None:
    """What URLs that only move through time have in common (the path and the names of the parameters)."""
    parts = urlsplit(url)
    names = tuple(sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)}))
    return (parts.path, names) if TIME_PARAMETERS & set(names) else None


def crawl(client, start: str = "/", on_page=None) -> tuple[dict[str, int], dict[str, str]]:
    """Every URL reached from `start` with its status, and for each the page it was found on; `on_page(url, html)`
    is called with each HTML page."""
    seen: dict[str, int] = {}
    found_on = {start: "(start)"}
    queue = deque([start])
    steps: dict[tuple, int] = {}
    while queue and len(seen) < MAX_URLS:
        url = queue.popleft()
        if url in seen:
            continue
        try:
            response = client.get(url)
        except Exception as error:  # TESTING propagates the error a visitor would see as a 500: name its line
            seen[url] = 500
            found_on[url] += f"; {where(error)}"
            continue
        seen[url] = response.status_code
        if response.status_code in (301, 302, 303, 307, 308):
            links = [target] if (target := local(url, response.headers["Location"])) else []
        elif response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            links = same_origin_links(url, html)
            if on_page is not None:
                on_page(url, html)
        else:
            links = []  # downloads: CSV, iCalendar, images
        for link in links:
            if link in seen or link in found_on:
                continue
            kind = shape(link)
            if kind is not None:
                steps[kind] = steps.get(kind, 0) + 1
                if steps[kind] > TIME_STEPS:
                    continue
            found_on[link] = url
            queue.append(link)
    return seen, found_on


@pytest.mark.parametrize("role", ROLES)
def test_no_page_reachable_by_links_answers_5xx_or_speaks_untranslated_english(role, client, login_as, demo, db):
    if role != "anonymous":
        login_as(demo[role])
    allowed = NOT_ENGLISH | calendar_words() | data_words(db) | setting_words(client.application)
    untranslated: dict[str, str] = {}

    def check_language(url: str, html: str) -> None:
        for text in english_left(html, allowed):
            untranslated.setdefault(text, url)

    seen, found_on = crawl(client, on_page=check_language)
    failing = [f"{status} {url} (linked from {found_on[url]})" for url, status in seen.items() if status >= 500]
    assert not failing, f"as {role}, {len(failing)} of {len(seen)} URLs fail:\n" + "\n".join(failing)
    assert len(seen) < MAX_URLS, f"as {role}, the crawl stopped at {MAX_URLS} URLs: a link generator runs away?"
    # The crawl did walk the app (a login page alone would pass too), the public calendar included.
    assert len(seen) > (5 if role == "anonymous" else 40), sorted(seen)
    public = {url.split("?")[0] for url in seen if url.startswith("/public/")}
    assert public >= {"/public/calendar", "/public/calendar/list", "/public/calendar.ics"}, sorted(public)
    assert not untranslated, f"as {role}, {len(untranslated)} texts are not translated (not in _()):\n" + "\n".join(
        f"{text!r} on {url}" for text, url in sorted(untranslated.items(), key=lambda item: item[1]))

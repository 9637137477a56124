"""Done when (issue 12): `Accept-Language: de`, `ro`, `fr` each get the login page and every other page in that
language, with `<html lang>` set.

On the demo data, as anonymous and as each demo login: the login page, the start page and every page the
header's navigation leads to (the main navigation, the office's bar, the person's own links) answer in the
language asked for — `<html lang>` is it, and a message of the page reads as the catalogue translates it — and
none answers 5xx. A person who chose a language on the account page reads that one whatever the browser asks.
"""

import re
from html.parser import HTMLParser

import pytest

from clubs_exchange.demo import DEMO_LOGINS
from tests.catalogues import compiled, translated

# Which language a page answers in does not depend on the database: the PostgreSQL pass of .ci/run leaves this
# module out; test_crawl.py walks the same pages (every link, every demo login, no 5xx) on PostgreSQL too.
pytestmark = pytest.mark.db_independent

LANGUAGES = ["de", "ro", "fr"]
ROLES = ["anonymous"] + [email for email, _description in DEMO_LOGINS["accounts"]]


class HeaderLinks(HTMLParser):
    """The links inside <header>: the pages a person reaches from every page."""

    def __init__(self):
        super().__init__()
        self.depth, self.links = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "header":
            self.depth += 1
        elif tag == "a" and self.depth and (href := dict(attrs).get("href", "")).startswith("/"):
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "header":
            self.depth -= 1


def header_links(html: str) -> list[str]:
    parser = HeaderLinks()
    parser.feed(html)
    return list(dict.fromkeys(parser.links))


def lang_of(html: str) -> str:
    return re.search(r'<html lang="([^"]*)"', html).group(1)


def visible_text(html: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities and runs of white space as one space."""
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(autouse=True)
def catalogues_compiled():
    missing = [language for language in LANGUAGES if not compiled(language)]
    assert not missing, f"catalogues not compiled ({missing}): run `make compile-translations`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_login_page_answers_in_the_language_asked_for(client, language):
    response = client.get("/login", headers={"Accept-Language": f"{language},en;q=0.5"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert lang_of(html) == language
    text = visible_text(html)
    for message in ("Log in", "E-mail", "Password", "Partner cities"):
        assert translated(language, message) in text, message


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_header_answers_in_the_language_asked_for(client, login_as, demo, role):
    user = None if role == "anonymous" else demo[role]
    if user is not None:
        login_as(user)
    wrong = []
    for language in LANGUAGES:
        # The account's stored choice beats the browser's (the demo teacher chose German).
        expected = user.language if user is not None and user.language else language
        headers = {"Accept-Language": f"{language}-{language.upper()},{language};q=0.9,en;q=0.5"}
        start = client.get("/", headers=headers)
        assert start.status_code == 200
        paths = ["/", "/login"] + header_links(start.get_data(as_text=True))
        assert len(paths) >= (6 if user is None else 10), paths
        for path in paths:
            response = client.get(path, headers=headers)
            if response.status_code >= 500:
                wrong.append(f"{language} {path}: {response.status_code}")
                continue
            if response.status_code in (301, 302, 303):  # a logged-in person's /login goes to the start page
                continue
            html = response.get_data(as_text=True)
            if lang_of(html) != expected:
                wrong.append(f"{language} {path}: <html lang={lang_of(html)!r}>")
            if translated(expected, "Partner cities") not in visible_text(html):
                wrong.append(f"{language} {path}: the navigation is not in {expected}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)

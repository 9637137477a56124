"""The crawler: on the demo data, every page a person can reach by following links answers without a 5xx.

As anonymous and as each demo login, start at `/` and follow every same-origin link (`<a href>`, the action of
GET forms, sent without their inputs, and `hx-get`): pagination, filters and downloads included. Logging out is
a POST and is never followed; nothing that changes state by GET is either. Each URL is visited once per role.
"""

import traceback
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest

from clubs_exchange.demo import DEMO_LOGINS

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


def where(error: Exception) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {error} at {frame.filename}:{frame.lineno}"


def shape(url: str) -> tuple | None:
    """What URLs that only move through time have in common (the path and the names of the parameters)."""
    parts = urlsplit(url)
    names = tuple(sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)}))
    return (parts.path, names) if TIME_PARAMETERS & set(names) else None


def crawl(client, start: str = "/") -> tuple[dict[str, int], dict[str, str]]:
    """Every URL reached from `start` with its status, and for each the page it was found on."""
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
            links = same_origin_links(url, response.get_data(as_text=True))
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
def test_no_page_reachable_by_links_answers_5xx(role, client, login_as, demo):
    if role != "anonymous":
        login_as(demo[role])
    seen, found_on = crawl(client)
    failing = [f"{status} {url} (linked from {found_on[url]})" for url, status in seen.items() if status >= 500]
    assert not failing, f"as {role}, {len(failing)} of {len(seen)} URLs fail:\n" + "\n".join(failing)
    assert len(seen) < MAX_URLS, f"as {role}, the crawl stopped at {MAX_URLS} URLs: a link generator runs away?"
    # The crawl did walk the app (a login page alone would pass too).
    assert len(seen) > (5 if role == "anonymous" else 40), sorted(seen)

"""Answers of the public calendar that browsers and proxies may keep: public, max-age, an ETag (304 when it
matches If-None-Match) and Vary on what picks the language. Nothing of a session is in them."""

from flask import Response, current_app, request, session

from clubs_exchange import clock, languages
from clubs_exchange.calendar.ics import feed_etag
from clubs_exchange.mail.outbox import mail_base_url
from clubs_exchange.public.queries import public_state

# Part of every ETag: change it when the pages or the feed change their form, so caches fetch the new one.
FORMAT_VERSION = "1"


def answer_etag(*parts: object) -> str:
    """Changes whenever anything the answer is made of changes: the public events (and the names they show),
    the address with its filters, the language, today (the list starts today, the grid marks it), the address
    links start with, the city's name, and what the caller adds."""
    return feed_etag(
        FORMAT_VERSION, *public_state(), request.full_path, languages.chosen_language(), clock.today().isoformat(),
        mail_base_url(), current_app.config["CITY_NAME"], *parts,
    )


def not_modified(etag: str) -> Response | None:
    """The 304 for a client (or proxy) that holds this very answer, else None."""
    if not request.if_none_match.contains(etag):
        return None
    return cacheable(Response(status=304), etag)


def cacheable(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["PUBLIC_CACHE_SECONDS"])
    # The language comes from the address (?lang=), else the cookie of the switcher or the browser's wish.
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def keep_private_copies_only(response: Response) -> Response:
    """An answer that sets a cookie (a remember-me login restored on the way) is this visitor's: no shared copy.
    The session's cookie is written after every after-request function, so a changed session counts as one."""
    if response.cache_control.public and (session.modified or "Set-Cookie" in response.headers):
        response.cache_control.public = False
        response.cache_control.private = True
    return response

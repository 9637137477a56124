"""Answers of the public calendar that browsers and proxies may keep: public, max-age, an ETag (304 when it
matches If-None-Match) and Vary on what picks the language. Nothing of a session is in them."""

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from flask import Response, current_app, request, session

from clubs_exchange import clock, languages
from clubs_exchange.calendar.ics import feed_etag
from clubs_exchange.mail.outbox import mail_base_url
from clubs_exchange.public.queries import public_state

# Part of every ETag, beside code_version(): a change of form that no file of the app shows (rarely needed).
FORMAT_VERSION = "1"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# What the answers are made of besides the data: the code (its filters, labels, the feed's form), the catalogues
# (.po in a checkout, .mo compiled beside them, installed too) and the templates.
CODE_PATTERNS = ("*.py", "*.po", "*.mo")


@cache
def code_version(template_folder: str) -> str:
    """A digest of this deploy: the package's version, the content of every template and of the package's code and
    catalogues. Computed once per process (at the first public answer); the same on every worker and host that
    runs the same files, another after a deploy that changes any of them, so a copy of the old HTML is not
    confirmed with a 304. Content, not modification times: a fresh checkout of the same commit keeps the ETags."""
    try:
        version = metadata.version("clubs_exchange")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(version.encode())
    templates = Path(template_folder)
    files = [(f"templates/{p.relative_to(templates).as_posix()}", p) for p in templates.rglob("*") if p.is_file()]
    files += [(f"package/{p.relative_to(PACKAGE_DIR).as_posix()}", p) for pattern in CODE_PATTERNS
              for p in PACKAGE_DIR.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts]
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return f"{version}+{digest.hexdigest()[:16]}"


def answer_etag(*parts: object) -> str:
    """Changes whenever anything the answer is made of changes: the deploy's code and templates, the public
    events (and the names they show), the address with its filters, the language, today (the list starts today,
    the grid marks it), the address links start with, the city's name, and what the caller adds."""
    return feed_etag(
        FORMAT_VERSION, code_version(current_app.template_folder), *public_state(), request.full_path,
        languages.chosen_language(), clock.today().isoformat(), mail_base_url(), current_app.config["CITY_NAME"],
        *parts,
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

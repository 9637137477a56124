"""Rendered pages remembered per process, per user, until anything in the database changes.

Staff open the review queue and the calendar dozens of times a day, and between two writes the page is the
same. `@cached_page` keeps a view's 200 answer under (address, htmx headers, user, language) and drops every
entry as soon as the data version (data_version.py, one primary-key lookup) or the time slot moves on:
writes show on the very next request, in every worker. The time slot (PAGE_CACHE_SECONDS) bounds what a
version cannot see: "upcoming" turning into "past" as the clock runs. Only pages of a logged-in user are kept.

What differs between two requests of one user is handled where it is made: a page rendered while flash
messages wait is neither served from nor stored in the cache, and the CSRF token of the rendering session
is swapped for the current session's token on every hit (tokens are per session and expire).
"""

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock

import sqlalchemy as sa
from flask import Response, current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from clubs_exchange import data_version, languages

# Parts of every page that belong to one person and change without moving the shared data version on (the
# unread notifications in the navigation): each a scalar subquery on the user's id, read in the one statement
# with the version and made part of the key of that person's pages. Reading a notification then renders
# that person's pages anew, and nobody else's.
_PERSONAL: list[Callable[[object], object]] = []
_READERS: dict[bool, data_version.Reader] = {}  # with a user's personal parts, and without a user


def personal_part(subquery: Callable[[object], object]) -> Callable[[object], object]:
    """Register a function that makes the scalar subquery of a user id; it is called once, with a bound
    parameter standing for the id (the statement is built and compiled once, data_version.Reader)."""
    _PERSONAL.append(subquery)
    _READERS.clear()
    return subquery


def _reader(with_user: bool) -> data_version.Reader:
    reader = _READERS.get(with_user)
    if reader is None:
        user_id = sa.bindparam(data_version.USER_ID, type_=sa.Integer)
        reader = _READERS[with_user] = data_version.Reader(*(part(user_id) for part in _PERSONAL if with_user))
    return reader


def _user_id(session_user: str | None) -> int | None:
    """The account id of the session's "id:generation" (auth/models.py), None without one."""
    head = (session_user or "").split(":", 1)[0]
    return int(head) if head.isascii() and head.isdigit() else None


_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-History-Restore-Request")


@dataclass(frozen=True)
class Entry:
    """A page as sent: its bytes split at each place of the CSRF token (the current session's goes there)."""

    parts: tuple[bytes, ...]
    status: int
    headers: tuple

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)

    def response(self) -> Response:
        body = _csrf_token().encode().join(self.parts) if len(self.parts) > 1 else self.parts[0]
        return Response(body, status=self.status, headers=list(self.headers))


def _csrf_token() -> str:
    """generate_csrf()'s signed token of this session, signed once per process and session token: the signature
    (an HMAC, most of a hit's token cost) of one raw token is the same every time while tokens do not expire
    (WTF_CSRF_TIME_LIMIT = None, config.py); with a time limit, each request signs anew as Flask-WTF does."""
    config = current_app.config
    field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    raw = session.get(field)
    if raw is None or config.get("WTF_CSRF_TIME_LIMIT", 3600) is not None or field in g:
        return generate_csrf()
    signed_tokens = current_app.extensions.setdefault("page_cache_csrf", {})
    key = (config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, raw)
    signed = signed_tokens.get(key)
    if signed is None:
        if len(signed_tokens) >= 10_000:
            signed_tokens.clear()
        signed = signed_tokens[key] = generate_csrf()
    setattr(g, field, signed)  # as generate_csrf keeps it: anything later in the request gets the same token
    return signed


class PageCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0
        self.generation: tuple | None = None
        self.lock = Lock()

    def get(self, generation: tuple, key: tuple) -> Entry | None:
        with self.lock:
            if generation != self.generation:
                self.entries.clear()
                self.size = 0
                self.generation = generation
                return None
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, generation: tuple, key: tuple, entry: Entry) -> None:
        with self.lock:
            if generation != self.generation:
                return  # the data changed while the page was rendered
            if key in self.entries:
                self.size -= self.entries.pop(key).size
            self.entries[key] = entry
            self.size += entry.size
            while self.size > self.max_bytes and self.entries:
                self.size -= self.entries.popitem(last=False)[1].size


def _cache() -> PageCache:
    cache = current_app.extensions.get("page_cache")
    if cache is None:
        cache = current_app.extensions["page_cache"] = PageCache(current_app.config["PAGE_CACHE_MAX_BYTES"])
    return cache


def _store(response: Response) -> Entry | None:
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return None
    if "_flashes" in session:  # the view flashed something: the page shows it once
        return None
    if response.cache_control.no_store:  # personal data (security_headers.py): kept nowhere, here neither
        return None
    body = response.get_data()
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    parts = tuple(body.split(token.encode())) if token else (body,)
    headers = tuple((k, v) for k, v in response.headers.items() if k.lower() not in ("set-cookie", "content-length"))
    return Entry(parts, response.status_code, headers)


def cached_page(view):
    """Marks a GET view whose page may be served from the cache; put it below @login_required."""
    view.page_cache = True
    return view


def _session_protection_passes() -> bool:
    """Whether Flask-Login's session protection (SESSION_PROTECTION) would let this session through. A session
    taken to another browser or address ("_id" differs) is refused in "strong" mode (login_manager.
    _session_protection_failed): a page from the cache, which skips the login check, must not be served to it.
    "basic" mode (the default) refuses none, it marks the session no longer fresh, which the next rendered page
    does (the app has no view that asks for a fresh login)."""
    from clubs_exchange.extensions import login_manager

    mode = current_app.config.get("SESSION_PROTECTION", login_manager.session_protection)
    if mode != "strong" or session.permanent:  # strong mode treats a permanent session as basic does
        return True
    return session.get("_id") == login_manager._session_identifier_generator()


def serve_from_cache():
    """Before anything else of the request: a remembered page for this user, if nothing changed since.

    It runs before the login check and the area's own checks on purpose, they are the cost it saves: an entry
    exists only if this user got this very page, with its permissions, at this data version, and a change of
    the user, a role or a membership is a write that moves the version on. The user is the one of the signed
    session (as Flask-Login's own check would find); without one, nothing is found.
    """
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "page_cache", False) or not current_app.config["PAGE_CACHE"]:
        return None
    if request.method != "GET" or "_flashes" in session:
        return None
    user_id = _user_id(session.get("_user_id"))
    found = _reader(user_id is not None).read(user_id)
    if found is None:
        return None
    version, *personal = found
    generation = (version, int(time.time() // current_app.config["PAGE_CACHE_SECONDS"]))
    key = (
        request.full_path,
        tuple(request.headers.get(h) for h in _HEADERS),
        session.get("_user_id"),
        languages.cache_key(),  # with the user (whose stored choice only a write changes): the page's language
        tuple(personal),
    )
    # A session Flask-Login refuses is not served: the page is rendered (and kept only for a user logged in).
    entry = _cache().get(generation, key)
    if entry is not None and _session_protection_passes():
        g.page_cache_user = user_id  # for the request log (request_log.py), which finds no loaded account
        return entry.response()
    g.page_cache_slot = (generation, key)
    return None


def remember_page(response: Response) -> Response:
    slot = g.pop("page_cache_slot", None)
    if slot is not None and current_user.is_authenticated and current_user.get_id() == slot[1][2]:
        if (entry := _store(response)) is not None:
            _cache().put(*slot, entry)
    return response


def init_app(app) -> None:
    # First of all before-request functions, so that a hit skips the others.
    app.before_request_funcs.setdefault(None, []).insert(0, serve_from_cache)
    app.after_request(remember_page)

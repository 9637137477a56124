"""Sessions that end: the id Flask-Login keeps in the session and the remember-me cookie is "<user id>:<generation>".

The session cookie is signed, not stored on the server, so a copy of it works as long as the id in it is accepted.
Moving the person's generation on (User.end_sessions: logout, a new password, a reset, a disabled account, a new
role, "log out everywhere else") makes every id given out before stale: the next request with it is anonymous.
"""

import time

from flask import current_app, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import login_user
from itsdangerous import BadSignature

from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db
from clubs_exchange.ids import parse_int

MAX_GENERATION = 2**31 - 1


def user_for_session_id(session_id: str) -> User | None:
    """The person of a session or remember-me cookie, if its generation is the current one and the account active
    with its address confirmed."""
    ident, _, generation = (session_id or "").partition(":")
    user_id, generation = parse_int(ident), parse_int(generation, minimum=0, maximum=MAX_GENERATION)
    if user_id is None or generation is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or not user.email_verified or user.session_generation != generation:
        return None
    return user


def begin_session(user: User, *, remember: bool = False) -> None:
    """Log in on a new, empty session: nothing a visitor (or someone who planted the cookie) put there stays."""
    session.clear()
    login_user(user, remember=remember)


def keep_this_session(user: User) -> None:
    """After user.end_sessions(): this browser stays logged in with the new id (and a renewed remember-me cookie
    if it had one); every other session of the person ends."""
    had_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
    login_user(user, remember=had_cookie)


class RememberedCookieSessions(SecureCookieSessionInterface):
    """Flask's signed session cookie, with what every request repeated done once per process: the signing
    serializer made per secret key, and a cookie read (signature checked, payload unpacked) once per cookie value.
    A browser sends the same cookie with request after request until the session changes; the cookie's age is
    still checked against PERMANENT_SESSION_LIFETIME on every request, as itsdangerous does. Only sessions of
    plain values (strings, numbers) are remembered, each request gets its own copy to change."""

    MAX_REMEMBERED = 10_000  # cookies are the client's to send: the memory stays bounded

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        made = app.extensions.get("session_serializer")
        if made is None or made[0] != keys:
            made = app.extensions["session_serializer"] = (keys, super().get_signing_serializer(app))
        return made[1]

    def open_session(self, app, request):
        value = request.cookies.get(self.get_cookie_name(app))
        serializer = self.get_signing_serializer(app)
        if not value or serializer is None:
            return super().open_session(app, request)
        max_age = int(app.permanent_session_lifetime.total_seconds())
        read = app.extensions.setdefault("session_cookies", {})
        found = read.get(value)
        if found is not None and found[0] is serializer and 0 <= time.time() - found[1] <= max_age:
            return self.session_class(found[2])
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if all(type(v) in (str, int, float, bool) or v is None for v in data.values()):
            if len(read) >= self.MAX_REMEMBERED:
                read.clear()
            read[value] = (serializer, signed_at.timestamp(), dict(data))
        return self.session_class(data)


def init_app(app) -> None:
    app.session_interface = RememberedCookieSessions()

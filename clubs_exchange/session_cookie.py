"""Flask's signed session cookie, read once per cookie value: the interface every request uses (core, no area)."""

import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature


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

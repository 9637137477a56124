"""Sessions that end: the id Flask-Login keeps in the session and the remember-me cookie is "<user id>:<generation>".

The session cookie is signed, not stored on the server, so a copy of it works as long as the id in it is accepted.
Moving the person's generation on (User.end_sessions: logout, a new password, a reset, a disabled account, a new
role, "log out everywhere else") makes every id given out before stale: the next request with it is anonymous.
"""


from flask import current_app, request, session
from flask_login import login_user

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

"""A self-registered account proves its e-mail address before it can log in: a signed, time-limited link by mail.

The link carries the user's id, the address and the user's current confirmation key, signed with the secret key
(itsdangerous, as the reset link): each new link replaces the key, so it ends every older one, and confirming
clears it. A link opened again once the address is confirmed changes nothing and says so. Asking for a new link
gives the same answer whether or not the address has an account waiting: nobody learns who is registered.
"""

import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from clubs_exchange.auth.invitations import find_user_by_email
from clubs_exchange.auth.models import User
from clubs_exchange.auth.signed_links import serializer
from clubs_exchange.extensions import db
from clubs_exchange.notifications.notify import notify

SALT = "email-verification"


def _serializer() -> URLSafeTimedSerializer:
    return serializer(SALT)


def verification_hours() -> int:
    return current_app.config["EMAIL_VERIFICATION_HOURS"]


def verification_token(user: User) -> str:
    """A new link's token (the user needs an id: flush first); the links made before it stop working."""
    user.email_verification_key = secrets.token_hex(16)
    return _serializer().dumps({"user": user.id, "email": user.email, "key": user.email_verification_key})


def user_for_verification_token(token: str) -> User | None:
    """The account the link is for, if it is genuine and not older than EMAIL_VERIFICATION_HOURS; an account
    whose address is confirmed already is returned too (see `verify_email`). None for anything else: a tampered
    or run-out link, one for another address, one replaced by a newer link, a disabled account."""
    try:
        data = _serializer().loads(token or "", max_age=verification_hours() * 3600)
        user = db.session.get(User, int(data["user"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not user.active or data.get("email") != user.email:
        return None
    if user.email_verified:
        return user
    if not user.email_verification_key or data.get("key") != user.email_verification_key:
        return None  # a newer link was made since
    return user


def verify_email(user: User) -> None:
    """Confirm the address; a second time changes nothing."""
    user.mark_email_verified()


def request_verification_link(email: str) -> None:
    """Mail a new link if the address belongs to an active account still waiting for confirmation; the answer to
    the person is the same either way."""
    user = find_user_by_email(email)
    if user is not None and user.active and not user.email_verified:
        send_verification_link(user)


def send_verification_link(user: User) -> None:
    notify("email_verification", user=user, token=verification_token(user), hours=verification_hours())

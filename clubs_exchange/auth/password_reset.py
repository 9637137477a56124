"""Forgotten passwords: a signed, time-limited link by mail that works once; nobody learns who has an account.

The link carries the user's id, a fingerprint of the current password hash and the user's current reset key,
signed with the secret key (itsdangerous): setting a new password changes the hash, so a used link stops working,
and each new link replaces the key, so it ends every older one.
"""

import hashlib
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from clubs_exchange.auth.invitations import find_user_by_email
from clubs_exchange.auth.models import User
from clubs_exchange.auth.passwords import check_new_password
from clubs_exchange.auth.signed_links import serializer
from clubs_exchange.extensions import db
from clubs_exchange.notifications.notify import notify

SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return serializer(SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def reset_token(user: User) -> str:
    """A new link's token; the links made before it stop working (committed with the mail that carries it)."""
    user.password_reset_key = secrets.token_hex(16)
    return _serializer().dumps({"user": user.id, "password": _fingerprint(user), "key": user.password_reset_key})


def user_for_token(token: str) -> User | None:
    """The user the link is for, if it is genuine, not older than PASSWORD_RESET_MINUTES and not used yet."""
    try:
        data = _serializer().loads(token or "", max_age=current_app.config["PASSWORD_RESET_MINUTES"] * 60)
        user = db.session.get(User, int(data["user"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not user.active or data.get("password") != _fingerprint(user):
        return None
    if not user.password_reset_key or data.get("key") != user.password_reset_key:
        return None  # a newer link was made since
    return user


def request_password_reset(email: str) -> None:
    """Mail a link if the address belongs to an active account; the answer to the person is the same either way."""
    user = find_user_by_email(email)
    if user is not None and user.active:
        notify("password_reset", user=user, token=reset_token(user),
               minutes=current_app.config["PASSWORD_RESET_MINUTES"])


def reset_password(user: User, password: str) -> None:
    check_new_password(password, email=user.email, names=(user.name,))
    user.set_password(password)
    user.password_reset_key = ""
    user.mark_email_verified()  # the link reached the address: it is proved as by the confirmation link

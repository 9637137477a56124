"""Accounts: staff invite people; administrators manage roles and disable accounts."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.accounts import routes  # noqa: F401

    return bp

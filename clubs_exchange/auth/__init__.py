"""Logging in and out, registering an organisation, accepting an invitation, one's own account."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.auth import routes  # noqa: F401

    return bp

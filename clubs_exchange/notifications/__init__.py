"""The notifications area: what happened that concerns a person, with an unread count in the navigation."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.notifications import routes  # noqa: F401

    return bp

"""The interests area."""

from flask import Blueprint

bp = Blueprint("interests", __name__, url_prefix="/interests")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.interests import routes  # noqa: F401

    return bp

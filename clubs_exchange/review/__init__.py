"""The review area."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.review import navigation, routes  # noqa: F401

    return bp

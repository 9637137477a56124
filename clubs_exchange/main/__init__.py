"""The start page and the error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.main import routes  # noqa: F401

    return bp

"""The proposals area."""

from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix="/proposals")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.proposals import routes  # noqa: F401

    return bp

"""The partners area."""

from flask import Blueprint

bp = Blueprint("partners", __name__, url_prefix="/partners")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.partners import routes, routes_milestones  # noqa: F401

    return bp

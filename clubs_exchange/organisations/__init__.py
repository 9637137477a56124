"""The organisations area."""

from flask import Blueprint

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.organisations import routes  # noqa: F401

    return bp

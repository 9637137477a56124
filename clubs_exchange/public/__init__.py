"""The public calendar: the approved events staff marked public, for citizens and the city's website, no login."""

from flask import Blueprint

bp = Blueprint("public", __name__, url_prefix="/public")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.public import routes  # noqa: F401

    return bp

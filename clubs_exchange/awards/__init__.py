"""The awards area: the Council of Europe's Europe Prize ladder, applications and activity reports."""

from flask import Blueprint

bp = Blueprint("awards", __name__, url_prefix="/awards")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.awards import routes  # noqa: F401

    return bp

"""The partner candidates area: municipalities willing to twin, their ties with the home city, their fit."""

from flask import Blueprint

bp = Blueprint("candidates", __name__, url_prefix="/candidates")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.candidates import routes  # noqa: F401

    return bp

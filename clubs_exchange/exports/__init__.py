"""The exports area: CSV files of the filtered lists, for Excel."""

from flask import Blueprint

bp = Blueprint("exports", __name__, url_prefix="/exports")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.exports import routes  # noqa: F401

    return bp

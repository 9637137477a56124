"""Content in the reader's language: translations of proposals' and partner cities' texts, written by people."""

from flask import Blueprint

bp = Blueprint("localised", __name__)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.localised import reading, routes  # noqa: F401

    return bp

"""The audit area: who changed what, when, from what to what; staff read it per object and in a list."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange import concurrency
    from clubs_exchange.audit import history, routes  # noqa: F401

    concurrency.register_history(last_change=history.last_change, last_placement_change=history.last_placement_change)
    return bp

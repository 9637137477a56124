"""The statements the law asks for: the privacy notice, the accessibility statement and its feedback form."""

from flask import Blueprint

bp = Blueprint("statements", __name__)


def blueprint() -> Blueprint:
    """The blueprint with its routes and purger; imported here, not at module load, so models import without them."""
    from clubs_exchange import retention
    from clubs_exchange.statements import routes  # noqa: F401
    from clubs_exchange.statements.feedback import purge_feedback_for_retention

    retention.register("accessibility_feedback", purge_feedback_for_retention)
    return bp

"""The notifications area: what happened that concerns a person, with an unread count in the navigation."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange import retention
    from clubs_exchange.notifications import routes  # noqa: F401
    from clubs_exchange.notifications.retention import purge_notifications_for_retention

    retention.register("notifications", purge_notifications_for_retention)
    return bp

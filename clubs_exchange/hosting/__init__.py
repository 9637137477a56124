"""The hosting area: host families, the guests of incoming events, and their placement."""

from flask import Blueprint

# cli_group=None: the area's command is `flask purge-guests`, not `flask hosting purge-guests`.
bp = Blueprint("hosting", __name__, url_prefix="/hosting", cli_group=None)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange import retention
    from clubs_exchange.hosting import routes  # noqa: F401
    from clubs_exchange.hosting.cli import purge_guests, purge_guests_for_retention, purge_view_log_for_retention

    if "purge-guests" not in bp.cli.commands:
        bp.cli.add_command(purge_guests)
    retention.register("guests", purge_guests_for_retention)
    retention.register("hosting-view-log", purge_view_log_for_retention)

    return bp

"""Funding: city subsidies and EU grants for exchanges, their rules, applications, participant lists and budgets."""

from flask import Blueprint

# cli_group=None: the area's command is `flask seed-funding-presets`, not `flask funding seed-funding-presets`.
bp = Blueprint("funding", __name__, url_prefix="/funding", cli_group=None)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange import retention
    from clubs_exchange.funding import (  # noqa: F401
        application_routes,
        budget_routes,
        eu_routes,
        participant_routes,
        routes,
    )
    from clubs_exchange.funding.cli import seed_presets
    from clubs_exchange.funding.participant_retention import purge_participant_lists_for_retention
    from clubs_exchange.funding.reminders import send_reminders_command

    if "seed-funding-presets" not in bp.cli.commands:
        bp.cli.add_command(seed_presets)
    if "send-reminders" not in bp.cli.commands:
        bp.cli.add_command(send_reminders_command)
    retention.register("participant-lists", purge_participant_lists_for_retention)
    return bp

"""Funding: city subsidies and EU grants for exchanges, their rules, applications, participant lists and budgets."""

from flask import Blueprint

# cli_group=None: the area's command is `flask seed-funding-presets`, not `flask funding seed-funding-presets`.
bp = Blueprint("funding", __name__, url_prefix="/funding", cli_group=None)


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange import retention
    from clubs_exchange.funding import participant_routes, routes  # noqa: F401
    from clubs_exchange.funding.cli import seed_presets
    from clubs_exchange.funding.participant_retention import purge_participant_lists_for_retention

    if "seed-funding-presets" not in bp.cli.commands:
        bp.cli.add_command(seed_presets)
    retention.register("participant_lists", purge_participant_lists_for_retention)
    return bp

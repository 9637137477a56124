"""Logging in and out, registering an organisation, accepting an invitation, one's own account."""

from flask import Blueprint

# cli_group=None: the area's command is `flask create-admin`, not `flask auth create-admin`.
bp = Blueprint("auth", __name__, cli_group=None)


def blueprint() -> Blueprint:
    """The blueprint with its routes and command; imported here, not at module load, so models import without them."""
    from clubs_exchange.auth import routes  # noqa: F401
    from clubs_exchange.auth.cli import create_admin

    if "create-admin" not in bp.cli.commands:
        bp.cli.add_command(create_admin)

    return bp

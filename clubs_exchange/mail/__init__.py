"""The mail area: the outbox every mail goes through, SMTP delivery, the staff's outbox page, `flask send-mail`."""

from flask import Blueprint

# cli_group=None: the commands are `flask send-mail` and `flask send-digest`, not `flask mail ...`.
bp = Blueprint("mail", __name__, url_prefix="/outbox", cli_group=None)


def blueprint() -> Blueprint:
    """The blueprint with its routes, commands and hooks; imported here so models import without them."""
    from clubs_exchange import retention
    from clubs_exchange.mail import commands, outbox, routes  # noqa: F401
    from clubs_exchange.mail.retention import purge_mails_for_retention

    retention.register("outbox-mails", purge_mails_for_retention)
    return bp

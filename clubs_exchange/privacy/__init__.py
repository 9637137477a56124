"""The privacy area: a person's own data (GDPR Art. 15 and 20), erasure on request (Art. 17), and the retention
of accounts nobody uses (`flask purge`)."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)


def blueprint() -> Blueprint:
    """The blueprint with its routes and purgers; imported here, not at module load, so models import without them."""
    from clubs_exchange import retention
    from clubs_exchange.privacy import routes  # noqa: F401
    from clubs_exchange.privacy.retention import purge_disabled_for_retention, purge_unconfirmed_for_retention

    retention.register("unconfirmed-registrations", purge_unconfirmed_for_retention)
    retention.register("disabled-accounts", purge_disabled_for_retention)
    return bp

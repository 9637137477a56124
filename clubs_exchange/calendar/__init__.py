"""The partnership calendar: approved and cancelled events as a month grid, a list and iCalendar feeds."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

bp = Blueprint("calendar", __name__, url_prefix="/calendar")


def blueprint() -> Blueprint:
    """The blueprint with its routes; imported here, not at module load, so models import without the routes."""
    from clubs_exchange.auth.login_reasons import login_reason_for
    from clubs_exchange.calendar import feeds, routes  # noqa: F401

    login_reason_for(bp.name, _l("Log in to see the partnership calendar."))

    return bp

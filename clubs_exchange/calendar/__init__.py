"""The calendar area."""

from flask import Blueprint

bp = Blueprint("calendar", __name__, url_prefix="/calendar")

from clubs_exchange.calendar import routes  # noqa: E402,F401

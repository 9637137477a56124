"""The proposals area."""

from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix="/proposals")

from clubs_exchange.proposals import routes  # noqa: E402,F401

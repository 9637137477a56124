"""The organisations area."""

from flask import Blueprint

bp = Blueprint("organisations", __name__, url_prefix="/organisations")

from clubs_exchange.organisations import routes  # noqa: E402,F401

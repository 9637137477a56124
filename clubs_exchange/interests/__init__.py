"""The interests area."""

from flask import Blueprint

bp = Blueprint("interests", __name__, url_prefix="/interests")

from clubs_exchange.interests import routes  # noqa: E402,F401

"""The review area."""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")

from clubs_exchange.review import routes  # noqa: E402,F401

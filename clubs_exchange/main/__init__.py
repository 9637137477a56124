"""The start page and the error pages."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from clubs_exchange.main import routes  # noqa: E402,F401

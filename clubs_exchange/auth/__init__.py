"""Logging in and out, registering an organisation, accepting an invitation, one's own account."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from clubs_exchange.auth import routes  # noqa: E402,F401

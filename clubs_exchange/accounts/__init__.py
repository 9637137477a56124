"""Accounts: staff invite people; administrators manage roles and disable accounts."""

from flask import Blueprint

bp = Blueprint("accounts", __name__, url_prefix="/accounts")

from clubs_exchange.accounts import routes  # noqa: E402,F401

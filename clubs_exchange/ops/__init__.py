"""Operations: what a load balancer and an operator need of each app host: /healthz, /readyz and one log line
per request (request_log.py)."""

from flask import Blueprint

bp = Blueprint("ops", __name__)


def blueprint() -> Blueprint:
    from clubs_exchange.ops import routes  # noqa: F401

    return bp

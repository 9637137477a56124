"""Stand-in routes until the area is built."""

from clubs_exchange.calendar import bp


@bp.route("/")
def month(**kwargs):
    return "stand-in"


@bp.route("/subscribe")
def subscribe(**kwargs):
    return "stand-in"

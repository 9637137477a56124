"""Stand-in routes until the area is built."""

from clubs_exchange.partners import bp


@bp.route("/")
def index(**kwargs):
    return "stand-in"

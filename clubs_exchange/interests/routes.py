"""Stand-in routes until the area is built."""

from clubs_exchange.interests import bp


@bp.route("/")
def index(**kwargs):
    return "stand-in"


@bp.route("/new")
def new(**kwargs):
    return "stand-in"

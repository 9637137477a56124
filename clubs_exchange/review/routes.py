"""Stand-in routes until the area is built."""

from clubs_exchange.review import bp


@bp.route("/")
def queue(**kwargs):
    return "stand-in"


@bp.route("/badge")
def badge(**kwargs):
    return "stand-in"

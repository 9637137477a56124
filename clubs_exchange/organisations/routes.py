"""Stand-in routes until the area is built."""

from clubs_exchange.organisations import bp


@bp.route("/")
def index(**kwargs):
    return "stand-in"


@bp.route("/<organisation_id>")
def show(**kwargs):
    return "stand-in"


@bp.route("/<organisation_id>/members")
def members(**kwargs):
    return "stand-in"

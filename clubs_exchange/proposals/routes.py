"""Stand-in routes until the area is built."""

from clubs_exchange.proposals import bp


@bp.route("/")
def index(**kwargs):
    return "stand-in"


@bp.route("/new")
def new(**kwargs):
    return "stand-in"


@bp.route("/<proposal_id>")
def show(**kwargs):
    return "stand-in"

"""Routes for exchange interests: the lists, stating and changing one, opening and closing it, its fits."""

import sqlalchemy as sa
from flask import abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from clubs_exchange.errors import done
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render, trigger
from clubs_exchange.ids import int_arg
from clubs_exchange.interests import bp
from clubs_exchange.interests.forms import InterestForm, NewInterestForm
from clubs_exchange.interests.listing import InterestFilters, open_interests_query, own_interests
from clubs_exchange.interests.matching import fits_for, month_span
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.notifications.notify import notify
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.paging import paginate
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import is_member_of, is_staff

# The direction a proposal made from an interest starts with (proposals.models.Direction): hosting a group is
# guests coming to us, sending one is travelling; a pupil exchange goes both ways.
PROPOSAL_DIRECTION = {
    InterestKind.HOST_GROUP.value: "incoming",
    InterestKind.SEND_GROUP.value: "outgoing",
    InterestKind.PUPIL_EXCHANGE.value: "both",
    InterestKind.ONLINE_EXCHANGE.value: "online",
}


@bp.before_request
@login_required
def logged_in_only():
    """An intranet list: interests are meant to be found, by people who are logged in."""


@bp.app_template_filter("month_span")
def month_span_filter(start, end=None) -> str:
    return month_span(start, end)


# --- who may see and change an interest ----------------------------------------------------------------------


def can_manage_interest(user, interest: ExchangeInterest) -> bool:
    return is_staff(user) or is_member_of(user, interest.organisation_id)


def get_interest_or_404(interest_id: int, *, for_edit: bool = False) -> ExchangeInterest:
    """Open interests are for everyone logged in; a closed one exists only for its owners and staff."""
    interest = db.session.get(
        ExchangeInterest, interest_id,
        options=[joinedload(ExchangeInterest.organisation), joinedload(ExchangeInterest.partner_city)],
    )
    if interest is None:
        abort(404)
    may_manage = can_manage_interest(current_user, interest)
    if not interest.is_open and not may_manage:
        abort(404)
    if for_edit and not may_manage:
        abort(403)
    return interest


def organisations_for(user) -> list[Organisation]:
    """The organisations a person may state interests for: their own; staff any."""
    query = sa.select(Organisation).order_by(Organisation.name)
    if not is_staff(user):
        query = query.where(Organisation.id.in_(user.organisation_ids))
    return list(db.session.scalars(query))


def partner_cities() -> list[PartnerCity]:
    return list(db.session.scalars(sa.select(PartnerCity).order_by(PartnerCity.name)))


# --- pages -----------------------------------------------------------------------------------------------------


@bp.get("/")
def index():
    filters = InterestFilters.from_args(request.args)
    page = paginate(open_interests_query(filters))
    own = own_interests(current_user.organisation_ids) if current_user.organisation_ids else None
    return render(
        "interests/index.html", "interest_results",
        page=page, own=own, filters=filters, partner_cities=partner_cities(), kinds=InterestKind,
        may_state=bool(current_user.organisation_ids) or is_staff(current_user),
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    organisations = organisations_for(current_user)
    if not organisations:
        abort(403)
    form = NewInterestForm(organisations=organisations, partner_cities=partner_cities())
    if request.method == "GET":
        wanted = int_arg("organisation_id")
        if wanted in {o.id for o in organisations}:
            form.organisation_id.data = wanted
    if form.validate_on_submit():
        interest = ExchangeInterest()
        form.fill(interest)
        db.session.add(interest)
        notify("interest_created", interest=interest)
        db.session.commit()
        flash(_("Your exchange interest is saved. Below are the interests that fit it."), "success")
        return redirect_after_post(url_for("interests.show", interest_id=interest.id))
    return render("interests/form.html", form=form, interest=None, status=form_status(form))


@bp.get("/<id:interest_id>")
def show(interest_id):
    interest = get_interest_or_404(interest_id)
    return render(
        "interests/show.html", interest=interest, fits=fits_for(interest),
        can_edit=can_manage_interest(current_user, interest), proposal_direction=PROPOSAL_DIRECTION,
    )


@bp.route("/<id:interest_id>/edit", methods=["GET", "POST"])
def edit(interest_id):
    interest = get_interest_or_404(interest_id, for_edit=True)
    form = InterestForm(obj=interest, partner_cities=partner_cities())
    if form.validate_on_submit():
        form.fill(interest)
        return done(_("The exchange interest is saved."), "interests.show", interest_id=interest.id)
    return render("interests/form.html", form=form, interest=interest, status=form_status(form))


@bp.post("/<id:interest_id>/toggle")
def toggle(interest_id):
    """Open or close an interest. The button says which (state=open|closed), so a double click does no harm."""
    interest = get_interest_or_404(interest_id, for_edit=True)
    wanted = request.form.get("state")
    interest.is_open = {"open": True, "closed": False}.get(wanted, not interest.is_open)
    db.session.commit()
    view = request.form.get("view")
    if is_fragment_request():
        if view == "row":
            response = current_app.make_response(render_template("interests/_row.html", interest=interest))
        else:
            response = current_app.make_response(
                render("interests/show.html", "interest_status", interest=interest, can_edit=True)
            )
        return trigger(response, "interestToggled")
    if interest.is_open:
        flash(_("The interest is open: other organisations can find it."), "success")
    else:
        flash(_("The interest is closed: other organisations no longer see it."), "success")
    target = url_for("interests.index") if view == "row" else url_for("interests.show", interest_id=interest.id)
    return redirect_after_post(target)

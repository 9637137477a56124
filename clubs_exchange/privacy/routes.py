"""Routes of one's own data and its erasure, the staff's list of erasure requests, and a participant's data."""

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from clubs_exchange.auth.models import Membership, User
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.links import local_path
from clubs_exchange.mail.outbox import queue_mail
from clubs_exchange.permissions import can_decide_erasure, get_or_404, require_staff
from clubs_exchange.privacy import bp, personal_data
from clubs_exchange.privacy.erasure import (
    confirm_request,
    decline_request,
    erase_participant,
    request_erasure,
    withdraw_request,
)
from clubs_exchange.privacy.forms import ErasureRequestForm
from clubs_exchange.privacy.models import ErasureRequest, ErasureState
from clubs_exchange.rate_limits import Rule, limited, logged_in_account


@bp.get("/account/data.json")
@login_required
@limited(Rule("DATA_EXPORT_LIMIT", logged_in_account, "account", methods=("GET",)))
def my_data():
    user = current_user._get_current_object()
    return personal_data.download("account", personal_data.account_data(user), f"my-data-{user.id}")


@bp.post("/account/erasure")
@login_required
def ask_for_erasure():
    user = current_user._get_current_object()
    form = ErasureRequestForm()
    if not form.validate_on_submit():
        from clubs_exchange.auth.routes import account_page

        return account_page(erasure_form=form)
    try:
        request_erasure(user, form.reason.data or "")
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("auth.account"), code=303)
    # Said once, while the address still is the person's; erasing the account takes this mail with it.
    queue_mail(user.email, _("Your request to erase your account"), "erasure_requested", recipient=user)
    db.session.commit()
    flash(_("Your request is with the twinning office. Until it is decided you can still use the account."),
          "success")
    return redirect(url_for("auth.account"), code=303)


@bp.post("/account/erasure/withdraw")
@login_required
def withdraw_erasure():
    try:
        withdraw_request(current_user._get_current_object())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("auth.account"), code=303)
    db.session.commit()
    flash(_("Your request to erase your account is withdrawn."), "success")
    return redirect(url_for("auth.account"), code=303)


# --- staff: the requests -----------------------------------------------------------------------------------


@bp.get("/privacy/erasure-requests")
@login_required
def erasure_requests():
    require_staff()
    rows = list(db.session.scalars(
        sa.select(ErasureRequest)
        # The organisations of the people asking are on the list: a fixed number of queries for all of it.
        .options(selectinload(ErasureRequest.user).selectinload(User.memberships).joinedload(Membership.organisation),
                 selectinload(ErasureRequest.decided_by))
        .order_by((ErasureRequest.state == ErasureState.PENDING).desc(), ErasureRequest.requested_at.desc())
        .limit(200)
    ))
    return render("privacy/erasure_requests.html", rows=rows,
                  may_decide={r.id: can_decide_erasure(current_user, r.user) for r in rows})


def _decidable_or_403(request_id) -> ErasureRequest:
    require_staff()
    erasure = get_or_404(ErasureRequest, request_id)
    if not can_decide_erasure(current_user, erasure.user):
        abort(403)
    return erasure


@bp.post("/privacy/erasure-requests/<id:request_id>/erase")
@login_required
def erase_account(request_id):
    erasure = _decidable_or_403(request_id)
    try:
        confirm_request(erasure, current_user._get_current_object())
    except DomainError as error:
        flash(error.message, "error")
        return redirect_after_post(url_for("privacy.erasure_requests"))
    db.session.commit()
    # The placeholder only: a flash message waits in the session cookie, which is signed but readable.
    flash(_("The account is erased: it is now called “%(name)s”.", name=erasure.user.name), "success")
    return redirect_after_post(url_for("privacy.erasure_requests"))


@bp.post("/privacy/erasure-requests/<id:request_id>/decline")
@login_required
def decline_erasure(request_id):
    erasure = _decidable_or_403(request_id)
    try:
        decline_request(erasure, current_user._get_current_object())
    except DomainError as error:
        flash(error.message, "error")
        return redirect_after_post(url_for("privacy.erasure_requests"))
    queue_mail(erasure.user.email, _("Your request to erase your account"), "erasure_declined",
               recipient=erasure.user)
    db.session.commit()
    flash(_("The request is declined; its author was told by mail to contact the twinning office."), "success")
    return redirect_after_post(url_for("privacy.erasure_requests"))


# --- staff: a participant of an event (the lists themselves are the funding area's pages) -------------------


@bp.get("/privacy/participants/<id:participant_id>/data.json")
@login_required
def participant_data(participant_id):
    require_staff()
    participant = get_or_404(EventParticipant, participant_id)
    return personal_data.download("participant", personal_data.participant_data(participant),
                                  f"participant-{participant.id}")


@bp.post("/privacy/participants/<id:participant_id>/erase")
@login_required
def erase_participant_route(participant_id):
    require_staff()
    participant = get_or_404(EventParticipant, participant_id)
    erase_participant(participant)
    db.session.commit()
    flash(_("The participant's personal data are erased; the event's figures keep them as a number."), "success")
    # Back to the participant list it was erased from (the funding area's page sends `next`).
    return redirect_after_post(local_path(request.form.get("next")) or url_for("main.index"))

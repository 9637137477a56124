"""Routes for city staff: the review queue, deciding on a proposal, cancelling an event, the nav badge."""

from collections.abc import Callable

import sqlalchemy as sa
from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from clubs_exchange import concurrency
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.errors import show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import add_error, form_status
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render, trigger
from clubs_exchange.page_cache import cached_page
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import staff_only
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep
from clubs_exchange.review import bp, decisions
from clubs_exchange.review.conflicts import ROW_CONFLICTS, conflicts_by_proposal, conflicts_for
from clubs_exchange.review.decisions import ConflictsNotConfirmed, DecisionError, cancel_event
from clubs_exchange.review.forms import CancelForm, DecisionForm
from clubs_exchange.review.queue import queue_query, read_queue_filter, state_counts

staff_only(bp)


def load_proposal(proposal_id: int) -> Proposal:
    """The proposal with everything its review page shows, or 404."""
    proposal = db.session.scalar(
        sa.select(Proposal)
        .where(Proposal.id == proposal_id)
        .options(
            joinedload(Proposal.organisation),
            joinedload(Proposal.partner_city),
            selectinload(Proposal.co_organisers),
            selectinload(Proposal.steps).joinedload(ProposalStep.actor),
        )
    )
    if proposal is None:
        abort(404)
    return proposal


def queue_url(next_url: str | None = None) -> str:
    """Back to the queue page the reviewer came from (only ever a queue address of this site)."""
    base = url_for("review.queue")
    if next_url and next_url.startswith(base) and not next_url.startswith("//"):
        return next_url
    return base


# The largest id: no proposal's address carries it, so it marks where each row's id goes.
_ID_MARK = 2**31 - 1


@bp.app_template_global()
def url_for_ids(endpoint: str, **values) -> Callable[[int], str]:
    """url_for(endpoint, proposal_id=…, **values) for the twenty rows of a queue page at the cost of one
    url_for: the address is built once with a mark for the id, then each row's id is put in its place."""
    before, after = url_for(endpoint, proposal_id=_ID_MARK, **values).split(str(_ID_MARK), 1)
    return lambda proposal_id: f"{before}{int(proposal_id)}{after}"


@bp.get("/")
@cached_page
def queue():
    form, queue_filter, valid = read_queue_filter(request.args)
    counts = state_counts(queue_filter)
    # The kept count of the chosen state is the number of rows of the queue: no count query of its own.
    page = paginate(queue_query(queue_filter), per_page=current_app.config["REVIEW_PAGE_SIZE"],
                    total=counts[queue_filter.state])
    pending = [p for p in page.items if p.state == ProposalState.SUBMITTED]
    return render(
        "review/queue.html",
        "queue_results",
        form=form,
        page=page,
        queue_filter=queue_filter,
        counts=counts,
        conflicts_by_id=conflicts_by_proposal(pending, first=ROW_CONFLICTS),
        next_url=request.full_path.rstrip("?"),
        status=200 if valid else 422,
    )


def decision_answer(proposal, form, *, conflicts, status, next_url, confirming=False, message=None):
    """The queue row for htmx (it replaces the row it came from), else the review page."""
    if is_fragment_request():
        html = render_template(
            "review/_row.html", proposal=proposal, form=form, conflicts=conflicts, next_url=next_url,
            confirming=confirming, message=message, swapped=True,
        )
        return make_response(html, status)
    return render(
        "review/decide.html", proposal=proposal, form=form, conflicts=conflicts, next_url=next_url,
        confirming=confirming, status=status,
    )


# Conflicts matter while a decision is pending, and for an approved event that might be cancelled.
CONFLICT_STATES = (ProposalState.SUBMITTED, ProposalState.APPROVED)


def confirm_conflicts_message() -> str:
    return _("Approving this proposal would clash with approved events: check the conflicts, "
             "then approve anyway or decide otherwise.")


@bp.route("/<id:proposal_id>", methods=["GET", "POST"])
def decide(proposal_id):
    proposal = load_proposal(proposal_id)
    form = DecisionForm()
    next_url = queue_url(request.values.get("next"))
    if not form.is_submitted():
        form.version.data = proposal.version
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(proposal, form.version.data):
                step = decisions.decide(
                    proposal, ProposalAction(form.action.data), actor=current_user,
                    comment=form.comment.data or "", confirm_conflicts=form.confirm_conflicts.data,
                )
                db.session.commit()
        except ConflictsNotConfirmed as refusal:
            # Nothing has changed yet: the reviewer sees the conflicts and confirms, or decides otherwise.
            add_error(form.confirm_conflicts, confirm_conflicts_message())
            return decision_answer(
                proposal, form, conflicts=refusal.conflicts, status=422, next_url=next_url, confirming=True
            )
        except ChangedMeanwhile as error:
            # Nothing recorded: the reviewer sees the proposal as it is now, and a form that carries its version.
            show_at_field(form, error)
            form.version.data = proposal.version
            return decision_answer(proposal, form, conflicts=[], status=409, next_url=next_url)
        except DecisionError as error:
            show_at_field(form, error)
        else:
            message = step_message(proposal, step.action)
            if is_fragment_request():
                response = decision_answer(
                    proposal, DecisionForm(formdata=None), conflicts=[], status=200, next_url=next_url,
                    message=message,
                )
                return trigger(response, "proposalReviewed")
            flash(message, "success")
            return redirect(next_url, code=303)
    conflicts = conflicts_for(proposal) if proposal.state in CONFLICT_STATES else []
    return decision_answer(proposal, form, conflicts=conflicts, status=form_status(form), next_url=next_url)


def step_message(proposal: Proposal, action: ProposalAction) -> str:
    messages = {
        ProposalAction.APPROVE: _("“%(title)s” is approved and in the partnership calendar.",
                                  title=proposal.title),
        ProposalAction.REQUEST_CHANGES: _("Changes to “%(title)s” are requested from %(organisation)s.",
                                          title=proposal.title, organisation=proposal.organisation.name),
        ProposalAction.REJECT: _("“%(title)s” is rejected.", title=proposal.title),
        ProposalAction.CANCEL: _("“%(title)s” is cancelled; the calendar shows it struck through.",
                                 title=proposal.title),
    }
    return messages[action]


@bp.route("/<id:proposal_id>/cancel", methods=["GET", "POST"])
def cancel(proposal_id):
    proposal = load_proposal(proposal_id)
    form = CancelForm()
    if not form.is_submitted():
        form.version.data = proposal.version
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(proposal, form.version.data):
                cancel_event(proposal, actor=current_user, reason=form.reason.data)
                db.session.commit()
        except ChangedMeanwhile as error:
            show_at_field(form, error)
            form.version.data = proposal.version
            return render("review/cancel.html", proposal=proposal, form=form, status=409)
        except DecisionError as error:
            show_at_field(form, error)
        else:
            flash(step_message(proposal, ProposalAction.CANCEL), "success")
            return redirect_after_post(url_for("calendar.event", proposal_id=proposal.id))
    return render("review/cancel.html", proposal=proposal, form=form, status=form_status(form))


@bp.get("/badge")
def badge():
    response = make_response(render_template("review/_badge.html"))
    # The count changes with every decision: never serve it from a cache.
    response.headers["Cache-Control"] = "no-store"
    return response

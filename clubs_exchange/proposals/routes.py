"""Routes for writing proposals, their page with history and steps, inline checks, and the list."""

from flask import abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from clubs_exchange import clock, concurrency
from clubs_exchange.concurrency import ChangedMeanwhile
from clubs_exchange.errors import show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.funding.applications import refresh_event
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render, trigger
from clubs_exchange.ids import int_arg
from clubs_exchange.localised.languages import original_language, reader_language
from clubs_exchange.page_cache import cached_page
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import is_staff
from clubs_exchange.proposals import bp
from clubs_exchange.proposals.access import can_edit_proposal, get_proposal_or_404, is_proposer
from clubs_exchange.proposals.drafting import ProposalDetails, create_draft, update_draft
from clubs_exchange.proposals.forms import (
    INLINE_FIELDS,
    RELATED_FIELDS,
    ProposalForm,
    StepForm,
)
from clubs_exchange.proposals.listing import (
    all_organisations,
    load_for_page,
    own_organisations,
    partner_cities,
    proposal_list,
    read_list_filters,
    state_counts,
)
from clubs_exchange.proposals.models import Direction, EventKind, ProposalAction
from clubs_exchange.proposals.workflow import PENDING_ORGANISATION, WorkflowError, allowed_actions, perform

STEP_MESSAGES = {
    ProposalAction.SUBMIT: lambda: _("Your proposal is submitted. City staff will review it."),
    ProposalAction.RESUBMIT: lambda: _("Your changed proposal is submitted again for review."),
    ProposalAction.WITHDRAW: lambda: _("Your proposal is withdrawn."),
}


@bp.before_request
@login_required
def members_of_the_intranet_only():
    """Every page of the area needs a login."""


def proposal_or_404(proposal_id, *, for_edit: bool = False):
    """Load everything the page shows in one go, then let permissions decide (404 for others' drafts, 403)."""
    loaded = load_for_page(proposal_id)
    if loaded is None:
        abort(404)
    # The same object, from the session's identity map (which holds it only while `loaded` refers to it).
    return get_proposal_or_404(loaded.id, for_edit=for_edit)


# --- writing ------------------------------------------------------------------------------------------------


def proposal_form(organisations, **kwargs) -> ProposalForm:
    """The form with its selects filled: the person's own organisations propose, any other may co-organise."""
    form = ProposalForm(**kwargs)
    form.set_choices(
        organisations=organisations, partners=partner_cities(), all_organisations=all_organisations()
    )
    return form


def details_from(form: ProposalForm) -> ProposalDetails:
    return ProposalDetails(
        title=form.title.data,
        kind=EventKind(form.kind.data),
        partner_city_id=form.partner_city_id.data,
        organisation_id=form.organisation_id.data,
        direction=Direction(form.direction.data),
        starts_at=form.starts_at.data,
        ends_at=form.ends_at.data,
        venue=form.venue.data or "",
        participants_ours=form.participants_ours.data,
        participants_guests=form.participants_guests.data,
        guests_needing_host=form.guests_needing_host.data,
        budget_cents=form.budget.data or 0,
        description=form.description.data or "",
        co_organiser_ids=form.co_organiser_ids.data or [],
        language=form.language.data or None,
    )


def form_page(form, proposal=None, *, status=200):
    return render("proposals/form.html", form=form, proposal=proposal, status=status)


def no_organisation_page():
    """Staff and people without an organisation cannot propose: say why instead of a bare 403."""
    message = (
        _("City staff review proposals; they are written by members of an organisation.")
        if is_staff(current_user)
        else _(
            "Proposals are made by organisations. Ask your organisation's secretary to invite you, "
            "or register your organisation."
        )
    )
    if request.headers.get("HX-Request") == "true":
        return Markup('<p class="error" role="alert">{}</p>').format(message), 403
    return render_template(
        "errors/error.html", title=_("Only organisations propose events"), message=message
    ), 403


def fill_from_address(form: ProposalForm, organisations) -> None:
    """Start the form from the address, as *Propose an event* on a fitting interest links to it:
    ?organisation_id= (one's own), &partner_city_id=, &co_organiser_id= (the other organisation), &direction=.
    An id that is malformed, unknown or not offered in the select is left out, silently: it is only a start."""
    offered = {
        name: {choice.value for choice in getattr(form, name).choices}
        for name in ("partner_city_id", "co_organiser_ids")
    }
    wanted = int_arg("organisation_id")
    if wanted in dict(organisations):
        form.organisation_id.data = wanted
    partner = int_arg("partner_city_id")
    if partner is not None and str(partner) in offered["partner_city_id"]:
        form.partner_city_id.data = partner
    other = int_arg("co_organiser_id")
    proposing = form.organisation_id.data if form.organisation_id.data is not None else (
        organisations[0][0] if len(organisations) == 1 else None
    )
    if other is not None and other != proposing and str(other) in offered["co_organiser_ids"]:
        form.co_organiser_ids.data = [other]
    if request.args.get("direction") in {d.value for d in Direction}:
        form.direction.data = request.args["direction"]


@bp.route("/new", methods=["GET", "POST"])
def new():
    organisations = own_organisations(current_user)
    if not organisations:
        return no_organisation_page()
    form = proposal_form(organisations)
    if request.method == "GET":
        fill_from_address(form, organisations)
        form.language.data = reader_language()
    if form.validate_on_submit():
        proposal = create_draft(details_from(form), author=current_user)
        db.session.commit()
        flash(
            _("“%(title)s” is saved as a draft. Submit it when it is ready.", title=proposal.title), "success"
        )
        return redirect_after_post(url_for("proposals.show", proposal_id=proposal.id))
    return form_page(form, status=form_status(form))


@bp.route("/<id:proposal_id>/edit", methods=["GET", "POST"])
def edit(proposal_id):
    proposal = proposal_or_404(proposal_id, for_edit=True)
    form = proposal_form(
        own_organisations(current_user),
        obj=proposal,
        co_organiser_ids=[o.id for o in proposal.co_organisers],
        budget=proposal.budget_cents,
    )
    if not form.language.data:
        form.language.data = original_language(proposal)
    if form.validate_on_submit():
        try:
            with concurrency.unchanged(proposal, form.version.data):
                update_draft(proposal, details_from(form))
                # The event's dates and figures feed its funding deadlines and estimates.
                refresh_event(proposal, today=clock.today())
                db.session.commit()
        except ChangedMeanwhile as error:
            # The entries stay in the form, with the message above it; sent again, they apply to the proposal
            # as it is now (the form carries its current version).
            show_at_field(form, error)
            form.version.data = proposal.version
            return form_page(form, proposal, status=409)
        except WorkflowError as error:
            show_at_field(None, error)
            return redirect_after_post(url_for("proposals.show", proposal_id=proposal.id))
        flash(_("Your changes to “%(title)s” are saved.", title=proposal.title), "success")
        return redirect_after_post(url_for("proposals.show", proposal_id=proposal.id))
    return form_page(form, proposal, status=form_status(form))


def with_oob(html: Markup, element_id: str) -> Markup:
    """Mark a rendered field wrapper to be swapped in place of its twin on the page (htmx out-of-band)."""
    marker = f'id="{element_id}"'
    return Markup(str(html).replace(marker, f'{marker} hx-swap-oob="true"', 1))


@bp.post("/validate")
def validate():
    """Check the whole form as it is now and answer with the changed field and the fields tied to it.

    Nothing is saved. htmx swaps the answer in place; without JavaScript nobody lands here, but the
    address still answers with the whole form and its messages.
    """
    organisations = own_organisations(current_user)
    if not organisations:
        return no_organisation_page()
    form = proposal_form(organisations)
    form.validate()
    if not is_fragment_request():
        return form_page(form, status=form_status(form))
    changed = request.headers.get("HX-Trigger-Name")
    shown = [changed] if changed in INLINE_FIELDS else list(INLINE_FIELDS)
    # A related field is refreshed only once it holds something: no "required" before the person got there.
    related = [name for name in RELATED_FIELDS.get(changed, ()) if (request.form.get(name) or "").strip()]
    status = 422 if any(getattr(form, name).errors for name in shown + related) else 200
    html = render_template(
        "proposals/_checked_fields.html",
        form=form,
        shown=[getattr(form, name) for name in shown],
        related=[getattr(form, name) for name in related],
        with_oob=with_oob,
    )
    return html, status


# --- the proposal page and its steps ------------------------------------------------------------------------


def page_context(proposal, **extra):
    proposer = is_proposer(current_user, proposal)
    actions = allowed_actions(proposal.state, is_proposer=proposer, is_staff=False)
    return {
        "proposal": proposal,
        "actions": actions,
        "can_edit": can_edit_proposal(current_user, proposal),
        "pending_notice": PENDING_ORGANISATION if not proposal.organisation.is_verified else None,
        "staff": is_staff(current_user),
        **extra,
    }


@bp.get("/<id:proposal_id>")
@cached_page
def show(proposal_id):
    proposal = proposal_or_404(proposal_id)
    return render("proposals/show.html", **page_context(proposal))


@bp.post("/<id:proposal_id>/step")
def step(proposal_id):
    proposal = proposal_or_404(proposal_id)
    form = StepForm()
    show_url = url_for("proposals.show", proposal_id=proposal.id)
    try:
        if not form.validate_on_submit():
            problems = [e for field in (form.action, form.comment) for e in field.errors]
            raise WorkflowError(" ".join(str(p) for p in problems) or _("Choose a step."))
        action = ProposalAction(form.action.data)
        # This page takes the organisation's own steps; staff decide on the review pages.
        with concurrency.unchanged(proposal, form.version.data):
            perform(
                proposal,
                action,
                actor=current_user,
                is_proposer=is_proposer(current_user, proposal),
                is_staff=False,
                comment=form.comment.data or "",
            )
            db.session.commit()
    except (WorkflowError, ChangedMeanwhile) as error:
        status = 409 if isinstance(error, ChangedMeanwhile) else 422
        # Nothing is recorded: perform() checks before it changes anything, and commit() rolled back.
        if is_fragment_request():
            return render(
                "proposals/show.html",
                "proposal_status",
                status=status,
                **page_context(proposal, error=str(error)),
            )
        flash(str(error), "error")
        return redirect_after_post(show_url)
    message = STEP_MESSAGES[action]()
    if is_fragment_request():
        body, status = render(
            "proposals/show.html", "proposal_status", **page_context(proposal, message=message)
        )
        return trigger(current_app.make_response((body, status)), "proposalReviewed")
    flash(message, "success")
    return redirect_after_post(show_url)


# --- the list -----------------------------------------------------------------------------------------------


@bp.get("/")
def index():
    form, filters, organisations, valid = read_list_filters(request.args, current_user)
    staff = is_staff(current_user)
    counts = state_counts(current_user, filters)
    page = paginate(proposal_list(current_user, filters))
    args = {name: f.data for name, f in form._fields.items() if f.data not in (None, "") and not f.errors}
    return render(
        "proposals/index.html",
        "proposal_results",
        form=form,
        page=page,
        counts=counts,
        args=args,
        filters=filters,
        staff=staff,
        organisations=organisations,
        status=200 if valid else 422,
    )


@bp.context_processor
def proposal_form_settings():
    return {"inline_fields": INLINE_FIELDS}

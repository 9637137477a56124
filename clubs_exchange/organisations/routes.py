"""Routes for the organisation list, profiles, editing a profile, members and verification."""

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from clubs_exchange.auth.models import MemberFunction, Membership
from clubs_exchange.errors import done, show_at_field
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import is_fragment_request, redirect_after_post, render
from clubs_exchange.mail.outbox import absolute_url
from clubs_exchange.notifications.notify import notify
from clubs_exchange.organisations import bp
from clubs_exchange.organisations.access import (
    can_manage_members,
    can_manage_organisation,
    can_see_contacts,
    get_organisation_or_404,
    require_manage_members,
)
from clubs_exchange.organisations.directory import organisation_search, read_directory_filters, suggestions
from clubs_exchange.organisations.forms import InviteMemberForm, MemberFunctionForm, OrganisationForm
from clubs_exchange.organisations.members import (
    MembershipError,
    change_function,
    invite_member,
    memberships_of,
    open_invitations_of,
    remove_member,
)
from clubs_exchange.organisations.models import OrganisationKind
from clubs_exchange.organisations.profile import ProfileError, load_profile, update_profile, verify
from clubs_exchange.page_cache import cached_page
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import get_or_404, is_staff, require_staff


@bp.before_request
@login_required
def members_of_the_intranet_only():
    """Every page of the area needs a login."""


@bp.app_template_global()
def sees_contacts(organisation) -> bool:
    """Whether the person looking reads the organisation's contact e-mail and phone (access.can_see_contacts)."""
    return can_see_contacts(current_user, organisation)


def directory_filters():
    return read_directory_filters(request.args, staff=is_staff(current_user))


@bp.get("/")
@cached_page
def index():
    form, filters, valid = directory_filters()
    page = paginate(organisation_search(**filters))
    # The pages' links keep the filters, without empty ones.
    args = {f.name: f.data for f in form if f.data and not f.errors}
    return render(
        "organisations/index.html",
        "org_results",
        form=form,
        page=page,
        args=args,
        status=200 if valid else 422,
    )


@bp.get("/suggest")
@cached_page
def suggest():
    """Live suggestions while a name is typed: the best few matches as links. The whole list is the page."""
    form, filters, valid = directory_filters()
    args = {f.name: f.data for f in form if f.data and not f.errors}
    if not is_fragment_request():
        return redirect(url_for("organisations.index", **args))
    found = suggestions(**filters) if filters["q"].strip() else None
    return render(
        "organisations/_suggestions.html", form=form, found=found, args=args, status=200 if valid else 422
    )


@bp.get("/<id:organisation_id>")
@cached_page
def show(organisation_id):
    organisation = get_organisation_or_404(organisation_id)
    manages = can_manage_organisation(current_user, organisation)
    profile = load_profile(organisation, sees_everything=manages)
    return render("organisations/show.html", profile=profile, organisation=organisation, manages=manages)


@bp.route("/<id:organisation_id>/edit", methods=["GET", "POST"])
def edit(organisation_id):
    organisation = get_organisation_or_404(organisation_id, for_edit=True)
    form = OrganisationForm(obj=organisation)
    if not form.is_submitted():
        form.age_groups.data = [g.value for g in organisation.age_group_list]
    if form.validate_on_submit():
        try:
            update_profile(
                organisation,
                name=form.name.data,
                kind=OrganisationKind(form.kind.data),
                discipline=form.discipline.data or "",
                member_count=form.member_count.data,
                age_groups=form.age_groups.data,
                languages=form.languages.data or "",
                contact_name=form.contact_name.data or "",
                email=form.email.data or "",
                phone=form.phone.data or "",
                description=form.description.data or "",
            )
        except ProfileError as error:
            show_at_field(form, error)
        else:
            message = _("The profile of %(name)s is saved.", name=organisation.name)
            return done(message, "organisations.show", organisation_id=organisation.id)
    return render("organisations/edit.html", form=form, organisation=organisation, status=form_status(form))


def members_page(organisation, form, *, link=None, message=None, error=None, status=200, block=None):
    return render(
        "organisations/members.html",
        block,
        organisation=organisation,
        memberships=memberships_of(organisation),
        invitations=open_invitations_of(organisation),
        can_manage=can_manage_members(current_user, organisation),
        function_choices=MemberFunction.choices(),
        form=form,
        link=link,
        message=message,
        error=error,
        status=status,
    )


@bp.route("/<id:organisation_id>/members", methods=["GET", "POST"])
def members(organisation_id):
    organisation = get_organisation_or_404(organisation_id, for_edit=True)
    if request.method == "POST":
        require_manage_members(organisation)
    form = InviteMemberForm()
    link = None
    if form.validate_on_submit():
        try:
            invitation, token = invite_member(
                organisation,
                email=form.email.data,
                name=form.name.data or "",
                function=MemberFunction(form.function.data),
                invited_by=current_user,
                days=current_app.config["INVITATION_DAYS"],
            )
        except MembershipError as error:
            show_at_field(form, error)
        else:
            notify("invitation", invitation=invitation, token=token)
            db.session.commit()
            # Mailed, and shown here once too, so the inviter may pass it on another way.
            link = absolute_url("auth.accept_invite", token=token)
            form = InviteMemberForm(formdata=None)
    return members_page(organisation, form, link=link, status=form_status(form))


@bp.post("/<id:organisation_id>/members/<id:membership_id>/remove", endpoint="remove_member")
def remove_member_route(organisation_id, membership_id):
    organisation = get_organisation_or_404(organisation_id, for_edit=True)
    membership = get_or_404(Membership, membership_id)
    if membership.organisation_id != organisation.id:
        abort(404)
    person = membership.user
    if person != current_user:  # leaving is every member's own choice; removing others is the secretary's
        require_manage_members(organisation)
    members_url = url_for("organisations.members", organisation_id=organisation.id)
    try:
        remove_member(organisation, membership)
    except MembershipError as error:
        if is_fragment_request():
            return members_page(organisation, None, error=error.message, status=422, block="member_list")
        flash(error.message, "error")
        return redirect_after_post(members_url)
    db.session.commit()
    if person == current_user:
        flash(_("You left %(name)s.", name=organisation.name), "success")
        # Who left is no longer allowed on the members page, unless city staff.
        if not is_staff(current_user):
            return redirect_after_post(url_for("organisations.show", organisation_id=organisation.id))
        return redirect_after_post(members_url)
    message = _("%(person)s is no longer a member of %(name)s.", person=person.name, name=organisation.name)
    if is_fragment_request():
        return members_page(organisation, None, message=message, block="member_list")
    flash(message, "success")
    return redirect_after_post(members_url)


@bp.post("/<id:organisation_id>/members/<id:membership_id>/function", endpoint="change_function")
def change_function_route(organisation_id, membership_id):
    organisation = get_organisation_or_404(organisation_id, for_edit=True)
    require_manage_members(organisation)
    membership = get_or_404(Membership, membership_id)
    if membership.organisation_id != organisation.id:
        abort(404)
    form = MemberFunctionForm()
    person = membership.user
    members_url = url_for("organisations.members", organisation_id=organisation.id)
    if not form.validate_on_submit():
        error = "; ".join(form.function.errors) or _("Choose a function.")
        return members_page(organisation, InviteMemberForm(formdata=None), error=error, status=422,
                            block="member_list" if is_fragment_request() else None)
    try:
        change_function(organisation, membership, MemberFunction(form.function.data))
    except MembershipError as error:
        db.session.rollback()
        return members_page(organisation, InviteMemberForm(formdata=None), error=error.message, status=422,
                            block="member_list" if is_fragment_request() else None)
    db.session.commit()
    message = _("%(person)s is now %(function)s of %(name)s.", person=person.name,
                function=membership.function.label, name=organisation.name)
    if person == current_user and not can_manage_members(current_user, organisation):
        flash(message, "success")
        return redirect_after_post(members_url)
    if is_fragment_request():
        return members_page(organisation, None, message=message, block="member_list")
    flash(message, "success")
    return redirect_after_post(members_url)


@bp.post("/<id:organisation_id>/verify", endpoint="verify")
def verify_route(organisation_id):
    require_staff()
    organisation = get_organisation_or_404(organisation_id)
    if verify(organisation, by=current_user):
        db.session.commit()
        message = _("%(name)s is verified: its members can now submit proposals.", name=organisation.name)
    else:
        message = _("%(name)s was verified already.", name=organisation.name)
    if is_fragment_request():
        return render("organisations/show.html", "org_status", organisation=organisation, manages=True, message=message)
    flash(message, "success")
    return redirect_after_post(url_for("organisations.show", organisation_id=organisation.id))

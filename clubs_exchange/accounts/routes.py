"""Routes for the account list, invitations and editing an account."""

import sqlalchemy as sa
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from clubs_exchange.accounts import bp
from clubs_exchange.accounts.directory import search_text, user_search
from clubs_exchange.accounts.forms import InviteForm, UserForm
from clubs_exchange.auth.invitations import create_invitation, find_user_by_email
from clubs_exchange.auth.models import MemberFunction, User, UserRole
from clubs_exchange.extensions import db
from clubs_exchange.forms import add_error, form_status, select_choices
from clubs_exchange.htmx import render
from clubs_exchange.mail.outbox import absolute_url
from clubs_exchange.notifications.notify import notify
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import get_or_404, require_admin, staff_only

staff_only(bp)


@bp.get("/")
def users():
    q = search_text(request.args)
    page = paginate(user_search(q), per_page=50)
    return render("accounts/users.html", "user_rows", page=page, q=q)


def organisation_choices():
    rows = db.session.execute(sa.select(Organisation.id, Organisation.name).order_by(Organisation.name)).all()
    return select_choices([("", _("— none —")), *rows])


@bp.route("/invite", methods=["GET", "POST"])
def invite():
    form = InviteForm()
    form.organisation_id.choices = organisation_choices()
    if not current_user.is_admin:
        # Staff invite members and colleagues; only administrators create administrators.
        form.role.choices = [c for c in UserRole.choices() if c.value != UserRole.ADMIN.value]
    link = None
    if form.validate_on_submit():
        role = UserRole(form.role.data)
        organisation = db.session.get(Organisation, form.organisation_id.data) if form.organisation_id.data else None
        existing = find_user_by_email(form.email.data)
        if role == UserRole.MEMBER and organisation is None:
            add_error(form.organisation_id, _("Choose the organisation this member belongs to."))
        elif existing is not None and organisation is None:
            add_error(form.email, _("This person has an account already."))
        elif existing is not None and organisation.id in existing.organisation_ids:
            add_error(form.email, _("This person is a member of %(name)s already.", name=organisation.name))
        else:
            invitation, token = create_invitation(
                email=form.email.data, name=form.name.data or "", role=role, organisation=organisation,
                function=MemberFunction(form.function.data), invited_by=current_user,
            )
            notify("invitation", invitation=invitation, token=token)
            db.session.commit()
            # Mailed, and shown once to the inviter too, who may pass it on another way.
            link = absolute_url("auth.accept_invite", token=token)
            form = InviteForm(formdata=None)
            form.organisation_id.choices = organisation_choices()
    return render("accounts/invite.html", form=form, link=link, status=form_status(form))


@bp.route("/<id:user_id>", methods=["GET", "POST"])
def edit_user(user_id):
    require_admin()
    user = get_or_404(User, user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit():
        if user == current_user and (form.role.data != UserRole.ADMIN.value or not form.active.data):
            add_error(form.role, _("You cannot take away your own administrator rights or disable yourself."))
        elif user.is_erased and form.active.data:
            add_error(form.active, _("This account was erased: it cannot log in again."))
        else:
            user.name = form.name.data.strip()
            role, active = UserRole(form.role.data), form.active.data
            if (role, active) != (user.role, user.active):
                user.end_sessions()  # a disabled account or a new role: its open sessions end now
            user.role = role
            user.set_active(active)
            db.session.commit()
            flash(_("The account of %(name)s is saved.", name=user.name), "success")
            return redirect(url_for("accounts.users"), code=303)
    return render("accounts/user.html", form=form, user=user, status=form_status(form))

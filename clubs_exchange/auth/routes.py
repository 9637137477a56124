"""Routes for logging in and out, registering, invitations and one's own account."""

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from clubs_exchange.auth import bp
from clubs_exchange.auth.email_verification import (
    request_verification_link,
    user_for_verification_token,
    verification_hours,
)
from clubs_exchange.auth.email_verification import (
    verify_email as confirm_address,
)
from clubs_exchange.auth.forms import (
    AcceptInvitationForm,
    AccountForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterOrganisationForm,
    ResendVerificationForm,
    ResetPasswordForm,
    VerifyEmailForm,
)
from clubs_exchange.auth.invitations import (
    accept_invitation,
    find_open_invitation,
    find_user_by_email,
    normalise_email,
)
from clubs_exchange.auth.login_reasons import login_reason
from clubs_exchange.auth.models import User, hash_for_nobody
from clubs_exchange.auth.password_reset import request_password_reset, reset_password, user_for_token
from clubs_exchange.auth.passwords import PasswordError, check_new_password
from clubs_exchange.auth.sessions import begin_session, keep_this_session, user_for_session_id
from clubs_exchange.clock import utcnow
from clubs_exchange.errors import show_at_field
from clubs_exchange.extensions import db, login_manager
from clubs_exchange.forms import add_error, form_status, has_errors
from clubs_exchange.htmx import render, unauthorized
from clubs_exchange.links import local_path
from clubs_exchange.organisations.models import OrganisationKind
from clubs_exchange.organisations.registration import RegistrationError, register_organisation
from clubs_exchange.rate_limits import Rule, client_address, email_in_form, limited

login_manager.login_view = "auth.login"
login_manager.unauthorized_handler(unauthorized)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return user_for_session_id(session_id)


def safe_next(target: str | None) -> str:
    """Only redirect within this site after login (not to //host nor /\\host, which browsers read as //host)."""
    return local_path(target) or url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
@limited(Rule("LOGIN_LIMIT", email_in_form, "address", refusals_only=True),
         Rule("LOGIN_CLIENT_LIMIT", client_address, "client", refusals_only=True))
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    unverified = False
    if form.validate_on_submit():
        user = find_user_by_email(form.email.data)
        if user is None:
            hash_for_nobody(form.password.data)  # as slow as a wrong password: the time tells nobody who has an account
        if user is None or not user.check_password(form.password.data) or not user.active:
            add_error(form.password, _("E-mail or password is wrong, or the account is disabled."))
        elif not user.email_verified:
            # Only who knows the password learns this; the page says how to get a new link.
            unverified = True
            add_error(form.email, _("Please confirm your e-mail address first, with the link in the mail we sent "
                                    "you."))
        else:
            begin_session(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(safe_next(request.args.get("next")), code=303)
    return render("auth/login.html", form=form, status=form_status(form), reason=login_reason(request.args.get("next")),
                  unverified=unverified)


@bp.post("/logout")
def logout():
    # Ends this person's other sessions too: a copy of this session's cookie must not outlive the logout.
    if current_user.is_authenticated:
        current_user.end_sessions()
        db.session.commit()
    session.clear()
    logout_user()  # after clear(): it asks the browser to delete the remember-me cookie
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/register", methods=["GET", "POST"])
@limited(Rule("REGISTER_LIMIT", email_in_form, "address"), Rule("REGISTER_CLIENT_LIMIT", client_address, "client"))
def register():
    form = RegisterOrganisationForm()
    if form.validate_on_submit():
        try:
            register_organisation(
                organisation_name=form.organisation_name.data,
                kind=OrganisationKind(form.kind.data),
                discipline=form.discipline.data or "",
                member_count=form.member_count.data,
                description=form.description.data or "",
                name=form.name.data,
                email=form.email.data,
                phone=form.phone.data or "",
                password=form.password.data,
            )
        except (RegistrationError, PasswordError) as error:
            show_at_field(form, error)
        else:
            db.session.commit()
            # The same answer whether or not the address has an account (its owner is mailed instead of anything
            # being registered): nobody learns who is registered. So nobody is logged in here either.
            flash(_("Thank you. Please check your mail: we sent what comes next to %(email)s.",
                    email=normalise_email(form.email.data)), "success")
            return redirect(url_for("auth.login"), code=303)
    return render("auth/register.html", form=form, status=form_status(form))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limited(Rule("INVITATION_LIMIT", client_address, "client"))
def accept_invite(token: str):
    invitation = find_open_invitation(token)
    if invitation is None:
        return render("auth/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(name=invitation.name or None)
    form.owner_email = invitation.email
    existing = find_user_by_email(invitation.email)
    if request.method == "POST" and existing is not None and current_user == existing:
        # A member who already has an account just joins the organisation.
        accept_invitation(invitation, name=existing.name, password="")
        db.session.commit()
        keep_this_session(existing)  # a new role ends the other sessions
        flash(_("You joined %(name)s.", name=invitation.organisation.name), "success")
        return redirect(url_for("main.index"), code=303)
    if existing is None and form.validate_on_submit():
        try:
            user = accept_invitation(invitation, name=form.name.data, password=form.password.data)
        except PasswordError as error:
            show_at_field(form, error)
        else:
            db.session.commit()
            begin_session(user)
            flash(_("Welcome, %(name)s. Your account is ready.", name=user.name), "success")
            return redirect(url_for("main.index"), code=303)
    return render(
        "auth/accept_invitation.html", form=form, invitation=invitation, existing=existing,
        status=form_status(form),
    )


@bp.route("/forgot-password", methods=["GET", "POST"])
@limited(Rule("FORGOT_PASSWORD_LIMIT", email_in_form, "address"),
         Rule("FORGOT_PASSWORD_CLIENT_LIMIT", client_address, "client"))
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        request_password_reset(form.email.data)
        db.session.commit()
        # The same answer whether or not the address has an account: nobody learns who is registered.
        flash(_("If %(email)s belongs to an account, a link to choose a new password is on its way. "
                "It is valid for %(minutes)d minutes.", email=form.email.data,
                minutes=current_app.config["PASSWORD_RESET_MINUTES"]), "success")
        return redirect(url_for("auth.login"), code=303)
    return render("auth/forgot_password.html", form=form, status=form_status(form))


@bp.route("/verify-email/<token>", methods=["GET", "POST"])
def verify_email(token: str):
    user = user_for_verification_token(token)
    if user is None:
        return render("auth/verify_invalid.html", status=404, hours=verification_hours())
    if user.email_verified:  # the link once more: nothing to do
        return render("auth/verify_email.html", form=None, done=True)
    form = VerifyEmailForm()
    if form.validate_on_submit():
        confirm_address(user)
        db.session.commit()
        flash(_("Your e-mail address is confirmed. Please log in."), "success")
        return redirect(url_for("auth.login"), code=303)
    return render("auth/verify_email.html", form=form, done=False, email=user.email, status=form_status(form))


@bp.route("/verify-email", methods=["GET", "POST"])
@limited(Rule("VERIFICATION_LIMIT", email_in_form, "address"),
         Rule("VERIFICATION_CLIENT_LIMIT", client_address, "client"))
def resend_verification():
    form = ResendVerificationForm()
    if form.validate_on_submit():
        request_verification_link(form.email.data)
        db.session.commit()
        # The same answer whether or not the address has an account waiting: nobody learns who is registered.
        flash(_("If %(email)s belongs to an account that waits for confirmation, a new link is on its way. "
                "It is valid for %(hours)d hours.", email=form.email.data, hours=verification_hours()), "success")
        return redirect(url_for("auth.login"), code=303)
    return render("auth/resend_verification.html", form=form, status=form_status(form))


@bp.route("/reset-password/<token>", methods=["GET", "POST"], endpoint="reset_password")
def reset_password_route(token: str):
    user = user_for_token(token)
    if user is None:
        return render("auth/reset_invalid.html", status=404)
    form = ResetPasswordForm()
    form.owner_email, form.owner_names = user.email, (user.name,)
    if form.validate_on_submit():
        try:
            reset_password(user, form.password.data)
        except PasswordError as error:
            show_at_field(form, error)
        else:
            db.session.commit()
            flash(_("Your new password is set. Please log in with it."), "success")
            return redirect(url_for("auth.login"), code=303)
    return render("auth/reset_password.html", form=form, status=form_status(form))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = AccountForm(obj=current_user)
    form.owner_email, form.owner_names = current_user.email, (current_user.name,)
    if form.validate_on_submit():
        if form.new_password.data:
            if not current_user.check_password(form.current_password.data or ""):
                add_error(form.current_password, _("This is not your current password."))
            else:
                try:
                    check_new_password(form.new_password.data, email=current_user.email,
                                       names=(current_user.name, form.name.data), field="new_password")
                except PasswordError as error:
                    show_at_field(form, error)
                else:
                    current_user.set_password(form.new_password.data)  # ends the other sessions
        if not has_errors(form):
            current_user.name = form.name.data.strip()
            current_user.language = form.language.data or None
            db.session.commit()
            if form.new_password.data:
                keep_this_session(current_user._get_current_object())
            flash(_("Your account is saved."), "success")
            return redirect(url_for("auth.account"), code=303)
    return account_page(form)


def account_page(form=None, *, erasure_form=None):
    """The account page, with the forms as sent (422 when one comes back with messages)."""
    from clubs_exchange.privacy.erasure import pending_request
    from clubs_exchange.privacy.forms import ErasureRequestForm

    if form is None:
        form = AccountForm(obj=current_user, formdata=None)
    erasure_form = erasure_form or ErasureRequestForm(formdata=None)
    status = max(form_status(form), form_status(erasure_form))
    return render("auth/account.html", form=form, erasure_form=erasure_form,
                  erasure_pending=pending_request(current_user), status=status)


@bp.post("/account/log-out-elsewhere")
@login_required
def log_out_elsewhere():
    user = current_user._get_current_object()
    user.end_sessions()
    db.session.commit()
    keep_this_session(user)
    flash(_("You are logged out on every other computer and browser; this one stays logged in."), "success")
    return redirect(url_for("auth.account"), code=303)

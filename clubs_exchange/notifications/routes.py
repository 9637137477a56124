"""Routes for a person's notifications: the list, the badge, marking read; a staff member's mail choice."""

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import is_fragment_request, render, trigger
from clubs_exchange.notifications import bp
from clubs_exchange.notifications.forms import PreferencesForm
from clubs_exchange.notifications.inbox import (
    link_target,
    mark_all_read,
    mark_read,
    notifications_query,
    own_notification_or_404,
    unread_count_for_page,
)
from clubs_exchange.notifications.models import NotificationPreference, SubmittedMail
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import require_staff

CHANGED = "notificationsChanged"


@bp.before_request
@login_required
def logged_in_only():
    """Everyone logged in has notifications; each sees only their own."""


@bp.app_template_global()
def unread_notification_count() -> int:
    return unread_count_for_page(current_user) if current_user.is_authenticated else 0


@bp.app_template_global()
def submitted_mail_choice() -> SubmittedMail:
    preference = db.session.get(NotificationPreference, current_user.id)
    return preference.submitted_mail if preference else SubmittedMail.EACH


@bp.app_template_global()
def submitted_mail_options() -> list[SubmittedMail]:
    return list(SubmittedMail)


@bp.get("/")
def index():
    page = paginate(notifications_query(current_user))
    return render("notifications/index.html", "notification_list", page=page)


@bp.get("/badge")
def badge():
    response = make_response(render_template("notifications/_badge.html"))
    # A poll must see the current count, never a cached one.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<id:notification_id>/read")
def read(notification_id):
    notification = own_notification_or_404(current_user, notification_id)
    mark_read(notification)
    db.session.commit()
    if is_fragment_request():
        # The item in place, and the count above the list out of band; the badge follows the trigger.
        html = render_template("notifications/_item.html", notification=notification) + render_template(
            "notifications/_summary.html", oob=True)
        response = make_response(html)
        return trigger(response, CHANGED)
    return redirect(url_for("notifications.index"), code=303)


@bp.get("/<id:notification_id>/open", endpoint="open")
def open_notification(notification_id):
    """Follow a notification's link, and it counts as read.

    A GET that writes, on purpose: it is a link (a new tab, a middle click work), and the one thing it changes is
    the read mark of the person's own notification, set once and never undone, so another site that makes the
    browser open it (which SameSite cookies mostly prevent) achieves nothing anyone could want. Changes that
    matter stay POSTs with a CSRF token."""
    notification = own_notification_or_404(current_user, notification_id)
    if notification.read_at is None:
        mark_read(notification)
        db.session.commit()
    return redirect(link_target(notification), code=303)


@bp.post("/read-all")
def read_all():
    marked = mark_all_read(current_user)
    db.session.commit()
    if is_fragment_request():
        return trigger(make_response(index()[0]), CHANGED)
    if marked:
        flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.index"), code=303)


@bp.route("/preferences", methods=["GET", "POST"])
def preferences():
    require_staff()
    form = PreferencesForm(submitted_mail=submitted_mail_choice().value)
    if form.validate_on_submit():
        preference = db.session.get(NotificationPreference, current_user.id)
        if preference is None:
            preference = NotificationPreference(user_id=current_user.id)
            db.session.add(preference)
        preference.submitted_mail = SubmittedMail(form.submitted_mail.data)
        db.session.commit()
        flash(_("Your choice of mails is saved."), "success")
        return redirect(url_for("auth.account"), code=303)
    return render("notifications/preferences.html", form=form, status=form_status(form))

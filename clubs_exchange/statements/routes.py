"""The privacy notice and the accessibility statement (open to everyone), the feedback form (open to everyone,
rate limited) and the list of feedback received (staff)."""

import math
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from clubs_exchange import languages
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import render
from clubs_exchange.main.routes import error_page
from clubs_exchange.permissions import get_or_404, require_staff
from clubs_exchange.rate_limits import Rule, client_address, limited, retry_after
from clubs_exchange.statements import bp
from clubs_exchange.statements.feedback import feedback_list, mark_handled, open_count, receive_feedback
from clubs_exchange.statements.forms import FeedbackForm
from clubs_exchange.statements.models import AccessibilityFeedback
from clubs_exchange.statements.texts import accessibility_context, privacy_context


@bp.get("/privacy")
def privacy():
    return render("statements/privacy.html", **privacy_context())


@bp.get("/accessibility")
def accessibility():
    waiting = open_count() if current_user.is_authenticated and current_user.is_staff else None
    return render("statements/accessibility.html", waiting=waiting, **accessibility_context())


def _page_came_from() -> str:
    """The page the visitor came from, when it is one of ours (the Referer of the link to the form)."""
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if parts.netloc != request.host or parts.path in (url_for("statements.feedback"), ""):
        return ""
    return (parts.path + (f"?{parts.query}" if parts.query else ""))[:500]


@bp.route("/accessibility/feedback", methods=["GET", "POST"])
@limited(Rule("ACCESSIBILITY_FEEDBACK_LIMIT", client_address, "client"))
def feedback():
    form = FeedbackForm()
    if request.method == "GET" and not form.page_url.data:
        form.page_url.data = _page_came_from()
    if form.validate_on_submit():
        receive_feedback(page_url=form.page_url.data, description=form.description.data, name=form.name.data,
                         email=form.email.data, language=languages.chosen_language())
        db.session.commit()
        # The address stays out of the message: flash messages travel in the signed, not encrypted, session cookie.
        flash(_("Thank you: your feedback has reached the twinning office. We answer by e-mail where you gave "
                "an address.") if form.email.data else _("Thank you: your feedback has reached the twinning office."),
              "success")
        return redirect(url_for("statements.accessibility"), code=303)
    return render("statements/feedback.html", form=form, status=form_status(form))


@bp.errorhandler(429)
def too_much_feedback(error):
    """Over ACCESSIBILITY_FEEDBACK_LIMIT: the app's 429 page speaks of guessing passwords, which this form is not
    about; the same page and Retry-After, with the reason that fits."""
    seconds = retry_after()
    body, status = error_page(429, _("Too many attempts"), ngettext(
        "This form was sent too often from your network in a short time, so it waits a while. Please try again "
        "in %(num)d minute, or write to %(email)s.",
        "This form was sent too often from your network in a short time, so it waits a while. Please try again "
        "in %(num)d minutes, or write to %(email)s.",
        math.ceil(seconds / 60), email=current_app.config.get("ACCESSIBILITY_CONTACT_EMAIL") or "",
    ))
    return body, status, {"Retry-After": str(seconds)}


@bp.get("/accessibility/feedback/received")
@login_required
def feedback_received():
    require_staff()
    return render("statements/feedback_received.html", waiting=feedback_list(handled=False),
                  handled=feedback_list(handled=True))


@bp.post("/accessibility/feedback/<id:feedback_id>/handled")
@login_required
def feedback_handled(feedback_id: int):
    require_staff()
    feedback = get_or_404(AccessibilityFeedback, feedback_id)
    mark_handled(feedback, current_user)
    db.session.commit()
    flash(_("Feedback #%(number)d is marked handled.", number=feedback.id), "success")
    return redirect(url_for("statements.feedback_received"), code=303)

"""The start page: what needs the person's attention; and error pages that never leak a traceback."""

import math
from datetime import timedelta

import sqlalchemy as sa
from flask import abort, current_app, render_template, request
from flask_babel import format_decimal
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError

from clubs_exchange import languages
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.htmx import render
from clubs_exchange.main import bp
from clubs_exchange.main.work import work_waiting
from clubs_exchange.proposals.models import Proposal, ProposalState
from clubs_exchange.rate_limits import retry_after


@bp.before_app_request
def refuse_nul_characters():
    """No form needs a NUL character, and PostgreSQL refuses to store one: turn it away at the door."""
    values = [*request.args.values(), *request.form.values()] if request.method == "POST" else request.args.values()
    if any("\x00" in value for value in values):
        abort(400)


@bp.route("/language", methods=["POST"])
def set_language():
    """The header's language switcher, for everyone (languages.py)."""
    return languages.set_language()


@bp.route("/")
def index():
    my_proposals = []
    if current_user.is_authenticated and current_user.organisation_ids:
        my_proposals = db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.organisation_id.in_(current_user.organisation_ids))
            .where(Proposal.state.in_([ProposalState.DRAFT, ProposalState.SUBMITTED, ProposalState.CHANGES_REQUESTED]))
            .order_by(Proposal.starts_at, Proposal.id)
            .limit(20)
        ).all()
    work = work_waiting() if current_user.is_authenticated and current_user.is_staff else []
    return render("main/index.html", my_proposals=my_proposals, work=work)


def error_page(status: int, title: str, message: str):
    if request.headers.get("HX-Request") == "true":
        return f'<p class="error" role="alert">{message}</p>', status
    return render_template("errors/error.html", status=status, title=title, message=message), status


@bp.app_errorhandler(400)
def bad_request(error):
    from flask_babel import gettext as _

    return error_page(400, _("Bad request"), _("The request could not be understood. Please go back and try again."))


@bp.app_errorhandler(CSRFError)
def csrf_error(error):
    from flask_babel import gettext as _

    return error_page(
        400, _("Form expired"), _("The form was sent without a valid security token. Reload the page and try again.")
    )


@bp.app_errorhandler(403)
def forbidden(error):
    from flask_babel import gettext as _

    return error_page(403, _("Not allowed"), _("You do not have permission to do this."))


@bp.app_errorhandler(404)
def not_found(error):
    from flask_babel import gettext as _

    return error_page(404, _("Not found"), _("There is nothing at this address, or it is not yours to see."))


@bp.app_errorhandler(405)
def method_not_allowed(error):
    from flask_babel import gettext as _

    return error_page(405, _("Not allowed"), _("This address does not accept that kind of request."))


@bp.app_errorhandler(413)
def too_large(error):
    from flask_babel import gettext as _

    # Werkzeug refuses a body over MAX_CONTENT_LENGTH (a file, say) from its Content-Length before reading it,
    # and a form field over MAX_FORM_MEMORY_SIZE (a pasted guest list) before any route runs: say which
    # happened and how to go on, rather than a bare "Request Entity Too Large".
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and (request.content_length or 0) > limit:
        return error_page(413, _("Too much at once"), _(
            "What you sent is larger than %(size)s MB, the most this site takes at once. Go back, choose a smaller "
            "file (or fewer files) and try again.", size=format_decimal(limit / (1024 * 1024), "#,##0.#"),
        ))
    return error_page(413, _("Too much at once"), _(
        "What you sent is larger than this form takes. Go back (your entries are still in the form), shorten the "
        "text or send it as a file, and try again."
    ))


@bp.app_errorhandler(429)
def too_many_attempts(error):
    from flask_babel import format_time, ngettext
    from flask_babel import gettext as _

    # A limit of rate_limits.py: say when the form takes the next try, to people and (Retry-After) to programs.
    seconds = retry_after()
    minutes = math.ceil(seconds / 60)
    until = format_time(utcnow() + timedelta(seconds=seconds), "short")
    body, status = error_page(429, _("Too many attempts"), ngettext(
        "This form was sent too often in a short time, so it waits a while: that keeps passwords from being "
        "guessed. Please try again in %(num)d minute (from %(time)s).",
        "This form was sent too often in a short time, so it waits a while: that keeps passwords from being "
        "guessed. Please try again in %(num)d minutes (from %(time)s).",
        minutes, time=until,
    ))
    return body, status, {"Retry-After": str(seconds)}


@bp.app_errorhandler(500)
def server_error(error):
    from flask_babel import gettext as _

    db.session.rollback()
    return error_page(500, _("Something went wrong"), _("The error was logged. Please try again later."))


@bp.app_errorhandler(StaleDataError)
def changed_meanwhile(error):
    """A row another request changed and committed meanwhile, outside every `concurrency.unchanged` block."""
    from clubs_exchange.concurrency import CHANGED_MEANWHILE, CHANGED_MEANWHILE_TITLE

    db.session.rollback()
    return error_page(409, str(CHANGED_MEANWHILE_TITLE), str(CHANGED_MEANWHILE))


# The database does not answer (restarting, failed over, the network between): a connection that cannot be made
# or is lost mid-request. pool_pre_ping (config.py) replaces dead pooled connections, so the first request after
# the database is back succeeds: the app recovers by itself.
DATABASE_UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError)


@bp.app_errorhandler(sa.exc.OperationalError)
@bp.app_errorhandler(sa.exc.InterfaceError)
@bp.app_errorhandler(sa.exc.DisconnectionError)
def database_unavailable(error):
    """503 with a page that says to try again: never a traceback, and no second query to draw it (the page is
    drawn for an anonymous visitor, in the cookie's or the browser's language)."""
    from flask import g
    from flask_babel import gettext as _

    from clubs_exchange.extensions import login_manager

    try:
        db.session.rollback()
    except sa.exc.SQLAlchemyError:
        pass
    # The kind of failure only: a driver's message can hold the database's address.
    current_app.logger.error("database unavailable during %s %s: %s", request.method,
                             request.url_rule.rule if request.url_rule else "(no route)", type(error).__name__)
    g._login_user = login_manager.anonymous_user()
    body, status = error_page(503, _("Try again in a minute"), _(
        "The site cannot reach its database at the moment (it may be restarting). Please try again in a minute. "
        "If you had just sent a form, look after reloading whether it was saved before sending it again."))
    return body, status, {"Retry-After": "30", "Cache-Control": "no-store"}

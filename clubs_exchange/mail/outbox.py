"""Storing mails and sending them: stored with the change they tell about, sent after the commit.

A request never fails because of mail: the mails its commit stored are sent once the response is on its way
(`call_on_close`), a failure is logged and left for `flask send-mail` to retry, and the outbox page shows it.
"""

import logging
import smtplib
from urllib.parse import urljoin

import sqlalchemy as sa
from flask import current_app, g, has_request_context, render_template, request, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session

from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.mail import bp
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.mail.smtp import as_message, connect

log = logging.getLogger("clubs_exchange.mail")


# --- storing ----------------------------------------------------------------------------------------------


def app_path(endpoint: str, **values) -> str:
    """The path of a page, also outside a request (the commands, the demo data)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def absolute_url(endpoint: str, **values) -> str:
    """A link for a mail: BASE_URL (the app's address as people reach it) plus the path; without BASE_URL
    the address of the current request."""
    base = current_app.config.get("BASE_URL") or (request.host_url if has_request_context() else "")
    return urljoin((base or "http://localhost:5000").rstrip("/") + "/", app_path(endpoint, **values).lstrip("/"))


def queue_mail(to: str, subject: str, template: str, /, **context) -> OutboxMail:
    """Store a mail in the outbox; its text and HTML parts come from templates/mail/<template>.txt/.html."""
    context = {"subject": subject, "city_name": current_app.config["CITY_NAME"], **context}
    mail = OutboxMail(
        recipient=to,
        subject=subject[:300],
        text_body=render_template(f"mail/{template}.txt", **context),
        html_body=render_template(f"mail/{template}.html", **context),
    )
    db.session.add(mail)
    return mail


# --- after the commit -------------------------------------------------------------------------------------


@event.listens_for(Session, "after_flush")
def _remember_new_mails(session, _flush_context):
    ids = [o.id for o in session.new if isinstance(o, OutboxMail)]
    if ids:
        session.info.setdefault("outbox_flushed", []).extend(ids)


@event.listens_for(Session, "after_commit")
def _hand_over_committed_mails(session):
    ids = session.info.pop("outbox_flushed", None)
    if ids and has_request_context():
        g.setdefault("mails_to_send", []).extend(ids)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_mails(session):
    session.info.pop("outbox_flushed", None)


@bp.after_app_request
def send_after_response(response):
    ids = g.pop("mails_to_send", None)
    if ids:
        app = current_app._get_current_object()
        response.call_on_close(lambda: _send_in_own_context(app, ids))
    return response


def _send_in_own_context(app, ids: list[int]) -> None:
    # The request's context is gone once the response is sent: this one has its own database session.
    with app.app_context():
        try:
            send_mails(ids)
        except Exception:
            log.exception("sending mails %s after the response failed; `flask send-mail` retries them", ids)
        finally:
            db.session.remove()


# --- sending ----------------------------------------------------------------------------------------------


def due_mails(ids: list[int] | None = None) -> list[OutboxMail]:
    """The given queued mails, or (for `flask send-mail`) every queued one and every failed one with attempts
    left."""
    query = sa.select(OutboxMail).order_by(OutboxMail.id)
    if ids is not None:
        return list(db.session.scalars(query.where(OutboxMail.id.in_(ids), OutboxMail.state == MailState.QUEUED)))
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    return list(db.session.scalars(query.where(sa.or_(
        OutboxMail.state == MailState.QUEUED,
        sa.and_(OutboxMail.state == MailState.FAILED, OutboxMail.attempts < max_attempts),
    ))))


def send_mails(ids: list[int] | None = None) -> dict[MailState, int]:
    """Send due mails through one SMTP connection, committing after each; returns how many ended in which state."""
    config = current_app.config
    mails = due_mails(ids)
    counts = dict.fromkeys(MailState, 0)
    if not mails:
        return counts
    if not config.get("MAIL_SERVER"):
        for mail in mails:
            log.warning("No SMTP server configured; mail to %s not sent: %s\n%s", mail.recipient, mail.subject,
                        mail.text_body)
            mail.state, mail.sent_at = MailState.LOGGED, utcnow()
            counts[mail.state] += 1
        db.session.commit()
        return counts
    smtp = None
    try:
        for mail in mails:
            mail.attempts += 1
            try:
                smtp = smtp or connect(config)
                smtp.send_message(as_message(mail, config["MAIL_SENDER"]))
            except (OSError, smtplib.SMTPException) as error:
                mail.state, mail.last_error = MailState.FAILED, f"{type(error).__name__}: {error}"[:2000]
                log.warning("mail %s to %s failed: %s", mail.id, mail.recipient, mail.last_error)
                if smtp is not None and not isinstance(error, smtplib.SMTPRecipientsRefused):
                    _quit(smtp)
                    smtp = None
            else:
                mail.state, mail.sent_at, mail.last_error = MailState.SENT, utcnow(), ""
            counts[mail.state] += 1
            db.session.commit()
    finally:
        if smtp is not None:
            _quit(smtp)
    return counts


def _quit(smtp) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()

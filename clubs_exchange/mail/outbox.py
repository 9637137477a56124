"""Storing mails and sending them: stored with the change they tell about, sent after the commit.

A request never fails because of mail: the mails its commit stored are sent once the response is on its way
(`call_on_close`), a failure is logged and left for `flask send-mail` to retry, and the outbox page shows it.
"""

import logging
import secrets
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app, g, has_request_context, render_template, request, url_for
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from clubs_exchange import languages
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.mail import bp
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.mail.smtp import as_message, connect

log = logging.getLogger("clubs_exchange.mail")


# --- storing ----------------------------------------------------------------------------------------------


def app_path(endpoint: str, **values) -> str:
    """The path of a page within the app, also outside a request (the commands, the demo data): without the
    prefix the app is reached under (a proxy's path, SCRIPT_NAME), so a stored link means the same page from a
    request, a command, a mail (BASE_URL + path) and a page (script root + path)."""
    if has_request_context():
        path, root = url_for(endpoint, **values), request.script_root
        return path[len(root):] if root and path.startswith(root + "/") else path
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)


def mail_base_url() -> str:
    """Where links in mails point: BASE_URL; without it (development: the app refuses to start with a mail
    server and no BASE_URL) this machine on DEV_PORT. Never the request's Host header: whoever sends the request
    chooses it, and would receive the reset link a forgot-password request of theirs mails to somebody else."""
    config = current_app.config
    return config.get("BASE_URL") or f"http://127.0.0.1:{int(config['DEV_PORT'])}"


def absolute_url(endpoint: str, **values) -> str:
    """The link for a mail, the one way every mail gets its links: BASE_URL (with its path, if the app is
    reached under one) plus the page's path, the same inside a request, a command or the demo data."""
    base = urlsplit(mail_base_url())
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme)
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


def queue_mail(to: str, subject: str, template: str, /, *, secrets: Iterable[str] = (), **context) -> OutboxMail:
    """Store a mail in the outbox; its text and HTML parts come from templates/mail/<template>.txt/.html, in the
    language of the `recipient` (a User, in the context) or else the city's default language.

    `secrets`: what in the mail lets its reader in (a reset or invitation token). The mail keeps it for SMTP, and
    for `flask show-mail`; the outbox page and the log show the mail with it masked (OutboxMail.shown_text)."""
    language = languages.language_of(context.get("recipient"))
    # Written in the recipient's language and its formats (dates, money), whoever's request queues it; a lazy
    # subject or message (lazy_gettext) is translated here too.
    with force_locale(languages.format_locale(language)):
        subject = str(subject)
        context = {"subject": subject, "city_name": current_app.config["CITY_NAME"], "mail_language": language,
                   **context}
        mail = OutboxMail(
            recipient=to,
            subject=subject[:300],
            text_body=render_template(f"mail/{template}.txt", **context),
            html_body=render_template(f"mail/{template}.html", **context),
            secret_values=[s for s in secrets if s],
        )
    for secret in mail.secret_values:
        # Masking finds the secret as it was given: a template that wrote it otherwise would show it.
        if secret not in mail.text_body:
            raise ValueError(f"mail/{template}.txt does not contain its secret as given: it could not be masked")
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
#
# Two senders may run at once: `flask send-mail` (cron) and the sender after a response, or two workers'
# senders. Each takes a mail before it hands it to SMTP, with one conditional UPDATE (the mail is still due
# and nobody holds it) whose row count says whether it got it; on PostgreSQL the competing UPDATE waits for the
# first one's commit and then finds the mail taken. The outcome is written only under the sender's own claim.
# A sender that died holding a claim leaves it behind: after MAIL_CLAIM_TIMEOUT seconds it counts as free.


def _due(ids: list[int] | None):
    """The given queued mails, or (for `flask send-mail`) every queued one and every failed one with attempts
    left."""
    if ids is not None:
        return sa.and_(OutboxMail.id.in_(ids), OutboxMail.state == MailState.QUEUED)
    return sa.or_(
        OutboxMail.state == MailState.QUEUED,
        sa.and_(OutboxMail.state == MailState.FAILED, OutboxMail.attempts < current_app.config["MAIL_MAX_ATTEMPTS"]),
    )


def _unclaimed(now):
    stale = now - timedelta(seconds=current_app.config["MAIL_CLAIM_TIMEOUT"])
    return sa.or_(OutboxMail.claimed_at.is_(None), OutboxMail.claimed_at < stale)


def due_mails(ids: list[int] | None = None) -> list[OutboxMail]:
    """Due mails nobody is sending (see _due): what a sender tries to claim, oldest first."""
    query = sa.select(OutboxMail).where(_due(ids), _unclaimed(utcnow())).order_by(OutboxMail.id)
    return list(db.session.scalars(query))


def claim(mail_id: int, ids: list[int] | None, token: str) -> OutboxMail | None:
    """Take one due mail for this sender (committed at once, so the others see it); None if another has it."""
    now = utcnow()
    taken = db.session.execute(
        sa.update(OutboxMail)
        .where(OutboxMail.id == mail_id, _due(ids), _unclaimed(now))
        .values(claimed_at=now, claim_token=token)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if taken != 1:
        return None
    return db.session.get(OutboxMail, mail_id, populate_existing=True)


def _record(mail: OutboxMail, token: str, **outcome) -> MailState:
    """Write the outcome and release the claim, if the claim is still this sender's (a sender that took longer
    than MAIL_CLAIM_TIMEOUT may have lost it to another, whose outcome then stands)."""
    db.session.execute(
        sa.update(OutboxMail)
        .where(OutboxMail.id == mail.id, OutboxMail.claim_token == token)
        .values(claimed_at=None, claim_token=None, **outcome)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return outcome["state"]


def send_mails(ids: list[int] | None = None) -> dict[MailState, int]:
    """Send due mails through one SMTP connection, claiming each first and committing after each; returns how
    many this sender brought to which state."""
    config = current_app.config
    counts = dict.fromkeys(MailState, 0)
    candidates = [mail.id for mail in due_mails(ids)]
    db.session.commit()  # end the reading transaction: each claim is a transaction of its own
    token = secrets.token_hex(16)
    smtp = None
    try:
        for mail_id in candidates:
            mail = claim(mail_id, ids, token)
            if mail is None:
                continue  # another sender has it
            if not config.get("MAIL_SERVER"):
                log.warning("No SMTP server configured; mail %s to %s not sent: %s\n%s%s", mail.id, mail.recipient,
                            mail.subject, mail.shown_text,
                            f"\n(a link in it is masked: `flask show-mail {mail.id}` shows it whole)"
                            if mail.secret_values else "")
                counts[_record(mail, token, state=MailState.LOGGED, sent_at=utcnow())] += 1
                continue
            attempts = mail.attempts + 1
            try:
                smtp = smtp or connect(config)
                smtp.send_message(as_message(mail, config["MAIL_SENDER"]))
            except (OSError, smtplib.SMTPException) as error:
                last_error = f"{type(error).__name__}: {error}"[:2000]
                log.warning("mail %s to %s failed: %s", mail.id, mail.recipient, last_error)
                if smtp is not None and not isinstance(error, smtplib.SMTPRecipientsRefused):
                    _quit(smtp)
                    smtp = None
                counts[_record(mail, token, state=MailState.FAILED, last_error=last_error, attempts=attempts)] += 1
            else:
                # Delivered: the stored copy keeps the link masked only, so no database backup holds it live.
                counts[_record(mail, token, state=MailState.SENT, sent_at=utcnow(), last_error="",
                               attempts=attempts, **mail.without_secrets())] += 1
    finally:
        if smtp is not None:
            _quit(smtp)
    return counts


def _quit(smtp) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()

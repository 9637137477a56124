"""`flask send-mail` (send what is queued, retry what failed) and `flask send-digest` (staff's daily digest)."""

import click

from clubs_exchange.mail import bp


@bp.cli.command("send-mail")
def send_mail() -> None:
    """Send queued mails and retry failed ones (up to MAIL_MAX_ATTEMPTS attempts each)."""
    from clubs_exchange.mail.outbox import send_mails

    counts = send_mails()
    click.echo(", ".join(f"{state.value}: {n}" for state, n in counts.items()))


@bp.cli.command("send-digest")
def send_digest() -> None:
    """Queue the daily digest of submitted proposals for staff who chose it, then send the mail."""
    from clubs_exchange.extensions import db
    from clubs_exchange.mail.outbox import send_mails
    from clubs_exchange.notifications.digest import queue_digests

    queued = queue_digests()
    db.session.commit()
    click.echo(f"{queued} digest(s) queued.")
    counts = send_mails()
    click.echo(", ".join(f"{state.value}: {n}" for state, n in counts.items()))

"""`flask send-mail` (send what is queued, retry what failed), `flask send-digest` (staff's daily digest) and
`flask show-mail ID` (one mail whole, its links unmasked: the operator's shell, never a web page)."""

import click

from clubs_exchange.ids import MAX_ID
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


@bp.cli.command("show-mail")
@click.argument("mail_id", type=click.IntRange(1, MAX_ID))
@click.option("--html", is_flag=True, help="Print the HTML part instead of the text part.")
def show_mail(mail_id: int, html: bool) -> None:
    """Print one mail of the outbox whole, with the links the outbox page and the log mask (development: read a
    reset or invitation link without an SMTP server). A delivered mail keeps its links masked only."""
    from clubs_exchange.extensions import db
    from clubs_exchange.mail.models import OutboxMail

    mail = db.session.get(OutboxMail, mail_id)
    if mail is None:
        raise click.ClickException(f"No mail {mail_id} in the outbox.")
    click.echo(f"To: {mail.recipient}\nSubject: {mail.subject}\nState: {mail.state.value}\n")
    click.echo(mail.html_body if html else mail.text_body)

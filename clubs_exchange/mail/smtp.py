"""Handing mails to the SMTP server configured in the settings."""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from clubs_exchange.mail.models import OutboxMail


def as_message(mail: OutboxMail, sender: str) -> EmailMessage:
    """A multipart/alternative mail: the text part first, the HTML part for programs that show it."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    # The outbox row it comes from: a receiving system (and the soak, bench/soak.py) can tell a mail sent twice
    # from two mails alike.
    if mail.id is not None:
        message["X-Outbox-Mail"] = str(mail.id)
    message.set_content(mail.text_body)
    if mail.html_body:
        message.add_alternative(mail.html_body, subtype="html")
    return message


def connect(config) -> smtplib.SMTP:
    """An open, logged-in connection. MAIL_SECURITY: "starttls" (port 587), "tls" (implicit, port 465) or "none"."""
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    security = (config["MAIL_SECURITY"] or "none").lower()
    if security == "tls":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp

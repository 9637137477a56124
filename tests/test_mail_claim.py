"""Two senders at once (`flask send-mail` and the sender after a response): each mail goes out exactly once,
and a mail whose sender died is sent later all the same."""

import asyncio
import threading
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange.clock import utcnow
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.mail.outbox import queue_mail, send_mails

MAILS = 24


class SlowInbox:
    """A real SMTP server's handler that takes a moment per mail, as a real one does: senders overlap."""

    def __init__(self):
        self.subjects = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        await asyncio.sleep(0.01)
        self.subjects.append(message_from_bytes(envelope.content, policy=default)["Subject"])
        return "250 Message accepted for delivery"


@pytest.fixture
def app_config(mail_config):
    return mail_config


@pytest.fixture
def slow_smtp(smtp_port):
    from aiosmtpd.controller import Controller

    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def queue(db, n: int) -> list[int]:
    mails = [queue_mail(f"person{i}@example.org", f"Mail {i}", "password_reset", recipient={"name": "P"},
                        url="/x", minutes=5) for i in range(n)]
    db.session.commit()
    return [m.id for m in mails]


def run_at_once(app, *jobs):
    """Each job in a thread of its own, with its own app context, database session and connection."""
    start = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        with app.app_context():
            try:
                start.wait()
                job()
            except Exception as error:  # noqa: BLE001 - reported below, in the test's thread
                errors.append(error)
            finally:
                from clubs_exchange.extensions import db

                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


@pytest.mark.parametrize("second", ["send-mail", "after the response"])
def test_two_senders_at_once_deliver_each_mail_exactly_once(app, db, database_url, slow_smtp, second):
    if not database_url.startswith("postgresql"):
        pytest.skip("two senders at once need PostgreSQL (DATABASE_URL=postgresql+psycopg://...)")
    ids = queue(db, MAILS)
    other = (lambda: send_mails()) if second == "send-mail" else (lambda: send_mails(ids))
    run_at_once(app, lambda: send_mails(), other)

    delivered = Counter(slow_smtp.subjects)
    assert sorted(delivered) == sorted(f"Mail {i}" for i in range(MAILS))
    assert set(delivered.values()) == {1}, [s for s, n in delivered.items() if n > 1]
    db.session.expire_all()
    rows = db.session.execute(sa.select(OutboxMail.state, OutboxMail.attempts, OutboxMail.claim_token)).all()
    assert rows == [(MailState.SENT, 1, None)] * MAILS


def test_a_mail_another_sender_is_sending_is_left_to_it(app, db, slow_smtp):
    [taken, free] = queue(db, 2)
    db.session.execute(sa.update(OutboxMail).where(OutboxMail.id == taken)
                       .values(claimed_at=utcnow() - timedelta(seconds=30), claim_token="someone-else"))
    db.session.commit()
    counts = send_mails()
    assert counts[MailState.SENT] == 1
    assert slow_smtp.subjects == ["Mail 1"]
    assert db.session.get(OutboxMail, taken).state == MailState.QUEUED


def test_a_mail_whose_sender_died_is_sent_after_the_claim_timeout(app, db, slow_smtp):
    [mail_id] = queue(db, 1)
    long_ago = utcnow() - timedelta(seconds=app.config["MAIL_CLAIM_TIMEOUT"] + 60)
    db.session.execute(sa.update(OutboxMail).where(OutboxMail.id == mail_id)
                       .values(claimed_at=long_ago, claim_token="a-dead-sender"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert slow_smtp.subjects == ["Mail 0"]
    mail = db.session.get(OutboxMail, mail_id)
    assert (mail.state, mail.claimed_at, mail.claim_token) == (MailState.SENT, None, None)


def test_a_sender_that_lost_its_claim_does_not_overwrite_the_outcome(app, db):
    """A sender slower than MAIL_CLAIM_TIMEOUT: another took the mail over; the late one's result is dropped."""
    from clubs_exchange.mail.outbox import _record, claim

    [mail_id] = queue(db, 1)
    mail = claim(mail_id, None, "slow-sender")
    assert mail is not None and mail.claim_token == "slow-sender"
    assert claim(mail_id, None, "second-sender") is None  # held: nobody else takes it
    db.session.execute(sa.update(OutboxMail).where(OutboxMail.id == mail_id)
                       .values(claim_token="second-sender", state=MailState.SENT))
    db.session.commit()
    _record(mail, "slow-sender", state=MailState.FAILED, last_error="timeout", attempts=1)
    assert db.session.get(OutboxMail, mail_id, populate_existing=True).state == MailState.SENT

"""`flask purge` keeps each purpose's data for its period only: outbox mails, notifications, the view log,
registrations never confirmed, disabled accounts (the guests: tests/test_hosting_retention.py)."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clubs_exchange.auth.models import User
from clubs_exchange.clock import utcnow
from clubs_exchange.hosting.models import HostingViewLog, ViewKind
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.mail.retention import purge_mails
from clubs_exchange.notifications.models import Notification, NotificationKind
from clubs_exchange.notifications.retention import purge_notifications
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.privacy.retention import purge_disabled, purge_unconfirmed

NOW = datetime(2031, 6, 1, 12, tzinfo=UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


def test_delivered_mails_go_after_their_period_and_waiting_ones_stay(db):
    mails = {
        "old sent": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.SENT,
                               created_at=ago(100), sent_at=ago(95)),
        "old logged": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.LOGGED,
                                 created_at=ago(100)),
        "recent sent": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.SENT,
                                  created_at=ago(100), sent_at=ago(10)),
        "old queued": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.QUEUED,
                                 created_at=ago(100)),
        "old failed, retried": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.FAILED,
                                          attempts=2, created_at=ago(100)),
        "old failed, given up": OutboxMail(recipient="a@x.org", subject="s", text_body="t", state=MailState.FAILED,
                                           attempts=5, created_at=ago(100)),
    }
    db.session.add_all(mails.values())
    db.session.commit()
    ids = {name: m.id for name, m in mails.items()}
    assert purge_mails(NOW, 90, 5) == 3
    left = set(db.session.scalars(sa.select(OutboxMail.id)))
    assert left == {ids["recent sent"], ids["old queued"], ids["old failed, retried"]}


def test_read_notifications_go_and_unread_ones_stay(db, member):
    def note(read_at):
        return Notification(user_id=member.id, kind=NotificationKind.APPROVED, message="m", link="/",
                            created_at=ago(400), read_at=read_at)

    db.session.add_all([note(ago(200)), note(ago(20)), note(None)])
    db.session.commit()
    assert purge_notifications(NOW, 180) == 1
    assert sorted(n.read_at is None for n in db.session.scalars(sa.select(Notification))) == [False, True]


def test_the_view_log_keeps_its_period(app, db, staff):
    db.session.add_all([HostingViewLog(user_id=staff.id, what=ViewKind.HOST, at=ago(800)),
                        HostingViewLog(user_id=staff.id, what=ViewKind.HOST, at=ago(30))])
    db.session.commit()
    from clubs_exchange.hosting.retention import purge_view_log

    assert purge_view_log(NOW, 24) == 1
    assert [e.at for e in db.session.scalars(sa.select(HostingViewLog))] == [ago(30)]


def test_registrations_never_confirmed_go_with_the_organisation_nobody_took_up(db, make_org, make_user):
    lonely = make_org(name="Chor ohne Bestätigung", status=OrganisationStatus.PENDING, contact_name="Nie Bestätigt")
    waiting = make_user(lonely, name="Nie Bestätigt", email="nie@example.org", email_verified_at=None,
                        created_at=ago(40))
    shared = make_org(status=OrganisationStatus.PENDING)
    make_user(shared)  # somebody else is in this one
    late = make_user(shared, email="spaet@example.org", email_verified_at=None, created_at=ago(40))
    fresh = make_user(email="neu@example.org", email_verified_at=None, created_at=ago(5))
    confirmed = make_user(created_at=ago(400))
    lonely_id, shared_id = lonely.id, shared.id
    ids = [u.id for u in (waiting, late, fresh, confirmed)]
    assert purge_unconfirmed(NOW, 30) == (2, 1)
    db.session.commit()
    left = set(db.session.scalars(sa.select(User.id)))
    assert ids[0] not in left and ids[1] not in left and {ids[2], ids[3]} <= left
    assert db.session.get(Organisation, lonely_id) is None and db.session.get(Organisation, shared_id) is not None


def test_disabled_accounts_are_anonymised_after_their_period(db, make_user, choir):
    long_ago = make_user(choir, name="Lang Weg", active=False, disabled_at=ago(800))
    lately = make_user(choir, name="Kurz Weg", active=False, disabled_at=ago(30))
    active = make_user(choir, name="Noch Da")
    assert purge_disabled(NOW, 24) == 1
    db.session.commit()
    assert db.session.get(User, long_ago.id).name == f"Former member #{long_ago.id}"
    assert [db.session.get(User, u.id).name for u in (lately, active)] == ["Kurz Weg", "Noch Da"]


def test_disabling_an_account_starts_its_clock(client, login_as, db, admin, member):
    login_as(admin)
    client.post(f"/accounts/{member.id}", data={"name": member.name, "role": "member"})
    assert db.session.get(User, member.id).disabled_at is not None
    client.post(f"/accounts/{member.id}", data={"name": member.name, "role": "member", "active": "y"})
    assert db.session.get(User, member.id).disabled_at is None


def test_flask_purge_names_every_purpose_and_runs_them(app, db, member):
    runner = app.test_cli_runner()
    purposes = runner.invoke(args=["purge", "--list"]).output.split()
    assert {"outbox-mails", "notifications", "hosting-view-log", "unconfirmed-registrations", "disabled-accounts",
            "guests"} <= set(purposes)
    db.session.add(Notification(user_id=member.id, kind=NotificationKind.APPROVED, message="m", link="/",
                                read_at=utcnow() - timedelta(days=400)))
    db.session.commit()
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "notifications: 1 read notifications" in result.output
    assert "disabled-accounts: 0 accounts anonymised" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0

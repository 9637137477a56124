"""`flask send-reminders` (daily from cron): the organisers of an event hear of a funding deadline that is near or
has passed, in the app and by mail, once per application, kind and due date.

- apply soon / overdue: a planned application whose apply-by date is within FUNDING_REMINDER_DAYS, or passed;
- report soon / overdue: a granted application whose event has ended and whose report is due within the days,
  or was due.

"Once" is the unique key of FundingReminder: each reminder is inserted, with its notifications and mails, in a
transaction of its own; a second run (or a second host running at the same moment) meets the key and sends
nothing. A moved deadline is a new due date: reminded again.
"""

from datetime import date, timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from clubs_exchange import clock, languages
from clubs_exchange.extensions import db
from clubs_exchange.funding import meetings
from clubs_exchange.funding.models import FundingApplication, FundingReminder, GrantState, ReminderKind
from clubs_exchange.proposals.models import Proposal

K = ReminderKind


def message(kind: ReminderKind, *, title: str, scheme: str, due: str):
    """The reminder's words, lazy: translated for each reader (notifications) and each recipient (mails)."""
    return {
        K.APPLY_SOON: lambda: _l("Apply to “%(scheme)s” for “%(title)s” by %(date)s.",
                                 scheme=scheme, title=title, date=due),
        K.APPLY_OVERDUE: lambda: _l("The application to “%(scheme)s” for “%(title)s” was due by %(date)s and has "
                                    "not been sent.", scheme=scheme, title=title, date=due),
        K.REPORT_SOON: lambda: _l("The report to “%(scheme)s” on “%(title)s” is due by %(date)s.",
                                  scheme=scheme, title=title, date=due),
        K.REPORT_OVERDUE: lambda: _l("The report to “%(scheme)s” on “%(title)s” was due by %(date)s and is "
                                     "overdue.", scheme=scheme, title=title, date=due),
    }[kind]()


def due_reminder(application: FundingApplication, today: date, days: int) -> tuple[ReminderKind, date] | None:
    """The reminder an application is due today, if any: (kind, the deadline it is for)."""
    horizon = today + timedelta(days=days)
    if application.state == GrantState.PLANNED and application.apply_by is not None:
        if application.apply_by < today:
            return K.APPLY_OVERDUE, application.apply_by
        if application.apply_by <= horizon:
            return K.APPLY_SOON, application.apply_by
    if (application.state == GrantState.GRANTED and application.report_due_on is not None
            and meetings.event_days(application.proposal)[1] < today):
        if application.report_due_on < today:
            return K.REPORT_OVERDUE, application.report_due_on
        if application.report_due_on <= horizon:
            return K.REPORT_SOON, application.report_due_on
    return None


def candidates(today: date, days: int) -> list[FundingApplication]:
    horizon = today + timedelta(days=days)
    return list(db.session.scalars(
        sa.select(FundingApplication)
        .where(sa.or_(
            sa.and_(FundingApplication.state == GrantState.PLANNED, FundingApplication.apply_by <= horizon),
            sa.and_(FundingApplication.state == GrantState.GRANTED, FundingApplication.report_due_on <= horizon),
        ))
        .options(joinedload(FundingApplication.proposal).joinedload(Proposal.organisation),
                 joinedload(FundingApplication.scheme))
        .order_by(FundingApplication.id)
    ).unique())


def _tell(application: FundingApplication, kind: ReminderKind, due_on: date) -> int:
    """Notifications and mails to the members of the event's organisation; returns how many were told."""
    from clubs_exchange.mail.outbox import absolute_url, app_path, queue_mail
    from clubs_exchange.notifications.events import add_notifications, members_of
    from clubs_exchange.notifications.models import NotificationKind

    proposal, scheme = application.proposal, application.scheme
    members = members_of(proposal.organisation_id)
    # The notification keeps the date as the city writes it; each mail writes it in its recipient's language.
    with force_locale(languages.format_locale(languages.default_language())):
        shown = format_date(due_on, "medium")
    add_notifications(members, kind=NotificationKind.FUNDING_REMINDER,
                      message=message(kind, title=proposal.title, scheme=scheme.name, due=shown),
                      link=app_path("funding.event", proposal_id=proposal.id))
    url = absolute_url("funding.event", proposal_id=proposal.id)
    for member in members:
        with force_locale(languages.format_locale(languages.language_of(member))):
            day = format_date(due_on, "medium")
        text = message(kind, title=proposal.title, scheme=scheme.name, due=day)
        queue_mail(member.email, kind.labels()[kind], "funding_reminder", recipient=member, message=text,
                   application=application, url=url)
    return len(members)


def send_reminders(today: date | None = None, days: int | None = None) -> int:
    """Send every reminder due today that was not sent before; returns how many were sent. Commits each one."""
    today = today or clock.today()
    days = current_app.config["FUNDING_REMINDER_DAYS"] if days is None else days
    sent = 0
    for application in candidates(today, days):
        due = due_reminder(application, today, days)
        if due is None:
            continue
        kind, due_on = due
        try:
            with db.session.begin_nested():
                db.session.add(FundingReminder(application_id=application.id, kind=kind, due_on=due_on))
        except IntegrityError:
            continue  # sent before, by an earlier run or by one running now
        _tell(application, kind, due_on)
        db.session.commit()
        sent += 1
    db.session.commit()
    return sent


@click.command("send-reminders")
@click.option("--days", type=int, default=None, help="Remind of deadlines within this many days "
              "(default: FUNDING_REMINDER_DAYS).")
def send_reminders_command(days: int | None) -> None:
    """Remind the organisers of funding deadlines near or passed, once each (run daily from cron)."""
    count = send_reminders(days=days)
    click.echo(f"Funding reminders sent: {count}.")

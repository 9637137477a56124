"""The activity report: approved events of the calendar in a period, by the criterion they support.

A fixed number of queries whatever the number of events: the events with their partner, organisation and tag
in one, the memberships in another.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, load_only

from clubs_exchange import clock
from clubs_exchange.awards.models import AssociationMembership, Criterion, EventCriterion
from clubs_exchange.clock import city_tz
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import EventKind, Proposal, ProposalState


@dataclass
class Section:
    criterion: Criterion | None  # None: the events nobody has tagged yet
    events: list[Proposal] = field(default_factory=list)

    @property
    def participants_ours(self) -> int:
        return sum(e.participants_ours for e in self.events)

    @property
    def participants_guests(self) -> int:
        return sum(e.participants_guests for e in self.events)


@dataclass
class ActivityReport:
    start: date
    end: date
    sections: list[Section]  # one per criterion, in the dossier's order
    untagged: Section
    memberships: list[AssociationMembership]

    @property
    def events(self) -> list[Proposal]:
        return [e for s in self.sections for e in s.events] + self.untagged.events

    @property
    def event_count(self) -> int:
        return len(self.events)

    @property
    def participants(self) -> int:
        return sum(e.participants_ours + e.participants_guests for e in self.events)

    @property
    def partner_count(self) -> int:
        return len({e.partner_city_id for e in self.events})

    def section(self, criterion: Criterion) -> Section:
        return next(s for s in self.sections if s.criterion == criterion)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period from the first day's midnight to the midnight after the last day, in the city's time zone."""
    tz = city_tz()
    return (
        datetime.combine(start, time(), tzinfo=tz).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=tz).astimezone(UTC),
    )


def activity_report(start: date, end: date) -> ActivityReport:
    """Approved events that start in the period, sorted by date, grouped by their criterion."""
    first, after_last = period_bounds(start, end)
    rows = db.session.execute(
        sa.select(Proposal, EventCriterion.criterion)
        .outerjoin(EventCriterion, EventCriterion.proposal_id == Proposal.id)
        # Only what the report shows: a year's programme is hundreds of rows, each column costs.
        .options(
            load_only(Proposal.title, Proposal.kind, Proposal.partner_city_id, Proposal.organisation_id,
                      Proposal.starts_at, Proposal.state, Proposal.participants_ours, Proposal.participants_guests),
            joinedload(Proposal.partner_city).load_only(PartnerCity.name),
            joinedload(Proposal.organisation).load_only(Organisation.name),
        )
        .where(Proposal.state == ProposalState.APPROVED, Proposal.starts_at >= first, Proposal.starts_at < after_last)
        .order_by(Proposal.starts_at, Proposal.id)
    ).all()
    sections = {criterion: Section(criterion) for criterion in Criterion}
    untagged = Section(None)
    for proposal, criterion in rows:
        (sections[criterion] if criterion is not None else untagged).events.append(proposal)
    memberships = list(
        db.session.scalars(
            sa.select(AssociationMembership)
            .where(AssociationMembership.since <= end)
            .order_by(AssociationMembership.since, AssociationMembership.name)
        )
    )
    return ActivityReport(start, end, list(sections.values()), untagged, memberships)


def event_day(moment: datetime) -> str:
    """The day an event starts, in the city's time zone, as a person reads it."""
    # A report lists hundreds of events on far fewer days, and Babel costs ≈0.2 ms a call: remember the text.
    return _day_text(moment, str(get_locale()), current_app.config["CITY_TIMEZONE"])


@lru_cache(maxsize=20_000)
def _day_text(moment: datetime, _locale: str, _timezone: str) -> str:
    return format_date(moment.astimezone(city_tz()).date(), "medium")


def period_text(start: date, end: date) -> str:
    return f"{format_date(start, 'medium')} – {format_date(end, 'medium')}"


def report_table(report: ActivityReport) -> tuple[list[str], list[list]]:
    """The report as the columns and rows of a CSV download (clubs_exchange.csv_io makes them safe)."""
    header = [_("Criterion"), _("Date"), _("Event"), _("Partner city"), _("Organisation"), _("Kind"),
              _("Participants from our city"), _("Guests")]
    kinds = {kind: str(kind.label) for kind in EventKind}
    rows: list[list] = []
    for section in [*report.sections, report.untagged]:
        label = str(section.criterion.label) if section.criterion else _("Not tagged")
        rows += [[label, clock.local(e.starts_at).date(), e.title, e.partner_city.name, e.organisation.name,
                  kinds[e.kind], e.participants_ours, e.participants_guests] for e in section.events]
    label = str(Criterion.ASSOCIATIONS.label)
    rows += [[label, m.since, _("Member of %(name)s", name=m.name), "", "", "", "", ""] for m in report.memberships]
    return header, rows

"""What each export holds: its columns and its rows, read in one query (two for the audit trail's names).

Each takes the query of the page it comes from, so the file holds what the page shows, without the page limit.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.audit.display import lines
from clubs_exchange.auth.models import Membership, User, UserRole
from clubs_exchange.csv_io import amount
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import Proposal, proposal_co_organisers

# Names joined by the database, split and sorted here: no separator a name could contain.
UNIT_SEPARATOR = "\x1f"


def co_organiser_names():
    """A correlated subquery: a proposal's co-organisers' names in one text, on every database."""
    return (
        sa.select(sa.func.aggregate_strings(Organisation.name, UNIT_SEPARATOR))
        .join(proposal_co_organisers, proposal_co_organisers.c.organisation_id == Organisation.id)
        .where(proposal_co_organisers.c.proposal_id == Proposal.id)
        .scalar_subquery()
    )


def _names(joined: str | None) -> str:
    return ", ".join(sorted((joined or "").split(UNIT_SEPARATOR), key=str.lower)) if joined else ""


def proposals_table(query: sa.Select) -> tuple[list[str], list[tuple]]:
    """The proposals of a list or the review queue; `query` selects Proposal with its organisation and partner
    city joined (proposal_list, queue_query)."""
    header = [
        _("Number"), _("Title"), _("State"), _("Kind of event"), _("Direction"), _("Starts"), _("Ends"),
        _("Partner city"), _("Country"), _("Proposed by"), _("Co-organisers"), _("Venue"),
        _("Participants from our city"), _("Guests"), _("Guests who need a private host"),
        _("Requested budget"), _("Submitted"), _("Last changed"),
    ]
    rows = [
        (
            p.id, p.title, p.state, p.kind, p.direction, p.starts_at, p.ends_at,
            p.partner_city.name, p.partner_city.country, p.organisation.name, _names(co), p.venue,
            p.participants_ours, p.participants_guests, p.guests_needing_host,
            amount(p.budget_cents), p.submitted_at, p.updated_at,
        )
        for p, co in db.session.execute(query.add_columns(co_organiser_names()))
    ]
    return header, rows


def calendar_query(conditions: list) -> sa.Select:
    """The calendar list's events (its conditions, its order), with the one-to-one links joined: the list's
    own query loads them in batches of 500, which would make the number of queries grow with the file."""
    return (
        sa.select(Proposal)
        .where(*conditions)
        .order_by(Proposal.starts_at, Proposal.id)
        .options(joinedload(Proposal.partner_city), joinedload(Proposal.organisation))
    )


def calendar_table(query: sa.Select) -> tuple[list[str], list[tuple]]:
    header = [
        _("Starts"), _("Ends"), _("Event"), _("Kind of event"), _("State"), _("Partner city"), _("Country"),
        _("Organiser"), _("Co-organisers"), _("Venue"),
    ]
    rows = [
        (
            e.starts_at, e.ends_at, e.title, e.kind, e.state, e.partner_city.name, e.partner_city.country,
            e.organisation.name, _names(co), e.venue,
        )
        for e, co in db.session.execute(query.add_columns(co_organiser_names()))
    ]
    return header, rows


def organisations_table(query: sa.Select, *, with_contacts: bool) -> tuple[list[str], list[tuple]]:
    """The list's columns; staff, who see every profile in full, also get the contacts."""
    header = [_("Name"), _("Kind"), _("Discipline or subject"), _("Members"), _("Age groups"), _("Languages"),
              _("Status")]
    if with_contacts:
        header += [_("Contact person"), _("E-mail"), _("Phone"), _("Verified")]
    rows = []
    for o in db.session.scalars(query):
        row = (o.name, o.kind, o.discipline, o.member_count, ", ".join(str(g.label) for g in o.age_group_list),
               o.languages, o.status)
        if with_contacts:
            row += (o.contact_name, o.email, o.phone, o.verified_at)
        rows.append(row)
    return header, rows


def interests_table(query: sa.Select) -> tuple[list[str], list[tuple]]:
    """`query` selects ExchangeInterest with its organisation and partner city joined (open_interests_query)."""
    header = [
        _("Organisation"), _("What"), _("Activity"), _("Partner city"), _("Group size"), _("Age group"),
        _("From month"), _("To month"), _("Beds offered"), _("Notes"), _("Stated"),
    ]
    rows = [
        (
            i.organisation.name, i.kind, i.activity, i.partner_city.name if i.partner_city else _("any"),
            i.group_size, i.age_group, i.period_from, i.period_to, i.beds_offered, i.notes, i.created_at,
        )
        for i in db.session.scalars(query)
    ]
    return header, rows


def accounts_table(query: sa.Select) -> tuple[list[str], list[tuple]]:
    """`query` selects User (user_search); read as plain columns, so the memberships are not loaded per batch."""
    organisations = (
        sa.select(sa.func.aggregate_strings(Organisation.name, UNIT_SEPARATOR))
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.user_id == User.id)
        .scalar_subquery()
    )
    header = [_("Name"), _("E-mail"), _("Role"), _("Organisations"), _("Active"), _("Created"), _("Last login")]
    rows = [
        (name, email, UserRole(role), _names(orgs), active, created_at, last_login_at)
        for name, email, role, active, created_at, last_login_at, orgs in db.session.execute(
            query.with_only_columns(
                User.name, User.email, User.role, User.active, User.created_at, User.last_login_at, organisations
            )
        )
    ]
    return header, rows


def audit_table(query: sa.Select) -> tuple[list[str], list[tuple]]:
    header = [_("When"), _("Who"), _("Kind of object"), _("Number"), _("Object"), _("Action"),
              _("Before → after")]
    rows = [
        (
            line.entry.at, line.actor, line.kind, line.entry.object_id, line.label,
            line.entry.action,
            "; ".join(f"{c.field}: {c.before} → {c.after}" for c in line.changes),
        )
        for line in lines(list(db.session.scalars(query)))
    ]
    return header, rows

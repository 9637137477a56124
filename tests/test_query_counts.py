"""Each key page issues the same number of SQL statements with 10 and with 1,000 rows behind it, at most 10."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from bench.pages import counting_statements
from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.interests.models import ExchangeInterest, InterestKind
from clubs_exchange.localised.models import TextTranslation, TranslatedField
from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus
from clubs_exchange.proposals.models import (
    Direction,
    EventKind,
    Proposal,
    ProposalAction,
    ProposalState,
    ProposalStep,
    proposal_co_organisers,
)

MAX_QUERIES = 10


class Rows:
    """Adds rows behind every key page in bulk: organisations that match the search, events this month
    (each with a co-organiser, its history and its title in German), proposals waiting in the queue, the first
    proposal's steps."""

    def __init__(self, db, organisation, partner, staff):
        self.db, self.organisation, self.partner, self.staff = db, organisation, partner, staff
        self.added = 0
        today = clock.today()
        self.month_start = datetime(today.year, today.month, 1, 10, tzinfo=UTC)

    def add(self, n: int) -> None:
        db, offset = self.db, self.added
        organisations = [
            {"name": f"Football friends {offset + i}", "kind": OrganisationKind.SPORTS_CLUB,
             "discipline": "football", "status": OrganisationStatus.VERIFIED}
            for i in range(n)
        ]
        db.session.execute(sa.insert(Organisation), organisations)
        events = []
        for i in range(n):
            starts = self.month_start + timedelta(minutes=(offset + i) % 27 * 1440 + i)
            state = ProposalState.SUBMITTED if i % 3 == 0 else ProposalState.APPROVED
            events.append({
                "title": f"Match {offset + i}", "kind": EventKind.MATCH, "direction": Direction.INCOMING,
                "organisation_id": self.organisation.id, "partner_city_id": self.partner.id,
                "starts_at": starts, "ends_at": starts + timedelta(hours=2), "state": state,
                "submitted_at": starts - timedelta(days=30), "created_by_id": self.staff.id,
            })
        # Two thirds are events of this month (more than one IN-list of 500), a third wait in the queue.
        ids = list(db.session.scalars(sa.insert(Proposal).returning(Proposal.id), events))
        first = self.first_proposal_id = getattr(self, "first_proposal_id", ids[0])
        db.session.execute(sa.insert(ProposalStep), [
            {"proposal_id": pid, "action": ProposalAction.CREATE, "to_state": ProposalState.DRAFT,
             "actor_id": self.staff.id} for pid in [*ids, *([first] * n)]
        ])
        co_organiser = db.session.scalar(sa.select(Organisation.id).where(Organisation.id != self.organisation.id))
        db.session.execute(sa.insert(proposal_co_organisers), [
            {"proposal_id": pid, "organisation_id": co_organiser} for pid in ids
        ])
        # Each event with its title in German (the pages load every translation with the events).
        db.session.execute(sa.insert(TextTranslation), [
            {"proposal_id": pid, "field": TranslatedField.TITLE, "language": "de", "text": f"Spiel {pid}"}
            for pid in ids
        ])
        db.session.execute(sa.insert(ExchangeInterest), [
            {"organisation_id": self.organisation.id, "kind": InterestKind.HOST_GROUP, "activity": "football"}
            for _ in range(n)
        ])
        db.session.commit()
        self.added += n


def key_pages(rows: Rows, staff) -> dict[str, tuple[str, dict]]:
    today = clock.today()
    htmx = {"HX-Request": "true"}
    return {
        "review queue": (f"/review/?partner={rows.partner.id}", {}),
        "calendar month": (f"/calendar/?year={today.year}&month={today.month}", {}),
        "calendar list": (f"/calendar/list?from={today.replace(day=1).isoformat()}", {}),
        "proposal page": (f"/proposals/{rows.first_proposal_id}", {}),
        "organisation home": (f"/organisations/{rows.organisation.id}", {}),
        "organisation search": ("/organisations/?q=football", htmx),
        "organisation suggestions": ("/organisations/suggest?q=football", htmx),
        "ICS feed": (f"/calendar/feed/{staff.calendar_token}.ics", {}),
    }


@pytest.fixture
def rows(db, make_org, make_partner, make_user):
    staff = make_user(role=UserRole.STAFF)
    return Rows(db, make_org(name="Football club Nord"), make_partner(), staff)


def statements(client, db, path, headers) -> tuple[int, bytes]:
    with counting_statements(db.engine) as counter:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return counter["n"], response.data


@pytest.mark.parametrize("page", ["review queue", "calendar month", "calendar list", "proposal page",
                                  "organisation home", "organisation search", "organisation suggestions",
                                  "ICS feed"])
def test_queries_do_not_grow_with_the_data(page, rows, client, login_as, db):
    login_as(rows.staff)
    rows.add(10)
    path, headers = key_pages(rows, rows.staff)[page]
    few, small_page = statements(client, db, path, headers)
    rows.add(990)
    many, big_page = statements(client, db, path, headers)
    # The page did get the new rows: it is not comparing two empty pages.
    assert len(big_page) > len(small_page)
    assert few == many, f"{page}: {few} statements with 10 rows, {many} with 1,000"
    assert many <= MAX_QUERIES


# --- partnerships (issue 4): the partnership page and the candidates list ------------------------------------


def _add_partnership_rows(db, partner, organisation, staff, n: int, offset: int) -> None:
    from datetime import date

    from clubs_exchange.candidates.models import Candidate, Tie, TieKind
    from clubs_exchange.partners.models import LevelChange, Milestone, MilestoneKind, PartnerContact, RelationshipLevel

    starts = [datetime(2000 + (offset + i) % 30, 1 + i % 12, 10, tzinfo=UTC) for i in range(n)]
    db.session.execute(sa.insert(Proposal), [
        {"title": f"Visit {offset + i}", "kind": EventKind.DELEGATION_VISIT, "direction": Direction.INCOMING,
         "organisation_id": organisation.id, "partner_city_id": partner.id, "starts_at": s,
         "ends_at": s + timedelta(hours=3), "state": ProposalState.APPROVED, "participants_ours": 5,
         "participants_guests": 4, "created_by_id": staff.id}
        for i, s in enumerate(starts)
    ])
    db.session.execute(sa.insert(Milestone), [
        {"partner_city_id": partner.id, "kind": MilestoneKind.OTHER, "title": f"Milestone {offset + i}",
         "happened_on": date(2000 + i % 30, 1, 1)} for i in range(n)
    ])
    db.session.execute(sa.insert(LevelChange), [
        {"partner_city_id": partner.id, "to_level": RelationshipLevel.CONTACT, "actor_id": staff.id} for _ in range(n)
    ])
    db.session.execute(sa.insert(PartnerContact), [
        {"partner_city_id": partner.id, "name": f"Contact {offset + i}"} for i in range(n)
    ])
    ids = list(db.session.scalars(sa.insert(Candidate).returning(Candidate.id), [
        {"name": f"Candidate {offset + i}", "country": "Austria", "activities": "football"} for i in range(n)
    ]))
    db.session.execute(sa.insert(Tie), [
        {"candidate_id": cid, "kind": TieKind.CLUBS, "ours": "A", "theirs": "B"} for cid in ids
    ])
    db.session.commit()


@pytest.mark.parametrize("page", ["partnership page", "candidates list"])
def test_partnership_pages_do_not_grow_with_the_data(page, db, client, login_as, make_org, make_partner, make_user):
    staff = make_user(role=UserRole.STAFF)
    partner, organisation = make_partner(), make_org()
    path = f"/partners/{partner.id}" if page == "partnership page" else "/candidates/"
    login_as(staff)
    _add_partnership_rows(db, partner, organisation, staff, 10, 0)
    few, small_page = statements(client, db, path, {})
    _add_partnership_rows(db, partner, organisation, staff, 990, 10)
    many, big_page = statements(client, db, path, {})
    assert len(big_page) > len(small_page)
    assert few == many, f"{page}: {few} statements with 10 rows, {many} with 1,000"
    assert many <= MAX_QUERIES

def _add_partners_with_history(db, organisation, staff, n: int, offset: int) -> None:
    """n partner cities, each with events over the years, a milestone and a change of level."""
    from datetime import date

    from clubs_exchange.partners.models import LevelChange, Milestone, MilestoneKind, PartnerCity, RelationshipLevel

    ids = list(db.session.scalars(sa.insert(PartnerCity).returning(PartnerCity.id), [
        {"name": f"Partner {offset + i}", "country": "France", "relationship_level": RelationshipLevel.TWINNING,
         "languages": "French"} for i in range(n)
    ]))
    starts = [(pid, datetime(2022 + k, 5, 10, tzinfo=UTC)) for pid in ids for k in range(6)]
    db.session.execute(sa.insert(Proposal), [
        {"title": f"Visit {pid}-{s.year}", "kind": EventKind.DELEGATION_VISIT, "direction": Direction.INCOMING,
         "organisation_id": organisation.id, "partner_city_id": pid, "starts_at": s,
         "ends_at": s + timedelta(hours=3), "state": ProposalState.APPROVED, "participants_ours": 5,
         "participants_guests": 4, "created_by_id": staff.id}
        for pid, s in starts
    ])
    db.session.execute(sa.insert(Milestone), [
        {"partner_city_id": pid, "kind": MilestoneKind.MAYORS_VISIT, "happened_on": date(2020, 1, 1)} for pid in ids
    ])
    db.session.execute(sa.insert(LevelChange), [
        {"partner_city_id": pid, "to_level": RelationshipLevel.TWINNING, "changed_on": date(2019, 1, 1)}
        for pid in ids
    ])
    db.session.commit()


def test_the_partner_list_with_its_health_does_not_grow_with_the_data(db, client, login_as, make_org, make_user):
    staff = make_user(role=UserRole.STAFF)
    organisation = make_org()
    login_as(staff)
    _add_partners_with_history(db, organisation, staff, 5, 0)
    few, small_page = statements(client, db, "/partners/", {})
    _add_partners_with_history(db, organisation, staff, 60, 5)
    many, big_page = statements(client, db, "/partners/", {})
    assert len(big_page) > len(small_page)
    assert few == many, f"partner list: {few} statements with 5 partners, {many} with 65"
    assert many <= MAX_QUERIES


def test_the_notification_list_issues_the_same_statements_with_few_and_many(client, db, login_as, make_user):
    from clubs_exchange.notifications.models import Notification, NotificationKind

    user = make_user()
    login_as(user)

    def add(n):
        db.session.execute(sa.insert(Notification), [
            {"user_id": user.id, "kind": NotificationKind.APPROVED, "message": f"Event {i} is approved",
             "link": f"/proposals/{i}", "comment": "fine"} for i in range(n)
        ])
        db.session.commit()

    add(10)
    few, small_page = statements(client, db, "/notifications/", {})
    add(990)
    many, big_page = statements(client, db, "/notifications/", {})
    assert len(big_page) > len(small_page)
    assert few == many <= MAX_QUERIES


def test_the_outbox_issues_the_same_statements_with_few_and_many(client, db, login_as, make_user):
    from clubs_exchange.mail.models import MailState, OutboxMail

    login_as(make_user(role=UserRole.STAFF))

    def add(n):
        db.session.execute(sa.insert(OutboxMail), [
            {"recipient": f"person{i}@example.org", "subject": f"Mail {i}", "text_body": "Hello",
             "state": MailState.FAILED if i % 4 == 0 else MailState.SENT, "last_error": "refused" if i % 4 == 0 else ""}
            for i in range(n)
        ])
        db.session.commit()

    add(10)
    few, small_page = statements(client, db, "/outbox/", {})
    add(990)
    many, big_page = statements(client, db, "/outbox/", {})
    assert len(big_page) > len(small_page)
    assert few == many <= MAX_QUERIES


def _add_award_rows(db, partner, offset: int, n: int) -> int:
    """n approved events in 2025 (every other one tagged), n memberships, and applications for n years."""
    from clubs_exchange.awards.models import (
        AssociationMembership,
        AwardApplication,
        AwardStage,
        Criterion,
        EventCriterion,
        award_application_twin_towns,
    )

    organisation_id = db.session.scalar(sa.select(Organisation.id).limit(1))
    starts = datetime(2025, 3, 1, 10, tzinfo=UTC)
    ids = list(db.session.scalars(sa.insert(Proposal).returning(Proposal.id), [
        {"title": f"Award event {offset + i}", "kind": EventKind.MATCH, "direction": Direction.INCOMING,
         "organisation_id": organisation_id, "partner_city_id": partner.id, "state": ProposalState.APPROVED,
         "starts_at": starts + timedelta(hours=offset + i), "ends_at": starts + timedelta(hours=offset + i + 1)}
        for i in range(n)
    ]))
    criteria = list(Criterion)
    db.session.execute(sa.insert(EventCriterion), [
        {"proposal_id": pid, "criterion": criteria[i % 4]} for i, pid in enumerate(ids) if i % 2
    ])
    db.session.execute(sa.insert(AssociationMembership), [
        {"name": f"Association {offset + i}", "since": date(1990, 1, 1)} for i in range(n)
    ])
    applications = list(db.session.scalars(sa.insert(AwardApplication).returning(AwardApplication.id), [
        {"stage": AwardStage.EUROPEAN_DIPLOMA, "year": 3000 + offset + i,
         "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31),
         "mayor_letter": "", "dossier": "", "summary": ""} for i in range(n)
    ]))
    db.session.execute(sa.insert(award_application_twin_towns), [
        {"application_id": aid, "partner_city_id": partner.id} for aid in applications
    ])
    db.session.commit()
    return applications[0]


@pytest.mark.parametrize("page", ["applications", "report", "application"])
def test_award_pages_keep_their_queries_whatever_the_events(page, db, client, login_as, make_user, make_org,
                                                           make_partner):
    login_as(make_user(role=UserRole.STAFF))
    make_org()
    partner = make_partner()
    first = _add_award_rows(db, partner, 0, 5)
    path = {"applications": "/awards/", "report": "/awards/report?from=2025-01-01&to=2025-12-31",
            "application": f"/awards/applications/{first}"}[page]
    few, small_page = statements(client, db, path, {})
    _add_award_rows(db, partner, 5, 300)
    many, big_page = statements(client, db, path, {})
    assert len(big_page) > len(small_page)
    assert few == many, f"{page}: {few} statements with few rows, {many} with many"
    assert many <= MAX_QUERIES


@pytest.mark.parametrize("path", ["/audit/", "/audit/?type=proposal&action=changed"])
def test_the_audit_list_keeps_its_queries_fixed(path, rows, client, login_as, db):
    """Entries that name partner cities, organisations and people by id: their names cost one query per kind."""
    from clubs_exchange.audit.models import AuditAction, AuditEntry

    login_as(rows.staff)

    def add(n):
        db.session.execute(sa.insert(AuditEntry), [
            {"actor_id": rows.staff.id, "actor_name": "Staff", "object_type": "proposal", "object_id": i,
             "object_label": f"Match {i}", "action": AuditAction.CHANGED,
             "changes": {"partner_city_id": [rows.partner.id, rows.partner.id], "organisation_id": [
                 rows.organisation.id, None], "created_by_id": [None, rows.staff.id], "state": ["draft", "submitted"]}}
            for i in range(n)
        ])
        db.session.commit()

    add(10)
    few, small_page = statements(client, db, path, {})
    add(990)
    many, big_page = statements(client, db, path, {})
    assert len(big_page) > len(small_page)
    assert few == many and many <= MAX_QUERIES



# --- hosting: an event's guest list with its placements, and the host register ---------------------------------


def _hosting_rows(db, event_id: int, n: int, offset: int) -> None:
    from datetime import date

    from clubs_exchange.hosting.models import Guest, HostHousehold, HostStatus, HostUnavailability, Placement

    hosts = list(db.session.scalars(sa.insert(HostHousehold).returning(HostHousehold.id), [
        {"contact_name": f"Familie {offset + i}", "address": f"Weg {i}", "beds": 3, "consent_on": date(2026, 1, 1),
         "consent_wording": "yes", "status": HostStatus.CONFIRMED, "languages": "German, French"}
        for i in range(n)
    ]))
    db.session.execute(sa.insert(HostUnavailability), [
        {"household_id": h, "starts_on": date(2020, 1, 1), "ends_on": date(2020, 1, 2)} for h in hosts
    ])
    guests = list(db.session.scalars(sa.insert(Guest).returning(Guest.id), [
        {"proposal_id": event_id, "name": f"Guest {offset + i}", "age": 30, "wishes_with": f"Guest {offset + i + 1}"}
        for i in range(n)
    ]))
    db.session.execute(sa.insert(Placement), [
        {"guest_id": g, "household_id": hosts[i // 3], "proposal_id": event_id} for i, g in enumerate(guests[::2])
    ])
    db.session.commit()


@pytest.mark.parametrize("path", ["/hosting/events/{event}", "/hosting/events/{event}/rooming", "/hosting/hosts/",
                                  "/hosting/", "/hosting/events/{event}/guests/{guest}/change"])
def test_hosting_pages_do_not_grow_with_the_data(path, rows, client, login_as, db):
    rows.add(1)
    event = db.session.get(Proposal, rows.first_proposal_id)
    event.state = ProposalState.APPROVED
    db.session.commit()
    login_as(rows.staff)
    _hosting_rows(db, event.id, 6, 0)
    from clubs_exchange.hosting.models import Guest

    url = path.format(event=event.id, guest=db.session.scalar(sa.select(sa.func.min(Guest.id))))
    few, small_page = statements(client, db, url, {})
    _hosting_rows(db, event.id, 60, 100)
    many, big_page = statements(client, db, url, {})
    assert len(big_page) > len(small_page)
    assert few == many, f"{path}: {few} statements with 6 guests and hosts, {many} with 66"
    assert many <= MAX_QUERIES


def test_an_organisers_hosting_page_does_not_grow_with_the_data(rows, client, login_as, db, make_user):
    """The organiser sees only the households hosting its guests: chosen from what the page loads anyway."""
    rows.add(1)
    event = db.session.get(Proposal, rows.first_proposal_id)
    event.state = ProposalState.APPROVED
    db.session.commit()
    login_as(make_user(rows.organisation))
    _hosting_rows(db, event.id, 6, 0)
    url = f"/hosting/events/{event.id}"
    few, small_page = statements(client, db, url, {})
    _hosting_rows(db, event.id, 60, 100)
    many, big_page = statements(client, db, url, {})
    assert len(big_page) > len(small_page)
    assert few == many, f"{few} statements with 6 guests and hosts, {many} with 66"
    # Two more than for staff, whatever the size: the person's memberships and the event's co-organisers, which
    # decide that the person organises the event.
    assert many <= MAX_QUERIES + 2

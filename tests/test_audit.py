"""The audit trail: what is recorded when objects change, by whom, and what it never records."""

from datetime import UTC, datetime

import sqlalchemy as sa

from clubs_exchange.audit.models import AuditAction, AuditEntry
from clubs_exchange.audit.trail import BY_NAME, SUBJECTS, acting_as, audited
from clubs_exchange.auth.models import Membership, User, UserRole
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import Proposal, ProposalState
from tests.helpers import form_data, version_of


def entries_of(db, object_type, object_id) -> list[AuditEntry]:
    return list(db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
        .order_by(AuditEntry.id)
    ))


def test_submit_request_changes_resubmit_approve_records_each_state_change_with_who_and_before_after(
    client, login_as, db, choir, secretary, staff, make_proposal
):
    proposal = make_proposal(organisation=choir)
    steps = [
        (secretary, f"/proposals/{proposal.id}/step", {"action": "submit"}),
        (staff, f"/review/{proposal.id}", {"action": "request_changes", "comment": "Which hall?"}),
        (secretary, f"/proposals/{proposal.id}/step", {"action": "resubmit"}),
        (staff, f"/review/{proposal.id}", {"action": "approve"}),
    ]
    for person, url, data in steps:
        login_as(person)
        assert client.post(url, data={**data, "version": version_of(Proposal, proposal.id)}).status_code == 303

    changes = [e for e in entries_of(db, "proposal", proposal.id) if e.action == AuditAction.CHANGED]
    assert [(e.actor_name, e.changes["state"]) for e in changes] == [
        ("Clara Secretary", ["draft", "submitted"]),
        ("Otto Office", ["submitted", "changes_requested"]),
        ("Clara Secretary", ["changes_requested", "submitted"]),
        ("Otto Office", ["submitted", "approved"]),
    ]
    assert [e.actor_id for e in changes] == [secretary.id, staff.id, secretary.id, staff.id]
    # Submitting also moves the proposal in the queue: that is a change of its own field.
    assert set(changes[0].changes) == {"state", "submitted_at"}
    assert set(changes[1].changes) == {"state"}
    assert all(e.object_label == proposal.title for e in changes)


def test_a_field_edit_records_only_the_fields_that_changed(client, login_as, db, choir, secretary, lyon):
    login_as(secretary)
    client.post("/proposals/new", data=form_data(choir, lyon, title="Summer concert"))
    proposal = db.session.scalar(sa.select(Proposal))
    created, = entries_of(db, "proposal", proposal.id)
    assert created.action == AuditAction.CREATED and created.actor_name == "Clara Secretary"
    assert created.changes["title"] == [None, "Summer concert"]
    assert created.changes["budget_cents"] == [None, 125050]

    response = client.post(f"/proposals/{proposal.id}/edit",
                           data={**form_data(choir, lyon, title="Autumn concert"), "version": proposal.version})
    assert response.status_code == 303
    *_, edited = entries_of(db, "proposal", proposal.id)
    assert edited.action == AuditAction.CHANGED
    assert edited.changes == {"title": ["Summer concert", "Autumn concert"]}

    client.post(f"/proposals/{proposal.id}/edit",
                data={**form_data(choir, lyon, title="Autumn concert", starts_at="2031-06-12T19:00"),
                      "version": proposal.version})
    *_, moved = entries_of(db, "proposal", proposal.id)
    # Times are recorded in UTC: 19:00 in Berlin in June is 17:00 UTC.
    assert moved.changes == {"starts_at": ["2031-06-12T16:00:00+00:00", "2031-06-12T17:00:00+00:00"]}


def test_saving_without_a_change_records_nothing(client, login_as, db, choir, secretary, lyon):
    login_as(secretary)
    client.post("/proposals/new", data=form_data(choir, lyon))
    proposal = db.session.scalar(sa.select(Proposal))
    response = client.post(f"/proposals/{proposal.id}/edit",
                           data={**form_data(choir, lyon), "version": proposal.version})
    assert response.status_code == 303 and len(entries_of(db, "proposal", proposal.id)) == 1


def test_co_organisers_are_recorded_by_name(db, make_proposal, make_org):
    proposal = make_proposal()
    band = make_org(name="Stadtkapelle")
    proposal.co_organisers.append(band)
    db.session.commit()
    *_, entry = entries_of(db, "proposal", proposal.id)
    assert entry.changes == {"co_organisers": [[], ["Stadtkapelle"]]}


def test_changes_outside_a_request_are_the_systems_and_acting_as_names_the_person(db, make_partner, staff):
    partner = make_partner(name="Tartu")
    created, = entries_of(db, "partner_city", partner.id)
    assert created.actor_name == "system" and created.actor_id is None
    with acting_as(staff):
        partner.languages = "Estonian"
        db.session.commit()
    *_, changed = entries_of(db, "partner_city", partner.id)
    assert (changed.actor_id, changed.actor_name, changed.changes) == (
        staff.id, "Otto Office", {"languages": ["French", "Estonian"]}
    )


def test_a_rollback_takes_the_entries_with_it(db, make_partner):
    partner = make_partner()
    partner.name = "Never saved"
    db.session.flush()
    assert len(entries_of(db, "partner_city", partner.id)) == 2
    db.session.rollback()
    assert len(entries_of(db, "partner_city", partner.id)) == 1


def test_roles_and_disabling_are_recorded_never_passwords_or_tokens(db, make_user):
    user = make_user(name="Pat")
    created, = entries_of(db, "user", user.id)
    assert "password_hash" not in created.changes and "calendar_token" not in created.changes
    user.set_password("a new secret phrase")
    user.calendar_token = "new-token"
    db.session.commit()
    assert len(entries_of(db, "user", user.id)) == 1
    user.role, user.active = UserRole.STAFF, False
    db.session.commit()
    *_, changed = entries_of(db, "user", user.id)
    assert changed.changes == {"role": ["member", "staff"], "active": [True, False]}


def test_secrets_are_left_out_even_when_asked_for():
    registered = SUBJECTS[User]
    try:
        assert audited(User, fields=("name", "password_hash", "calendar_token")).fields == ("name",)
    finally:
        SUBJECTS[User] = BY_NAME[registered.name] = registered


def test_a_removed_member_is_recorded_on_the_organisations_trail(
    client, login_as, db, choir, secretary, make_user
):
    other = make_user(choir, name="Max Member")
    membership_id = other.memberships[0].id
    login_as(secretary)
    client.post(f"/organisations/{choir.id}/members/{membership_id}/remove")
    deleted, = [e for e in entries_of(db, "membership", membership_id) if e.action == AuditAction.DELETED]
    assert (deleted.parent_type, deleted.parent_id) == ("organisation", choir.id)
    assert deleted.actor_name == "Clara Secretary"
    assert deleted.changes["user_id"] == [other.id, None]


def test_bulk_core_statements_are_not_audited(db):
    db.session.execute(sa.insert(PartnerCity), [{"name": f"Bulk {i}", "country": "Italy"} for i in range(3)])
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0


def test_verifying_an_organisation_is_recorded(client, login_as, db, make_org, staff):
    from clubs_exchange.organisations.models import OrganisationStatus

    pending = make_org(status=OrganisationStatus.PENDING)
    login_as(staff)
    client.post(f"/organisations/{pending.id}/verify")
    *_, entry = entries_of(db, "organisation", pending.id)
    assert entry.changes["status"] == ["pending", "verified"]
    assert entry.changes["verified_by_id"] == [None, staff.id]


def test_the_command_line_is_named_as_the_actor(app, db):
    from click.testing import CliRunner

    runner = app.test_cli_runner()
    assert isinstance(runner, CliRunner)
    result = runner.invoke(args=["create-admin", "--email", "root@example.org", "--name", "Root",
                                 "--password", "long enough password"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "root@example.org"))
    created, = entries_of(db, "user", user.id)
    assert created.actor_name == "command line (create-admin)"
    assert created.changes["role"] == [None, "admin"]


def test_membership_label_names_person_and_organisation(db, choir, make_user):
    person = make_user(choir, name="Lena")
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == person.id))
    created, = entries_of(db, "membership", membership.id)
    assert created.object_label == "Lena · Chor am Markt"


def test_an_approved_proposal_made_by_the_factory_is_recorded_as_created(db, make_proposal):
    proposal = make_proposal(ProposalState.APPROVED, starts_at=datetime(2031, 1, 1, 10, tzinfo=UTC))
    created, = entries_of(db, "proposal", proposal.id)
    assert created.changes["state"] == [None, "approved"]


def test_signing_the_certificate_is_on_the_partners_trail_with_its_level_change(app, db, lyon, staff):
    from datetime import date

    from clubs_exchange.partners.milestones import record_milestone
    from clubs_exchange.partners.models import MilestoneKind

    with app.test_request_context(), acting_as(staff):
        record_milestone(lyon, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=date(2031, 5, 9), actor=staff,
                         place="Town hall", signatories="Mayor A\nMaire B")
        db.session.commit()
    on_partner = entries_of(db, "partner_city", lyon.id)
    assert any(e.changes.get("relationship_level", [None, None])[1] == "twinning" for e in on_partner)
    milestones = list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.object_type == "milestone", AuditEntry.parent_id == lyon.id)
    ))
    assert [(m.action, m.actor_name, m.parent_type) for m in milestones] == [
        (AuditAction.CREATED, "Otto Office", "partner_city")
    ]


def test_an_award_applications_state_is_recorded(db, make_application, staff):
    from clubs_exchange.awards.models import ApplicationState

    with acting_as(staff):
        application = make_application()
        application.state = ApplicationState.SUBMITTED
        db.session.commit()
    entries = entries_of(db, "award_application", application.id)
    assert [e.action for e in entries] == [AuditAction.CREATED, AuditAction.CHANGED]
    assert entries[1].changes["state"] == ["draft", "submitted"] and entries[1].actor_name == "Otto Office"


def test_hosting_changes_are_recorded_without_the_guests_personal_data(db, make_proposal, make_guest, make_host, staff):
    from clubs_exchange.hosting.models import Placement

    event = make_proposal(ProposalState.APPROVED)
    with acting_as(staff):
        guest = make_guest(proposal_id=event.id, name="Jeanne Dupont", allergies="cats")
        db.session.add(Placement(guest_id=guest.id, household_id=make_host(contact_name="Familie Gast").id,
                                 proposal_id=event.id))
        db.session.commit()
    entries = list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.parent_type == "proposal",
                                                                  AuditEntry.parent_id == event.id)))
    assert {e.object_type for e in entries} == {"guest", "placement"}
    stored = " ".join(f"{e.object_label} {e.changes}" for e in entries)
    assert "Jeanne" not in stored and "cats" not in stored and "Familie Gast" not in stored

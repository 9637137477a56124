"""What staff see of the audit trail: the section on an object's page and the filterable list."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clubs_exchange.audit.models import AuditAction, AuditEntry
from clubs_exchange.audit.trail import acting_as
from clubs_exchange.proposals.models import ProposalState
from tests.helpers import counted_statements


def test_staff_see_a_proposals_trail_with_before_and_after_in_words(
    client, login_as, db, staff, choir, make_proposal, make_partner
):
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=choir, title="Summer concert")
    lyon = make_partner(name="Lyon")
    with acting_as(staff):
        proposal.state = ProposalState.CHANGES_REQUESTED
        proposal.partner_city_id = lyon.id
        proposal.budget_cents = 12_050
        db.session.commit()
    login_as(staff)
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    trail = page[page.index('id="audit-trail-heading"'):]
    assert "Otto Office" in trail
    assert "<del>Submitted</del> → <ins>Changes requested</ins>" in trail
    assert "<ins>Lyon</ins>" in trail  # the partner city by name, not by number
    assert "€120.50" in trail
    assert f"/audit/?type=proposal&amp;id={proposal.id}" in trail


def test_members_never_see_the_trail(client, login_as, choir, secretary, make_proposal):
    proposal = make_proposal(organisation=choir)
    login_as(secretary)
    assert "Audit trail" not in client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Audit trail" not in client.get(f"/organisations/{choir.id}").get_data(as_text=True)


def test_the_organisation_page_shows_its_memberships_changes_too(client, login_as, staff, choir, make_user):
    make_user(choir, name="Max Member")
    login_as(staff)
    page = client.get(f"/organisations/{choir.id}").get_data(as_text=True)
    trail = page[page.index('id="audit-trail-heading"'):]
    assert "Max Member · Chor am Markt" in trail and "Membership" in trail


def test_the_partner_page_shows_its_trail(client, login_as, db, staff, make_partner):
    partner = make_partner(name="Tartu")
    with acting_as(staff):
        partner.name = "Tartu (Dorpat)"
        db.session.commit()
    login_as(staff)
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "<del>Tartu</del> → <ins>Tartu (Dorpat)</ins>" in page


def test_the_list_filters_by_kind_person_action_and_dates(client, login_as, db, staff, make_partner, make_org):
    partner = make_partner(name="Gdynia")
    make_org(name="Brass band")
    with acting_as(staff):
        partner.languages = "Polish"
        db.session.commit()
    old = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.object_type == "organisation"))
    old.at = datetime(2025, 3, 1, 12, tzinfo=UTC)
    db.session.commit()
    login_as(staff)

    def labels(query):
        response = client.get(f"/audit/?{query}")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        return {name for name in ("Gdynia", "Brass band") if name in html}, html

    assert labels("")[0] == {"Gdynia", "Brass band"}
    assert labels("type=organisation")[0] == {"Brass band"}
    assert labels("who=otto")[0] == {"Gdynia"}
    assert labels("action=changed")[0] == {"Gdynia"}
    assert labels("from=2025-03-01&to=2025-03-01")[0] == {"Brass band"}
    assert labels("to=2025-02-28")[0] == set()
    found, html = labels(f"type=partner_city&id={partner.id}&action=changed")
    assert found == {"Gdynia"} and "1 change" in html


def test_a_wrong_filter_is_refused_at_its_field_with_422(client, login_as, staff):
    login_as(staff)
    response = client.get("/audit/?from=2025-05-01&to=2025-04-01&type=nonsense")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "The end date must not be before the start date." in html and "Not a valid choice" in html


def test_htmx_gets_the_results_only(client, login_as, staff, htmx_headers):
    login_as(staff)
    html = client.get("/audit/?action=created", headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in html and 'id="audit_results"' in html


def test_the_list_pages_and_keeps_its_queries_fixed(client, login_as, db, staff, app):
    app.config["PAGE_SIZE"] = 5
    login_as(staff)

    def add(n, start):
        db.session.execute(sa.insert(AuditEntry), [
            {"at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=start + i), "actor_name": "Otto Office",
             "actor_id": staff.id, "object_type": "proposal", "object_id": 1, "object_label": f"Entry {start + i}",
             "action": AuditAction.CHANGED,
             "changes": {"partner_city_id": [1, 2], "state": ["submitted", "approved"]}}
            for i in range(n)
        ])
        db.session.commit()

    add(3, 0)
    with counted_statements(db.engine) as few:
        client.get("/audit/?type=proposal")
    add(300, 10)
    with counted_statements(db.engine) as many:
        html = client.get("/audit/?type=proposal&page=2").get_data(as_text=True)
    assert len(few) == len(many)
    # Newest first, five a page: page 2 holds entries 304 to 300.
    assert "Page 2 of 61" in html and "Entry 304" in html and "Entry 309" not in html

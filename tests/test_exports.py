"""CSV exports: bytes Excel opens right (BOM, delimiter, no formulas, city time), holding what the list shows."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange.csv_io import neutralise, read_rows
from clubs_exchange.interests.models import InterestKind
from clubs_exchange.organisations.models import OrganisationStatus
from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import counted_statements

BOM = b"\xef\xbb\xbf"


def parse(response, delimiter=";"):
    """The rows of a CSV download, after checking what Excel needs to read it."""
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.data.startswith(BOM)
    return read_rows(response.data, delimiter=delimiter)


def column(rows, name):
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("text, safe", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+49 30 1234", "'+49 30 1234"),
    ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("Chor = Musik", "Chor = Musik"), ("", ""),
])
def test_text_that_would_start_a_formula_is_neutralised(text, safe):
    assert neutralise(text) == safe


def test_the_filtered_review_queue_exports_as_excel_reads_it(
    client, login_as, staff, make_proposal, make_partner, make_org
):
    lyon, tartu = make_partner(name="Lyon"), make_partner(name="Tartu")
    band = make_org(name="Stadtkapelle")
    wanted = make_proposal(
        ProposalState.SUBMITTED, partner_city=lyon, title="=HYPERLINK(\"http://evil.example\")",
        co_organisers=[band, make_org(name="Auenchor")], budget_cents=125_050,
        starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC),
    )
    make_proposal(ProposalState.SUBMITTED, partner_city=tartu, title="Other city")
    make_proposal(ProposalState.APPROVED, partner_city=lyon, title="Other state")
    login_as(staff)

    rows = parse(client.get(f"/exports/review.csv?state=submitted&partner={lyon.id}"))
    assert rows[0][:3] == ["Number", "Title", "State"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Number"] == str(wanted.id)
    assert row["Title"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["State"] == "Submitted" and row["Partner city"] == "Lyon"
    # 16:00 UTC is 18:00 in Berlin in summer; amounts with the reader's decimal mark (English: a point).
    assert row["Starts"] == "2031-06-12 18:00"
    assert row["Requested budget"] == "1250.50"
    assert row["Co-organisers"] == "Auenchor, Stadtkapelle"


def test_the_delimiter_is_a_setting(app, client, login_as, staff, make_proposal):
    app.config["CSV_DELIMITER"] = ","
    make_proposal(ProposalState.SUBMITTED, budget_cents=99_900, venue="Hall, upstairs")
    login_as(staff)
    rows = parse(client.get("/exports/review.csv"), delimiter=",")
    assert column(rows, "Requested budget") == ["999.00"] and column(rows, "Venue") == ["Hall, upstairs"]


def test_the_calendar_exports_its_filtered_list(client, login_as, make_user, make_proposal, make_partner, make_org):
    lyon = make_partner(name="Lyon")
    choir = make_org(name="Chor am Markt")
    make_proposal(ProposalState.APPROVED, partner_city=lyon, title="Concert in June",
                  starts_at=datetime(2031, 6, 12, 16, tzinfo=UTC))
    make_proposal(ProposalState.CANCELLED, partner_city=lyon, title="Cancelled in June",
                  starts_at=datetime(2031, 6, 20, 16, tzinfo=UTC))
    make_proposal(ProposalState.APPROVED, partner_city=lyon, title="Concert in July",
                  starts_at=datetime(2031, 7, 12, 16, tzinfo=UTC))
    make_proposal(ProposalState.APPROVED, title="Elsewhere", starts_at=datetime(2031, 6, 12, 16, tzinfo=UTC))
    make_proposal(ProposalState.SUBMITTED, partner_city=lyon, title="Not in the calendar",
                  starts_at=datetime(2031, 6, 13, 16, tzinfo=UTC))
    login_as(make_user(choir))

    query = f"partner={lyon.id}&from=2031-06-01&to=2031-06-30"
    page = client.get(f"/calendar/list?{query}").get_data(as_text=True)
    assert f"/exports/calendar.csv?partner={lyon.id}&amp;from=2031-06-01&amp;to=2031-06-30" in page
    rows = parse(client.get(f"/exports/calendar.csv?{query}"))
    assert column(rows, "Event") == ["Concert in June", "Cancelled in June"]
    assert column(rows, "State") == ["Approved", "Cancelled"]
    assert column(rows, "Starts")[0] == "2031-06-12 18:00"


def test_members_export_only_their_organisations_proposals(client, login_as, make_user, make_org, make_proposal):
    ours, theirs = make_org(name="Ours"), make_org(name="Theirs")
    make_proposal(organisation=ours, title="Our draft")
    make_proposal(ProposalState.SUBMITTED, organisation=theirs, title="Their proposal")
    login_as(make_user(ours))
    assert column(parse(client.get("/exports/proposals.csv")), "Title") == ["Our draft"]
    # A filter on another organisation does not widen what a member sees.
    assert column(parse(client.get(f"/exports/proposals.csv?organisation={theirs.id}")), "Title") == ["Our draft"]


def test_the_proposals_list_links_its_filters_to_the_export(client, login_as, staff, make_proposal):
    make_proposal(ProposalState.SUBMITTED, kind=EventKind.CONCERT, title="A concert")
    make_proposal(ProposalState.SUBMITTED, kind=EventKind.MATCH, title="A match")
    login_as(staff)
    page = client.get("/proposals/?kind=concert&state=submitted").get_data(as_text=True)
    assert "/exports/proposals.csv?state=submitted&amp;kind=concert" in page
    rows = parse(client.get("/exports/proposals.csv?state=submitted&kind=concert"))
    assert column(rows, "Title") == ["A concert"]


def test_organisations_export_contacts_to_staff_only(client, login_as, make_user, make_org, staff):
    choir = make_org(name="Chor am Markt", phone="+49 30 123456", email="chor@example.org",
                     status=OrganisationStatus.VERIFIED)
    make_org(name="Pending club", status=OrganisationStatus.PENDING)
    login_as(make_user(choir))
    member_rows = parse(client.get("/exports/organisations.csv?q=chor"))
    assert "Phone" not in member_rows[0] and column(member_rows, "Name") == ["Chor am Markt"]
    login_as(staff)
    staff_rows = parse(client.get("/exports/organisations.csv?status=pending"))
    assert column(staff_rows, "Name") == ["Pending club"]
    choir_row = parse(client.get("/exports/organisations.csv?q=chor"))
    assert column(choir_row, "Phone") == ["'+49 30 123456"]


def test_interests_export_the_open_ones_under_the_filters(client, login_as, staff, make_interest):
    make_interest(kind=InterestKind.HOST_GROUP, activity="football match")
    make_interest(kind=InterestKind.SEND_GROUP, activity="choir trip")
    make_interest(kind=InterestKind.HOST_GROUP, activity="closed one", is_open=False)
    login_as(staff)
    page = client.get("/interests/?kind=host_group").get_data(as_text=True)
    assert "/exports/interests.csv?kind=host_group" in page
    assert column(parse(client.get("/exports/interests.csv?kind=host_group")), "Activity") == ["football match"]


def test_the_audit_list_exports_its_entries(client, login_as, db, staff, make_partner):
    from clubs_exchange.audit.trail import acting_as

    partner = make_partner(name="Tartu")
    with acting_as(staff):
        partner.name = "Tartu (Dorpat)"
        db.session.commit()
    login_as(staff)
    rows = parse(client.get("/exports/audit.csv?action=changed"))
    assert column(rows, "Who") == ["Otto Office"]
    assert column(rows, "Before → after") == ["Name: Tartu → Tartu (Dorpat)"]


def test_exports_read_everything_in_a_fixed_number_of_queries(client, login_as, db, staff, make_proposal, make_org):
    from clubs_exchange.proposals.models import Direction, Proposal, proposal_co_organisers

    organisation, co_organiser = make_org(), make_org()
    proposal = make_proposal(ProposalState.APPROVED, organisation=organisation)
    login_as(staff)

    def add(n):
        rows = [{"title": f"Event {i}", "kind": EventKind.MATCH, "direction": Direction.INCOMING,
                 "organisation_id": organisation.id, "partner_city_id": proposal.partner_city_id,
                 "starts_at": proposal.starts_at, "ends_at": proposal.ends_at, "state": ProposalState.APPROVED,
                 "submitted_at": proposal.starts_at} for i in range(n)]
        ids = db.session.scalars(sa.insert(Proposal).returning(Proposal.id), rows).all()
        db.session.execute(sa.insert(proposal_co_organisers),
                           [{"proposal_id": i, "organisation_id": co_organiser.id} for i in ids])
        db.session.commit()

    urls = ["/exports/review.csv?state=approved", "/exports/calendar.csv?from=", "/exports/proposals.csv"]
    counts = {}
    for url in urls:
        with counted_statements(db.engine) as few:
            small = client.get(url).data
        counts[url] = (len(few), small)
    add(600)
    for url in urls:
        with counted_statements(db.engine) as many:
            big = client.get(url).data
        assert big.count(b"\r\n") > counts[url][1].count(b"\r\n") + 500, url
        assert len(many) == counts[url][0], url


def test_accounts_export_the_search_with_organisations_and_never_secrets(
    client, login_as, db, staff, make_user, make_org
):
    choir, band = make_org(name="Chor am Markt"), make_org(name="Stadtkapelle")
    person = make_user(choir, name="Maria Muster", email="maria@example.org")
    from clubs_exchange.auth.models import Membership

    db.session.add(Membership(user=person, organisation=band))
    db.session.commit()
    make_user(name="Someone Else")
    login_as(staff)
    page = client.get("/accounts/?q=muster").get_data(as_text=True)
    assert "/exports/accounts.csv?q=muster" in page
    with counted_statements(db.engine) as statements:
        rows = parse(client.get("/exports/accounts.csv?q=muster"))
    assert column(rows, "Name") == ["Maria Muster"]
    assert column(rows, "Organisations") == ["Chor am Markt, Stadtkapelle"]
    assert column(rows, "Role") == ["Organisation member"] and column(rows, "Active") == ["yes"]
    assert not any("token" in h.lower() or "password" in h.lower() for h in rows[0])
    # The logged-in staff member (with memberships) and the accounts: nothing loaded per account.
    assert len(statements) <= 3

"""The list of proposals: members see their organisations' ones counted per state, staff all with filters."""

import pytest

from clubs_exchange.proposals.models import EventKind, ProposalState
from tests.helpers import counted_statements

S = ProposalState


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get("/proposals/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_members_see_their_organisations_proposals_counted_per_state(
    client, login_as, secretary, choir, make_org, make_proposal
):
    other = make_org()
    make_proposal(title="Our draft", organisation=choir)
    make_proposal(title="Our approved match", state=S.APPROVED, organisation=choir)
    make_proposal(title="Co-organised festival", state=S.SUBMITTED, organisation=other, co_organisers=[choir])
    make_proposal(title="Someone else's draft", organisation=other)
    login_as(secretary)

    html = client.get("/proposals/").get_data(as_text=True)
    assert "Our proposals" in html
    assert "Our draft" in html and "Our approved match" in html and "Co-organised festival" in html
    assert "Someone else" not in html
    assert "All (3)" in html and "Draft (1)" in html and "Submitted (1)" in html and "Approved (1)" in html

    html = client.get("/proposals/?state=draft").get_data(as_text=True)
    assert "Our draft" in html and "Our approved match" not in html
    assert "Approved (1)" in html  # the counts still show the other states to switch to


def test_staff_see_all_proposals_with_filters(client, login_as, staff, make_org, make_partner, make_proposal):
    lyon, krakow = make_partner(name="Lyon"), make_partner(name="Kraków")
    school = make_org(name="Gymnasium")
    make_proposal(title="Pupil exchange Lyon", kind=EventKind.PUPIL_EXCHANGE, partner_city=lyon, organisation=school)
    make_proposal(title="Match Kraków", partner_city=krakow, state=S.SUBMITTED)
    login_as(staff)

    html = client.get("/proposals/").get_data(as_text=True)
    assert "All proposals" in html and "Pupil exchange Lyon" in html and "Match Kraków" in html
    html = client.get(f"/proposals/?partner={krakow.id}").get_data(as_text=True)
    assert "Match Kraków" in html and "Pupil exchange Lyon" not in html
    html = client.get("/proposals/?kind=pupil_exchange").get_data(as_text=True)
    assert "Pupil exchange Lyon" in html and "Match Kraków" not in html
    html = client.get(f"/proposals/?organisation={school.id}&state=draft").get_data(as_text=True)
    assert "Pupil exchange Lyon" in html and "Match Kraków" not in html


def test_the_list_pages_through_many_proposals(client, login_as, app, staff, make_proposal):
    app.config["PAGE_SIZE"] = 3
    for n in range(7):
        make_proposal(title=f"Proposal number {n}")
    login_as(staff)
    html = client.get("/proposals/?page=3").get_data(as_text=True)
    assert "Page 3 of 3" in html and html.count("Proposal number") == 1


@pytest.mark.parametrize("query", ["state=nonsense", "partner=abc", "kind=party", "organisation=999999", "page=x"])
def test_tampered_filters_are_refused_politely(client, login_as, secretary, make_proposal, choir, query):
    make_proposal(title="Our draft", organisation=choir)
    login_as(secretary)
    response = client.get(f"/proposals/?{query}")
    assert response.status_code in (200, 422)
    assert "Our draft" in response.get_data(as_text=True)


def test_a_member_cannot_filter_for_another_organisation(client, login_as, secretary, make_org, make_proposal):
    other = make_org()
    make_proposal(title="Their draft", organisation=other)
    login_as(secretary)
    response = client.get(f"/proposals/?organisation={other.id}")
    assert response.status_code == 422 and "Their draft" not in response.get_data(as_text=True)


def test_filtering_with_htmx_answers_the_results_only(client, login_as, staff, make_proposal, htmx_headers):
    make_proposal(title="A draft")
    login_as(staff)
    html = client.get("/proposals/?state=draft", headers=htmx_headers).get_data(as_text=True)
    assert "<html" not in html and 'id="proposal_results"' in html and "A draft" in html
    boosted = client.get("/proposals/", headers={**htmx_headers, "HX-Boosted": "true"}).get_data(as_text=True)
    assert "<html" in boosted


@pytest.mark.parametrize("viewer", ["secretary", "staff"])
def test_the_list_costs_the_same_queries_with_2_or_20_rows(
    page_cache_off, client, login_as, db, secretary, choir, staff, make_proposal, make_org, make_partner, viewer
):
    login_as(secretary if viewer == "secretary" else staff)
    counts = []
    for n in (2, 18):
        for _ in range(n):
            make_proposal(organisation=make_org() if viewer == "staff" else choir, partner_city=make_partner())
        db.session.expire_all()
        with counted_statements(db.engine) as statements:
            assert client.get("/proposals/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts

"""The proposal page and its steps, for each person who may (or may not) see them or take them."""

from datetime import UTC, datetime, timedelta

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.organisations.models import OrganisationStatus
from clubs_exchange.proposals.models import EventKind, Proposal, ProposalAction, ProposalState, ProposalStep
from clubs_exchange.proposals.workflow import perform
from tests.helpers import counted_statements, form_data, version_of

S = ProposalState


# --- the proposal page --------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in(client, make_proposal):
    proposal = make_proposal(state=S.APPROVED)
    for response in (
        client.get(f"/proposals/{proposal.id}"),
        client.get("/proposals/"),
        client.post(f"/proposals/{proposal.id}/step",
                    data={"version": version_of(Proposal, proposal.id), "action": "withdraw"}),
    ):
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_page_shows_all_facts_and_the_history(
    client, login_as, db, secretary, choir, make_org, make_partner, make_proposal, staff
):
    music_school = make_org(name="Musikschule")
    proposal = make_proposal(
        title="Summer concert",
        kind=EventKind.CONCERT,
        organisation=choir,
        co_organisers=[music_school],
        partner_city=make_partner(name="Lyon", country="France"),
        venue="Stadthalle",
        starts_at=datetime(2031, 6, 12, 16, 0, tzinfo=UTC),
        ends_at=datetime(2031, 6, 12, 19, 30, tzinfo=UTC),
        participants_ours=40,
        participants_guests=30,
        guests_needing_host=12,
        budget_cents=125050,
        description="Two choirs, one evening.",
    )
    perform(
        proposal,
        ProposalAction.SUBMIT,
        actor=secretary,
        is_proposer=True,
        is_staff=False,
        now=datetime(2031, 3, 1, 9, 0, tzinfo=UTC),
    )
    perform(
        proposal,
        ProposalAction.REQUEST_CHANGES,
        actor=staff,
        is_proposer=False,
        is_staff=True,
        comment="Which hall exactly?",
        now=datetime(2031, 3, 2, 10, 15, tzinfo=UTC),
    )
    db.session.commit()
    login_as(secretary)

    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    for fact in (
        "Summer concert",
        "Concert",
        "Lyon",
        "France",
        "Chor am Markt",
        "Musikschule",
        "Stadthalle",
        "40 from our city, 30 guests",
        "12",
        "€1,250.50",
        "Two choirs, one evening.",
        "Guests come to us",
    ):
        assert fact in html
    assert "12 Jun 2031, 18:00" in html  # 16:00 UTC is 18:00 in the city in summer
    assert 'class="state state-changes_requested">Changes requested' in html
    history = html.split('class="history"')[1]
    assert history.index("Created") < history.index("Submit") < history.index("Request changes")
    assert "Draft → Submitted" in history and "Submitted → Changes requested" in history
    assert "Otto Office" in history and "Which hall exactly?" in history and "2 Mar 2031, 11:15:00" in history


@pytest.mark.parametrize(
    ("state", "buttons", "absent"),
    [
        (S.DRAFT, ["Submit for review", "Withdraw the proposal", "Change the proposal"], ["Submit again"]),
        (S.SUBMITTED, ["Withdraw the proposal"], ["Submit for review", "Change the proposal"]),
        (
            S.CHANGES_REQUESTED,
            ["Submit again for review", "Withdraw the proposal", "Change the proposal"],
            [],
        ),
        (S.APPROVED, [], ["Withdraw the proposal", "Submit", "Change the proposal"]),
        (S.REJECTED, [], ["Withdraw the proposal", "Submit", "Change the proposal"]),
    ],
)
def test_the_proposer_gets_the_buttons_for_the_steps_it_may_take_now(
    client, login_as, secretary, choir, make_proposal, state, buttons, absent
):
    proposal = make_proposal(state=state, organisation=choir)
    login_as(secretary)
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    for label in buttons:
        assert label in html
    for label in absent:
        assert label not in html
    if "Withdraw the proposal" in buttons:
        assert 'hx-confirm="Withdraw' in html


def test_a_pending_organisation_sees_why_it_cannot_submit_instead_of_the_button(
    client, login_as, make_org, make_user, make_proposal
):
    pending = make_org(name="Neuer Chor", status=OrganisationStatus.PENDING)
    proposal = make_proposal(organisation=pending)
    login_as(make_user(pending))
    html = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "awaiting verification by city staff" in html
    assert "Submit for review" not in html
    assert "Withdraw the proposal" in html and "Change the proposal" in html


def test_others_drafts_do_not_exist_for_them_but_approved_events_are_visible(
    client, login_as, make_user, make_org, make_proposal, choir
):
    draft, approved = make_proposal(organisation=choir), make_proposal(state=S.APPROVED, organisation=choir)
    login_as(make_user(make_org()))
    assert client.get(f"/proposals/{draft.id}").status_code == 404
    html = client.get(f"/proposals/{approved.id}").get_data(as_text=True)
    assert approved.title in html and "Withdraw" not in html


@pytest.mark.parametrize("role", [UserRole.STAFF, UserRole.ADMIN])
def test_staff_see_every_proposal_with_links_to_review_and_to_the_calendar(
    client, login_as, make_user, make_proposal, role
):
    login_as(make_user(role=role))
    draft = make_proposal()
    submitted, approved = make_proposal(state=S.SUBMITTED), make_proposal(state=S.APPROVED)

    html = client.get(f"/proposals/{draft.id}").get_data(as_text=True)
    assert "Submit for review" not in html and f"/review/{draft.id}" not in html
    html = client.get(f"/proposals/{submitted.id}").get_data(as_text=True)
    assert f'href="/review/{submitted.id}">Review</a>' in html and "Withdraw" not in html
    html = client.get(f"/proposals/{approved.id}").get_data(as_text=True)
    assert f'href="/calendar/event/{approved.id}"' in html
    assert f'href="/review/{approved.id}/cancel">Cancel event</a>' in html


# --- steps --------------------------------------------------------------------------------------------------


def test_submitting_moves_the_draft_to_review_with_a_message(client, login_as, db, secretary, choir, make_proposal):
    proposal = make_proposal(organisation=choir)
    login_as(secretary)
    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": "submit", "comment": "Ready."})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/proposals/{proposal.id}")
    db.session.expire_all()
    assert proposal.state == S.SUBMITTED and proposal.submitted_at is not None
    assert (proposal.steps[-1].actor, proposal.steps[-1].comment) == (secretary, "Ready.")
    assert "Your proposal is submitted" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_step_by_htmx_swaps_the_status_and_refreshes_the_review_badge(
    client, login_as, db, secretary, choir, make_proposal, htmx_headers
):
    proposal = make_proposal(organisation=choir)
    login_as(secretary)
    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": "submit"},
                           headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and html.lstrip().startswith('<section id="proposal_status"')
    assert "Your proposal is submitted" in html and "state-submitted" in html
    assert response.headers["HX-Trigger"] == "proposalReviewed"


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (S.SUBMITTED, "submit", "cannot be given the step “Submit”"),
        (S.APPROVED, "withdraw", "cannot be given the step “Withdraw”"),
        (S.DRAFT, "approve", "Not a valid choice"),
        (S.DRAFT, "", "This field is required"),
    ],
)
def test_a_refused_step_is_explained_never_a_500(
    client, login_as, db, secretary, choir, make_proposal, htmx_headers, state, action, message
):
    proposal = make_proposal(state=state, organisation=choir)
    login_as(secretary)
    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": action})
    assert response.status_code == 303
    assert message in client.get(response.headers["Location"]).get_data(as_text=True)

    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": action}, headers=htmx_headers)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert "HX-Trigger" not in response.headers
    db.session.expire_all()
    assert proposal.state == state


def test_a_note_of_10000_characters_is_refused_with_a_message(client, login_as, db, secretary, choir, make_proposal):
    proposal = make_proposal(organisation=choir)
    login_as(secretary)
    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": "submit",
                                 "comment": "x" * 10_000})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "At most 2000 characters: this has 10000." in page
    db.session.expire_all()
    assert proposal.state == S.DRAFT


def test_a_pending_organisation_is_refused_at_submit(client, login_as, db, make_org, make_user, make_proposal):
    pending = make_org(status=OrganisationStatus.PENDING)
    proposal = make_proposal(organisation=pending)
    login_as(make_user(pending))
    response = client.post(f"/proposals/{proposal.id}/step",
                           data={"version": version_of(Proposal, proposal.id), "action": "submit"})
    assert "awaiting verification" in client.get(response.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert proposal.state == S.DRAFT


def test_co_organisers_and_staff_cannot_take_the_proposers_steps(
    client, login_as, db, make_user, make_org, make_proposal, choir, staff
):
    co_organiser = make_org()
    proposal = make_proposal(state=S.SUBMITTED, organisation=choir, co_organisers=[co_organiser])
    for person in (make_user(co_organiser), staff):
        login_as(person)
        response = client.post(f"/proposals/{proposal.id}/step",
                               data={"version": version_of(Proposal, proposal.id), "action": "withdraw"})
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "Only members of the proposing organisation can withdraw" in page
    login_as(make_user(make_org()))
    assert (
        client.post(f"/proposals/{make_proposal(organisation=choir).id}/step", data={"action": "withdraw"}).status_code
        == 404
    )
    db.session.expire_all()
    assert proposal.state == S.SUBMITTED


def test_the_whole_path_draft_submit_changes_edit_resubmit(client, login_as, db, secretary, choir, make_partner, staff):
    lyon = make_partner(name="Lyon")
    login_as(secretary)
    location = client.post("/proposals/new", data=form_data(choir, lyon)).headers["Location"]
    proposal_id = int(location.rsplit("/", 1)[1])
    assert client.post(f"/proposals/{proposal_id}/step",
                       data={"version": version_of(Proposal, proposal_id), "action": "submit"}).status_code == 303
    assert client.get(f"/proposals/{proposal_id}/edit").status_code == 403

    proposal = db.session.get(Proposal, proposal_id)
    perform(
        proposal,
        ProposalAction.REQUEST_CHANGES,
        actor=staff,
        is_proposer=False,
        is_staff=True,
        comment="Please give the hall.",
    )
    db.session.commit()

    page = client.get(f"/proposals/{proposal_id}/edit").get_data(as_text=True)
    assert "City staff asked for changes:" in page and "Please give the hall." in page
    edited = client.post(f"/proposals/{proposal_id}/edit", data={
        **form_data(choir, lyon, venue="Großer Saal"), "version": version_of(Proposal, proposal_id)})
    assert edited.status_code == 303
    assert client.post(f"/proposals/{proposal_id}/step",
                       data={"version": version_of(Proposal, proposal_id), "action": "resubmit"}).status_code == 303

    db.session.expire_all()
    proposal = db.session.get(Proposal, proposal_id)
    assert proposal.state == S.SUBMITTED and proposal.venue == "Großer Saal"
    assert [s.action for s in proposal.steps] == [
        ProposalAction.CREATE,
        ProposalAction.SUBMIT,
        ProposalAction.REQUEST_CHANGES,
        ProposalAction.RESUBMIT,
    ]
    html = client.get(f"/proposals/{proposal_id}").get_data(as_text=True)
    assert "Changes requested → Submitted" in html and "Please give the hall." in html


# --- a fixed number of queries ------------------------------------------------------------------------------


def add_steps(db, proposal, staff, n):
    for i in range(n):
        proposal.steps.append(
            ProposalStep(
                action=ProposalAction.REQUEST_CHANGES,
                from_state=S.SUBMITTED,
                to_state=S.CHANGES_REQUESTED,
                actor=staff,
                comment=f"Note {i}",
                at=datetime(2031, 1, 1, tzinfo=UTC) + timedelta(hours=i),
            )
        )
    db.session.commit()


@pytest.mark.parametrize("viewer", ["secretary", "staff"])
def test_the_proposal_page_costs_the_same_queries_with_2_or_20_history_steps(
    page_cache_off, client, login_as, db, secretary, choir, staff, make_proposal, make_user, make_org, viewer
):
    small = make_proposal(organisation=choir, co_organisers=[make_org()])
    large = make_proposal(organisation=choir, co_organisers=[make_org(), make_org(), make_org()])
    add_steps(db, small, staff, 1)
    add_steps(db, large, make_user(role=UserRole.STAFF), 0)
    for i in range(19):
        add_steps(db, large, make_user(role=UserRole.STAFF, name=f"Staff {i}"), 1)
    login_as(secretary if viewer == "secretary" else staff)

    counts = []
    for url in (f"/proposals/{small.id}", f"/proposals/{large.id}"):
        db.session.expire_all()
        with counted_statements(db.engine) as statements:
            assert client.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts

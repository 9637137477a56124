"""Writing and changing a proposal through the form: who may, what is stored, what comes back when input is bad."""

from datetime import UTC, datetime

import pytest

from clubs_exchange.auth.models import Membership, UserRole
from clubs_exchange.proposals.models import ProposalAction, ProposalState
from tests.helpers import form_data, stored_proposals

# --- who may write ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/proposals/new", "/proposals/1/edit"])
def test_anonymous_people_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_anonymous_inline_check_from_htmx_gets_401_and_a_redirect(client, htmx_headers):
    response = client.post("/proposals/validate", data={}, headers=htmx_headers)
    assert response.status_code == 401 and "/login" in response.headers["HX-Redirect"]


@pytest.mark.parametrize("role", [UserRole.STAFF, UserRole.ADMIN])
def test_staff_who_belong_to_no_organisation_are_told_why_they_cannot_propose(
    client, login_as, make_user, lyon, choir, role
):
    login_as(make_user(role=role))
    for response in (
        client.get("/proposals/new"),
        client.post("/proposals/new", data=form_data(choir, lyon)),
        client.post("/proposals/validate", data=form_data(choir, lyon)),
    ):
        assert response.status_code == 403
        assert "written by members of an organisation" in response.get_data(as_text=True)


def test_people_without_an_organisation_cannot_propose(client, login_as, make_user, db, choir, lyon):
    login_as(make_user())
    response = client.post("/proposals/new", data=form_data(choir, lyon))
    assert response.status_code == 403
    assert "Proposals are made by organisations" in response.get_data(as_text=True)
    assert stored_proposals(db) == []


def test_the_form_offers_only_ones_own_organisations_and_preselects_the_asked_one(
    client, login_as, db, make_org, make_user, lyon
):
    choir, school, stranger = (
        make_org(name="Chor"),
        make_org(name="Gymnasium"),
        make_org(name="Fremder Verein"),
    )
    teacher = make_user(choir)
    teacher.memberships.append(Membership(organisation=school))
    db.session.commit()
    login_as(teacher)

    html = client.get(f"/proposals/new?organisation_id={school.id}").get_data(as_text=True)
    own_select = html.split('id="organisation_id"')[1].split("</select>")[0]
    assert "Chor" in own_select and "Gymnasium" in own_select and "Fremder Verein" not in own_select
    assert f'<option selected value="{school.id}">Gymnasium' in own_select
    assert 'type="datetime-local"' in html

    # Someone else's organisation in the address preselects nothing.
    html = client.get(f"/proposals/new?organisation_id={stranger.id}").get_data(as_text=True)
    assert f'selected value="{stranger.id}"' not in html


# --- saving a draft -----------------------------------------------------------------------------------------


def test_a_member_saves_a_draft_and_sees_it(client, login_as, db, secretary, choir, lyon, make_org):
    school = make_org(name="Musikschule")
    login_as(secretary)
    response = client.post(
        "/proposals/new",
        data=form_data(choir, lyon, co_organiser_ids=[str(school.id)]),
        follow_redirects=False,
    )
    assert response.status_code == 303
    [proposal] = stored_proposals(db)
    assert response.headers["Location"].endswith(f"/proposals/{proposal.id}")
    assert proposal.state == ProposalState.DRAFT
    assert proposal.organisation == choir and proposal.partner_city == lyon
    assert [o.name for o in proposal.co_organisers] == ["Musikschule"]
    assert proposal.budget_cents == 125050
    assert (proposal.participants_ours, proposal.participants_guests, proposal.guests_needing_host) == (
        40,
        30,
        12,
    )
    assert [(s.action, s.actor) for s in proposal.steps] == [(ProposalAction.CREATE, secretary)]

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is saved as a draft" in page
    assert "€1,250.50" in page and "Musikschule" in page


@pytest.mark.parametrize(
    ("typed", "stored_utc"),
    [
        ("2031-06-12T18:00", datetime(2031, 6, 12, 16, 0, tzinfo=UTC)),  # summer time
        ("2031-01-15T18:00", datetime(2031, 1, 15, 17, 0, tzinfo=UTC)),  # winter time
    ],
)
def test_times_are_entered_in_city_time_stored_in_utc_and_shown_back_in_city_time(
    client, login_as, db, secretary, choir, lyon, typed, stored_utc
):
    login_as(secretary)
    end = typed[:11] + "20:00"
    client.post("/proposals/new", data=form_data(choir, lyon, starts_at=typed, ends_at=end))
    [proposal] = stored_proposals(db)
    db.session.expire_all()
    assert proposal.starts_at == stored_utc

    form = client.get(f"/proposals/{proposal.id}/edit").get_data(as_text=True)
    assert f'value="{typed}"' in form
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "18:00" in page


@pytest.mark.parametrize(("typed", "cents"), [("1250.50", 125050), ("1.250,50", 125050), ("", 0), ("80", 8000)])
def test_the_budget_is_typed_in_the_city_currency_and_stored_in_cents(
    client, login_as, db, secretary, choir, lyon, typed, cents
):
    login_as(secretary)
    assert client.post("/proposals/new", data=form_data(choir, lyon, budget=typed)).status_code == 303
    assert stored_proposals(db)[0].budget_cents == cents


# --- bad input ----------------------------------------------------------------------------------------------

LONG = "x" * 10_000


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", LONG, "At most 200 characters: this has 10000."),
        ("venue", LONG, "At most 200 characters: this has 10000."),
        ("description", LONG, "At most 5000 characters: this has 10000."),
        ("budget", LONG, "Enter an amount such as 1250.50"),
        ("budget", "12,345,67", "Enter an amount such as 1250.50"),
        ("budget", "-10", "Enter an amount such as 1250.50"),
        ("kind", "party", "Not a valid choice."),
        ("direction", "sideways", "Not a valid choice."),
        ("partner_city_id", "999999", "Not a valid choice."),
        ("partner_city_id", "abc", "Not a valid choice."),
        ("partner_city_id", "", "Choose the partner city."),
        ("organisation_id", "999999", "Not a valid choice."),
        ("co_organiser_ids", "999999", "not a valid choice"),
        ("co_organiser_ids", "x", "Not a valid choice."),
        ("starts_at", "", "Enter a date and a time."),
        ("starts_at", "tomorrow", "Enter a date and a time."),
        ("starts_at", LONG, "Enter a date and a time."),
        ("starts_at", "0001-01-01T00:00", "Choose a date between 2000 and 2100."),
        ("starts_at", "2031-03-30T02:30", "the clocks go forward"),
        ("ends_at", "2031-06-12T17:00", "The end must be after the start."),
        ("ends_at", "2031-06-12T18:00", "The end must be after the start."),
        ("participants_ours", "-1", "Between 0 and 100000."),
        ("participants_guests", "1" * 10_000, "Not a valid integer value."),
        ("participants_guests", "", "Enter a number, 0 if none."),
        ("guests_needing_host", "31", "At most as many as the guests (30)."),
    ],
)
def test_bad_input_comes_back_with_the_message_at_the_field_and_the_entries_kept(
    client, login_as, db, secretary, choir, lyon, field, value, message
):
    login_as(secretary)
    response = client.post("/proposals/new", data=form_data(choir, lyon, **{field: value}))
    html = response.get_data(as_text=True)

    assert response.status_code == 422
    wrapper = html.split(f'id="{field}-field"')[1].split('<div class="field')[0]
    assert message in wrapper
    assert "Please correct the marked fields." in html
    if field != "title":
        assert 'value="Summer concert with the Chœur de Lyon"' in html
    if field not in ("starts_at", "ends_at"):
        assert 'value="2031-06-12T18:00"' in html
    assert stored_proposals(db) == []


def test_the_proposer_cannot_also_be_a_co_organiser(client, login_as, db, secretary, choir, lyon, make_org):
    # A member of two organisations sees both in the co-organiser list.
    youth_choir = make_org(name="Jugendchor")
    secretary.memberships.append(Membership(organisation=youth_choir))
    db.session.commit()
    login_as(secretary)
    response = client.post("/proposals/new", data=form_data(choir, lyon, co_organiser_ids=[str(choir.id)]))
    assert response.status_code == 422
    assert "cannot also be its own co-organiser" in response.get_data(as_text=True)


# --- editing ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [ProposalState.DRAFT, ProposalState.CHANGES_REQUESTED])
def test_the_proposing_organisation_changes_its_draft(
    client, login_as, db, secretary, choir, lyon, make_proposal, state
):
    proposal = make_proposal(state=state, organisation=choir, budget_cents=99900)
    login_as(secretary)
    form = client.get(f"/proposals/{proposal.id}/edit").get_data(as_text=True)
    assert 'value="999.00"' in form and f'value="{proposal.title}"' in form

    response = client.post(f"/proposals/{proposal.id}/edit",
                           data={**form_data(choir, lyon, title="Autumn concert"), "version": proposal.version})
    assert response.status_code == 303
    db.session.expire_all()
    assert proposal.title == "Autumn concert" and proposal.state == state and proposal.budget_cents == 125050
    assert "Your changes to “Autumn concert” are saved." in client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_bad_input_on_edit_keeps_the_entries_and_changes_nothing(
    client, login_as, db, secretary, choir, lyon, make_proposal
):
    proposal = make_proposal(organisation=choir, title="As it was")
    login_as(secretary)
    response = client.post(
        f"/proposals/{proposal.id}/edit",
        data=form_data(choir, lyon, title="New title", ends_at="2031-06-12T10:00"),
    )
    assert response.status_code == 422
    assert 'value="New title"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert proposal.title == "As it was"


@pytest.mark.parametrize(
    "state", [s for s in ProposalState if s not in (ProposalState.DRAFT, ProposalState.CHANGES_REQUESTED)]
)
def test_a_proposal_under_review_or_decided_cannot_be_edited(
    client, login_as, db, secretary, choir, lyon, make_proposal, state
):
    proposal = make_proposal(state=state, organisation=choir, title="As submitted")
    login_as(secretary)
    assert client.get(f"/proposals/{proposal.id}/edit").status_code == 403
    assert client.post(f"/proposals/{proposal.id}/edit", data=form_data(choir, lyon)).status_code == 403
    db.session.expire_all()
    assert proposal.title == "As submitted"


def test_other_organisations_staff_and_co_organisers_cannot_edit(
    client, login_as, make_user, make_org, make_proposal, choir, lyon
):
    co_organiser = make_org(name="Musikschule")
    draft = make_proposal(organisation=choir, co_organisers=[co_organiser])
    submitted = make_proposal(state=ProposalState.SUBMITTED, organisation=choir)
    url = f"/proposals/{draft.id}/edit"

    login_as(make_user(make_org()))  # another organisation: the draft does not exist for it
    assert client.get(url).status_code == 404
    assert client.get(f"/proposals/{submitted.id}/edit").status_code == 404
    login_as(make_user(co_organiser))  # sees it, but only the proposer writes it
    assert client.get(url).status_code == 403
    for role in (UserRole.STAFF, UserRole.ADMIN):
        login_as(make_user(role=role))
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("proposal_id", ["999999", "abc", "99999999999999999999999", "-1"])
def test_unknown_proposals_are_not_found(client, login_as, secretary, proposal_id):
    login_as(secretary)
    assert client.get(f"/proposals/{proposal_id}/edit").status_code == 404
    assert client.get(f"/proposals/{proposal_id}").status_code == 404
    assert client.post(f"/proposals/{proposal_id}/step", data={"action": "submit"}).status_code == 404

"""Two people, one record (issue 11, part 14): of two decisions on the same record, one is recorded; the other
person is told who changed it, when, and what it is now, and nothing of theirs is recorded.

Two ways it happens: the page was loaded before someone else's step (the form carries an older version: both
databases), and two requests at the same moment (both read the same version; the second UPDATE finds no row
with it: PostgreSQL only, with two real concurrent transactions)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from clubs_exchange import concurrency
from clubs_exchange.audit.models import AuditAction, AuditEntry
from clubs_exchange.auth.models import UserRole
from clubs_exchange.hosting.models import HostHousehold
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep
from tests.helpers import version_of

S = ProposalState


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#34;", '"').replace("&#39;", "'").split())


def form_version(page: str) -> str:
    """The version the page's form carries, as a person's browser would send it back."""
    return re.search(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"', page).group(1)


def decisions_of(db, proposal_id: int) -> list[ProposalAction]:
    return list(db.session.scalars(
        sa.select(ProposalStep.action).where(ProposalStep.proposal_id == proposal_id).order_by(ProposalStep.id)
    ))


def audit_changes(db, object_type: str, object_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(AuditEntry).where(
            AuditEntry.object_type == object_type, AuditEntry.object_id == object_id,
            AuditEntry.action == AuditAction.CHANGED,
        )
    )


@pytest.fixture
def reviewer(make_user):
    return make_user(role=UserRole.STAFF, name="Rita Reviewer")


@pytest.fixture
def submitted(make_proposal):
    return make_proposal(S.SUBMITTED, title="Summer concert", venue="Hall of its own")


# --- the page was loaded before someone else decided (both databases) --------------------------------------


def test_a_decision_on_a_page_loaded_before_another_is_refused_naming_who_and_the_state(
    client, login_as, db, staff, reviewer, submitted
):
    login_as(reviewer)
    seen = form_version(client.get(f"/review/{submitted.id}").get_data(as_text=True))
    # Meanwhile Otto approves it from his own page.
    login_as(staff)
    assert client.post(f"/review/{submitted.id}", data={"version": seen, "action": "approve"}).status_code == 303
    login_as(reviewer)
    response = client.post(f"/review/{submitted.id}", data={"version": seen, "action": "reject", "comment": "No."})
    assert response.status_code == 409
    text = text_of(response.get_data(as_text=True))
    assert "This proposal was changed by Otto Office at" in text
    assert "it is now Approved. Look at it again and decide." in text
    assert db.session.get(Proposal, submitted.id).state == S.APPROVED
    assert decisions_of(db, submitted.id) == [ProposalAction.CREATE, ProposalAction.APPROVE]
    assert audit_changes(db, "proposal", submitted.id) == 1


def test_in_the_review_queue_the_refused_row_comes_back_with_the_message_and_the_state_now(
    client, login_as, db, staff, reviewer, submitted, htmx_headers
):
    login_as(reviewer)
    queue = client.get("/review/").get_data(as_text=True)
    row = queue[queue.index(f'id="proposal-{submitted.id}"'):]
    seen = form_version(row)
    login_as(staff)
    client.post(f"/review/{submitted.id}", data={"version": seen, "action": "request_changes", "comment": "Venue?"})
    login_as(reviewer)
    response = client.post(f"/review/{submitted.id}", data={"version": seen, "action": "approve"},
                           headers=htmx_headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "<html" not in html and f'id="proposal-{submitted.id}"' in html
    text = text_of(html)
    assert "changed by Otto Office" in text and "it is now Changes requested" in text
    assert "proposalReviewed" not in response.headers.get("HX-Trigger", "")
    assert decisions_of(db, submitted.id) == [ProposalAction.CREATE, ProposalAction.REQUEST_CHANGES]


def test_after_the_refusal_the_page_carries_the_new_version_so_a_second_look_can_decide(
    client, login_as, db, staff, reviewer, approved
):
    event = approved(title="Autumn fair")
    login_as(reviewer)
    seen = form_version(client.get(f"/review/{event.id}/cancel").get_data(as_text=True))
    # Someone changes the event's venue meanwhile: a change, not a decision, yet the reviewer did not see it.
    stored = db.session.get(Proposal, event.id)
    stored.venue = "Town hall"
    db.session.commit()
    response = client.post(f"/review/{event.id}/cancel", data={"version": seen, "reason": "Rain."})
    assert response.status_code == 409 and "it is now Approved" in text_of(response.get_data(as_text=True))
    fresh = form_version(response.get_data(as_text=True))
    assert int(fresh) == version_of(Proposal, event.id) != int(seen)
    assert client.post(f"/review/{event.id}/cancel", data={"version": fresh, "reason": "Rain."}).status_code == 303
    assert db.session.get(Proposal, event.id).state == S.CANCELLED


def test_a_form_without_its_version_changes_nothing(client, login_as, db, reviewer, submitted):
    """An old bookmarked page or a script cannot say what it saw: it is refused rather than overwriting."""
    login_as(reviewer)
    response = client.post(f"/review/{submitted.id}", data={"action": "approve"})
    assert response.status_code == 409
    assert "does not say which version" in text_of(response.get_data(as_text=True))
    assert db.session.get(Proposal, submitted.id).state == S.SUBMITTED
    assert decisions_of(db, submitted.id) == [ProposalAction.CREATE]


def test_the_organisation_changing_its_proposal_on_an_old_page_keeps_its_entries_and_saves_nothing(
    client, login_as, db, secretary, choir, lyon, make_proposal
):
    from tests.helpers import form_data

    draft = make_proposal(organisation=choir, partner_city=lyon, title="Choir day")
    login_as(secretary)
    seen = form_version(client.get(f"/proposals/{draft.id}/edit").get_data(as_text=True))
    stored = db.session.get(Proposal, draft.id)
    stored.title = "Choir day with the band"
    db.session.commit()
    response = client.post(f"/proposals/{draft.id}/edit",
                           data={**form_data(choir, lyon, title="Choir evening"), "version": seen})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "This proposal was changed by" in text_of(html) and 'value="Choir evening"' in html
    assert db.session.get(Proposal, draft.id).title == "Choir day with the band"


def test_a_household_edited_meanwhile_is_not_overwritten(client, login_as, db, staff, reviewer, make_host):
    household = make_host(contact_name="Familie Becker", beds=2)
    form = {"contact_name": "Familie Becker", "address": "Ahornweg 3", "beds": "3", "children": "0",
            "consent_on": "2026-01-02", "consent_wording": "We agree.", "unavailable": ""}
    login_as(reviewer)
    seen = form_version(client.get(f"/hosting/hosts/{household.id}/edit").get_data(as_text=True))
    login_as(staff)
    assert client.post(f"/hosting/hosts/{household.id}/edit",
                       data={**form, "beds": "4", "version": seen}).status_code == 303
    login_as(reviewer)
    response = client.post(f"/hosting/hosts/{household.id}/edit", data={**form, "version": seen})
    assert response.status_code == 409
    assert "This host household was changed by Otto Office" in text_of(response.get_data(as_text=True))
    assert db.session.get(HostHousehold, household.id).beds == 4


def test_an_award_step_on_an_old_page_is_refused(client, login_as, db, staff, reviewer, make_application):
    from clubs_exchange.awards.models import ApplicationState, AwardApplication

    application = make_application()
    login_as(reviewer)
    page = client.get(f"/awards/applications/{application.id}").get_data(as_text=True)
    seen = form_version(page)
    stored = db.session.get(AwardApplication, application.id)
    stored.summary = "Forty years of friendship."
    db.session.commit()
    response = client.post(f"/awards/applications/{application.id}/step", data={"step": "submit", "version": seen})
    assert response.status_code == 409
    assert "This award application was changed by" in text_of(response.get_data(as_text=True))
    assert db.session.get(AwardApplication, application.id).state == ApplicationState.DRAFT


# --- two people at the same moment: two real concurrent transactions (PostgreSQL) ---------------------------


@pytest.fixture
def postgres_only(db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers with a database lock: two transactions cannot both read and then "
                    "write the same row at once. Run with DATABASE_URL set to a PostgreSQL database.")


def at_the_same_moment(app, monkeypatch, people_and_posts, *, wait_after=(concurrency, "check_version")):
    """Each (user, url, data) is sent by its own client in its own thread; every request loads the record and
    checks its form's version (both see the same, the one before either step), then all wait for each other
    (after the function `wait_after` names: its owner and name) and only then take their step: change, flush,
    commit."""
    owner, name = wait_after
    barrier = threading.Barrier(len(people_and_posts), timeout=30)
    original = getattr(owner, name)

    waited = threading.local()

    def then_together(*args, **kwargs):
        result = original(*args, **kwargs)
        if not getattr(waited, "once", False):  # a refusal's page may call it again: wait the first time only
            waited.once = True
            barrier.wait()
        return result

    monkeypatch.setattr(owner, name, then_together)

    def send(user_id, url, data):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        response = client.post(url, data=data)
        return response.status_code, text_of(response.get_data(as_text=True))

    with ThreadPoolExecutor(max_workers=len(people_and_posts)) as pool:
        # The test's objects belong to its own app context: the threads get plain values.
        futures = [pool.submit(send, user.get_id(), url, data) for user, url, data in people_and_posts]
        return [f.result(timeout=60) for f in futures]


def test_an_approval_and_a_rejection_at_the_same_moment_record_one_decision(
    app, db, monkeypatch, postgres_only, staff, reviewer, submitted
):
    version = submitted.version
    answers = at_the_same_moment(app, monkeypatch, [
        (staff, f"/review/{submitted.id}", {"version": version, "action": "approve"}),
        (reviewer, f"/review/{submitted.id}", {"version": version, "action": "reject", "comment": "Date taken."}),
    ])
    assert sorted(status for status, _ in answers) == [303, 409]
    db.session.expire_all()
    stored = db.session.get(Proposal, submitted.id)
    assert decisions_of(db, submitted.id) in (
        [ProposalAction.CREATE, ProposalAction.APPROVE], [ProposalAction.CREATE, ProposalAction.REJECT]
    )
    assert audit_changes(db, "proposal", submitted.id) == 1
    winner = "Otto Office" if stored.state == S.APPROVED else "Rita Reviewer"
    (refusal,) = [text for status, text in answers if status == 409]
    assert f"This proposal was changed by {winner} at" in refusal
    assert f"it is now {stored.state.label}. Look at it again and decide." in refusal


def test_two_edits_of_one_household_at_the_same_moment_keep_one(
    app, db, monkeypatch, postgres_only, staff, reviewer, make_host
):
    household = make_host(contact_name="Familie Becker", beds=2)
    before = household.version
    form = {"contact_name": "Familie Becker", "address": "Ahornweg 3", "children": "0",
            "consent_on": "2026-01-02", "consent_wording": "We agree.", "unavailable": "", "version": before}
    url = f"/hosting/hosts/{household.id}/edit"
    answers = at_the_same_moment(app, monkeypatch, [
        (staff, url, {**form, "beds": "3"}), (reviewer, url, {**form, "beds": "5"}),
    ])
    assert sorted(status for status, _ in answers) == [303, 409]
    db.session.expire_all()
    stored = db.session.get(HostHousehold, household.id)
    assert stored.beds in (3, 5) and stored.version == before + 1
    assert audit_changes(db, "host_household", household.id) == 1
    winner = "Otto Office" if stored.beds == 3 else "Rita Reviewer"
    (refusal,) = [text for status, text in answers if status == 409]
    assert f"This host household was changed by {winner} at" in refusal


def test_two_moves_of_one_guest_at_the_same_moment_keep_one(
    app, db, monkeypatch, postgres_only, staff, reviewer, make_proposal, make_host, make_guest
):
    from clubs_exchange.audit.trail import acting_as
    from clubs_exchange.hosting.models import Placement
    from clubs_exchange.hosting.placing import EventPlacement
    from clubs_exchange.proposals.models import Direction

    event = make_proposal(S.APPROVED, title="Youth tournament", direction=Direction.INCOMING)
    first, second, third = (make_host(contact_name=name) for name in ("Familie Erst", "Familie Zweit", "Familie Dritt"))
    guest = make_guest(proposal_id=event.id, name="Élodie Martin")
    with acting_as(staff):
        db.session.add(Placement(guest_id=guest.id, household_id=first.id, proposal_id=event.id))
        db.session.commit()
    url = f"/hosting/events/{event.id}/move"
    # Both requests read the placements (the guest with the first household), then both move her.
    answers = at_the_same_moment(app, monkeypatch, [
        (staff, url, {"guest_id": guest.id, "household_id": second.id}),
        (reviewer, url, {"guest_id": guest.id, "household_id": third.id}),
    ], wait_after=(EventPlacement, "load"))
    assert sorted(status for status, _ in answers) == [303, 422]
    db.session.expire_all()
    (placement,) = db.session.scalars(sa.select(Placement).where(Placement.guest_id == guest.id))
    winner = "Otto Office" if placement.household_id == second.id else "Rita Reviewer"
    assert placement.household_id in (second.id, third.id)
    (refusal,) = [text for status, text in answers if status == 422]
    assert f"The placements of this event were changed by {winner} at" in refusal


def test_a_stale_row_met_outside_the_guard_is_a_409_with_a_message_never_a_500(app, client):
    from sqlalchemy.orm.exc import StaleDataError

    def commits_outside_the_guard():
        raise StaleDataError("UPDATE statement on table 'proposals' expected to update 1 row(s); 0 were matched.")

    app.add_url_rule("/test-stale", "test_stale", commits_outside_the_guard)
    response = client.get("/test-stale")
    assert response.status_code == 409
    assert "Someone else changed this while you were looking at it" in text_of(response.get_data(as_text=True))


def test_two_guests_placed_into_the_last_bed_at_the_same_moment_leave_one_placed(
    app, db, monkeypatch, postgres_only, staff, reviewer, make_proposal, make_host, make_guest
):
    """Issue 15 part 3: two people each put another guest into a household's one free bed. Both pages showed it
    free; the household is locked while a placement into it is checked, so the second sees it taken."""
    from clubs_exchange.hosting import routes as hosting_routes
    from clubs_exchange.hosting.models import Placement
    from clubs_exchange.proposals.models import Direction

    event = make_proposal(S.APPROVED, title="Youth tournament", direction=Direction.INCOMING)
    household = make_host(contact_name="Familie Einbett", beds=1)
    anna, bert = (make_guest(proposal_id=event.id, name=name) for name in ("Anna Aubert", "Bert Blanc"))
    url = f"/hosting/events/{event.id}/move"
    answers = at_the_same_moment(app, monkeypatch, [
        (staff, url, {"guest_id": anna.id, "household_id": household.id}),
        (reviewer, url, {"guest_id": bert.id, "household_id": household.id}),
    ], wait_after=(hosting_routes, "guest_of"))
    assert sorted(status for status, _ in answers) == [303, 422]
    db.session.expire_all()
    placed = list(db.session.scalars(sa.select(Placement).where(Placement.household_id == household.id)))
    assert len(placed) == 1
    (refusal,) = [text for status, text in answers if status == 422]
    assert "Familie Einbett" in refusal


def test_two_award_applications_for_the_same_stage_and_year_at_the_same_moment_make_one(
    app, db, monkeypatch, postgres_only, staff, reviewer, make_partner
):
    """Issue 15 part 3: both people prepare the application for the same award and year; one is made, the other
    is told that it exists — never a 500, never two."""
    from clubs_exchange.awards import applications as award_applications
    from clubs_exchange.awards.models import AwardApplication

    lyon = make_partner(name="Lyon")
    form = {"stage": "european_diploma", "year": "2031", "period_start": "", "period_end": "",
            "previous_award_year": "", "twin_towns": str(lyon.id)}
    answers = at_the_same_moment(app, monkeypatch, [
        (staff, "/awards/applications/new", form), (reviewer, "/awards/applications/new", form),
    ], wait_after=(award_applications, "check"))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [303, 422], answers
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AwardApplication)) == 1
    (refusal,) = [text for status, text in answers if status == 422]
    assert "European Diploma" in refusal and "2031" in refusal

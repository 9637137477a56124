"""In-app notifications: who is told of what, the unread badge, marking read, only one's own; the digest."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.auth.models import UserRole
from clubs_exchange.clock import utcnow
from clubs_exchange.interests.models import InterestKind
from clubs_exchange.mail.models import MailState, OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationPreference, SubmittedMail
from clubs_exchange.proposals.models import ProposalState

COMMENT = "Please add the address of the venue."


@pytest.fixture
def club(make_org, make_user, make_proposal):
    """FC Testhausen with two members, a submitted proposal, and a reviewer."""
    organisation = make_org(name="FC Testhausen")
    secretary = make_user(organisation, name="Sabine Secretary")
    colleague = make_user(organisation, name="Carl Colleague")
    staff = make_user(role=UserRole.STAFF, name="Stefan Staff")
    proposal = make_proposal(ProposalState.SUBMITTED, organisation=organisation, title="Youth tournament")
    return organisation, secretary, colleague, staff, proposal


def notifications_of(db, user):
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)))


def badge_text(html: str) -> str:
    start = html.index('id="notification-badge"')
    return html[start:html.index("</span>", html.index(">", start) + 1) + len("</span>")]


def test_every_member_is_told_of_a_staff_decision_with_the_comment_and_a_link(client, db, login_as, club):
    _org, secretary, colleague, staff, proposal = club
    login_as(staff)
    client.post(f"/review/{proposal.id}",
                data={"version": proposal.version, "action": "request_changes", "comment": COMMENT})
    for member in (secretary, colleague):
        [note] = notifications_of(db, member)
        assert note.message == "City staff ask for changes to “Youth tournament”."
        assert note.comment == COMMENT and note.link == f"/proposals/{proposal.id}" and note.read_at is None
    assert notifications_of(db, staff) == []

    login_as(secretary)
    page = client.get("/notifications/").get_data(as_text=True)
    [note] = notifications_of(db, secretary)
    assert COMMENT in page and f'href="/notifications/{note.id}/open"' in page
    # The badge is a plain link with the number, whatever JavaScript does.
    assert ">1<span class=\"visually-hidden\"> unread</span>" in badge_text(page)


def test_staff_are_told_of_submitted_proposals_mailed_by_their_choice(
    client, db, login_as, club, make_user, make_proposal
):
    organisation, secretary, _colleague, staff, _proposal = club
    digest_reader = make_user(role=UserRole.STAFF, name="Dora Digest")
    db.session.add(NotificationPreference(user_id=digest_reader.id, submitted_mail=SubmittedMail.DIGEST))
    db.session.commit()
    draft = make_proposal(organisation=organisation, title="Summer concert")
    login_as(secretary)
    client.post(f"/proposals/{draft.id}/step", data={"action": "submit", "version": draft.version})

    for person in (staff, digest_reader):
        [note] = notifications_of(db, person)
        assert note.message == "FC Testhausen submitted “Summer concert” for review."
        assert note.link == f"/review/{draft.id}"
    recipients = set(db.session.scalars(sa.select(OutboxMail.recipient)))
    assert recipients == {staff.email}

    # The daily digest collects it for the one who chose it, once.
    result = client.application.test_cli_runner().invoke(args=["send-digest"])
    assert result.exit_code == 0, result.output
    digest = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == digest_reader.email))
    assert "Summer concert" in digest.text_body and f"/review/{draft.id}" in digest.text_body
    client.application.test_cli_runner().invoke(args=["send-digest"])
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(OutboxMail).where(OutboxMail.recipient == digest_reader.email)) == 1


def test_staff_choose_the_digest_on_their_account_page(client, db, login_as, club):
    *_rest, staff, _proposal = club
    login_as(staff)
    page = client.get("/account").get_data(as_text=True)
    assert "Mails about submitted proposals" in page
    response = client.post("/notifications/preferences", data={"submitted_mail": "digest"})
    assert response.status_code == 303
    assert db.session.get(NotificationPreference, staff.id).submitted_mail == SubmittedMail.DIGEST
    bad = client.post("/notifications/preferences", data={"submitted_mail": "hourly"})
    assert bad.status_code == 422 and "Not a valid choice" in bad.get_data(as_text=True)


def test_marking_read_one_and_all(client, db, login_as, club, htmx_headers):
    _org, secretary, _colleague, staff, proposal = club
    login_as(staff)
    client.post(f"/review/{proposal.id}",
                data={"version": proposal.version, "action": "request_changes", "comment": COMMENT})
    proposal.state = ProposalState.SUBMITTED
    db.session.commit()
    client.post(f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve"})
    first, second = sorted(notifications_of(db, secretary), key=lambda n: n.id)

    login_as(secretary)
    response = client.post(f"/notifications/{first.id}/read", headers=htmx_headers)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notificationsChanged"
    assert "<html" not in response.get_data(as_text=True) and "Mark read" not in response.get_data(as_text=True)
    assert badge_text(client.get("/notifications/badge").get_data(as_text=True)).count(">1<") == 1

    response = client.post("/notifications/read-all")
    assert response.status_code == 303
    assert all(n.read_at is not None for n in notifications_of(db, secretary))
    assert "badge-empty" in client.get("/notifications/badge").get_data(as_text=True)


def test_someone_elses_notification_is_not_found(client, db, login_as, club):
    _org, secretary, colleague, staff, proposal = club
    login_as(staff)
    client.post(f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve"})
    [theirs] = notifications_of(db, colleague)
    for person in (secretary, staff):
        login_as(person)
        assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    assert client.post("/notifications/read-all").status_code == 303
    db.session.refresh(theirs)
    assert theirs.read_at is None


def test_a_new_interest_that_fits_tells_the_other_organisation(
    client, db, login_as, make_org, make_user, make_interest, make_partner
):
    partner = make_partner(name="Saint-Lô")
    hosts = make_org(name="SV Gastgeber")
    host_secretary = make_user(hosts)
    make_interest(organisation=hosts, partner_city=partner, kind=InterestKind.HOST_GROUP, activity="football")
    unrelated = make_user(make_org(name="Kammerchor"))
    travellers = make_org(name="FC Reiselust")
    login_as(make_user(travellers))
    response = client.post("/interests/new", data={
        "organisation_id": str(travellers.id), "kind": InterestKind.SEND_GROUP.value, "age_group": "",
        "partner_city_id": str(partner.id), "activity": "football", "group_size": "16", "beds_offered": "0"})
    assert response.status_code == 303
    [note] = notifications_of(db, host_secretary)
    assert note.message == "A new exchange interest of FC Reiselust fits yours: football"
    assert note.link.startswith("/interests/")
    assert notifications_of(db, unrelated) == []


def test_without_smtp_mails_go_to_the_log_and_stay_in_the_outbox(app, client, db, login_as, club, caplog):
    _org, secretary, _colleague, staff, proposal = club
    login_as(staff)
    client.post(f"/review/{proposal.id}", data={"version": proposal.version, "action": "approve"}, buffered=True)
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == secretary.email))
    assert mail.state == MailState.LOGGED
    assert any(secretary.email in r.getMessage() for r in caplog.records)
    page = client.get("/outbox/").get_data(as_text=True)
    assert "is approved" in page and "No SMTP server is configured" in page


# --- password reset -------------------------------------------------------------------------------------------


def reset_link(db, email: str) -> str:
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == email))
    line = next(line for line in mail.text_body.splitlines() if "/reset-password/" in line)
    return line[line.index("/reset-password/"):].strip()


def test_a_forgotten_password_is_reset_through_a_link_that_works_once(client, db, make_user):
    user = make_user(email="petra@example.org")
    assert "Forgot your password?" in client.get("/login").get_data(as_text=True)
    known = client.post("/forgot-password", data={"email": "Petra@example.org"}, follow_redirects=True)
    unknown = client.post("/forgot-password", data={"email": "nobody@example.org"}, follow_redirects=True)
    # The same answer either way; only the account's owner gets a mail.
    assert known.status_code == unknown.status_code == 200
    assert "a link to choose a new password is on its way" in unknown.get_data(as_text=True)
    assert list(db.session.scalars(sa.select(OutboxMail.recipient))) == ["petra@example.org"]

    link = reset_link(db, "petra@example.org")
    assert client.get(link).status_code == 200
    short = client.post(link, data={"password": "short", "confirm": "short"})
    assert short.status_code == 422
    response = client.post(link, data={"password": "a new secret 77", "confirm": "a new secret 77"})
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.check_password("a new secret 77")
    # Used once, it no longer works.
    assert client.get(link).status_code == 404


def test_a_reset_link_runs_out_and_a_forged_one_never_works(app, client, db, make_user):
    from clubs_exchange.auth import password_reset

    user = make_user()
    token = password_reset.reset_token(user)
    db.session.commit()  # making a link replaces the account's reset key (it ends older links): committed with it
    assert client.get(f"/reset-password/{token}").status_code == 200
    assert client.get(f"/reset-password/{token[:-2]}xx").status_code == 404
    later = utcnow() + timedelta(minutes=app.config["PASSWORD_RESET_MINUTES"] + 1)
    with clock.frozen(later):  # the link's age is read from clock.py (auth/signed_links.py)
        assert client.get(f"/reset-password/{token}").status_code == 404

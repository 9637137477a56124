"""Notification defects of issue 10: opening a notification leaves it unread; a new organisation registers and
nobody hears of it; its secretary is not told when it is verified."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import MemberFunction, UserRole
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    SubmittedMail,
)
from clubs_exchange.organisations.models import Organisation, OrganisationStatus


def notifications_of(db, user):
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def mails_to(db, address):
    return list(db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == address)))


def badge_count(html: str) -> str:
    match = re.search(r'id="notification-badge"[^>]*>(\d*)', html)
    return match.group(1)


# --- opening a notification marks it read -------------------------------------------------------------------


@pytest.fixture
def member_with_news(db, make_org, make_user, make_proposal):
    member = make_user(make_org(name="FC Testhausen"))
    proposal = make_proposal()
    notes = [Notification(user_id=member.id, kind=NotificationKind.APPROVED, message=f"News {n}",
                          link=f"/proposals/{proposal.id}") for n in range(2)]
    db.session.add_all(notes)
    db.session.commit()
    return member, notes, proposal


def test_opening_a_notification_marks_it_read_and_the_badge_goes_down(client, db, login_as, member_with_news):
    member, (first, second), proposal = member_with_news
    login_as(member)
    page = client.get("/notifications/").get_data(as_text=True)
    assert badge_count(page) == "2"
    # The list's link goes through the app, which marks the notification read on the way.
    assert f'href="/notifications/{first.id}/open"' in page

    response = client.get(f"/notifications/{first.id}/open")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/proposals/{proposal.id}"
    db.session.refresh(first)
    db.session.refresh(second)
    assert first.read_at is not None and second.read_at is None
    target = client.get(response.headers["Location"]).get_data(as_text=True)
    assert badge_count(target) == "1"


def test_opening_it_again_keeps_the_first_read_time(client, db, login_as, member_with_news):
    member, (first, _second), _proposal = member_with_news
    login_as(member)
    client.get(f"/notifications/{first.id}/open")
    db.session.refresh(first)
    read_at = first.read_at
    assert client.get(f"/notifications/{first.id}/open").status_code == 303
    db.session.refresh(first)
    assert first.read_at == read_at


def test_someone_elses_notification_does_not_open(client, db, login_as, member_with_news, make_user):
    _member, (first, _second), _proposal = member_with_news
    login_as(make_user())
    assert client.get(f"/notifications/{first.id}/open").status_code == 404
    db.session.refresh(first)
    assert first.read_at is None


@pytest.mark.parametrize("link", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_a_link_off_the_site_leads_to_the_list_instead(client, db, login_as, make_user, link):
    member = make_user()
    note = Notification(user_id=member.id, kind=NotificationKind.APPROVED, message="Odd", link=link)
    db.session.add(note)
    db.session.commit()
    login_as(member)
    response = client.get(f"/notifications/{note.id}/open")
    assert response.status_code == 303
    assert response.headers["Location"] == "/notifications/"


# --- a new organisation: staff hear of it; its secretary hears of the verification --------------------------


REGISTRATION = {
    "organisation_name": "Kammerchor Nord", "kind": "choir_music", "discipline": "chamber choir",
    "member_count": "32", "description": "We sing.", "name": "Clara Chor", "email": "clara@example.org",
    "phone": "", "password": "long enough words", "confirm": "long enough words",
}


def test_staff_get_a_notification_and_a_mail_when_an_organisation_registers(client, db, make_user):
    staff = make_user(role=UserRole.STAFF, name="Stefan Staff")
    admin = make_user(role=UserRole.ADMIN)
    quiet = make_user(role=UserRole.STAFF)
    db.session.add(NotificationPreference(user_id=quiet.id, submitted_mail=SubmittedMail.NONE))
    db.session.commit()
    member = make_user()

    assert client.post("/register", data=REGISTRATION).status_code == 303
    organisation = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Kammerchor Nord"))
    for person in (staff, admin, quiet):
        [note] = notifications_of(db, person)
        assert note.kind == NotificationKind.ORGANISATION_REGISTERED
        assert note.message == "Kammerchor Nord registered and waits for verification."
        assert note.link == f"/organisations/{organisation.id}"
    assert notifications_of(db, member) == []
    [mail] = mails_to(db, staff.email)
    assert mail.subject == "Kammerchor Nord registered and waits for verification."
    assert f"/organisations/{organisation.id}" in mail.text_body and "clara@example.org" in mail.text_body
    assert len(mails_to(db, admin.email)) == 1
    assert mails_to(db, quiet.email) == []  # chose no mails: the notification is enough


def test_the_secretary_is_told_when_staff_verify_the_organisation(client, db, login_as, make_org, make_user):
    organisation = make_org(name="Kammerchor Nord", status=OrganisationStatus.PENDING)
    secretary = make_user(organisation, name="Clara Chor", function=MemberFunction.SECRETARY)
    singer = make_user(organisation, function=MemberFunction.MEMBER)
    staff = make_user(role=UserRole.STAFF)
    login_as(staff)
    assert client.post(f"/organisations/{organisation.id}/verify").status_code == 303

    [note] = notifications_of(db, secretary)
    assert note.kind == NotificationKind.ORGANISATION_VERIFIED
    assert note.message == "Kammerchor Nord is verified: you can now submit proposals."
    [mail] = mails_to(db, secretary.email)
    assert mail.subject == note.message and "Hello Clara Chor" in mail.text_body
    assert f"/organisations/{organisation.id}" in mail.text_body
    assert notifications_of(db, singer) == [] and mails_to(db, singer.email) == []
    assert notifications_of(db, staff) == []

    # Verifying again tells nobody anything new.
    client.post(f"/organisations/{organisation.id}/verify")
    assert len(notifications_of(db, secretary)) == 1


def test_without_a_secretary_every_member_is_told(client, db, login_as, make_org, make_user):
    organisation = make_org(status=OrganisationStatus.PENDING)
    teacher = make_user(organisation, function=MemberFunction.TEACHER)
    login_as(make_user(role=UserRole.STAFF))
    client.post(f"/organisations/{organisation.id}/verify")
    assert [n.kind for n in notifications_of(db, teacher)] == [NotificationKind.ORGANISATION_VERIFIED]

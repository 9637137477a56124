"""Accounts: staff invite people (the link is shown once), administrators change roles; members get nothing."""

import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation, UserRole


def test_members_and_anonymous_cannot_reach_accounts(client, make_user, make_org, login_as):
    assert client.get("/accounts/").status_code == 302
    login_as(make_user(make_org()))
    assert client.get("/accounts/").status_code == 403
    assert client.get("/accounts/invite").status_code == 403


def test_staff_invite_a_member_and_see_the_one_time_link(client, db, make_user, make_org, login_as):
    organisation = make_org(name="Kammerchor Nord")
    login_as(make_user(role=UserRole.STAFF))
    response = client.post("/accounts/invite", data={"email": "nina@example.org", "name": "Nina", "role": "member",
                                                     "organisation_id": str(organisation.id), "function": "teacher"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "/invitation/" in html and "shown only now" in html
    invitation = db.session.scalar(sa.select(Invitation))
    assert invitation.organisation_id == organisation.id and invitation.role == UserRole.MEMBER


def test_a_member_invitation_needs_an_organisation(client, make_user, login_as):
    login_as(make_user(role=UserRole.STAFF))
    response = client.post("/accounts/invite", data={"email": "nina@example.org", "role": "member",
                                                     "organisation_id": "", "function": "member"})
    assert response.status_code == 422
    assert "Choose the organisation" in response.get_data(as_text=True)


def test_staff_cannot_invite_administrators_but_admins_can(client, make_user, login_as):
    login_as(make_user(role=UserRole.STAFF))
    data = {"email": "boss@example.org", "role": "admin", "organisation_id": "", "function": "member"}
    response = client.post("/accounts/invite", data=data)
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
    login_as(make_user(role=UserRole.ADMIN))
    assert client.post("/accounts/invite", data=data).status_code == 200


def test_tampered_organisation_id_is_refused(client, make_user, login_as):
    login_as(make_user(role=UserRole.STAFF))
    response = client.post("/accounts/invite", data={"email": "n@example.org", "role": "staff",
                                                     "organisation_id": "99999", "function": "member"})
    assert response.status_code == 422


def test_active_search_answers_the_rows_only(client, make_user, login_as):
    login_as(make_user(role=UserRole.STAFF, name="Stefan Staff"))
    make_user(name="Zoe Zebra")
    response = client.get("/accounts/?q=zebra", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Zoe Zebra" in html and "Stefan Staff" not in html
    assert "<html" in client.get("/accounts/?q=zebra", headers={"HX-Request": "true", "HX-Boosted": "true"}).get_data(
        as_text=True
    )


def test_only_admins_edit_accounts(client, db, make_user, login_as):
    target = make_user(name="Tina")
    login_as(make_user(role=UserRole.STAFF))
    assert client.get(f"/accounts/{target.id}").status_code == 403
    login_as(make_user(role=UserRole.ADMIN))
    response = client.post(f"/accounts/{target.id}", data={"name": "Tina T.", "role": "staff", "active": ""})
    assert response.status_code == 303
    db.session.refresh(target)
    assert (target.name, target.role, target.active) == ("Tina T.", UserRole.STAFF, False)
    assert client.get("/accounts/abc").status_code == 404
    assert client.get("/accounts/99999").status_code == 404


def test_admin_cannot_demote_themselves(client, make_user, login_as):
    admin = make_user(role=UserRole.ADMIN)
    login_as(admin)
    response = client.post(f"/accounts/{admin.id}", data={"name": admin.name, "role": "member", "active": "y"})
    assert response.status_code == 422

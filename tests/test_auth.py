"""Logging in and out, registering an organisation, invitations, one's own account."""

import sqlalchemy as sa

from clubs_exchange.auth.invitations import accept_invitation, create_invitation, find_open_invitation
from clubs_exchange.auth.models import MemberFunction, User, UserRole
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from tests.helpers import PASSWORD


def test_login_with_right_password_and_remember_me(client, make_user):
    user = make_user(email="clara@example.org")
    response = client.post("/login", data={"email": "Clara@Example.org ", "password": PASSWORD, "remember": "y"})
    assert response.status_code == 303
    assert "remember_token" in response.headers.get("Set-Cookie", "")
    page = client.get("/").get_data(as_text=True)
    assert user.name in page


def test_login_with_wrong_password_says_so_at_the_field_and_keeps_the_email(client, make_user):
    make_user(email="clara@example.org")
    response = client.post("/login", data={"email": "clara@example.org", "password": "wrong"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "E-mail or password is wrong" in html
    assert 'value="clara@example.org"' in html


def test_disabled_account_cannot_log_in(client, make_user):
    make_user(email="gone@example.org", active=False)
    response = client.post("/login", data={"email": "gone@example.org", "password": PASSWORD})
    assert response.status_code == 422


def test_login_redirects_only_within_the_site(client, make_user):
    make_user(email="clara@example.org")
    data = {"email": "clara@example.org", "password": PASSWORD}
    response = client.post("/login?next=https://evil.example/x", data=data)
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/proposals/", data={"email": "clara@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/proposals/"


def test_logout_is_a_post_and_ends_the_session(client, make_user, login_as):
    login_as(make_user())
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 303
    assert client.get("/account").status_code == 302


def test_pages_need_a_login_and_htmx_gets_401_with_hx_redirect(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.get("/account", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login")


def test_register_creates_a_pending_organisation_with_its_secretary(client, db):
    response = client.post(
        "/register",
        data={
            "organisation_name": "Kammerchor Nord", "kind": "choir_music", "discipline": "chamber choir",
            "member_count": "32", "description": "We sing.", "name": "Clara Chor", "email": "clara@example.org",
            "phone": "", "password": "long enough words", "confirm": "long enough words",
        },
    )
    assert response.status_code == 303
    organisation = db.session.scalar(sa.select(Organisation).where(Organisation.name == "Kammerchor Nord"))
    assert organisation.status == OrganisationStatus.PENDING
    user = db.session.scalar(sa.select(User).where(User.email == "clara@example.org"))
    assert user.role == UserRole.MEMBER
    assert [(m.organisation_id, m.function) for m in user.memberships] == [(organisation.id, MemberFunction.SECRETARY)]
    assert user.check_password("long enough words") and user.password_hash.startswith("scrypt:")


def test_register_with_bad_input_shows_messages_and_keeps_entries(client, make_org, make_user):
    make_org(name="FC Nord")
    make_user(email="taken@example.org")
    response = client.post(
        "/register",
        data={
            "organisation_name": "FC Nord", "kind": "tampered", "member_count": "many", "name": "x" * 10_000,
            "email": "taken@example.org", "password": "short", "confirm": "other",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Not a valid choice" in html
    assert "Not a valid integer value" in html
    assert "At least 12 characters" in html
    assert "The passwords differ" in html
    assert 'value="FC Nord"' in html


def test_register_refuses_a_taken_name_case_insensitively(client, make_org):
    make_org(name="FC Nord")
    data = {"organisation_name": "fc nord", "kind": "sports_club", "name": "A", "email": "a@example.org",
            "password": "long enough words", "confirm": "long enough words"}
    response = client.post("/register", data=data)
    assert response.status_code == 422
    assert "registered already" in response.get_data(as_text=True)


def test_invitation_link_is_one_time_and_creates_a_member(db, client, make_org, make_user):
    organisation = make_org()
    inviter = make_user(role=UserRole.STAFF)
    invitation, token = create_invitation(email="New@Example.org", organisation=organisation,
                                          function=MemberFunction.TEACHER, invited_by=inviter)
    db.session.commit()
    assert invitation.email == "new@example.org" and invitation.token_hash != token
    assert client.get(f"/invitation/{token}").status_code == 200
    response = client.post(f"/invitation/{token}", data={"name": "Nina New", "password": "long enough words",
                                                        "confirm": "long enough words"})
    assert response.status_code == 303
    user = db.session.scalar(sa.select(User).where(User.email == "new@example.org"))
    assert user.organisation_ids == {organisation.id}
    assert user.memberships[0].function == MemberFunction.TEACHER
    client.post("/logout")
    assert client.get(f"/invitation/{token}").status_code == 404
    assert find_open_invitation(token) is None


def test_unknown_invitation_is_404(client):
    assert client.get("/invitation/nonsense").status_code == 404


def test_existing_user_invited_to_a_second_organisation_joins_it(db, make_org, make_user):
    first, second = make_org(), make_org()
    user = make_user(first)
    invitation, _token = create_invitation(email=user.email, organisation=second, invited_by=None)
    assert accept_invitation(invitation, name="ignored", password="") is user
    db.session.commit()
    assert user.organisation_ids == {first.id, second.id}


def test_account_page_changes_name_and_password(client, make_user, login_as, db):
    user = make_user(name="Old Name")
    login_as(user)
    response = client.post("/account", data={"name": "New Name", "current_password": "wrong",
                                             "new_password": "a new secret"})
    assert response.status_code == 422
    assert "not your current password" in response.get_data(as_text=True)
    response = client.post("/account", data={"name": "New Name", "current_password": PASSWORD,
                                             "new_password": "a new secret"})
    assert response.status_code == 303
    db.session.refresh(user)
    assert user.name == "New Name" and user.check_password("a new secret")

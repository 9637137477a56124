"""Sessions end: logout, a new password, a reset, a disabled account or a new role end the other sessions too."""

from datetime import timedelta

from clubs_exchange.auth.models import UserRole
from clubs_exchange.auth.password_reset import reset_token
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from tests.helpers import PASSWORD

NEW_PASSWORD = "another horse 43"


def log_in(app, user, *, remember=False):
    client = app.test_client()
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 303
    return client


def copy_of(app, client, *names):
    """Another browser holding the very cookies the first one has now (stolen, or kept from before)."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_session_cookie_copied_before_logout_is_refused_after_it(app, member):
    client = log_in(app, member)
    copy = copy_of(app, client, "session")
    assert logged_in(copy)
    client.post("/logout")
    assert not logged_in(client)
    assert not logged_in(copy)


def test_a_remember_me_cookie_copied_before_logout_is_refused_after_it(app, member):
    client = log_in(app, member, remember=True)
    assert logged_in(copy_of(app, client, "remember_token"))  # the cookie alone logs in: that is what it is for
    kept = copy_of(app, client, "remember_token")
    client.post("/logout")
    assert not logged_in(kept)


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(app, member):
    laptop = log_in(app, member, remember=True)
    phone = log_in(app, member)
    kept = copy_of(app, laptop, "remember_token")
    response = phone.post("/account", data={"name": member.name, "current_password": PASSWORD,
                                            "new_password": NEW_PASSWORD})
    assert response.status_code == 303
    assert logged_in(phone)
    assert not logged_in(laptop)
    assert not logged_in(kept)


def test_a_password_reset_ends_every_session(app, member):
    laptop = log_in(app, member, remember=True)
    kept = copy_of(app, laptop, "remember_token")
    stranger = app.test_client()
    token = reset_token(member)
    db.session.commit()  # making a link stores the user's reset key (a newer link ends this one)
    response = stranger.post(f"/reset-password/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert not logged_in(laptop)
    assert not logged_in(kept)


def test_disabling_an_account_or_changing_its_role_ends_its_sessions(app, admin, make_user, choir):
    clara = make_user(choir, email="clara@example.org")
    otto = make_user(choir, email="otto@example.org")
    claras, ottos = log_in(app, clara, remember=True), log_in(app, otto, remember=True)
    kept = copy_of(app, claras, "remember_token")
    office = log_in(app, admin)
    assert office.post(f"/accounts/{clara.id}", data={"name": clara.name, "role": "member"}).status_code == 303
    assert not logged_in(claras) and not logged_in(kept)
    assert logged_in(ottos)
    data = {"name": otto.name, "role": UserRole.STAFF.value, "active": "y"}
    assert office.post(f"/accounts/{otto.id}", data=data).status_code == 303
    assert not logged_in(ottos)
    assert logged_in(office)


def test_saving_an_account_unchanged_keeps_its_sessions(app, admin, member):
    client = log_in(app, member)
    office = log_in(app, admin)
    data = {"name": "Clara Renamed", "role": "member", "active": "y"}
    assert office.post(f"/accounts/{member.id}", data=data).status_code == 303
    assert logged_in(client)


def test_the_remember_me_cookie_lasts_30_days(app, member):
    client = app.test_client()
    response = client.post("/login", data={"email": member.email, "password": PASSWORD, "remember": "y"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    expires = client.get_cookie("remember_token").expires
    assert "HttpOnly" in cookie
    assert timedelta(days=29) < expires - utcnow() <= timedelta(days=30, minutes=1)


def test_log_out_everywhere_else_keeps_only_this_session(app, member):
    laptop = log_in(app, member, remember=True)
    kept = copy_of(app, laptop, "remember_token")
    phone = log_in(app, member, remember=True)
    page = phone.get("/account").get_data(as_text=True)
    assert "Log out everywhere else" in page
    response = phone.post("/account/log-out-elsewhere")
    assert response.status_code == 303
    assert not logged_in(laptop)
    assert not logged_in(kept)
    assert logged_in(phone)
    # This browser's own remember-me cookie was renewed too: it alone still logs in.
    assert logged_in(copy_of(app, phone, "remember_token"))


def test_log_out_everywhere_else_is_a_post(app, member):
    client = log_in(app, member)
    assert client.get("/account/log-out-elsewhere").status_code == 405


def test_the_session_is_new_at_login(app, member):
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.post("/login", data={"email": member.email, "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == member.get_id()

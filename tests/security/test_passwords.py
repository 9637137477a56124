"""Passwords (issue 11 part 7, ASVS 2.1): 12 to 128 characters, spaces allowed, no composition rules; the common
ones refused and so are one's own address and name; wherever a password is set. Hashes from before still work."""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from clubs_exchange.auth import passwords
from clubs_exchange.auth.invitations import accept_invitation, create_invitation
from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.auth.password_reset import reset_password, reset_token
from clubs_exchange.auth.passwords import PasswordError, check_new_password, password_problem
from clubs_exchange.organisations.models import Organisation, OrganisationKind
from clubs_exchange.organisations.registration import register_organisation
from tests.helpers import PASSWORD

DATA = Path(passwords.__file__).parent / "data"
# 128 characters of passphrase, spaces and all.
LONGEST = ("seven green herons wade past the old mill at dusk " * 3)[:128]
assert len(LONGEST) == 128


def field_html(html: str, field_id: str) -> str:
    match = re.search(rf'<div class="field[^"]*" id="{field_id}-field"[^>]*>(.*?)</div>', html, re.S)
    assert match, f"no field {field_id} on the page"
    return match.group(1)


# --- every route that sets a password, each for a person with a known address and name ----------------------


class Register:
    field, email, name = "password", "kontakt.nord@example.org", "Clara Chor"

    def __init__(self, client, db, make_user, login_as, make_org):
        self.client, self.db = client, db

    def post(self, password):
        return self.client.post("/register", data={
            "organisation_name": "Kammerchor Nord", "kind": "choir_music", "name": self.name, "email": self.email,
            "password": password, "confirm": password,
        })

    def kept(self, html):
        return 'value="Kammerchor Nord"' in html and f'value="{self.email}"' in html

    def password_set(self, password):
        user = self.db.session.scalar(sa.select(User).where(User.email == self.email))
        return user is not None and user.check_password(password)


class Invitation:
    field, email, name = "password", "n.neu.1990@example.org", "Nina Neu"

    def __init__(self, client, db, make_user, login_as, make_org):
        self.client, self.db = client, db
        _invitation, self.token = create_invitation(email=self.email, organisation=make_org(), invited_by=None)
        db.session.commit()

    def post(self, password):
        return self.client.post(f"/invitation/{self.token}",
                                data={"name": self.name, "password": password, "confirm": password})

    def kept(self, html):
        return f'value="{self.name}"' in html

    def password_set(self, password):
        user = self.db.session.scalar(sa.select(User).where(User.email == self.email))
        return user is not None and user.check_password(password)


class Reset:
    field, email, name = "password", "pp.office@example.org", "Petra Pohl"

    def __init__(self, client, db, make_user, login_as, make_org):
        self.client, self.db = client, db
        self.user = make_user(email=self.email, name=self.name)
        self.token = reset_token(self.user)
        db.session.commit()

    def post(self, password):
        return self.client.post(f"/reset-password/{self.token}", data={"password": password, "confirm": password})

    def kept(self, html):
        return True  # nothing but the password, which a page never shows again

    def password_set(self, password):
        self.db.session.refresh(self.user)
        return self.user.check_password(password)


class Account:
    field, email, name = "new_password", "a.adler.home@example.org", "Anna Adler"

    def __init__(self, client, db, make_user, login_as, make_org):
        self.client, self.db = client, db
        self.user = make_user(email=self.email, name=self.name)
        login_as(self.user)

    def post(self, password):
        return self.client.post("/account", data={"name": self.name, "current_password": PASSWORD,
                                                  "new_password": password})

    def kept(self, html):
        return f'value="{self.name}"' in html

    def password_set(self, password):
        self.db.session.refresh(self.user)
        return self.user.check_password(password)


ROUTES = [Register, Invitation, Reset, Account]


@pytest.fixture(params=ROUTES, ids=lambda route: route.__name__.lower())
def route(request, client, db, make_user, login_as, make_org):
    return request.param(client, db, make_user, login_as, make_org)


def refused(route, password, message):
    response = route.post(password)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in field_html(html, route.field)
    assert route.kept(html), "the other entries are kept"
    assert not route.password_set(password)


def test_eleven_characters_are_refused(route):
    refused(route, "eleven char", "At least 12 characters, please: this has 11.")


def test_spaces_do_not_pad_a_password(route):
    refused(route, "sing      loud", "At least 12 characters, please: this has 9.")


def test_more_than_128_characters_are_refused_not_cut(route):
    refused(route, LONGEST + "s", "At most 128 characters: this has 129. Please shorten it by 1.")
    assert not route.password_set(LONGEST)


@pytest.mark.parametrize("password", ["qwerty123456", "QWERTY123456", "Sunshine 2024!!"])
def test_a_common_password_is_refused(route, password):
    refused(route, password, "This is one of the most common passwords")


def test_ones_own_email_address_is_refused(route):
    refused(route, f"{route.email} is mine", "must not contain your e-mail address")
    refused(route, f"{route.email.split('@')[0].upper()}-2024!", "must not contain your e-mail address")


def test_a_local_part_that_is_ones_name_is_told_as_the_name(app):
    assert "made of your name" in password_problem("Schmidt Maria 1985", email="maria.schmidt@example.org",
                                                   names=("Maria Schmidt",))


def test_ones_own_name_is_refused(route):
    first, last = route.name.split()
    refused(route, f"{last} {first} 1985!", "must not be made of your name")
    refused(route, f"my name is {route.name}", "must not be made of your name")


def test_128_characters_with_spaces_are_accepted(route):
    response = route.post(LONGEST)
    assert response.status_code == 303
    assert route.password_set(LONGEST)


def test_twelve_characters_of_plain_words_are_enough(route):
    response = route.post("twelve chars")
    assert response.status_code == 303
    assert route.password_set("twelve chars")


# --- the pages say it ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route_class", ROUTES, ids=lambda route: route.__name__.lower())
def test_each_password_field_says_what_is_asked(route_class, client, db, make_user, login_as, make_org):
    route = route_class(client, db, make_user, login_as, make_org)
    path = {Register: "/register", Invitation: f"/invitation/{getattr(route, 'token', '')}",
            Reset: f"/reset-password/{getattr(route, 'token', '')}", Account: "/account"}[route_class]
    html = client.get(path).get_data(as_text=True)
    assert "At least 12 characters; spaces are allowed" in field_html(html, route.field)
    assert "maxlength" not in field_html(html, route.field)


# --- the steps behind the forms, and create-admin -----------------------------------------------------------------


def test_the_steps_refuse_what_the_forms_refuse(app, db, make_user, make_org):
    with pytest.raises(PasswordError):
        register_organisation(organisation_name="FC Nord", kind=OrganisationKind.SPORTS_CLUB, discipline="",
                              member_count=None, description="", name="Fritz Nord", email="fritz@example.org",
                              phone="", password="fritz nord 1234")
    invitation, _token = create_invitation(email="nina@example.org", organisation=make_org(), invited_by=None)
    with pytest.raises(PasswordError):
        accept_invitation(invitation, name="Nina Neu", password="qwerty123456")
    user = make_user(email="petra@example.org", name="Petra Pohl")
    with pytest.raises(PasswordError):
        reset_password(user, "short")
    assert user.check_password(PASSWORD)


def test_a_registration_with_a_known_address_is_refused_alike(client, make_user, db):
    """The rule comes before the address is looked up: a weak password tells nobody which addresses exist."""
    make_user(email="taken@example.org")
    answers = []
    for email in ("taken@example.org", "fresh@example.org"):
        response = client.post("/register", data={
            "organisation_name": "FC Nord", "kind": "sports_club", "name": "Fritz", "email": email,
            "password": "password1234", "confirm": "password1234",
        })
        answers.append((response.status_code, field_html(response.get_data(as_text=True), "password")))
    assert answers[0] == answers[1] and answers[0][0] == 422
    assert db.session.scalars(sa.select(Organisation)).all() == []


@pytest.mark.parametrize(("password", "message"), [
    ("short", "At least 12 characters"),
    ("password1234", "most common passwords"),
    ("Boss Bossmann 1", "made of your name"),
])
def test_create_admin_holds_the_rules(app, db, password, message):
    result = app.test_cli_runner().invoke(args=["create-admin", "--email", "boss@example.org",
                                                "--name", "Boss Bossmann", "--password", password])
    assert result.exit_code != 0 and message in result.output
    assert db.session.scalar(sa.select(User).where(User.email == "boss@example.org")) is None


# --- the rule itself ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("password", [
    "correct horse battery",          # a passphrase
    "Maria loves the choir",          # a first name among other words is fine
    "zürich größe äpfel",             # any letters
    "x" * 12 + " " + "ok",            # no composition rules
    "enjoy the jolly choir",          # a short local part ("jo") is not looked for
])
def test_good_passwords_pass(app, password):
    assert password_problem(password, email="jo@example.org", names=("Maria Schmidt",)) is None


@pytest.mark.parametrize("password", [
    "ＱＷＥＲＴＹ１２３４５６",       # full-width letters are the same password (NFKC)
    "qwerty 123456",                  # spaces inside do not hide it
    "  qwerty123456  ",
    "iloveyou2024!!",                 # a listed one with digits and signs merely added
])
def test_common_passwords_are_found_however_typed(app, password):
    assert "most common passwords" in password_problem(password)


@pytest.mark.parametrize("password", ["SCHMIDT maria 85!!", "mariaschmidt2024", "Maria-Schmidt-Maria"])
def test_ones_name_is_found_however_typed(app, password):
    assert "made of your name" in password_problem(password, names=("Maria Schmidt",))


def test_the_old_name_and_the_new_one_both_count(app):
    with pytest.raises(PasswordError) as refused_:
        check_new_password("annaschmidt 2024", names=("Anna Adler", "Anna Schmidt"), field="new_password")
    assert refused_.value.field == "new_password"


# --- the list -------------------------------------------------------------------------------------------------------


def test_the_common_list_is_shipped_whole_with_its_source_and_licence():
    listed = passwords.common_passwords()
    assert len(listed) >= 10_000
    assert all(entry == entry.lower() == entry.strip() for entry in listed)
    assert {"123456", "password", "qwerty123456", "iloveyou"} <= listed
    readme = (DATA / "README.md").read_text()
    assert "zxcvbn" in readme and "MIT License" in readme and "Permission is hereby granted" in readme


# --- hashes from before -----------------------------------------------------------------------------------------


def _with_old_password(user, db, password):
    user.password_hash = generate_password_hash(password, "pbkdf2:sha256:1")  # quick: only the check counts here
    db.session.commit()


def test_a_password_set_before_the_rules_still_logs_in(client, make_user, db):
    _with_old_password(make_user(email="old@example.org"), db, "old1")
    response = client.post("/login", data={"email": "old@example.org", "password": "old1"})
    assert response.status_code == 303
    assert client.get("/account").status_code == 200


def test_a_password_longer_than_the_new_limit_still_logs_in(client, make_user, db):
    """Up to 200 characters could be set before; the login form still takes them."""
    _with_old_password(make_user(email="staff-old@example.org", role=UserRole.STAFF), db, "p" * 190)
    response = client.post("/login", data={"email": "staff-old@example.org", "password": "p" * 190})
    assert response.status_code == 303

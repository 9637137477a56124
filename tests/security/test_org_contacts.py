"""Organisations' contact e-mail and phone are for staff, the organisation's own members and members of verified
organisations (issue 11, part 8).

Before: any logged-in account read every organisation's contacts, an account registered a minute ago with an
organisation nobody has verified included (registering is open to anyone), while the CSV export withheld them.
"""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.organisations.models import OrganisationStatus
from tests.helpers import PASSWORD

NOTE = "Shown to members of verified organisations."


@pytest.fixture
def club(make_org):
    return make_org(name="FC Nord", email="kontakt@fc-nord.example", phone="+49 30 123456")


@pytest.fixture
def pending(make_org):
    return make_org(name="Chor im Aufbau", status=OrganisationStatus.PENDING, email="chor@aufbau.example",
                    phone="+49 30 999999")


def profile(client, organisation) -> str:
    response = client.get(f"/organisations/{organisation.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def shows_contacts(html: str, organisation) -> bool:
    has_mail, has_phone = organisation.email in html, organisation.phone in html
    assert has_mail == has_phone, "e-mail and phone go together"
    assert has_mail != (NOTE in html), "either the contacts or the note"
    return has_mail


def test_a_member_of_an_organisation_awaiting_verification_reads_no_other_organisations_contacts(
    client, login_as, make_user, club, pending
):
    newcomer = make_user(pending)
    login_as(newcomer)
    html = profile(client, club)
    assert not shows_contacts(html, club)
    assert "FC Nord" in html  # the rest of the profile is there
    assert "tel:" not in html and "mailto:" not in html
    # Its own organisation's contacts it entered itself: shown.
    assert shows_contacts(profile(client, pending), pending)


def test_an_account_without_an_organisation_reads_no_contacts(client, login_as, make_user, club):
    login_as(make_user())
    assert not shows_contacts(profile(client, club), club)


def test_a_self_registered_account_reads_no_contacts_once_confirmed(client, db, club):
    """Register, confirm the address, log in: the new organisation waits for staff, so no contacts yet."""
    client.post("/register", data={"organisation_name": "Neuer Verein", "kind": "association", "name": "Nina",
                                   "email": "nina@example.org", "password": PASSWORD, "confirm": PASSWORD})
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.recipient == "nina@example.org"))
    assert client.post(re.search(r"/verify-email/[\w.-]+", mail.text_body).group(0)).status_code == 303
    assert client.post("/login", data={"email": "nina@example.org", "password": PASSWORD}).status_code == 303
    assert not shows_contacts(profile(client, club), club)


def test_staff_and_members_of_verified_organisations_read_the_contacts(
    client, login_as, make_user, make_org, staff, admin, club, pending
):
    other_member = make_user(make_org(name="Kammerchor Süd"))
    for person in (staff, admin, other_member):
        login_as(person)
        assert shows_contacts(profile(client, club), club)
        assert shows_contacts(profile(client, pending), pending)
        assert f'href="mailto:{club.email}"' in profile(client, club)


def test_once_staff_verify_the_organisation_its_members_read_the_contacts(
    client, db, login_as, make_user, staff, club, pending
):
    newcomer = make_user(pending)
    login_as(newcomer)
    assert not shows_contacts(profile(client, club), club)  # and the page is in the page cache now
    login_as(staff)
    assert client.post(f"/organisations/{pending.id}/verify").status_code in (200, 303)
    login_as(newcomer)
    assert shows_contacts(profile(client, club), club)

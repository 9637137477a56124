"""Opening and closing an interest with CSRF protection switched on, as in production."""

import pytest
import sqlalchemy as sa

from clubs_exchange.interests.models import ExchangeInterest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def csrf_token_from(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.fixture
def owned(make_org, make_user, make_interest):
    organisation = make_org()
    return make_user(organisation), make_interest(organisation=organisation)


def is_open(db, interest) -> bool:
    db.session.expire_all()
    return db.session.scalar(sa.select(ExchangeInterest.is_open).where(ExchangeInterest.id == interest.id))


def test_closing_without_a_token_is_refused(client, login_as, db, owned):
    user, interest = owned
    login_as(user)
    response = client.post(f"/interests/{interest.id}/toggle", data={"state": "closed"})
    assert response.status_code == 400
    assert "Form expired" in response.get_data(as_text=True)
    assert is_open(db, interest)


def test_htmx_closes_with_the_token_in_the_header(client, login_as, db, owned):
    user, interest = owned
    login_as(user)
    token = csrf_token_from(client.get(f"/interests/{interest.id}").get_data(as_text=True))
    response = client.post(
        f"/interests/{interest.id}/toggle", data={"state": "closed", "view": "status"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert "Closed: other organisations do not see this interest." in response.get_data(as_text=True)
    assert not is_open(db, interest)


def test_the_plain_form_sends_its_token_as_a_field(client, login_as, db, owned):
    user, interest = owned
    login_as(user)
    token = csrf_token_from(client.get("/interests/").get_data(as_text=True))
    response = client.post(f"/interests/{interest.id}/toggle",
                           data={"state": "closed", "view": "row", "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/interests/")
    assert not is_open(db, interest)

"""With CSRF protection on, as in production: every partnership POST needs the form's token."""

import re
from datetime import date

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.candidates.models import Candidate
from clubs_exchange.partners.models import Milestone, PartnerCity


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def staff(make_user):
    return make_user(role=UserRole.STAFF)


def csrf_token_from(html: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html).group(1)


def test_partnership_posts_without_a_token_change_nothing(client, db, login_as, staff, make_partner):
    partner = make_partner()
    candidate = Candidate(name="Krems", country="Austria")
    db.session.add(candidate)
    db.session.commit()
    login_as(staff)
    for url, data in (
        (f"/candidates/{candidate.id}/promote", {}),
        (f"/candidates/{candidate.id}/ties", {"kind": "clubs", "ours": "A", "theirs": "B", "strength": "close"}),
        (f"/partners/{partner.id}/milestones/new", {"kind": "mayors_visit", "happened_on": "2030-01-01"}),
        ("/partners/agreement-template", {"text": "Hello {home_city}"}),
        ("/candidates/new", {"name": "Zell", "country": "Austria"}),
    ):
        assert client.post(url, data=data).status_code == 400, url
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PartnerCity)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Candidate)) == 1
    assert db.session.scalar(sa.select(Milestone.id)) is None


def test_milestone_with_the_forms_token_is_recorded(client, db, login_as, staff, make_partner):
    partner = make_partner()
    login_as(staff)
    token = csrf_token_from(client.get(f"/partners/{partner.id}/milestones/new").get_data(as_text=True))
    response = client.post(f"/partners/{partner.id}/milestones/new",
                           data={"csrf_token": token, "kind": "mayors_visit", "happened_on": "2030-01-01"})
    assert response.status_code == 303
    assert db.session.scalar(sa.select(Milestone.happened_on)) == date(2030, 1, 1)

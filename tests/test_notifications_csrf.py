"""Marking notifications read with CSRF protection switched on, as in production."""

import pytest
import sqlalchemy as sa

from clubs_exchange.notifications.models import Notification, NotificationKind


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def unread(db, make_user):
    user = make_user()
    notes = [Notification(user_id=user.id, kind=NotificationKind.APPROVED, message=f"Event {i} is approved",
                          link="/") for i in range(2)]
    db.session.add_all(notes)
    db.session.commit()
    return user, notes


def unread_count(db, user) -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(Notification.user_id == user.id, Notification.read_at.is_(None)))


def test_marking_read_without_a_token_is_refused(client, login_as, db, unread):
    user, notes = unread
    login_as(user)
    assert client.post(f"/notifications/{notes[0].id}/read").status_code == 400
    assert client.post("/notifications/read-all").status_code == 400
    assert unread_count(db, user) == 2


def test_htmx_marks_read_with_the_token_the_page_carries(client, login_as, db, unread):
    user, notes = unread
    login_as(user)
    html = client.get("/notifications/").get_data(as_text=True)
    marker = '"X-CSRFToken": "'
    token = html[html.index(marker) + len(marker):].split('"', 1)[0]
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    response = client.post(f"/notifications/{notes[0].id}/read", headers=headers)
    assert response.status_code == 200 and 'id="unread-summary" hx-swap-oob="true"' in response.get_data(as_text=True)
    assert unread_count(db, user) == 1
    response = client.post("/notifications/read-all", headers=headers)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "notificationsChanged"
    assert "<html" not in response.get_data(as_text=True)
    assert unread_count(db, user) == 0

"""With CSRF protection on: placement actions and the import need the form's or the htmx header's token."""

import re

import pytest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_a_placement_action_needs_the_token(client, login_as, world):
    users, ids = world
    login_as(users["staff"])
    url = f"/hosting/events/{ids['event_a']}/propose"
    assert client.post(url).status_code == 400
    html = client.get(f"/hosting/events/{ids['event_a']}").get_data(as_text=True)
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html).group(1)
    response = client.post(url, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 200 and "guests placed by the proposal" in response.get_data(as_text=True)


def test_the_import_needs_the_token(client, login_as, world):
    users, ids = world
    login_as(users["member_a"])
    response = client.post(f"/hosting/events/{ids['event_a']}/import", data={"text": "name,age\nAna,30\n"})
    assert response.status_code == 400

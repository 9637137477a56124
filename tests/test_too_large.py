"""A form field larger than Werkzeug takes (MAX_FORM_MEMORY_SIZE) is a page that says what to do, not a bare 413."""

import pytest


@pytest.mark.parametrize("htmx", [False, True])
def test_a_pasted_guest_list_too_large_is_explained(htmx, app, client, login_as, world):
    users, ids = world
    login_as(users["member_a"])
    limit = app.config.get("MAX_FORM_MEMORY_SIZE") or 500_000
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/hosting/events/{ids['event_a']}/import",
                           data={"text": "name;age\nAna;" + "3" * (limit + 10)}, headers=headers,
                           content_type="multipart/form-data")  # as the page sends it (it has a file field)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "larger than this form takes" in html
    assert ("<html" in html) == (not htmx)

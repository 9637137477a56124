"""The inline check of the proposal form (htmx): the changed field and the fields tied to it, nothing saved."""

import pytest

from tests.helpers import form_data, stored_proposals


def test_inline_check_answers_the_changed_field_with_its_message_and_saves_nothing(
    client, login_as, db, secretary, choir, lyon, htmx_headers
):
    login_as(secretary)
    response = client.post(
        "/proposals/validate",
        data=form_data(choir, lyon, ends_at="2031-06-12T17:00"),
        headers={**htmx_headers, "HX-Trigger-Name": "ends_at", "HX-Trigger": "ends_at"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" not in html
    assert 'id="ends_at-field"' in html and "The end must be after the start." in html
    assert 'aria-invalid="true"' in html
    # The start is tied to the end: it comes along, to be swapped out of band.
    assert 'id="starts_at-field" hx-swap-oob="true"' in html
    assert 'id="title-field"' not in html
    assert stored_proposals(db) == []


def test_inline_check_of_a_sound_field_clears_its_message(client, login_as, secretary, choir, lyon, htmx_headers):
    login_as(secretary)
    response = client.post(
        "/proposals/validate",
        data=form_data(choir, lyon, title=""),
        headers={**htmx_headers, "HX-Trigger-Name": "starts_at"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="starts_at-field"' in html and 'class="error"' not in html
    assert 'id="ends_at-field" hx-swap-oob="true"' in html
    assert "This field is required." not in html  # the title is not this field's business


def test_inline_check_does_not_scold_a_related_field_not_yet_filled(
    client, login_as, secretary, choir, lyon, htmx_headers
):
    login_as(secretary)
    response = client.post(
        "/proposals/validate",
        data=form_data(choir, lyon, ends_at=""),
        headers={**htmx_headers, "HX-Trigger-Name": "starts_at"},
    )
    assert response.status_code == 200
    assert "ends_at-field" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget", "12 Euro", "Enter an amount such as 1250.50"),
        ("participants_ours", "-3", "Between 0 and 100000."),
        ("guests_needing_host", "31", "At most as many as the guests (30)."),
    ],
)
def test_inline_check_of_numbers_and_the_budget(
    client, login_as, secretary, choir, lyon, htmx_headers, field, value, message
):
    login_as(secretary)
    response = client.post(
        "/proposals/validate",
        data=form_data(choir, lyon, **{field: value}),
        headers={**htmx_headers, "HX-Trigger-Name": field},
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_the_inline_check_without_javascript_answers_with_the_whole_form(client, login_as, secretary, choir, lyon):
    login_as(secretary)
    response = client.post("/proposals/validate", data=form_data(choir, lyon, ends_at="2031-06-12T17:00"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<html" in html and "The end must be after the start." in html and 'action="/proposals/new"' in html


def test_form_fields_checked_inline_carry_the_htmx_attributes(client, login_as, secretary):
    login_as(secretary)
    html = client.get("/proposals/new").get_data(as_text=True)
    for name in ("starts_at", "ends_at", "participants_guests", "guests_needing_host", "budget"):
        tag = html.split(f'id="{name}"')[0].rsplit("<input", 1)[1]
        assert 'hx-post="/proposals/validate"' in tag and f'hx-select="#{name}-field"' in tag
    # The texts are checked too, so a paste over the limit is told on leaving the field (issue 10); selects are not.
    for name in ("title", "venue"):
        assert 'hx-post="/proposals/validate"' in html.split(f'id="{name}"')[0].rsplit("<input", 1)[1]
    kind_tag = html.split('id="kind"')[0].rsplit("<select", 1)[1]
    assert "hx-post" not in kind_tag

"""A web address typed in (a partner city's website) becomes a link only when it is an http(s) address, and a
link to outside gives the other site neither this window nor the address it came from."""

import re

import pytest

from clubs_exchange.links import web_address


def text(response) -> str:
    return response.get_data(as_text=True)


def form(**overrides) -> dict:
    return {"name": "Krems", "country": "Austria", "relationship_level": "twinning", "state": "active", **overrides}


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "//evil.example", "ftp://files.example",
    "https://", "http:///path", "www.krems.at",
])
def test_anything_but_a_web_address_is_refused_beside_the_field(client, login_as, staff, address):
    login_as(staff)
    response = client.post("/partners/new", data=form(website=address))
    assert response.status_code == 422
    body = text(response)
    assert 'id="website-error"' in body
    assert "http://" in re.search(r'id="website-error"[^>]*>(.*?)<', body, re.S).group(1)
    assert 'value="Krems"' in body  # the entries are kept


@pytest.mark.parametrize("address", ["https://www.krems.example.at", "http://krems.example/a?b=c#d"])
def test_a_web_address_is_saved_and_shown_as_a_link_to_outside(client, login_as, staff, make_partner, address):
    login_as(staff)
    response = client.post("/partners/new", data=form(website=address))
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    link = re.search(r'<a [^>]*href="([^"]*)"[^>]*>[^<]*krems', page)
    assert link is not None
    assert 'rel="noopener noreferrer"' in link.group(0)


def test_a_bad_address_already_stored_is_shown_as_text(client, login_as, member, make_partner, db):
    partner = make_partner()
    partner.website = "javascript:alert(1)"
    db.session.commit()
    login_as(member)
    page = text(client.get(f"/partners/{partner.id}"))
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page.lower()
    assert not re.search(r"<a [^>]*href=\"\s*javascript", page, re.I)


def test_web_address_rule():
    assert web_address("https://annecy.fr")
    assert web_address("HTTP://Annecy.fr/")
    assert not web_address("javascript:alert(1)")
    assert not web_address("")
    assert not web_address("https://exa mple.org")

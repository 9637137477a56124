"""No input makes a 500: every form of the app, found by reading its page, gets garbage of every kind.

The forms are discovered from the pages the permission matrix lists, so a new form is covered the day it is added.
"""

from html.parser import HTMLParser

import pytest

from tests.route_expectations import MATRIX, ROLES

GARBAGE = {
    "huge": "x" * 10_000,
    "wrong types": "not-a-number",
    "empty": "",
    "tampered ids": "999999",
    "markup": "<script>alert(1)</script>' OR 1=1 --",
    "nul": "a\x00b",
}
QUERY_GARBAGE = "?page=abc&year=x&month=13&partner=abc&organisation=-1&kind=tampered&state=nope&q=" + "y" * 3000


class FormParser(HTMLParser):
    """The POST forms of a page: their action and the names of their fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = (attrs.get("action") or "", set())
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea") and self._current is not None and attrs.get("name"):
            if attrs.get("name") != "csrf_token":
                self._current[1].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


PAGES = sorted(endpoint for endpoint, row in MATRIX.items() if row.method == "GET")


@pytest.mark.parametrize("endpoint", PAGES)
def test_garbage_in_the_query_string_never_breaks_a_page(endpoint, client, login_as, world):
    users, ids = world
    login_as(users["staff"])
    row = MATRIX[endpoint]
    url = row.url.format(token=users["staff"].calendar_token, **ids)
    response = client.get(url + QUERY_GARBAGE)
    assert response.status_code < 500, response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("role", ["member_a", "staff"])
@pytest.mark.parametrize("endpoint", PAGES)
def test_every_form_survives_garbage(endpoint, role, client, login_as, world):
    users, ids = world
    login_as(users[role])
    row = MATRIX[endpoint]
    if row.expect[ROLES.index(role)] != "ok":
        pytest.skip("this role does not see the page")
    url = row.url.format(token=users[role].calendar_token, **ids)
    page = client.get(url)
    if page.status_code != 200 or "text/html" not in page.content_type:
        pytest.skip("no HTML page here")
    parser = FormParser()
    parser.feed(page.get_data(as_text=True))
    forms = [(action or url, fields) for action, fields in parser.forms if fields and "logout" not in action]
    if not forms:
        pytest.skip("no form with fields on this page")
    for action, fields in forms:
        for kind, value in GARBAGE.items():
            response = client.post(action, data={name: value for name in fields})
            assert response.status_code < 500, f"{kind} into {action}: {response.get_data(as_text=True)[:300]}"
            login_as(users[role])  # a garbage POST may have logged out or changed something; stay the same person

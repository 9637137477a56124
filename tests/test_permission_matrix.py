"""Every route × every method × every role, generated from app.url_map: a new route fails here until its line
is written in tests/route_expectations.py (the table, with what the answers mean)."""

import pytest

from clubs_exchange import create_app
from tests.route_expectations import LOGIN, MATRIX, OK, ROLES


def routes() -> dict[str, set[str]]:
    """Each endpoint with the methods it answers (besides HEAD and OPTIONS)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "TESTING": True})
    methods: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            methods.setdefault(rule.endpoint, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return methods


ROUTES = routes()


def expectations(endpoint: str, method: str) -> tuple | None:
    row = MATRIX.get(endpoint)
    if row is None:
        return None
    if method == row.method:
        return row.expect
    return row.post if method == "POST" else None


def test_every_route_has_a_row():
    assert sorted(ROUTES.keys() - MATRIX.keys()) == [], "routes without expectations"
    assert sorted(MATRIX.keys() - ROUTES.keys()) == [], "expectations without routes"


def test_every_method_of_every_route_has_its_answers():
    missing = sorted(f"{method} {endpoint}" for endpoint, methods in ROUTES.items() for method in methods
                     if endpoint in MATRIX and expectations(endpoint, method) is None)
    assert missing == [], "methods without expectations (a GET row of a route that takes POST needs post=...)"
    stale = sorted(endpoint for endpoint, row in MATRIX.items() if row.post and "POST" not in ROUTES.get(endpoint, ()))
    assert stale == [], "POST expectations for routes that take no POST"


def classify(response) -> object:
    if response.status_code in (301, 302, 303) and "/login" in response.headers.get("Location", ""):
        return LOGIN
    if response.status_code in (401, 403, 404, 405):
        return response.status_code
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    return OK


CASES = sorted((endpoint, method) for endpoint, methods in ROUTES.items() for method in methods
               if expectations(endpoint, method) is not None)


@pytest.mark.parametrize("endpoint, method", CASES, ids=[f"{m} {e}" for e, m in CASES])
@pytest.mark.parametrize("role", ROLES)
def test_route_answers_each_role_as_expected(endpoint, method, role, client, login_as, world):
    users, ids = world
    row = MATRIX[endpoint]
    user = users[role]
    if user is not None:
        login_as(user)
    url = row.url.format(token=user.calendar_token if user else "not-a-token", **ids)
    data = row.data if method == row.method else row.post_data
    response = client.open(url, method=method, data={k: v.format(**ids) for k, v in data})
    assert classify(response) == expectations(endpoint, method)[ROLES.index(role)], f"{method} {url} as {role}"

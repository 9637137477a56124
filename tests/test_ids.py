"""Ids in URLs and integer query parameters, generated from app.url_map: a bad number is 404 or no filter, never 500."""

import re

import pytest

from clubs_exchange import create_app
from clubs_exchange.auth.models import UserRole
from clubs_exchange.ids import MAX_ID, IdConverter, optional_id, parse_int

BAD_IDS = [str(10**20), "²", "-1", "abc"]
# Every integer query parameter the lists read; one bad value for all of them at once per request.
INT_PARAMS = ("page", "partner", "organisation", "organisation_id", "year", "month", "id", "min_score", "since")
BAD_NUMBERS = [str(10**20), "²", "٣", "-1", "9" * 400]


def _rules():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "TESTING": True})
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


RULES = _rules()


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def test_every_id_argument_uses_the_id_converter():
    wrong = [(r.rule, name) for r in RULES for name, conv in r._converters.items()
             if _is_id(name) and not isinstance(conv, IdConverter)]
    assert wrong == []


ID_GET_RULES = [r for r in RULES if "GET" in r.methods and any(_is_id(a) for a in r.arguments)]


def _url(rule, value: str) -> str:
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: value if _is_id(m[1]) else "not-a-token", rule.rule)


@pytest.fixture
def staff_client(make_user, login_as):
    return login_as(make_user(role=UserRole.STAFF))


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("rule", ID_GET_RULES, ids=lambda r: r.endpoint)
def test_a_bad_id_is_404(staff_client, rule, value):
    assert staff_client.get(_url(rule, value)).status_code == 404


LIST_RULES = [r for r in RULES if "GET" in r.methods and not r.arguments and r.endpoint != "auth.logout"]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("rule", LIST_RULES, ids=lambda r: r.endpoint)
def test_a_bad_number_in_the_address_is_never_a_500(staff_client, rule, value):
    query = "&".join(f"{name}={value}" for name in INT_PARAMS)
    assert staff_client.get(f"{rule.rule}?{query}").status_code < 500


@pytest.mark.parametrize("path", ["/review/", "/audit/", "/calendar/list", "/proposals/", "/organisations/",
                                  "/interests/", "/notifications/", "/outbox/", "/accounts/"])
def test_a_huge_page_number_shows_a_page(staff_client, path):
    response = staff_client.get(f"{path}?page={10**20}")
    assert response.status_code in (200, 422)


def test_a_superscript_organisation_is_no_filter(staff_client, make_org, make_proposal):
    from clubs_exchange.proposals.models import ProposalState

    make_proposal(ProposalState.APPROVED, title="Open rehearsal")
    for path in ("/calendar/list?from=2031-01-01&organisation=²", "/calendar/?year=2031&month=6&organisation=²",
                 "/interests/?partner=²", f"/calendar/list?from=2031-01-01&partner={10**20}"):
        response = staff_client.get(path)
        assert response.status_code in (200, 422), path


def test_review_of_a_huge_id_is_404(staff_client):
    assert staff_client.get(f"/review/{10**20}").status_code == 404
    assert staff_client.get(f"/review/{MAX_ID + 1}").status_code == 404


@pytest.mark.parametrize(("text", "expected"), [
    ("1", 1), ("42", 42), (" 7 ", 7), (str(MAX_ID), MAX_ID), ("007", 7),
    (None, None), ("", None), (" ", None), ("0", None), ("-1", None), (str(MAX_ID + 1), None), (str(10**20), None),
    ("²", None), ("٣", None), ("１", None), ("1.0", None), ("1e3", None), ("+1", None), ("abc", None),
    ("9" * 5000, None),
])
def test_parse_int(text, expected):
    assert parse_int(text) == expected


def test_parse_int_with_other_bounds():
    assert parse_int("-5", minimum=-10, maximum=10) == -5
    assert parse_int("0", minimum=0) == 0
    assert parse_int("13", maximum=12) is None
    assert parse_int("--5", minimum=-10) is None
    assert parse_int("-", minimum=-10) is None


def test_the_converter_builds_and_reads_ids(app):
    from flask import url_for

    with app.test_request_context():
        assert url_for("proposals.show", proposal_id=12) == "/proposals/12"
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/proposals/12") == ("proposals.show", {"proposal_id": 12})


@pytest.mark.parametrize(("value", "expected"), [
    ("", None), (None, None), ("12", 12), (12, 12), ("²", "²"), (str(10**20), str(10**20)), ("-1", "-1"),
])
def test_a_select_reads_ids_with_the_one_parser(value, expected):
    assert optional_id(value) == expected

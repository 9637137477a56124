"""CSRF protection switched on, as in production, for every endpoint of app.url_map that takes POST.

Without the token a POST is refused (400) and changes nothing, even from a person who may otherwise do it;
an htmx POST with the page's X-CSRFToken header is accepted, and so is a plain form with its hidden field.
A POST endpoint missing from SETUP fails here, so a new route is covered the day it is added: give the person
who may use it (a role of the world fixture) and what the form sends; `changes` says the accepted POST stores
something, which proves the refused one would have too.
"""

import re
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from clubs_exchange import create_app
from tests.helpers import PASSWORD
from tests.route_expectations import MATRIX


@dataclass(frozen=True)
class Setup:
    role: str  # a role of the world fixture: anonymous, member_a, member_b, staff, admin
    data: dict = field(default_factory=dict)  # values are formatted with the world's ids
    changes: bool = False


SETUP: dict[str, Setup] = {
    "auth.login": Setup("anonymous", {"email": "{member_a_email}", "password": PASSWORD}),
    "auth.logout": Setup("member_a", changes=True),
    "auth.register": Setup("anonymous", {
        "organisation_name": "Kammerchor Süd", "kind": "choir_music", "discipline": "choir", "member_count": "30",
        "description": "We sing.", "name": "Nina Neu", "email": "nina@example.org", "password": "a new long pass 1",
        "confirm": "a new long pass 1"}, changes=True),
    "auth.accept_invite": Setup("anonymous", {"name": "Nina", "password": "a new long pass 1"}),
    "auth.reset_password": Setup("anonymous", {"password": "a new long pass 1"}),
    "auth.forgot_password": Setup("anonymous", {"email": "{member_a_email}"}, changes=True),
    "auth.verify_email": Setup("anonymous"),
    "auth.resend_verification": Setup("anonymous", {"email": "{member_a_email}"}),
    "auth.account": Setup("member_a", {"name": "Renamed Member"}, changes=True),
    "auth.log_out_elsewhere": Setup("member_a", changes=True),
    "main.set_language": Setup("member_a", {"language": "de", "next": "/"}, changes=True),
    "accounts.invite": Setup("staff", {"email": "n@example.org", "role": "staff", "organisation_id": "",
                                       "function": "member"}, changes=True),
    "accounts.edit_user": Setup("admin", {"name": "Renamed", "email": "renamed@example.org", "role": "member",
                                          "active": "y"}, changes=True),
    "notifications.read": Setup("member_a", changes=True),
    "notifications.read_all": Setup("member_a", changes=True),
    "notifications.preferences": Setup("staff", {}),
    "organisations.edit": Setup("member_a", {"name": "Renamed Club", "kind": "sports_club", "discipline": "football",
                                             "languages": "German"}, changes=True),
    "organisations.members": Setup("member_a", {"email": "new.member@example.org", "name": "New Member",
                                                "function": "member"}, changes=True),
    "organisations.remove_member": Setup("member_a", changes=True),
    "organisations.change_function": Setup("member_a", {"function": "teacher"}, changes=True),
    "organisations.verify": Setup("staff"),
    "partners.new": Setup("staff", {"name": "Zell", "country": "Austria", "relationship_level": "contact"},
                          changes=True),
    "partners.edit": Setup("staff", {"name": "Renamed City", "country": "France", "relationship_level": "twinning"},
                           changes=True),
    "partners.new_contact": Setup("staff", {"name": "Jean Dupont"}, changes=True),
    "partners.remove_contact": Setup("staff", changes=True),
    "partners.new_milestone": Setup("staff", {"kind": "mayors_visit", "happened_on": "2030-01-01"}, changes=True),
    "partners.agreement_template": Setup("staff", {"text": "Hello {{home_city}}"}, changes=True),
    "partners.upload_image": Setup("staff"),
    "partners.upload_city_image": Setup("staff"),
    "funding.new": Setup("staff", {"name": "Kleine Begegnungen", "funder": "Stadt", "kind": "per_person",
                                   "rates": ";;;50,00", "day_counting": "each_travel_day", "rounding": "cent"},
                         changes=True),
    "funding.edit": Setup("staff", {"name": "Renamed Scheme", "funder": "Stadt", "kind": "per_person",
                                    "rates": ";;;50,00", "day_counting": "each_travel_day", "rounding": "cent"},
                          changes=True),
    "funding.plan": Setup("member_a", {"plan-scheme_id": "{funding_scheme}", "plan-expected_leaders": "2"}),
    "funding.replan": Setup("member_a", {"version": "1", "expected_leaders": "2"}),
    "funding.apply": Setup("member_a", {"version": "1", "applied_on": "2026-01-10", "amount": "100"}),
    "funding.withdraw": Setup("member_a", {"version": "1"}, changes=True),
    "funding.report": Setup("member_a", {"version": "1"}),
    "funding.grant": Setup("staff", {"version": "1", "decided_on": "2026-01-10", "amount": "350",
                                     "reference": "SP-1"}, changes=True),
    "funding.refuse": Setup("staff", {"version": "1", "decided_on": "2026-01-10", "reason": "No money left."},
                            changes=True),
    "funding.pay": Setup("staff", {"version": "1", "paid_on": "2026-01-10", "amount": "350"}),
    "funding.edit_budget": Setup("staff", {"amount": "5000,00", "notes": "Council decision"}, changes=True),

    "funding.participant_new": Setup("member_a", {"name": "Ana Pop", "delegation": "home", "role": "participant"},
                                     changes=True),
    "funding.participant_edit": Setup("member_a", {"edit-name": "Ana Renamed", "edit-delegation": "home",
                                                   "edit-role": "leader"}, changes=True),
    "funding.participant_remove": Setup("member_a", changes=True),
    "funding.participant_import": Setup("member_a", {"text": "name\nIon Rusu\n", "delegation": "home"},
                                        changes=True),
    "funding.participant_guests": Setup("member_a", {"guests": "{guest_a}", "delegation": "{partner}"},
                                        changes=True),
    "funding.participant_attendance": Setup("member_a", {"everyone": "1"}, changes=True),
    "candidates.new": Setup("staff", {"name": "Zell", "country": "Austria"}, changes=True),
    "candidates.edit": Setup("staff", {"name": "Renamed Candidate", "country": "Austria"}, changes=True),
    "candidates.new_tie": Setup("staff", {"kind": "clubs", "ours": "A", "theirs": "B", "strength": "close"},
                                changes=True),
    "candidates.remove_tie": Setup("staff", changes=True),
    "candidates.promote_to_partner": Setup("staff", changes=True),
    "candidates.import_csv": Setup("staff"),
    "interests.new": Setup("member_a", {"organisation_id": "{org_a}", "kind": "host_group", "activity": "choir",
                                        "partner_city_id": "{partner}", "group_size": "10", "age_group": "adults"},
                           changes=True),
    "interests.edit": Setup("member_a", {"kind": "host_group", "activity": "rowing", "group_size": "12",
                                                 "age_group": "adults"},
                            changes=True),
    "interests.toggle": Setup("member_a", {"state": "closed"}, changes=True),
    "proposals.new": Setup("member_a", {
        "title": "Summer concert", "kind": "concert", "partner_city_id": "{partner}", "organisation_id": "{org_a}",
        "direction": "incoming", "starts_at": "2031-06-12T18:00", "ends_at": "2031-06-12T21:30", "venue": "Stadthalle",
        "participants_ours": "40", "participants_guests": "30", "guests_needing_host": "0"}, changes=True),
    "proposals.edit": Setup("member_a", {"title": "Renamed"}),
    "localised.proposal_translations": Setup("member_a", {"field": "title", "language": "de",
                                                          "text": "Sommerkonzert"}, changes=True),
    "localised.partner_translations": Setup("staff", {"field": "description", "language": "fr",
                                                      "text": "Une ville au bord du fleuve."}, changes=True),
    "proposals.step": Setup("member_a", {"version": "1", "action": "submit"}, changes=True),
    "proposals.validate": Setup("member_a", {"title": "A title"}),
    "review.decide": Setup("staff", {"version": "1", "action": "approve", "confirm_conflicts": "y"}, changes=True),
    "review.cancel": Setup("staff", {"version": "1", "reason": "The hall burnt down."}, changes=True),
    "calendar.regenerate_token": Setup("member_a", changes=True),
    "awards.new_application": Setup("staff", {"stage": "european_diploma", "year": "2032",
                                              "twin_towns": "{partner}"}, changes=True),
    "awards.edit": Setup("staff", {"version": "1", "stage": "european_diploma", "year": "2031",
                                   "twin_towns": "{partner}", "summary": "One paragraph."}, changes=True),
    "awards.step": Setup("staff", {"version": "1", "step": "submit"}, changes=True),
    "awards.tag": Setup("staff", {"criterion": "twinning"}, changes=True),
    "public.visibility": Setup("staff", {"public": "1"}, changes=True),
    "awards.memberships": Setup("staff", {"name": "Council of European Municipalities", "since": "2001-01-01"},
                                changes=True),
    "awards.delete_membership": Setup("staff"),
    "hosting.new_guest": Setup("member_a", {"name": "Ana Lima", "age": "30"}, changes=True),
    "hosting.edit_guest": Setup("member_a", {"name": "Ana Renamed", "age": "31"}, changes=True),
    "hosting.import_guests": Setup("member_a", {"text": "name,age\nAna,30\n"}),
    "hosting.propose": Setup("staff", changes=True),
    "hosting.move": Setup("staff", {"guest_id": "{guest_a}"}),
    "hosting.swap": Setup("staff", {"guest_id": "{guest_a}"}),
    "hosting.erase": Setup("staff", changes=True),
    "hosting.new_host": Setup("member_a", {"contact_name": "Familie Neu", "address": "Ring 1", "beds": "2",
                                           "consent_on": "2026-01-15", "consent_wording": "We agree."},
                              changes=True),
    "hosting.edit_host": Setup("staff", {"version": "1", "contact_name": "Familie Umbenannt", "address": "Ring 2",
                                         "beds": "3", "consent_on": "2026-01-15", "consent_wording": "We agree."},
                               changes=True),
    "hosting.confirm_host": Setup("staff"),
    "hosting.erase_host": Setup("staff", changes=True),
    "privacy.ask_for_erasure": Setup("member_a", {"reason": "Moving away."}, changes=True),
    "privacy.withdraw_erasure": Setup("member_a"),
    "privacy.erase_account": Setup("staff", changes=True),
    "privacy.decline_erasure": Setup("staff", changes=True),
    "privacy.erase_participant_route": Setup("staff", changes=True),

    "statements.feedback": Setup("anonymous", {"page_url": "/calendar/", "description": "Too little contrast."},
                                 changes=True),
    "statements.feedback_handled": Setup("staff", changes=True),
}


def post_endpoints() -> set[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "TESTING": True})
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


POST_ENDPOINTS = post_endpoints()
HEADER_TOKEN = re.compile(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'')
ERROR_TEXT = re.compile(r'class="[^"]*error[^"]*"[^>]*>([^<]+)')
FIELD_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def snapshot(db) -> dict:
    """Every row of every table: what a refused POST must leave as it was."""
    db.session.remove()
    with db.engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(sa.select(t)))) for t in db.metadata.sorted_tables}


def request_for(endpoint, world):
    users, ids = world
    setup = SETUP[endpoint]
    ids = {**ids, "member_a_email": users["member_a"].email}
    url = MATRIX[endpoint].url.format(token="not-a-token", **ids)
    return setup, users[setup.role], url, {k: v.format(**ids) for k, v in setup.data.items()}


def test_every_post_endpoint_has_its_setup():
    assert sorted(POST_ENDPOINTS - SETUP.keys()) == [], "POST endpoints without a line in SETUP"
    assert sorted(SETUP.keys() - POST_ENDPOINTS) == [], "lines in SETUP for endpoints that take no POST"


@pytest.mark.parametrize("endpoint", sorted(SETUP))
def test_a_post_without_the_token_is_refused_and_changes_nothing(endpoint, client, login_as, db, world):
    setup, user, url, data = request_for(endpoint, world)
    if user is not None:
        login_as(user)
    before = snapshot(db)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(url, data=data, headers=headers)
        assert response.status_code == 400, f"POST {url} as {setup.role} with {headers}"
        html = response.get_data(as_text=True)
        assert "without a valid security token" in html
        # A page titled "Form expired"; for htmx only the message, shown where it swaps, not a page in the page.
        assert ("<html" in html and "Form expired" in html) == (not headers)
    assert snapshot(db) == before


ACCEPTED_CASES = sorted(SETUP)


@pytest.mark.parametrize("endpoint", ACCEPTED_CASES)
def test_htmx_posts_with_the_pages_header_token_are_accepted(endpoint, client, login_as, db, world):
    setup, user, url, data = request_for(endpoint, world)
    if user is not None:
        login_as(user)
    token = HEADER_TOKEN.search(client.get("/").get_data(as_text=True)).group(1)
    before = snapshot(db)
    response = client.post(url, data=data, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code != 400 and response.status_code < 500, (
        f"POST {url} as {setup.role}: {response.status_code} {response.get_data(as_text=True)[:300]}"
    )
    if setup.changes:
        errors = ERROR_TEXT.findall(response.get_data(as_text=True))
        assert snapshot(db) != before, (
            f"POST {url} as {setup.role} stored nothing ({response.status_code}, {errors}): the refused test "
            "proves little"
        )


# --- what the pages carry: the hidden field in plain forms, the header for htmx ------------------------------


def test_login_with_the_token_from_the_form_works(client, make_user):
    user = make_user()
    token = FIELD_TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303


def test_logout_without_the_token_leaves_you_logged_in(client, make_user, login_as):
    login_as(make_user())
    assert client.post("/logout").status_code == 400
    assert client.get("/account").status_code == 200


def test_a_new_calendar_address_without_the_token_keeps_the_old_feed(client, login_as, db, member):
    login_as(member)
    old = member.calendar_token
    assert client.post("/calendar/subscribe/token").status_code == 400
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 200
    token = FIELD_TOKEN.search(client.get("/calendar/subscribe").get_data(as_text=True)).group(1)
    assert client.post("/calendar/subscribe/token", data={"csrf_token": token}).status_code == 303
    assert client.get(f"/calendar/feed/{old}.ics").status_code == 404


def test_feeds_and_pages_are_plain_gets_and_need_no_token(client, login_as, member):
    login_as(member)
    assert client.get("/calendar/?year=2031&month=6").status_code == 200
    assert client.get(f"/calendar/feed/{member.calendar_token}.ics").status_code == 200


@pytest.mark.parametrize("page, form_class", [
    ("/review/", "review-decision"),
    ("/calendar/event/{event_a}", "award-tag"),
    ("/proposals/{draft_a}", "step-form"),
])
def test_one_button_forms_carry_the_hidden_token(page, form_class, client, login_as, world):
    users, ids = world
    login_as(users["staff"] if form_class != "step-form" else users["member_a"])
    html = client.get(page.format(**ids)).get_data(as_text=True)
    form = html.split(f'class="{form_class}"')[1].split("</form>")[0]
    assert FIELD_TOKEN.search(form), f"{page}: the {form_class} form has no csrf_token field"


def test_plain_forms_post_with_their_hidden_field(client, login_as, db, world):
    users, ids = world
    login_as(users["member_a"])
    token = FIELD_TOKEN.search(client.get("/interests/").get_data(as_text=True)).group(1)
    response = client.post(f"/interests/{ids['interest_a']}/toggle",
                           data={"state": "closed", "view": "row", "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("/interests/")

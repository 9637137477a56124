"""The statements (issue 16 part 5): the privacy notice and the accessibility statement, open to everyone and
linked from every page's footer, saying what the settings say; the feedback form that reaches staff."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationKind
from clubs_exchange.statements.feedback import mark_handled, purge_feedback, receive_feedback
from clubs_exchange.statements.models import AccessibilityFeedback
from clubs_exchange.statements.texts import retention_periods

FOOTER = re.compile(r'<footer class="site-footer.*?</footer>', re.S)
FEEDBACK = {"page_url": "/calendar/", "description": "The month grid cannot be reached with the tab key."}


def footer_links(html: str) -> set[str]:
    footer = FOOTER.search(html)
    assert footer, "no footer"
    return set(re.findall(r'href="([^"]+)"', footer.group(0)))


@pytest.fixture
def people(make_user, make_org, staff, admin):
    return {"anonymous": None, "member": make_user(make_org()), "staff": staff, "admin": admin}


@pytest.mark.parametrize("role", ["anonymous", "member", "staff", "admin"])
@pytest.mark.parametrize("path, heading", [("/privacy", "Privacy notice"),
                                           ("/accessibility", "Accessibility statement"),
                                           ("/accessibility/feedback", "Report an accessibility problem")])
def test_the_statements_open_for_everyone(role, path, heading, client, login_as, people):
    if people[role]:
        login_as(people[role])
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_every_page_links_both_statements_in_its_footer(role, client, login_as, people, world):
    _users, ids = world
    if people[role]:
        login_as(people[role])
    pages = ["/", "/privacy", "/accessibility/feedback", "/no-such-page"]
    if role == "anonymous":
        pages += ["/login", "/register"]
    else:
        pages += ["/calendar/", "/proposals/", f"/partners/{ids['partner']}", "/account"]
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        assert {"/privacy", "/accessibility"} <= footer_links(html), path


def test_the_privacy_notice_names_the_citys_contacts_and_periods_from_the_settings(app, client):
    app.config.update(CITY_CONTROLLER_NAME="Stadt Beispielstadt, Partnerschaftsbüro",
                      CITY_CONTROLLER_ADDRESS="Marktplatz 1, 99999 Beispielstadt",
                      CITY_CONTROLLER_EMAIL="partnerschaft@beispielstadt.example",
                      DATA_PROTECTION_OFFICER_EMAIL="dsb@beispielstadt.example",
                      SUPERVISORY_AUTHORITY_NAME="Landesbeauftragte für Datenschutz",
                      SUPERVISORY_AUTHORITY_URL="https://ldi.example/", HOSTING_RETENTION_MONTHS=7,
                      ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS=13)
    html = client.get("/privacy").get_data(as_text=True)
    for text in ("Stadt Beispielstadt, Partnerschaftsbüro", "Marktplatz 1, 99999 Beispielstadt",
                 'href="mailto:partnerschaft@beispielstadt.example"', 'href="mailto:dsb@beispielstadt.example"',
                 '<a href="https://ldi.example/">Landesbeauftragte für Datenschutz</a>',
                 "7 months after the end of the event", "13 months after it came in",
                 "Art. 6(1)(a) GDPR (consent", "Art. 6(1)(e) GDPR (public task)"):
        assert text in html, text
    # A template until the data protection officer has reviewed it, and the page says so.
    assert "This notice is a template" in html
    app.config["PRIVACY_NOTICE_REVIEWED"] = True
    assert "This notice is a template" not in client.get("/privacy").get_data(as_text=True)


def test_the_retention_periods_are_read_when_the_page_is_shown(app):
    with app.test_request_context():
        app.config.pop("FUNDING_LIST_RETENTION_MONTHS", None)
        app.config.pop("OUTBOX_RETENTION_DAYS", None)
        periods = {p.setting: p.how_long for p in retention_periods()}
        # The participant lists' setting of the funding area: its default until that area has one.
        assert periods["FUNDING_LIST_RETENTION_MONTHS"].startswith("24 months after the end of the event")
        assert "OUTBOX_RETENTION_DAYS" not in periods  # a setting the app does not have is not guessed
        app.config.update(FUNDING_LIST_RETENTION_MONTHS=36, OUTBOX_RETENTION_DAYS=1)
        periods = {p.setting: p.how_long for p in retention_periods()}
        assert periods["FUNDING_LIST_RETENTION_MONTHS"].startswith("36 months")
        assert periods["OUTBOX_RETENTION_DAYS"] == "1 day after they were delivered"


def test_the_privacy_notice_leads_to_the_account_page_for_ones_own_data(client, login_as, people):
    assert 'href="/account"' not in client.get("/privacy").get_data(as_text=True)
    login_as(people["member"])
    html = client.get("/privacy").get_data(as_text=True)
    assert 'href="/account"' in html and "download your data on your account page" in html


def test_the_accessibility_statement_follows_the_eu_model_and_its_settings(app, client):
    app.config.update(ACCESSIBILITY_CONTACT_EMAIL="barrierefrei@beispielstadt.example",
                      ACCESSIBILITY_ENFORCEMENT_BODY_NAME="Schlichtungsstelle BGG",
                      ACCESSIBILITY_ENFORCEMENT_BODY_URL="https://schlichtung.example/",
                      ACCESSIBILITY_STATEMENT_DATE="2026-11-30")
    html = client.get("/accessibility").get_data(as_text=True)
    # The sections of Commission Implementing Decision (EU) 2018/1523, in its order.
    sections = ["Compliance status", "Non-accessible content", "Preparation of this accessibility statement",
                "Feedback and contact information", "Enforcement procedure"]
    positions = [html.index(f">{s}</h2>") for s in sections]
    assert positions == sorted(positions)
    assert "partially compliant" in html and "axe-core" in html and "keyboard" in html
    assert "This statement was prepared on 30 Nov 2026." in html
    assert 'href="mailto:barrierefrei@beispielstadt.example"' in html
    assert '<a href="https://schlichtung.example/">Schlichtungsstelle BGG</a>' in html
    assert 'href="/accessibility/feedback"' in html


def test_the_statements_speak_the_readers_language(client):
    html = client.get("/accessibility", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html and "Durchsetzungsverfahren" in html
    html = client.get("/privacy", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Informations sur la protection des données" in html and "Vos droits" in html
    footer = FOOTER.search(client.get("/", headers={"Accept-Language": "ro"}).get_data(as_text=True)).group(0)
    assert "Informare privind protecția datelor" in footer and "Declarație de accesibilitate" in footer


# --- the feedback form ------------------------------------------------------------------------------------


def test_feedback_without_login_is_stored_and_reaches_staff_in_the_app_and_by_mail(app, client, db, staff, admin,
                                                                                   member):
    app.config["ACCESSIBILITY_CONTACT_EMAIL"] = "barrierefrei@example.org"
    response = client.post("/accessibility/feedback", data={**FEEDBACK, "name": "Rosa Blind",
                                                            "email": "rosa@example.org"})
    assert response.status_code == 303 and response.headers["Location"] == "/accessibility"
    page = client.get("/accessibility").get_data(as_text=True)
    assert "your feedback has reached the twinning office" in page
    assert "rosa@example.org" not in page  # nor in the session cookie the message travelled in

    feedback = db.session.scalars(sa.select(AccessibilityFeedback)).one()
    assert (feedback.page_url, feedback.name, feedback.email, feedback.handled_at) == (
        "/calendar/", "Rosa Blind", "rosa@example.org", None)
    told = db.session.scalars(sa.select(Notification).where(
        Notification.kind == NotificationKind.ACCESSIBILITY_FEEDBACK)).all()
    assert {n.user_id for n in told} == {staff.id, admin.id}  # staff and administrators, not members
    assert told[0].message_id == "Accessibility feedback about “%(page)s” waits for an answer."
    assert told[0].message_params == {"page": "/calendar/"}
    assert told[0].link == "/accessibility/feedback/received"
    mail = db.session.scalars(sa.select(OutboxMail)).one()
    assert mail.recipient == "barrierefrei@example.org"
    assert "The month grid cannot be reached with the tab key." in mail.text_body
    assert "rosa@example.org" in mail.text_body and "/accessibility/feedback/received" in mail.text_body


def test_the_notification_is_shown_in_each_staff_members_language(client, login_as, db, staff):
    staff.language = "de"
    db.session.commit()
    client.post("/accessibility/feedback", data=FEEDBACK)
    login_as(staff)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Eine Rückmeldung zur Barrierefreiheit zu „/calendar/“ wartet auf Antwort." in html


@pytest.mark.parametrize("data, field, message", [
    ({"page_url": "", "description": "Too little contrast."}, "page_url", "Please say on which page"),
    ({"page_url": "/calendar/", "description": "  "}, "description", "Please describe the problem."),
    ({**FEEDBACK, "email": "not an address"}, "email", "Please enter an e-mail address"),
    ({**FEEDBACK, "description": "x" * 5001}, "description", "At most 5000 characters"),
])
def test_bad_feedback_is_refused_next_to_its_field_with_the_entries_kept(data, field, message, client, db):
    response = client.post("/accessibility/feedback", data={"name": "Rosa", **data})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    assert error and message in error.group(1)
    assert f'aria-describedby="{field}-help {field}-error"' in html or f'aria-describedby="{field}-error"' in html
    assert 'value="Rosa"' in html  # what was typed stays
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMail)) == 0


def test_the_form_takes_the_page_the_visitor_came_from(client):
    html = client.get("/accessibility/feedback", headers={"Referer": "http://localhost/calendar/list?kind=concert"}
                      ).get_data(as_text=True)
    assert 'value="/calendar/list?kind=concert"' in html
    html = client.get("/accessibility/feedback", headers={"Referer": "https://elsewhere.example/x"}
                      ).get_data(as_text=True)
    assert "elsewhere.example" not in html  # another site's address is no page of ours


class TestLimit:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": True, "ACCESSIBILITY_FEEDBACK_LIMIT": "2 per hour"}

    def test_one_client_sends_only_so_much_feedback(self, client, db):
        for _ in range(2):
            assert client.post("/accessibility/feedback", data=FEEDBACK).status_code == 303
        response = client.post("/accessibility/feedback", data=FEEDBACK)
        assert response.status_code == 429 and 3500 < int(response.headers["Retry-After"]) <= 3600
        html = response.get_data(as_text=True)
        assert "Please try again in 60 minutes, or write to accessibility@example.org." in html
        assert "passwords" not in html
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 2
        assert client.get("/accessibility/feedback").status_code == 200  # the page stays open
        other = client.post("/accessibility/feedback", data=FEEDBACK, environ_base={"REMOTE_ADDR": "198.51.100.7"})
        assert other.status_code == 303


class TestCsrf:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "WTF_CSRF_ENABLED": True}

    def test_feedback_without_the_forms_token_is_refused(self, client, db):
        assert client.post("/accessibility/feedback", data=FEEDBACK).status_code == 400
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 0
        html = client.get("/accessibility/feedback").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        assert client.post("/accessibility/feedback", data={**FEEDBACK, "csrf_token": token}).status_code == 303


# --- staff handle it --------------------------------------------------------------------------------------


def test_staff_see_the_feedback_and_mark_it_handled(client, login_as, db, staff, member):
    client.post("/accessibility/feedback", data={**FEEDBACK, "name": "Rosa Blind", "email": "rosa@example.org"})
    feedback = db.session.scalars(sa.select(AccessibilityFeedback)).one()
    login_as(member)
    assert client.get("/accessibility/feedback/received").status_code == 403
    assert client.post(f"/accessibility/feedback/{feedback.id}/handled").status_code == 403

    login_as(staff)
    assert "1 accessibility feedback waits for an answer" in client.get("/accessibility").get_data(as_text=True)
    html = client.get("/accessibility/feedback/received").get_data(as_text=True)
    assert "The month grid cannot be reached with the tab key." in html and 'href="mailto:rosa@example.org"' in html
    assert "No feedback waits for an answer." not in html
    response = client.post(f"/accessibility/feedback/{feedback.id}/handled")
    assert response.status_code == 303
    html = client.get("/accessibility/feedback/received").get_data(as_text=True)
    assert f"Feedback #{feedback.id} is marked handled." in html
    assert "No feedback waits for an answer." in html and staff.name in html
    db.session.expire_all()
    assert db.session.get(AccessibilityFeedback, feedback.id).handled_by_id == staff.id
    assert client.post("/accessibility/feedback/999999/handled").status_code == 404


def test_marking_twice_keeps_the_first_handling(app, db, staff, admin):
    with app.test_request_context():
        feedback = receive_feedback(page_url="/", description="Focus invisible.")
        mark_handled(feedback, staff)
        first = feedback.handled_at
        mark_handled(feedback, admin)
        assert (feedback.handled_at, feedback.handled_by_id) == (first, staff.id)


def test_feedback_is_purged_after_its_retention_period(app, db):
    now = datetime(2031, 6, 15, 12, tzinfo=UTC)
    with app.test_request_context():
        old = receive_feedback(page_url="/old", description="Old.", email="old@example.org")
        recent = receive_feedback(page_url="/recent", description="Recent.")
        old.created_at = now - timedelta(days=2 * 366)
        recent.created_at = now - timedelta(days=30)
        db.session.commit()
        assert purge_feedback(now, 24) == 1
        db.session.commit()
    assert [f.page_url for f in db.session.scalars(sa.select(AccessibilityFeedback))] == ["/recent"]


def test_flask_purge_runs_the_feedback_purpose(app, db):
    runner = app.test_cli_runner()
    assert "accessibility_feedback" in runner.invoke(args=["purge", "--list"]).output.split()
    with app.test_request_context():
        receive_feedback(page_url="/", description="Long ago.").created_at = datetime(2020, 1, 1, tzinfo=UTC)
        db.session.commit()
    result = runner.invoke(args=["purge", "--only", "accessibility_feedback"])
    assert result.exit_code == 0 and "accessibility_feedback: 1 accessibility feedback entries" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessibilityFeedback)) == 0


def test_the_feedback_list_keeps_its_number_of_queries(client, login_as, db, staff):
    from tests.helpers import counted_statements

    def add(n):
        db.session.add_all(AccessibilityFeedback(page_url=f"/p{i}", description="d", handled_at=(
            datetime(2030, 1, 1, tzinfo=UTC) if i % 2 else None), handled_by_id=staff.id if i % 2 else None)
            for i in range(n))
        db.session.commit()

    login_as(staff)
    add(2)
    client.get("/accessibility/feedback/received")
    with counted_statements(db.engine) as few:
        assert client.get("/accessibility/feedback/received").status_code == 200
    add(60)
    with counted_statements(db.engine) as many:
        assert client.get("/accessibility/feedback/received").status_code == 200
    assert len(many) == len(few) <= 10

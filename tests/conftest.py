"""Fixtures: an app on a migrated database (SQLite, or PostgreSQL when DATABASE_URL says so), clients, factories."""

import contextvars
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from itertools import count

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient
from jinja2 import BytecodeCache
from werkzeug.routing import Rule

from clubs_exchange import create_app, data_version
from clubs_exchange.config import database_url_from_env
from clubs_exchange.extensions import babel
from clubs_exchange.extensions import db as _db
from tests.helpers import PASSWORD_HASH

_serial = count(1)


def _database_url(tmpdir: str) -> str:
    return database_url_from_env() or f"sqlite:///{tmpdir}/test.db"


# --- pytest-xdist (.ci/run runs the suite with -n 2): each worker its own database ----------------------------
# SQLite needs nothing: each worker's session makes its own temporary file. On PostgreSQL the first worker (gw0),
# or a run without xdist, uses the database DATABASE_URL names; worker gwN uses that name + "_gwN", made at the start
# of its session and dropped at the end. DATABASE_URL is pointed at it for the whole worker, so whatever reads the
# variable (a subprocess, create_app without a URL) meets the worker's own database, never another's.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
_SHARED_DATABASE_URL = database_url_from_env()


def _worker_database_url(url: str | None, worker: str | None) -> str | None:
    if not url or not worker or worker == "gw0" or not url.startswith("postgresql"):
        return url
    parsed = sa.engine.make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


_WORKER_DATABASE_URL = _worker_database_url(_SHARED_DATABASE_URL, _XDIST_WORKER)
if _WORKER_DATABASE_URL != _SHARED_DATABASE_URL:
    os.environ["DATABASE_URL"] = _WORKER_DATABASE_URL


def _own_postgresql_database(create: bool) -> None:
    """Drop (and create) the worker's own database, through a connection to the shared one."""
    name = sa.engine.make_url(_WORKER_DATABASE_URL).database
    engine = sa.create_engine(_SHARED_DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if create:
                conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


# --- db_independent: what the PostgreSQL pass of .ci/run leaves out (-m "not db_independent") -----------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """A test that never asks for the suite's database (no `database_url` among its fixtures, as `app`, `db` and
    `client` do) cannot answer differently on PostgreSQL: a plain function, a file check, a test that makes its own
    SQLite database. It is marked db_independent, like the modules that say so themselves."""
    for item in items:
        if "database_url" not in item.fixturenames:
            item.add_marker(pytest.mark.db_independent)


# Each test builds a new app, so werkzeug compiles the URL builder of each of its ~120 routes again: an AST put
# together and compiled per rule, twice, most of create_app's time. The builder's code depends only on the rule's
# parts and the names of its defaults (converters are looked up on the rule it is bound to, at build time): each is
# compiled once per run here and bound to every later rule of that shape. A default that stands inside the rule
# (its value is compiled into the code) is compiled afresh, as werkzeug does.
_compile_builder = Rule._compile_builder
_BUILDERS: dict[tuple, object] = {}


def _cached_compile_builder(self, append_unknown: bool = True):
    defaults = self.defaults or {}
    if any(is_dynamic and data in defaults for is_dynamic, data in self._trace):
        return _compile_builder(self, append_unknown)
    key = (append_unknown, tuple(self._trace), tuple(defaults))
    if key not in _BUILDERS:
        _BUILDERS[key] = _compile_builder(self, append_unknown)
    return _BUILDERS[key]


Rule._compile_builder = _cached_compile_builder


@sa.event.listens_for(sa.engine.Engine, "connect")
def _fast_sqlite(dbapi_connection, connection_record):
    # A test database is thrown away: waiting for the disk on every commit only slows the suite.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.execute("PRAGMA synchronous = OFF")


@pytest.fixture(scope="session")
def database_url():
    own_database = _WORKER_DATABASE_URL != _SHARED_DATABASE_URL
    if own_database:
        _own_postgresql_database(create=True)
    with tempfile.TemporaryDirectory() as tmpdir:
        url = _database_url(tmpdir)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test", "TESTING": True})
        with app.app_context():
            if _db.engine.dialect.name == "postgresql":
                with _db.engine.begin() as conn:
                    conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            # The schema comes from the migrations, as in production.
            from flask_migrate import upgrade

            upgrade()
            _db.session.remove()
            _db.engine.dispose()
        yield url
    if own_database:
        _own_postgresql_database(create=False)


def _end_abandoned_transactions(conn) -> None:
    """Connections to this worker's database left idle in a transaction by a finished test (seen once in the
    PostgreSQL pass: the navigation's counts query of a request whose session was never removed) hold their
    locks, and the TRUNCATE below waited for them for good. They are ended first and named on stderr (shown
    with the test's output), so that the leak stays visible without stopping the suite."""
    ended = conn.execute(sa.text(
        "SELECT left(query, 200), pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        " AND state LIKE 'idle in transaction%'"
    )).all()
    for query, _ in ended:
        sys.stderr.write(f"conftest: ended a connection left idle in a transaction after: {query}\n")


def _wipe(app) -> None:
    with app.app_context():
        _db.session.remove()
        # The data version stays (as in production, where the row is never deleted) and moves on.
        tables = [t for t in reversed(_db.metadata.sorted_tables) if t.name != "data_version"]
        with _db.engine.begin() as conn:
            data_version.bump(conn)
            if conn.dialect.name == "postgresql":
                _end_abandoned_transactions(conn)
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
        _db.engine.dispose()


@pytest.fixture
def app_config(database_url):
    """Override in a module to change settings (e.g. CSRF on)."""
    return {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "CITY_NAME": "Testhausen",
        "CITY_TIMEZONE": "Europe/Berlin",
        "SERVER_NAME": None,
        # Tests log in and register far more often than a person: the limit tests switch it on.
        "RATELIMIT_ENABLED": False,
    }


class SharedBytecodeCache(BytecodeCache):
    """Each test builds a new app, hence a new Jinja environment: compile each template once per run."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


JINJA_CACHE = SharedBytecodeCache()


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` (so the logged-in user is
    looked up afresh) and its own database session. The test's objects are expired afterwards, so they
    show what the request stored."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():  # not inside a redirect that the client follows in its own context
            _db.session.expire_all()
        return response


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = IsolatedClient
    app.jinja_env.bytecode_cache = JINJA_CACHE
    with app.app_context():
        # Flask-Babel keeps loaded catalogues by locale alone, on one object every app shares: a test's own
        # catalogue (BABEL_TRANSLATION_DIRECTORIES: the pseudo-locale, a test catalogue) must not reach the next.
        babel.domain_instance.cache.clear()
        yield app
        _db.session.remove()
    _wipe(app)


@pytest.fixture
def make_app():
    """Another instance of the app beside `app` (a second worker or host): make_app(config). Its database
    connections are closed at the end, or PostgreSQL's are left to the garbage collector (a ResourceWarning)."""
    made = []

    def make(config):
        made.append(create_app(config))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            _db.session.remove()
            _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login_as(client):
    """Log a user in on the test client without the (slow by design) password check."""

    def login(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return login


@pytest.fixture
def page_cache_off(app):
    """Counting a page's queries means rendering it every time, not serving it from the page cache."""
    app.config["PAGE_CACHE"] = False


@pytest.fixture
def htmx_headers():
    return {"HX-Request": "true"}


# --- factories: valid defaults, keyword overrides ---------------------------------------------------------


@pytest.fixture
def make_user(db):
    from clubs_exchange.auth.models import MemberFunction, Membership, User, UserRole

    def make(organisation=None, *, role=UserRole.MEMBER, function=MemberFunction.SECRETARY, **fields):
        n = next(_serial)
        fields.setdefault("email", f"user{n}@example.org")
        fields.setdefault("name", f"User {n}")
        # Confirmed, as invited accounts are; email_verified_at=None makes a self-registered one that waits.
        fields.setdefault("email_verified_at", datetime(2026, 1, 1, tzinfo=UTC))
        user = User(role=role, password_hash=PASSWORD_HASH, **fields)
        if organisation is not None:
            user.memberships.append(Membership(organisation=organisation, function=function))
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_org(db):
    from clubs_exchange.organisations.models import Organisation, OrganisationKind, OrganisationStatus

    def make(**fields):
        n = next(_serial)
        fields.setdefault("name", f"Organisation {n}")
        fields.setdefault("kind", OrganisationKind.SPORTS_CLUB)
        fields.setdefault("discipline", "football")
        fields.setdefault("status", OrganisationStatus.VERIFIED)
        fields.setdefault("languages", "German, English")
        organisation = Organisation(**fields)
        db.session.add(organisation)
        db.session.commit()
        return organisation

    return make


@pytest.fixture
def make_partner(db):
    from clubs_exchange.partners.models import PartnerCity, RelationshipLevel

    def make(**fields):
        n = next(_serial)
        fields.setdefault("name", f"Partnerstadt {n}")
        fields.setdefault("country", "France")
        fields.setdefault("relationship_level", RelationshipLevel.TWINNING)
        fields.setdefault("languages", "French")
        partner = PartnerCity(**fields)
        db.session.add(partner)
        db.session.commit()
        return partner

    return make


@pytest.fixture
def make_interest(db, make_org, make_partner):
    from clubs_exchange.interests.models import ExchangeInterest, InterestKind

    def make(**fields):
        if "organisation" not in fields and "organisation_id" not in fields:
            fields["organisation"] = make_org()
        fields.setdefault("kind", InterestKind.HOST_GROUP)
        fields.setdefault("activity", "football match")
        fields.setdefault("group_size", 20)
        interest = ExchangeInterest(**fields)
        db.session.add(interest)
        db.session.commit()
        return interest

    return make


@pytest.fixture
def make_proposal(db, make_org, make_partner):
    """A proposal in any state; its history holds the steps that lead there."""
    from clubs_exchange.proposals.models import (
        Direction,
        EventKind,
        Proposal,
        ProposalAction,
        ProposalState,
        ProposalStep,
    )

    def make(state=ProposalState.DRAFT, **fields):
        if "organisation" not in fields and "organisation_id" not in fields:
            fields["organisation"] = make_org()
        if "partner_city" not in fields and "partner_city_id" not in fields:
            fields["partner_city"] = make_partner()
        start = fields.pop("starts_at", datetime(2031, 6, 12, 16, 0, tzinfo=UTC))
        fields.setdefault("ends_at", start + timedelta(hours=3))
        fields.setdefault("title", f"Friendly match {next(_serial)}")
        fields.setdefault("kind", EventKind.MATCH)
        fields.setdefault("direction", Direction.INCOMING)
        fields.setdefault("venue", "Stadium am See")
        fields.setdefault("participants_ours", 20)
        fields.setdefault("participants_guests", 18)
        proposal = Proposal(state=state, starts_at=start, **fields)
        proposal.steps.append(ProposalStep(action=ProposalAction.CREATE, to_state=ProposalState.DRAFT))
        if state != ProposalState.DRAFT:
            proposal.submitted_at = start - timedelta(days=60)
        db.session.add(proposal)
        db.session.commit()
        return proposal

    return make


@pytest.fixture
def approved(make_proposal):
    """An approved proposal, an event of the calendar (by default on 12 June 2031 at 18:00 city time)."""
    from clubs_exchange.proposals.models import ProposalState

    def make(**fields):
        return make_proposal(state=ProposalState.APPROVED, **fields)

    return make


@pytest.fixture
def make_application(db, make_partner):
    """An application for a Council of Europe distinction (a draft for the European Diploma by default)."""
    from datetime import date

    from clubs_exchange.awards.models import ApplicationState, AwardApplication, AwardStage

    def make(stage=AwardStage.EUROPEAN_DIPLOMA, year=2031, state=ApplicationState.DRAFT, **fields):
        fields.setdefault("twin_towns", [make_partner()])
        fields.setdefault("period_start", date(year - 3, 1, 1))
        fields.setdefault("period_end", date(year - 1, 12, 31))
        application = AwardApplication(stage=stage, year=year, state=state, **fields)
        db.session.add(application)
        db.session.commit()
        return application

    return make


# --- the people and organisations most tests need: defined here once; a variant is a factory call ----------


@pytest.fixture
def choir(make_org):
    return make_org(name="Chor am Markt")


@pytest.fixture
def secretary(make_user, choir):
    """The secretary of the choir (make_user's default function)."""
    return make_user(choir, name="Clara Secretary")


@pytest.fixture
def member(make_user, choir):
    """A member of the choir (a secretary, as make_user makes them by default)."""
    return make_user(choir, name="Clara Chor", email="clara@example.org")


@pytest.fixture
def outsider(make_org, make_user):
    """A member of another organisation."""
    return make_user(make_org(name="FC Süd"), name="Otto Outsider")


@pytest.fixture
def staff(make_user):
    from clubs_exchange.auth.models import UserRole

    return make_user(role=UserRole.STAFF, name="Otto Office")


@pytest.fixture
def admin(make_user):
    from clubs_exchange.auth.models import UserRole

    return make_user(role=UserRole.ADMIN, name="Adam Admin")


@pytest.fixture
def lyon(make_partner):
    return make_partner(name="Lyon", country="France")


@pytest.fixture
def demo(db):
    """The demo data, loaded as `flask seed-demo` loads it: the demo accounts by e-mail address."""
    from clubs_exchange.auth.models import User
    from clubs_exchange.demo import seed_demo_data

    assert seed_demo_data()
    return {user.email: user for user in db.session.scalars(sa.select(User))}


@pytest.fixture
def world(make_org, make_user, make_partner, make_proposal, make_interest, make_application, make_host, make_guest):
    """Two organisations and one of each kind of object of A's, with a user per role: for route-wide tests."""
    from clubs_exchange.auth.models import UserRole
    from clubs_exchange.proposals.models import ProposalState

    org_a, org_b = make_org(), make_org()
    partner = make_partner()
    users = {
        "anonymous": None,
        "member_a": make_user(org_a),
        "member_b": make_user(org_b),
        "staff": make_user(role=UserRole.STAFF),
        "admin": make_user(role=UserRole.ADMIN),
    }
    second_member_a = make_user(org_a)
    ids = {
        "org_a": org_a.id,
        "partner": partner.id,
        "member_a_id": users["member_a"].id,
        "second_membership_a": second_member_a.memberships[0].id,
        "interest_a": make_interest(organisation=org_a, partner_city=partner).id,
        "draft_a": make_proposal(organisation=org_a, partner_city=partner).id,
        "submitted_a": make_proposal(ProposalState.SUBMITTED, organisation=org_a, partner_city=partner).id,
        "event_a": make_proposal(ProposalState.APPROVED, organisation=org_a, partner_city=partner).id,
        "notification_a": _notification_for(users["member_a"]),
        "award_draft": make_application(twin_towns=[partner]).id,
    }
    ids.update(_partnership_world(partner))
    ids["host_a"] = make_host(proposed_by=org_a).id
    ids["guest_a"] = make_guest(proposal_id=ids["event_a"]).id
    ids["funding_scheme"] = _funding_scheme()
    ids["participant_a"] = _participant_of(ids["event_a"])
    ids["erasure_request"] = _erasure_request_of(second_member_a)
    ids["funding_application"] = _funding_application(ids["event_a"], ids["funding_scheme"])
    ids["feedback"] = _accessibility_feedback()
    return users, ids


def _participant_of(proposal_id: int) -> int:
    """A person on an event's participant list (issue 13)."""
    from clubs_exchange.funding.models import EventParticipant

    participant = EventParticipant(proposal_id=proposal_id, name="Paula Teilnehmerin", residence="Testhausen",
                                   birth_year=2008)
    _db.session.add(participant)
    _db.session.commit()
    return participant.id


def _erasure_request_of(user) -> int:
    """A member's request to erase their account, waiting for staff (issue 16)."""
    from clubs_exchange.privacy.models import ErasureRequest

    erasure = ErasureRequest(user_id=user.id, reason="Moving away.")
    _db.session.add(erasure)
    _db.session.commit()
    return erasure.id


def _funding_scheme() -> int:
    """A funding scheme staff keep (issue 13): one of the shipped presets."""
    from clubs_exchange.funding.models import FundingScheme
    from clubs_exchange.funding.presets import CITY_GUIDELINE

    scheme = FundingScheme.from_terms(CITY_GUIDELINE)
    _db.session.add(scheme)
    _db.session.commit()
    return scheme.id


def _funding_application(proposal_id: int, scheme_id: int) -> int:
    """An application of A's event to the scheme, sent to the funder (issue 13 part 3)."""
    from datetime import date

    from clubs_exchange.funding.models import FundingApplication, GrantState
    from clubs_exchange.funding.terms import Direction

    application = FundingApplication(proposal_id=proposal_id, scheme_id=scheme_id, direction=Direction.INCOMING,
                                     state=GrantState.APPLIED, applied_on=date(2026, 1, 2), amount_applied_cents=40_000)
    _db.session.add(application)
    _db.session.commit()
    return application.id

def _accessibility_feedback() -> int:
    """What a visitor reported through the accessibility statement's form, waiting for staff (issue 16)."""
    from clubs_exchange.statements.models import AccessibilityFeedback

    feedback = AccessibilityFeedback(page_url="/calendar/", description="The month grid is hard to read.")
    _db.session.add(feedback)
    _db.session.commit()
    return feedback.id


def _partnership_world(partner) -> dict:
    """A contact person and a signed certificate of the partner, a candidate with a tie (issue 4)."""
    from datetime import date

    from clubs_exchange.candidates.models import Candidate, Tie, TieKind
    from clubs_exchange.partners.models import Milestone, MilestoneKind, PartnerContact

    contact = PartnerContact(partner_city=partner, name="Marie Curie", email="marie@example.fr", phone="+33 1")
    _db.session.add(Milestone(partner_city=partner, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=date(2030, 5, 9),
                              place="Town hall", signatories="Mayor A\nMaire B"))
    candidate = Candidate(name=f"Kandidatstadt {next(_serial)}", country="Austria", population=30_000)
    candidate.ties.append(Tie(kind=TieKind.CLUBS, ours="FC", theirs="SV"))
    _db.session.add_all([contact, candidate])
    _db.session.commit()
    return {"contact": contact.id, "candidate": candidate.id, "tie": candidate.ties[0].id}

def _notification_for(user) -> int:
    from clubs_exchange.notifications.models import Notification, NotificationKind

    notification = Notification(user_id=user.id, kind=NotificationKind.APPROVED, message="Approved", link="/")
    _db.session.add(notification)
    _db.session.commit()
    return notification.id


# --- mail: a real SMTP server -----------------------------------------------------------------------------


class SMTPInbox:
    """What a real SMTP server (aiosmtpd) received: parsed messages, newest last."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_port():
    """A free port; nothing listens there until `smtp_server` starts (a failing mail server until then)."""
    return free_port()


@pytest.fixture
def smtp_server(smtp_port):
    """Start a real SMTP server on smtp_port; returns its inbox. Call it when the test wants the server up."""
    from aiosmtpd.controller import Controller

    controllers = []

    def start() -> SMTPInbox:
        inbox = SMTPInbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def mail_config(app_config, smtp_port):
    """Settings for an app that sends through the test SMTP server, with absolute links to BASE_URL."""
    return {**app_config, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_port, "MAIL_SECURITY": "none",
            "MAIL_SENDER": "Twinning office <twinning@testhausen.example>", "MAIL_TIMEOUT": 5,
            "BASE_URL": "https://twinning.testhausen.example"}


@pytest.fixture
def make_host(db):
    """A host household, confirmed unless said otherwise."""
    from datetime import date

    from clubs_exchange.hosting.models import HostHousehold, HostStatus

    def make(**fields):
        n = next(_serial)
        fields.setdefault("contact_name", f"Familie Gast {n}")
        fields.setdefault("address", f"Lindenstraße {n}, 12345 Testhausen")
        fields.setdefault("phone", f"+49 30 {n:06d}")
        fields.setdefault("email", f"host{n}@example.org")
        fields.setdefault("beds", 2)
        fields.setdefault("languages", "German, English")
        fields.setdefault("consent_on", date(2026, 1, 15))
        fields.setdefault("consent_wording", "We agree that our data are stored to host guests.")
        fields.setdefault("status", HostStatus.CONFIRMED)
        household = HostHousehold(**fields)
        db.session.add(household)
        db.session.commit()
        return household

    return make


@pytest.fixture
def make_guest(db):
    """A guest of an incoming event (pass proposal_id), an adult unless said otherwise."""
    from clubs_exchange.hosting.models import Guest

    def make(**fields):
        n = next(_serial)
        fields.setdefault("name", f"Invité {n}")
        fields.setdefault("age", 35)
        fields.setdefault("languages", "French, English")
        guest = Guest(**fields)
        db.session.add(guest)
        db.session.commit()
        return guest

    return make

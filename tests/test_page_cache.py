"""The page cache: a remembered page is served only while nothing changed, to the same user, with a fresh token."""

import re

import pytest
import sqlalchemy as sa

from clubs_exchange import data_version, page_cache
from clubs_exchange.page_cache import Entry, PageCache
from clubs_exchange.proposals import workflow
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState
from tests.helpers import counted_statements


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def html_of(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def without_tokens(html: str) -> str:
    return re.sub(r'(name="csrf_token" value="|"X-CSRFToken": ")[^"]+', r"\1TOKEN", html)


def hidden_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_a_second_request_is_served_without_rendering(db, client, login_as, staff, make_proposal):
    make_proposal(state=ProposalState.SUBMITTED, title="Chorfest")
    login_as(staff)
    first = html_of(client.get("/review/"))
    with counted_statements(db.engine) as statements:
        second = html_of(client.get("/review/"))
    assert len(statements) == 1 and "data_version" in statements[0]
    # The same page, but for the CSRF token: the session's own (the first render's came from an empty session).
    assert without_tokens(second) == without_tokens(first) and "Chorfest" in second


def test_any_write_shows_on_the_next_request(db, client, login_as, staff, make_proposal):
    proposal = make_proposal(state=ProposalState.SUBMITTED, title="Chorfest")
    login_as(staff)
    assert "Chorfest" in html_of(client.get("/review/"))
    workflow.perform(proposal, ProposalAction.APPROVE, actor=staff, is_proposer=False, is_staff=True)
    db.session.commit()
    assert "Chorfest" not in html_of(client.get("/review/"))
    assert "Chorfest" in html_of(client.get("/calendar/list"))


def test_a_bulk_statement_through_the_session_moves_the_version_on(db, client, login_as, staff, make_proposal):
    make_proposal(state=ProposalState.APPROVED, title="Chorfest")
    login_as(staff)
    assert "Chorfest" in html_of(client.get("/calendar/list"))
    before = data_version.current()
    db.session.execute(sa.update(Proposal).values(title="Sängerfest"))
    db.session.commit()
    assert data_version.current() == before + 1
    html = html_of(client.get("/calendar/list"))
    assert "Sängerfest" in html and "Chorfest" not in html


def test_a_read_does_not_move_the_version(db, make_proposal):
    make_proposal()
    before = data_version.current()
    db.session.scalars(sa.select(Proposal)).all()
    db.session.commit()
    assert data_version.current() == before


def test_each_user_gets_their_own_page(app, make_user, make_org, staff):
    alice = make_user(make_org(name="Chor Nord"), name="Alice Alt")
    bob = make_user(make_org(name="FC Süd"), name="Bob Berg")
    pages = {}
    for user in (alice, bob, alice):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        pages.setdefault(user.name, []).append(html_of(client.get("/calendar/")))
    assert "Alice Alt" in pages["Alice Alt"][1] and "Bob Berg" not in pages["Alice Alt"][1]
    assert "Bob Berg" in pages["Bob Berg"][0] and "Alice Alt" not in pages["Bob Berg"][0]


def test_each_session_gets_its_own_working_csrf_token(app, staff):
    clients = [app.test_client(), app.test_client()]
    tokens = []
    for client in clients:
        with client.session_transaction() as session:
            session["_user_id"] = staff.get_id()
        tokens.append(hidden_token(html_of(client.get("/calendar/"))))
    assert tokens[0] != tokens[1]
    # The second page came from the cache; its token is the second session's own and logs it out.
    assert clients[1].post("/logout", data={"csrf_token": tokens[1]}).status_code in (302, 303)
    assert clients[0].post("/logout", data={"csrf_token": tokens[1]}).status_code == 400


def _logged_in_browser(app, user, agent: str):
    """A client logged in as login_user leaves it: the session bound to this browser ("_id", Flask-Login's
    session protection)."""
    from clubs_exchange.extensions import login_manager

    client = app.test_client()
    with app.test_request_context(headers={"User-Agent": agent}, environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        identifier = login_manager._session_identifier_generator()
    with client.session_transaction() as session:
        session.update({"_user_id": user.get_id(), "_fresh": True, "_id": identifier})
    return client


def _same_session_elsewhere(app, client, agent: str):
    other = app.test_client()
    other.set_cookie(app.config["SESSION_COOKIE_NAME"], client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value)
    return other


@pytest.mark.parametrize("mode", ["strong", "basic"])
def test_a_session_taken_to_another_browser_is_left_to_flask_login(app, db, staff, mode):
    """A hit runs before the login check: it must never serve a page to a session that Flask-Login's session
    protection refuses (strong mode)."""
    app.config["SESSION_PROTECTION"] = mode
    browser = _logged_in_browser(app, staff, "Firefox at the office")
    html_of(browser.get("/calendar/", headers={"User-Agent": "Firefox at the office"}))
    with counted_statements(db.engine) as statements:
        html_of(browser.get("/calendar/", headers={"User-Agent": "Firefox at the office"}))
    assert len(statements) == 1  # served from the cache, in the browser that logged in

    elsewhere = _same_session_elsewhere(app, browser, "curl somewhere else")
    with counted_statements(db.engine) as statements:
        response = elsewhere.get("/calendar/", headers={"User-Agent": "curl somewhere else"})
    if mode == "strong":  # refused: logged out, never the page
        assert response.status_code in (302, 303) and "/login" in response.headers["Location"]
    else:  # basic refuses nobody (it marks the session no longer fresh): the same page
        assert response.status_code == 200 and "/login" not in response.headers.get("Location", "")


def test_a_page_with_a_message_is_neither_served_from_nor_kept_in_the_cache(client, login_as, staff):
    login_as(staff)
    html_of(client.get("/calendar/"))
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Proposal approved.")]
    assert "Proposal approved." in html_of(client.get("/calendar/"))
    assert "Proposal approved." not in html_of(client.get("/calendar/"))


def test_the_fragment_and_the_page_are_kept_apart(client, login_as, staff, make_org):
    make_org(name="Kammerchor Nord")
    login_as(staff)
    page = html_of(client.get("/organisations/?q=kammer"))
    fragment = html_of(client.get("/organisations/?q=kammer", headers={"HX-Request": "true"}))
    assert "<html" in page and "<html" not in fragment
    assert "<html" in html_of(client.get("/organisations/?q=kammer"))


def test_the_clock_alone_renders_the_page_anew_after_the_time_slot(db, client, login_as, staff, monkeypatch):
    login_as(staff)
    html_of(client.get("/calendar/"))
    with counted_statements(db.engine) as statements:
        html_of(client.get("/calendar/"))
    assert len(statements) == 1
    now = page_cache.time.time()
    monkeypatch.setattr(page_cache.time, "time", lambda: now + 301)
    with counted_statements(db.engine) as statements:
        html_of(client.get("/calendar/"))
    assert len(statements) > 1


def test_anonymous_requests_are_never_answered_from_the_cache(client, login_as, staff):
    login_as(staff)
    html_of(client.get("/calendar/"))
    with client.session_transaction() as session:
        session.clear()
    assert client.get("/calendar/").status_code == 302


def test_switched_off_the_page_is_rendered_every_time(app, db, client, login_as, staff):
    app.config["PAGE_CACHE"] = False
    login_as(staff)
    html_of(client.get("/calendar/"))
    with counted_statements(db.engine) as statements:
        html_of(client.get("/calendar/"))
    assert len(statements) > 1


def test_the_cache_forgets_the_oldest_pages_beyond_its_size():
    cache = PageCache(max_bytes=25)
    cache.get((1, 0), "warm-up")  # takes the generation
    for key in "abc":
        cache.put((1, 0), key, Entry(parts=(b"x" * 10,), status=200, headers=()))
    assert cache.get((1, 0), "a") is None and cache.get((1, 0), "c") is not None
    assert cache.size == 20
    assert cache.get((2, 0), "c") is None and cache.size == 0  # a new version empties it


def test_a_write_no_cached_page_shows_leaves_the_version_alone(db, staff):
    from clubs_exchange.hosting.models import HostingViewLog, ViewKind

    before = data_version.current()
    db.session.add(HostingViewLog(user_id=staff.id, what=ViewKind.GUEST))
    db.session.commit()
    db.session.execute(sa.insert(HostingViewLog), [{"user_id": staff.id, "what": ViewKind.GUEST}])
    db.session.commit()
    assert data_version.current() == before


def test_a_transaction_moves_the_version_on_once_as_it_commits(db, make_proposal, make_org):
    proposal = make_proposal(title="Chorfest")
    before = data_version.current()
    proposal.title = "Sängerfest"
    db.session.flush()
    # Not yet: the row stays unlocked for other writers until the commit.
    assert data_version.current() == before
    make_org(name="Second write")  # a second flush in the same transaction (the factory commits it)
    assert data_version.current() == before + 1
    db.session.execute(sa.update(Proposal).values(title="Liederfest"))
    db.session.commit()
    assert data_version.current() == before + 2


def test_a_write_rolled_back_leaves_the_version_alone(db, make_proposal):
    proposal = make_proposal(title="Chorfest")
    before = data_version.current()
    proposal.title = "Sängerfest"
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert data_version.current() == before


def test_a_write_in_a_savepoint_counts_when_the_transaction_commits(db, make_proposal):
    proposal = make_proposal(title="Chorfest")
    before = data_version.current()
    with db.session.begin_nested():
        proposal.title = "Sängerfest"
    assert data_version.current() == before
    db.session.commit()
    assert data_version.current() == before + 1


def test_reading_a_notification_renders_only_the_readers_pages_anew(app, db, staff, make_user, make_proposal):
    from clubs_exchange.auth.models import UserRole
    from clubs_exchange.clock import utcnow
    from clubs_exchange.notifications.models import Notification, NotificationKind

    other = make_user(role=UserRole.STAFF)
    make_proposal(state=ProposalState.SUBMITTED, title="Chorfest")
    notes = [Notification(user_id=staff.id, kind=NotificationKind.PROPOSAL_SUBMITTED, message=f"N{i}",
                          link="/review/") for i in range(2)]
    db.session.add_all(notes)
    db.session.commit()
    readers = {}
    for user in (staff, other):
        readers[user.id] = client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        client.get("/review/")  # kept
    before = data_version.current()

    notes[0].read_at = utcnow()
    db.session.commit()
    assert data_version.current() == before  # nobody else's pages are emptied

    kept = html_of(readers[other.id].get("/review/"))
    with counted_statements(db.engine) as statements:
        assert html_of(readers[other.id].get("/review/")) == kept
    # Still served from the cache: the version is read, the queue is not.
    assert any("data_version" in s for s in statements)
    assert not any("FROM proposals" in s for s in statements), statements
    page = html_of(readers[staff.id].get("/review/"))
    badge = page.split('id="notification-badge"', 1)[1].split("</span>", 1)[0]
    assert ">1<" in badge  # one unread left, not the two of the kept page


def test_a_mail_queued_or_sent_empties_no_page(db, staff):
    from clubs_exchange.mail.models import MailState, OutboxMail

    before = data_version.current()
    mail = OutboxMail(recipient="a@example.org", subject="Hello", text_body="Hi")
    db.session.add(mail)
    db.session.commit()
    mail.state = MailState.SENT
    db.session.commit()
    assert data_version.current() == before

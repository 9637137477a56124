"""What a load balancer and an operator get of each app host: /healthz, /readyz, one log line per request."""

import logging

import sqlalchemy as sa
from flask import request


def test_healthz_answers_without_the_database_or_a_session(app, client, monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("healthz touched the database")

    monkeypatch.setattr(sa.engine.Engine, "connect", no_database)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.data == b"ok\n"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_says_whether_the_database_answers(app, client, monkeypatch, caplog):
    assert client.get("/readyz").status_code == 200

    def down(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("connection to 10.0.0.5 refused"))

    monkeypatch.setattr(sa.engine.Engine, "connect", down)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert b"10.0.0.5" not in response.data
    assert "10.0.0.5" not in caplog.text and "OperationalError" in caplog.text


def test_one_line_per_request_without_secrets_or_personal_data(app, client, login_as, member, make_proposal,
                                                              caplog):
    caplog.set_level(logging.INFO, logger="clubs_exchange.requests")
    proposal = make_proposal(organisation=member.memberships[0].organisation)
    login_as(member)
    caplog.clear()
    client.get(f"/proposals/{proposal.id}?q=Renate+M%C3%BCller")
    client.get(f"/calendar/feed/{member.calendar_token}.ics")
    client.get("/invitation/SECRET-TOKEN-123")
    lines = [r.getMessage() for r in caplog.records if r.name == "clubs_exchange.requests"]
    assert len(lines) == 3
    assert lines[0] == f"GET /proposals/<id:proposal_id> proposal_id={proposal.id} -> 200 in " \
        f"{lines[0].split(' in ')[1].split(' ms')[0]} ms, user {member.id}"
    text = "\n".join(lines)
    for secret in (member.calendar_token, "SECRET-TOKEN-123", "Müller", "Renate", member.email, member.name,
                   "127.0.0.1"):
        assert secret not in text
    assert "/calendar/feed/<token>.ics" in text or "/calendar/feed/" in text


def test_while_the_database_is_down_pages_say_to_try_again_and_afterwards_work(app, client, login_as, member,
                                                                                 monkeypatch, caplog):
    """Issue 15 part 2: a request during an outage gets a 503 page that says to try again, never a traceback,
    for visitors and logged-in people alike; once the database answers again, so does the app."""
    login_as(member)
    organisation_id = member.memberships[0].organisation_id
    assert client.get("/").status_code == 200
    real_connect = sa.engine.Engine.connect

    def down(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("could not connect to server 10.0.0.5"))

    from clubs_exchange.extensions import db

    db.session.remove()
    db.engine.dispose()
    monkeypatch.setattr(sa.engine.Engine, "connect", down)
    for path in ("/", "/calendar/", f"/organisations/{organisation_id}"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert "Please try again in a minute" in page and "Traceback" not in page and "10.0.0.5" not in page
    assert "10.0.0.5" not in caplog.text
    monkeypatch.setattr(sa.engine.Engine, "connect", real_connect)
    assert client.get("/").status_code == 200


def test_a_connection_lost_after_the_answer_was_made_leaves_the_answer_and_the_next_request_works(
    app, client, login_as, member, caplog
):
    """The database restarting between a page's last query and the end of the request (found by `make
    soak-faults`): the session's rollback at teardown fails on the closed connection. The page already made is
    sent, not turned into a 500, and the next request gets a new session and connection."""
    from clubs_exchange.extensions import db

    login_as(member)
    assert client.get("/calendar/").status_code == 200
    dialect = db.engine.dialect
    closed = dialect.loaded_dbapi.OperationalError("terminating connection due to administrator command")

    def rollback_fails(dbapi_connection):
        raise closed

    def server_restarts(response):  # after the page was made, before the session is removed
        if request.path == "/calendar/list":
            dialect.do_rollback = rollback_fails
        return response

    app.after_request_funcs.setdefault(None, []).append(server_restarts)
    try:
        response = client.get("/calendar/list")
    finally:
        app.after_request_funcs[None].remove(server_restarts)
        dialect.__dict__.pop("do_rollback", None)
    assert response.status_code == 200 and "Traceback" not in response.get_data(as_text=True)
    assert "the database connection was lost at the end of a request: OperationalError" in caplog.text
    assert client.get("/calendar/list").status_code == 200

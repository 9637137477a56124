"""The app as a whole: it starts, the schema comes from migrations, htmx answers vary."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def test_migrations_match_the_models(db):
    """A model change without a migration fails here, not in production."""
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)
    assert diff == []


def test_start_page_for_anonymous_invites_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Log in" in response.data
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_is_pinned_with_integrity(client, app):
    html = client.get("/").get_data(as_text=True)
    assert app.config["HTMX_CDN_URL"] in html
    assert 'integrity="sha384-' in html and 'crossorigin="anonymous"' in html
    assert "@2.0." in app.config["HTMX_CDN_URL"]


def test_self_hosted_htmx_setting(client, app):
    app.config["HTMX_SELF_HOSTED"] = True
    html = client.get("/").get_data(as_text=True)
    assert "/static/vendor/htmx.min.js" in html
    assert app.config["HTMX_CDN_URL"] not in html


def test_unknown_address_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Not found" in response.data


def test_aware_datetimes_round_trip_in_utc(db, make_proposal):
    from datetime import UTC, datetime

    proposal = make_proposal(starts_at=datetime(2031, 3, 1, 9, 30, tzinfo=UTC))
    db.session.expire_all()
    assert db.session.get(type(proposal), proposal.id).starts_at == datetime(2031, 3, 1, 9, 30, tzinfo=UTC)
    assert db.session.scalar(sa.text("select count(*) from proposals")) == 1


def test_ids_beyond_the_integer_range_are_404(client, make_user, login_as):
    login_as(make_user())
    assert client.get(f"/organisations/{2**40}").status_code == 404
    assert client.get("/organisations/-1").status_code == 404


def test_nul_characters_are_refused_with_400_not_a_500(client, make_user, login_as):
    login_as(make_user())
    assert client.get("/organisations/?q=a%00b").status_code == 400
    assert client.post("/account", data={"name": "a\x00b"}).status_code == 400


def test_time_spans_are_shown_in_city_time_with_the_month_spelled_out(app):
    from datetime import UTC, datetime

    from clubs_exchange.templating import when

    with app.test_request_context():
        one_day = when(datetime(2027, 1, 3, 13, tzinfo=UTC), datetime(2027, 1, 3, 16, tzinfo=UTC))
        several = when(datetime(2027, 1, 3, 13, tzinfo=UTC), datetime(2027, 1, 5, 16, tzinfo=UTC))
    assert one_day.startswith("3 Jan 2027, 14:00") and "17:00" in one_day and "5 Jan" not in one_day
    assert several.startswith("3 Jan 2027, 14:00") and "5 Jan 2027, 17:00" in several

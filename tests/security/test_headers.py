"""Every answer carries a Content-Security-Policy and the other protective headers; pages with personal data
(guests, households, rooming lists, accounts, outbox, view log, the account page, exports) are never stored."""


from clubs_exchange import security_headers

# The areas whose pages show personal data: a new endpoint there must answer Cache-Control: no-store.
PERSONAL_BLUEPRINTS = {"hosting", "accounts", "mail", "audit", "exports", "privacy"}
PERSONAL_ENDPOINTS = {"auth.account", "organisations.members", "awards.application_csv", "awards.report_download"}


def directives(response) -> dict[str, str]:
    policy = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def test_every_answer_has_the_policy_and_the_headers(client):
    for url in ("/", "/login", "/no-such-page", "/static/css/app.css"):
        response = client.get(url)
        response.close()  # the static file's
        policy = directives(response)
        assert policy.get("default-src") == "default-src 'self'", url
        assert policy.get("script-src") == "script-src 'self' https://cdn.jsdelivr.net", url
        assert policy.get("frame-ancestors") == "frame-ancestors 'none'"
        assert policy.get("form-action") == "form-action 'self'"
        assert policy.get("base-uri") == "base-uri 'none'"
        assert policy.get("object-src") == "object-src 'none'"
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
        assert response.headers.get("X-Content-Type-Options") == "nosniff"
        assert response.headers.get("Referrer-Policy") == "same-origin"
        permissions = response.headers.get("Permissions-Policy", "")
        for feature in ("camera=()", "microphone=()", "geolocation=()"):
            assert feature in permissions


def test_self_hosted_htmx_allows_no_outside_script(app, client):
    app.config["HTMX_SELF_HOSTED"] = True
    assert directives(client.get("/login")).get("script-src") == "script-src 'self'"


def test_every_endpoint_of_the_personal_areas_is_not_stored(app):
    """A new endpoint in one of these areas is covered the day it is added (or this test says which)."""
    missing = []
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if blueprint in PERSONAL_BLUEPRINTS or rule.endpoint in PERSONAL_ENDPOINTS:
            if not security_headers.shows_personal_data(rule.endpoint):
                missing.append(rule.endpoint)
    assert not missing, f"pages with personal data that browsers and proxies may store: {missing}"
    assert {e for e in PERSONAL_ENDPOINTS if e not in app.view_functions} == set(), "an endpoint was renamed"


def test_pages_with_personal_data_answer_no_store(world, login_as):
    users, ids = world
    client = login_as(users["admin"])
    event, guest, host = ids["event_a"], ids["guest_a"], ids["host_a"]
    urls = [
        "/account", "/accounts/", f"/accounts/{ids['member_a_id']}", "/outbox/", "/audit/", "/exports/accounts.csv",
        f"/organisations/{ids['org_a']}/members", "/hosting/", "/hosting/hosts/", f"/hosting/hosts/{host}",
        "/hosting/log", f"/hosting/events/{event}", f"/hosting/events/{event}/rooming",
        f"/hosting/events/{event}/placements.csv", f"/hosting/guests/{guest}/edit",
        f"/hosting/guests/{guest}/export.json", f"/hosting/hosts/{host}/export.json", "/account/data.json",
        "/privacy/erasure-requests", f"/privacy/participants/{ids['participant_a']}/data.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers.get("Cache-Control", ""), url
        again = client.get(url)  # the page cache neither keeps nor serves them
        assert "no-store" in again.headers.get("Cache-Control", ""), url


def test_other_pages_may_be_stored_and_the_page_cache_keeps_their_headers(world, login_as):
    users, _ids = world
    client = login_as(users["staff"])
    first, second = client.get("/review/"), client.get("/review/")  # the second one from the page cache
    for response in (first, second):
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_page_cache_keeps_no_page_with_personal_data(world, login_as, monkeypatch, app):
    """Even a personal page marked @cached_page by mistake is neither kept nor served by the page cache."""
    users, _ids = world
    monkeypatch.setattr(app.view_functions["hosting.hosts"], "page_cache", True, raising=False)
    client = login_as(users["admin"])
    for _ in range(2):
        response = client.get("/hosting/hosts/")
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
    cache = app.extensions.get("page_cache")
    assert cache is None or not any(key[0].startswith("/hosting/") for key in cache.entries)


def test_htmx_is_told_to_add_no_style_and_evaluate_no_code(client):
    import html
    import json
    import re

    page = client.get("/login").get_data(as_text=True)
    config = json.loads(html.unescape(re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1)))
    assert config["includeIndicatorStyles"] is False and config["allowEval"] is False

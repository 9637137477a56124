"""Which language a page is in: the account's choice, else the switcher's cookie, else the browser's, else the
default; the switcher in the header works as a plain form; the page cache keeps each language apart."""

import re

import pytest

from clubs_exchange.proposals.models import ProposalState
from tests.helpers import counted_statements


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def lang_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def token_on(client, path="/") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def switch(client, language, next_="/", path="/"):
    return client.post("/language", data={"csrf_token": token_on(client, path), "language": language, "next": next_})


@pytest.mark.parametrize(("header", "expected"), [
    ("de-AT,de;q=0.9,en;q=0.5", "de"),
    ("ja,ro;q=0.5", "ro"),
    ("fr-CH", "fr"),
    ("ja,zh;q=0.8", "en"),  # none of the four: the default
    (None, "en"),
])
def test_the_browsers_language_among_the_four_is_used(client, header, expected):
    headers = {"Accept-Language": header} if header else {}
    assert lang_of(client.get("/login", headers=headers)) == expected


def test_without_any_choice_the_configured_default_is_used(app, client):
    app.config["BABEL_DEFAULT_LOCALE"] = "de"
    assert lang_of(client.get("/login", headers={"Accept-Language": "ja"})) == "de"


def test_the_cookie_beats_the_browser_and_the_account_beats_the_cookie(client, login_as, make_user):
    client.set_cookie("lang", "fr")
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "fr"
    login_as(make_user(language="ro"))
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "ro"


def test_an_account_without_a_choice_follows_the_cookie_then_the_browser(client, login_as, make_user):
    login_as(make_user(language=None))
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "de"
    client.set_cookie("lang", "fr")
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "fr"


def test_a_cookie_naming_no_offered_language_is_ignored(client):
    client.set_cookie("lang", "xx")
    assert lang_of(client.get("/login", headers={"Accept-Language": "ro"})) == "ro"


def test_the_switcher_is_a_plain_form_with_each_language_named_in_itself(client):
    html = client.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    form = html.split('class="language-switch"')[1].split("</form>")[0]
    assert 'name="csrf_token"' in form and 'name="next" value="/login"' in form
    for code, name in (("en", "English"), ("de", "Deutsch"), ("ro", "Română"), ("fr", "Français")):
        assert f'name="language" value="{code}" lang="{code}"' in form and f">{name}</button>" in form
    assert re.search(r'value="fr" lang="fr"[^>]*aria-current="true">Français<', form)
    assert form.count("aria-current") == 1
    assert "<legend" in form


def test_switching_sets_a_cookie_for_a_year_and_goes_back(client):
    response = switch(client, "de", "/register?kind=choir", path="/register?kind=choir")
    assert response.status_code == 303 and response.headers["Location"] == "/register?kind=choir"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=de;") and "Max-Age=31536000" in cookie
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie and "Secure" not in cookie
    page = client.get("/register")
    assert lang_of(page) == "de"
    assert re.search(r'value="de" lang="de"[^>]*aria-current="true"', page.get_data(as_text=True))


def test_the_cookie_is_secure_where_the_session_cookie_is(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    response = switch(client, "ro")
    assert "Secure" in response.headers["Set-Cookie"]


def test_switching_without_the_token_is_refused(client):
    response = client.post("/language", data={"language": "de", "next": "/"})
    assert response.status_code == 400 and "lang=" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_switching_never_leads_to_another_site(client, target):
    response = switch(client, "de", target)
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_language_not_offered_changes_nothing_and_says_so(client):
    response = switch(client, "tlh", "/login")
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    assert "lang=" not in response.headers.get("Set-Cookie", "")
    page = client.get("/login")
    assert "This language is not offered." in page.get_data(as_text=True) and lang_of(page) == "en"


def test_switching_while_logged_in_stores_the_choice_on_the_account(db, client, login_as, make_user):
    user = make_user()
    login_as(user)
    assert switch(client, "fr").status_code == 303
    assert user.language == "fr"
    # Wherever the person logs in next, without the cookie, the choice holds.
    client.delete_cookie("lang")
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "fr"


def test_the_account_page_saves_a_language_and_as_the_browser_says(db, client, login_as, make_user):
    user = make_user(name="Nina")
    login_as(user)
    html = client.get("/account").get_data(as_text=True)
    assert '<option lang="de" value="de">Deutsch</option>' in html or 'value="de" lang="de"' in html
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    token = token.group(1) or token.group(2)
    response = client.post("/account", data={"csrf_token": token, "name": "Nina", "language": "ro"})
    assert response.status_code == 303 and user.language == "ro"
    assert lang_of(client.get("/account", headers={"Accept-Language": "de"})) == "ro"
    client.post("/account", data={"csrf_token": token, "name": "Nina", "language": ""})
    assert user.language is None
    assert lang_of(client.get("/account", headers={"Accept-Language": "de"})) == "de"


def test_the_account_page_refuses_a_language_not_offered(db, client, login_as, make_user):
    user = make_user(name="Nina", language="de")
    login_as(user)
    html = client.get("/account").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.post("/account", data={"csrf_token": token, "name": "Nina", "language": "xx"})
    assert response.status_code == 422 and user.language == "de"


def test_pages_say_they_vary_by_language(client):
    vary = client.get("/login").headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_a_page_cached_in_english_is_not_served_to_a_german_reader(db, client, login_as, staff, make_proposal):
    make_proposal(state=ProposalState.SUBMITTED, title="Chorfest")
    login_as(staff)
    assert lang_of(client.get("/review/", headers={"Accept-Language": "en"})) == "en"
    with counted_statements(db.engine) as statements:
        again = client.get("/review/", headers={"Accept-Language": "en"})
    assert lang_of(again) == "en" and len(statements) == 1  # served from the cache
    assert lang_of(client.get("/review/", headers={"Accept-Language": "de"})) == "de"
    client.set_cookie("lang", "fr")
    assert lang_of(client.get("/review/", headers={"Accept-Language": "de"})) == "fr"
    # Each language is remembered on its own: the German page is served from the cache too.
    client.delete_cookie("lang")
    with counted_statements(db.engine) as statements:
        german = client.get("/review/", headers={"Accept-Language": "de"})
    assert lang_of(german) == "de" and len(statements) == 1


def test_a_change_of_the_accounts_language_is_not_hidden_by_the_cache(db, client, login_as, staff):
    login_as(staff)
    assert lang_of(client.get("/review/")) == "en"
    assert switch(client, "ro", path="/review/").status_code == 303
    client.delete_cookie("lang")  # the account's choice alone
    assert lang_of(client.get("/review/")) == "ro"

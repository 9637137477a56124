"""In a browser: a pasted over-long title is kept whole and told, a Kind left at "— choose —" is told (issue 10)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def secretary(make_org, make_user, make_partner):
    make_partner(name="Lyon", country="France")
    return make_user(make_org(name="Chor am Markt"), name="Clara Secretary")


def test_a_pasted_long_title_is_kept_whole_and_told_on_leaving_the_field(
    page, live_server, browser_login, secretary, axe_violations, screenshot
):
    browser_login(secretary)
    page.goto(f"{live_server}/proposals/new")
    expect(page.get_by_label("Kind of event")).to_have_value("")
    pasted = "Sommerkonzert der Chöre aus Lyon und Testhausen mit Empfang im Rathaus " * 3 + "und Ende"
    title = page.get_by_label("Title", exact=True)
    title.focus()
    page.keyboard.insert_text(pasted)  # as a paste: no keystrokes, and no maxlength to cut it
    expect(title).to_have_value(pasted)
    title.press("Tab")
    message = page.locator("#title-field .error")
    expect(message).to_have_text(
        f"At most 200 characters: this has {len(pasted)}. Please shorten it by {len(pasted) - 200}."
    )
    expect(page.get_by_label("Title", exact=True)).to_have_value(pasted)

    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator("#kind-field .error")).to_have_text("Choose the kind of event.")
    expect(page.get_by_label("Title", exact=True)).to_have_value(pasted)
    screenshot("proposal-form-long-title-and-kind")
    assert axe_violations() == []


def test_registering_without_choosing_the_kind_is_told_beside_it(page, live_server, axe_violations, screenshot):
    page.goto(f"{live_server}/register")
    kind = page.get_by_label("Kind")
    expect(kind).to_have_value("")
    expect(kind.locator("option:checked")).to_have_text("— choose —")
    page.get_by_label("Name of the organisation").fill("Kammerchor Nord")
    page.get_by_label("Your name").fill("Clara Chor")
    page.get_by_label("Your e-mail").fill("clara@example.org")
    page.get_by_label("Password", exact=True).fill("long enough words")
    page.get_by_label("Repeat the password").fill("long enough words")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#kind-field .error")).to_have_text("Choose the kind of organisation.")
    expect(page.get_by_label("Name of the organisation")).to_have_value("Kammerchor Nord")
    screenshot("register-kind-not-chosen")
    assert axe_violations() == []
    page.get_by_label("Kind").select_option(label="Choir or music club")
    page.get_by_label("Password", exact=True).fill("long enough words")
    page.get_by_label("Repeat the password").fill("long enough words")
    page.get_by_role("button", name="Register").click()
    # Registered: the same answer as for any address (issue 11, part 6), then the login.
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("Please check your mail")).to_be_visible()

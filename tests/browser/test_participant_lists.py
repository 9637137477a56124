"""An organiser keeps an event's participant list in the browser: added, changed and removed in place (htmx), the
counts following; the signature list printed on A4. Accessible (axe: no violations)."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.proposals.models import ProposalState


@pytest.fixture
def event(make_proposal, choir, lyon):
    return make_proposal(ProposalState.APPROVED, organisation=choir, partner_city=lyon, title="Sommerkonzert",
                         starts_at=datetime(2031, 6, 12, 8, tzinfo=UTC), ends_at=datetime(2031, 6, 14, 15, tzinfo=UTC))


def test_the_list_is_kept_in_place_and_the_signature_list_prints(page, live_server, browser_login, member, event, db,
                                                                 axe_violations, screenshot):
    browser_login(member)
    page.goto(f"{live_server}/funding/proposals/{event.id}/participants")
    url = page.url
    form = page.locator("#add-heading + form, #add-heading ~ form").first
    form.get_by_label("Name").fill("Ana Pop")
    form.get_by_label("Year of birth").fill("2014")
    form.get_by_role("button", name="Add to the list").click()
    page.locator("#participant_list tr", has_text="Ana Pop").wait_for()
    assert page.url == url  # swapped in place, no reload
    assert "1 participant," in page.locator(".list-totals").inner_text()
    assert page.locator("#participant_list tr", has_text="Ana Pop").locator("td").nth(3).inner_text() == "17"

    # A name left out: the message beside the field, what was typed kept.
    form = page.locator("#add-heading ~ form").first
    form.get_by_label("Place of residence").fill("Cluj")
    form.get_by_role("button", name="Add to the list").click()
    page.locator("#name-error").wait_for()
    assert page.locator("#residence").input_value() == "Cluj"

    row = page.locator("#participant_list tr", has_text="Ana Pop")
    row.get_by_role("link", name="Change").click()
    edit = page.locator("tr.editing")
    edit.get_by_label("Role").select_option("leader")
    edit.get_by_role("button", name="Save").click()
    page.locator(".list-totals", has_text="1 leader").wait_for()
    assert axe_violations() == []

    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#participant_list tr", has_text="Ana Pop").get_by_role("button", name="Remove").click()
    page.locator("#participant_list tr", has_text="Ana Pop").wait_for(state="detached")
    assert db.session.scalar(sa.select(sa.func.count(EventParticipant.id))) == 0

    for i in range(4):
        db.session.add(EventParticipant(proposal_id=event.id, name=f"Sänger {i}", residence="Testhausen",
                                        organisation_name="Chor am Markt", birth_year=2010 + i))
    db.session.commit()
    page.goto(f"{live_server}/funding/proposals/{event.id}/participants/signatures")
    assert axe_violations() == []
    page.emulate_media(media="print")
    assert not page.locator("h1").is_visible()  # the screen's heading and links stay off the paper
    assert page.locator(".signature-sheet").count() == 2
    screenshot("participant-signature-list-print")

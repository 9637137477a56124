"""Selects show their options whole: the hosting move choices with "(N free)", a tie's strength in candidates."""

import pytest

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState

pytestmark = pytest.mark.browser

# The widest option's text, measured in the select's own font, against the room the select gives it (its width
# less the padding and the arrow).
CUT_OFF = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const widest = Math.max(...[...select.options].map(o => context.measureText(o.text).width));
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
  return widest > room ? [...select.options].map(o => o.text).find(t => context.measureText(t).width === widest) : null;
}"""


@pytest.fixture
def staff(make_user):
    return make_user(role=UserRole.STAFF)


def test_the_household_choices_show_the_free_beds(page, live_server, browser_login, staff, make_proposal, make_host,
                                                   make_guest, screenshot):
    event = make_proposal(ProposalState.APPROVED)
    make_host(contact_name="Familie Zimmermann-Oberhausen (Ute Zimmermann-Oberhausen)", beds=3)
    guest = make_guest(proposal_id=event.id, name="Camille Martin")
    make_guest(proposal_id=event.id, name="Jean-Baptiste de La Rochefoucauld-Liancourt")
    browser_login(staff)
    page.goto(f"{live_server}/hosting/events/{event.id}")
    page.get_by_role("link", name="Move or swap Camille Martin").click()
    select = page.get_by_label("Household for Camille Martin")
    assert select.evaluate(CUT_OFF) is None
    assert page.get_by_label("Swap Camille Martin with").evaluate(CUT_OFF) is None
    screenshot("selects-hosting-change")
    page.goto(f"{live_server}/hosting/events/{event.id}/guests/{guest.id}/change")
    assert page.get_by_label("Household for Camille Martin").evaluate(CUT_OFF) is None


def test_a_ties_strength_shows_whole(page, live_server, browser_login, staff, db, screenshot):
    from clubs_exchange.candidates.models import Candidate

    candidate = Candidate(name="Krems", country="Austria")
    db.session.add(candidate)
    db.session.commit()
    browser_login(staff)
    page.goto(f"{live_server}/candidates/{candidate.id}")
    assert page.get_by_label("Strength").evaluate(CUT_OFF) is None
    assert page.get_by_label("Kind of tie").evaluate(CUT_OFF) is None
    screenshot("selects-candidate-tie")

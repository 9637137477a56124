"""Issue 13, part 7: the money side of one exchange in a real browser, end to end.

A choir plans a trip to its partner city, sees the estimate and applies; staff record the grant; the signature
list is printed; after the trip the attendance is recorded and the report computes the final amount; staff see
it in the budget. The figures are worked out by hand below, from the city guideline's terms (funding/presets.py:
€4.90 per participant-day when we travel, plus 10% of the cheapest travel; one leader funded per 6)."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme, GrantState
from clubs_exchange.funding.presets import CITY_GUIDELINE
from clubs_exchange.proposals.models import Direction, ProposalState

START = datetime(2031, 6, 12, 8, tzinfo=UTC)   # Thursday 12 June 2031, 10:00 in the city
END = datetime(2031, 6, 14, 16, tzinfo=UTC)    # Saturday 14 June: three days, each counted

# The choir's list: seven singers (born 2014: 17 at the trip, inside the 12–21 band) and their leader.
SINGERS = [f"Sängerin {name}" for name in ("Ana", "Bea", "Cleo", "Dora", "Ella", "Fina", "Gila")]
LIST_CSV = "name;residence;organisation;birth_year;role\n" + "".join(
    f"{name};Home City;Chor am Markt;2014;participant\n" for name in SINGERS
) + "Lena Leiterin;Home City;Chor am Markt;1980;leader\n"


@pytest.fixture
def trip(make_proposal, choir, lyon):
    return make_proposal(ProposalState.APPROVED, organisation=choir, partner_city=lyon, title="Chorreise nach Lyon",
                         direction=Direction.OUTGOING, starts_at=START, ends_at=END, participants_ours=8,
                         participants_guests=0)


@pytest.fixture
def scheme(db):
    scheme = FundingScheme.from_terms(CITY_GUIDELINE, active=True)
    db.session.add(scheme)
    db.session.flush()
    db.session.add(FundingBudget(scheme_id=scheme.id, year=2031, amount_cents=1_000_00))
    db.session.commit()
    return scheme


def _switch_to(page, browser_login, user):
    page.context.clear_cookies()
    browser_login(user)


def test_a_choir_applies_staff_grant_the_list_is_signed_and_the_report_computes_the_amount(
    page, live_server, browser_login, member, staff, trip, scheme, db, axe_violations, screenshot
):
    funding = f"{live_server}/funding/proposals/{trip.id}"
    with clock.frozen(datetime(2031, 4, 1, 9, tzinfo=UTC)):
        # The choir sees which schemes fit, with the estimate's arithmetic, and plans with its figures.
        browser_login(member)
        page.goto(f"{live_server}/proposals/{trip.id}")
        page.get_by_role("link", name="Funding").first.click()
        page.wait_for_url(funding)
        schemes = page.locator("#schemes")
        schemes.get_by_label("Leaders among the participants").fill("1")
        schemes.get_by_label("Travel cost (cheapest fare, in all)").fill("800")
        schemes.get_by_role("button", name="Estimate again").click()
        # 7 participants + 1 leader (1 per 6 funded) = 8 people × 3 days × €4.90 = €117.60; 10% of €800 = €80.
        page.get_by_text("Fits: an estimated €197.60.").wait_for()
        assert axe_violations() == []
        plan = page.locator("#plan-form")
        plan.get_by_label("Funding scheme").select_option(str(scheme.id))
        plan.get_by_label("Leaders among the participants").fill("1")
        plan.get_by_label("Travel cost (cheapest fare, in all)").fill("800")
        plan.get_by_role("button", name="Plan the application").click()
        page.get_by_role("button", name="Record as applied").wait_for()
        application = db.session.scalar(sa.select(FundingApplication))
        assert (application.state, application.estimate_cents) == (GrantState.PLANNED, 197_60)
        page.get_by_label("Sent to the funder on").fill("2031-04-01")
        page.get_by_label("Amount applied for").fill("197,60")
        page.get_by_role("button", name="Record as applied").click()
        page.get_by_text("The application is recorded as sent.").wait_for()
        screenshot("funding-walk-applied")

        # Staff record the funder's grant.
        _switch_to(page, browser_login, staff)
        page.goto(funding)
        page.get_by_label("Granted on").fill("2031-04-01")
        page.get_by_label("Amount granted").fill("197,60")
        page.get_by_label("Funder's reference").fill("StP-2031-017")
        page.get_by_role("button", name="Record the grant").click()
        page.get_by_text("The grant is recorded.").wait_for()

        # The choir imports its list and prints the signature list, headed with the funder and the reference.
        _switch_to(page, browser_login, member)
        page.goto(f"{funding}/participants/import")
        page.get_by_label("Or the contents of the file").fill(LIST_CSV)
        page.get_by_role("button", name="Check and import").click()
        page.get_by_text("Lena Leiterin").first.wait_for()
        page.goto(f"{funding}/participants/signatures?scheme={scheme.id}&delegation=home")
        sheet = page.locator(".signature-sheet")
        assert sheet.count() == 1
        header = sheet.inner_text()
        assert "StP-2031-017" in header and CITY_GUIDELINE.funder in header and "Sängerin Gila" in header
        assert axe_violations() == []
        page.emulate_media(media="print")
        screenshot("funding-walk-signature-list-print")
        page.emulate_media(media="screen")

    with clock.frozen(datetime(2031, 6, 20, 9, tzinfo=UTC)):
        # After the trip: everyone was there every day but Bea, who missed the Friday.
        _switch_to(page, browser_login, member)
        page.goto(f"{funding}/participants/attendance")
        page.get_by_role("button", name="Everyone was there every day").click()
        page.get_by_label("Sängerin Bea present on 13 Jun 2031").uncheck()
        page.get_by_role("button", name="Save attendance").click()
        page.goto(funding)
        page.get_by_role("button", name="Submit the report").click()
        page.get_by_text("The report is submitted; the final amount is computed.").wait_for()
        # 8 × 3 − 1 = 23 participant-days × €4.90 = €112.70, plus €80.00 of the travel: €192.70.
        db.session.expire_all()
        application = db.session.scalar(sa.select(FundingApplication))
        assert (application.state, application.amount_final_cents) == (GrantState.REPORT_SUBMITTED, 192_70)
        assert "€192.70" in page.locator("#applications").inner_text()
        screenshot("funding-walk-report")

        # Staff see the grant in the scheme's budget of 2031: €1,000.00 less €197.60 granted leaves €802.40.
        _switch_to(page, browser_login, staff)
        page.goto(f"{live_server}/funding/budgets?year=2031")
        row = page.locator("tr", has_text=CITY_GUIDELINE.name)
        text = row.inner_text()
        assert "€1,000.00" in text and "€197.60" in text and "€802.40" in text
        assert axe_violations() == []
        screenshot("funding-walk-budget")

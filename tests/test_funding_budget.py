"""The funding budget's figures as plain functions (issue 13 part 5): sums by state, the year of an application in
the city's time zone, over budget, and the warning before a grant."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from flask_babel import force_locale

from clubs_exchange.funding import budget
from clubs_exchange.funding.budget import BudgetError, budget_lines, event_year, grant_warning, save_budget
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme, GrantState
from clubs_exchange.funding.presets import CERV_TOWN_TWINNING_2026, CITY_GUIDELINE
from clubs_exchange.funding.terms import Direction
from clubs_exchange.proposals.models import ProposalState


def named(terms, name, **extra):
    return FundingScheme.from_terms(replace(terms, name=name), **extra)


@pytest.fixture
def city(db):
    scheme = FundingScheme.from_terms(CITY_GUIDELINE)
    db.session.add(scheme)
    db.session.commit()
    return scheme


@pytest.fixture
def apply(db, make_proposal):
    """An application of a new event starting at `starts_at` (default: June 2031) in a state, with its amounts."""

    def make(scheme, state, applied=None, granted=None, paid=None, *, starts_at=None, proposal=None):
        proposal = proposal or make_proposal(ProposalState.APPROVED,
                                             starts_at=starts_at or datetime(2031, 6, 12, 16, tzinfo=UTC))
        application = FundingApplication(proposal=proposal, scheme=scheme, direction=Direction.INCOMING, state=state,
                                         amount_applied_cents=applied, amount_granted_cents=granted,
                                         amount_paid_cents=paid)
        db.session.add(application)
        db.session.commit()
        return application

    return make


def give_budget(db, scheme, year, cents):
    db.session.add(FundingBudget(scheme_id=scheme.id, year=year, amount_cents=cents))
    db.session.commit()


def line_of(scheme, year):
    return next(line for line in budget_lines(year) if line.scheme.id == scheme.id)


def test_applied_granted_and_paid_count_the_applications_by_their_state(db, city, apply):
    give_budget(db, city, 2031, 10_000_00)
    apply(city, GrantState.PLANNED, applied=9_999_00)                 # not applied yet: nowhere
    apply(city, GrantState.APPLIED, applied=1_000_00)                 # applied only
    apply(city, GrantState.GRANTED, applied=800_00, granted=700_00)
    apply(city, GrantState.REPORT_SUBMITTED, applied=500_00, granted=500_00)
    apply(city, GrantState.PAID, applied=400_00, granted=400_00, paid=350_00)  # paid less: the grant still holds
    apply(city, GrantState.PAID, applied=300_00, granted=200_00, paid=260_00)  # paid more: the payment holds
    apply(city, GrantState.REFUSED, applied=2_000_00)                 # asks for nothing any more
    apply(city, GrantState.WITHDRAWN, applied=3_000_00, granted=3_000_00)
    line = line_of(city, 2031)
    assert line.applications == 8
    assert line.applied == 1_000_00 + 800_00 + 500_00 + 400_00 + 300_00
    assert line.granted == 700_00 + 500_00 + 400_00 + 200_00
    assert line.paid == 350_00 + 260_00
    assert line.held == 700_00 + 500_00 + 400_00 + 260_00
    assert line.left == 10_000_00 - 1_860_00 and not line.over_budget


def test_an_application_counts_in_the_year_its_event_starts_in_the_city(db, city, apply):
    give_budget(db, city, 2030, 100_00)
    give_budget(db, city, 2031, 100_00)
    # 23:30 UTC on 31 December is half past midnight on 1 January in Berlin: next year's.
    new_year = apply(city, GrantState.GRANTED, granted=10_00, starts_at=datetime(2030, 12, 31, 23, 30, tzinfo=UTC))
    # 22:59 UTC on 31 December 2031 is 23:59 in Berlin: still 2031.
    apply(city, GrantState.GRANTED, granted=20_00, starts_at=datetime(2031, 12, 31, 22, 59, tzinfo=UTC))
    # 23:00 UTC is midnight: 2032.
    apply(city, GrantState.GRANTED, granted=40_00, starts_at=datetime(2031, 12, 31, 23, 0, tzinfo=UTC))
    # 22:30 UTC on 31 December 2030 is 23:30 in Berlin: 2030.
    apply(city, GrantState.GRANTED, granted=5_00, starts_at=datetime(2030, 12, 31, 22, 30, tzinfo=UTC))
    assert event_year(new_year.proposal) == 2031
    assert line_of(city, 2030).granted == 5_00
    assert line_of(city, 2031).granted == 30_00
    assert line_of(city, 2032).granted == 40_00 and line_of(city, 2032).budget is None


def test_the_year_follows_the_configured_time_zone(app, db, city, apply):
    app.config["CITY_TIMEZONE"] = "America/New_York"
    # 03:00 UTC on 1 January is still 31 December in New York.
    application = apply(city, GrantState.GRANTED, granted=10_00, starts_at=datetime(2032, 1, 1, 3, tzinfo=UTC))
    assert event_year(application.proposal) == 2031
    assert line_of(city, 2031).granted == 10_00


def test_a_scheme_over_its_budget_shows_how_far(db, city, apply):
    give_budget(db, city, 2031, 1_000_00)
    apply(city, GrantState.GRANTED, granted=700_00)
    apply(city, GrantState.PAID, granted=400_00, paid=450_00)
    line = line_of(city, 2031)
    assert line.left == -150_00 and line.over_budget


def test_schemes_not_offered_show_only_with_a_budget_or_applications(db, city, apply):
    old = named(CITY_GUIDELINE, "Old guideline", active=False)
    older = named(CITY_GUIDELINE, "Older guideline", active=False)
    eu = FundingScheme.from_terms(CERV_TOWN_TWINNING_2026)
    db.session.add_all([old, older, eu])
    db.session.commit()
    apply(old, GrantState.APPLIED, applied=10_00)
    names = [line.scheme.name for line in budget_lines(2031)]
    assert "Old guideline" in names and "Older guideline" not in names and eu.name in names and city.name in names
    assert names.index("Old guideline") > names.index(city.name)  # offered ones first
    assert [line.scheme.name for line in budget_lines(2030) if not line.scheme.active] == []
    give_budget(db, older, 2030, 5_00)
    assert [line.scheme.name for line in budget_lines(2030) if not line.scheme.active] == ["Older guideline"]


def test_the_budget_lines_take_one_query_however_many_schemes_and_applications(db, city, apply, make_proposal):
    from bench.pages import counting_statements

    for i in range(6):
        scheme = named(CITY_GUIDELINE, f"Scheme {i}")
        db.session.add(scheme)
        db.session.commit()
        give_budget(db, scheme, 2031, 100_00)
        apply(scheme, GrantState.GRANTED, granted=10_00)
    db.session.expire_all()
    with counting_statements(db.engine) as counter:
        lines = budget_lines(2031)
        assert sum(line.granted for line in lines) == 60_00
        assert [line.budget_cents for line in lines].count(100_00) == 6
    assert counter["n"] == 1


# --- the warning before a grant ------------------------------------------------------------------------------


def test_no_warning_without_a_budget_or_while_the_grant_fits(db, city, apply):
    assert grant_warning(city.id, 2031, 5_000_00) is None  # no budget entered: nothing to exceed
    give_budget(db, city, 2031, 1_000_00)
    apply(city, GrantState.GRANTED, granted=600_00)
    assert grant_warning(city.id, 2031, 400_00) is None  # exactly the budget: €0.00 left
    assert grant_warning(city.id, 2031, 400_01) == ("Granting €400.01 leaves -€0.01 of the €1,000.00 budget for "
                                                    "2031.")


def test_the_warning_counts_only_what_holds_the_budget(db, city, apply, make_proposal):
    give_budget(db, city, 2031, 1_000_00)
    apply(city, GrantState.GRANTED, granted=500_00)
    apply(city, GrantState.PAID, granted=200_00, paid=300_00)    # holds 300
    apply(city, GrantState.APPLIED, applied=900_00)              # asked, not granted: holds nothing
    apply(city, GrantState.REFUSED, applied=900_00)
    apply(city, GrantState.GRANTED, granted=900_00, starts_at=datetime(2032, 3, 1, tzinfo=UTC))  # next year's
    other = named(CITY_GUIDELINE, "Other")
    db.session.add(other)
    db.session.commit()
    apply(other, GrantState.GRANTED, granted=900_00)             # another scheme's
    assert grant_warning(city.id, 2031, 200_00) is None
    assert grant_warning(city.id, 2031, 450_00) == ("Granting €450.00 leaves -€250.00 of the €1,000.00 budget for "
                                                    "2031.")


def test_granting_again_replaces_the_applications_earlier_grant(db, city, apply):
    give_budget(db, city, 2031, 1_000_00)
    apply(city, GrantState.GRANTED, granted=300_00)
    application = apply(city, GrantState.GRANTED, granted=600_00)
    # Raised from €600 to €700: €1,000 − €300 − €700 = €0 left.
    assert grant_warning(city.id, 2031, 700_00, exclude_application_id=application.id) is None
    assert grant_warning(city.id, 2031, 700_00) is not None  # counted twice without the exclusion
    assert grant_warning(city.id, 2031, 800_00, exclude_application_id=application.id) == (
        "Granting €800.00 leaves -€100.00 of the €1,000.00 budget for 2031.")


def test_the_warning_is_already_due_when_the_budget_is_spent(db, city, apply):
    give_budget(db, city, 2031, 100_00)
    apply(city, GrantState.GRANTED, granted=150_00)
    assert grant_warning(city.id, 2031, 1) == "Granting €0.01 leaves -€50.01 of the €100.00 budget for 2031."
    give_budget(db, city, 2030, 0)
    assert grant_warning(city.id, 2030, 1_00) == "Granting €1.00 leaves -€1.00 of the €0.00 budget for 2030."


def test_the_warning_speaks_the_readers_language(app, db, city, apply):
    give_budget(db, city, 2027, 1_000_00)
    with app.test_request_context(), force_locale("de"):
        warning = grant_warning(city.id, 2027, 1_500_00)
    assert "1.500,00\xa0€" in warning and "-500,00\xa0€" in warning and "2027" in warning
    assert not warning.startswith("Granting")


# --- entering a budget -----------------------------------------------------------------------------------------


def test_a_budget_is_entered_and_changed(db, city):
    entered = save_budget(None, scheme=city, year=2031, amount_cents=5_000_00, notes="  Council, 3 May  ")
    db.session.commit()
    assert (entered.year, entered.amount_cents, entered.notes, entered.version) == (2031, 5_000_00, "Council, 3 May", 1)
    save_budget(entered, scheme=city, year=2031, amount_cents=6_000_00)
    db.session.commit()
    assert (entered.amount_cents, entered.version) == (6_000_00, 2)


@pytest.mark.parametrize("cents, year", [(None, 2031), (-1, 2031), (budget.MAX_BUDGET_CENTS + 1, 2031),
                                         (100, 1999), (100, 2101)])
def test_a_budget_out_of_bounds_is_refused(db, city, cents, year):
    with pytest.raises(BudgetError):
        save_budget(None, scheme=city, year=year, amount_cents=cents)


def test_year_bounds_are_midnight_in_the_city(app):
    with app.app_context():
        start, end = budget.year_bounds(2031)
    assert start == datetime(2030, 12, 31, 23, tzinfo=UTC) and end == datetime(2031, 12, 31, 23, tzinfo=UTC)

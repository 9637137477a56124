"""The funding page through HTTP (issue 13 parts 5 and 6): budgets per scheme and year, the budget form, the CSV
downloads, and the EU check on the partnership page."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.csv_io import read_rows
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme, GrantState
from clubs_exchange.funding.presets import CERV_TOWN_TWINNING_2026, CITY_GUIDELINE
from clubs_exchange.funding.terms import Direction
from clubs_exchange.proposals.models import Direction as EventDirection
from clubs_exchange.proposals.models import EventKind, ProposalState

EVIL = '=HYPERLINK("http://evil.example","Click")'


@pytest.fixture
def city(db):
    scheme = FundingScheme.from_terms(CITY_GUIDELINE)
    db.session.add(scheme)
    db.session.commit()
    return scheme


@pytest.fixture
def cerv(db):
    scheme = FundingScheme.from_terms(CERV_TOWN_TWINNING_2026, preset_key="cerv_town_twinning_2026")
    db.session.add(scheme)
    db.session.commit()
    return scheme


@pytest.fixture
def granted(db, make_proposal):
    def make(scheme, cents, *, state=GrantState.GRANTED, title=None, paid=None, starts_at=None):
        proposal = make_proposal(ProposalState.APPROVED, title=title or "Sommerbegegnung",
                                 starts_at=starts_at or datetime(2031, 6, 12, 16, tzinfo=UTC))
        application = FundingApplication(
            proposal=proposal, scheme=scheme, direction=Direction.INCOMING, state=state,
            amount_applied_cents=cents, amount_granted_cents=cents, amount_paid_cents=paid,
            applied_on=date(2031, 3, 1), decided_on=date(2031, 4, 2), reference="AZ-7",
            paid_on=date(2031, 8, 1) if paid is not None else None)
        db.session.add(application)
        db.session.commit()
        return application

    return make


def text(response) -> str:
    return response.get_data(as_text=True)


def error_at(page: str, field: str) -> str:
    match = re.search(rf'id="{field}-error">([^<]*)<', page)
    return match.group(1) if match else ""


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.data.startswith(b"\xef\xbb\xbf")
    return read_rows(response.data, delimiter=";")


# --- the funding page --------------------------------------------------------------------------------------------


def test_staff_see_each_schemes_budget_and_a_warning_where_granted_exceeds_it(client, login_as, db, staff, city,
                                                                             cerv, granted):
    db.session.add(FundingBudget(scheme_id=city.id, year=2031, amount_cents=1_000_00))
    db.session.commit()
    granted(city, 1_250_00)
    login_as(staff)
    page = text(client.get("/funding/budgets?year=2031"))
    assert "Funding budgets 2031" in page
    assert "€1,000.00" in page and "€1,250.00" in page and "-€250.00" in page and "over budget" in page
    assert "1 scheme has granted more than its budget for 2031:" in page
    assert f"{city.name} by €250.00" in page
    assert "none entered" in page  # CERV has no budget for 2031
    assert f'href="/funding/budgets/{cerv.id}/2031/edit"' in page
    # The year switcher leads to the years around; the next year has no figures yet.
    assert 'href="/funding/budgets?year=2030"' in page and 'href="/funding/budgets?year=2032"' in page
    next_year = text(client.get("/funding/budgets?year=2032"))
    assert "over budget" not in next_year and "-€250.00" not in next_year


def test_the_page_shows_this_year_without_a_year_or_with_a_bad_one(client, login_as, staff, city):
    login_as(staff)
    this_year = clock.today().year
    for query in ("", "?year=abc", "?year=99999", "?year=%C2%B2", "?year=1850"):
        response = client.get(f"/funding/budgets{query}")
        assert response.status_code == 200 and f"Funding budgets {this_year}" in text(response), query


def test_the_schemes_page_leads_to_the_budgets(client, login_as, staff, city):
    login_as(staff)
    assert 'href="/funding/budgets"' in text(client.get("/funding/schemes"))


def test_a_schemes_applications_of_a_year_list_event_organisation_state_and_amounts(client, login_as, staff, city,
                                                                                   granted):
    application = granted(city, 400_00, state=GrantState.PAID, paid=380_00, title="Chorreise nach Annecy")
    granted(city, 999_00, starts_at=datetime(2032, 2, 1, tzinfo=UTC))  # next year's
    login_as(staff)
    page = text(client.get(f"/funding/budgets/{city.id}/2031"))
    assert "Chorreise nach Annecy" in page and application.proposal.organisation.name in page
    assert "Paid" in page and "€400.00" in page and "€380.00" in page and "€999.00" not in page
    assert client.get(f"/funding/budgets/{city.id}/1999").status_code == 404
    assert client.get("/funding/budgets/999999/2031").status_code == 404


# --- the budget form ---------------------------------------------------------------------------------------------


def test_staff_enter_a_budget_and_then_change_it(client, login_as, db, staff, city):
    login_as(staff)
    form = text(client.get(f"/funding/budgets/{city.id}/2031/edit"))
    assert "Budget of" in form and 'name="version" type="hidden" value=""' in form
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "12.500,50", "notes": "Rat"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/funding/budgets?year=2031")
    stored = db.session.scalar(sa.select(FundingBudget))
    assert (stored.scheme_id, stored.year, stored.amount_cents, stored.notes, stored.version) == (
        city.id, 2031, 12_500_50, "Rat", 1)
    form = text(client.get(f"/funding/budgets/{city.id}/2031/edit"))
    assert 'value="12500.50"' in form and 'name="version" type="hidden" value="1"' in form
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "13000", "version": "1"})
    assert response.status_code == 303
    db.session.expire_all()
    assert (stored.amount_cents, stored.version) == (13_000_00, 2)
    assert "€13,000.00" in text(client.get("/funding/budgets?year=2031"))


@pytest.mark.parametrize("amount, message", [
    ("", "Enter the budget, 0 if there is none."),
    ("zwölf", "Enter an amount such as 1250.50 or 1250,50."),
    ("-5", "Enter an amount such as 1250.50 or 1250,50."),
    ("1,2,3", "Enter an amount such as 1250.50 or 1250,50."),
])
def test_a_bad_amount_is_told_at_its_field_and_the_entries_stay(client, login_as, db, staff, city, amount, message):
    login_as(staff)
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": amount, "notes": "Ratsbeschluss"})
    assert response.status_code == 422
    page = text(response)
    assert error_at(page, "amount") == message and "Ratsbeschluss" in page and f'value="{amount}"' in page
    assert db.session.scalar(sa.select(FundingBudget)) is None


def test_too_long_notes_are_told_at_their_field(client, login_as, db, staff, city):
    login_as(staff)
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "100", "notes": "x" * 2001})
    assert response.status_code == 422 and "At most 2000 characters" in error_at(text(response), "notes")


def test_a_budget_changed_meanwhile_is_not_overwritten(client, login_as, db, staff, city):
    db.session.add(FundingBudget(scheme_id=city.id, year=2031, amount_cents=1_000_00))
    db.session.commit()
    login_as(staff)
    client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "2000", "version": "1"})
    # A second person's form was loaded at version 1 too.
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "3000", "version": "1"})
    assert response.status_code == 409
    page = text(response)
    assert "This budget was changed by" in page and "it is now €2,000.00" in page
    assert 'value="3000"' in page and 'name="version" type="hidden" value="2"' in page
    assert db.session.scalar(sa.select(FundingBudget.amount_cents)) == 2_000_00


def test_a_budget_entered_meanwhile_is_not_overwritten_by_a_second_new_one(client, login_as, db, staff, city):
    login_as(staff)
    client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "2000", "version": ""})
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "3000", "version": ""})
    assert response.status_code == 409 and "it is now €2,000.00" in text(response)
    assert db.session.scalars(sa.select(FundingBudget.amount_cents)).all() == [2_000_00]


def test_who_changed_a_budget_is_in_its_audit_trail_and_in_the_refusal(client, login_as, db, staff, make_user, city):
    from clubs_exchange.auth.models import UserRole

    login_as(staff)
    client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "1000", "version": ""})
    client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "2000", "version": "1"})
    page = text(client.get(f"/funding/budgets/{city.id}/2031/edit"))
    assert "Audit trail" in page and "€1,000.00" in page and "€2,000.00" in page
    login_as(make_user(role=UserRole.STAFF, name="Olga Other"))
    response = client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "3000", "version": "1"})
    assert response.status_code == 409 and f"This budget was changed by {staff.name} at" in text(response)


def test_members_never_see_budgets(client, login_as, member, city):
    login_as(member)
    assert client.get("/funding/budgets").status_code == 403
    assert client.post(f"/funding/budgets/{city.id}/2031/edit", data={"amount": "1"}).status_code == 403


# --- CSV ----------------------------------------------------------------------------------------------------------


def test_the_budget_table_downloads_as_csv(client, login_as, db, staff, city, cerv, granted):
    db.session.add(FundingBudget(scheme_id=city.id, year=2031, amount_cents=1_000_00))
    db.session.commit()
    granted(city, 1_250_50)
    login_as(staff)
    response = client.get("/funding/budgets.csv?year=2031")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="funding-budgets-2031-')
    rows = rows_of(response)
    assert rows[0] == ["Funder", "Funding scheme", "Year", "Budget", "Applied", "Granted", "Paid", "Left",
                       "Applications", "Over budget"]
    by_name = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_name[city.name] == {"Funder": city.funder, "Funding scheme": city.name, "Year": "2031",
                                  "Budget": "1000.00", "Applied": "1250.50", "Granted": "1250.50", "Paid": "0.00",
                                  "Left": "-250.50", "Applications": "1", "Over budget": "yes"}
    assert by_name[cerv.name]["Budget"] == "" and by_name[cerv.name]["Left"] == ""
    assert by_name[cerv.name]["Over budget"] == "no"


def test_a_schemes_applications_download_as_csv_with_formulas_as_text(client, login_as, staff, city, granted):
    application = granted(city, 400_00, state=GrantState.PAID, paid=380_00, title=EVIL)
    login_as(staff)
    rows = rows_of(client.get(f"/funding/budgets/{city.id}/2031/applications.csv"))
    assert rows[0] == ["Event", "Organisation", "Partner city", "First day", "Last day", "State", "Applied on",
                       "Amount applied for", "Decided on", "Amount granted", "Reference", "Paid on", "Amount paid"]
    (row,) = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert row == {"Event": "'" + EVIL, "Organisation": application.proposal.organisation.name,
                   "Partner city": application.proposal.partner_city.name, "First day": "2031-06-12",
                   "Last day": "2031-06-12", "State": "Paid", "Applied on": "2031-03-01",
                   "Amount applied for": "400.00", "Decided on": "2031-04-02", "Amount granted": "400.00",
                   "Reference": "AZ-7", "Paid on": "2031-08-01", "Amount paid": "380.00"}


def test_german_staff_get_decimal_commas_in_the_budget_csv(client, login_as, db, staff, city, granted):
    granted(city, 1_250_50)
    staff.language = "de"
    db.session.commit()
    login_as(staff)
    rows = rows_of(client.get("/funding/budgets.csv?year=2031"))
    assert "1250,50" in rows[1]


# --- fixed queries ---------------------------------------------------------------------------------------------


def _add_applications(db, scheme, organisation, partner, n, offset):
    from clubs_exchange.proposals.models import Proposal

    ids = list(db.session.scalars(sa.insert(Proposal).returning(Proposal.id), [
        {"title": f"Visit {offset + i}", "kind": EventKind.DELEGATION_VISIT, "direction": EventDirection.INCOMING,
         "organisation_id": organisation.id, "partner_city_id": partner.id,
         "starts_at": datetime(2031, 3, 1, tzinfo=UTC) + timedelta(hours=i),
         "ends_at": datetime(2031, 3, 2, tzinfo=UTC) + timedelta(hours=i), "state": ProposalState.APPROVED,
         "participants_ours": 40, "participants_guests": 30} for i in range(n)
    ]))
    db.session.execute(sa.insert(FundingApplication), [
        {"proposal_id": pid, "scheme_id": scheme.id, "direction": Direction.INCOMING, "state": GrantState.GRANTED,
         "amount_granted_cents": 100_00} for pid in ids
    ])
    db.session.commit()


@pytest.mark.parametrize("path", ["/funding/budgets?year=2031", "/funding/budgets/{scheme}/2031",
                                  "/funding/partners/{partner}/eu-check"])
def test_the_funding_pages_keep_their_queries_whatever_the_applications(path, client, login_as, db, staff, cerv,
                                                                        make_org, make_partner):
    from bench.pages import counting_statements

    organisation, partner = make_org(), make_partner()
    url = path.format(scheme=cerv.id, partner=partner.id)
    login_as(staff)
    counts = []
    for n, offset in ((3, 0), (60, 3)):
        # More schemes too, each with a budget: the table grows by rows, not by queries.
        for i in range(n // 3):
            scheme = FundingScheme.from_terms(CITY_GUIDELINE)
            scheme.name = f"Scheme {offset + i}"
            db.session.add(scheme)
            db.session.flush()
            db.session.add(FundingBudget(scheme_id=scheme.id, year=2031, amount_cents=100_00))
        _add_applications(db, cerv, organisation, partner, n, offset)
        with counting_statements(db.engine) as counter:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(counter["n"])
    assert counts[0] == counts[1] and counts[1] <= 10, counts


# --- the EU check (part 6) -----------------------------------------------------------------------------------


@pytest.fixture
def festival(make_proposal, make_partner):
    """A town-twinning festival with a French partner in four months: 40 of ours, 20 guests from France."""
    partner = make_partner(name="Annecy", country="France")
    starts = clock.utcnow() + timedelta(days=120)
    return make_proposal(ProposalState.SUBMITTED, partner_city=partner, kind=EventKind.FESTIVAL, title="Fête",
                         direction=EventDirection.INCOMING, participants_ours=40, participants_guests=20,
                         starts_at=starts, ends_at=starts + timedelta(days=3))


def test_the_eu_check_shows_each_criterion_and_the_lump_sum_band(client, login_as, staff, cerv, festival,
                                                                 make_proposal):
    partner = festival.partner_city
    make_proposal(ProposalState.APPROVED, partner_city=partner, kind=EventKind.MATCH, title="Just a match",
                  starts_at=clock.utcnow() + timedelta(days=10))
    make_proposal(ProposalState.DRAFT, partner_city=partner, kind=EventKind.FESTIVAL, title="Draft festival",
                  starts_at=clock.utcnow() + timedelta(days=10))
    make_proposal(ProposalState.APPROVED, partner_city=partner, kind=EventKind.FESTIVAL, title="Last year's",
                  starts_at=clock.utcnow() - timedelta(days=300))
    login_as(staff)
    page = text(client.get(f"/funding/partners/{partner.id}/eu-check"))
    assert "Fête" in page and "Just a match" not in page and "Draft festival" not in page and "Last year" not in page
    criteria = re.findall(r'<li class="criterion-(passed|failed)"><strong>([^<]*)</strong>: ([^<]*)</li>', page)
    verdicts = {label: (state, reason) for state, label, reason in criteria}
    assert verdicts["Countries"] == ("passed", "met. 2 countries (DE, FR); at least 2 needed.")
    assert verdicts["An EU member state"] == ("passed", "met. EU member states among them: DE, FR.")
    assert verdicts["Direct participants"] == ("passed", "met. 60 direct participants; at least 50 needed.")
    assert verdicts["Invited international participants"] == (
        "failed", "not met. 20 invited international participants; at least 25 needed.")
    assert "the scheme sets none; check the call's deadline" in page
    assert "60 participants: the band 50–100, a lump sum of €8,455.00" in page
    assert "none while a criterion is not met" in page


def test_the_eu_check_counts_our_people_as_invited_when_we_travel(client, login_as, db, staff, cerv, festival):
    festival.direction = EventDirection.OUTGOING
    festival.participants_ours, festival.participants_guests = 30, 25
    db.session.commit()
    login_as(staff)
    page = text(client.get(f"/funding/partners/{festival.partner_city_id}/eu-check"))
    assert "30 invited international participants; at least 25 needed." in page
    assert "failed" not in page and "Lump sum</strong>: €8,455.00" in page


def test_the_lead_time_is_checked_where_the_scheme_sets_one(client, login_as, db, staff, cerv, festival):
    cerv.apply_months_before = 6  # due two months ago for a festival in four months
    db.session.commit()
    login_as(staff)
    page = text(client.get(f"/funding/partners/{festival.partner_city_id}/eu-check"))
    assert re.search(r'criterion-failed"><strong>Lead time</strong>: not met. The application was due by', page)
    assert "the scheme sets none" not in page


def test_without_a_cerv_scheme_staff_are_sent_to_the_schemes_page(client, login_as, staff, city, festival):
    login_as(staff)
    page = text(client.get(f"/funding/partners/{festival.partner_city_id}/eu-check"))
    assert "No CERV Town Twinning scheme is stored" in page and 'href="/funding/schemes"' in page


def test_the_partnership_page_fetches_the_eu_check_for_staff_only(client, login_as, staff, member, cerv, festival,
                                                                 htmx_headers):
    partner_id = festival.partner_city_id
    url = f"/funding/partners/{partner_id}/eu-check"
    login_as(staff)
    page = text(client.get(f"/partners/{partner_id}"))
    assert f'hx-get="{url}"' in page and f'href="{url}"' in page  # fetched, and a link without JavaScript
    fragment = text(client.get(url, headers=htmx_headers))
    assert fragment.lstrip().startswith('<section id="eu_check"') and "<html" not in fragment and "Fête" in fragment
    assert "<html" in text(client.get(url))
    login_as(member)
    assert url not in text(client.get(f"/partners/{partner_id}"))
    assert client.get(url).status_code == 403


# --- the demo data ------------------------------------------------------------------------------------------------


def test_the_demo_has_budgets_of_two_years_one_over_and_a_festival_the_eu_check_finds_short(client, login_as, demo,
                                                                                            db):
    from clubs_exchange.partners.models import PartnerCity

    login_as(demo["staff@example.org"])
    year = clock.today().year
    schemes_page = text(client.get("/funding/schemes"))
    assert 'href="/funding/budgets"' in schemes_page
    this_year = text(client.get(f"/funding/budgets?year={year}"))
    assert "1 scheme has granted more than its budget" in this_year and "none entered" not in this_year
    next_year = text(client.get(f"/funding/budgets?year={year + 1}"))
    assert "over budget" not in next_year and "none entered" not in next_year
    annecy = db.session.scalar(sa.select(PartnerCity.id).where(PartnerCity.name == "Annecy"))
    check = text(client.get(f"/funding/partners/{annecy}/eu-check"))
    festival = check[check.index("Europafest with Annecy"):]
    festival = festival[:festival.find("</article>")]
    assert 'criterion-passed"><strong>Countries' in festival and 'criterion-passed"><strong>Direct' in festival
    assert 'criterion-failed"><strong>Invited international participants' in festival

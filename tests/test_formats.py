"""Dates, times, numbers and money as each language writes them (Babel), in the city's time zone: on pages, in
mails (in the recipient's language, whoever's request sends them) and in CSV exports."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.csv_io import read_rows
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.proposals.models import Proposal, ProposalState
from tests.helpers import version_of


@pytest.fixture
def app_config(app_config, tmp_path):
    """A small German catalogue of the test's own: what the mail test reads does not wait for the translators."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="de")
    catalog.add("%(organisation)s submitted “%(title)s” for review.",
                "%(organisation)s hat „%(title)s“ zur Prüfung eingereicht.")
    catalog.add("Requested budget", "Beantragtes Budget")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, catalog)
    # The app fixture forgets the catalogues an earlier test loaded (tests/conftest.py).
    return {**app_config, "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)}


NBSP, NNBSP = "\u00a0", "\u202f"
SUMMER_EVENING = datetime(2031, 6, 12, 16, 0, tzinfo=UTC)  # 18:00 in the city (Europe/Berlin, summer time)

# language: (money, the event's span, a population)
WRITTEN = {
    "de": (f"1.234,50{NBSP}€", "12.06.2031, 18:00–21:00", "48.000"),
    "fr": (f"1{NNBSP}234,50{NBSP}€", "12 juin 2031, 18:00–21:00", f"48{NNBSP}000"),
    "ro": (f"1.234,50{NBSP}EUR", "12 iun. 2031, 18:00–21:00", "48.000"),
    # The office's English is European: 24-hour clock, day before month (en_GB), not "Jun 12, 2031, 6:00 PM".
    "en": ("€1,234.50", "12 Jun 2031, 18:00–21:00", "48,000"),
}


@pytest.mark.parametrize("language", sorted(WRITTEN))
def test_a_proposal_page_writes_money_dates_and_times_in_the_readers_language(
    client, login_as, staff, make_proposal, language
):
    proposal = make_proposal(ProposalState.SUBMITTED, budget_cents=123_450, starts_at=SUMMER_EVENING)
    login_as(staff)
    html = client.get(f"/review/{proposal.id}", headers={"Accept-Language": language}).get_data(as_text=True)
    money, span, _population = WRITTEN[language]
    assert f'<html lang="{language}">' in html
    assert money in html and span in html
    assert "6:00" not in html and "PM" not in html


@pytest.mark.parametrize("language", ["de", "fr", "en"])
def test_populations_are_grouped_as_the_language_groups_thousands(client, login_as, staff, make_partner, language):
    partner = make_partner(name="Lyon", population=48_000)
    login_as(staff)
    html = client.get(f"/partners/{partner.id}", headers={"Accept-Language": language}).get_data(as_text=True)
    assert f"<dd>{WRITTEN[language][2]}</dd>" in html


def test_a_mail_is_written_in_its_recipients_language_not_the_senders(
    client, db, login_as, make_org, make_user, make_proposal
):
    organisation = make_org(name="FC Testhausen")
    secretary = make_user(organisation, name="Sabine Secretary")
    german = make_user(role=UserRole.STAFF, name="Gerda", language="de")
    french = make_user(role=UserRole.STAFF, name="Fabienne", language="fr")
    undecided = make_user(role=UserRole.STAFF, name="Una")  # no choice: the city's default language
    draft = make_proposal(organisation=organisation, title="Sommerfest", budget_cents=123_450,
                          starts_at=SUMMER_EVENING)
    login_as(secretary)
    # The sender reads Romanian; each mail follows its recipient.
    response = client.post(f"/proposals/{draft.id}/step", data={"action": "submit",
                                                               "version": version_of(Proposal, draft.id)},
                           headers={"Accept-Language": "ro"})
    assert response.status_code in (200, 303)
    mails = {m.recipient: m for m in db.session.scalars(sa.select(OutboxMail))}
    for person, language in ((german, "de"), (french, "fr"), (undecided, "en")):
        mail = mails[person.email]
        money, span, _population = WRITTEN[language]
        assert money in mail.text_body and span in mail.text_body, mail.text_body
        assert money in mail.html_body and f'<html lang="{language}">' in mail.html_body
    # The words too, the subject included: the German reader's mail is German, the others' are not.
    german_mail, french_mail = mails[german.email], mails[french.email]
    assert german_mail.subject == "FC Testhausen hat „Sommerfest“ zur Prüfung eingereicht."
    assert "Beantragtes Budget: 1.234,50" in german_mail.text_body
    assert french_mail.subject == "FC Testhausen submitted “Sommerfest” for review."
    assert "Requested budget" in french_mail.text_body


def rows_of(response, delimiter=";") -> list[dict]:
    assert response.status_code == 200
    header, *rows = read_rows(response.data, delimiter=delimiter)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize(("language", "budget"), [("de", "1234,50"), ("fr", "1234,50"), ("ro", "1234,50"),
                                                  ("en", "1234.50")])
def test_a_csv_export_writes_amounts_with_the_readers_decimal_mark_and_dates_iso(
    client, login_as, staff, make_proposal, language, budget
):
    make_proposal(ProposalState.SUBMITTED, budget_cents=123_450, starts_at=SUMMER_EVENING)
    login_as(staff)
    [row] = rows_of(client.get("/exports/review.csv", headers={"Accept-Language": language}))
    # No grouping and no currency sign: a spreadsheet of that language reads the cell as a number.
    assert budget in row.values()
    # Dates and times ISO in the city's time zone in every language: sortable, read as dates everywhere.
    assert "2031-06-12 18:00" in row.values()


def test_a_comma_separated_export_never_uses_the_comma_as_the_decimal_mark(app, client, login_as, staff,
                                                                          make_proposal):
    app.config["CSV_DELIMITER"] = ","
    make_proposal(ProposalState.SUBMITTED, budget_cents=123_450)
    login_as(staff)
    [row] = rows_of(client.get("/exports/review.csv", headers={"Accept-Language": "de"}), delimiter=",")
    assert "1234.50" in row.values()


@pytest.mark.parametrize(("language", "shown"), [("de", "1234,50"), ("fr", "1234,50"), ("en", "1234.50")])
def test_the_budget_field_shows_the_amount_back_with_the_readers_decimal_mark(
    client, login_as, make_user, make_proposal, language, shown
):
    proposal = make_proposal(budget_cents=123_450)
    login_as(make_user(proposal.organisation))
    form = client.get(f"/proposals/{proposal.id}/edit", headers={"Accept-Language": language}).get_data(as_text=True)
    assert f'value="{shown}"' in form

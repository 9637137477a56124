"""An event's participant lists through the pages, as the organisers and the twinning office use them: the list per
delegation, changes in place, the CSV import, guests taken over, the signature lists, attendance per day."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange.funding.models import (
    EventParticipant,
    FundingApplication,
    FundingScheme,
    GrantState,
    ParticipantAttendance,
    ParticipantRole,
)
from clubs_exchange.funding.presets import CERV_TOWN_TWINNING_2026, CITY_GUIDELINE
from clubs_exchange.funding.terms import Direction
from clubs_exchange.proposals.models import ProposalState
from tests.helpers import counted_statements

STARTS = datetime(2031, 6, 12, 8, tzinfo=UTC)
ENDS = datetime(2031, 6, 14, 15, tzinfo=UTC)


@pytest.fixture
def event(make_proposal, choir, lyon):
    """The choir's three-day meeting with Lyon, 12 to 14 June 2031."""
    return make_proposal(ProposalState.APPROVED, organisation=choir, partner_city=lyon, starts_at=STARTS,
                         ends_at=ENDS, title="Sommerkonzert mit Lyon")


def listed(db, event, name, *, town=None, role=ParticipantRole.PARTICIPANT, born=2015, **fields):
    person = EventParticipant(proposal_id=event.id, name=name, partner_city_id=town.id if town else None, role=role,
                              birth_year=born, invited=town is not None, **fields)
    db.session.add(person)
    db.session.commit()
    return person


def names(db, event) -> list[str]:
    return list(db.session.scalars(sa.select(EventParticipant.name).where(EventParticipant.proposal_id == event.id)
                                   .order_by(EventParticipant.name)))


def url(event, rest=""):
    return f"/funding/proposals/{event.id}/participants{rest}"


# --- who sees the list ----------------------------------------------------------------------------------------------

def test_the_organisers_and_staff_see_the_list_others_do_not(client, login_as, event, member, outsider, staff, db):
    listed(db, event, "Ana Pop")
    assert client.get(url(event)).status_code == 302  # to the login page
    for person in (member, staff):
        login_as(person)
        page = client.get(url(event))
        assert page.status_code == 200 and "Ana Pop" in page.get_data(as_text=True)
    login_as(outsider)
    assert client.get(url(event)).status_code == 404
    assert client.get(url(event, "/signatures")).status_code == 404
    assert client.post(url(event, "/new"), data={"name": "Eve", "delegation": "home"}).status_code == 404
    assert names(db, event) == ["Ana Pop"]


def test_the_event_page_links_the_lists_for_those_who_keep_them(client, login_as, event, member, outsider):
    login_as(member)
    assert url(event) in client.get(f"/proposals/{event.id}").get_data(as_text=True)
    login_as(outsider)
    page = client.get(f"/proposals/{event.id}")
    assert page.status_code == 200 and url(event) not in page.get_data(as_text=True)


# --- the list: add, change, remove -----------------------------------------------------------------------------------

def test_a_person_added_shows_with_the_age_at_the_event_and_the_counts(client, login_as, event, member, lyon, db):
    login_as(member)
    answer = client.post(url(event, "/new"), data={"name": "  Lucie  Martin ", "residence": "Lyon",
                                                    "organisation_name": "Chœur de Lyon", "birth_year": "2013",
                                                    "role": "participant", "delegation": str(lyon.id),
                                                    "invited": "auto"})
    assert answer.status_code == 303
    person = db.session.scalar(sa.select(EventParticipant))
    assert (person.name, person.partner_city_id, person.invited, person.birth_year) == ("Lucie Martin", lyon.id,
                                                                                        True, 2013)
    page = client.get(url(event)).get_data(as_text=True)
    assert "Lucie Martin" in page and "<td>18</td>" in page  # 2031 − 2013
    assert "1 invited from abroad" in page and "1 participant," in page


def test_invited_follows_how_the_delegation_travels_unless_said(client, login_as, member, make_proposal, choir,
                                                                 lyon, db):
    """CERV counts those who travel in: our own people on a trip to the partner, the partner's at a meeting here."""
    from clubs_exchange.proposals.models import Direction

    trip = make_proposal(ProposalState.APPROVED, organisation=choir, partner_city=lyon, direction=Direction.OUTGOING)
    login_as(member)
    for name, delegation, invited in [("Ours", "home", "auto"), ("Theirs", str(lyon.id), "auto"),
                                      ("Ours too", "home", "no")]:
        client.post(url(trip, "/new"), data={"name": name, "role": "participant", "delegation": delegation,
                                             "invited": invited})
    client.post(url(trip, "/import"), data={"text": "name\nImported\n", "delegation": "home"})
    people = db.session.execute(sa.select(EventParticipant.name, EventParticipant.invited)
                                .order_by(EventParticipant.id)).all()
    assert people == [("Ours", True), ("Theirs", False), ("Ours too", False), ("Imported", True)]


def test_bad_input_comes_back_with_messages_beside_the_fields_and_what_was_typed(client, login_as, event, member, db):
    login_as(member)
    answer = client.post(url(event, "/new"), data={"name": "", "residence": "Cluj-Napoca", "birth_year": "1800",
                                                    "role": "participant", "delegation": "home"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert 'id="name-error"' in page and 'id="birth_year-error"' in page
    assert 'value="Cluj-Napoca"' in page and 'value="1800"' in page
    answer = client.post(url(event, "/new"), data={"name": "Ana", "birth_year": "2010", "role": "boss",
                                                    "delegation": "999999"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and 'id="role-error"' in page and 'id="delegation-error"' in page
    assert names(db, event) == []


def test_htmx_adds_in_place_and_answers_the_list_with_its_counts(client, login_as, event, member, htmx_headers, db):
    login_as(member)
    answer = client.post(url(event, "/new"), data={"name": "Ana Pop", "role": "leader", "delegation": "home"},
                         headers=htmx_headers)
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "<html" not in body
    assert answer.headers["HX-Retarget"] == "#participant_list"
    assert body.startswith('<div id="participant_list">') and "Ana Pop" in body and "1 leader" in body
    assert 'value="Ana Pop"' not in body  # the add form comes back empty for the next person
    bad = client.post(url(event, "/new"), data={"name": "", "delegation": "home"}, headers=htmx_headers)
    assert bad.status_code == 422 and "<html" not in bad.get_data(as_text=True)
    assert 'id="name-error"' in bad.get_data(as_text=True)


def test_a_row_is_changed_in_place_and_the_change_shows(client, login_as, event, member, htmx_headers, db):
    person = listed(db, event, "Ana Pop")
    login_as(member)
    edit = url(event, f"/{person.id}/edit")
    row = client.get(edit, headers=htmx_headers).get_data(as_text=True)
    assert row.startswith(f'<tr id="participant-{person.id}"') and 'name="edit-name"' in row
    bad = client.post(edit, data={"edit-name": "", "edit-delegation": "home",
                                  "edit-role": "leader"}, headers=htmx_headers)
    assert bad.status_code == 422 and bad.get_data(as_text=True).startswith("<tr")
    saved = client.post(edit, data={"edit-name": "Ana Popescu", "edit-delegation": "home",
                                    "edit-role": "leader", "edit-birth_year": "1980"},
                        headers=htmx_headers)
    assert saved.status_code == 200 and "1 leader" in saved.get_data(as_text=True)
    db.session.refresh(person)
    assert (person.name, person.role, person.birth_year) == ("Ana Popescu", ParticipantRole.LEADER, 1980)
    # Without JavaScript: the edit page and a redirect back to the list.
    assert client.get(edit).status_code == 200
    plain = client.post(edit, data={"edit-name": "Ana P.", "edit-delegation": "home",
                                    "edit-role": "participant"})
    assert plain.status_code == 303 and plain.headers["Location"].endswith(url(event) + "#participant_list")


def test_removing_a_person(client, login_as, event, member, htmx_headers, db, make_proposal):
    person, other = listed(db, event, "Ana Pop"), listed(db, event, "Ben Bauer")
    login_as(member)
    answer = client.post(url(event, f"/{person.id}/remove"), headers=htmx_headers)
    assert answer.status_code == 200 and "Ana Pop" not in answer.get_data(as_text=True)
    assert names(db, event) == ["Ben Bauer"]
    # A person of another event is not reached through this one.
    elsewhere = make_proposal(ProposalState.APPROVED, organisation=event.organisation)
    assert client.post(f"/funding/proposals/{elsewhere.id}/participants/{other.id}/remove").status_code == 404
    assert names(db, event) == ["Ben Bauer"]


def test_the_list_page_keeps_its_queries_whatever_the_list(client, login_as, event, staff, lyon, db, page_cache_off):
    login_as(staff)

    def add(n, offset):
        db.session.execute(sa.insert(EventParticipant), [
            {"proposal_id": event.id, "name": f"Person {offset + i}", "partner_city_id": lyon.id if i % 2 else None,
             "role": ParticipantRole.PARTICIPANT, "invited": bool(i % 2), "birth_year": 2010} for i in range(n)])
        ids = db.session.scalars(sa.select(EventParticipant.id)).all()
        db.session.execute(sa.insert(ParticipantAttendance), [{"participant_id": i, "day": date(2031, 6, 12)}
                                                              for i in ids[offset:]])
        db.session.commit()

    def statements():
        with counted_statements(db.engine) as seen:
            page = client.get(url(event))
        assert page.status_code == 200
        return len(seen), page.get_data(as_text=True)

    add(6, 0)
    few, small = statements()
    add(60, 6)
    many, big = statements()
    assert len(big) > len(small)
    assert few == many, f"{few} statements with 6 people, {many} with 66"
    assert many <= 10


# --- CSV import ------------------------------------------------------------------------------------------------------

CSV_GOOD = "name;residence;organisation;birth_year;role;invited\nAna Pop;Cluj;Liceul Bălcescu;2009;participant;\n" \
           "Ion Rusu;Cluj;Liceul Bălcescu;1975;Betreuer;\n"
CSV_BAD = "name;residence;birth_year;role\nAna Pop;Cluj;09;participant\n;Cluj;2010;\nIon Rusu;Cluj;1975;boss\n"


def test_a_csv_file_imports_a_delegation(client, login_as, event, member, lyon, db):
    login_as(member)
    answer = client.post(url(event, "/import"), data={"text": CSV_GOOD, "delegation": str(lyon.id)})
    assert answer.status_code == 303
    people = db.session.scalars(sa.select(EventParticipant).order_by(EventParticipant.name)).all()
    assert [(p.name, p.role, p.invited, p.partner_city_id, p.organisation_name) for p in people] == [
        ("Ana Pop", ParticipantRole.PARTICIPANT, True, lyon.id, "Liceul Bălcescu"),
        ("Ion Rusu", ParticipantRole.LEADER, True, lyon.id, "Liceul Bălcescu")]


def test_a_bad_csv_file_reports_each_row_and_column_and_imports_nothing(client, login_as, event, member, db):
    login_as(member)
    answer = client.post(url(event, "/import"), data={"text": CSV_BAD, "delegation": "home"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Row 2, “birth_year”" in page and "Row 3, “name”" in page and "Row 4, “role”" in page
    assert 'class="import-errors"' in page  # the guest import's report (macros/csv.html)
    assert "Ion Rusu;Cluj;1975;boss" in page  # the text kept, to be corrected
    assert names(db, event) == []
    unknown = client.post(url(event, "/import"), data={"text": "name;shoe_size\nAna;38\n", "delegation": "home"})
    assert unknown.status_code == 422 and "shoe_size" in unknown.get_data(as_text=True)
    empty = client.post(url(event, "/import"), data={"text": "", "delegation": "home"})
    assert empty.status_code == 422 and 'id="text-error"' in empty.get_data(as_text=True)


def test_the_sample_file_downloads_and_imports_as_it_is(client, login_as, event, member, db):
    login_as(member)
    sample = client.get("/funding/participant-list-sample.csv")
    assert sample.status_code == 200 and sample.mimetype == "text/csv"
    answer = client.post(url(event, "/import"), data={"text": sample.get_data(as_text=True), "delegation": "home"})
    assert answer.status_code == 303 and len(names(db, event)) == 3


# --- the event's guests taken over ---------------------------------------------------------------------------------

def test_guests_are_taken_over_once_into_the_partner_delegation(client, login_as, event, member, lyon, make_guest, db):
    born = make_guest(proposal_id=event.id, name="Camille Martin", date_of_birth=date(1981, 3, 2), age=None)
    aged = make_guest(proposal_id=event.id, name="Hugo Bernard", age=16)
    make_guest(proposal_id=event.id, name="Not Chosen")
    login_as(member)
    page = client.get(url(event, "/guests")).get_data(as_text=True)
    assert "Camille Martin" in page and "Not Chosen" in page
    answer = client.post(url(event, "/guests"), data={"guests": [str(born.id), str(aged.id)],
                                                      "delegation": str(lyon.id)})
    assert answer.status_code == 303
    people = db.session.scalars(sa.select(EventParticipant).order_by(EventParticipant.name)).all()
    assert [(p.name, p.birth_year, p.invited, p.partner_city_id, p.guest_id) for p in people] == [
        ("Camille Martin", 1981, True, lyon.id, born.id), ("Hugo Bernard", 2015, True, lyon.id, aged.id)]
    # Not twice: the form no longer offers them, and a second POST adds nobody.
    page = client.get(url(event, "/guests")).get_data(as_text=True)
    assert "Camille Martin" not in page and "2 guests are on the participant list already" in page
    again = client.post(url(event, "/guests"), data={"guests": [str(born.id)], "delegation": str(lyon.id)})
    assert again.status_code == 422
    assert len(names(db, event)) == 2
    nothing = client.post(url(event, "/guests"), data={"delegation": str(lyon.id)})
    assert nothing.status_code == 422 and "Choose at least one guest" in nothing.get_data(as_text=True)


# --- the signature lists ---------------------------------------------------------------------------------------------

def _apply(db, event, terms, *, reference=""):
    scheme = FundingScheme.from_terms(terms)
    db.session.add(scheme)
    db.session.flush()
    application = FundingApplication(proposal_id=event.id, scheme_id=scheme.id, direction=Direction.INCOMING,
                                     state=GrantState.GRANTED, reference=reference)
    db.session.add(application)
    db.session.commit()
    return scheme


def test_a_signature_sheet_per_delegation_with_the_funder_and_a_column_per_day(client, login_as, event, member,
                                                                                 lyon, db):
    for i in range(3):
        listed(db, event, f"Home {i}", residence="Testhausen", organisation_name="Chor am Markt")
    listed(db, event, "Lucie Martin", town=lyon, residence="Lyon", role=ParticipantRole.LEADER, born=1980)
    city = _apply(db, event, CITY_GUIDELINE, reference="SP-2031-17")
    cerv = _apply(db, event, CERV_TOWN_TWINNING_2026, reference="CERV-99")
    login_as(member)
    page = client.get(url(event, f"/signatures?scheme={city.id}")).get_data(as_text=True)
    assert page.count('class="signature-sheet') == 2
    assert "SP-2031-17" in page and CITY_GUIDELINE.funder in page and "Sommerkonzert mit Lyon" in page
    # Three days, a signature column each, on A4 across; the empty rows for people who join on the day.
    assert page.count('<th scope="col" class="col-signature">') == 6 and "sheet-landscape" in page
    assert page.count('class="walk-in"') == 12
    assert "Lucie Martin" in page and "Chor am Markt" in page and "1980" in page
    # CERV: one signed list per invited town, one signature column.
    page = client.get(url(event, f"/signatures?scheme={cerv.id}&delegation={lyon.id}")).get_data(as_text=True)
    assert page.count('class="signature-sheet') == 1 and "CERV-99" in page and "Home 0" not in page
    assert 'col-signature col-signature-one' in page and "sheet-landscape" not in page
    assert client.get(url(event, "/signatures?delegation=12345")).status_code == 404


# --- attendance ----------------------------------------------------------------------------------------------------

def test_attendance_is_saved_in_one_go_and_shown_as_recorded(client, login_as, event, member, db):
    ana, ben = listed(db, event, "Ana Pop"), listed(db, event, "Ben Bauer")
    login_as(member)
    page = client.get(url(event, "/attendance")).get_data(as_text=True)
    assert "Not recorded" in page and page.count('type="checkbox"') == 6
    ticked = [f"{ana.id}:2031-06-12", f"{ana.id}:2031-06-13", f"{ana.id}:2031-06-14", f"{ben.id}:2031-06-13",
              f"{ben.id}:2031-07-01", "nonsense", "999999:2031-06-12"]
    assert client.post(url(event, "/attendance"), data={"present": ticked}).status_code == 303
    days = db.session.execute(sa.select(ParticipantAttendance.participant_id, ParticipantAttendance.day)
                              .order_by(ParticipantAttendance.participant_id, ParticipantAttendance.day)).all()
    assert days == [(ana.id, date(2031, 6, 12)), (ana.id, date(2031, 6, 13)), (ana.id, date(2031, 6, 14)),
                    (ben.id, date(2031, 6, 13))]
    page = client.get(url(event, "/attendance")).get_data(as_text=True)
    assert "Recorded" in page and page.count(" checked") == 4 and "4 participant-days" in page
    client.post(url(event, "/attendance"), data={"everyone": "1"})
    assert db.session.scalar(sa.select(sa.func.count(ParticipantAttendance.id))) == 6
    client.post(url(event, "/attendance"), data={"clear": "1"})
    assert db.session.scalar(sa.select(sa.func.count(ParticipantAttendance.id))) == 0
    assert "Not recorded" in client.get(url(event, "/attendance")).get_data(as_text=True)


def test_the_block_for_the_funding_page_counts_the_list_and_what_the_purge_kept(app, event, db):
    from flask import render_template

    from clubs_exchange.funding.models import ParticipantListSummary

    listed(db, event, "Ana Pop")
    listed(db, event, "Ion Rusu", role=ParticipantRole.LEADER)
    with app.test_request_context():
        html = render_template("funding/participants/_block.html", proposal=event)
    assert "1 participant," in html and "1 leader," in html and url(event) in html
    db.session.execute(sa.delete(EventParticipant))
    db.session.add(ParticipantListSummary(proposal_id=event.id, participants=12, leaders=2, others=1))
    db.session.commit()
    with app.test_request_context():
        html = render_template("funding/participants/_block.html", proposal=event)
    assert "12 participants" in html and "purged" in html and url(event) not in html

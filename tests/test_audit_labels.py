"""The audit trail names every field it records in the reader's language, and who acted when no person did."""

import sqlalchemy as sa
from flask_babel import force_locale

import clubs_exchange.audit.subjects  # noqa: F401  (every audited model registers itself)
from clubs_exchange.audit.display import FIELD_LABELS, field_label, lines
from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.audit.trail import SUBJECTS


def test_every_audited_field_has_a_label_of_its_own():
    """A column added to an audited model is recorded from that day: without a label here the trail would show its
    column name humanised, in English, in every language ("Pet allergy", "Is minor")."""
    unlabelled = sorted(f"{subject.name}.{key}" for subject in SUBJECTS.values()
                        for key in (*subject.fields, *subject.collections) if key not in FIELD_LABELS)
    assert not unlabelled, f"audited fields without a label in audit/display.py FIELD_LABELS: {unlabelled}"


def test_the_trail_shows_a_households_changes_with_labels_and_the_system_by_name(client, login_as, db, staff,
                                                                               make_host):
    make_host(beds=3, smoke_free=True, has_pets=False)  # recorded outside a request: by the system
    login_as(staff)
    page = client.get("/audit/?type=host_household").get_data(as_text=True)
    assert "<dt>Smoke-free home</dt>" in page and "<dt>Pets in the household</dt>" in page
    assert "Smoke free" not in page and "Has pets" not in page
    assert "<td>system</td>" in page


def test_labels_and_the_systems_name_are_translated(app, db, make_host):
    make_host(beds=3, smoke_free=True)
    entries = list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.object_type == "host_household")))
    with app.test_request_context(), force_locale("de"):
        (line,) = lines(entries)
        assert line.actor == "System"
        assert {change.field for change in line.changes} >= {"Rauchfreie Wohnung", "Schlafplätze"}
        assert field_label("pet_allergy") == "Tierhaarallergie"


def test_an_organisations_age_groups_read_as_words_in_its_trail(client, login_as, db, staff, choir):
    choir.age_groups = "youth,adults"
    db.session.commit()
    login_as(staff)
    page = client.get(f"/organisations/{choir.id}").get_data(as_text=True)
    trail = page[page.index('id="audit-trail-heading"'):]
    assert "<ins>Youth (12–17), Adults</ins>" in trail and "youth,adults" not in trail


def test_a_household_without_a_name_reads_by_kind_and_number_in_any_language(app, client, login_as, db, staff,
                                                                            make_host):
    host = make_host(beds=2)
    old = AuditEntry(object_type="host_household", object_id=host.id, object_label=f"Household #{host.id}",
                     action="changed", actor_name="system", changes={"beds": [2, 3]})
    db.session.add(old)  # as entries were written before the trail stopped naming households in English
    db.session.commit()
    login_as(staff)
    page = client.get("/audit/?type=host_household").get_data(as_text=True)
    text = " ".join(page.split())
    assert text.count(f"<td>Host household: #{host.id}</td>") == 2 and "Household #" not in page

"""Relationship levels and their history, milestones (the certificate seals the twinning), the agreement template."""

from datetime import date

import pytest

from clubs_exchange.partners.agreement import current_template, default_template, draft, save_template
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.levels import change_level, level_history
from clubs_exchange.partners.milestones import milestones_of, record_milestone, signed_certificate
from clubs_exchange.partners.models import MilestoneKind, PartnershipState, RelationshipLevel
from clubs_exchange.partners.timeline import timeline


@pytest.fixture
def krems(make_partner):
    return make_partner(name="Krems", country="Austria", relationship_level=RelationshipLevel.CONTACT)


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def test_a_change_of_level_is_recorded_with_who_when_and_why(db, krems, staff):
    change_level(krems, RelationshipLevel.FRIENDSHIP, actor=staff, note="Youth project",
                 friendship_project="Youth orchestra 2031")
    db.session.commit()
    [change] = level_history(krems)
    assert (change.from_level, change.to_level) == (RelationshipLevel.CONTACT, RelationshipLevel.FRIENDSHIP)
    assert change.actor == staff and change.note == "Youth project" and change.at is not None
    assert krems.relationship_level == RelationshipLevel.FRIENDSHIP


def test_the_same_level_records_nothing(db, krems, staff):
    assert change_level(krems, RelationshipLevel.CONTACT, actor=staff) is None
    db.session.commit()
    assert level_history(krems) == []


def test_a_friendship_needs_an_end_date_or_a_project(db, krems, staff, request_context):
    with pytest.raises(PartnerError) as caught:
        change_level(krems, RelationshipLevel.FRIENDSHIP, actor=staff)
    assert caught.value.field == "friendship_until" and "end date or the name of the project" in caught.value.message
    assert krems.relationship_level == RelationshipLevel.CONTACT
    change_level(krems, RelationshipLevel.FRIENDSHIP, actor=staff, friendship_until=date(2032, 12, 31))
    assert krems.friendship_until == date(2032, 12, 31)


def test_signing_the_certificate_makes_a_twinning_and_records_it(db, krems, staff, request_context):
    record_milestone(krems, kind=MilestoneKind.MAYORS_VISIT, happened_on=date(2030, 3, 1), actor=staff,
                     people="Mayor Huber, two council members")
    record_milestone(krems, kind=MilestoneKind.RETURN_VISIT, happened_on=date(2030, 6, 1), actor=staff)
    assert krems.relationship_level == RelationshipLevel.CONTACT
    record_milestone(krems, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=date(2030, 9, 20), actor=staff,
                     place="Krems town hall", signatories="Mayor Huber\nBürgermeister Resch")
    db.session.commit()
    assert krems.relationship_level == RelationshipLevel.TWINNING
    assert krems.state == PartnershipState.ACTIVE
    [change] = level_history(krems)
    assert change.to_level == RelationshipLevel.TWINNING and "Krems town hall" in change.note
    assert signed_certificate(krems).signatory_list == ["Mayor Huber", "Bürgermeister Resch"]
    assert [m.kind for m in milestones_of(krems)] == [
        MilestoneKind.CERTIFICATE_SIGNED, MilestoneKind.RETURN_VISIT, MilestoneKind.MAYORS_VISIT
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": MilestoneKind.CERTIFICATE_SIGNED, "place": "", "signatories": "A\nB"}, "place"),
        ({"kind": MilestoneKind.CERTIFICATE_SIGNED, "place": "Hall", "signatories": "Only one"}, "signatories"),
        ({"kind": MilestoneKind.OTHER, "title": ""}, "title"),
        ({"kind": MilestoneKind.MAYORS_VISIT, "happened_on": None}, "happened_on"),
    ],
)
def test_incomplete_milestones_are_refused_and_change_nothing(db, krems, staff, request_context, fields, field):
    fields = {"happened_on": date(2030, 1, 1), **fields}
    with pytest.raises(PartnerError) as caught:
        record_milestone(krems, actor=staff, **fields)
    assert caught.value.field == field
    assert krems.relationship_level == RelationshipLevel.CONTACT


def test_timeline_puts_milestones_and_level_changes_newest_first(db, krems, staff, request_context):
    record_milestone(krems, kind=MilestoneKind.MAYORS_VISIT, happened_on=date(2020, 3, 1), actor=staff)
    record_milestone(krems, kind=MilestoneKind.CERTIFICATE_SIGNED, happened_on=date(2020, 9, 20), actor=staff,
                     place="Hall", signatories="A\nB")
    db.session.commit()
    entries = timeline(milestones_of(krems), level_history(krems))
    # The level change happened today (when it was recorded), after both milestones.
    assert entries[0].level_change is not None
    assert [e.milestone.kind for e in entries[1:]] == [MilestoneKind.CERTIFICATE_SIGNED, MilestoneKind.MAYORS_VISIT]


def test_agreement_template_refuses_unknown_placeholders(db, staff, request_context):
    assert current_template() == default_template("en")
    with pytest.raises(PartnerError) as caught:
        save_template("Between {home_city} and {partner_town} on {date.year}", actor=staff)
    assert "{partner_town}" in caught.value.message and "{date.year}" in caught.value.message
    assert "{partner_city}" in caught.value.message  # the known ones are listed
    save_template("Between {home_city} and {partner_city}, {date}. {signatories}", actor=staff)
    db.session.commit()
    assert current_template().startswith("Between {home_city}")


def test_draft_fills_the_placeholders_and_leaves_other_braces():
    text = draft("{home_city} & {partner_city} ({partner_country}) {date}\n{signatories} {x} }{",
                 home_city="Home", partner_city="Krems", partner_country="Austria", on="9 May 2030",
                 signatories=["A", "B"])
    assert text == "Home & Krems (Austria) 9 May 2030\nA\nB {x} }{"

"""The partnership page and its documents through HTTP: figures, chart, timeline, contacts' privacy,
milestones, the certificate, the agreement, the picture upload."""

import io
import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from clubs_exchange.hosting.retention import guests_hosted_by_year
from clubs_exchange.partners.figures import figures_by_year
from clubs_exchange.partners.models import (
    LevelChange,
    Milestone,
    MilestoneKind,
    PartnerContact,
    RelationshipLevel,
)
from clubs_exchange.proposals.models import ProposalState

PNG = (  # a real 2 × 2 picture: uploads are opened with Pillow
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9as\x00\x00"
    b"\x00\x16IDATx\x9ccd`h````b`````\x00\x00\x05\xaa\x00\x84\xe4\x10x\xc0\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def krems(db, make_partner):
    partner = make_partner(name="Krems", country="Austria", relationship_level=RelationshipLevel.CONTACT)
    db.session.add(PartnerContact(partner_city=partner, name="Eva Resch", role="Twinning office",
                                  email="eva@krems.example.at", phone="+43 2732 801", language="German"))
    db.session.commit()
    return partner


def text(response) -> str:
    return response.get_data(as_text=True)


def at(year, month=6):
    return datetime(year, month, 12, 16, tzinfo=UTC)


def test_figures_per_year_count_approved_events_participants_and_organisations(
    db, krems, make_proposal, make_org
):
    choir, club = make_org(), make_org()
    first = make_proposal(ProposalState.APPROVED, partner_city=krems, organisation=choir, starts_at=at(2029),
                          participants_ours=10, participants_guests=5)
    first.co_organisers.append(club)
    make_proposal(ProposalState.APPROVED, partner_city=krems, organisation=choir, starts_at=at(2029, 9),
                  participants_ours=1, participants_guests=2)
    make_proposal(ProposalState.APPROVED, partner_city=krems, organisation=club, starts_at=at(2031))
    make_proposal(ProposalState.CANCELLED, partner_city=krems, starts_at=at(2030))
    make_proposal(ProposalState.SUBMITTED, partner_city=krems, starts_at=at(2030))
    make_proposal(ProposalState.APPROVED, starts_at=at(2030))  # another partner's
    db.session.commit()
    figures = figures_by_year(krems.id)
    assert [(f.year, f.events, f.participants_ours, f.participants_guests, f.organisations, f.guests_hosted)
            for f in figures] == [(2029, 2, 11, 7, 2, 0), (2031, 1, 20, 18, 1, 0)]
    assert guests_hosted_by_year(krems.id) == {}


def test_figures_count_the_guests_placed_with_host_families(db, krems, make_proposal, make_guest, make_host):
    from clubs_exchange.hosting.models import Placement
    from clubs_exchange.proposals.models import Direction

    visit = make_proposal(ProposalState.APPROVED, partner_city=krems, starts_at=at(2030),
                          direction=Direction.INCOMING)
    host = make_host(beds=3)
    for _ in range(3):
        db.session.add(Placement(guest_id=make_guest(proposal_id=visit.id).id, household_id=host.id,
                                 proposal_id=visit.id))
    make_guest(proposal_id=visit.id)  # not placed: not hosted
    db.session.commit()
    assert [(f.year, f.guests_hosted) for f in figures_by_year(krems.id)] == [(2030, 3)]
    assert guests_hosted_by_year(krems.id) == {2030: 3}


def test_partnership_page_shows_chart_table_timeline_and_events(
    client, db, login_as, member, staff, krems, make_proposal
):
    make_proposal(ProposalState.APPROVED, partner_city=krems, starts_at=at(2029))
    make_proposal(ProposalState.APPROVED, partner_city=krems, starts_at=at(2030))
    make_proposal(ProposalState.APPROVED, partner_city=krems, starts_at=at(2030, 8))
    db.session.add_all([
        Milestone(partner_city=krems, kind=MilestoneKind.MAYORS_VISIT, happened_on=date(2029, 4, 2),
                  people="Mayor Huber"),
        LevelChange(partner_city=krems, from_level=None, to_level=RelationshipLevel.CONTACT, actor=staff),
    ])
    db.session.commit()
    login_as(member)
    html = text(client.get(f"/partners/{krems.id}"))
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert "2029: 1 event; 2030: 2 events." in svg
    assert svg.count("<rect") == 2
    assert '<th scope="row">2030</th>' in html
    assert "Mayor&#39;s visit" in html and "Mayor Huber" in html
    assert "Recorded as Town contact" in html and "by Otto Office" in html


def test_members_see_contact_people_but_never_their_email_or_phone(client, login_as, member, staff, krems):
    login_as(member)
    html = text(client.get(f"/partners/{krems.id}"))
    assert "Eva Resch" in html and "Twinning office" in html
    assert "eva@krems.example.at" not in html and "+43 2732 801" not in html
    login_as(staff)
    html = text(client.get(f"/partners/{krems.id}"))
    assert "eva@krems.example.at" in html and "+43 2732 801" in html


def test_staff_log_visits_and_sign_the_certificate(client, db, login_as, staff, krems):
    login_as(staff)
    for kind, day in (("mayors_visit", "2030-03-01"), ("return_visit", "2030-06-01")):
        response = client.post(f"/partners/{krems.id}/milestones/new",
                               data={"kind": kind, "happened_on": day, "people": "Mayor"})
        assert response.status_code == 303
    response = client.post(f"/partners/{krems.id}/milestones/new", data={
        "kind": "certificate_signed", "happened_on": "2030-09-20", "place": "Krems",
        "signatories": "Mayor Huber\nBürgermeister Resch",
    })
    assert response.status_code == 303
    db.session.refresh(krems)
    assert krems.relationship_level == RelationshipLevel.TWINNING
    html = text(client.get(f"/partners/{krems.id}"))
    assert "Level changed from Town contact to Twinning" in html
    certificate = text(client.get(f"/partners/{krems.id}/certificate"))
    assert "Testhausen" in certificate and "Krems" in certificate and "Bürgermeister Resch" in certificate
    assert "20 Sept 2030" in certificate or "Sep 20, 2030" in certificate


def test_an_incomplete_certificate_comes_back_with_the_message_and_the_entries(client, db, login_as, staff, krems):
    login_as(staff)
    response = client.post(f"/partners/{krems.id}/milestones/new", data={
        "kind": "certificate_signed", "happened_on": "2030-09-20", "place": "Krems", "signatories": "Only me",
    })
    assert response.status_code == 422
    html = text(response)
    assert "name at least two signatories" in html and "Only me" in html
    db.session.refresh(krems)
    assert krems.relationship_level == RelationshipLevel.CONTACT
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Milestone)) == 0


def test_no_certificate_page_before_signing(client, login_as, member, krems):
    login_as(member)
    assert client.get(f"/partners/{krems.id}/certificate").status_code == 404


def test_friendship_without_end_or_project_is_refused_beside_the_field(client, db, login_as, staff, krems):
    login_as(staff)
    response = client.post(f"/partners/{krems.id}/edit", data={
        "name": "Krems", "country": "Austria", "relationship_level": "friendship", "state": "active",
    })
    assert response.status_code == 422
    assert 'id="friendship_until-error"' in text(response)
    response = client.post(f"/partners/{krems.id}/edit", data={
        "name": "Krems", "country": "Austria", "relationship_level": "friendship", "state": "active",
        "friendship_until": "2032-12-31", "level_note": "Council decision 12/2031", "population": "24000",
        "structure": "mixed", "activities": "football, wine", "website": "https://www.krems.example.at",
    })
    assert response.status_code == 303
    db.session.refresh(krems)
    assert krems.relationship_level == RelationshipLevel.FRIENDSHIP and krems.population == 24_000
    change = db.session.scalar(sa.select(LevelChange))
    assert change.note == "Council decision 12/2031" and change.actor_id == staff.id


def test_agreement_is_drafted_from_the_edited_template(client, login_as, staff, krems):
    login_as(staff)
    response = client.post("/partners/agreement-template", data={"text": "Treaty of {home_city} with {twin}"})
    assert response.status_code == 422 and "Unknown placeholder(s): {twin}" in text(response)
    assert "Treaty of {home_city} with {twin}" in text(response)
    response = client.post("/partners/agreement-template",
                           data={"text": "Treaty of {home_city} with {partner_city} ({partner_country}), {date}"})
    assert response.status_code == 303
    html = text(client.get(f"/partners/{krems.id}/agreement"))
    assert "Treaty of Testhausen with Krems (Austria)" in html
    assert "@media print" not in html  # the print stylesheet lives in app.css


def test_staff_add_and_remove_contacts(client, db, login_as, staff, krems):
    login_as(staff)
    response = client.post(f"/partners/{krems.id}/contacts/new", data={"name": "", "email": "not-an-address"})
    assert response.status_code == 422 and "not-an-address" in text(response)
    response = client.post(f"/partners/{krems.id}/contacts/new",
                           data={"name": "Jan Novak", "role": "Mayor's office", "email": "jan@example.cz"})
    assert response.status_code == 303
    contact = db.session.scalar(sa.select(PartnerContact).where(PartnerContact.name == "Jan Novak"))
    other = db.session.scalar(sa.select(PartnerContact).where(PartnerContact.name == "Eva Resch"))
    assert client.post(f"/partners/{krems.id + 1}/contacts/{contact.id}/remove").status_code == 404
    assert client.post(f"/partners/{krems.id}/contacts/{contact.id}/remove").status_code == 303
    assert [c.name for c in db.session.scalars(sa.select(PartnerContact))] == [other.name]


def test_picture_upload_checks_the_bytes_not_the_name(app, client, db, login_as, staff, member, krems, tmp_path):
    app.instance_path = str(tmp_path)
    app.config["PARTNER_IMAGE_MAX_BYTES"] = 1000
    login_as(staff)

    def upload(data, name):
        return client.post(f"/partners/{krems.id}/image/upload",
                           data={"image": (io.BytesIO(data), name)}, content_type="multipart/form-data")

    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload(svg, "arms.png")
    assert response.status_code == 422 and "Only PNG, JPEG, GIF or WebP" in text(response)
    response = upload(PNG + b"\x00" * 1000, "arms.png")
    assert response.status_code == 422 and "larger than 1 kB" in text(response)
    assert upload(PNG, "arms.svg").status_code == 303
    db.session.refresh(krems)
    assert krems.image_type == "image/png" and krems.image_filename.endswith(".png")
    assert list(tmp_path.joinpath("partner_images").iterdir())[0].read_bytes() == PNG
    login_as(member)
    response = client.get(f"/partners/{krems.id}/image")
    assert response.status_code == 200 and response.data == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()  # send_file streams from the open file
    client.post("/logout")
    assert client.get(f"/partners/{krems.id}/image").status_code == 302

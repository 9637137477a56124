"""Defects of the partnership pages found by a new user (issue 10): guests hosted, the dates of the level
history, the printed certificate, each partnership's health in the list."""

from clubs_exchange.hosting.guests import erase_guest
from clubs_exchange.hosting.models import Guest, Placement
from clubs_exchange.partners.figures import figures_by_year


def test_erased_guests_who_were_never_placed_are_not_counted_as_hosted(world, make_guest, make_host, db):
    users, ids = world
    host = make_host()
    placed, unplaced = make_guest(proposal_id=ids["event_a"]), make_guest(proposal_id=ids["event_a"])
    db.session.add(Placement(proposal_id=ids["event_a"], guest_id=placed.id, household_id=host.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    erase_guest(db.session.get(Guest, unplaced.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    erase_guest(db.session.get(Guest, placed.id))
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]


def test_erased_and_purged_guests_count_only_where_they_were_hosted_in_an_event_that_happened(
        client, login_as, world, make_guest, make_host, make_proposal, db):
    from datetime import UTC, datetime

    from clubs_exchange.hosting.retention import purge_guest_data
    from clubs_exchange.proposals.models import Proposal, ProposalState

    users, ids = world
    host = make_host()
    event = db.session.get(Proposal, ids["event_a"])
    guests = [make_guest(proposal_id=event.id) for _ in range(4)]
    db.session.add(Placement(proposal_id=event.id, guest_id=guests[0].id, household_id=host.id))
    db.session.commit()
    login_as(users["staff"])
    assert client.post(f"/hosting/guests/{guests[1].id}/erase").status_code == 303
    purge_guest_data(datetime(2040, 1, 1, tzinfo=UTC), 1)
    db.session.commit()
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [1]
    # An event cancelled after its guests were erased did not happen: its hosted guests leave the figures.
    event.state = ProposalState.CANCELLED
    db.session.commit()
    assert figures_by_year(ids["partner"]) == []
    other = make_proposal(ProposalState.APPROVED, partner_city_id=ids["partner"])
    assert [f.guests_hosted for f in figures_by_year(ids["partner"])] == [0] and other


def timeline_text(client, partner_id) -> str:
    import re

    html = client.get(f"/partners/{partner_id}").get_data(as_text=True)
    timeline = html[html.index('class="timeline"'):html.index("</ol>", html.index('class="timeline"'))]
    return " ".join(re.sub(r"<[^>]+>", " ", timeline).split())


def test_signing_the_certificate_dates_the_change_to_twinning_on_the_signing_day(
        client, login_as, world, make_partner, db):
    from datetime import UTC, datetime

    from clubs_exchange.clock import frozen
    from clubs_exchange.partners.models import LevelChange, RelationshipLevel

    users, _ids = world
    partner = make_partner(name="Lucca", relationship_level=RelationshipLevel.CONTACT)
    login_as(users["staff"])
    with frozen(datetime(2030, 12, 1, 10, 0, tzinfo=UTC)):
        response = client.post(f"/partners/{partner.id}/milestones/new", data={
            "kind": "certificate_signed", "happened_on": "2030-05-09", "place": "Town hall",
            "signatories": "Mayor A\nSindaco B"})
    assert response.status_code == 303
    change = db.session.query(LevelChange).filter_by(partner_city_id=partner.id).one()
    assert change.changed_on.isoformat() == "2030-05-09"
    text = timeline_text(client, partner.id)
    assert "Dec" not in text and "December" not in text
    assert text.count("9 May 2030") == 3  # the signing, the change of level and its note


def test_a_change_of_level_takes_the_date_given_and_the_history_is_in_that_order(
        client, login_as, world, make_partner, db):
    from datetime import UTC, datetime

    from clubs_exchange.clock import frozen
    from clubs_exchange.partners.models import RelationshipLevel

    users, _ids = world
    partner = make_partner(name="Pisa", country="Italy", relationship_level=RelationshipLevel.CONTACT)
    login_as(users["staff"])
    form = {"name": "Pisa", "country": "Italy", "state": "active", "languages": "Italian"}
    with frozen(datetime(2030, 12, 1, 10, 0, tzinfo=UTC)):
        page = client.get(f"/partners/{partner.id}/edit").get_data(as_text=True)
        assert 'value="2030-12-01"' in page  # the date of a change of level starts at today
        # Typed in today in the wrong order: the twinning of 2029 first, the friendship of 2027 after it.
        assert client.post(f"/partners/{partner.id}/edit", data={
            **form, "relationship_level": "twinning", "level_changed_on": "2029-06-01"}).status_code == 303
        assert client.post(f"/partners/{partner.id}/edit", data={
            **form, "relationship_level": "friendship", "friendship_project": "Leaning towers",
            "level_changed_on": "2027-03-15", "level_note": "the friendship came first"}).status_code == 303
        refused = client.post(f"/partners/{partner.id}/edit", data={
            **form, "relationship_level": "contact", "level_changed_on": "2031-01-01"})
    assert refused.status_code == 422
    assert "A change of level cannot be dated in the future." in refused.get_data(as_text=True)
    text = timeline_text(client, partner.id)
    assert text.index("15 Mar 2027") > text.index("1 Jun 2029")  # newest first
    assert "1 Dec 2030" not in text


PNG = (  # a real 2 × 2 picture: uploads are opened with Pillow
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00\x00\x00\xfd\xd4\x9as\x00\x00"
    b"\x00\x16IDATx\x9ccd`h````b`````\x00\x00\x05\xaa\x00\x84\xe4\x10x\xc0\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_the_certificate_reads_place_and_date_and_shows_both_coats_of_arms_once_uploaded(
        client, login_as, world, app, tmp_path):
    import io

    app.instance_path = str(tmp_path)
    users, ids = world
    login_as(users["staff"])
    page = client.get(f"/partners/{ids['partner']}/certificate").get_data(as_text=True)
    assert "Signed in Town hall" not in page and "Town hall, 9 May 2030" in page
    assert "<img" not in page.split('<article')[1].split("</article>")[0]

    upload = client.post(f"/partners/{ids['partner']}/image/upload",
                         data={"image": (io.BytesIO(PNG), "arms.png")}, content_type="multipart/form-data")
    assert upload.status_code == 303
    assert client.get("/partners/city-image/upload").status_code == 200
    upload = client.post("/partners/city-image/upload", data={"image": (io.BytesIO(PNG), "ours.png")},
                         content_type="multipart/form-data")
    assert upload.status_code == 303
    page = client.get(f"/partners/{ids['partner']}/certificate").get_data(as_text=True)
    certificate = page.split('<article')[1].split("</article>")[0]
    assert f'src="/partners/{ids["partner"]}/image"' in certificate and 'src="/partners/city-image"' in certificate
    assert 'alt="Coat of arms of Testhausen"' in certificate
    image = client.get("/partners/city-image")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data == PNG
    image.close()

    # Only staff upload it; everyone logged in sees it; a file that is no picture is refused at the field.
    login_as(users["member_a"])
    assert client.get("/partners/city-image/upload").status_code == 403
    image = client.get("/partners/city-image")
    assert image.status_code == 200
    image.close()
    login_as(users["staff"])
    bad = client.post("/partners/city-image/upload", data={"image": (io.BytesIO(b"<svg/>"), "x.svg")},
                      content_type="multipart/form-data")
    assert bad.status_code == 422 and "Only PNG, JPEG, GIF or WebP" in bad.get_data(as_text=True)


def test_the_city_image_is_404_before_an_upload(client, login_as, world, app, tmp_path):
    app.instance_path = str(tmp_path)
    users, _ids = world
    login_as(users["member_a"])
    assert client.get("/partners/city-image").status_code == 404


def partner_row(html: str, name: str) -> str:
    import re

    start = html.index(f">{name}</a>")
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:html.index("</tr>", start)]).split())


def test_the_partner_list_shows_each_partnerships_health(client, login_as, world, make_partner, make_proposal, db):
    from datetime import UTC, date, datetime

    from clubs_exchange.clock import frozen
    from clubs_exchange.partners.models import LevelChange, Milestone, MilestoneKind, RelationshipLevel
    from clubs_exchange.proposals.models import ProposalState

    users, _ids = world
    lively = make_partner(name="Lebhaft")
    for year, n in ((2028, 2), (2029, 0), (2030, 3)):
        for i in range(n):
            make_proposal(ProposalState.APPROVED, partner_city=lively,
                          starts_at=datetime(year, (3, 4, 9)[i], 10, 14, tzinfo=UTC))
    make_proposal(ProposalState.CANCELLED, partner_city=lively, starts_at=datetime(2030, 9, 1, tzinfo=UTC))
    dormant = make_partner(name="Verschlafen")
    db.session.add_all([
        LevelChange(partner_city=dormant, to_level=RelationshipLevel.TWINNING, changed_on=date(1990, 5, 1)),
        Milestone(partner_city=dormant, kind=MilestoneKind.MAYORS_VISIT, happened_on=date(2027, 6, 2)),
    ])
    make_proposal(ProposalState.APPROVED, partner_city=dormant, starts_at=datetime(2026, 4, 1, 10, tzinfo=UTC))
    newcomer = make_partner(name="Neuling", relationship_level=RelationshipLevel.CONTACT)
    db.session.add(LevelChange(partner_city=newcomer, to_level=RelationshipLevel.CONTACT, changed_on=date(2030, 1, 5)))
    db.session.commit()
    login_as(users["member_a"])
    with frozen(datetime(2030, 6, 1, 10, tzinfo=UTC)):
        html = client.get("/partners/").get_data(as_text=True)
    row = partner_row(html, "Lebhaft")
    assert "10 Apr 2030 (event)" in row  # the last that took place; the one planned for later this year counts
    assert "2028: 2 · 2029: 0 · 2030: 3" in row and "Nothing for two years" not in row
    row = partner_row(html, "Verschlafen")
    assert "2 Jun 2027 (milestone)" in row and "2028: 0 · 2029: 0 · 2030: 0" in row
    assert "Nothing for two years" in row
    row = partner_row(html, "Neuling")  # known for five months: quiet, not dormant
    assert "5 Jan 2030 (milestone)" in row and "Nothing for two years" not in row
    # The world's partner signed its certificate on 9 May 2030: alive.
    with frozen(datetime(2030, 6, 1, 10, tzinfo=UTC)):
        assert "Nothing for two years" not in partner_row(client.get("/partners/").get_data(as_text=True),
                                                          db.session.get(type(lively), _ids["partner"]).name)


def test_the_demo_shows_a_healthy_and_a_dormant_partnership(app, db, client, login_as):
    import sqlalchemy as sa

    from clubs_exchange.auth.models import User

    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    login_as(db.session.scalar(sa.select(User).where(User.email == "staff@example.org")))
    html = client.get("/partners/").get_data(as_text=True)
    assert "Nothing for two years" in partner_row(html, "Sopron")
    annecy = partner_row(html, "Annecy")
    assert "(event)" in annecy and "Nothing for two years" not in annecy

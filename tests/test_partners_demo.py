"""The demo data holds the partnerships: candidates with ties, contacts, milestones, signed certificates."""


import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.auth.models import User
from clubs_exchange.candidates.models import Candidate, Tie
from clubs_exchange.partners.demo import seed_partnerships
from clubs_exchange.partners.models import (
    LevelChange,
    Milestone,
    MilestoneKind,
    PartnerCity,
    PartnerContact,
    RelationshipLevel,
)


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_demo_partnerships_are_complete_and_seeded_once(app, db, client, login_as):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    assert count(db, Candidate) >= 3 and count(db, Tie) >= 3
    assert count(db, PartnerContact) >= 6 and count(db, LevelChange) >= 6
    signed = db.session.scalars(sa.select(Milestone).where(Milestone.kind == MilestoneKind.CERTIFICATE_SIGNED)).all()
    assert signed and all(len(m.signatory_list) == 2 for m in signed)
    # A friendship is always time-limited or bound to a project.
    for partner in db.session.scalars(sa.select(PartnerCity)):
        if partner.relationship_level == RelationshipLevel.FRIENDSHIP:
            assert partner.friendship_until or partner.friendship_project, partner.name
    before = [count(db, model) for model in (Candidate, Tie, Milestone, LevelChange, PartnerContact)]
    seed_partnerships(clock.today())
    db.session.commit()
    assert [count(db, model) for model in (Candidate, Tie, Milestone, LevelChange, PartnerContact)] == before

    login_as(db.session.scalar(sa.select(User).where(User.email == "staff@example.org")))
    annecy = db.session.scalar(sa.select(PartnerCity).where(PartnerCity.name == "Annecy"))
    html = client.get(f"/partners/{annecy.id}").get_data(as_text=True)
    assert html.count("<rect") >= 4 and "Twinning certificate signed" in html
    assert client.get(f"/partners/{annecy.id}/certificate").status_code == 200
    krems = db.session.scalar(sa.select(Candidate).where(Candidate.name == "Krems an der Donau"))
    assert "2 known ties" in client.get(f"/candidates/{krems.id}").get_data(as_text=True)

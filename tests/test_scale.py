"""The scale data set (`flask seed-scale`): the sizes the factor asks for, every state, a history per proposal."""

from datetime import date

import sqlalchemy as sa

from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import Proposal, ProposalAction, ProposalState, ProposalStep
from clubs_exchange.scale import SCALE_PASSWORD, STAFF_EMAIL, ScaleData, ScaleSizes


def count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_seed_scale_fills_every_table_at_a_small_factor(app, db):
    result = app.test_cli_runner().invoke(args=["seed-scale", "--factor", "0.01", "--anchor", "2026-11"])
    assert result.exit_code == 0, result.output
    assert count(db, Organisation) == 20
    assert count(db, User) == 100
    assert count(db, Proposal) == 1_000
    states = dict(db.session.execute(sa.select(Proposal.state, sa.func.count()).group_by(Proposal.state)).all())
    assert set(states) == set(ProposalState)
    assert states[ProposalState.APPROVED] == 400
    # Every proposal's history starts with its creation and ends in the state it is in.
    creates = db.session.scalar(
        sa.select(sa.func.count()).select_from(ProposalStep).where(ProposalStep.action == ProposalAction.CREATE)
    )
    assert creates == 1_000
    last_step = sa.select(ProposalStep.to_state).where(ProposalStep.proposal_id == Proposal.id)
    mismatched = db.session.scalar(
        sa.select(sa.func.count()).select_from(Proposal).where(
            Proposal.state != last_step.order_by(ProposalStep.id.desc()).limit(1).scalar_subquery()
        )
    )
    assert mismatched == 0
    staff = db.session.scalar(sa.select(User).where(User.email == STAFF_EMAIL))
    assert staff.role == UserRole.STAFF and staff.check_password(SCALE_PASSWORD)


def test_the_seeded_conflicts_and_counts_are_those_the_rules_give(app, db):
    """On PostgreSQL the seeding finds the conflict pairs in bulk with its trigger off (scale.py); on SQLite the
    triggers keep them: either way they are the pairs conflicts_for() computes, and the counts are per state."""
    from clubs_exchange.review.conflicts import conflicts_for
    from clubs_exchange.review.models import ProposalConflict, ProposalCount

    result = app.test_cli_runner().invoke(args=["seed-scale", "--factor", "0.01", "--anchor", "2026-11"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    stored = set(db.session.execute(sa.select(ProposalConflict.proposal_id, ProposalConflict.other_id)).all())
    waiting = db.session.scalars(
        sa.select(Proposal).where(Proposal.state.in_([ProposalState.SUBMITTED, ProposalState.APPROVED]))
    )
    assert stored and stored == {(p.id, c.other.id) for p in waiting for c in conflicts_for(p)}
    kept = dict(db.session.execute(
        sa.select(ProposalCount.state, sa.func.sum(ProposalCount.n)).group_by(ProposalCount.state)).all())
    assert kept == dict(db.session.execute(
        sa.select(Proposal.state, sa.func.count()).group_by(Proposal.state)).all())
    # The trigger is on again: a proposal submitted now has its pairs.
    event = db.session.scalars(sa.select(Proposal).where(Proposal.state == ProposalState.APPROVED).limit(1)).one()
    copy = Proposal(**{c.key: getattr(event, c.key) for c in Proposal.__table__.columns if c.key != "id"})
    copy.state = ProposalState.SUBMITTED
    db.session.add(copy)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).where(ProposalConflict.proposal_id == copy.id)) >= 1


def test_seed_scale_refuses_a_database_with_data(app, make_org):
    make_org()
    result = app.test_cli_runner().invoke(args=["seed-scale", "--factor", "0.01"])
    assert result.exit_code != 0
    assert "empty" in result.output


def test_the_data_set_is_the_same_every_time():
    sizes = ScaleSizes.for_factor(0.005)

    def titles():
        data = ScaleData(sizes, anchor=date(2026, 11, 1))
        list(data.organisations())
        list(data.users("hash"))
        list(data.memberships())
        proposals, steps, _ = data.proposals()
        return [(p["title"], p["starts_at"], p["state"]) for p in proposals], len(steps)

    assert titles() == titles()


def test_full_size_numbers():
    sizes = ScaleSizes.for_factor(1.0)
    assert (sizes.organisations, sizes.partners, sizes.users, sizes.proposals) == (2_000, 60, 10_000, 100_000)
    assert sizes.state_counts()[ProposalState.APPROVED] == 40_000
    assert sum(sizes.state_counts().values()) == 100_000

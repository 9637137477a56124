"""flask commands: create-admin and the idempotent demo data."""

import sqlalchemy as sa

from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.proposals.models import Proposal, ProposalState


def test_create_admin(app, db):
    result = app.test_cli_runner().invoke(
        args=["create-admin", "--email", "Boss@Example.org", "--name", "Boss", "--password", "long enough words"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "boss@example.org"))
    assert user.role == UserRole.ADMIN and user.check_password("long enough words")
    assert user.email_verified_at is not None  # the operator vouches for the address: the account logs in


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "--email", "b@example.org", "--name", "B",
                                                "--password", "short"])
    assert result.exit_code != 0
    assert "At least 12 characters" in result.output


def test_seed_demo_is_idempotent_and_covers_every_state(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "staff@example.org" in first.output
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Proposal))
    second = runner.invoke(args=["seed-demo"])
    assert "there already" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == count
    states = set(db.session.scalars(sa.select(Proposal.state).distinct()))
    assert states == set(ProposalState)

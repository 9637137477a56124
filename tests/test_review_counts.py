"""The counts per state the database keeps (proposal_counts, kept by triggers) equal a grouped count over the
proposals after every kind of change: insert, each workflow step, an edit of partner city or kind, a bulk
insert, deleting a proposal, deleting its organisation (ON DELETE CASCADE)."""

import sqlalchemy as sa

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import EventKind, Proposal, ProposalAction, ProposalState
from clubs_exchange.proposals.workflow import perform
from clubs_exchange.review.models import ProposalCount

S = ProposalState


def kept(db) -> dict:
    rows = db.session.execute(sa.select(ProposalCount.state, ProposalCount.partner_city_id, ProposalCount.kind,
                                        ProposalCount.n))
    return {(s, p, k): n for s, p, k, n in rows if n}


def counted(db) -> dict:
    query = sa.select(Proposal.state, Proposal.partner_city_id, Proposal.kind, sa.func.count()).group_by(
        Proposal.state, Proposal.partner_city_id, Proposal.kind)
    return {(s, p, k): n for s, p, k, n in db.session.execute(query)}


def check(db):
    db.session.commit()
    assert kept(db) == counted(db)


def test_the_kept_counts_follow_every_change(db, make_proposal, make_partner, make_org, make_user):
    staff = make_user(role=UserRole.STAFF)
    proposer = make_user()
    draft = make_proposal(S.DRAFT)
    submitted = make_proposal(S.SUBMITTED)
    make_proposal(S.SUBMITTED, partner_city=submitted.partner_city)
    approved = make_proposal(S.APPROVED)
    check(db)
    assert kept(db)

    perform(draft, ProposalAction.SUBMIT, actor=proposer, is_proposer=True, is_staff=False)
    check(db)
    perform(submitted, ProposalAction.APPROVE, actor=staff, is_proposer=False, is_staff=True)
    check(db)
    perform(approved, ProposalAction.CANCEL, actor=staff, is_proposer=False, is_staff=True, comment="Rain")
    check(db)
    perform(draft, ProposalAction.REQUEST_CHANGES, actor=staff, is_proposer=False, is_staff=True,
            comment="More")
    check(db)

    # An edit of the partner city and the kind moves the proposal between keys; a title alone changes nothing.
    draft.partner_city = make_partner()
    draft.kind = EventKind.FESTIVAL
    check(db)
    before = kept(db)
    draft.title = "Another title"
    check(db)
    assert kept(db) == before

    # Several rows in one statement (the scale data set's bulk insert).
    org, partner = make_org(), make_partner()
    db.session.execute(sa.insert(Proposal), [
        {"title": f"Bulk {i}", "kind": EventKind.MATCH, "partner_city_id": partner.id, "organisation_id": org.id,
         "direction": submitted.direction, "starts_at": submitted.starts_at, "ends_at": submitted.ends_at,
         "state": S.SUBMITTED if i % 2 else S.APPROVED}
        for i in range(5)
    ])
    check(db)
    db.session.execute(sa.update(Proposal).where(Proposal.organisation_id == org.id).values(state=S.REJECTED))
    check(db)

    db.session.delete(submitted)
    check(db)
    # Deleting the organisation deletes its proposals in the database (ON DELETE CASCADE, where foreign keys
    # are enforced: PostgreSQL), past the ORM.
    db.session.execute(sa.delete(type(org)).where(type(org).id == org.id))
    check(db)
    if db.engine.dialect.name == "postgresql":
        assert not any(p == partner.id for _, p, _ in kept(db))


def test_the_queue_counts_come_from_the_kept_counts(client, login_as, make_user, make_proposal, db):
    login_as(make_user(role=UserRole.STAFF))
    make_proposal(S.SUBMITTED)
    make_proposal(S.REJECTED)
    db.session.execute(sa.update(ProposalCount).where(ProposalCount.state == S.REJECTED).values(n=41))
    db.session.commit()
    assert "Rejected (41)" in client.get("/review/").get_data(as_text=True)

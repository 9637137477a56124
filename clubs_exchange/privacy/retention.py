"""How long accounts are kept that nobody uses: registrations never confirmed, and disabled accounts.

Both are `flask purge` purposes (retention.py), registered with the privacy blueprint; the periods are the
settings UNCONFIRMED_ACCOUNT_DAYS and DISABLED_ACCOUNT_RETENTION_MONTHS. Nothing is counted for figures: no
figure of the app counts accounts.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from clubs_exchange.auth.models import Invitation, Membership, User
from clubs_exchange.extensions import db
from clubs_exchange.hosting.models import HostHousehold
from clubs_exchange.hosting.retention import months_before
from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.organisations.models import Organisation, OrganisationStatus
from clubs_exchange.privacy.erasure import erase_account
from clubs_exchange.proposals.models import Proposal, proposal_co_organisers


def _unused(organisation_id: int) -> bool:
    """An organisation that nobody took up: awaiting verification, without members, proposals, interests,
    households or open invitations."""
    def exists(query) -> bool:
        return db.session.scalar(sa.select(query.exists())) or False

    return not any((
        exists(sa.select(Membership.id).where(Membership.organisation_id == organisation_id)),
        exists(sa.select(Proposal.id).where(Proposal.organisation_id == organisation_id)),
        exists(sa.select(proposal_co_organisers.c.organisation_id)
               .where(proposal_co_organisers.c.organisation_id == organisation_id)),
        exists(sa.select(ExchangeInterest.id).where(ExchangeInterest.organisation_id == organisation_id)),
        exists(sa.select(HostHousehold.id).where(HostHousehold.proposed_by_id == organisation_id)),
        exists(sa.select(Invitation.id).where(Invitation.organisation_id == organisation_id)),
    ))


def purge_unconfirmed(now: datetime, days: int) -> tuple[int, int]:
    """Delete self-registered accounts whose address was never confirmed within `days`, and the organisation
    each registered if nobody else took it up. Returns (accounts, organisations)."""
    cutoff = now - timedelta(days=days)
    users = list(db.session.scalars(
        sa.select(User).where(User.email_verified_at.is_(None), User.erased_at.is_(None), User.created_at < cutoff)
        .order_by(User.id)
    ))
    organisations = 0
    for user in users:
        registered = [m.organisation_id for m in user.memberships]
        erase_account(user, now=now)  # scrubs the name and address from the registration's trail and mails
        db.session.delete(user)
        db.session.flush()
        for organisation_id in registered:
            organisation = db.session.get(Organisation, organisation_id)
            if organisation is not None and organisation.status == OrganisationStatus.PENDING and _unused(
                    organisation_id):
                db.session.delete(organisation)
                organisations += 1
        db.session.flush()
    return len(users), organisations


def purge_disabled(now: datetime, months: int) -> int:
    """Anonymise accounts disabled more than `months` ago (as an erasure on request would)."""
    cutoff = months_before(now, months)
    users = list(db.session.scalars(
        sa.select(User).where(User.active.is_(False), User.erased_at.is_(None), User.disabled_at < cutoff)
        .order_by(User.id)
    ))
    for user in users:
        erase_account(user, now=now)
    return len(users)


def purge_unconfirmed_for_retention(now: datetime) -> str:
    accounts, organisations = purge_unconfirmed(now, current_app.config["UNCONFIRMED_ACCOUNT_DAYS"])
    return f"{accounts} accounts, {organisations} organisations"


def purge_disabled_for_retention(now: datetime) -> str:
    return f"{purge_disabled(now, current_app.config['DISABLED_ACCOUNT_RETENTION_MONTHS'])} accounts anonymised"

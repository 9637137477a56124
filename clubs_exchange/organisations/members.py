"""An organisation's members: who they are, inviting a new one, and removing one."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange.auth.invitations import create_invitation, find_user_by_email
from clubs_exchange.auth.models import Invitation, MemberFunction, Membership, User, UserRole
from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.organisations.models import Organisation


class MembershipError(DomainError):
    """An invitation or removal that is refused; `field` names the form field the message belongs to."""


def memberships_of(organisation: Organisation) -> list[Membership]:
    return list(
        db.session.scalars(
            sa.select(Membership)
            .join(Membership.user)
            .options(joinedload(Membership.user))
            .where(Membership.organisation_id == organisation.id)
            .order_by(sa.func.lower(User.name), Membership.id)
        )
    )


def open_invitations_of(organisation: Organisation, *, now: datetime | None = None) -> list[Invitation]:
    """Invitations to this organisation that were neither used nor have run out."""
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.organisation_id == organisation.id,
                Invitation.accepted_at.is_(None),
                Invitation.expires_at >= (now or utcnow()),
            )
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
    )


def invite_member(
    organisation: Organisation,
    *,
    email: str,
    name: str = "",
    function: MemberFunction = MemberFunction.MEMBER,
    invited_by: User,
    days: int = 14,
) -> tuple[Invitation, str]:
    """An invitation to join as a member; returns it and its one-time token."""
    existing = find_user_by_email(email)
    if existing is not None and organisation.id in existing.organisation_ids:
        raise MembershipError(_("This person is a member of %(name)s already.", name=organisation.name), "email")
    return create_invitation(
        email=email,
        name=name or "",
        role=UserRole.MEMBER,
        organisation=organisation,
        function=function,
        invited_by=invited_by,
        days=days,
    )


def _other_secretaries(organisation: Organisation, membership: Membership) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Membership)
        .where(
            Membership.organisation_id == organisation.id,
            Membership.id != membership.id,
            Membership.function == MemberFunction.SECRETARY,
        )
    )


def _keep_a_secretary(organisation: Organisation, membership: Membership, field: str | None = None) -> None:
    """Someone has to look after the organisation: its last secretary stays one."""
    if membership.function == MemberFunction.SECRETARY and not _other_secretaries(organisation, membership):
        raise MembershipError(
            _(
                "%(person)s is the last secretary of %(name)s. Make another member secretary first.",
                person=membership.user.name,
                name=organisation.name,
            ),
            field,
        )


def change_function(organisation: Organisation, membership: Membership, function: MemberFunction) -> None:
    if membership.organisation_id != organisation.id:
        raise MembershipError(_("This person is not a member of %(name)s.", name=organisation.name))
    if function != MemberFunction.SECRETARY:
        _keep_a_secretary(organisation, membership, "function")
    membership.function = function


def remove_member(organisation: Organisation, membership: Membership) -> None:
    """Take a person out of the organisation; someone has to stay to look after it, and a secretary with them."""
    if membership.organisation_id != organisation.id:
        raise MembershipError(_("This person is not a member of %(name)s.", name=organisation.name))
    others = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Membership)
        .where(Membership.organisation_id == organisation.id, Membership.id != membership.id)
    )
    if not others:
        raise MembershipError(
            _(
                "%(person)s is the last member of %(name)s and cannot be removed. Invite someone else first.",
                person=membership.user.name,
                name=organisation.name,
            )
        )
    _keep_a_secretary(organisation, membership)
    db.session.delete(membership)

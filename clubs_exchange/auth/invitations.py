"""Invitations: a one-time link that lets a person set up their account."""

from datetime import timedelta

import sqlalchemy as sa

from clubs_exchange.auth.models import Invitation, MemberFunction, Membership, User, UserRole, hash_token, new_token
from clubs_exchange.auth.passwords import check_new_password
from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db


class InvitationError(DomainError):
    """An invitation that cannot be made or accepted."""


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_invitation(
    *,
    email: str,
    name: str = "",
    role: UserRole = UserRole.MEMBER,
    organisation=None,
    function: MemberFunction = MemberFunction.MEMBER,
    invited_by: User | None,
    days: int = 14,
) -> tuple[Invitation, str]:
    """Returns the invitation and its token; only the token's hash is kept, so the link is shown once."""
    token = new_token()
    invitation = Invitation(
        token_hash=hash_token(token),
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        organisation=organisation,
        function=function,
        invited_by=invited_by,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invitation)
    return invitation, token


def find_open_invitation(token: str) -> Invitation | None:
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == hash_token(token or "")))
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at < utcnow():
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, name: str, password: str) -> User:
    """Create the account (or add the membership to an existing one) and use up the link."""
    user = find_user_by_email(invitation.email)
    if user is None:
        check_new_password(password, email=invitation.email, names=(name, invitation.name))
        user = User(email=invitation.email, name=name.strip(), role=invitation.role)
        user.set_password(password)
        db.session.add(user)
    elif invitation.role != UserRole.MEMBER and user.role == UserRole.MEMBER:
        user.role = invitation.role
        user.end_sessions()
    # The invitation came to this address: it proves the address as the confirmation link does.
    user.mark_email_verified()
    if invitation.organisation is not None and invitation.organisation_id not in user.organisation_ids:
        user.memberships.append(Membership(organisation=invitation.organisation, function=invitation.function))
    invitation.accepted_at = utcnow()
    return user

"""People who log in: users, their memberships in organisations, and invitations."""

import hashlib
import secrets
from datetime import datetime
from functools import cache

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from clubs_exchange.clock import utcnow
from clubs_exchange.db import LabelledEnum
from clubs_exchange.extensions import db


class UserRole(LabelledEnum):
    MEMBER = "member"
    STAFF = "staff"
    ADMIN = "admin"

    @classmethod
    def labels(cls):
        return {cls.MEMBER: _l("Organisation member"), cls.STAFF: _l("City staff"), cls.ADMIN: _l("Administrator")}


class MemberFunction(LabelledEnum):
    SECRETARY = "secretary"
    TEACHER = "teacher"
    MEMBER = "member"

    @classmethod
    def labels(cls):
        return {cls.SECRETARY: _l("Secretary"), cls.TEACHER: _l("Teacher"), cls.MEMBER: _l("Member")}


@cache
def _stand_in_hash() -> str:
    """A hash of a password nobody knows, made as werkzeug makes every user's (once per process)."""
    return generate_password_hash(secrets.token_urlsafe(24))


def hash_for_nobody(password: str) -> None:
    """The work of checking a password, where there is no account to check it against: a refusal for an unknown
    address takes as long as one for a known address, so the time of the answer tells nobody who has an account."""
    check_password_hash(_stand_in_hash(), password or "")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[UserRole] = mapped_column(default=UserRole.MEMBER)
    active: Mapped[bool] = mapped_column(default=True)
    # A calendar program subscribes with this token in the URL instead of a login cookie.
    calendar_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    # Signed into every "Forgot your password?" link and replaced by each new one: a new link ends the older ones.
    password_reset_key: Mapped[str] = mapped_column(sa.String(32), default="")
    # When the person proved the address (email_verification.py); None: a self-registered account that may not
    # log in yet. Invitations, create-admin and the demo data set it: an invitation link proves the address too.
    email_verified_at: Mapped[datetime | None]
    # Signed into every confirmation link and replaced by each new one: a new link ends the older ones.
    email_verification_key: Mapped[str] = mapped_column(sa.String(32), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Part of the id in the session and the remember-me cookie (get_id): moving it on ends every session.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # The language chosen on the account page or in the header (languages.py); None: as the browser says.
    language: Mapped[str | None] = mapped_column(sa.String(8))
    # When an administrator disabled the account: `flask purge` anonymises it DISABLED_ACCOUNT_RETENTION_MONTHS
    # later (privacy/retention.py). None while it is active.
    disabled_at: Mapped[datetime | None]
    # When the account was anonymised (privacy/erasure.py): its name is "former member #<id>" since.
    erased_at: Mapped[datetime | None]

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    def end_sessions(self) -> None:
        """Every session and remember-me cookie of this person stops working with their next request."""
        self.session_generation = (self.session_generation or 0) + 1

    def set_password(self, password: str) -> None:
        """A new password ends the sessions begun with the old one (the route renews the one in use)."""
        self.password_hash = generate_password_hash(password)
        if self.id is not None:
            self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def set_active(self, active: bool) -> None:
        """Enable or disable the account; a disabled one remembers since when (for the retention of accounts)."""
        if active != self.active:
            self.disabled_at = None if active else utcnow()
        self.active = active

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    def mark_email_verified(self) -> None:
        """The person proved the address (a confirmation, invitation or reset link reached them)."""
        if self.email_verified_at is None:
            self.email_verified_at = utcnow()
        self.email_verification_key = ""

    @property
    def is_staff(self) -> bool:
        return self.role in (UserRole.STAFF, UserRole.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.ADMIN

    @property
    def organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self.memberships}

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(db.Model):
    """A person's place in an organisation: secretary, teacher or plain member."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    function: Mapped[MemberFunction] = mapped_column(default=MemberFunction.SECRETARY)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped["Organisation"] = relationship(back_populates="memberships")  # noqa: F821


class Invitation(db.Model):
    """A one-time link to create an account; only the token's hash is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    name: Mapped[str] = mapped_column(sa.String(120), default="")
    role: Mapped[UserRole] = mapped_column(default=UserRole.MEMBER)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"))
    function: Mapped[MemberFunction] = mapped_column(default=MemberFunction.MEMBER)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]

    organisation: Mapped["Organisation | None"] = relationship()  # noqa: F821
    invited_by: Mapped[User | None] = relationship()

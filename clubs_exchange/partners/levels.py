"""The relationship level of a partner city and its history: who changed it, when, from what to what, why."""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from clubs_exchange import clock
from clubs_exchange.auth.models import User
from clubs_exchange.extensions import db
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.models import LevelChange, PartnerCity, RelationshipLevel


def check_friendship(level: RelationshipLevel, until: date | None, project: str) -> None:
    """A town friendship is limited in time or bound to a project: it needs an end date or a project."""
    if level == RelationshipLevel.FRIENDSHIP and until is None and not (project or "").strip():
        raise PartnerError(
            _("A town friendship needs an end date or the name of the project it is bound to."),
            "friendship_until",
        )


def check_change_date(on: date | None) -> date:
    """A change of level typed in by staff is dated on the day it happened (default today), never on a day still
    to come. (One a milestone causes takes the milestone's date, as recorded.)"""
    if on is None:
        return clock.today()
    if on > clock.today():
        raise PartnerError(field="level_changed_on", message=_("A change of level cannot be dated in the future."))
    return on


def record_level_change(
    partner: PartnerCity, from_level: RelationshipLevel | None, to_level: RelationshipLevel, *, actor, note: str = "",
    on: date | None = None,
) -> LevelChange:
    change = LevelChange(partner_city=partner, from_level=from_level, to_level=to_level,
                         actor=actor, note=(note or "").strip(), changed_on=on or clock.today())
    db.session.add(change)
    return change


def change_level(
    partner: PartnerCity,
    to_level: RelationshipLevel,
    *,
    actor,
    note: str = "",
    friendship_until: date | None = None,
    friendship_project: str = "",
    on: date | None = None,
) -> LevelChange | None:
    """Move the partner city to another level and record the step; the same level records nothing."""
    if to_level == RelationshipLevel.FRIENDSHIP:
        check_friendship(to_level, friendship_until, friendship_project)
        partner.friendship_until = friendship_until
        partner.friendship_project = (friendship_project or "").strip()
    if partner.relationship_level == to_level:
        return None
    change = record_level_change(partner, partner.relationship_level, to_level, actor=actor, note=note, on=on)
    partner.relationship_level = to_level
    return change


def level_history(partner: PartnerCity) -> list[LevelChange]:
    """Newest first by the day each change happened, with who did it: one query."""
    return list(
        db.session.scalars(
            sa.select(LevelChange)
            # The actor's name only: not the memberships a user otherwise brings along.
            .options(joinedload(LevelChange.actor).lazyload(User.memberships))
            .where(LevelChange.partner_city_id == partner.id)
            .order_by(LevelChange.changed_on.desc(), LevelChange.at.desc(), LevelChange.id.desc())
        )
    )

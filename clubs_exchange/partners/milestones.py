"""Milestones of a partnership: visits, council resolutions, the signed certificate (which seals the twinning)."""

from datetime import date

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _

from clubs_exchange.extensions import db
from clubs_exchange.partners.errors import PartnerError
from clubs_exchange.partners.levels import change_level
from clubs_exchange.partners.models import (
    Milestone,
    MilestoneKind,
    PartnerCity,
    PartnershipState,
    RelationshipLevel,
)


def record_milestone(
    partner: PartnerCity,
    *,
    kind: MilestoneKind,
    happened_on: date | None,
    actor,
    title: str = "",
    place: str = "",
    people: str = "",
    signatories: str = "",
    notes: str = "",
) -> Milestone:
    """Record a milestone; signing the certificate makes the partnership a twinning, recorded in its history."""
    title, place, signatories = (title or "").strip(), (place or "").strip(), (signatories or "").strip()
    if happened_on is None:
        raise PartnerError(_("Please give the date."), "happened_on")
    if kind == MilestoneKind.OTHER and not title:
        raise PartnerError(_("Please name the milestone."), "title")
    if kind == MilestoneKind.CERTIFICATE_SIGNED:
        if not place:
            raise PartnerError(_("Please give the place where the certificate was signed."), "place")
        if len([line for line in signatories.splitlines() if line.strip()]) < 2:
            raise PartnerError(
                _("A certificate is signed by both sides: name at least two signatories, one per line."),
                "signatories",
            )
    milestone = Milestone(
        partner_city=partner, kind=kind, happened_on=happened_on, title=title, place=place,
        people=(people or "").strip(), signatories=signatories, notes=(notes or "").strip(),
        recorded_by_id=getattr(actor, "id", None),
    )
    db.session.add(milestone)
    if kind == MilestoneKind.CERTIFICATE_SIGNED:
        # The twinning begins on the day of the signing, not the day the signing is typed in.
        change_level(partner, RelationshipLevel.TWINNING, actor=actor, on=happened_on,
                     note=_("Twinning certificate signed (%(place)s, %(date)s).",
                            place=place, date=format_date(happened_on, "long")))
        partner.state = PartnershipState.ACTIVE
    return milestone


def milestones_of(partner: PartnerCity) -> list[Milestone]:
    """Newest first: one query."""
    return list(
        db.session.scalars(
            sa.select(Milestone)
            .where(Milestone.partner_city_id == partner.id)
            .order_by(Milestone.happened_on.desc(), Milestone.id.desc())
        )
    )


def latest_certificate(milestones: list[Milestone]) -> Milestone | None:
    """The latest signed certificate among milestones sorted newest first (as milestones_of gives them)."""
    return next((m for m in milestones if m.kind == MilestoneKind.CERTIFICATE_SIGNED), None)


def signed_certificate(partner: PartnerCity) -> Milestone | None:
    """The latest signed certificate, if there is one."""
    return db.session.scalar(
        sa.select(Milestone)
        .where(Milestone.partner_city_id == partner.id, Milestone.kind == MilestoneKind.CERTIFICATE_SIGNED)
        .order_by(Milestone.happened_on.desc(), Milestone.id.desc())
        .limit(1)
    )

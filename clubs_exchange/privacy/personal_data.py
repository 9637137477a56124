"""A person's own data (GDPR Art. 15 and 20), one JSON file per kind of person: an account, a host household,
a guest, a participant. Each function returns plain values; `download` makes the file. Nothing that lets its
reader in is ever included: no password hash, no calendar, reset or confirmation token, no session generation,
and mails only as the outbox page shows them (secrets masked)."""

import json

import sqlalchemy as sa
from flask import Response
from sqlalchemy.orm import joinedload

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.auth.models import Membership, User
from clubs_exchange.clock import utcnow
from clubs_exchange.extensions import db
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.hosting.models import Guest, HostHousehold, Placement
from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationPreference
from clubs_exchange.proposals.models import Proposal, ProposalStep

FORMAT_VERSION = 1


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def download(kind: str, data: dict, filename: str) -> Response:
    """The file a person (or staff for them) downloads: what it is about, when it was made, then the data."""
    document = {"about": kind, "exported_at": iso(utcnow()), "format_version": FORMAT_VERSION, **data}
    return Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{filename}.json"', "Cache-Control": "no-store",
    })


# --- an account --------------------------------------------------------------------------------------------


def _audit_row(entry: AuditEntry) -> dict:
    return {"at": iso(entry.at), "by": entry.actor_name, "object": f"{entry.object_type}:{entry.object_id}",
            "label": entry.object_label, "action": entry.action.value, "changes": entry.changes}


def account_data(user: User) -> dict:
    """Everything stored about an account and by it: a fixed number of queries, whatever the person did."""
    memberships = list(db.session.scalars(
        sa.select(Membership).options(joinedload(Membership.organisation)).where(Membership.user_id == user.id)
        .order_by(Membership.id)
    ))
    membership_ids = [m.id for m in memberships]
    about_them = sa.or_(
        sa.and_(AuditEntry.object_type == "user", AuditEntry.object_id == user.id),
        sa.and_(AuditEntry.object_type == "membership", AuditEntry.object_id.in_(membership_ids)),
    )
    audit_about = db.session.scalars(sa.select(AuditEntry).where(about_them).order_by(AuditEntry.id))
    audit_by = list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.actor_id == user.id).order_by(AuditEntry.id)
    ))
    # Interests have no author column: the audit trail says who created each.
    written = {e.object_id for e in audit_by if e.object_type == "exchange_interest" and e.action.value == "created"}
    interests = db.session.scalars(
        sa.select(ExchangeInterest).where(ExchangeInterest.id.in_(written)).order_by(ExchangeInterest.id)
    ) if written else []
    proposals = db.session.scalars(
        sa.select(Proposal).where(Proposal.created_by_id == user.id).order_by(Proposal.id)
    )
    steps = db.session.scalars(
        sa.select(ProposalStep).where(ProposalStep.actor_id == user.id).order_by(ProposalStep.id)
    )
    notifications = db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    mails = db.session.scalars(sa.select(OutboxMail).where(OutboxMail.recipient == user.email).order_by(OutboxMail.id))
    preference = db.session.get(NotificationPreference, user.id)
    return {
        "account": {
            "id": user.id, "name": user.name, "email": user.email, "role": user.role.value, "active": user.active,
            "language": user.language, "created_at": iso(user.created_at), "last_login_at": iso(user.last_login_at),
            "email_verified_at": iso(user.email_verified_at), "disabled_at": iso(user.disabled_at),
        },
        "memberships": [
            {"organisation": {"id": m.organisation_id, "name": m.organisation.name}, "function": m.function.value,
             "since": iso(m.created_at)}
            for m in memberships
        ],
        "proposals_written": [
            {"id": p.id, "title": p.title, "state": p.state.value, "organisation_id": p.organisation_id,
             "starts_at": iso(p.starts_at), "ends_at": iso(p.ends_at), "venue": p.venue,
             "description": p.description, "created_at": iso(p.created_at)}
            for p in proposals
        ],
        "interests_written": [
            {"id": i.id, "organisation_id": i.organisation_id, "kind": i.kind.value, "activity": i.activity,
             "partner_city_id": i.partner_city_id}
            for i in interests
        ],
        "proposal_steps": [
            {"proposal_id": s.proposal_id, "action": s.action.value,
             "from": s.from_state.value if s.from_state else None, "to": s.to_state.value, "at": iso(s.at),
             "comment": s.comment}
            for s in steps
        ],
        "notifications": [
            {"kind": n.kind.value, "message": n.text, "comment": n.comment, "link": n.link,
             "created_at": iso(n.created_at), "read_at": iso(n.read_at)}
            for n in notifications
        ],
        "mails_to_you": [
            {"subject": m.subject, "text": m.shown_text, "state": m.state.value, "created_at": iso(m.created_at),
             "sent_at": iso(m.sent_at)}
            for m in mails
        ],
        "audit_entries_about_you": [_audit_row(e) for e in audit_about],
        "audit_entries_by_you": [_audit_row(e) for e in audit_by],
        # An account is kept for the twinning office's work, not on consent: what the person chose is listed.
        "consents_and_choices": {
            "language": user.language,
            "mails_about_submitted_proposals": preference.submitted_mail.value if preference else None,
        },
    }


# --- people without an account: a host household, a guest, a participant -----------------------------------


def household_data(household: HostHousehold) -> dict:
    stays = db.session.scalars(
        sa.select(Placement).where(Placement.household_id == household.id).order_by(Placement.id)
    )
    return {
        "contact_name": household.contact_name, "address": household.address, "phone": household.phone,
        "email": household.email, "beds": household.beds, "languages": household.language_list,
        "children": household.children, "has_pets": household.has_pets, "pets": household.pets,
        "smoke_free": household.smoke_free, "takes_minors": household.takes_minors,
        "caters_dietary": household.caters_dietary, "accessible": household.accessible, "notes": household.notes,
        "unavailable": [{"from": iso(p.starts_on), "to": iso(p.ends_on)} for p in household.unavailable_periods],
        "status": household.status.value, "proposed_by": household.proposed_by.name if household.proposed_by else None,
        "consents": [{"given_on": iso(household.consent_on), "wording": household.consent_wording}],
        "guests_hosted": [{"event_id": s.proposal_id, "guest": s.guest.name} for s in stays],
        "recorded_at": iso(household.created_at),
    }


def guest_data(guest: Guest) -> dict:
    """Everything stored about a guest (the shape of the guest export from before, kept)."""
    placement = guest.placement
    return {
        "event": {"id": guest.proposal_id, "title": guest.proposal.title, "starts_at": iso(guest.proposal.starts_at)},
        "name": guest.name,
        "date_of_birth": iso(guest.date_of_birth),
        "age": guest.age,
        "minor": guest.is_minor,
        "gender": guest.gender,
        "languages": guest.language_list,
        "dietary_needs": guest.dietary_needs,
        "allergies": guest.allergies,
        "pet_allergy": guest.pet_allergy,
        "accessibility_needs": guest.accessibility_needs,
        "wishes_with": guest.companion_names,
        "consents": [{"parental_consent": guest.parental_consent}],
        "parental_consent": guest.parental_consent,
        "notes": guest.notes,
        "host": (
            {"name": placement.household.contact_name, "address": placement.household.address} if placement else None
        ),
        "recorded_at": iso(guest.created_at),
    }


def participant_data(participant: EventParticipant) -> dict:
    return {
        "event": {"id": participant.proposal_id, "title": participant.proposal.title,
                  "starts_at": iso(participant.proposal.starts_at)},
        "name": participant.name, "residence": participant.residence,
        "organisation": participant.organisation_name, "birth_year": participant.birth_year,
        "role": participant.role.value, "invited": participant.invited,
        "delegation": participant.partner_city.name if participant.partner_city else None,
        "days_attended": [iso(a.day) for a in participant.attendance],
        "recorded_at": iso(participant.created_at),
    }

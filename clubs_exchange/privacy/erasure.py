"""Erasure on request (GDPR Art. 17): an account, a host household, a participant is anonymised in place.

The rows stay so that proposals, steps, placements and the audit trail keep their meaning ("former member #12"
submitted it); what named the person goes, wherever it was copied: the account and its memberships,
invitations to the address, the person's notifications and the mails to them, the organisation's contact
fields where they were the person's, and the name or address in the text of other rows (audit entries, other
people's notifications, mails, review comments), which `scrub` replaces by the placeholder.

Nothing here logs a name or an address: the log is kept longer than the data.
"""

import json
import logging
import re
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.auth.models import Invitation, User, UserRole, new_token
from clubs_exchange.clock import utcnow
from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db
from clubs_exchange.funding.models import EventParticipant
from clubs_exchange.hosting.models import HostHousehold, HostingViewLog, HostStatus, Placement
from clubs_exchange.mail.models import OutboxMail
from clubs_exchange.notifications.models import Notification, NotificationPreference
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.privacy.models import ErasureRequest, ErasureState
from clubs_exchange.proposals.models import Proposal, ProposalStep
from clubs_exchange.statements.models import AccessibilityFeedback

log = logging.getLogger("clubs_exchange.privacy")

# Placeholders are stored, so they are written in the city's language (as notifications from before were).
FORMER_MEMBER = _l("Former member #%(number)d")
ERASED_HOUSEHOLD = _l("Erased household #%(number)d")
ERASED_PARTICIPANT = _l("Erased participant #%(number)d")
# A reserved top-level domain (RFC 2606): no mail to it can be delivered; unique per account, as the column is.
ERASED_DOMAIN = "erased.invalid"
# Never a werkzeug hash: check_password_hash refuses it for every password.
NO_PASSWORD = "!erased"


class ErasureError(DomainError):
    pass


def _in_city_language(message, **values) -> str:
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return str(message) % values


def placeholder_name(user_id: int) -> str:
    return _in_city_language(FORMER_MEMBER, number=user_id)


def placeholder_email(user_id: int) -> str:
    return f"erased-{user_id}@{ERASED_DOMAIN}"


# --- requests ----------------------------------------------------------------------------------------------


def pending_request(user: User) -> ErasureRequest | None:
    return db.session.scalar(
        sa.select(ErasureRequest).where(ErasureRequest.user_id == user.id,
                                        ErasureRequest.state == ErasureState.PENDING)
    )


def request_erasure(user: User, reason: str) -> ErasureRequest:
    if user.is_erased:
        raise ErasureError(_l("This account is erased already."))
    if pending_request(user) is not None:
        raise ErasureError(_l("You asked for the erasure of your account already; the twinning office decides."))
    erasure = ErasureRequest(user_id=user.id, reason=(reason or "").replace("\x00", "").strip())
    db.session.add(erasure)
    return erasure


def withdraw_request(user: User) -> None:
    erasure = pending_request(user)
    if erasure is None:
        raise ErasureError(_l("There is no request to withdraw."))
    db.session.delete(erasure)


def decline_request(erasure: ErasureRequest, staff_user: User) -> None:
    if erasure.state != ErasureState.PENDING:
        raise ErasureError(_l("This request was decided already."))
    erasure.state, erasure.decided_at, erasure.decided_by_id = ErasureState.DECLINED, utcnow(), staff_user.id


def confirm_request(erasure: ErasureRequest, staff_user: User) -> None:
    if erasure.state != ErasureState.PENDING:
        raise ErasureError(_l("This request was decided already."))
    erase_account(erasure.user, decided_by=staff_user)


# --- the account -------------------------------------------------------------------------------------------


def erase_account(user: User, *, decided_by: User | None = None, now: datetime | None = None) -> None:
    """Anonymise the account: "former member #id", an address nobody receives, no password, no sessions, no
    memberships; everything that named the person elsewhere is scrubbed. Flushes; the caller commits."""
    if user.is_erased:
        return
    now = now or utcnow()
    name, email = user.name, user.email
    invitations = list(db.session.scalars(
        sa.select(Invitation).where(sa.func.lower(Invitation.email) == email.lower())
    ))
    # An inviter may have typed the name otherwise ("Anna" for "Anna Schmidt"): that spelling goes too.
    names = {name, *(i.name for i in invitations)}
    placeholder = placeholder_name(user.id)

    for organisation in db.session.scalars(sa.select(Organisation).where(
        sa.or_(Organisation.contact_name.in_(names), sa.func.lower(Organisation.email) == email.lower())
    )):
        # The organisation's contact was this person: its contact fields are theirs, not the organisation's.
        organisation.contact_name, organisation.email, organisation.phone = "", "", ""
    for invitation in invitations:
        db.session.delete(invitation)
    # Accessibility feedback the person sent (no account is recorded with it: their address or name on it) keeps
    # the barrier it reports, without who sent it; scrub takes their name out of its text, and of others' feedback.
    lowered = {n.lower() for n in names if n}
    for feedback in db.session.scalars(sa.select(AccessibilityFeedback).where(
        sa.or_(sa.func.lower(AccessibilityFeedback.email) == email.lower(),
               AccessibilityFeedback.name.in_(names), sa.func.lower(AccessibilityFeedback.name).in_(lowered))
    )):
        feedback.name, feedback.email = "", ""
    user.memberships.clear()
    quick = {"synchronize_session": False}
    db.session.execute(sa.delete(Notification).where(Notification.user_id == user.id), execution_options=quick)
    db.session.execute(sa.delete(NotificationPreference).where(NotificationPreference.user_id == user.id),
                       execution_options=quick)
    db.session.execute(sa.delete(OutboxMail).where(sa.func.lower(OutboxMail.recipient) == email.lower()),
                       execution_options=quick)

    user.name, user.email = placeholder, placeholder_email(user.id)
    user.password_hash = NO_PASSWORD
    user.role = UserRole.MEMBER
    user.set_active(False)
    user.language = None
    user.last_login_at = None
    user.calendar_token = new_token()  # the feed address in the person's calendar program stops working
    user.password_reset_key = ""
    user.email_verification_key = ""
    user.end_sessions()
    user.erased_at = now
    for erasure in db.session.scalars(sa.select(ErasureRequest).where(ErasureRequest.user_id == user.id)):
        erasure.reason = ""
        if erasure.state == ErasureState.PENDING:
            erasure.state, erasure.decided_at = ErasureState.ERASED, now
            erasure.decided_by_id = decided_by.id if decided_by is not None else None
    db.session.flush()  # the audit trail records the change; scrub then takes the old values out of it too
    scrub([*names, email], placeholder)
    log.info("account %s erased", user.id)


# --- people without an account -----------------------------------------------------------------------------


def erase_household(household: HostHousehold, *, now: datetime | None = None) -> bool:
    """Erase a household's data. Stays of events not yet over are given up (those guests need another
    household); with stays of past events left, which the figures count, the household stays as "erased
    household #id" without any personal data and is never placed again; otherwise it is deleted.
    Returns True when it was deleted. Flushes; the caller commits."""
    now = now or utcnow()
    household_id = household.id
    texts = [household.contact_name, household.address, household.email, household.phone]
    for placement in db.session.scalars(
        sa.select(Placement).join(Proposal, Placement.proposal_id == Proposal.id)
        .where(Placement.household_id == household.id, Proposal.ends_at >= now)
    ):
        db.session.delete(placement)
    db.session.flush()
    kept = db.session.scalar(sa.select(sa.func.count()).select_from(Placement)
                             .where(Placement.household_id == household.id))
    placeholder = _in_city_language(ERASED_HOUSEHOLD, number=household.id)
    deleted = not kept
    if deleted:
        db.session.execute(sa.update(HostingViewLog).where(HostingViewLog.household_id == household.id)
                           .values(household_id=None), execution_options={"synchronize_session": False})
        db.session.delete(household)
    else:
        household.contact_name, household.address, household.phone, household.email = placeholder, "", "", ""
        household.languages, household.pets, household.notes, household.consent_wording = "", "", "", ""
        household.children, household.beds = 0, 0
        household.status = HostStatus.ERASED
        household.unavailable_periods = []
    db.session.flush()
    scrub(texts, placeholder)
    log.info("host household %s erased", household_id)
    return deleted


def erase_participant(participant: EventParticipant) -> None:
    """A participant's name, residence and organisation go; the row stays with its role, delegation, birth
    year and days attended, which the funder's figures count (the list signed for the funder is on paper)."""
    texts = [participant.name, participant.residence]
    placeholder = _in_city_language(ERASED_PARTICIPANT, number=participant.id)
    participant.name, participant.residence, participant.organisation_name = placeholder, "", ""
    participant.guest_id = None
    db.session.flush()
    scrub(texts, placeholder)
    log.info("participant %s erased", participant.id)


# --- the person's name or address in other rows' text ------------------------------------------------------


def _pattern(terms: list[str]) -> re.Pattern | None:
    words = sorted({t.strip() for t in terms if t and len(t.strip()) >= 3}, key=len, reverse=True)
    if not words:
        return None
    # Whole words only: erasing "User 5" leaves "User 55" alone.
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def _replaced(value, pattern: re.Pattern, placeholder: str):
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [_replaced(v, pattern, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, pattern, placeholder) for k, v in value.items()}
    return value


def _like_any(columns, terms: list[str]):
    """Rows whose text holds any term, as typed or as JSON writes it (non-ASCII letters as \\u escapes); as
    typed too, since SQLite's lower() lowers ASCII letters only."""
    forms = {*terms, *(json.dumps(t)[1:-1] for t in terms)}
    return sa.or_(*(condition for c in columns for f in forms for condition in (
        c.contains(f, autoescape=True), sa.func.lower(c).contains(f.lower(), autoescape=True))))


def scrub(terms: list[str], placeholder: str) -> int:
    """Replace the terms (a name, an address) by the placeholder in every text that may have copied them:
    audit entries, notifications, mails in the outbox, comments on proposal steps, accessibility feedback. Returns
    the rows changed."""
    terms = [t.strip() for t in terms if t and len(t.strip()) >= 3]
    pattern = _pattern(terms)
    if pattern is None:
        return 0
    text = sa.Text
    # (model, the columns searched, the attributes rewritten): every text that may have copied a name or address.
    places = [
        (AuditEntry, [AuditEntry.actor_name, AuditEntry.object_label, sa.cast(AuditEntry.changes, text)],
         ("actor_name", "object_label", "changes")),
        (Notification, [Notification.message, Notification.comment, sa.cast(Notification.message_params, text)],
         ("message", "comment", "message_params")),
        (OutboxMail, [OutboxMail.recipient, OutboxMail.subject, OutboxMail.text_body, OutboxMail.html_body],
         ("recipient", "subject", "text_body", "html_body")),
        (ProposalStep, [ProposalStep.comment], ("comment",)),
        (AccessibilityFeedback, [AccessibilityFeedback.name, AccessibilityFeedback.description],
         ("name", "description")),
    ]
    changed = 0
    for model, columns, attributes in places:
        for row in db.session.scalars(sa.select(model).where(_like_any(columns, terms))):
            before = [getattr(row, a) for a in attributes]
            after = [_replaced(v, pattern, placeholder) for v in before]
            if model is AuditEntry and after[2]:
                # The anonymisation's own entry would read "former member #3 → former member #3": not said.
                after[2] = {k: v for k, v in after[2].items()
                            if not (isinstance(v, list) and len(v) == 2 and v[0] == v[1])}
            if after != before:
                for attribute, value in zip(attributes, after, strict=True):
                    setattr(row, attribute, value)
                changed += 1
    db.session.flush()
    return changed

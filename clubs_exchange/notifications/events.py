"""Who hears of what: each event becomes in-app notifications and mails for the people it concerns.

Messages are lazy: a mail's subject and text are written when queue_mail renders it, in its recipient's language;
a notification keeps the message untranslated and is translated for whoever reads it (notifications/messages.py).
"""

from collections.abc import Iterable

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from clubs_exchange.auth.models import MemberFunction, Membership, User, UserRole
from clubs_exchange.extensions import db
from clubs_exchange.mail.outbox import absolute_url, app_path, queue_mail
from clubs_exchange.notifications.messages import stored
from clubs_exchange.notifications.models import Notification, NotificationKind, NotificationPreference, SubmittedMail
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.proposals.models import ProposalAction

A = ProposalAction

# The organisation hears of every staff decision; staff hear of every proposal that enters the queue.
OUTCOME_KINDS = {
    A.REQUEST_CHANGES: NotificationKind.CHANGES_REQUESTED,
    A.APPROVE: NotificationKind.APPROVED,
    A.REJECT: NotificationKind.REJECTED,
    A.CANCEL: NotificationKind.CANCELLED,
}


def outcome_message(action: ProposalAction, title: str) -> str:
    return {
        A.REQUEST_CHANGES: lambda: _l("City staff ask for changes to “%(title)s”.", title=title),
        A.APPROVE: lambda: _l("“%(title)s” is approved and in the partnership calendar.", title=title),
        A.REJECT: lambda: _l("“%(title)s” is rejected.", title=title),
        A.CANCEL: lambda: _l("The event “%(title)s” is cancelled.", title=title),
    }[action]()


def members_of(organisation_id: int, *, besides=None) -> list[User]:
    query = (
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation_id, User.active.is_(True))
        .order_by(User.id)
    )
    return [u for u in db.session.scalars(query).unique() if u is not besides]


def staff_with_preferences(*, besides=None) -> list[tuple[User, SubmittedMail]]:
    rows = db.session.execute(
        sa.select(User, NotificationPreference.submitted_mail)
        .outerjoin(NotificationPreference, NotificationPreference.user_id == User.id)
        .where(User.role.in_([UserRole.STAFF, UserRole.ADMIN]), User.active.is_(True))
        .order_by(User.id)
    ).all()
    return [(user, choice or SubmittedMail.EACH) for user, choice in rows if user is not besides]


def add_notifications(users: Iterable[User], *, kind, message, link: str, comment: str = "", at=None) -> None:
    columns = stored(message)
    db.session.add_all(
        Notification(user_id=u.id, kind=kind, link=link, comment=comment or "", **columns,
                     **({"created_at": at} if at else {}))
        for u in users
    )


def proposal_step(step) -> None:
    proposal = step.proposal
    if step.action not in OUTCOME_KINDS and step.action not in (A.SUBMIT, A.RESUBMIT):
        return
    if proposal not in db.session:
        return  # a proposal held only in memory, as in the workflow's own tests: nobody to tell
    if proposal.id is None:
        db.session.flush()  # the link needs the proposal's id
    if step.action in OUTCOME_KINDS:
        organisation_told(proposal, step)
    else:
        staff_told(proposal, step)


def organisation_told(proposal, step) -> None:
    message = outcome_message(step.action, proposal.title)
    members = members_of(proposal.organisation_id, besides=step.actor)
    add_notifications(members, kind=OUTCOME_KINDS[step.action], message=message, comment=step.comment,
                      link=app_path("proposals.show", proposal_id=proposal.id), at=step.at)
    url = absolute_url("proposals.show", proposal_id=proposal.id)
    for member in members:
        queue_mail(member.email, message, "proposal_outcome", recipient=member, proposal=proposal, step=step,
                   message=message, url=url)


def staff_told(proposal, step) -> None:
    if step.action == A.RESUBMIT:
        message = _l("%(organisation)s resubmitted “%(title)s” after changes.",
                    organisation=proposal.organisation.name, title=proposal.title)
    else:
        message = _l("%(organisation)s submitted “%(title)s” for review.",
                    organisation=proposal.organisation.name, title=proposal.title)
    staff = staff_with_preferences(besides=step.actor)
    add_notifications((u for u, _choice in staff), kind=NotificationKind.PROPOSAL_SUBMITTED, message=message,
                      link=app_path("review.decide", proposal_id=proposal.id), at=step.at)
    url = absolute_url("review.decide", proposal_id=proposal.id)
    for user, choice in staff:
        if choice == SubmittedMail.EACH:
            queue_mail(user.email, message, "proposal_submitted", recipient=user, proposal=proposal, url=url,
                       message=message)


def interest_created(interest) -> None:
    """Members of every organisation whose open interest the new one fits hear of it (see interests/matching.py)."""
    from clubs_exchange.interests.matching import fits_for

    if interest.id is None:
        db.session.flush()  # for its id, and the defaults (is_open) that the insert fills in
    if not interest.is_open:
        return
    fits = fits_for(interest)
    if not fits:
        return
    organisation = interest.organisation or db.session.get(Organisation, interest.organisation_id)
    link = app_path("interests.show", interest_id=interest.id)
    url = absolute_url("interests.show", interest_id=interest.id)
    for fit in fits:
        theirs = fit.interest
        message = _l("A new exchange interest of %(organisation)s fits yours: %(activity)s",
                    organisation=organisation.name, activity=theirs.activity or theirs.kind.labels()[theirs.kind])
        members = members_of(theirs.organisation_id)
        add_notifications(members, kind=NotificationKind.INTEREST_FITS, message=message, link=link)
        for member in members:
            queue_mail(member.email, message, "interest_fits", recipient=member, interest=interest, theirs=theirs,
                       organisation=organisation, message=message, url=url)


def organisation_registered(organisation, user, verification_token: str | None = None) -> None:
    """Staff hear of a new organisation waiting for verification: a notification, and a mail unless they chose
    no mails (their choice for submitted proposals, the other work that waits for them)."""
    if organisation.id is None:
        db.session.flush()  # the link needs the organisation's id
    message = _l("%(organisation)s registered and waits for verification.", organisation=organisation.name)
    staff = staff_with_preferences(besides=user)
    add_notifications((u for u, _choice in staff), kind=NotificationKind.ORGANISATION_REGISTERED, message=message,
                      link=app_path("organisations.show", organisation_id=organisation.id))
    url = absolute_url("organisations.show", organisation_id=organisation.id)
    for member, choice in staff:
        if choice != SubmittedMail.NONE:
            queue_mail(member.email, message, "organisation_registered", recipient=member, organisation=organisation,
                       registered_by=user, message=message, url=url)
    # The person who registered is told by mail too, with the link that confirms the address (none for an account
    # confirmed already: the demo data's): the page says "check your mail" whether or not the address had an
    # account (see registration_with_known_address).
    verify_url = absolute_url("auth.verify_email", token=verification_token) if verification_token else None
    queue_mail(user.email, _l("%(organisation)s is registered", organisation=organisation.name),
               "registration_received", secrets=[verification_token or ""], recipient=user, organisation=organisation,
               verify_url=verify_url,
               hours=current_app.config["EMAIL_VERIFICATION_HOURS"], login_url=absolute_url("auth.login"))


def registration_with_known_address(user, organisation_name: str) -> None:
    """Someone registered with the address of an account: nothing was registered, and the owner hears of it with
    the ways back into the account (a disabled account hears nothing, as for a forgotten password)."""
    if not user.active:
        return
    queue_mail(user.email, _l("Someone tried to register with your e-mail address"), "registration_with_your_address",
               recipient=user, organisation_name=organisation_name, login_url=absolute_url("auth.login"),
               reset_url=absolute_url("auth.forgot_password"),
               resend_url=None if user.email_verified else absolute_url("auth.resend_verification"))


def organisation_verified(organisation, by) -> None:
    """The organisation's secretary (every member if it has none) hears that it can now submit proposals."""
    members = members_of(organisation.id, besides=by)
    secretaries = [u for u in members if any(
        m.organisation_id == organisation.id and m.function == MemberFunction.SECRETARY for m in u.memberships)]
    told = secretaries or members
    message = _l("%(organisation)s is verified: you can now submit proposals.", organisation=organisation.name)
    add_notifications(told, kind=NotificationKind.ORGANISATION_VERIFIED, message=message,
                      link=app_path("organisations.show", organisation_id=organisation.id))
    url = absolute_url("organisations.show", organisation_id=organisation.id)
    for member in told:
        queue_mail(member.email, message, "organisation_verified", recipient=member, organisation=organisation,
                   message=message, url=url)


def invitation(invitation, token: str) -> None:
    url = absolute_url("auth.accept_invite", token=token)
    where = invitation.organisation.name if invitation.organisation else current_app.config["CITY_NAME"]
    subject = _l("You are invited to the twinning exchanges of %(city)s", city=current_app.config["CITY_NAME"])
    queue_mail(invitation.email, subject, "invitation", secrets=[token], invitation=invitation, where=where, url=url)


def password_reset(user, token: str, minutes: int) -> None:
    url = absolute_url("auth.reset_password", token=token)
    queue_mail(user.email, _l("Choose a new password"), "password_reset", secrets=[token], recipient=user, url=url,
               minutes=minutes)


def email_verification(user, token: str, hours: int) -> None:
    url = absolute_url("auth.verify_email", token=token)
    queue_mail(user.email, _l("Confirm your e-mail address"), "email_verification", secrets=[token], recipient=user,
               url=url, hours=hours)


def accessibility_feedback(feedback) -> None:
    """Staff hear of a reported accessibility problem in the app; the accessibility contact by mail (the address
    the statement names, ACCESSIBILITY_CONTACT_EMAIL), who answers within the time the law sets."""
    message = _l("Accessibility feedback about “%(page)s” waits for an answer.", page=feedback.page_url[:200])
    link = app_path("statements.feedback_received")
    staff = [user for user, _choice in staff_with_preferences()]
    add_notifications(staff, kind=NotificationKind.ACCESSIBILITY_FEEDBACK, message=message, link=link)
    contact = current_app.config.get("ACCESSIBILITY_CONTACT_EMAIL")
    if contact:
        queue_mail(contact, _l("Accessibility feedback about a page of the twinning exchanges"),
                   "accessibility_feedback", feedback=feedback, message=message,
                   url=absolute_url("statements.feedback_received"))


HANDLERS = {
    "proposal_step": proposal_step,
    "interest_created": interest_created,
    "invitation": invitation,
    "organisation_registered": organisation_registered,
    "registration_with_known_address": registration_with_known_address,
    "organisation_verified": organisation_verified,
    "password_reset": password_reset,
    "email_verification": email_verification,
    "accessibility_feedback": accessibility_feedback,
}

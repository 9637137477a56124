"""Which models the audit trail records: one line each (the options: clubs_exchange/audit/trail.py).

A new column of a model listed here without `fields=` is recorded from the day it exists (partner-city details,
say). A new model needs its line, for example, with the object whose page should show its entries as parent:

    audited(HostFamily, parent=lambda h: ("partner_city", inspect(h).dict.get("partner_city_id")),
            page=("hosting.family", "family_id"), title=_l("Host family"))

A parent's trail also lists its children's entries: the trail on a partner city's page then shows its host
families. Read values in `parent` and `label` from inspect(obj).dict: they run inside a flush, where loading a
relationship would mean another query.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect

from clubs_exchange.audit.trail import audited
from clubs_exchange.auth.models import Membership, User
from clubs_exchange.awards.models import AwardApplication, EventCriterion
from clubs_exchange.candidates.models import Candidate, Tie
from clubs_exchange.funding.models import FundingApplication, FundingBudget, FundingScheme
from clubs_exchange.hosting.models import Guest, HostHousehold, Placement
from clubs_exchange.interests.models import ExchangeInterest
from clubs_exchange.localised.models import TextTranslation
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import AgreementTemplate, Milestone, PartnerCity, PartnerContact
from clubs_exchange.proposals.models import Proposal


def _membership_label(membership) -> str:
    """The person and the organisation, when the session has them at hand (never a query inside a flush)."""
    values = inspect(membership).dict
    person = values.get("user")
    organisation = values.get("organisation")
    return " · ".join(
        [person.name if person else f"#{values.get('user_id')}",
         organisation.name if organisation else f"#{values.get('organisation_id')}"]
    )


def _interest_label(interest) -> str:
    return str(inspect(interest).dict.get("activity") or "")


# venue_key is the venue again, updated_at and version change with everything: none says anything of its own.
audited(Proposal, exclude=("venue_key", "updated_at", "created_at", "version"), collections=("co_organisers",),
        title=_l("Proposal"), page=("proposals.show", "proposal_id"))
audited(Organisation, exclude=("created_at", "updated_at"), title=_l("Organisation"),
        page=("organisations.show", "organisation_id"))
audited(PartnerCity, exclude=("created_at", "updated_at"), title=_l("Partner city"),
        page=("partners.show", "partner_id"))
audited(User, fields=("email", "name", "role", "active"), title=_l("Account"), page=("accounts.edit_user", "user_id"))
audited(Membership, fields=("user_id", "organisation_id", "function"), label=_membership_label,
        parent=lambda m: ("organisation", inspect(m).dict.get("organisation_id")), title=_l("Membership"))
audited(ExchangeInterest, exclude=("created_at", "updated_at"), label=_interest_label,
        parent=lambda i: ("organisation", inspect(i).dict.get("organisation_id")), title=_l("Exchange interest"),
        page=("interests.show", "interest_id"))


def _of_partner(obj):
    return ("partner_city", inspect(obj).dict.get("partner_city_id"))


# Partnerships (issue 4): the partner's people and milestones show on its page; candidates and their ties.
audited(PartnerContact, parent=_of_partner, title=_l("Contact at the partner"))
audited(Milestone, parent=_of_partner, title=_l("Milestone"))
audited(AgreementTemplate, exclude=("updated_at",), title=_l("Agreement template"))
audited(Candidate, exclude=("created_at",), title=_l("Partner candidate"), page=("candidates.show", "candidate_id"))
audited(Tie, parent=lambda t: ("candidate", inspect(t).dict.get("candidate_id")), title=_l("Existing tie"))
# Awards: the application's states and texts, and which criterion an event was tagged with.
audited(AwardApplication, exclude=("created_at", "updated_at", "version"), collections=("twin_towns",),
        title=_l("Award application"), page=("awards.show", "application_id"))
audited(EventCriterion, parent=lambda e: ("proposal", inspect(e).dict.get("proposal_id")), title=_l("Award criterion"))


# Hosting (issue 5). The trail outlives a guest's erasure and the purge, so it keeps no personal data of guests
# and no contact details of households: ids, states, capacities, the rules' facts, and who placed whom. Nor a
# name: the trail shows them by kind and number ("Host household: #3"), in the reader's language.
def _no_name(obj) -> str:
    return ""


audited(HostHousehold, fields=("beds", "has_pets", "smoke_free", "takes_minors", "caters_dietary", "accessible",
                               "status", "proposed_by_id", "consent_on"),
        label=_no_name, title=_l("Host household"))
audited(Guest, fields=("proposal_id", "is_minor", "pet_allergy", "parental_consent"), label=_no_name,
        parent=lambda g: ("proposal", inspect(g).dict.get("proposal_id")), title=_l("Guest"))
audited(Placement, fields=("guest_id", "household_id"), label=_no_name,
        parent=lambda p: ("proposal", inspect(p).dict.get("proposal_id")), title=_l("Placement"))


# Content in other languages (issue 12): a translation shows in its proposal's or partner city's trail.
def _of_subject(translation):
    values = inspect(translation).dict
    if values.get("proposal_id") is not None:
        return ("proposal", values.get("proposal_id"))
    return ("partner_city", values.get("partner_city_id"))


audited(TextTranslation, fields=("field", "language", "text", "written_by_id"), parent=_of_subject,
        label=lambda t: f"{inspect(t).dict.get('field')} · {inspect(t).dict.get('language')}", title=_l("Translation"))

# Funding (issue 13): a scheme's terms; its rates and bands are replaced as a table on each edit.
audited(FundingScheme, exclude=("created_at", "updated_at", "preset_key"), title=_l("Funding scheme"),
        page=("funding.show", "scheme_id"))
# A scheme's budget of a year: who entered or changed the money, shown in the scheme's trail and on the budget form.
audited(FundingBudget, fields=("year", "amount_cents", "notes"),
        parent=lambda b: ("funding_scheme", inspect(b).dict.get("scheme_id")),
        label=lambda b: str(inspect(b).dict.get("year") or ""), title=_l("Funding budget"))



def _application_label(application) -> str:
    """The scheme's name when the session has it at hand (never a query inside a flush)."""
    values = inspect(application).dict
    scheme = values.get("scheme")
    return scheme.name if scheme is not None else f"#{values.get('scheme_id')}"


# An event's applications for funding: each step, in the event's trail.
audited(FundingApplication, exclude=("created_at", "updated_at", "version"), label=_application_label,
        parent=lambda a: ("proposal", inspect(a).dict.get("proposal_id")), title=_l("Funding application"))

"""Every area's models, imported in one place so SQLAlchemy and Alembic see the whole schema."""

from clubs_exchange.audit import subjects as audit_subjects  # noqa: F401  (the models the audit trail records)
from clubs_exchange.auth.models import Invitation, Membership, User  # noqa: F401
from clubs_exchange.awards.models import AssociationMembership, AwardApplication, EventCriterion  # noqa: F401
from clubs_exchange.candidates.models import Candidate, Tie  # noqa: F401
from clubs_exchange.data_version import DataVersion  # noqa: F401
from clubs_exchange.funding.models import (  # noqa: F401
    EventParticipant,
    FundingApplication,
    FundingBand,
    FundingBudget,
    FundingRate,
    FundingReminder,
    FundingScheme,
    ParticipantAttendance,
    ParticipantListSummary,
)
from clubs_exchange.hosting.models import Guest, HostHousehold, HostingSummary, Placement  # noqa: F401
from clubs_exchange.interests.models import ExchangeInterest  # noqa: F401
from clubs_exchange.localised.models import TextTranslation  # noqa: F401
from clubs_exchange.mail.models import OutboxMail  # noqa: F401
from clubs_exchange.notifications.models import Notification, NotificationPreference  # noqa: F401
from clubs_exchange.organisations.models import Organisation  # noqa: F401
from clubs_exchange.partners.models import PartnerCity  # noqa: F401
from clubs_exchange.privacy.models import ErasureRequest  # noqa: F401
from clubs_exchange.proposals.models import Proposal, ProposalStep  # noqa: F401
from clubs_exchange.review.models import ProposalConflict, ProposalCount  # noqa: F401
from clubs_exchange.statements.models import AccessibilityFeedback  # noqa: F401

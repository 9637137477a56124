"""Every area's models, imported in one place so SQLAlchemy and Alembic see the whole schema."""

from clubs_exchange.auth.models import Invitation, Membership, User  # noqa: F401
from clubs_exchange.hosting.models import Guest, HostHousehold, HostingSummary, Placement  # noqa: F401
from clubs_exchange.interests.models import ExchangeInterest  # noqa: F401
from clubs_exchange.organisations.models import Organisation  # noqa: F401
from clubs_exchange.partners.models import PartnerCity  # noqa: F401
from clubs_exchange.proposals.models import Proposal, ProposalStep  # noqa: F401

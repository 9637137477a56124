"""The error the partners area's rules raise, for the route to show beside a form field."""

from clubs_exchange.errors import DomainError


class PartnerError(DomainError):
    """A partner city (or its level, milestone, agreement) that cannot be saved; `field` names the form field."""

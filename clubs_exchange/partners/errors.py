"""The error the partners area's rules raise, for the route to show beside a form field."""


class PartnerError(Exception):
    """A partner city (or its level, milestone, agreement) that cannot be saved; `field` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message

"""Who may see what of a partner city: everyone logged in reads the partnership, only staff the contact details."""

from clubs_exchange.permissions import is_staff


def can_see_contact_details(user) -> bool:
    """Partners' contact people are named to members; their e-mails and phones are for city staff only."""
    return is_staff(user)


def can_manage_partners(user) -> bool:
    return is_staff(user)

"""Finding accounts: the list's search by name or e-mail (the page and its CSV export use the same query)."""

import sqlalchemy as sa

from clubs_exchange.auth.models import User


def search_text(args) -> str:
    return (args.get("q") or "").strip()[:100]


def user_search(q: str) -> sa.Select:
    """Accounts whose name or e-mail contains `q` (any case, % and _ taken literally), by name."""
    query = sa.select(User).order_by(User.name)
    if q:
        text = q.lower()
        query = query.where(sa.or_(sa.func.lower(User.name).contains(text, autoescape=True),
                                   sa.func.lower(User.email).contains(text, autoescape=True)))
    return query

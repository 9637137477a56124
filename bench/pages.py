"""The key pages of the load test and a counter of the SQL statements each one issues."""

import time
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    htmx: bool = False  # sent with HX-Request: the fragment, not the page
    full_path: str | None = None  # the same page without HX-Request, for the bytes ratio
    gzip: bool = False  # sent with Accept-Encoding: gzip, as calendar programs do (the feed)

    @property
    def headers(self) -> dict[str, str]:
        """The request headers a client of this page sends (besides the login cookie)."""
        return {**({"HX-Request": "true"} if self.htmx else {}), **({"Accept-Encoding": "gzip"} if self.gzip else {})}


def key_pages(app) -> list[Page]:
    """Addresses of the key pages on the scale data set, as the staff user sees them."""
    from clubs_exchange.auth.models import User
    from clubs_exchange.clock import today as today_in_city
    from clubs_exchange.extensions import db
    from clubs_exchange.proposals.models import Proposal, ProposalState
    from clubs_exchange.scale import STAFF_EMAIL

    with app.app_context():
        token = db.session.scalar(sa.select(User.calendar_token).where(User.email == STAFF_EMAIL))
        today = today_in_city()
        # An approved event of this month and its organisation: a page as staff open it every day.
        proposal_id, organisation_id = db.session.execute(
            sa.select(Proposal.id, Proposal.organisation_id)
            .where(Proposal.state == ProposalState.APPROVED)
            .order_by(Proposal.id)
            .limit(1)
        ).one()
    return [
        Page("review queue", "/review/"),
        Page("calendar month", f"/calendar/?year={today.year}&month={today.month}"),
        Page("calendar list", "/calendar/list"),
        Page("proposal page", f"/proposals/{proposal_id}"),
        Page("organisation home", f"/organisations/{organisation_id}"),
        # Typing in the search box asks for suggestions; the page is the list that the search sends.
        Page("organisation search (htmx)", "/organisations/suggest?q=foot", htmx=True,
             full_path="/organisations/?q=foot"),
        # Calendar programs ask for gzip: the feed is measured as they fetch it (the compressed copy).
        Page("ICS feed (one year)", f"/calendar/feed/{token}.ics", gzip=True),
    ]


@contextmanager
def counting_statements(engine):
    """Counts every statement sent to the database while the block runs: counter["n"]."""
    counter = {"n": 0}

    def count(conn, cursor, statement, parameters, context, executemany):
        counter["n"] += 1

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def login_staff(client) -> None:
    from clubs_exchange.auth.models import User
    from clubs_exchange.extensions import db
    from clubs_exchange.scale import STAFF_EMAIL

    user = db.session.scalar(sa.select(User).where(User.email == STAFF_EMAIL))
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()  # with the session generation (auth/sessions.py)
        session["_fresh"] = True


def measure(app, pages: list[Page]) -> dict[str, dict]:
    """Per page: SQL statements of a request served from the page cache and of one rendered afresh (cache
    off), the time of one rendered request, its bytes, and the full page's bytes for a partial."""
    from clubs_exchange.extensions import db

    results = {}
    with app.app_context():
        client = app.test_client()
        login_staff(client)
        for page in pages:
            headers = page.headers
            entry = {}
            for cache_on, prefix in ((True, ""), (False, "uncached_")):
                app.config["PAGE_CACHE"] = cache_on
                client.get(page.path, headers=headers)  # warm: templates compiled, caches filled
                with counting_statements(db.engine) as counter:
                    started = time.perf_counter()
                    response = client.get(page.path, headers=headers)
                    elapsed = time.perf_counter() - started
                entry.update({f"{prefix}status": response.status_code, f"{prefix}queries": counter["n"],
                              f"{prefix}single_request_ms": round(elapsed * 1000, 1)})
            entry["bytes"] = len(response.data)
            if page.full_path:
                entry["full_page_bytes"] = len(client.get(page.full_path).data)
            results[page.name] = entry
        app.config["PAGE_CACHE"] = True
    return results

"""Demo accessibility feedback: one report waiting for staff (its notification and mail too), one handled."""

from datetime import timedelta

from clubs_exchange.clock import utcnow
from clubs_exchange.statements.feedback import mark_handled, receive_feedback


def seed_accessibility_feedback(staff) -> None:
    handled = receive_feedback(page_url="/calendar/", description=(
        "With the browser zoomed to 200 % the month grid needs scrolling sideways."), language="en")
    handled.created_at = utcnow() - timedelta(days=20)
    mark_handled(handled, staff)
    receive_feedback(page_url="/proposals/new", name="Marta Kühn", email="marta.kuehn@example.org", description=(
        "My screen reader does not say which fields of the proposal form are required."), language="de")

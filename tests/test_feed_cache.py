"""The ICS feed is built once and served from memory until its data change: a change shows at once."""

from clubs_exchange.auth.models import UserRole
from clubs_exchange.proposals.models import ProposalState


def test_a_newly_approved_event_is_in_the_next_feed(client, db, make_user, make_proposal):
    staff = make_user(role=UserRole.STAFF)
    make_proposal(state=ProposalState.APPROVED, title="Summer concert")
    url = f"/calendar/feed/{staff.calendar_token}.ics"
    first = client.get(url)
    assert b"Summer concert" in first.data
    assert client.get(url).data == first.data  # the same feed, from memory

    waiting = make_proposal(state=ProposalState.SUBMITTED, title="Autumn match")
    assert b"Autumn match" not in client.get(url).data
    waiting.state = ProposalState.APPROVED
    db.session.commit()
    second = client.get(url)
    assert b"Autumn match" in second.data
    assert second.headers["ETag"] != first.headers["ETag"]

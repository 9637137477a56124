"""The month grid is cached per process: a change to the calendar shows on the very next request."""

from datetime import datetime
from zoneinfo import ZoneInfo

from clubs_exchange.proposals.models import ProposalState

JUNE = "/calendar/?year=2031&month=6"


def june(day, hour=18):
    return datetime(2031, 6, day, hour, 0, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(ZoneInfo("UTC"))


def grid(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.index('<div id="calendar_grid">'):]


def test_an_approval_shows_on_the_next_request(app, login_as, staff, make_proposal):
    make_proposal(state=ProposalState.APPROVED, title="Choir evening", starts_at=june(3))
    waiting = make_proposal(state=ProposalState.SUBMITTED, title="Football tournament", starts_at=june(12))
    client = login_as(staff)
    assert "Football tournament" not in grid(client.get(JUNE))
    assert "Football tournament" not in grid(client.get(JUNE))  # from the cache
    assert app.extensions["calendar_grids"]["grids"], "the grid was not cached"

    response = client.post(f"/review/{waiting.id}",
                           data={"version": waiting.version, "action": "approve", "confirm_conflicts": "y"})
    assert response.status_code == 303

    html = grid(client.get(JUNE))
    assert "Football tournament" in html and "Choir evening" in html


def test_a_cancellation_and_an_edit_show_on_the_next_request(db, login_as, staff, make_proposal):
    event = make_proposal(state=ProposalState.APPROVED, title="Choir evening", starts_at=june(3))
    client = login_as(staff)
    assert "Cancelled" not in grid(client.get(JUNE))

    response = client.post(f"/review/{event.id}/cancel",
                           data={"version": event.version, "reason": "The hall is flooded."})
    assert response.status_code == 303
    assert '<span class="state state-cancelled">Cancelled</span>' in grid(client.get(JUNE))

    event.title = "Choir evening, moved"
    db.session.commit()
    assert "Choir evening, moved" in grid(client.get(JUNE))


def test_each_filter_and_month_has_its_own_grid(login_as, staff, make_proposal, make_partner):
    lyon, porto = make_partner(name="Lyon"), make_partner(name="Porto")
    make_proposal(state=ProposalState.APPROVED, title="Lyon visit", partner_city=lyon, starts_at=june(3))
    make_proposal(state=ProposalState.APPROVED, title="Porto visit", partner_city=porto, starts_at=june(4))
    client = login_as(staff)
    assert "Porto visit" not in grid(client.get(f"{JUNE}&partner={lyon.id}"))
    assert "Lyon visit" not in grid(client.get(f"{JUNE}&partner={porto.id}"))
    assert "Lyon visit" not in grid(client.get("/calendar/?year=2031&month=7"))


def organisation_options(response) -> list[str]:
    """The organisation list's options as (selected marker +) label."""
    import re

    html = response.get_data(as_text=True)
    select = html[re.search(r'<select[^>]* id="organisation"', html).start():]
    select = select[:select.index("</select>")]
    return [("* " if selected else "") + label
            for selected, label in re.findall(r'<option (selected )?value="[^"]*">([^<]*)</option>', select)]


def test_the_organisation_list_kept_with_the_grid_follows_the_filter(login_as, staff, make_proposal, make_org):
    choir, club = make_org(name="Choir Nord"), make_org(name="Club Süd")
    make_proposal(state=ProposalState.APPROVED, title="Choir evening", organisation=choir, starts_at=june(3))
    make_proposal(state=ProposalState.APPROVED, title="Match", organisation=club, starts_at=june(4))
    client = login_as(staff)
    for _ in range(2):  # built, then from the cache
        assert organisation_options(client.get(JUNE)) == ["* All organisations", "Choir Nord", "Club Süd"]
        assert organisation_options(client.get(f"{JUNE}&organisation={club.id}")) == [
            "All organisations", "* Club Süd"]


def test_a_refused_organisation_leaves_no_trace_in_the_kept_list(login_as, staff, make_proposal, make_org):
    choir, elsewhere = make_org(name="Choir Nord"), make_org(name="Club without events")
    make_proposal(state=ProposalState.APPROVED, title="Choir evening", organisation=choir, starts_at=june(3))
    client = login_as(staff)
    # Refused (not the plain id), so the filters are those of the plain month: its grid is kept with the list.
    refused = client.get(f"{JUNE}&organisation=0{elsewhere.id}")
    assert refused.status_code == 422
    assert organisation_options(client.get(JUNE)) == ["* All organisations", "Choir Nord"]

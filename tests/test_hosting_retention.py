"""Guest data go after the retention period (flask purge-guests); the counts of guests hosted stay."""

from datetime import UTC, datetime

from clubs_exchange.hosting.models import Guest, HostingSummary, HostingViewLog, Placement, ViewKind
from clubs_exchange.hosting.retention import guests_hosted_by_year, months_before, purge_guest_data
from clubs_exchange.proposals.models import ProposalState

NOW = datetime(2031, 6, 15, 12, tzinfo=UTC)


def placed_event(make_proposal, make_guest, make_host, db, *, ends, guests=3, placed=2, partner=None):
    starts = ends.replace(hour=9)
    fields = {"partner_city": partner} if partner else {}
    event = make_proposal(ProposalState.APPROVED, starts_at=starts, ends_at=ends, **fields)
    host = make_host(beds=placed or 1)
    for i in range(guests):
        guest = make_guest(proposal_id=event.id)
        if i < placed:
            db.session.add(Placement(guest_id=guest.id, household_id=host.id, proposal_id=event.id))
    db.session.commit()
    return event


def test_months_before_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert months_before(datetime(2031, 3, 31, tzinfo=UTC), 1) == datetime(2031, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2031, 1, 15, tzinfo=UTC), 12) == datetime(2030, 1, 15, tzinfo=UTC)


def test_the_purge_removes_old_guests_and_keeps_the_counts(make_proposal, make_guest, make_host, make_partner, db):
    partner = make_partner()
    old = placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2030, 5, 1, 18, tzinfo=UTC),
                       partner=partner)
    recent = placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2030, 7, 1, 18, tzinfo=UTC),
                          partner=partner)
    guest_id = db.session.query(Guest.id).filter_by(proposal_id=old.id).first()[0]
    db.session.add(HostingViewLog(what=ViewKind.GUEST, guest_id=guest_id, proposal_id=old.id))
    db.session.commit()
    assert guests_hosted_by_year(partner.id) == {2030: 4}

    assert purge_guest_data(NOW, 12) == {old.id: 3}
    db.session.commit()
    assert db.session.query(Guest).filter_by(proposal_id=old.id).count() == 0
    assert db.session.query(Placement).filter_by(proposal_id=old.id).count() == 0
    assert db.session.query(Guest).filter_by(proposal_id=recent.id).count() == 3
    summary = db.session.query(HostingSummary).filter_by(proposal_id=old.id).one()
    assert (summary.guests_removed, summary.guests_hosted, summary.purged_at) == (3, 2, NOW)
    assert db.session.query(HostingViewLog).one().guest_id is None
    # The partnership page's figure does not change with the purge.
    assert guests_hosted_by_year(partner.id) == {2030: 4}
    # Purging again finds nothing more.
    assert purge_guest_data(NOW, 12) == {}


def test_the_retention_is_a_setting_and_the_command_uses_it(app, make_proposal, make_guest, make_host, db):
    event = placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2025, 6, 1, 18, tzinfo=UTC))
    runner = app.test_cli_runner()
    app.config["HOSTING_RETENTION_MONTHS"] = 1200
    result = runner.invoke(args=["purge-guests"])
    assert "0 guests of 0 events (retention 1200 months)" in result.output
    app.config["HOSTING_RETENTION_MONTHS"] = 12
    result = runner.invoke(args=["purge-guests"])
    assert result.exit_code == 0 and "3 guests of 1 events (retention 12 months)" in result.output
    assert db.session.query(Guest).filter_by(proposal_id=event.id).count() == 0


def test_guests_hosted_count_per_year_and_only_approved_events(make_proposal, make_guest, make_host, make_partner, db):
    partner = make_partner()
    placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2029, 5, 1, 18, tzinfo=UTC), partner=partner)
    cancelled = placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2030, 5, 1, 18, tzinfo=UTC),
                             partner=partner)
    cancelled.state = ProposalState.CANCELLED
    db.session.commit()
    assert guests_hosted_by_year(partner.id) == {2029: 2}
    assert guests_hosted_by_year(make_partner().id) == {}


def test_flask_purge_runs_every_purpose_and_the_guests_among_them(app, make_proposal, make_guest, make_host, db):
    event = placed_event(make_proposal, make_guest, make_host, db, ends=datetime(2025, 6, 1, 18, tzinfo=UTC))
    runner = app.test_cli_runner()
    assert "guests" in runner.invoke(args=["purge", "--list"]).output.split()
    refused = runner.invoke(args=["purge", "--only", "nothing-such"])
    assert refused.exit_code != 0 and db.session.query(Guest).filter_by(proposal_id=event.id).count() == 3
    app.config["HOSTING_RETENTION_MONTHS"] = 12
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "guests: 3 guests of 1 events" in result.output
    db.session.expire_all()
    assert db.session.query(Guest).filter_by(proposal_id=event.id).count() == 0

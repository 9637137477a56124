"""The awards demo: a European Diploma awarded in an earlier year, tagged events, a Flag of Honour draft."""


import sqlalchemy as sa

from clubs_exchange import clock
from clubs_exchange.auth.models import User
from clubs_exchange.awards.demo import seed_awards
from clubs_exchange.awards.models import ApplicationState, AwardApplication, AwardStage, EventCriterion
from clubs_exchange.awards.report import activity_report


def test_the_demo_holds_the_ladder_and_a_report_with_tagged_and_untagged_events(app, db):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    applications = {a.stage: a for a in db.session.scalars(sa.select(AwardApplication))}
    diploma, flag = applications[AwardStage.EUROPEAN_DIPLOMA], applications[AwardStage.FLAG_OF_HONOUR]
    assert diploma.state == ApplicationState.AWARDED and diploma.year < clock.today().year
    assert flag.state == ApplicationState.DRAFT and flag.previous_award_year == diploma.year
    assert flag.twin_towns
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EventCriterion)) > 0
    report = activity_report(flag.period_start, flag.period_end)
    assert report.untagged.events and any(s.events for s in report.sections) and report.memberships
    # Idempotent: a second run adds nothing.
    staff = db.session.scalar(sa.select(User).where(User.email == "staff@example.org"))
    assert seed_awards(clock.today(), staff) is False

"""The demo data hold confirmed host families and a placed incoming visit."""

import sqlalchemy as sa

from clubs_exchange.demo import seed_demo_data
from clubs_exchange.hosting.models import Guest, HostHousehold, HostStatus, Placement


def test_demo_has_host_families_and_a_placed_visit(db):
    assert seed_demo_data() is True
    statuses = db.session.scalars(sa.select(HostHousehold.status)).all()
    assert statuses.count(HostStatus.CONFIRMED) == 12 and statuses.count(HostStatus.PROPOSED) == 1
    guests = db.session.scalar(sa.select(sa.func.count()).select_from(Guest))
    placed = db.session.scalar(sa.select(sa.func.count()).select_from(Placement))
    # Every guest placed but the minor whose parental consent is missing.
    assert guests == 16 and placed == 15
    assert seed_demo_data() is False

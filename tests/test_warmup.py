"""Warming a fresh server: every template compiled, the key pages rendered in each language, nothing written."""

from clubs_exchange import data_version
from clubs_exchange.warmup import PAGES, warm


def test_warming_renders_the_key_pages_in_each_language_and_writes_nothing(app, db, staff, make_proposal):
    from clubs_exchange.proposals.models import ProposalState

    make_proposal(state=ProposalState.APPROVED, title="Chorfest")
    before = data_version.current()
    done = warm(app)
    assert done["templates"] > 50
    assert done["pages"] == len(PAGES) * len(app.config["SUPPORTED_LANGUAGES"])
    assert data_version.current() == before
    # The month grid is kept for the real users (calendar/grid_cache.py).
    assert app.extensions["calendar_grids"]["grids"]


def test_without_staff_only_the_templates_are_compiled(app, db):
    done = warm(app)
    assert done["templates"] > 50 and done["pages"] == 0

"""Two people, one record: a step on a record that changed since its page was loaded is refused, not recorded.

Proposals, placements, award applications and host households carry a version counter (SQLAlchemy's
`version_id_col`): every UPDATE says `WHERE version = <the one read>` and bumps it. Two ways to notice a change:

- the form carries the version its page showed (a hidden field, `version_field()`); `check_version` refuses
  when it differs from the record's version now: someone changed it between page and click;
- two requests at the same moment both read the same version; the second UPDATE finds no row with it and
  SQLAlchemy raises StaleDataError at flush: `unchanged` turns that into the same refusal.

A route wraps its step in `with concurrency.unchanged(record, form.version.data):`, commit included.

A form without the field (an old page, a bookmark, a script) is refused too: it cannot say what its sender saw,
and a step it would take might overwrite a change the sender never saw.

Either way the person is told who changed the record, when (from the audit trail) and what it is now. A
StaleDataError that escapes anyway (a route that commits outside `unchanged`) becomes the same answer, 409, in
the one error handler `init_app` registers: never a 500.
"""

from collections.abc import Callable
from contextlib import contextmanager

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField

from clubs_exchange.errors import DomainError
from clubs_exchange.extensions import db


class VersionField(HiddenField):
    """A sent form without the field has no version, even when the form was built with obj=record (WTForms
    would otherwise keep the record's current version, and the check could never fail)."""

    def process_formdata(self, valuelist):
        self.data = valuelist[0] if valuelist else None


def version_field() -> VersionField:
    """The hidden field a form that changes a versioned record carries: the version its page showed."""
    return VersionField()


class ChangedMeanwhile(DomainError):
    """The record changed since the person loaded it: nothing was recorded; `record` is as it is now."""

    def __init__(self, record, message: str):
        super().__init__(message)
        self.record = record


def _current_state(record) -> str:
    if hasattr(record, "state"):
        return record.state.label
    if hasattr(record, "status"):
        return record.status.label
    # A record without a state (a scheme's yearly budget) says in words what it holds now.
    return record.as_it_is_now()


# Who changed a record last, and when: the audit trail knows, and registers these when its area starts
# (clubs_exchange/audit/__init__.py): the core imports no area. Each returns an object with `actor_name` and `at`,
# or None. `_last_change(record)`: the record's newest entry; `_last_placement_change(proposal)`: the newest
# entry of the event's placements (a placement is replaced, not updated).
_history: dict[str, Callable] = {"record": lambda record: None, "placements": lambda proposal: None}


def register_history(*, last_change: Callable, last_placement_change: Callable) -> None:
    _history.update(record=last_change, placements=last_placement_change)


def _last_change(record):
    return _history["record"](record)


# Whole sentences per kind of record, so each translates well.
CHANGED_BY = {
    "Proposal": _l("This proposal was changed by %(name)s at %(time)s while you were looking at it; it is now "
                   "%(state)s. Look at it again and decide."),
    "AwardApplication": _l("This award application was changed by %(name)s at %(time)s while you were looking at "
                           "it; it is now %(state)s. Look at it again and decide."),
    "FundingBudget": _l("This budget was changed by %(name)s at %(time)s while you were looking at it; it is now "
                        "%(state)s. Look at it again and decide."),
    "HostHousehold": _l("This host household was changed by %(name)s at %(time)s while you were looking at it; "
                        "it is now %(state)s. Look at it again and decide."),
}
OLD_FORM = _l("This form does not say which version of the record it was filled in on (it may come from an older "
              "page), so nothing was saved: it is now %(state)s. Look at it again and decide.")


def changed_meanwhile(record, *, form_without_version: bool = False) -> ChangedMeanwhile:
    """The refusal for `record`, read as it is now (after a rollback: reloaded from the database)."""
    from clubs_exchange.templating import when

    state = _current_state(record)
    if form_without_version:
        return ChangedMeanwhile(record, str(OLD_FORM % {"state": state}))
    entry = _last_change(record)
    name = entry.actor_name if entry is not None and entry.actor_name else _("someone else")
    time = when(entry.at) if entry is not None else _("a moment ago")
    sentence = CHANGED_BY.get(type(record).__name__, CHANGED_BY["Proposal"])
    return ChangedMeanwhile(record, str(sentence % {"name": name, "time": time, "state": state}))


def parse_version(submitted) -> int | None:
    try:
        value = int(str(submitted).strip())
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


def check_version(record, submitted) -> None:
    """Refuse (ChangedMeanwhile) unless `submitted`, the version the form was loaded with, is the record's now."""
    version = parse_version(submitted)
    if version is None:
        raise changed_meanwhile(record, form_without_version=True)
    if version != record.version:
        raise changed_meanwhile(record)


@contextmanager
def stale_as(refusal: Callable[[], ChangedMeanwhile], also: tuple[type[Exception], ...] = ()):
    """Inside the block, a StaleDataError (a row changed by a transaction that committed meanwhile), or one of
    `also`, rolls back and becomes `refusal()`, read after the rollback: the record as that transaction left it."""
    try:
        yield
    except (StaleDataError, *also):
        db.session.rollback()
        raise refusal() from None


@contextmanager
def unchanged(record, submitted):
    """The step on `record` inside the block, commit included, is taken only if nobody changed the record since
    the form was loaded: the form's version is checked first (`check_version`), and a StaleDataError at any
    flush in the block (autoflush included: another request committed meanwhile) rolls back and refuses."""
    check_version(record, submitted)
    with stale_as(lambda: changed_meanwhile(record)):
        yield


def placements_changed(proposal) -> ChangedMeanwhile:
    """The refusal of a move or swap: a placement of the event was changed (or taken away) meanwhile. A
    placement is replaced, not updated, so the newest entry of the event's placements says who and when."""
    from clubs_exchange.templating import when

    entry = _history["placements"](proposal)
    name = entry.actor_name if entry is not None and entry.actor_name else _("someone else")
    time = when(entry.at) if entry is not None else _("a moment ago")
    return ChangedMeanwhile(proposal, _(
        "The placements of this event were changed by %(name)s at %(time)s while you were looking at them, so "
        "nothing was saved; below they are as they are now. Look at them again and decide.", name=name, time=time,
    ))


# A StaleDataError that escapes every `unchanged` block is answered 409 by the main area's error pages
# (main/routes.py), never a 500.
CHANGED_MEANWHILE_TITLE = _l("Changed meanwhile")
CHANGED_MEANWHILE = _l("Someone else changed this while you were looking at it, so nothing was saved. Look at it "
                       "again and decide.")

"""The calendar's filters (partner city, organisation, kind, dates): read from the address, made into SQL."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import SelectField
from wtforms.fields import DateField
from wtforms.validators import Optional, ValidationError

from clubs_exchange.calendar.grid import MAX_YEAR, MIN_YEAR, start_of_day
from clubs_exchange.extensions import db
from clubs_exchange.forms import LongSelect, option_tags, select_choices
from clubs_exchange.ids import parse_int
from clubs_exchange.organisations.models import Organisation
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.proposals.models import EventKind, Proposal, proposal_co_organisers
from clubs_exchange.proposals.workflow import CALENDAR_STATES


def _reasonable_year(form, field):
    if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        raise ValidationError(
            _l("Choose a date between %(first)s and %(last)s.", first=MIN_YEAR, last=MAX_YEAR)
        )


class CalendarFilterForm(FlaskForm):
    """A GET form: no CSRF token, the values live in the address so a filtered view can be bookmarked."""

    class Meta:
        csrf = False

    partner = SelectField(_l("Partner city"), default="", widget=LongSelect())
    organisation = SelectField(_l("Organisation"), default="", widget=LongSelect())
    kind = SelectField(
        _l("Kind of event"), default="", choices=select_choices([("", _l("All kinds"))]) + EventKind.choices()
    )


class ListFilterForm(CalendarFilterForm):
    # "from" is a Python keyword: the attribute is from_, the parameter in the address is from.
    from_ = DateField(_l("From"), name="from", validators=[Optional(), _reasonable_year])
    to = DateField(_l("To"), validators=[Optional(), _reasonable_year])

    def validate_to(self, field):
        if field.data and self.from_.data and field.data < self.from_.data:
            raise ValidationError(_l("The end date must not be before the start date."))


def filter_form(form_class, formdata, *, partners=None):
    """A filter form bound to the address, with partner cities to choose from (all, or the (id, name) pairs
    given: the public calendar offers those with public events). A form without an organisation field (the
    public calendar's) gets no organisation list.

    A city has ≈2,000 organisations: listing them all made the month page 250 KB. The organisation list
    offers the one in the address (so ?organisation=<id> links keep working and a wrong id is refused) and,
    through offer_organisations(), those with events on the page.
    """
    form = form_class(formdata=formdata)
    if partners is None:
        partners = db.session.execute(
            sa.select(PartnerCity.id, PartnerCity.name).order_by(PartnerCity.name)
        ).all()
    form.partner.choices = select_choices([("", _l("All partner cities")), *partners])
    if "organisation" not in form:
        return form
    asked = parse_int(formdata.get("organisation"))
    selected = []
    if asked is not None:
        selected = db.session.execute(
            sa.select(Organisation.id, Organisation.name).where(Organisation.id == asked)
        ).all()
    form.organisation.choices = select_choices([("", _l("All organisations")), *selected])
    return form


def offer_organisations(form, organisations) -> None:
    """Add (id, name) pairs to the organisation list, sorted by name, after "All organisations"."""
    first, *offered = [(c.value, c.label) for c in form.organisation.choices]
    known = {str(value) for value, _label in offered}
    offered += [(oid, name) for oid, name in organisations if str(oid) not in known]
    form.organisation.choices = select_choices([first, *sorted(offered, key=lambda pair: str(pair[1]).lower())])


def organisation_options(filters: "CalendarFilters", organisations) -> Markup:
    """The organisation list's <option>s: "All organisations", the one the filters name and `organisations`,
    the one the filters name selected. Written from the filters alone, not from the request's form (whose
    field may hold a refused value), so that they can be kept per filters with the month grid."""
    form = filter_form(CalendarFilterForm, MultiDict(filters.args()), partners=[])
    offer_organisations(form, organisations)
    return option_tags(form.organisation)


def organisations_of(events) -> list[tuple[int, str]]:
    """(id, name) of the organisers and co-organisers of already loaded events: one query."""
    event_ids = [e.id for e in events]
    if not event_ids:
        return []
    co = sa.select(proposal_co_organisers.c.organisation_id).where(proposal_co_organisers.c.proposal_id.in_(event_ids))
    return db.session.execute(
        sa.select(Organisation.id, Organisation.name).where(
            sa.or_(Organisation.id.in_({e.organisation_id for e in events}), Organisation.id.in_(co))
        )
    ).all()


@dataclass(frozen=True)
class CalendarFilters:
    partner_id: int | None = None
    organisation_id: int | None = None
    kind: EventKind | None = None

    @classmethod
    def from_form(cls, form: CalendarFilterForm) -> "CalendarFilters":
        """The filters that passed validation; a tampered value is dropped (its field shows the message)."""
        form.validate()

        def valid(field):
            return field.data if field.data and not field.errors else None

        organisation = valid(form.organisation) if "organisation" in form else None
        partner, kind = valid(form.partner), valid(form.kind)
        return cls(
            partner_id=int(partner) if partner else None,
            organisation_id=int(organisation) if organisation else None,
            kind=EventKind(kind) if kind else None,
        )

    def args(self) -> dict[str, str]:
        """The filters as address parameters, for links that keep them."""
        values = {"partner": self.partner_id, "organisation": self.organisation_id, "kind": self.kind}
        return {k: str(v) for k, v in values.items() if v is not None}

    def conditions(self) -> list:
        """WHERE clauses: events of the calendar that match the filters."""
        clauses = [Proposal.state.in_(CALENDAR_STATES)]
        if self.partner_id is not None:
            clauses.append(Proposal.partner_city_id == self.partner_id)
        if self.organisation_id is not None:
            clauses.append(
                sa.or_(
                    Proposal.organisation_id == self.organisation_id,
                    Proposal.co_organisers.any(Organisation.id == self.organisation_id),
                )
            )
        if self.kind is not None:
            clauses.append(Proposal.kind == self.kind)
        return clauses


def list_span(first: date | None, last: date | None, *, from_emptied: bool, today: date):
    """The days the list covers: upcoming events by default; an emptied "from" shows everything,
    and "to" alone in the past looks back rather than showing nothing."""
    if first is None and not from_emptied and not (last and last < today):
        first = today
    return first, last


def overlapping(start: datetime, end: datetime) -> list:
    """Events that overlap [start, end)."""
    return [Proposal.starts_at < end, Proposal.ends_at > start]


def date_range_conditions(first: date | None, last: date | None, tz: ZoneInfo) -> list:
    """Events touching the local days first..last (both included); either end may be open."""
    clauses = []
    if first is not None:
        clauses.append(Proposal.ends_at > start_of_day(first, tz))
    if last is not None:
        clauses.append(Proposal.starts_at < start_of_day(last + timedelta(days=1), tz))
    return clauses


def list_selection(args, today: date, *, form_class=None, partners=None):
    """What the calendar list shows for this address: its bound form, the filters, the days it covers and
    the WHERE clauses. The list page, its CSV export and the public list read the address the same way."""
    from clubs_exchange.clock import city_tz

    form = filter_form(form_class or ListFilterForm, args, partners=partners)
    filters = CalendarFilters.from_form(form)
    first, last = list_span(
        form.from_.data if not form.from_.errors else None,
        form.to.data if not form.to.errors else None,
        from_emptied=args.get("from") == "",
        today=today,
    )
    conditions = [*filters.conditions(), *date_range_conditions(first, last, city_tz())]
    return form, filters, first, last, conditions

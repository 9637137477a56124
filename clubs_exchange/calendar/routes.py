"""The partnership calendar's pages: the month grid, the list and the event page (login required)."""

from babel.dates import get_day_names
from flask import abort, redirect, render_template, request, url_for
from flask_babel import format_date, format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from clubs_exchange import clock
from clubs_exchange.calendar import bp
from clubs_exchange.calendar.events import cancellation_reason, may_open_proposal, organisers
from clubs_exchange.calendar.filters import (
    CalendarFilterForm,
    CalendarFilters,
    filter_form,
    list_selection,
    offer_organisations,
    organisation_options,
    organisations_of,
    overlapping,
)
from clubs_exchange.calendar.grid import build_month, by_month, parse_month, visible_span
from clubs_exchange.calendar.grid_cache import cached_grid
from clubs_exchange.calendar.queries import calendar_event_ids, calendar_events, grid_events
from clubs_exchange.clock import city_tz, local
from clubs_exchange.forms import RenderedOptions, form_status, has_errors
from clubs_exchange.htmx import is_fragment_request, render
from clubs_exchange.page_cache import cached_page
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import get_or_404, is_staff
from clubs_exchange.proposals.access import can_view_proposal
from clubs_exchange.proposals.models import Proposal
from clubs_exchange.proposals.workflow import CALENDAR_STATES


@bp.context_processor
def calendar_helpers():
    return {
        "clock": lambda value: format_time(local(value), "short"),
        "short_date": lambda day: format_date(day, "d MMM"),
        "today": clock.today(),
        "fragment": is_fragment_request(),
    }


@bp.get("/")
@login_required
@cached_page
def month():
    today = clock.today()
    problems = []
    asked = parse_month(request.args.get("year"), request.args.get("month"), today)
    if asked is None:
        problems.append(_("That month could not be read; here is the current month."))
        asked = (today.year, today.month)
    year, month_number = asked
    form = filter_form(CalendarFilterForm, request.args)
    filters = CalendarFilters.from_form(form)

    tz = city_tz()
    day_names = get_day_names("wide", locale=get_locale())
    short_names = get_day_names("abbreviated", locale=get_locale())
    weekdays = [(day_names[i], short_names[i]) for i in range(7)]

    def build_grid():
        start, end = visible_span(year, month_number, tz)
        events = grid_events([*filters.conditions(), *overlapping(start, end)])
        grid = build_month(year, month_number, events, today=today, tz=tz)
        html = render_template("calendar/_grid.html", grid=grid, filters=filters, weekdays=weekdays)
        # The organisation list is kept with the grid, written: a month of 1,600 events offers ≈1,500
        # organisations, and building and writing their options was half the page's time (profiled). Its
        # selection follows the filters, which are part of the key.
        return Markup(html), organisation_options(filters, organisations_of(events))

    key = (year, month_number, tuple(sorted(filters.args().items())), str(get_locale()), today, tz.key)
    grid_html, options = cached_grid(key, build_grid)
    form.organisation.widget = RenderedOptions(options)
    status = 422 if problems or has_errors(form) else 200
    return render(
        "calendar/month.html", "calendar_grid", status=status,
        grid=build_month(year, month_number, [], today=today, tz=tz), grid_html=grid_html,
        form=form, filters=filters, problems=problems,
    )


@bp.get("/list", endpoint="list")
@login_required
@cached_page
def event_list():
    form, filters, first, last, conditions = list_selection(request.args, clock.today())
    tz = city_tz()
    page = paginate(calendar_events(conditions), ids=calendar_event_ids(conditions), key=Proposal.id)
    months = by_month(page.items, tz)
    offer_organisations(form, {(o.id, o.name) for e in page.items for o in (e.organisation, *e.co_organisers)})
    args = {**filters.args(), **({"from": first.isoformat()} if first else {"from": ""})}
    if last:
        args["to"] = last.isoformat()
    return render(
        "calendar/list.html", "calendar_list", status=form_status(form),
        form=form, filters=filters, page=page, months=months, first=first, last=last, args=args,
    )


@bp.get("/event/<id:proposal_id>")
@login_required
def event(proposal_id):
    proposal = get_or_404(Proposal, proposal_id)
    if proposal.state not in CALENDAR_STATES:
        # Not (or no longer) in the calendar: its organisers and staff find it among the proposals.
        if can_view_proposal(current_user, proposal):
            return redirect(url_for("proposals.show", proposal_id=proposal.id))
        abort(404)
    return render(
        "calendar/event.html",
        event=proposal,
        organisers=organisers(proposal),
        reason=cancellation_reason(proposal),
        may_open_proposal=may_open_proposal(current_user, proposal),
        staff=is_staff(current_user),
    )

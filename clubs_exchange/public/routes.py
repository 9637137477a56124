"""The public calendar's pages (no login): the month grid, the list, the list for the city's website to frame,
the iCalendar feed; and the switch with which staff put an approved event into it or take it out."""

from babel.dates import get_day_names
from flask import Response, current_app, flash, g, make_response, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required

from clubs_exchange import clock, languages
from clubs_exchange.calendar.feeds import webcal_url
from clubs_exchange.calendar.filters import (
    CalendarFilterForm,
    CalendarFilters,
    ListFilterForm,
    filter_form,
    list_selection,
    overlapping,
)
from clubs_exchange.calendar.grid import build_month, by_month, parse_month, start_of_day, visible_span
from clubs_exchange.calendar.ics import FEED_WINDOW, build_calendar, no_gc_pauses
from clubs_exchange.calendar.queries import calendar_event_ids, calendar_events, feed_events, grid_events
from clubs_exchange.calendar.routes import calendar_helpers
from clubs_exchange.clock import city_tz
from clubs_exchange.config import embed_origins
from clubs_exchange.extensions import db
from clubs_exchange.forms import form_status
from clubs_exchange.htmx import is_fragment_request, redirect_after_post
from clubs_exchange.links import local_path
from clubs_exchange.mail.outbox import absolute_url
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import get_or_404, require_staff
from clubs_exchange.proposals.models import Proposal
from clubs_exchange.public import bp
from clubs_exchange.public.caching import answer_etag, cacheable, keep_private_copies_only, not_modified
from clubs_exchange.public.ics import public_description
from clubs_exchange.public.queries import public_conditions, public_partners
from clubs_exchange.public.visibility import VisibilityError, set_public
from clubs_exchange.rate_limits import Rule, client_address, limited, retry_after
from clubs_exchange.security_headers import content_security_policy

# One count per client for every route of the area: the pages, the feed and the embed face the internet.
PUBLIC_RULE = Rule("PUBLIC_LIMIT", client_address, "public", methods=("GET", "HEAD", "POST"), shared=True)

bp.context_processor(calendar_helpers)  # the calendar's clock, short_date and today
bp.after_request(keep_private_copies_only)


class PublicFilterForm(CalendarFilterForm):
    """Partner city and kind: an organisation filter would offer the organisations of the intranet."""

    organisation = None


class PublicListFilterForm(ListFilterForm):
    organisation = None


@bp.before_request
def language_from_address():
    # ?lang=de: the city's website links (or frames) the calendar in a language; languages.py checks the code.
    g.language_in_address = request.args.get("lang")


def language_args() -> dict[str, str]:
    """The language the address asked for, for every link of the page to keep."""
    asked = g.get("language_in_address")
    return {"lang": asked} if asked in languages.offered() else {}


# The parameters the public pages read; links to "this page" keep these and no others (url_for would take a
# parameter named _scheme or _anchor from the address as its own).
PAGE_PARAMETERS = ("year", "month", "partner", "kind", "from", "to", "page", "lang")


def here(**changes) -> str:
    """This page's address with some parameters changed (the language links)."""
    kept = {name: request.args[name] for name in PAGE_PARAMETERS if name in request.args}
    return url_for(request.endpoint, **{**(request.view_args or {}), **kept, **changes})


@bp.context_processor
def public_helpers():
    return {"lang_args": language_args(), "here": here}


def public_event_url(proposal: Proposal) -> str:
    """Where an event of the feed leads: its day in the public list (there is no public page per event)."""
    day = proposal.starts_at.astimezone(city_tz()).date().isoformat()
    url = absolute_url("public.event_list", **{"from": day, "to": day, **language_args()})
    return f"{url}#event-{proposal.id}"


def feed_links(filters: CalendarFilters) -> dict[str, str]:
    """The feed of what the page shows (its partner city and kind), in its language, from BASE_URL."""
    url = absolute_url("public.feed", **filters.args(), **language_args())
    return {"feed_url": url, "webcal_url": webcal_url(url)}


def page(template: str, etag: str, status: int, **context) -> Response:
    response = make_response(render_template(template, **context), status)
    return cacheable(response, etag) if status == 200 else response


def weekday_names() -> list[tuple[str, str]]:
    wide, short = get_day_names("wide", locale=get_locale()), get_day_names("abbreviated", locale=get_locale())
    return [(wide[i], short[i]) for i in range(7)]


@bp.get("/calendar")
@limited(PUBLIC_RULE)
def month():
    etag = answer_etag("month")
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    today = clock.today()
    problems = []
    asked = parse_month(request.args.get("year"), request.args.get("month"), today)
    if asked is None:
        problems.append(_("That month could not be read; here is the current month."))
        asked = (today.year, today.month)
    year, month_number = asked
    form = filter_form(PublicFilterForm, request.args, partners=public_partners())
    filters = CalendarFilters.from_form(form)
    tz = city_tz()
    start, end = visible_span(year, month_number, tz)
    events = grid_events([*public_conditions(), *filters.conditions(), *overlapping(start, end)])
    grid = build_month(year, month_number, events, today=today, tz=tz)
    status = 422 if problems or form_status(form) == 422 else 200
    return page("public/month.html", etag, status, grid=grid, form=form, filters=filters, problems=problems,
                weekdays=weekday_names(), **feed_links(filters))


def list_context() -> tuple[dict, int]:
    form, filters, first, last, conditions = list_selection(
        request.args, clock.today(), form_class=PublicListFilterForm, partners=public_partners()
    )
    selected = [*public_conditions(), *conditions]
    listed = paginate(calendar_events(selected), ids=calendar_event_ids(selected), key=Proposal.id)
    args = {**filters.args(), **language_args(), "from": first.isoformat() if first else ""}
    if last:
        args["to"] = last.isoformat()
    context = dict(form=form, filters=filters, page=listed, months=by_month(listed.items, city_tz()), first=first,
                   last=last, args=args, **feed_links(filters))
    return context, form_status(form)


@bp.get("/calendar/list", endpoint="event_list")
@limited(PUBLIC_RULE)
def event_list():
    etag = answer_etag("list")
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    context, status = list_context()
    return page("public/list.html", etag, status, **context)


@bp.get("/embed")
@limited(PUBLIC_RULE)
def embed():
    """The list without navigation, for a frame on the city's website: only PUBLIC_EMBED_ORIGINS may frame it."""
    origins = " ".join(embed_origins(current_app.config)) or "'none'"
    etag = answer_etag("embed", origins)
    if (unchanged := not_modified(etag)) is not None:
        response = unchanged
    else:
        context, status = list_context()
        response = page("public/embed.html", etag, status, **context)
    response.headers["Content-Security-Policy"] = content_security_policy(frame_ancestors=origins)
    return response


@bp.get("/calendar.ics")
@limited(PUBLIC_RULE)
def feed():
    """The public events that ended at most FEED_WINDOW ago and all later ones; ?partner= and ?kind= narrow it,
    ?lang= writes it in a language (a calendar program sends no Accept-Language of its person's)."""
    etag = answer_etag("feed")
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    today = clock.today()
    partners = public_partners()
    form = filter_form(PublicFilterForm, request.args, partners=partners)
    filters = CalendarFilters.from_form(form)
    window_start = start_of_day(today - FEED_WINDOW, city_tz())
    conditions = [*public_conditions(), *filters.conditions(), Proposal.ends_at > window_start]
    city = current_app.config["CITY_NAME"]
    partner_name = dict(partners).get(filters.partner_id)
    if partner_name:
        name = _("%(city)s · Partnership calendar · %(partner)s", city=city, partner=partner_name)
    else:
        name = _("%(city)s · Partnership calendar", city=city)
    with no_gc_pauses():
        body = build_calendar(
            feed_events(conditions), name=name, tz_name=current_app.config["CITY_TIMEZONE"],
            event_url=public_event_url, today=today, describe=public_description,
        )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="public-calendar.ics"'
    return cacheable(response, etag)


@bp.post("/events/<id:proposal_id>/visibility")
@limited(PUBLIC_RULE)
@login_required
def visibility(proposal_id):
    """Staff show an approved event in the public calendar (public=1) or take it out (public=0)."""
    require_staff()
    proposal = get_or_404(Proposal, proposal_id)
    error = None
    try:
        set_public(proposal, request.form.get("public") == "1")
    except VisibilityError as refused:
        db.session.rollback()
        error = str(refused.message)
    else:
        db.session.commit()
    if proposal.public:
        message = _("“%(title)s” is shown in the public calendar.", title=proposal.title)
    else:
        message = _("“%(title)s” is not shown in the public calendar.", title=proposal.title)
    next_url = local_path(request.form.get("next")) or url_for("calendar.event", proposal_id=proposal.id)
    if is_fragment_request():
        html = render_template("public/_visibility.html", subject=proposal, next_url=next_url,
                               message=None if error else message, error=error)
        return make_response(html, 422 if error else 200)
    flash(error or message, "error" if error else "success")
    return redirect_after_post(next_url)


@bp.errorhandler(429)
def too_many_requests(error):
    """The public calendar's own page: no form was sent, and nothing of the intranet's layout (no session)."""
    from flask_babel import ngettext

    seconds = retry_after()
    minutes = max(1, -(-seconds // 60))
    message = ngettext(
        "This calendar was asked for very often from your address in a short time. Please try again in %(num)d "
        "minute.",
        "This calendar was asked for very often from your address in a short time. Please try again in %(num)d "
        "minutes.",
        minutes,
    )
    response = make_response(render_template("public/error.html", title=_("Too many requests"), message=message),
                             429)
    response.headers["Retry-After"] = str(seconds)
    response.cache_control.no_store = True
    return response

"""iCalendar feeds for calendar programs (a secret token in the address instead of a login cookie),
the page that hands out their addresses, and the button that replaces the token."""

import gzip
from collections import OrderedDict
from dataclasses import dataclass, field
from threading import Lock

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from clubs_exchange import clock, languages
from clubs_exchange.auth.models import new_token
from clubs_exchange.calendar import bp
from clubs_exchange.calendar.filters import CalendarFilters
from clubs_exchange.calendar.grid import start_of_day
from clubs_exchange.calendar.ics import FEED_WINDOW, build_calendar, feed_etag, no_gc_pauses
from clubs_exchange.calendar.queries import active_user_for_token, feed_events, feed_state
from clubs_exchange.clock import city_tz
from clubs_exchange.extensions import db
from clubs_exchange.htmx import redirect_after_post, render
from clubs_exchange.ids import int_arg
from clubs_exchange.localised.reading import localised
from clubs_exchange.mail.outbox import absolute_url
from clubs_exchange.partners.models import PartnerCity
from clubs_exchange.permissions import get_or_404
from clubs_exchange.proposals.models import Proposal
from clubs_exchange.proposals.workflow import CALENDAR_STATES


def _event_url(proposal) -> str:
    return absolute_url("calendar.event", proposal_id=proposal.id)


# A year's feed is ≈3.5 MB of text that compresses to a tenth; a calendar program polls it every hour.
GZIP_SUFFIX = "-gzip"  # the compressed copy is another representation: its ETag differs (RFC 9110, 8.8.3)


@dataclass
class BuiltFeed:
    """A feed's text, and its gzip copy once a program that accepts gzip asked for it."""

    body: bytes
    gzipped: bytes | None = field(default=None, repr=False)

    def compressed(self) -> bytes:
        if self.gzipped is None:
            self.gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self.gzipped


def _accepts_gzip() -> bool:
    return request.accept_encodings["gzip"] > 0


def _ics_response(feed: BuiltFeed | None, *, etag: str | None, filename: str) -> Response:
    """The feed (None: 304 Not Modified), gzip-compressed when the program accepts it."""
    compress = feed is not None and etag is not None and _accepts_gzip()
    if compress:
        body, etag = feed.compressed(), etag + GZIP_SUFFIX
    else:
        body = feed.body if feed is not None else None
    response = Response(body, status=200 if body is not None else 304, mimetype="text/calendar")
    if compress:
        response.headers["Content-Encoding"] = "gzip"
    if etag:
        response.set_etag(etag)
        response.vary.add("Accept-Encoding")
    # The address is a secret: no shared cache keeps it; programs revalidate with If-None-Match.
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed(partner: PartnerCity | None, owner) -> Response:
    """Events that ended at most FEED_WINDOW ago (counted from local midnight) and all later ones, written in the
    language of the feed's owner (whose token is in the address), else the city's: a calendar program sends no
    Accept-Language of the person's, or one of its own."""
    language = languages.language_of(owner)
    with force_locale(languages.format_locale(language)):
        return _feed_in_language(partner, language)


def _feed_in_language(partner: PartnerCity | None, language: str) -> Response:
    today = clock.today()
    window_start = start_of_day(today - FEED_WINDOW, city_tz())
    filters = CalendarFilters(partner_id=partner.id if partner else None)
    conditions = [*filters.conditions(), Proposal.ends_at > window_start]

    # Everything the text is made of: the data, the scope and window, the language, the links' address and the
    # city's name. The feed built for an ETag is then the same text for as long as the ETag is the same.
    city = current_app.config["CITY_NAME"]
    scope = f"partner={partner.id},{partner.updated_at}" if partner else "all"
    etag = feed_etag(
        *feed_state(conditions), scope, window_start.date().isoformat(), language, request.host_url, city,
    )
    filename = f"partnership-calendar-{partner.id}.ics" if partner else "partnership-calendar.ics"
    if request.if_none_match.contains(etag) or request.if_none_match.contains(etag + GZIP_SUFFIX):
        return _ics_response(None, etag=etag + (GZIP_SUFFIX if _accepts_gzip() else ""), filename=filename)

    if partner:
        name = _("%(city)s · Partnership calendar · %(partner)s", city=city, partner=partner.name)
    else:
        name = _("%(city)s · Partnership calendar", city=city)
    # A feed built once is served again from memory until its ETag changes.
    key = etag
    built = _built_feeds.get(key)
    if built is None:
        with no_gc_pauses():
            built = BuiltFeed(build_calendar(
                feed_events(conditions), name=name, tz_name=current_app.config["CITY_TIMEZONE"],
                event_url=_event_url, today=today,
            ))
        _built_feeds.put(key, built)
    return _ics_response(built, etag=etag, filename=filename)


class _LRU:
    """A few built feeds per worker process (the whole calendar and some partner cities)."""

    def __init__(self, size: int):
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_built_feeds = _LRU(16)


def _owner_of_token(token: str):
    # An unknown token and a disabled account look the same: there is nothing at this address.
    owner = active_user_for_token(token)
    if owner is None:
        abort(404)
    return owner


@bp.get("/feed/<token>.ics")
def feed(token):
    """The whole calendar; ?partner=<id> narrows it to one partner city."""
    owner = _owner_of_token(token)
    partner = get_or_404(PartnerCity, int_arg("partner")) if "partner" in request.args else None
    return _feed(partner, owner)


@bp.get("/feed/<token>/partner/<id:partner_id>.ics")
def partner_feed(token, partner_id):
    owner = _owner_of_token(token)
    return _feed(get_or_404(PartnerCity, partner_id), owner)


@bp.get("/event/<id:proposal_id>.ics")
@login_required
def event_ics(proposal_id):
    """One event to add to a calendar program ("Add to calendar")."""
    proposal = get_or_404(Proposal, proposal_id)
    if proposal.state not in CALENDAR_STATES:
        abort(404)
    body = build_calendar(
        [proposal], name=localised(proposal, "title").text, tz_name=current_app.config["CITY_TIMEZONE"],
        event_url=_event_url, today=clock.today(),
    )
    return _ics_response(BuiltFeed(body), etag=None, filename=f"event-{proposal.id}.ics")


def webcal_url(url: str) -> str:
    """The same address for programs that open webcal:// links (subscribe rather than import once)."""
    return "webcal://" + url.split("://", 1)[1]


@bp.get("/subscribe")
@login_required
def subscribe():
    token = current_user.calendar_token
    whole = absolute_url("calendar.feed", token=token)
    partners = db.session.scalars(sa.select(PartnerCity).order_by(PartnerCity.name)).all()
    partner_feeds = [
        (partner, absolute_url("calendar.partner_feed", token=token, partner_id=partner.id))
        for partner in partners
    ]
    return render(
        "calendar/subscribe.html",
        whole=whole, whole_webcal=webcal_url(whole),
        partner_feeds=[(p, url, webcal_url(url)) for p, url in partner_feeds],
        window_days=FEED_WINDOW.days,
    )


@bp.post("/subscribe/token")
@login_required
def regenerate_token():
    current_user.calendar_token = new_token()
    db.session.commit()
    flash(
        _("Your calendar addresses are new. The old ones no longer work: subscribe again with the new ones."),
        "success",
    )
    return redirect_after_post(url_for("calendar.subscribe"))

"""CSV exports of the lists, each reading the address like its page and allowed to whom the page is."""

from flask import request
from flask_login import current_user, login_required

from clubs_exchange import clock
from clubs_exchange.accounts.directory import search_text, user_search
from clubs_exchange.audit.queries import audit_query
from clubs_exchange.audit.queries import read_filters as read_audit_filters
from clubs_exchange.calendar.filters import list_selection
from clubs_exchange.csv_io import csv_response
from clubs_exchange.exports import bp
from clubs_exchange.exports.tables import (
    accounts_table,
    audit_table,
    calendar_query,
    calendar_table,
    interests_table,
    organisations_table,
    proposals_table,
)
from clubs_exchange.interests.listing import InterestFilters, open_interests_query
from clubs_exchange.organisations.directory import organisation_search, read_directory_filters
from clubs_exchange.permissions import is_staff, require_staff
from clubs_exchange.proposals.listing import proposal_list, read_list_filters
from clubs_exchange.review.queue import queue_query, read_queue_filter


@bp.before_request
@login_required
def logged_in_only():
    """Every export needs a login; those of staff pages need staff too (below)."""


@bp.get("/proposals.csv")
def proposals():
    """The proposals list: a member's file holds their organisations' proposals only, as their list does."""
    _form, filters, _organisations, _valid = read_list_filters(request.args, current_user)
    query = proposal_list(current_user, filters)
    return csv_response("proposals", *proposals_table(query))


@bp.get("/review.csv")
def review():
    require_staff()
    _form, queue_filter, _valid = read_queue_filter(request.args)
    return csv_response(f"review-{queue_filter.state.value}", *proposals_table(queue_query(queue_filter)))


@bp.get("/calendar.csv")
def calendar():
    _form, _filters, _first, _last, conditions = list_selection(request.args, clock.today())
    return csv_response("calendar", *calendar_table(calendar_query(conditions)))


@bp.get("/organisations.csv")
def organisations():
    staff = is_staff(current_user)
    _form, filters, _valid = read_directory_filters(request.args, staff=staff)
    return csv_response("organisations", *organisations_table(organisation_search(**filters), with_contacts=staff))


@bp.get("/interests.csv")
def interests():
    query = open_interests_query(InterestFilters.from_args(request.args))
    return csv_response("interests", *interests_table(query))


@bp.get("/accounts.csv")
def accounts():
    require_staff()
    return csv_response("accounts", *accounts_table(user_search(search_text(request.args))))


@bp.get("/audit.csv")
def audit():
    require_staff()
    _form, filters, _valid = read_audit_filters(request.args)
    return csv_response("audit", *audit_table(audit_query(filters)))

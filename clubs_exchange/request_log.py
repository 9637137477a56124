"""One log line per request, for the operator: method, the route's pattern with its numeric ids, status, time
and the account's number — never the query string (a search holds names), a token of a path (feeds,
invitations, reset links are secrets), an address, a name or the client's IP address (personal data; the
reverse proxy's log has it, for the time its own retention allows).

    GET /proposals/<id:proposal_id> proposal_id=12 -> 200 in 14.2 ms, user 7

Logger "clubs_exchange.requests" at INFO; REQUEST_LOG = False turns it off. Gunicorn's own access log (off
unless --access-logfile is given) would write whole URLs: keep it off (README, Operations).
"""

import logging
import time

import sqlalchemy as sa
from flask import Flask, g, request

from clubs_exchange.ids import IdConverter

log = logging.getLogger("clubs_exchange.requests")


def _route() -> str:
    rule = request.url_rule
    if rule is None:
        return "(no route)"
    ids = [f"{name}={value}" for name, value in (request.view_args or {}).items()
           if isinstance(rule._converters.get(name), IdConverter)]
    return " ".join([rule.rule, *ids])


def _user() -> str:
    """The account's number, only if the request loaded the account anyway — from the identity map, as reading
    an attribute of an object expired by the request's commit (even is_authenticated) would query again. A page
    served from the cache loads none: it was kept for this account's session (page_cache.py), which says whose."""
    if (cached_for := g.get("page_cache_user")) is not None:
        return f"user {cached_for}, from the cache"
    user = g.get("_login_user")
    state = sa.inspect(user, raiseerr=False) if user is not None else None
    identity = state.identity if state is not None else None
    return f"user {identity[0]}" if identity else "anonymous"


def init_app(app: Flask) -> None:
    if not app.config.get("REQUEST_LOG", True):
        return
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)

    def _start():
        g.request_started = time.perf_counter()

    # First of all before-request functions (page_cache.init_app put its own first before): a page served from
    # the cache ends the request in its before-request function, and its time counts too.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)

    @app.after_request
    def _line(response):
        started = g.pop("request_started", None)
        ms = (time.perf_counter() - started) * 1000 if started is not None else 0.0
        log.info("%s %s -> %d in %.1f ms, %s", request.method, _route(), response.status_code, ms, _user())
        return response


"""Limits on guessing: how often one e-mail address or one client may try a form that faces the internet.

A view names its limits with `@limited(Rule(...), ...)`; the numbers are settings ("10 per 15 minutes",
several joined by ";"), counted by Flask-Limiter in RATELIMIT_STORAGE_URI: `memory://` counts per process,
Redis for all workers and machines together. Only POSTs count unless a rule names other methods: the intranet's
pages stay open; the download of one's own data counts its GETs; the public calendar's pages (no login, on the
internet) count per client, all of them together (`shared=True`: one count for every view marked with the
rule's scope).

Each app gets a Limiter of its own (RateLimits.init_app): one Limiter keeps parts of the first app's settings
(its key prefix, its error handling) and the last app's storage and on/off switch, so two apps of one process
(the tests; two instances sharing Redis) would share one.

When the storage cannot be reached (Redis down), each process counts in its own memory until Redis answers
again, and says so in the log: the limits hold per worker, and no request fails because of them.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_limiter import Limiter

log = logging.getLogger("clubs_exchange.rate_limits")

EXTENSION = "clubs_exchange.rate_limits"
# How long to wait for Redis before counting in memory: a login never waits long for its limit.
REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def client_address() -> str:
    """The client's address (behind a proxy, ProxyFix has put the real one in remote_addr)."""
    return request.remote_addr or "unknown"


def email_in_form() -> str:
    """The e-mail address the form names, as the account lookup reads it; hashed, so the storage holds no
    addresses."""
    email = (request.form.get("email") or "").strip().lower()
    return hashlib.sha256(email.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Rule:
    setting: str  # the config key that holds the limit, e.g. LOGIN_LIMIT = "10 per 15 minutes"
    key: Callable[[], str]  # whom it counts: client_address or email_in_form
    scope: str  # names the count beside the endpoint: "client", "address"
    refusals_only: bool = False  # count only refused answers (422): wrong passwords, not logins
    methods: tuple[str, ...] = ("POST",)  # what counts: form posts, GETs of a costly download or public pages
    shared: bool = False  # one count for all views marked with this scope, not one per view


def limited(*rules: Rule):
    """Mark a view: its POSTs count against these rules (bound to each app by RateLimits.init_app)."""

    def mark(view):
        view.rate_limit_rules = rules
        return view

    return mark


def logged_in_account() -> str:
    """The logged-in person (a download of one's own data counts per account, wherever it comes from)."""
    from flask_login import current_user

    return f"account:{current_user.id}" if current_user.is_authenticated else client_address()


def _refused(response) -> bool:
    return response.status_code == 422


class RateLimits:
    """Binds Flask-Limiter to an app: a Limiter of its own, and the marked views wrapped with their rules."""

    def init_app(self, app: Flask) -> None:
        """Call after the blueprints are registered: it wraps their views."""
        if not app.config["RATELIMIT_ENABLED"]:
            return
        uri = app.config["RATELIMIT_STORAGE_URI"]
        limiter = Limiter(
            client_address,
            storage_uri=uri,
            storage_options=REDIS_TIMEOUTS if uri.startswith(("redis", "rediss", "valkey")) else {},
            in_memory_fallback_enabled=True,
            swallow_errors=True,  # whatever else goes wrong in counting is logged, never a 500
            headers_enabled=False,  # the 429 page sets Retry-After; other answers carry no counts
        )
        limiter.logger = log  # Flask-Limiter's own logger has a NullHandler: its warnings would go unseen
        limiter.init_app(app)
        app.extensions[EXTENSION] = limiter
        for endpoint, view in list(app.view_functions.items()):
            for rule in getattr(view, "rate_limit_rules", ()):
                decorator = limiter.shared_limit if rule.shared else limiter.limit
                view = decorator(
                    lambda setting=rule.setting: current_app.config[setting],
                    key_func=rule.key,
                    scope=rule.scope,
                    methods=list(rule.methods),
                    deduct_when=_refused if rule.refusals_only else None,
                )(view)
            app.view_functions[endpoint] = view


def retry_after() -> int:
    """Seconds until the limit this request ran into lets it through again."""
    limiter = current_app.extensions.get(EXTENSION)
    breached = limiter.current_limit if limiter is not None else None
    if breached is None:
        return 60
    try:
        reset_at, _remaining = breached.window
        return max(1, math.ceil(reset_at - time.time()))
    except Exception:  # the storage went away since the check
        log.warning("could not read when the limit %s ends", breached.limit, exc_info=True)
        return 60

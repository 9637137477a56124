"""Why the login page is shown: "Log in to see the partnership calendar" for a visitor sent there from a page.

An area names the reason for its pages with `login_reason_for(blueprint_name, lazy_text)` when its blueprint is
made; every other page asked for gets the general reason. Only a path of this site is looked at (see safe_next).
"""

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RoutingException

from clubs_exchange.links import local_path

_REASONS: dict[str, object] = {}


def login_reason_for(blueprint_name: str, text) -> None:
    _REASONS[blueprint_name] = text


def login_reason(target: str | None) -> str | None:
    """The reason for the page `target` (a path of this site), or None when no page was asked for."""
    path = local_path(target)
    if path is None:
        return None
    general = _l("Log in to see the page you asked for.")
    try:
        endpoint, _values = current_app.url_map.bind("localhost").match(urlsplit(path).path, method="GET")
    except (HTTPException, RoutingException):
        return str(general)
    return str(_REASONS.get(endpoint.rpartition(".")[0], general))

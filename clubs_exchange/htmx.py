"""Everything htmx-specific in one place: fragment or page, response headers, expired logins."""

import json

from flask import Flask, Response, redirect, render_template, request, url_for
from jinja2_fragments.flask import render_block

from clubs_exchange.security_headers import add_vary


def is_fragment_request() -> bool:
    """Only a plain htmx request gets a fragment; boosted navigation and history restores need the page."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(template: str, block: str | None = None, *, status: int = 200, **context):
    """The full page, or just `block` (named like the id of the element htmx swaps) for a fragment request."""
    if block and is_fragment_request():
        return render_block(template, block, **context), status
    return render_template(template, **context), status


def trigger(response: Response, *events: str) -> Response:
    """Tell other parts of the page (a badge, a counter) to refresh: hx-trigger="event from:body"."""
    existing = response.headers.get("HX-Trigger")
    names = dict.fromkeys([*(existing.split(",") if existing else []), *events])
    response.headers["HX-Trigger"] = ", ".join(n.strip() for n in names if n.strip())
    return response


def redirect_after_post(location: str) -> Response:
    """303 for a plain form; htmx follows HX-Redirect with a full page load instead of swapping."""
    if is_fragment_request():
        response = Response(status=204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect(location, code=303)


def unauthorized() -> Response:
    """An expired login: htmx gets 401 and HX-Redirect, never a login form swapped into a table cell."""
    login_url = url_for("auth.login", next=request.full_path if request.method == "GET" else request.referrer)
    if request.headers.get("HX-Request") == "true":
        response = Response(status=401)
        response.headers["HX-Redirect"] = login_url
        return response
    return redirect(login_url)


# htmx 2 swaps only 2xx by default: 422 carries the form with its messages, and 409 the record as it is now with
# the message that someone changed it meanwhile (concurrency.py), so both are swapped too. Under the
# Content-Security-Policy (security_headers.py) htmx adds no <style> (includeIndicatorStyles) and evaluates no
# string as code (allowEval: no hx-on, js: values or [filter] triggers).
HTMX_CONFIG = json.dumps(
    {
        "responseHandling": [
            {"code": "204", "swap": False},
            {"code": "[23]..", "swap": True},
            {"code": "422", "swap": True},
            {"code": "409", "swap": True},
            {"code": "[45]..", "swap": False, "error": True},
        ],
        "historyCacheSize": 0,
        "includeIndicatorStyles": False,
        "allowEval": False,
    }
)


def init_app(app: Flask) -> None:
    @app.after_request
    def vary_on_hx_request(response: Response) -> Response:
        add_vary(response, "HX-Request")
        return response

    app.jinja_env.globals["htmx_config"] = HTMX_CONFIG


def retarget(response, selector: str):
    """Swap the answer into another element than the one the request named (an edit row's form answers with
    the whole list once saved: the counts change too)."""
    response.headers["HX-Retarget"] = selector
    response.headers["HX-Reswap"] = "outerHTML"
    return response

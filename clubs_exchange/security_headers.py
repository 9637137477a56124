"""Headers on every answer: the Content-Security-Policy, nosniff, Referrer- and Permissions-Policy, and
Cache-Control: no-store on the pages that show personal data (browsers and proxies keep no copy of them)."""

from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

# Whole areas of personal data (guests, households, rooming lists, accounts, the outbox, the view log, exports,
# one's own data and erasure requests) and single pages elsewhere: an endpoint added to one of these areas is
# covered the day it is added.
NO_STORE_BLUEPRINTS = frozenset({"hosting", "accounts", "mail", "audit", "exports", "privacy"})
NO_STORE_ENDPOINTS = frozenset({
    "auth.account", "organisations.members", "awards.application_csv", "awards.report_download",
})


def shows_personal_data(endpoint: str | None) -> bool:
    if not endpoint:
        return False
    return endpoint.rpartition(".")[0] in NO_STORE_BLUEPRINTS or endpoint in NO_STORE_ENDPOINTS


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    """No inline script or style anywhere; htmx from the host of its pinned CDN URL unless it is self-hosted.
    No page may be framed, but the public calendar's embed (public/routes.py) names the origins that may."""
    config = current_app.config
    return _policy(None if config["HTMX_SELF_HOSTED"] else config["HTMX_CDN_URL"], frame_ancestors)


@lru_cache(maxsize=64)  # the same few settings on every answer: the text is made once
def _policy(htmx_cdn_url: str | None, frame_ancestors: str) -> str:
    script_src = "'self'"
    if htmx_cdn_url is not None:
        cdn = urlsplit(htmx_cdn_url)
        script_src += f" {cdn.scheme}://{cdn.netloc}"
    return "; ".join((
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        "img-src 'self'",
        f"frame-ancestors {frame_ancestors}",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ))


def add_vary(response: Response, *names: str) -> Response:
    """Add header names to Vary (each once, whatever their case), as `response.vary.add` does, without parsing
    and writing the header back on every answer."""
    current = response.headers.get("Vary")
    present = {name.strip().lower() for name in current.split(",")} if current else set()
    missing = [name for name in names if name.lower() not in present]
    if missing:
        response.headers["Vary"] = ", ".join([current, *missing] if current else missing)
    return response


def add_headers(response: Response) -> Response:
    headers = response.headers
    policy = headers.get("Content-Security-Policy")
    if policy is None:
        policy = headers["Content-Security-Policy"] = content_security_policy()
    if "frame-ancestors 'none'" in policy:
        headers.setdefault("X-Frame-Options", "DENY")  # for browsers older than frame-ancestors
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
    if shows_personal_data(request.endpoint):
        response.cache_control.no_store = True
        response.cache_control.private = True
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)

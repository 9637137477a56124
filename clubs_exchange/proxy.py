"""Behind a TLS reverse proxy: the forwarded headers of the trusted hops, Secure cookies and HSTS for https."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def serves_https(app: Flask) -> bool:
    return app.config.get("BASE_URL", "").strip().lower().startswith("https://")


def init_app(app: Flask) -> None:
    # Only as many X-Forwarded-* entries as there are proxies of our own: a client sends such headers too, and
    # with no proxy (0, the default) every one of them is a client's claim. X-Forwarded-Prefix is not trusted:
    # the README's nginx example does not set it, so it would reach the app as the client sent it.
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=0)

    https = serves_https(app)
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(name) is None:  # None: follow BASE_URL; True or False as set
            app.config[name] = https

    seconds = int(app.config.get("HSTS_SECONDS") or 0)
    if https and seconds > 0:
        value = f"max-age={seconds}"

        @app.after_request
        def strict_transport_security(response):
            response.headers.setdefault("Strict-Transport-Security", value)
            return response

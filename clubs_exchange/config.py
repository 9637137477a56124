"""Default settings. instance/config.py, then SECRET_KEY / DATABASE_URL and CLUBS_EXCHANGE_* variables override."""

import os
import secrets
from pathlib import Path

HTMX_VERSION = "2.0.11"


class Config:
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Intranet pages stay open for hours: a CSRF token lives as long as the session.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True

    # The home city: its name on pages and feeds, its time zone for every date shown, its currency.
    CITY_NAME = "Home City"
    CITY_TIMEZONE = "Europe/Berlin"
    CURRENCY = "EUR"
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"

    # htmx from a pinned CDN URL with its integrity hash; HTMX_SELF_HOSTED serves static/vendor/htmx.min.js
    # instead, for intranets without internet access (`make vendor-htmx` fetches it).
    HTMX_VERSION = HTMX_VERSION
    HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
    HTMX_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
    HTMX_SELF_HOSTED = False

    INVITATION_DAYS = 14
    # Guest data of an incoming event are purged (flask purge-guests) this many months after it ended.
    HOSTING_RETENTION_MONTHS = 12
    PAGE_SIZE = 50


def database_url_from_env() -> str | None:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    # Hosting platforms hand out postgres:// or postgresql:// URLs; we speak psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_or_create_secret_key(instance_path: str) -> str:
    """A secret key kept in instance/, generated on first start if none is configured."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key

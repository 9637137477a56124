"""Default settings. instance/config.py, then SECRET_KEY / DATABASE_URL and CLUBS_EXCHANGE_* variables override."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

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
    # None: Secure exactly when BASE_URL is https (proxy.py); True or False overrides.
    SESSION_COOKIE_SECURE: bool | None = None
    REMEMBER_COOKIE_SECURE: bool | None = None

    # Behind a reverse proxy: how many proxies of our own set X-Forwarded-For/-Proto/-Host/-Port (nginx in front
    # of gunicorn: 1). 0 trusts none of these headers: the right value when clients reach gunicorn directly.
    TRUSTED_PROXIES = 0
    # Strict-Transport-Security max-age when BASE_URL is https (a year); 0 sends none.
    HSTS_SECONDS = 31_536_000

    # "Keep me logged in" lasts 30 days; logout, a new password or "log out everywhere else" end it sooner.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)

    # The home city: its name on pages and feeds, its time zone for every date shown, its currency.
    CITY_NAME = "Home City"
    CITY_TIMEZONE = "Europe/Berlin"
    # The home city's country (ISO 3166-1 alpha-2 or its name), for the country rules of EU grants.
    CITY_COUNTRY = "DE"
    CURRENCY = "EUR"
    BABEL_DEFAULT_LOCALE = "en"
    # The home city's own language, the first column of its printed certificates and agreements (partners/
    # languages.py); None: BABEL_DEFAULT_LOCALE. A city may greet unknown visitors in English yet sign in German.
    CITY_LANGUAGE = None
    # The languages offered, each named in itself (languages.py); a new one also needs its catalogue (README).
    SUPPORTED_LANGUAGES = {"en": "English", "de": "Deutsch", "ro": "Română", "fr": "Français"}
    # The Babel locale each language's dates, times and numbers follow where it is not the language itself:
    # the office's English is European (24-hour clock, "1 Jan 2027", "€1,234.50"), not American.
    FORMAT_LOCALES = {"en": "en_GB"}
    # A machine translation service's draft for the translation form: the import path of a callable
    # (text, source, target) -> str | None, e.g. "mycity.translate:suggest". None: no service (the intranet has none).
    TRANSLATION_SUGGESTER = None

    # htmx from a pinned CDN URL with its integrity hash; HTMX_SELF_HOSTED serves static/vendor/htmx.min.js
    # instead, for intranets without internet access (`make vendor-htmx` fetches it).
    HTMX_VERSION = HTMX_VERSION
    HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
    HTMX_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
    HTMX_SELF_HOSTED = False

    INVITATION_DAYS = 14
    # The home city as the partner fit score sees it, and how much each factor weighs (any positive numbers).
    HOME_POPULATION = 48_000
    HOME_STRUCTURE = "mixed"  # rural, mixed, urban or industrial
    HOME_LANGUAGES = "German, English"
    FIT_WEIGHTS = {"size": 20, "structure": 15, "club_life": 30, "ties": 20, "language": 15}
    # A partner city's coat of arms or photo: PNG, JPEG, GIF or WebP up to this size and this many pixels
    # (width × height, read from the file's header without decoding it: a 109 kB PNG can be 30,000 × 30,000).
    PARTNER_IMAGE_MAX_BYTES = 1_000_000
    PARTNER_IMAGE_MAX_PIXELS = 25_000_000

    # The largest request body taken (uploads included): a larger one is refused from its Content-Length,
    # before it is read, with the 413 page. Above the largest upload a form takes (CSV files: 2 MB).
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024

    PASSWORD_RESET_MINUTES = 60
    # How long the link that confirms a self-registered account's address works (auth/email_verification.py).
    EMAIL_VERIFICATION_HOURS = 48

    # Limits on guessing (rate_limits.py): "N per period", several joined by ";". An address counts wherever the
    # attempts come from; a client address is everyone behind one router (an office counts as one).
    RATELIMIT_ENABLED = True
    # memory:// counts in each process; with several workers or machines, Redis: redis://127.0.0.1:6379/0.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_KEY_PREFIX = "clubs_exchange"
    # "10 per 15 minutes" means at most 10 in any 15 minutes, not 10 before and 10 after a quarter past.
    RATELIMIT_STRATEGY = "moving-window"
    LOGIN_LIMIT = "10 per 15 minutes"  # refused logins of one e-mail address
    LOGIN_CLIENT_LIMIT = "50 per 15 minutes"  # refused logins from one client address
    FORGOT_PASSWORD_LIMIT = "3 per hour"  # reset links asked for one address
    FORGOT_PASSWORD_CLIENT_LIMIT = "10 per hour"
    REGISTER_LIMIT = "3 per hour"  # registrations with one address
    REGISTER_CLIENT_LIMIT = "10 per hour"
    INVITATION_LIMIT = "10 per hour"  # invitation forms sent from one client address
    VERIFICATION_LIMIT = "3 per hour"  # new confirmation links asked for one address
    VERIFICATION_CLIENT_LIMIT = "10 per hour"

    # Mail. No MAIL_SERVER: mails are written to the log and kept in the outbox page (development).
    # MAIL_SECURITY: "starttls" (port 587), "tls" (implicit TLS, port 465) or "none".
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_SECURITY = "starttls"
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_SENDER = "Twinning office <twinning@example.org>"
    MAIL_TIMEOUT = 10
    MAIL_MAX_ATTEMPTS = 5
    # A mail a sender took but did not finish (the process died) is free again after this many seconds: far
    # longer than one delivery may take (MAIL_TIMEOUT per step of the SMTP dialogue).
    MAIL_CLAIM_TIMEOUT = 600
    # The app's address as people reach it (https://twinning.city.example), the only source of links in mails:
    # never the Host header of a request, which the sender chooses. Required with MAIL_SERVER (the app does not
    # start without it); empty in development: links go to http://127.0.0.1:DEV_PORT.
    BASE_URL = ""
    DEV_PORT = 5000

    # CSV exports: ";" is what Excel expects in German-speaking offices (where "," is the decimal comma); or ",".
    CSV_DELIMITER = ";"

    # Guest data of an incoming event are purged (flask purge-guests) this many months after it ended.
    HOSTING_RETENTION_MONTHS = 12
    # An event's participant lists are purged (flask purge) this many months after its end where none of the
    # funding schemes it applied to keeps them longer (their list_retention_months); the counts stay.
    FUNDING_LIST_RETENTION_MONTHS = 24
    PAGE_SIZE = 50

    # Rendered pages kept per process until the data changes (page_cache.py). The slot bounds how late a page
    # notices the clock alone (an event becoming past); the size bounds the memory of each worker.
    PAGE_CACHE = True
    PAGE_CACHE_SECONDS = 300
    PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024


class ConfigError(RuntimeError):
    """A setting the app cannot run with; the message names it."""


def check_config(config) -> None:
    """Refuse to start with settings that would send wrong links: a mail server without BASE_URL would have
    to take the links in its mails from somewhere, and a request's Host header is the sender's choice."""
    base_url = config.get("BASE_URL") or ""
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ConfigError(f"BASE_URL must be the app's address as people reach it, such as "
                              f"https://twinning.city.example, not {base_url!r}.")
    elif config.get("MAIL_SERVER"):
        raise ConfigError("MAIL_SERVER is set but BASE_URL is not: set BASE_URL (CLUBS_EXCHANGE_BASE_URL) to the "
                          "app's address as people reach it, such as https://twinning.city.example; links in "
                          "mails are made from it alone.")


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

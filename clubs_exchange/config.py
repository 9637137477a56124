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

    # One log line per request (request_log.py): method, route pattern, ids, status, time, account number.
    REQUEST_LOG = True

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
    # `flask send-reminders` (daily): an application due within this many days, or a report, is reminded of.
    FUNDING_REMINDER_DAYS = 14
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
    # Downloads of one's own data (/account/data.json) per account: each gathers everything the person did.
    DATA_EXPORT_LIMIT = "10 per hour"

    PUBLIC_LIMIT = "120 per minute"  # requests to the public calendar (/public) from one client address

    # The public calendar (/public, no login): approved events staff marked public, with public fields only.
    # Whether an approval marks the event public until staff say otherwise.
    PUBLIC_EVENTS_DEFAULT = False
    # How long a browser or a proxy may keep a public page or feed before asking again (ETag: then a 304).
    PUBLIC_CACHE_SECONDS = 300
    # The origins whose pages may show /public/embed in a frame ("https://www.city.example"); empty: none.
    PUBLIC_EMBED_ORIGINS: tuple[str, ...] = ()

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
    # Retention for every purpose (`flask purge`, daily from cron; README "Retention"):
    # mails delivered (or given up) this many days ago leave the outbox; long enough to answer "did you mail me?"
    OUTBOX_RETENTION_DAYS = 90
    # notifications read this many days ago; unread ones stay until read
    NOTIFICATION_RETENTION_DAYS = 180
    # who viewed hosting personal data: kept to answer a complaint or an inquiry of the data protection officer
    HOSTING_VIEW_LOG_RETENTION_MONTHS = 24
    # a self-registered account whose address was never confirmed is deleted this many days after registering
    # (the confirmation link itself runs out after EMAIL_VERIFICATION_HOURS)
    UNCONFIRMED_ACCOUNT_DAYS = 30
    # a disabled account is anonymised ("former member #n") this many months after it was disabled
    DISABLED_ACCOUNT_RETENTION_MONTHS = 24


    # The statements (/privacy, /accessibility; statements/): the city's contacts, demo values to replace. The
    # privacy notice is a template for the city's data protection officer to review before it goes live.
    # True once the data protection officer approved the notice: until then the page says it is a template.
    PRIVACY_NOTICE_REVIEWED = False
    # The controller's name; empty: "<CITY_NAME> · Twinning office", as in every page's footer.
    CITY_CONTROLLER_NAME = ""
    CITY_CONTROLLER_ADDRESS = "Town Hall, Market Square 1, 12345 Home City"
    CITY_CONTROLLER_EMAIL = "twinning@example.org"
    DATA_PROTECTION_OFFICER_EMAIL = "data-protection@example.org"
    SUPERVISORY_AUTHORITY_NAME = "The data protection supervisory authority of the federal state"
    SUPERVISORY_AUTHORITY_URL = "https://www.bfdi.bund.de/"
    # Who answers accessibility feedback: the form's mails go there, the statement names it.
    ACCESSIBILITY_CONTACT_EMAIL = "accessibility@example.org"
    # The enforcement procedure of the accessibility statement (Directive (EU) 2016/2102, Art. 9): in Germany
    # the federal arbitration body (Schlichtungsstelle nach § 16 BGG) or the federal state's own.
    ACCESSIBILITY_ENFORCEMENT_BODY_NAME = "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (BGG)"
    ACCESSIBILITY_ENFORCEMENT_BODY_URL = "https://www.schlichtungsstelle-bgg.de/"
    # The day the accessibility statement was prepared (last reviewed), ISO: update it with each review.
    ACCESSIBILITY_STATEMENT_DATE = "2026-12-02"
    # Accessibility feedback from one client address (statements/feedback.py) and how long it is kept (flask purge).
    ACCESSIBILITY_FEEDBACK_LIMIT = "10 per hour"
    ACCESSIBILITY_FEEDBACK_RETENTION_MONTHS = 24

    # An event's participant lists are purged (flask purge) this many months after its end where none of the
    # funding schemes it applied to keeps them longer (their list_retention_months); the counts stay.
    FUNDING_LIST_RETENTION_MONTHS = 24
    PAGE_SIZE = 50
    # The review queue's rows are heavy (a decision form each, the conflicts): fewer a page keep it quick.
    REVIEW_PAGE_SIZE = 20

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
    embed_origins(config)  # a wrong origin is refused at start, not on the first framed request


def embed_origins(config) -> tuple[str, ...]:
    """PUBLIC_EMBED_ORIGINS as origins a CSP frame-ancestors takes: scheme://host[:port], nothing after it."""
    value = config.get("PUBLIC_EMBED_ORIGINS") or ()
    if isinstance(value, str):  # from the environment: several separated by spaces or commas
        value = value.replace(",", " ").split()
    origins = []
    for origin in value:
        parts = urlsplit(str(origin).strip())
        if (parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/")
                or parts.query or parts.fragment or parts.username or any(c in str(origin) for c in " ;,'\"")):
            raise ConfigError(f"PUBLIC_EMBED_ORIGINS must list origins such as https://www.city.example, "
                              f"not {origin!r}.")
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return tuple(origins)


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

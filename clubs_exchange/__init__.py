"""clubs_exchange: the twinning office's app for exchanges, proposals and the partnership calendar."""

import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from clubs_exchange.config import Config, check_config, database_url_from_env, load_or_create_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# Installed from a wheel, templates/, static/ and migrations/ sit inside the package (setup.py copies them);
# in a checkout (and its editable install) at the top of the repository, as the project card lays it out.
INSTALLED = (PACKAGE_DIR / "templates").is_dir()

# One package per area, each with its blueprint (see partners/__init__.py), registered in this order.
AREAS = (
    "main", "auth", "accounts", "organisations", "partners", "candidates", "interests", "proposals", "review",
    "calendar", "hosting", "mail", "notifications", "awards", "audit", "exports", "localised",
    "funding", "privacy", "statements", "public", "ops",
)


def _folder(name: str) -> str:
    return str((PACKAGE_DIR if INSTALLED else PROJECT_ROOT) / name)


def _instance_path() -> str | None:
    """CLUBS_EXCHANGE_INSTANCE_PATH, else the checkout's instance/ (installed: <venv>/var/clubs_exchange-instance)."""
    if path := os.environ.get("CLUBS_EXCHANGE_INSTANCE_PATH"):
        return path
    return None if INSTALLED else str(PROJECT_ROOT / "instance")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=_instance_path(),
        instance_relative_config=True,
        template_folder=_folder("templates"),
        static_folder=_folder("static"),
    )
    app.config.from_object(Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        if os.environ.get("SECRET_KEY"):
            app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
        if url := database_url_from_env():
            app.config["SQLALCHEMY_DATABASE_URI"] = url
        app.config.from_prefixed_env("CLUBS_EXCHANGE")
    else:
        app.config.update(test_config)

    check_config(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = load_or_create_secret_key(app.instance_path)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'clubs_exchange.db'}"

    from clubs_exchange import cli, htmx, languages, page_cache, proxy, request_log, security_headers, templating
    from clubs_exchange.extensions import csrf, db, login_manager, migrate, rate_limits
    from clubs_exchange.ids import IdConverter

    proxy.init_app(app)
    app.url_map.converters["id"] = IdConverter
    db.init_app(app)
    migrate.init_app(app, db, directory=_folder("migrations"))
    login_manager.init_app(app)
    from clubs_exchange import session_cookie

    session_cookie.init_app(app)  # the session cookie, read once per value (session_cookie.py)
    csrf.init_app(app)
    # The language of each request (account, cookie, browser, default); dates in the city's zone (CITY_TIMEZONE).
    languages.init_app(app)
    htmx.init_app(app)
    page_cache.init_app(app)
    # After the page cache: after-request functions run last-registered first, so the cache sees no-store.
    security_headers.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    request_log.init_app(app)

    for name in AREAS:
        app.register_blueprint(import_module(f"clubs_exchange.{name}").blueprint())
    rate_limits.init_app(app)  # after the blueprints: it wraps the views they mark with @limited

    return app

"""Flask extension objects: created once here, bound to the app in create_app()."""

import logging

import sqlalchemy as sa
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy as _SQLAlchemy
from flask_wtf import CSRFProtect

from clubs_exchange.db import Base
from clubs_exchange.rate_limits import RateLimits


class SQLAlchemy(_SQLAlchemy):
    def _teardown_session(self, exc: BaseException | None) -> None:
        """The session removed at the end of each request, also when the database went away meanwhile: the
        rollback of a connection the server has just closed (a restart) fails, and raised here it would turn the
        finished answer into a 500. The connection is already invalidated by then (the pool replaces it); the
        next request gets a new session."""
        try:
            self.session.remove()
        except sa.exc.DBAPIError as error:
            self.session.registry.clear()
            logging.getLogger("clubs_exchange").warning(
                "the database connection was lost at the end of a request: %s", type(error).__name__)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
rate_limits = RateLimits()

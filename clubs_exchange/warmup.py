"""Warming a freshly started server, so that nobody waits seconds for the first page after a deployment.

A new process compiles each template, reads each language's catalogue, and SQLAlchemy compiles each query on
first use; the month grid of the current month is rendered once per language and filter (calendar/grid_cache.py).
The first month page of a fresh worker took 1.9 s (p99 in the bench) against 0.1 s later. `warm(app)` does
that work once: with gunicorn's --preload it runs in the master before the workers are forked, so every worker
starts with it done (gunicorn_conf.py). It reads and renders, and writes nothing.
"""

import sqlalchemy as sa
from flask import Flask

# Key pages as staff open them first thing: the review queue and the calendar. The organisation and proposal
# pages of staff are warmed through the queue's links (same templates).
PAGES = ("/review/", "/calendar/", "/calendar/list", "/organisations/", "/proposals/")


def warm(app: Flask) -> dict[str, int]:
    """Compile every template, and render the key pages once per language as the first active staff member sees
    them (none: templates only). Returns what was done, for the log."""
    from clubs_exchange.auth.models import User, UserRole
    from clubs_exchange.extensions import db
    from clubs_exchange.languages import COOKIE

    done = {"templates": 0, "pages": 0}
    for name in app.jinja_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        app.jinja_env.get_template(name)
        done["templates"] += 1
    with app.app_context():
        try:
            staff = db.session.scalar(
                sa.select(User).where(User.role == UserRole.STAFF, User.active.is_(True)).order_by(User.id).limit(1)
            )
        except sa.exc.SQLAlchemyError:  # not migrated yet: nothing to render
            staff = None
        languages = list(app.config["SUPPORTED_LANGUAGES"])
        session_user = staff.get_id() if staff else None
        db.session.remove()
    if session_user is None:
        return done
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_user
        session["_fresh"] = True
    for language in languages:
        client.set_cookie(COOKIE, language)
        for path in PAGES:
            if client.get(path).status_code == 200:
                done["pages"] += 1
    with app.app_context():
        db.session.remove()
    return done

"""/healthz: the process answers (no database, no session: a load balancer may ask every second).
/readyz: the database answers too; 503 while it does not, so the balancer sends requests to another host."""

import sqlalchemy as sa
from flask import Response, current_app

from clubs_exchange.extensions import db
from clubs_exchange.ops import bp

_NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz():
    return Response("ok\n", mimetype="text/plain", headers=_NO_STORE)


@bp.get("/readyz")
def readyz():
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        # The kind of failure only: a driver's message can hold the database's address.
        current_app.logger.warning("readyz: the database does not answer (%s)", type(error).__name__)
        return Response("database unavailable\n", status=503, mimetype="text/plain",
                        headers={**_NO_STORE, "Retry-After": "5"})
    return Response("ok\n", mimetype="text/plain", headers=_NO_STORE)

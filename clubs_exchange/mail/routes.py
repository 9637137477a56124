"""The outbox page: staff see every mail, what was sent and what failed and why."""

import sqlalchemy as sa
from flask import request

from clubs_exchange.extensions import db
from clubs_exchange.htmx import render
from clubs_exchange.mail import bp
from clubs_exchange.mail.models import MASK, MailState, OutboxMail
from clubs_exchange.paging import paginate
from clubs_exchange.permissions import staff_only

staff_only(bp)


@bp.get("/")
def outbox():
    state = next((s for s in MailState if s.value == request.args.get("state")), None)
    query = sa.select(OutboxMail).order_by(OutboxMail.id.desc())
    if state is not None:
        query = query.where(OutboxMail.state == state)
    page = paginate(query)
    counts = dict(db.session.execute(sa.select(OutboxMail.state, sa.func.count()).group_by(OutboxMail.state)).all())
    return render("outbox/index.html", "outbox_results", page=page, state=state, counts=counts, states=list(MailState),
                  mask=MASK)

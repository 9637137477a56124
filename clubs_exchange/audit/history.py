"""Who changed a record last, and when, for the refusal of a step on a record changed meanwhile
(clubs_exchange/concurrency.py): the newest audit entry of the record, or of an event's placements."""

import sqlalchemy as sa

from clubs_exchange.audit.models import AuditEntry
from clubs_exchange.audit.queries import subject_name_of
from clubs_exchange.extensions import db


def _newest(*conditions) -> AuditEntry | None:
    return db.session.scalar(
        sa.select(AuditEntry).where(*conditions).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1)
    )


def last_change(record) -> AuditEntry | None:
    name = subject_name_of(record)
    if name is None:
        return None
    return _newest(AuditEntry.object_type == name, AuditEntry.object_id == record.id)


def last_placement_change(proposal) -> AuditEntry | None:
    return _newest(AuditEntry.object_type == "placement", AuditEntry.parent_type == "proposal",
                   AuditEntry.parent_id == proposal.id)

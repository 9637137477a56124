"""`flask purge`'s purger for participant lists: an event's list goes after the longest list retention of the
schemes it applied to (FUNDING_LIST_RETENTION_MONTHS where it applied to none); the counts stay."""

from datetime import datetime

from flask import current_app


def purge_participant_lists_for_retention(now: datetime) -> str:
    from clubs_exchange.funding.participants import purge_participant_lists

    removed = purge_participant_lists(now, current_app.config["FUNDING_LIST_RETENTION_MONTHS"])
    return f"{sum(removed.values())} participants of {len(removed)} events"

"""flask purge-guests: guest data of events past the retention period go, their counts stay."""


import click
from flask import current_app

from clubs_exchange import clock
from clubs_exchange.extensions import db


@click.command("purge-guests")
@click.option("--months", type=click.IntRange(0, 1200), default=None,
              help="Retention after the event's end; default: the HOSTING_RETENTION_MONTHS setting (12).")
def purge_guests(months: int | None) -> None:
    """Remove the personal data of guests of events that ended longer ago than the retention period."""
    from clubs_exchange.hosting.retention import purge_guest_data

    months = current_app.config["HOSTING_RETENTION_MONTHS"] if months is None else months
    purged = purge_guest_data(clock.utcnow(), months)
    db.session.commit()
    click.echo(f"Guest data purged: {_summary(purged)} (retention {months} months).")


def _summary(purged: dict[int, int]) -> str:
    return f"{sum(purged.values())} guests of {len(purged)} events"


def purge_guests_for_retention(now) -> str:
    """`flask purge`'s purger for guests: the HOSTING_RETENTION_MONTHS setting."""
    from clubs_exchange.hosting.retention import purge_guest_data

    return _summary(purge_guest_data(now, current_app.config["HOSTING_RETENTION_MONTHS"]))


def purge_view_log_for_retention(now) -> str:
    """`flask purge`'s purger for the view log: the HOSTING_VIEW_LOG_RETENTION_MONTHS setting."""
    from clubs_exchange.hosting.retention import purge_view_log

    return f"{purge_view_log(now, current_app.config['HOSTING_VIEW_LOG_RETENTION_MONTHS'])} entries"

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
    total = sum(purged.values())
    click.echo(f"Guest data purged: {total} guests of {len(purged)} events (retention {months} months).")

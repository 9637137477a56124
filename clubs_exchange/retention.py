"""Retention for every purpose in one command: `flask purge` (daily from cron) runs each area's purger.

An area registers a purger when its blueprint is made: `retention.register("guests", purge_guests)`. A purger
takes the moment now (UTC) and returns a line for the log ("12 guests of 3 events"); it flushes, `flask purge`
commits once at the end, so a failure leaves nothing half-removed. The periods are settings, each named in the
README; a purger reads its own.
"""

from collections.abc import Callable
from datetime import datetime

import click

from clubs_exchange import clock
from clubs_exchange.extensions import db

Purger = Callable[[datetime], str]

_purgers: dict[str, Purger] = {}


def register(name: str, purger: Purger) -> None:
    _purgers[name] = purger


def purgers() -> dict[str, Purger]:
    return dict(_purgers)


def purge_all(now: datetime) -> list[tuple[str, str]]:
    """Run every registered purger; returns (name, what it removed). The caller commits."""
    return [(name, purger(now)) for name, purger in sorted(_purgers.items())]


@click.command("purge")
@click.option("--only", multiple=True, help="Run only the named purpose (repeatable): " + "see `flask purge --list`.")
@click.option("--list", "list_only", is_flag=True, help="List the purposes and exit.")
def purge_command(only: tuple[str, ...], list_only: bool) -> None:
    """Remove personal data past each purpose's retention period (run daily from cron)."""
    if list_only:
        for name in sorted(_purgers):
            click.echo(name)
        return
    unknown = set(only) - set(_purgers)
    if unknown:
        raise click.BadParameter(", ".join(sorted(unknown)), param_hint="--only")
    now = clock.utcnow()
    for name, purger in sorted(_purgers.items()):
        if only and name not in only:
            continue
        click.echo(f"{name}: {purger(now)}")
    db.session.commit()

"""flask commands of the app as a whole: seed-demo and seed-scale, the data sets that span every area.

An area's own commands come with its blueprint (create-admin in auth, purge-guests in hosting, send-mail in
mail): this module imports no area.
"""

import click
from flask import Flask


@click.command("seed-demo")
def seed_demo() -> None:
    """Load the demo data once; running it again changes nothing."""
    from clubs_exchange.demo import DEMO_LOGINS, seed_demo_data

    created = seed_demo_data()
    click.echo("Demo data loaded." if created else "Demo data is there already.")
    click.echo(f"Demo logins (password for all: {DEMO_LOGINS['password']}):")
    for email, description in DEMO_LOGINS["accounts"]:
        click.echo(f"  {email:<32} {description}")


@click.command("seed-scale")
@click.option("--factor", type=click.FloatRange(0.0001, 10.0), default=1.0, show_default=True,
              help="Size of the data set: 1.0 is ten years of a big city (100,000 proposals).")
@click.option("--anchor", type=click.DateTime(formats=["%Y-%m"]), default=None,
              help="The data set's current month (YYYY-MM); default: this month.")
def seed_scale(factor: float, anchor) -> None:
    """Fill an empty, migrated database with the scale data set (for load tests)."""
    import time

    from flask_migrate import upgrade

    from clubs_exchange.scale import SCALE_PASSWORD, STAFF_EMAIL, anchor_month, database_is_empty
    from clubs_exchange.scale import seed_scale as seed

    upgrade()
    if not database_is_empty():
        raise click.ClickException("The database holds organisations or proposals already: use an empty one.")
    started = time.perf_counter()
    counts = seed(factor, anchor=anchor_month(anchor.date() if anchor else None))
    for table, n in counts.items():
        click.echo(f"  {table:<24} {n:>9,}")
    click.echo(f"Scale data (factor {factor}) loaded in {time.perf_counter() - started:.1f} s. "
               f"Staff login: {STAFF_EMAIL} / {SCALE_PASSWORD}")


def init_app(app: Flask) -> None:
    import clubs_exchange.models  # noqa: F401
    from clubs_exchange.backup import backup_command, restore_command
    from clubs_exchange.retention import purge_command

    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_scale)
    app.cli.add_command(purge_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)

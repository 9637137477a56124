"""flask commands: create-admin, seed-demo, seed-scale."""

import click
from flask import Flask

from clubs_exchange.extensions import db


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account, or make an existing account one."""
    from clubs_exchange.auth.invitations import find_user_by_email, normalise_email
    from clubs_exchange.auth.models import User, UserRole

    if len(password) < 8:
        raise click.BadParameter("at least 8 characters", param_hint="password")
    user = find_user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), name=name.strip())
        db.session.add(user)
    user.role = UserRole.ADMIN
    user.active = True
    user.set_password(password)
    db.session.commit()
    click.echo(f"Administrator {user.email} is ready.")


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

    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_scale)

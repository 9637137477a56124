"""flask commands: create-admin, seed-demo."""

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


def init_app(app: Flask) -> None:
    import clubs_exchange.models  # noqa: F401

    app.cli.add_command(create_admin)
    app.cli.add_command(seed_demo)

"""flask create-admin: an administrator account, or an existing account made one."""

import click

from clubs_exchange.auth.invitations import find_user_by_email, normalise_email
from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.extensions import db


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account, or make an existing account one."""
    if len(password) < 8:
        raise click.BadParameter("at least 8 characters", param_hint="password")
    user = find_user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), name=name.strip())
        db.session.add(user)
    user.role = UserRole.ADMIN
    user.active = True
    user.set_password(password)
    user.mark_email_verified()  # the operator vouches for the address
    db.session.commit()
    click.echo(f"Administrator {user.email} is ready.")

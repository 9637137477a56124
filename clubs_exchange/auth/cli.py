"""flask create-admin: an administrator account, or an existing account made one."""

import click

from clubs_exchange.auth.invitations import find_user_by_email, normalise_email
from clubs_exchange.auth.models import User, UserRole
from clubs_exchange.auth.passwords import PasswordError, check_new_password
from clubs_exchange.extensions import db


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account, or make an existing account one."""
    user = find_user_by_email(email)
    try:
        check_new_password(password, email=email, names=(name, user.name if user else ""))
    except PasswordError as error:
        raise click.BadParameter(error.message, param_hint="password") from None
    if user is None:
        user = User(email=normalise_email(email), name=name.strip())
        db.session.add(user)
    user.role = UserRole.ADMIN
    user.set_active(True)
    user.set_password(password)
    user.mark_email_verified()  # the operator vouches for the address
    db.session.commit()
    click.echo(f"Administrator {user.email} is ready.")

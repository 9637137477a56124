"""flask seed-funding-presets: the shipped funding schemes, added once."""

import click

from clubs_exchange.extensions import db
from clubs_exchange.funding.presets import seed_funding_presets


@click.command("seed-funding-presets")
def seed_presets() -> None:
    """Add the shipped funding schemes that are not there yet (schemes already there are left as they are)."""
    added = seed_funding_presets()
    db.session.commit()
    click.echo(f"Funding schemes added: {added}.")

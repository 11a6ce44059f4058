"""`flask api-clients add|list|revoke`: integration clients and their scopes."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from portal.api.auth import SCOPES, new_client, revoke_client
from portal.api.models import ApiClient
from portal.db import get_session
from portal.people.models import Unit

api_clients_cli = AppGroup("api-clients", help="Clients of the integration API.")


@api_clients_cli.command("add")
@click.option("--name", required=True, help="Which system, e.g. the case-management system's name.")
@click.option("--unit-code", required=True, help="The unit whose cases the client may see.")
@click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(SCOPES))
def add(name: str, unit_code: str, scopes: tuple[str, ...]) -> None:
    """Make a client; its secret is printed once and cannot be shown again."""
    unit = get_session().scalars(select(Unit).where(Unit.code == unit_code)).first()
    if unit is None:
        raise click.ClickException(f"No unit with code {unit_code}.")
    client, secret = new_client(name, unit.id, list(scopes))
    get_session().commit()
    click.echo(f"client_id:     {client.client_id}")
    click.echo(f"client_secret: {secret}")
    click.echo("Keep the secret now: only a hash of it is stored.")


@api_clients_cli.command("list")
def list_clients() -> None:
    db = get_session()
    for client in db.scalars(select(ApiClient).order_by(ApiClient.id)):
        unit = db.get(Unit, client.unit_id)
        state = "revoked" if client.revoked_at else "active"
        click.echo(f"{client.client_id}\t{client.name}\t{unit.code}\t{' '.join(client.scopes)}\t{state}")


@api_clients_cli.command("revoke")
@click.argument("client_id")
def revoke(client_id: str) -> None:
    """Stop a client at once: its tokens are deleted and no new ones are issued."""
    db = get_session()
    client = db.scalars(select(ApiClient).where(ApiClient.client_id == client_id)).first()
    if client is None:
        raise click.ClickException("No such client.")
    revoke_client(client)
    db.commit()
    click.echo(f"Client {client_id} is revoked.")

"""Command-line tools: `flask db …`, `flask demo seed`, `flask staff …`, `flask translate …`.

Each command commits once at its end, like a request.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal import migrate
from portal.db import get_session
from portal.domain.vocabulary import StaffRole

ROOT = Path(__file__).resolve().parent.parent
db_cli = AppGroup("db", help="Database migrations.")
demo_cli = AppGroup("demo", help="Demo data for development.")
staff_cli = AppGroup("staff", help="Staff users, their roles and units.")
translate_cli = AppGroup("translate", help="Translation catalogs.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    migrate.upgrade(revision=revision)
    click.echo("Database is up to date.")


@db_cli.command("downgrade")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    migrate.downgrade(revision=revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    migrate.revision(message)


@demo_cli.command("seed")
def demo_seed() -> None:
    from portal.demo import seed

    if current_app.config["PORTAL_ENV"] == "production" or not current_app.config["DEV_FEATURES"]:
        raise click.ClickException("Demo data is for development only: refused in production.")

    summary = seed()
    get_session().commit()
    click.echo(summary)


@staff_cli.command("add")
@click.option("--personnummer", prompt=True, hide_input=True, help="Asked for if not given.")
@click.option("--given-name", required=True)
@click.option("--family-name", required=True)
@click.option("--role", type=click.Choice([role.value for role in StaffRole]), required=True)
@click.option("--unit-code", required=True)
@click.option("--unit-name", default=None)
def staff_add(personnummer, given_name, family_name, role, unit_code, unit_name) -> None:
    from portal.domain.personnummer import InvalidPersonnummer, parse_personnummer
    from portal.people.services import get_or_create_unit, upsert_staff

    try:
        pnr = parse_personnummer(personnummer)
    except InvalidPersonnummer as error:
        raise click.BadParameter(f"invalid personnummer ({error.reason})") from None
    # Staff of an utförare make their unit an utförare unit (the handläggare sends uppdrag to it).
    provider = role in (StaffRole.PROVIDER.value, StaffRole.PROVIDER_MANAGER.value)
    unit = get_or_create_unit(unit_code, unit_name or unit_code, "provider" if provider else "case_management")
    staff = upsert_staff(pnr, given_name, family_name, role, unit)
    get_session().commit()
    click.echo(f"Staff user {staff.id} ({role}) in unit {unit.code}.")


@staff_cli.command("list")
def staff_list() -> None:
    from portal.people.models import StaffUser

    for staff in get_session().scalars(select(StaffUser).order_by(StaffUser.id)):
        state = "active" if staff.active else "inactive"
        click.echo(f"{staff.id}\t{staff.name}\t{staff.role}\t{staff.unit.code}\t{state}")


@staff_cli.command("deactivate")
@click.argument("staff_id", type=int)
def staff_deactivate(staff_id: int) -> None:
    from portal.people.models import StaffUser

    staff = get_session().get(StaffUser, staff_id)
    if staff is None:
        raise click.ClickException("No such staff user.")
    staff.active = False
    get_session().commit()
    click.echo(f"Staff user {staff_id} can no longer log in.")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect strings from code and templates into translations/messages.pot."""
    _pybabel(
        "extract", "-F", "translations/babel.cfg", "-k", "_l", "-o", "translations/messages.pot",
        "portal", "templates",
    )


@translate_cli.command("update")
def translate_update() -> None:
    translate_extract.callback()
    _pybabel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-fuzzy-matching")


@translate_cli.command("compile")
def translate_compile() -> None:
    _pybabel("compile", "-d", "translations")


def init_app(app: Flask) -> None:
    for group in (db_cli, demo_cli, staff_cli, translate_cli):
        app.cli.add_command(group)

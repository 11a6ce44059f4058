"""`flask applications purge-drafts`: delete drafts past their expiry date.

Run it daily (cron or a systemd timer). It commits once at the end.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.applications.services import purge_expired_drafts
from portal.db import get_session

applications_cli = AppGroup("applications", help="Citizens' applications (ansökningar).")


@applications_cli.command("purge-drafts")
def purge_drafts() -> None:
    count = purge_expired_drafts()
    get_session().commit()
    click.echo(f"Deleted {count} expired draft(s).")

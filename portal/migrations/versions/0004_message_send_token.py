"""message: the form's one-time token, so a message sent twice is stored once

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 20:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_message_send_token"), ["send_token"])


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_message_send_token"), type_="unique")
        batch_op.drop_column("send_token")

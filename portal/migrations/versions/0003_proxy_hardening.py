"""ombud hardening: pending fullmakt invitations without people, second-officer confirmation

Revision ID: 0003
Revises: 0002

Existing fullmakter keep meaning what their words said: "read_decisions" stays
reading only (acting is the new scope "act_on_decisions"), so no scope data
changes. Existing god man / förvaltare registrations stay in force.
"""

from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proxy_authority", schema=None) as batch_op:
        batch_op.alter_column("status", existing_type=sa.String(length=20), type_=sa.String(length=30),
                              existing_nullable=False)
        batch_op.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("named_as", sa.String(length=201), nullable=True))
        batch_op.add_column(sa.Column("named_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_proxy_authority_confirmed_by_id_staff_user"),
                                    "staff_user", ["confirmed_by_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_proxy_authority_named_by_id_citizen"),
                                    "citizen", ["named_by_id"], ["id"], ondelete="CASCADE")
    op.create_table(
        "proxy_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("invitee_pnr_hash", sa.String(length=64), nullable=False),
        sa.Column("invitee_pnr_encrypted", sa.LargeBinary(), nullable=False),
        sa.Column("typed_given_name", sa.String(length=100), nullable=False),
        sa.Column("typed_family_name", sa.String(length=100), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["authority_id"], ["proxy_authority.id"],
                                name=op.f("fk_proxy_invitation_authority_id_proxy_authority"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["sender_id"], ["citizen.id"],
                                name=op.f("fk_proxy_invitation_sender_id_citizen"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proxy_invitation")),
    )
    with op.batch_alter_table("proxy_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proxy_invitation_sender_id"), ["sender_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_proxy_invitation_invitee_pnr_hash"), ["invitee_pnr_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proxy_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proxy_invitation_invitee_pnr_hash"))
        batch_op.drop_index(batch_op.f("ix_proxy_invitation_sender_id"))
    op.drop_table("proxy_invitation")
    with op.batch_alter_table("proxy_authority", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_proxy_authority_named_by_id_citizen"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_proxy_authority_confirmed_by_id_staff_user"), type_="foreignkey")
        batch_op.drop_column("named_by_id")
        batch_op.drop_column("named_as")
        batch_op.drop_column("confirmed_by_id")
        batch_op.alter_column("status", existing_type=sa.String(length=30), type_=sa.String(length=20),
                              existing_nullable=False)

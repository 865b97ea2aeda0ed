"""notify policy: decisions with their reasons, held alerts and their summaries

Revision ID: 0008_notify_policy
Revises: 0007_found_by
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_notify_policy"
down_revision: str | Sequence[str] | None = "0007_found_by"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "held_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("slack_channel", sa.String(length=64), nullable=True),
        sa.Column("slack_ts", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_held_summaries_due", "held_summaries", ["status", "next_attempt_at"])
    op.create_table(
        "notify_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=330), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("repeats", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notify_decisions_subject", "notify_decisions", ["subject", "id"])
    op.create_index("ix_notify_decisions_channel_time", "notify_decisions", ["channel", "decided_at"])
    op.create_index("ix_notify_decisions_time", "notify_decisions", ["decided_at"])
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("rising", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("hold", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("summary_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_deliveries_summary", "held_summaries", ["summary_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("fk_deliveries_summary", type_="foreignkey")
        batch.drop_column("summary_id")
        batch.drop_column("hold")
        batch.drop_column("rising")
    op.drop_index("ix_notify_decisions_time", table_name="notify_decisions")
    op.drop_index("ix_notify_decisions_channel_time", table_name="notify_decisions")
    op.drop_index("ix_notify_decisions_subject", table_name="notify_decisions")
    op.drop_table("notify_decisions")
    op.drop_index("ix_held_summaries_due", table_name="held_summaries")
    op.drop_table("held_summaries")

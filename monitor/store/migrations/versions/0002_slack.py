"""slack workflow: who acknowledged, snoozed, resolved and replied; feedback; replayed requests

Revision ID: 0002_slack
Revises: 0003_upset_index
Create Date: 2026-11-27 11:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = "0002_slack"
down_revision: Union[str, Sequence[str], None] = "0003_upset_index"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_INCIDENT_COLUMNS = (
    ("acknowledged_by", sa.String(length=64)),
    ("acknowledged_by_name", sa.String(length=255)),
    ("acknowledged_at", sa.DateTime()),
    ("snoozed_until", sa.DateTime()),
    ("resolved_by", sa.String(length=64)),
    ("resolved_at", sa.DateTime()),
    ("replied_by", sa.String(length=64)),
    ("replied_at", sa.DateTime()),
    ("reply_url", sa.Text()),
    ("draft_by", sa.String(length=64)),
    ("reminder_sent_at", sa.DateTime()),
)


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name, kind in _INCIDENT_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    op.create_table(
        "incident_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("user_name", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("incident_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_feedback_incident_id"), ["incident_id"], unique=False)
    op.create_table(
        "slack_requests",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    with op.batch_alter_table("slack_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slack_requests_seen_at"), ["seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("slack_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slack_requests_seen_at"))
    op.drop_table("slack_requests")
    with op.batch_alter_table("incident_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_feedback_incident_id"))
    op.drop_table("incident_feedback")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name, _kind in reversed(_INCIDENT_COLUMNS):
            batch_op.drop_column(name)

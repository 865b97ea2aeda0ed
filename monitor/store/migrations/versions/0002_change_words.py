"""one word per change: deliveries say 'opened'/'updated' like incident changes do

Revision ID: 0002_change_words
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002_change_words"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE deliveries SET kind = 'opened' WHERE kind = 'new'")
    op.execute("UPDATE deliveries SET kind = 'updated' WHERE kind = 'update'")


def downgrade() -> None:
    op.execute("UPDATE deliveries SET kind = 'new' WHERE kind = 'opened'")
    op.execute("UPDATE deliveries SET kind = 'update' WHERE kind = 'updated'")

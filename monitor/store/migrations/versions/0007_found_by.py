"""posts.found_by: the configured source instance that first yielded each post

Revision ID: 0007_found_by
Revises: 0005_quarantine

Re-polling used to pick posts by platform, so a live source re-read posts that a replay file (or
another source of the same platform) had stored. From now on only the instance in ``found_by``
re-polls a post.

Backfill, as well as the old rows allow: a post gets the name of the one configured source whose
type is its platform (``source_state`` keeps each source's name and type; the type of every live
connector is the platform it writes). Where no source or several of that type ever polled, the
post stays unowned (NULL): nobody re-polls it until a source yields it again and adopts it. Such
posts were already at most ``detection.track_for`` from ageing out of re-polling.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_found_by"
down_revision: str | Sequence[str] | None = "0005_quarantine"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL = """
UPDATE posts SET found_by = (
    SELECT s.name FROM source_state s WHERE s.type = posts.source
)
WHERE found_by IS NULL
  AND (SELECT count(*) FROM source_state s WHERE s.type = posts.source) = 1
"""


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("posts")}
    if "found_by" not in columns:  # a database made by create_all with today's models has it already
        with op.batch_alter_table("posts") as batch:
            batch.add_column(sa.Column("found_by", sa.String(length=64), nullable=True))
    op.execute(_BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("found_by")

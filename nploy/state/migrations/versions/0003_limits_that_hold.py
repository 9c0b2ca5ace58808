"""Limits that hold: each rate-limited action is stored (``actions``), so likes, passes and undos are counted
whatever the swipes table keeps; an anonymous profile records the browser and the address that created it
(keyed hashes, never the address itself), so the per-browser and per-address limits survive a reload; the
key of those hashes and of the browser cookie's signature lives in ``secrets``, shared by every app process
of the database (a dataset directory may be read-only).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("profile_name", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_actions_profile_at", "actions", ["profile_name", "at"])
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("browser", sa.String(64), nullable=True))
        batch.add_column(sa.Column("address", sa.String(64), nullable=True))
        batch.create_index("ix_profiles_browser", ["browser"])
        batch.create_index("ix_profiles_address", ["address"])


def downgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.drop_index("ix_profiles_address")
        batch.drop_index("ix_profiles_browser")
        batch.drop_column("address")
        batch.drop_column("browser")
    op.drop_table("secrets")
    op.drop_index("ix_actions_profile_at", table_name="actions")
    op.drop_table("actions")

"""Profiles and swipes.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "swipes",
        sa.Column("profile_name", sa.String(64), primary_key=True),
        sa.Column("listing_id", sa.String(200), primary_key=True),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("swiped_at", sa.Float, nullable=False),
    )
    op.create_index("ix_swipes_profile_seq", "swipes", ["profile_name", "seq"])


def downgrade() -> None:
    op.drop_index("ix_swipes_profile_seq", table_name="swipes")
    op.drop_table("swipes")
    op.drop_table("profiles")

"""Private profiles: a profile's key becomes an unguessable token (a capability link) or belongs to a
signed-in subject (``owner``); a name-only profile keeps its data under a new token, its old name kept as
``label`` so its owner can be told the new link (``nploy profiles``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import secrets
import time

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:  # batch: SQLite cannot add a constraint in place
        batch.add_column(sa.Column("owner", sa.String(255), nullable=True))
        batch.add_column(sa.Column("label", sa.String(64), nullable=True))
        batch.add_column(sa.Column("created_at", sa.Float, nullable=True))
        batch.create_index("ix_profiles_owner", ["owner"], unique=True)
    connection = op.get_bind()
    profiles = sa.table(
        "profiles", sa.column("name", sa.String), sa.column("label", sa.String), sa.column("updated_at", sa.Float)
    )
    swipes = sa.table("swipes", sa.column("profile_name", sa.String))
    created = sa.table("profiles", sa.column("created_at", sa.Float), sa.column("updated_at", sa.Float))
    op.execute(created.update().values(created_at=created.c.updated_at))
    # Every name (profiles, and swipes of profiles never saved) moves to a fresh 128-bit token, once.
    saved = {row[0] for row in connection.execute(sa.select(profiles.c.name))}
    swiped = {row[0] for row in connection.execute(sa.select(swipes.c.profile_name).distinct())}
    rows = sa.table(
        "profiles",
        *(sa.column(c) for c in ("name", "label", "data", "updated_at", "created_at")),
    )
    for name in sorted(saved | swiped):
        token = secrets.token_urlsafe(16)
        if name in saved:
            connection.execute(profiles.update().where(profiles.c.name == name).values(name=token, label=name))
        else:  # swipes without a saved profile: a row keeps their old name, so they can be handed back
            now = time.time()
            connection.execute(rows.insert().values(name=token, label=name, data="{}", updated_at=now, created_at=now))
        connection.execute(swipes.update().where(swipes.c.profile_name == name).values(profile_name=token))


def downgrade() -> None:
    # The tokens stay (a name is not recoverable for swipes without a profile row); only the columns go.
    with op.batch_alter_table("profiles") as batch:
        batch.drop_index("ix_profiles_owner")
        batch.drop_column("created_at")
        batch.drop_column("label")
        batch.drop_column("owner")

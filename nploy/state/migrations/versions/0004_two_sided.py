"""Two-sided matching (issue 29): a candidate's choice to be discoverable (which fields recruiters see, the
contact a mutual match reveals, a pseudonym), a recruiter's hiring roles, and the interest between the two
(the recruiter's like or pass, the candidate's answer to a like).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "discoverable",
        sa.Column("profile_name", sa.String(64), primary_key=True),
        sa.Column("handle", sa.String(32), nullable=False, unique=True),
        sa.Column("shown", sa.Text, nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("since", sa.Float, nullable=False),
    )
    op.create_table(
        "hiring_roles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("recruiter", sa.String(255), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_hiring_roles_recruiter", "hiring_roles", ["recruiter"])
    op.create_table(
        "interest",
        sa.Column("role_id", sa.String(32), primary_key=True),
        sa.Column("profile_name", sa.String(64), primary_key=True),
        sa.Column("recruiter_decision", sa.String(8), nullable=False),
        sa.Column("recruiter_at", sa.Float, nullable=False),
        sa.Column("candidate_decision", sa.String(8), nullable=True),
        sa.Column("candidate_at", sa.Float, nullable=True),
    )
    op.create_index("ix_interest_profile", "interest", ["profile_name"])


def downgrade() -> None:
    op.drop_index("ix_interest_profile", table_name="interest")
    op.drop_table("interest")
    op.drop_index("ix_hiring_roles_recruiter", table_name="hiring_roles")
    op.drop_table("hiring_roles")
    op.drop_table("discoverable")

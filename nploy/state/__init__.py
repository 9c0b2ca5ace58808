"""Durable per-user state: profiles, swipes and likes through SQLAlchemy, schema by Alembic."""

"""Alembic environment for nploy's state database (profiles, swipes).

Run through ``nploy.state.schema.upgrade`` (the app and CLI do it on start), which passes an open
connection; ``sqlalchemy.url`` is the fallback for running Alembic by hand.
"""

from alembic import context
from sqlalchemy import create_engine

from nploy.state.schema import metadata

config = context.config


def _run(connection) -> None:
    # render_as_batch: SQLite alters tables by copy-and-move; Alembic's batch mode does that for us.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as fresh:
        _run(fresh)

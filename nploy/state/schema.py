"""The state database's tables, its engine and the one way to make a check-then-write atomic.

SQLite (WAL, secure delete) under the data directory by default; PostgreSQL when ``NPLOY_DATABASE_URL`` says
so. The schema itself is Alembic's (``migrations/``); these tables mirror its latest revision for queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import BigInteger, Column, Float, Index, Integer, MetaData, String, Table, Text, create_engine, event, text
from sqlalchemy.engine import Connection, Engine

from nploy import settings

metadata = MetaData()
profiles = Table(
    "profiles",
    metadata,
    Column("name", String(64), primary_key=True),  # the profile's key (a token), not a person's name
    Column("data", Text, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("owner", String(255), nullable=True),  # the signed-in subject it belongs to; None: a link's
    Column("label", String(64), nullable=True),  # a name-only profile's old name (migration 0002)
    Column("created_at", Float, nullable=True),
    Column("browser", String(64), nullable=True),  # an anonymous profile's creator: keyed hashes (migration 0003)
    Column("address", String(64), nullable=True),
    Index("ix_profiles_owner", "owner", unique=True),
)
swipes = Table(
    "swipes",
    metadata,
    Column("profile_name", String(64), primary_key=True),
    Column("listing_id", String(200), primary_key=True),
    Column("decision", String(8), nullable=False),
    # A per-write sequence number: ordering and "undo the last swipe" do not depend on clock ties.
    Column("seq", BigInteger, nullable=False),
    Column("swiped_at", Float, nullable=False),
    Index("ix_swipes_profile_seq", "profile_name", "seq"),
)
actions = Table(  # every like, pass and undo, for the rate limit (undo removes a swipe, never an action)
    "actions",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("profile_name", String(64), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("at", Float, nullable=False),
    Index("ix_actions_profile_at", "profile_name", "at"),
)

discoverable = Table(  # a candidate's choice to be found by recruiters (migration 0004); no row: hidden
    "discoverable",
    metadata,
    Column("profile_name", String(64), primary_key=True),
    Column("handle", String(32), nullable=False, unique=True),  # the pseudonym recruiters see
    Column("shown", Text, nullable=False),  # JSON list of ``records.hiring.SHAREABLE`` fields
    Column("contact", String(200), nullable=False),  # revealed to a recruiter on a mutual like only
    Column("since", Float, nullable=False),
)
hiring_roles = Table(
    "hiring_roles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("recruiter", String(255), nullable=False),  # the signed-in subject; never shown to candidates
    Column("data", Text, nullable=False),  # the ``HiringRole`` as JSON
    Column("contact", String(200), nullable=False),  # revealed to a candidate on a mutual like only
    Column("created_at", Float, nullable=False),
    Index("ix_hiring_roles_recruiter", "recruiter"),
)
interest = Table(  # a recruiter's like or pass of a candidate for a role, and the candidate's answer to a like
    "interest",
    metadata,
    Column("role_id", String(32), primary_key=True),
    Column("profile_name", String(64), primary_key=True),
    Column("recruiter_decision", String(8), nullable=False),
    Column("recruiter_at", Float, nullable=False),
    Column("candidate_decision", String(8), nullable=True),
    Column("candidate_at", Float, nullable=True),
    Index("ix_interest_profile", "profile_name"),
)

secrets_table = Table(  # keys the app makes once and every process of the database shares
    "secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(128), nullable=False),
)


def database_url(data_dir: Path) -> str:
    return settings.get("database_url") or f"sqlite:///{(data_dir / 'state.db').as_posix()}"


def make_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling off: SQLAlchemy's "begin" emits BEGIN itself (below), so a write
    # that must check first can take the write lock before it reads (BEGIN IMMEDIATE).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Deleted rows are overwritten with zeros, not left in free pages ("Delete my data" means it).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("serialised", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def serialised(engine: Engine, lock: str) -> Iterator[Connection]:
    """A transaction that no other writer of the same ``lock`` runs beside: a count and the insert it allows
    are one step. SQLite takes its write lock before the first read (BEGIN IMMEDIATE); PostgreSQL takes an
    advisory lock on the name for the transaction. Without it, 20 threads at a limit of 5 stored 14 to 18."""
    with engine.connect() as connection:
        connection.execution_options(serialised=True)
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))"), {"lock": lock})
            yield connection


def forget_deleted(engine: Engine) -> None:
    """After a delete, leave no copy in SQLite's write-ahead log: fold it into the main file (where secure
    delete has zeroed the rows) and truncate it. PostgreSQL keeps dead rows until VACUUM and its WAL until
    checkpoints recycle it (docs/state.md)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def upgrade(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (nploy/state/migrations); safe to run from many processes."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Two app processes starting together must not both create the tables.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

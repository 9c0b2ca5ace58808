"""Durable state: profiles and swipes, through SQLAlchemy.

SQLite under the data directory by default (WAL mode, so the app's readers never block a
writer); any database SQLAlchemy speaks when ``NPLOY_DATABASE_URL`` is set. A swipe on a listing
already swiped replaces the earlier decision (last decision wins), in one upsert statement.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from nploy import settings
from nploy.errors import NployError
from nploy.records.profile import Profile

DECISIONS = ("like", "pass")
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")

metadata = MetaData()
profiles = Table(
    "profiles",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", Float, nullable=False),
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


@dataclass(frozen=True)
class Swipe:
    profile_name: str
    listing_id: str
    decision: str
    seq: int
    swiped_at: float


def database_url(data_dir: Path) -> str:
    return settings.get("database_url") or f"sqlite:///{(data_dir / 'state.db').as_posix()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    def __init__(self, url: str):
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            upgrade(self.engine)
        except OperationalError as error:
            reason = str(error.orig or error).strip().splitlines()[-1]
            where = self.engine.url.render_as_string(hide_password=True)
            raise NployError(f"cannot open the state database {where}: {reason} (check NPLOY_DATABASE_URL)") from None

    @staticmethod
    def check_name(name: str) -> str:
        if not _NAME.match(name or ""):
            raise NployError("a profile name is 1-64 letters, digits, '.', '_', '-' or '@'")
        return name

    def save_profile(self, name: str, profile: Profile) -> None:
        row = {"name": self.check_name(name), "data": json.dumps(asdict(profile)), "updated_at": time.time()}
        self._upsert(profiles, row, ["name"])

    def load_profile(self, name: str) -> Profile | None:
        with self.engine.connect() as connection:
            data = connection.execute(select(profiles.c.data).where(profiles.c.name == name)).scalar()
        return Profile(**json.loads(data)) if data else None

    def record_swipe(self, name: str, listing_id: str, decision: str) -> None:
        if decision not in DECISIONS:
            raise NployError(f"a swipe is one of {DECISIONS}, not {decision!r}")
        row = {
            "profile_name": self.check_name(name),
            "listing_id": listing_id,
            "decision": decision,
            "seq": time.time_ns() // 1000,
            "swiped_at": time.time(),
        }
        self._upsert(swipes, row, ["profile_name", "listing_id"])

    def swipes(self, name: str) -> list[Swipe]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(swipes).where(swipes.c.profile_name == name).order_by(swipes.c.seq)).all()
        return [Swipe(**row._mapping) for row in rows]

    def undo_last(self, name: str) -> Swipe | None:
        """Remove and return the most recent swipe of a profile."""
        with self.engine.begin() as connection:
            last = connection.execute(
                select(swipes).where(swipes.c.profile_name == name).order_by(swipes.c.seq.desc()).limit(1)
            ).first()
            if last is None:
                return None
            connection.execute(delete(swipes).where((swipes.c.profile_name == name) & (swipes.c.listing_id == last.listing_id)))
        return Swipe(**last._mapping)

    def count_swipes(self, name: str | None = None) -> int:
        query = select(func.count()).select_from(swipes)
        if name:
            query = query.where(swipes.c.profile_name == name)
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar())

    def _upsert(self, table: Table, row: dict, keys: list[str]) -> None:
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            raise NployError(f"NPLOY_DATABASE_URL: {dialect} is not supported (use SQLite or PostgreSQL)")
        statement = insert(table).values(**row)
        updates = {k: statement.excluded[k] for k in row if k not in keys}
        with self.engine.begin() as connection:
            connection.execute(statement.on_conflict_do_update(index_elements=keys, set_=updates))


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


def open_store(data_dir: Path) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Store(database_url(data_dir))

"""Durable state: profiles and swipes, through SQLAlchemy.

SQLite under the data directory by default (WAL mode, so the app's readers never block a
writer); any database SQLAlchemy speaks when ``NPLOY_DATABASE_URL`` is set. A swipe on a listing
already swiped replaces the earlier decision (last decision wins), in one upsert statement.

Who may touch a profile: every call names a ``Holder``, the profile's key and the signed-in subject
asking (None without sign-in). A profile that belongs to a subject answers only that subject; one
without an owner answers whoever holds its key, an unguessable token (a capability link). A key is
never a name a person chose, so names cannot be guessed or listed.
"""

from __future__ import annotations

import json
import re
import secrets
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
from sqlalchemy.exc import IntegrityError, OperationalError

from nploy import settings
from nploy.errors import NployError
from nploy.records.profile import Profile

DECISIONS = ("like", "pass")
_KEY = re.compile(r"^[A-Za-z0-9_-]{22,64}$")  # a token: at least 128 bits of URL-safe base64


class ProfileNotFound(NployError):
    """No profile this holder may open at that key (none, or another subject's: the same answer)."""


class RateLimited(NployError):
    """Too much too fast; the message says what the limit is."""


@dataclass(frozen=True)
class Holder:
    """Who asks for a profile: its key, and the signed-in subject asking (None: no sign-in, the key is a
    capability link)."""

    key: str
    owner: str | None = None


def mint_key() -> str:
    """A new profile key: 128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


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
    def __init__(self, url: str, swipes_per_minute: int | None = None):
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        self._swipes_per_minute = swipes_per_minute  # None: the setting, read at each swipe
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            upgrade(self.engine)
        except OperationalError as error:
            reason = str(error.orig or error).strip().splitlines()[-1]
            where = self.engine.url.render_as_string(hide_password=True)
            raise NployError(f"cannot open the state database {where}: {reason} (check NPLOY_DATABASE_URL)") from None

    @property
    def swipes_per_minute(self) -> int:
        """The most swipes one profile may make in a minute (0: no limit)."""
        if self._swipes_per_minute is not None:
            return self._swipes_per_minute
        return int(settings.get("swipes_per_minute"))

    # ---- who holds what ----------------------------------------------------------------------

    def key_for_owner(self, owner: str) -> str | None:
        """The key of a signed-in subject's profile; None until their first save or swipe creates it."""
        with self.engine.connect() as connection:
            return connection.execute(select(profiles.c.name).where(profiles.c.owner == owner)).scalar()

    def exists(self, holder: Holder) -> bool:
        """Whether this holder may open a saved profile at its key."""
        with self.engine.connect() as connection:
            return self._may_open(connection, holder, must_exist=True)

    def _may_open(self, connection, holder: Holder, must_exist: bool = False) -> bool:
        if not _KEY.match(holder.key or ""):
            return False
        found = connection.execute(select(profiles.c.owner).where(profiles.c.name == holder.key)).first()
        if found is None:
            return not must_exist  # a new key: its first write creates it, for this holder
        return found.owner == holder.owner

    def _require(self, connection, holder: Holder) -> None:
        if not self._may_open(connection, holder):
            raise ProfileNotFound("no profile at this link")

    # ---- profiles ---------------------------------------------------------------------------------

    def save_profile(self, holder: Holder, profile: Profile) -> None:
        now = time.time()
        with self.engine.begin() as connection:
            self._require(connection, holder)
        row = {
            "name": holder.key,
            "owner": holder.owner,
            "data": json.dumps(asdict(profile)),
            "updated_at": now,
            "created_at": now,
        }
        try:
            self._upsert(profiles, row, ["name"], keep=("created_at", "owner", "label"))
        except IntegrityError:  # this subject's profile was created meanwhile under another key (two tabs)
            raise NployError("your profile was just created in another tab: reload the page and save again") from None

    def load_profile(self, holder: Holder) -> Profile | None:
        """The saved profile, or None when there is none this holder may open."""
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder, must_exist=True):
                return None
            data = connection.execute(select(profiles.c.data).where(profiles.c.name == holder.key)).scalar()
        return Profile(**json.loads(data)) if data else None

    # ---- swipes -------------------------------------------------------------------------------------

    def record_swipe(self, holder: Holder, listing_id: str, decision: str) -> None:
        if decision not in DECISIONS:
            raise NployError(f"a swipe is one of {DECISIONS}, not {decision!r}")
        now = time.time()
        if holder.owner is not None and not self.exists(holder):
            self.save_profile(holder, Profile())  # a subject's first swipe pins the key to them
        with self.engine.connect() as connection:
            self._require(connection, holder)
            limit = self.swipes_per_minute
            if limit:
                recent = select(func.count()).select_from(swipes)
                recent = recent.where((swipes.c.profile_name == holder.key) & (swipes.c.swiped_at > now - 60))
                if connection.execute(recent).scalar() >= limit:
                    raise RateLimited(f"at most {limit} swipes a minute: take a breath and swipe again")
        row = {
            "profile_name": holder.key,
            "listing_id": listing_id,
            "decision": decision,
            "seq": time.time_ns() // 1000,
            "swiped_at": now,
        }
        self._upsert(swipes, row, ["profile_name", "listing_id"])

    def swipes(self, holder: Holder) -> list[Swipe]:
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder):
                return []
            query = select(swipes).where(swipes.c.profile_name == holder.key).order_by(swipes.c.seq)
            rows = connection.execute(query).all()
        return [Swipe(**row._mapping) for row in rows]

    def undo_last(self, holder: Holder) -> Swipe | None:
        """Remove and return the most recent swipe of a profile."""
        with self.engine.begin() as connection:
            self._require(connection, holder)
            last = connection.execute(
                select(swipes).where(swipes.c.profile_name == holder.key).order_by(swipes.c.seq.desc()).limit(1)
            ).first()
            if last is None:
                return None
            mine = (swipes.c.profile_name == holder.key) & (swipes.c.listing_id == last.listing_id)
            connection.execute(delete(swipes).where(mine))
        return Swipe(**last._mapping)

    def count_swipes(self, holder: Holder | None = None) -> int:
        query = select(func.count()).select_from(swipes)
        with self.engine.connect() as connection:
            if holder is not None:
                if not self._may_open(connection, holder):
                    return 0
                query = query.where(swipes.c.profile_name == holder.key)
            return int(connection.execute(query).scalar())

    # ---- a user's own data ----------------------------------------------------------------------------

    def export(self, holder: Holder) -> dict:
        """Everything stored about this holder's profile, as JSON-ready data."""
        with self.engine.connect() as connection:
            self._require(connection, holder)
            row = connection.execute(select(profiles).where(profiles.c.name == holder.key)).first()
            swiped = connection.execute(select(swipes).where(swipes.c.profile_name == holder.key).order_by(swipes.c.seq)).all()
        stored = dict(row._mapping) if row else {}
        return {
            "profile_key": holder.key,
            "signed_in_subject": stored.get("owner"),
            "former_name": stored.get("label"),
            "created_at": stored.get("created_at"),
            "updated_at": stored.get("updated_at"),
            "profile": json.loads(stored["data"]) if stored.get("data") else None,
            "swipes": [{k: v for k, v in s._mapping.items() if k != "profile_name"} for s in swiped],
        }

    def delete(self, holder: Holder) -> int:
        """Delete the profile and every swipe and like of it; returns the rows deleted."""
        with self.engine.begin() as connection:
            self._require(connection, holder)
            gone = connection.execute(delete(swipes).where(swipes.c.profile_name == holder.key)).rowcount
            gone += connection.execute(delete(profiles).where(profiles.c.name == holder.key)).rowcount
        return gone

    def legacy_links(self) -> list[tuple[str, str]]:
        """(former name, key) of the profiles migration 0002 moved to tokens: for ``nploy profiles``."""
        query = select(profiles.c.label, profiles.c.name).where(profiles.c.label.is_not(None)).order_by(profiles.c.label)
        with self.engine.connect() as connection:
            return [(label, key) for label, key in connection.execute(query)]

    def _upsert(self, table: Table, row: dict, keys: list[str], keep: tuple[str, ...] = ()) -> None:
        """Insert, or update the existing row's other columns (but not ``keep``)."""
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            raise NployError(f"NPLOY_DATABASE_URL: {dialect} is not supported (use SQLite or PostgreSQL)")
        statement = insert(table).values(**row)
        updates = {k: statement.excluded[k] for k in row if k not in keys and k not in keep}
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

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

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from nploy import settings
from nploy.errors import NployError
from nploy.records.profile import Profile
from nploy.state.hiring import TwoSided
from nploy.state.limits import RateLimited, VisitorLimits
from nploy.state.schema import (
    actions,
    database_url,
    forget_deleted,
    make_engine,
    profiles,
    serialised,
    swipes,
    upgrade,
)

__all__ = ["Holder", "ProfileNotFound", "RateLimited", "Store", "database_url", "mint_key", "open_store", "profiles", "swipes"]

DECISIONS = ("like", "pass")
_KEY = re.compile(r"^[A-Za-z0-9_-]{22,64}$")  # a token: at least 128 bits of URL-safe base64


class ProfileNotFound(NployError):
    """No profile this holder may open at that key (none, or another subject's: the same answer)."""


@dataclass(frozen=True)
class Holder:
    """Who asks for a profile: its key, and the signed-in subject asking (None: no sign-in, the key is a
    capability link)."""

    key: str
    owner: str | None = None
    # Without sign-in, who creates it (``nploy.state.visitors``: keyed hashes): the limits per browser and per
    # address count the anonymous profiles each stored in the last day.
    browser: str | None = None
    address: str | None = None


def mint_key() -> str:
    """A new profile key: 128 random bits, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class Swipe:
    profile_name: str
    listing_id: str
    decision: str
    seq: int
    swiped_at: float


class Store(VisitorLimits, TwoSided):
    def __init__(self, url: str, swipes_per_minute: int | None = None):
        self.engine = make_engine(url)
        self._swipes_per_minute = swipes_per_minute  # None: the setting, read at each swipe
        try:
            upgrade(self.engine)
        except OperationalError as error:
            reason = str(error.orig or error).strip().splitlines()[-1]
            where = self.engine.url.render_as_string(hide_password=True)
            raise NployError(f"cannot open the state database {where}: {reason} (check NPLOY_DATABASE_URL)") from None
        self.expire_anonymous()

    @property
    def swipes_per_minute(self) -> int:
        """The most swipes, passes and undos one profile may make in a minute (0: no limit)."""
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

    def _may_open(self, connection: Connection, holder: Holder, must_exist: bool = False) -> bool:
        if not _KEY.match(holder.key or ""):
            return False
        found = connection.execute(select(profiles.c.owner).where(profiles.c.name == holder.key)).first()
        if found is None:
            return not must_exist  # a new key: its first write creates it, for this holder
        return found.owner == holder.owner

    def _require(self, connection: Connection, holder: Holder) -> None:
        if not self._may_open(connection, holder):
            raise ProfileNotFound("no profile at this link")

    # ---- profiles ---------------------------------------------------------------------------------

    def save_profile(self, holder: Holder, profile: Profile) -> None:
        """Store the profile; a new one without an owner must fit its browser's and address's day limits."""
        now = time.time()
        try:
            with serialised(self.engine, "new-profiles") as connection:
                self._require(connection, holder)
                stored = connection.execute(select(profiles.c.name).where(profiles.c.name == holder.key)).first()
                data = json.dumps(asdict(profile))
                if stored is not None:
                    connection.execute(profiles.update().where(profiles.c.name == holder.key).values(data=data, updated_at=now))
                    return
                if holder.owner is None:
                    self._within_day_limits(connection, holder, now)
                row = {"name": holder.key, "owner": holder.owner, "data": data, "updated_at": now, "created_at": now}
                if holder.owner is None:
                    row |= {"browser": holder.browser, "address": holder.address}
                connection.execute(profiles.insert().values(**row))
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
        if not self.exists(holder):
            self.save_profile(holder, Profile())  # the first swipe stores the profile (and counts as a new one)
        with serialised(self.engine, f"actions:{holder.key}") as connection:
            self._require(connection, holder)
            now = self._act(connection, holder, decision)
            row = {"profile_name": holder.key, "listing_id": listing_id, "decision": decision, "seq": time.time_ns() // 1000}
            self._upsert_swipe(connection, row | {"swiped_at": now})

    def _act(self, connection: Connection, holder: Holder, kind: str) -> float:
        """Count this action against the per-minute limit and store it, in the caller's serialised
        transaction: the check and the insert are one step, and an undo is an action like a swipe."""
        now = time.time()
        limit = self.swipes_per_minute
        if limit:
            mine = actions.c.profile_name == holder.key
            connection.execute(delete(actions).where(mine & (actions.c.at < now - 3600)))  # only the last minute counts
            recent = connection.execute(select(func.count()).select_from(actions).where(mine & (actions.c.at > now - 60)))
            if recent.scalar() >= limit:
                raise RateLimited(f"at most {limit} swipes a minute (undos included): take a breath and swipe again")
        connection.execute(actions.insert().values(profile_name=holder.key, kind=kind, at=now))
        return now

    def swipes(self, holder: Holder) -> list[Swipe]:
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder):
                return []
            query = select(swipes).where(swipes.c.profile_name == holder.key).order_by(swipes.c.seq)
            rows = connection.execute(query).all()
        return [Swipe(**row._mapping) for row in rows]

    def undo_last(self, holder: Holder) -> Swipe | None:
        """Remove and return the most recent swipe of a profile."""
        with serialised(self.engine, f"actions:{holder.key}") as connection:
            self._require(connection, holder)
            last = connection.execute(
                select(swipes).where(swipes.c.profile_name == holder.key).order_by(swipes.c.seq.desc()).limit(1)
            ).first()
            if last is None:
                return None
            self._act(connection, holder, "undo")
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
            acted = connection.execute(select(actions).where(actions.c.profile_name == holder.key).order_by(actions.c.id)).all()
            two_sided = self._two_sided_export(connection, holder.key)
        stored = dict(row._mapping) if row else {}
        return {
            "profile_key": holder.key,
            "signed_in_subject": stored.get("owner"),
            "former_name": stored.get("label"),
            "created_at": stored.get("created_at"),
            "updated_at": stored.get("updated_at"),
            "created_by_browser": stored.get("browser"),  # keyed hashes, kept for the limits
            "created_from_address": stored.get("address"),
            "profile": json.loads(stored["data"]) if stored.get("data") else None,
            "swipes": [{k: v for k, v in s._mapping.items() if k != "profile_name"} for s in swiped],
            "recent_actions": [{"kind": a.kind, "at": a.at} for a in acted],  # the last hour's, for the swipe limit
        } | two_sided  # discoverability, recruiters' interest received, mutual matches

    def delete(self, holder: Holder) -> int:
        """Delete the profile and every swipe, like and action of it; returns the rows deleted. On SQLite the
        rows are zeroed in the file and the write-ahead log is folded in and truncated (``forget_deleted``)."""
        with self.engine.begin() as connection:
            self._require(connection, holder)
            gone = connection.execute(delete(swipes).where(swipes.c.profile_name == holder.key)).rowcount
            gone += connection.execute(delete(actions).where(actions.c.profile_name == holder.key)).rowcount
            gone += self._two_sided_delete(connection, holder.key)
            gone += connection.execute(delete(profiles).where(profiles.c.name == holder.key)).rowcount
        forget_deleted(self.engine)
        return gone

    def legacy_links(self) -> list[tuple[str, str]]:
        """(former name, key) of the profiles migration 0002 moved to tokens: for ``nploy profiles``."""
        query = select(profiles.c.label, profiles.c.name).where(profiles.c.label.is_not(None)).order_by(profiles.c.label)
        with self.engine.connect() as connection:
            return [(label, key) for label, key in connection.execute(query)]

    def _upsert_swipe(self, connection: Connection, row: dict) -> None:
        """Insert the swipe, or replace the decision of the same listing's earlier one (last decision wins)."""
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            raise NployError(f"NPLOY_DATABASE_URL: {dialect} is not supported (use SQLite or PostgreSQL)")
        statement = insert(swipes).values(**row)
        updates = {k: statement.excluded[k] for k in ("decision", "seq", "swiped_at")}
        connection.execute(statement.on_conflict_do_update(index_elements=["profile_name", "listing_id"], set_=updates))


def open_store(data_dir: Path) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Store(database_url(data_dir))

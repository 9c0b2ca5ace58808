"""The limits on signed-out visitors, as part of the store: how many profiles a browser and an address may
store in a day, the key their hashes are made with, and when untouched anonymous profiles go. Counted in the
database, so a reload or a second app process resets nothing (issue 24)."""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Engine

from nploy import settings
from nploy.errors import NployError
from nploy.state.schema import actions, profiles, secrets_table, serialised, swipes

DAY = 86_400.0

if TYPE_CHECKING:  # the store's holder, named for the reader
    from nploy.state.store import Holder


class RateLimited(NployError):
    """Too much too fast; the message says what the limit is."""


class VisitorLimits:
    """Mixed into ``Store``: these methods read and write its ``engine``."""

    engine: Engine

    def visitor_key(self) -> bytes:
        """The key that signs browser cookies and hashes visitors: ``NPLOY_COOKIE_SECRET``, else one made at
        random the first time and kept in the database, so every app process sharing it agrees."""
        configured = settings.get("cookie_secret")
        if configured:
            return configured.encode("utf-8")
        with serialised(self.engine, "secrets") as connection:
            found = connection.execute(select(secrets_table.c.value).where(secrets_table.c.name == "visitor")).scalar()
            if found is None:
                found = secrets.token_hex(32)
                connection.execute(secrets_table.insert().values(name="visitor", value=found))
        return found.encode("utf-8")

    def starts_left(self, browser: str | None, address: str | None) -> int | None:
        """How many more profiles this browser and address may store today (None: no limit applies)."""
        with self.engine.connect() as connection:
            return self._left(connection, browser, address, time.time())

    def _left(self, connection: Connection, browser: str | None, address: str | None, now: float) -> int | None:
        left = None
        for column, value, setting in (
            (profiles.c.browser, browser, "profiles_per_browser"),
            (profiles.c.address, address, "profiles_per_address"),
        ):
            cap = int(settings.get(setting))
            if value is None or cap <= 0:
                continue
            query = select(func.count()).select_from(profiles)
            made = connection.execute(query.where((column == value) & (profiles.c.created_at > now - DAY))).scalar()
            left = max(0, cap - made) if left is None else min(left, max(0, cap - made))
        return left

    def _within_day_limits(self, connection: Connection, holder: Holder, now: float) -> None:
        if self._left(connection, holder.browser, holder.address, now) == 0:
            raise RateLimited(
                "this browser (or network) has stored the most profiles it may today: continue with one of them, or sign in"
            )

    def expire_anonymous(self, now: float | None = None) -> int:
        """Delete profiles without an owner, and their swipes, untouched for ``NPLOY_ANONYMOUS_PROFILE_DAYS``
        (no change and no swipe); returns how many profiles went. Run at every start of a store."""
        days = float(settings.get("anonymous_profile_days"))
        if days <= 0:
            return 0
        cutoff = (now or time.time()) - days * DAY
        recent = select(swipes.c.profile_name).where(swipes.c.swiped_at > cutoff)
        # A profile moved from a name (migration 0002, ``label``) waits for its owner to be handed the new link.
        anonymous = profiles.c.owner.is_(None) & profiles.c.label.is_(None)
        stale = select(profiles.c.name).where(anonymous & (profiles.c.updated_at < cutoff) & profiles.c.name.not_in(recent))
        with self.engine.begin() as connection:
            keys = [row.name for row in connection.execute(stale)]
            for at in range(0, len(keys), 500):
                chunk = keys[at : at + 500]
                connection.execute(delete(swipes).where(swipes.c.profile_name.in_(chunk)))
                connection.execute(delete(actions).where(actions.c.profile_name.in_(chunk)))
                connection.execute(delete(profiles).where(profiles.c.name.in_(chunk)))
        return len(keys)

"""Two-sided state (issue 29): discoverable candidates, recruiters' hiring roles, and the interest between them.

Kept apart from the profile store (``Store`` mixes it in) but on its tables and rules: a candidate acts through
their ``Holder``; a recruiter by their signed-in subject (the pages let only recruiters reach these calls).
Recruiters name candidates by the pseudonym (``handle``), never by the profile key, which for a profile
without sign-in is the capability link to it. A pass is stored for the recruiter only: nothing a candidate
can call returns one.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from nploy.errors import NployError
from nploy.records.hiring import Discoverable, HiringRole, Visibility
from nploy.records.profile import Profile
from nploy.state.schema import discoverable, hiring_roles, interest, profiles, serialised

DECISIONS = ("like", "pass")


@dataclass(frozen=True)
class SavedRole:
    id: str
    role: HiringRole
    contact: str


@dataclass(frozen=True)
class Interest:
    """A recruiter's like of a candidate, as the candidate sees it: the role, and their own answer so far."""

    role_id: str
    role: HiringRole
    answer: str | None  # "like", "pass", or None (not answered)


@dataclass(frozen=True)
class MutualMatch:
    """A like on both sides: each side sees the contact the other chose to share."""

    role_id: str
    role: HiringRole
    handle: str
    candidate_contact: str
    recruiter_contact: str


def recruiter_key(subject: str) -> str:
    """The key a recruiter's actions are counted under (the rate limit's table holds keys, not subjects)."""
    return "r-" + hashlib.blake2b(subject.encode("utf-8"), digest_size=16).hexdigest()


class TwoSided:
    # ---- the candidate's side ----------------------------------------------------------------------

    def discoverability(self, holder) -> tuple[Visibility, str] | None:
        """(what they show, their pseudonym), or None while hidden."""
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder, must_exist=True):
                return None
            row = connection.execute(select(discoverable).where(discoverable.c.profile_name == holder.key)).first()
        return None if row is None else (Visibility(shown=tuple(json.loads(row.shown)), contact=row.contact), row.handle)

    def make_discoverable(self, holder, visibility: Visibility) -> str:
        """Show the saved profile to recruiters with these fields; returns the pseudonym they see."""
        with self.engine.begin() as connection:
            if not self._may_open(connection, holder, must_exist=True):
                raise NployError("save your profile first: recruiters can only find a saved profile")
            row = connection.execute(select(discoverable.c.handle).where(discoverable.c.profile_name == holder.key)).first()
            values = {"shown": json.dumps(list(visibility.shown_fields)), "contact": visibility.contact}
            if row is not None:
                connection.execute(discoverable.update().where(discoverable.c.profile_name == holder.key).values(**values))
                return row.handle
            handle = f"Candidate {secrets.token_hex(3).upper()}"
            connection.execute(discoverable.insert().values(profile_name=holder.key, handle=handle, since=time.time(), **values))
            return handle

    def hide(self, holder) -> bool:
        """Off: gone from every search from now on (interest and matches already made stay)."""
        with self.engine.begin() as connection:
            self._require(connection, holder)
            return bool(connection.execute(delete(discoverable).where(discoverable.c.profile_name == holder.key)).rowcount)

    def interest_received(self, holder) -> list[Interest]:
        """Recruiters' likes of this profile, newest first (a pass is never listed)."""
        query = (
            select(interest, hiring_roles.c.data)
            .join(hiring_roles, hiring_roles.c.id == interest.c.role_id)
            .where((interest.c.profile_name == holder.key) & (interest.c.recruiter_decision == "like"))
            .order_by(interest.c.recruiter_at.desc())
        )
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder, must_exist=True):
                return []
            rows = connection.execute(query).all()
        return [Interest(row.role_id, _role(row.data), row.candidate_decision) for row in rows]

    def answer_interest(self, holder, role_id: str, decision: str) -> None:
        """Like back (a match) or pass on a recruiter's like; counted like a swipe."""
        _check(decision)
        with serialised(self.engine, f"actions:{holder.key}") as connection:
            self._require(connection, holder)
            liked = (
                (interest.c.role_id == role_id)
                & (interest.c.profile_name == holder.key)
                & (interest.c.recruiter_decision == "like")
            )
            if connection.execute(select(interest.c.role_id).where(liked)).first() is None:
                raise NployError("no recruiter interest to answer there")
            now = self._act(connection, holder, decision)
            connection.execute(interest.update().where(liked).values(candidate_decision=decision, candidate_at=now))

    def matches_of_candidate(self, holder) -> list[MutualMatch]:
        with self.engine.connect() as connection:
            if not self._may_open(connection, holder, must_exist=True):
                return []
            return _matches(connection, interest.c.profile_name == holder.key)

    # ---- the recruiter's side ----------------------------------------------------------------------

    def discoverable_candidates(self) -> list[Discoverable]:
        query = select(discoverable, profiles.c.data).join(profiles, profiles.c.name == discoverable.c.profile_name)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(discoverable.c.since, discoverable.c.handle)).all()
        return [
            Discoverable(row.profile_name, row.handle, Profile(**json.loads(row.data)), Visibility(tuple(json.loads(row.shown))))
            for row in rows
        ]

    def save_role(self, recruiter: str, role: HiringRole, contact: str) -> str:
        if len(contact) > 200:
            raise NployError("the contact is limited to 200 characters")
        role_id = secrets.token_urlsafe(12)
        row = {
            "id": role_id,
            "recruiter": recruiter,
            "data": json.dumps(asdict(role)),
            "contact": contact,
            "created_at": time.time(),
        }
        with self.engine.begin() as connection:
            connection.execute(hiring_roles.insert().values(**row))
        return role_id

    def roles_of(self, recruiter: str) -> list[SavedRole]:
        query = select(hiring_roles).where(hiring_roles.c.recruiter == recruiter).order_by(hiring_roles.c.created_at.desc())
        with self.engine.connect() as connection:
            return [SavedRole(row.id, _role(row.data), row.contact) for row in connection.execute(query)]

    def delete_role(self, recruiter: str, role_id: str) -> None:
        """Close a role: it and every like, pass and match made for it go (from the candidates' pages too)."""
        with self.engine.begin() as connection:
            _own_role(connection, recruiter, role_id)
            connection.execute(delete(interest).where(interest.c.role_id == role_id))
            connection.execute(delete(hiring_roles).where(hiring_roles.c.id == role_id))

    def decide_candidate(self, recruiter: str, role_id: str, handle: str, decision: str) -> None:
        """A recruiter's like or pass of a discoverable candidate for one of their roles (rate-limited)."""
        _check(decision)
        key = recruiter_key(recruiter)
        with serialised(self.engine, f"actions:{key}") as connection:
            _own_role(connection, recruiter, role_id)
            found = connection.execute(select(discoverable.c.profile_name).where(discoverable.c.handle == handle)).first()
            if found is None:
                raise NployError("that candidate is no longer discoverable")
            now = self._act(connection, _Acting(key), decision)
            pair = (interest.c.role_id == role_id) & (interest.c.profile_name == found.profile_name)
            values = {"recruiter_decision": decision, "recruiter_at": now}
            if connection.execute(interest.update().where(pair).values(**values)).rowcount == 0:
                connection.execute(interest.insert().values(role_id=role_id, profile_name=found.profile_name, **values))

    def decisions_of(self, recruiter: str, role_id: str) -> dict[str, str]:
        """handle -> this recruiter's decision for the role."""
        query = (
            select(discoverable.c.handle, interest.c.recruiter_decision)
            .join(discoverable, discoverable.c.profile_name == interest.c.profile_name)
            .where(interest.c.role_id == role_id)
        )
        with self.engine.connect() as connection:
            _own_role(connection, recruiter, role_id)
            return {row.handle: row.recruiter_decision for row in connection.execute(query)}

    def matches_of_recruiter(self, recruiter: str) -> list[MutualMatch]:
        with self.engine.connect() as connection:
            return _matches(connection, hiring_roles.c.recruiter == recruiter)

    # ---- a candidate's own data (Store.export / Store.delete) ---------------------------------------

    def _two_sided_export(self, connection: Connection, key: str) -> dict:
        row = connection.execute(select(discoverable).where(discoverable.c.profile_name == key)).first()
        received = connection.execute(
            select(interest, hiring_roles.c.data)
            .join(hiring_roles, hiring_roles.c.id == interest.c.role_id)
            .where((interest.c.profile_name == key) & (interest.c.recruiter_decision == "like"))
        ).all()
        return {
            "discoverable": None
            if row is None
            else {"handle": row.handle, "shown": json.loads(row.shown), "contact": row.contact, "since": row.since},
            "interest_received": [
                {"role": json.loads(r.data), "liked_at": r.recruiter_at, "your_answer": r.candidate_decision} for r in received
            ],
            "matches": [asdict(m) for m in _matches(connection, interest.c.profile_name == key)],
        }

    def _two_sided_delete(self, connection: Connection, key: str) -> int:
        gone = connection.execute(delete(interest).where(interest.c.profile_name == key)).rowcount
        return gone + connection.execute(delete(discoverable).where(discoverable.c.profile_name == key)).rowcount


@dataclass(frozen=True)
class _Acting:
    key: str  # what ``Store._act`` reads of a holder


def _check(decision: str) -> None:
    if decision not in DECISIONS:
        raise NployError(f"a decision is one of {DECISIONS}, not {decision!r}")


def _role(data: str) -> HiringRole:
    values = json.loads(data)
    return HiringRole(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def _own_role(connection: Connection, recruiter: str, role_id: str) -> None:
    mine = (hiring_roles.c.id == role_id) & (hiring_roles.c.recruiter == recruiter)
    if connection.execute(select(hiring_roles.c.id).where(mine)).first() is None:
        raise NployError("no such role of yours")


def _matches(connection: Connection, which) -> list[MutualMatch]:
    query = (
        select(
            interest.c.role_id,
            hiring_roles.c.data,
            hiring_roles.c.contact,
            discoverable.c.handle,
            discoverable.c.contact.label("their"),
        )
        .join(hiring_roles, hiring_roles.c.id == interest.c.role_id)
        .join(discoverable, discoverable.c.profile_name == interest.c.profile_name, isouter=True)
        .where(which & (interest.c.recruiter_decision == "like") & (interest.c.candidate_decision == "like"))
        .order_by(interest.c.candidate_at.desc())
    )
    return [
        MutualMatch(row.role_id, _role(row.data), row.handle or "(no longer discoverable)", row.their or "", row.contact)
        for row in connection.execute(query)
    ]

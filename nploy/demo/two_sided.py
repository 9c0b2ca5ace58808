"""The two-sided demo on sample data only: the sample profiles as discoverable candidates (showing every field,
no one's real data), and roles a recruiter might hire for, made from the listings that match a sample best."""

from __future__ import annotations

from collections.abc import Iterable

from nploy.demo.samples import SAMPLES
from nploy.records.hiring import SHAREABLE, Discoverable, HiringRole, Visibility, role_from_listing
from nploy.records.listing import Listing
from nploy.records.profile import make_profile

SAMPLE_NAME_PREFIX = "sample-"


def sample_candidates() -> list[Discoverable]:
    shown = Visibility(shown=SHAREABLE)
    return [Discoverable(sample_name(s.key), f"Sample: {s.label}", make_profile(**s.fields), shown) for s in SAMPLES]


def sample_name(sample_key: str) -> str:
    return f"{SAMPLE_NAME_PREFIX}{sample_key}"


def roles_from_listings(listings: Iterable[Listing]) -> list[HiringRole]:
    """One role per listing ("I am hiring for this one"), a listing reposted under the same title and company
    counted once: the demo's recruiters hire for what the data holds."""
    seen, roles = set(), []
    for listing in listings:
        key = (listing.title.casefold(), listing.company.casefold())
        if key not in seen:
            seen.add(key)
            roles.append(role_from_listing(listing))
    return roles

"""The store's contract on a real PostgreSQL (scripts/postgres.sh starts it): the SQLite tests of
tests/unit/test_store_backends.py, each run again here with this module's ``url``."""

from __future__ import annotations

import pytest

from tests.fixtures.postgres import fresh_database
from tests.unit.test_store_backends import (  # noqa: F401 (collected here, against PostgreSQL)
    test_a_link_profile_cannot_be_taken_over_by_a_signed_in_user,
    test_a_signed_in_users_profile_answers_only_them,
    test_anonymous_profiles_are_limited_per_browser_and_per_address_across_stores,
    test_anonymous_profiles_threaded_at_the_limit_store_exactly_the_limit,
    test_concurrent_swipes_are_stored_exactly_once_last_wins,
    test_export_holds_everything_and_delete_leaves_nothing,
    test_round_trip_on_each_backend,
    test_schema_is_created_by_alembic,
    test_swipes_per_minute_are_capped_with_a_clear_message,
    test_the_swipe_limit_holds_under_concurrent_swipes,
    test_the_visitor_key_is_made_once_and_shared_by_every_process,
    test_two_processes_see_each_others_writes,
    test_undo_and_like_again_count_as_actions,
    test_untouched_anonymous_profiles_expire,
)
from tests.unit.test_two_sided_store import (  # noqa: F401 (issue 29's flow, against PostgreSQL)
    test_a_pass_is_never_shown_to_the_candidate_and_roles_belong_to_their_recruiter,
    test_a_recruiter_closes_a_role_and_only_their_own,
    test_export_and_delete_cover_discoverability_interest_and_matches,
    test_recruiter_actions_are_rate_limited_like_swipes,
    test_the_two_sided_flow_from_opt_in_to_a_mutual_match_and_out_again,
)


@pytest.fixture
def url():
    """A database of each test's own: rows one leaves never meet the next (tests/fixtures/postgres.py)."""
    with fresh_database() as value:
        yield value

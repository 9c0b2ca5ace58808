"""The query vectors a matcher asks its encoder for, remembered: the last few profiles' (a swipe session asks
for the same one again and again) and many desired titles' (titles repeat across users far more than whole
profiles do, and are kept when the profiles' are forgotten)."""

from __future__ import annotations

import threading

import numpy as np

from nploy.index.encoder import Encoder
from nploy.index.texts import profile_text
from nploy.records.profile import Profile
from nploy.vocabulary.roles import names_a_role, without_level

PROFILES = 64  # profile vectors kept
TITLES = 4096  # distinct desired titles whose vectors are kept (1.5 KB each)


class QueryVectors:
    def __init__(self, encoder: Encoder):
        self.encoder = encoder
        self.profiles: dict[str, np.ndarray] = {}
        self.titles: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()  # one matcher serves every session of the app

    def of_profile(self, profile: Profile) -> np.ndarray:
        """The profile's embedding (``nploy.index.texts.profile_text``)."""
        return self._encoded(profile_text(profile), self.profiles, PROFILES)

    def of_titles(self, profile: Profile) -> np.ndarray | None:
        """The embedding of the desired titles that name a role, as typed (None without one). A title of generic
        words alone ("software developer") says nothing the skills do not, and is left out. As typed, not shaped
        like a sentence: the sentence shape scored lower (docs/matching.md, "Decisions and their measurements").
        Without its level ("Senior"): the seniority field weighs a level (``without_level``)."""
        titles = [bare for bare in map(without_level, profile.desired_titles) if names_a_role(bare)]
        return self._encoded(" / ".join(titles), self.titles, TITLES) if titles else None

    def forget_profiles(self) -> None:
        """Drop remembered profile vectors (benchmarks use it to time the embedding every time)."""
        with self._lock:
            self.profiles.clear()

    def _encoded(self, text: str, cache: dict, limit: int) -> np.ndarray:
        with self._lock:
            cached = cache.get(text)
        if cached is not None:
            return cached
        vector = self.encoder.encode([text])[0]
        with self._lock:
            if len(cache) >= limit:
                cache.pop(next(iter(cache)))
            cache[text] = vector
        return vector

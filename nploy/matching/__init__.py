"""The query side: a profile -> hard filters -> candidates from the index and the lexical leg -> the hybrid
score -> explained matches.

``filters`` are the exact hard filters; ``pool`` gathers the candidates; ``scoring`` and ``ranking`` score them
under the ranking settings; ``by_role`` ranks a profile without a title by the role read from it; ``explain``
says why; ``matcher`` ties them together; ``feedback`` is the swipe feed, ``suggestions`` the titles near a
profile's words, ``repeats`` the reposts of one job.
"""

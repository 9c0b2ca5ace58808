"""Evidence 4: a profile's words against each role's own words, lexically (BM25 over one document per role).

Why: all-MiniLM-L6-v2 reads a sentence by its nouns. "I test our applications for vulnerabilities" sat nearest
the QA role's names ("test"), "I decide what our app should do next" the mobile developer's ("app"); the words
that say the role ("vulnerabilities", "decide what ... next") weigh little in the embedding. Counted as words, a
term that one role's duties or tasks use and the others do not weighs the most (BM25's inverse document
frequency over the 24 roles), and a term every role uses weighs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

import bm25s
import numpy as np
import snowballstemmer

from nploy.vocabulary.occupations import Catalogue, Role
from nploy.vocabulary.roles import LEVEL_WORDS

_STEMMER = snowballstemmer.stemmer("english")  # "vulnerabilities" and "vulnerability" are the same term
# "front-end", "front end" and "frontend" are one term, and so are the back end and the full stack. Split in two,
# "front" and "end" counted for the Frontend role's names ("Front End Developer") but never for Full Stack's
# duties ("the frontend and the backend"): "React on the front, Node.js on the back" read as Frontend Developer.
# Joined, development sets' free text rose by 0.015 and 0.034 nDCG@10, no set fell (bench/RESULTS.md).
_COMPOUND = re.compile(r"\b(front|back)[\s-]?(end)\b|\b(full)[\s-]?(stack)\b", re.IGNORECASE)


# Words a CV-style sentence carries that say no role: its level and years ("Senior software engineer with 8 years of
# experience in Go"). Counted, each was a rare word of one role's documents: "experience" said UX Designer ("user
# experience"), "junior" Database Administrator, "staff" Network Engineer, and "go" ("go-live") IT Project Manager,
# which read that sentence as IT Project Manager at 90 %. "Go" the language is a skill, and the skills weigh it.
# No evaluation set moved (their sentences carry none of these words); bench/RESULTS.md.
_SAYS_NO_ROLE = LEVEL_WORDS | frozenset("mid year years experience experienced go".split())


def _joined(text: str) -> str:
    return _COMPOUND.sub(lambda m: "".join(part for part in m.groups() if part), text)


def _tokens(texts: list[str]) -> list[list[str]]:
    joined = [_joined(t) for t in texts]
    return bm25s.tokenize(joined, stopwords="en", stemmer=_STEMMER, show_progress=False, return_ids=False)


def _document(role: Role) -> str:
    """A role's own words: its names, its duties in a posting's words and its occupations' O*NET tasks (without
    the tasks, the development set rose and real free text fell: bench/RESULTS.md)."""
    return " ".join([role.title, *role.phrases, *role.duties, *role.tasks])


@lru_cache(maxsize=2)
def _index(catalogue: Catalogue) -> bm25s.BM25:
    index = bm25s.BM25()
    index.index(_tokens([_document(role) for role in catalogue.roles]), show_progress=False)
    return index


@lru_cache(maxsize=1)
def _no_role_terms() -> frozenset[str]:
    return frozenset(_tokens([" ".join(sorted(_SAYS_NO_ROLE))])[0])


def lexical_share(text: str, catalogue: Catalogue) -> np.ndarray:
    """Each role's share of the text's BM25 score over the role documents (all zero when no term is known)."""
    tokens = [token for token in _tokens([text])[0] if token not in _no_role_terms()]
    if not tokens:
        return np.zeros(len(catalogue.roles))
    scores = np.asarray(_index(catalogue).get_scores(tokens), dtype="float64")
    return scores / scores.sum() if scores.sum() > 0 else scores

"""The role vectors: every role's evidence phrases embedded by the matcher's own encoder, once.

A role's text evidence is four kinds of vector: its names (the title and O*NET's alternate and reported
titles that name it), its work (O*NET task statements of its occupations), its duties (in a posting's plain
words) and its skills as one line.
all-MiniLM-L6-v2's vectors ship beside the catalogue (``role_vectors.npy``, float16): embedding the 1,500
phrases takes seconds on a CPU, on every start of the app and of ``nploy match``. Another encoder (the fake one
of the fast tests, a model of one's own) embeds them on first use, kept per process.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from nploy.index.encoder import Encoder, normalise
from nploy.vocabulary.occupations import Catalogue, load_catalogue

DEFAULT_MODEL = "all-MiniLM-L6-v2"
VECTORS_FILE = "data/role_vectors.npy"
VECTORS_META = "data/role_vectors.json"


@dataclass(frozen=True)
class RoleVectors:
    names: tuple[np.ndarray, ...]  # per role: (phrases, d)
    tasks: tuple[np.ndarray, ...]  # per role: (tasks, d); (0, d) without an occupation
    duties: tuple[np.ndarray, ...]  # per role: (duties, d)
    skills: np.ndarray  # (roles, d): each role's skills as one line; a zero row without skills


def _texts(catalogue: Catalogue) -> tuple[list[str], list[tuple[int, int, int, int]]]:
    """Every text to embed, and per role how many names, tasks, duties and skill lines (0 or 1) it has."""
    texts, counts = [], []
    for role in catalogue.roles:
        names = [role.title, *role.phrases]
        skills = [f"Skills: {', '.join(role.skills)}."] if role.skills else []
        texts += names + list(role.tasks) + list(role.duties) + skills
        counts.append((len(names), len(role.tasks), len(role.duties), len(skills)))
    return texts, counts


def _split(vectors: np.ndarray, counts: list[tuple[int, int, int, int]]) -> RoleVectors:
    names, tasks, duties, skills = [], [], [], []
    at = 0
    dimension = vectors.shape[1]
    for n_names, n_tasks, n_duties, n_skills in counts:
        for kind, size in ((names, n_names), (tasks, n_tasks), (duties, n_duties)):
            kind.append(vectors[at : at + size])
            at += size
        skills.append(vectors[at] if n_skills else np.zeros(dimension, dtype="float32"))
        at += n_skills
    return RoleVectors(tuple(names), tuple(tasks), tuple(duties), np.stack(skills))


_cache: dict[tuple[str, str], RoleVectors] = {}
_lock = threading.Lock()


def role_vectors(encoder: Encoder, catalogue: Catalogue | None = None) -> RoleVectors:
    """The role vectors for this encoder: the shipped ones for the default model, else embedded once."""
    catalogue = catalogue or load_catalogue()
    key = (encoder.name, catalogue.digest)
    with _lock:
        if key in _cache:
            return _cache[key]
    texts, counts = _texts(catalogue)
    vectors = _shipped(encoder, catalogue, len(texts))
    if vectors is None:
        vectors = normalise(encoder.encode(texts))
    found = _split(np.asarray(vectors, dtype="float32"), counts)
    with _lock:
        _cache[key] = found
    return found


def _shipped(encoder: Encoder, catalogue: Catalogue, count: int) -> np.ndarray | None:
    if encoder.name != DEFAULT_MODEL:
        return None
    try:
        meta = json.loads(resources.files("nploy").joinpath(VECTORS_META).read_text("utf-8"))
        with resources.as_file(resources.files("nploy").joinpath(VECTORS_FILE)) as path:
            vectors = np.load(path)
    except (OSError, ValueError):
        return None
    if meta.get("catalogue") != catalogue.digest or meta.get("model") != DEFAULT_MODEL or len(vectors) != count:
        return None  # built for another catalogue: embed anew rather than score with the wrong phrases
    return normalise(vectors.astype("float32"))


def save_default_vectors(encoder: Encoder | None = None) -> Path:
    """Embed the catalogue with the default model and save the vectors beside it (``scripts/build_roles.py``)."""
    from nploy.index.embedding import SentenceTransformerEncoder

    catalogue = load_catalogue.__wrapped__()  # the file just written, not a cached older one
    # float32 on every machine: the shipped file must not depend on whether the builder's CPU has bfloat16
    encoder = encoder or SentenceTransformerEncoder(dtype="float32")
    texts, _ = _texts(catalogue)
    out = Path(__file__).resolve().parents[1] / VECTORS_FILE
    np.save(out, normalise(encoder.encode(texts)).astype("float16"))
    meta = {"model": encoder.name, "catalogue": catalogue.digest, "texts": len(texts)}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out


@dataclass(frozen=True)
class ListingRoles:
    """The roles each listing's title names, and how common each role is in the dataset (smoothed)."""

    of_row: list[tuple[int, ...]]
    prior: np.ndarray

    @classmethod
    def of_titles(cls, titles, catalogue: Catalogue | None = None) -> ListingRoles:
        catalogue = catalogue or load_catalogue()
        of_row = catalogue.roles_of_titles(titles)
        counts = np.ones(len(catalogue.roles))  # one pseudo-listing each: a role the dataset lacks is rare, not absent
        for roles in of_row:
            for role in roles:
                counts[role] += 1
        return cls(of_row, counts / counts.sum())

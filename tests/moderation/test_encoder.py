"""The shared sentence encoder: shapes, unit norm, order, solo-vs-list invariance, and semantic sanity."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from parley.moderation.encoder import DEFAULT_MODEL_DIR, Encoder, EncoderModelMissing

needs_model = pytest.mark.skipif(
    not (DEFAULT_MODEL_DIR / "model.onnx").is_file(),
    reason="encoder model not built (run training/build_encoder.py)",
)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(threads=1).load()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b))


def test_missing_model_raises_clear_error(tmp_path):
    with pytest.raises(EncoderModelMissing, match="model.onnx"):
        Encoder(model_dir=tmp_path).load()


@needs_model
def test_shape_dtype_and_unit_norm(encoder):
    texts = ["The referee ignored a clear penalty.", "Short.", "", "word " * 400]
    vectors = encoder.embed(texts)
    assert encoder.dim == 384
    assert vectors.shape == (4, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_model
def test_empty_input(encoder):
    out = encoder.embed([])
    assert out.shape == (0, 384)
    assert out.dtype == np.float32


@needs_model
def test_rejects_a_bare_string(encoder):
    with pytest.raises(TypeError):
        encoder.embed("a single string is not a list")


@needs_model
def test_input_order_preserved_with_length_sorted_batches(encoder):
    texts = [
        "A much longer comment about the council budget, the bus lanes and the new parking charges in town.",
        "Goal!",
        "Ceasefire talks resume in Cairo.",
        "The chip export rules will hurt European start-ups more than anyone else in the sector.",
        "Nice.",
    ]
    solo = np.stack([encoder.embed_one(t) for t in texts])
    for batch_size in (1, 2, 32):
        batched = encoder.embed(texts, batch_size=batch_size)
        # each row must belong to its own text: closest solo vector is the one at the same index
        assert list(np.argmax(batched @ solo.T, axis=1)) == list(range(len(texts)))
    np.testing.assert_allclose(encoder.embed(texts), solo, atol=1e-5)


@needs_model
def test_paraphrase_closer_than_unrelated(encoder):
    base, para, other = encoder.embed([
        "The government raised taxes on fuel again this year.",
        "Fuel duty went up once more under this government.",
        "The goalkeeper saved two penalties in the shoot-out.",
    ])
    assert cos(base, para) > 0.6
    assert cos(base, para) > cos(base, other) + 0.3


@needs_model
def test_truncates_long_text_to_the_same_vector(encoder):
    head = "The minister resigned after the report was published. " * 60
    # beyond 256 tokens the tail is cut off, so different tails give the same vector
    a, b = encoder.embed([head + "Totally different ending.", head + "Another tail about football."])
    np.testing.assert_allclose(a, b, atol=1e-6)


@needs_model
def test_concurrent_calls_match_serial(encoder):
    texts = [f"Comment number {i} about the match on Saturday." for i in range(12)]
    expected = encoder.embed(texts)
    results: dict[int, np.ndarray] = {}

    def work(i: int) -> None:
        results[i] = encoder.embed(texts[i::3])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(3):
        np.testing.assert_allclose(results[i], expected[i::3], atol=1e-5)

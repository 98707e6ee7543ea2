"""The shared sentence encoder: all-MiniLM-L6-v2, int8 ONNX, run with onnxruntime and ``tokenizers``.

Every comment is embedded once and the vector is shared by all checks (off-topic, trained heads), so this
must be fast on two cores and free of torch. The pooling reproduces sentence-transformers exactly: mean over
the tokens the attention mask keeps, then L2 normalisation. The model is built by training/build_encoder.py.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm-l6-int8"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
DIM = 384


class EncoderModelMissing(FileNotFoundError):
    """The model files are not where the encoder looks; raised early so the engine fails loudly, not silently."""


class Encoder:
    """Lazily loaded ONNX sentence encoder; one instance may serve many threads at once.

    ``threads`` sets onnxruntime's intra-op thread count: 1 gives the best latency for one comment at a time
    and leaves the other core to the web process; 2 suits batch jobs (training, re-scoring). ``spin`` lets
    idle worker threads busy-wait; it is off by default because on a shared two-core box spinning threads
    steal the CPU the other processes need (measured: half the throughput under load).
    """

    def __init__(self, model_dir: str | Path | None = None, threads: int | None = None, *, spin: bool = False):
        self.model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        self.threads = 1 if threads is None else int(threads)
        self.spin = spin
        self.max_tokens = MAX_TOKENS
        self._session: Any = None
        self._tokenizer: Any = None
        self._dim = DIM
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return self._dim

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> Encoder:
        """Open the ONNX session and tokenizer once (about 0.1 s); later calls are no-ops."""
        if self._session is not None:
            return self
        with self._lock:
            if self._session is not None:
                return self
            model, tok = self.model_dir / "model.onnx", self.model_dir / "tokenizer.json"
            missing = [p.name for p in (model, tok) if not p.is_file()]
            if missing:
                raise EncoderModelMissing(
                    f"sentence encoder files missing in {self.model_dir}: {', '.join(missing)}; "
                    "build them with training/build_encoder.py"
                )
            import onnxruntime as ort
            from tokenizers import Tokenizer

            config_path = self.model_dir / "config.json"
            if config_path.is_file():
                config = json.loads(config_path.read_text(encoding="utf-8"))
                self._dim = int(config.get("dim", DIM))
                self.max_tokens = int(config.get("max_tokens", MAX_TOKENS))

            tokenizer = Tokenizer.from_file(str(tok))
            tokenizer.no_padding()  # padding is done per length-sorted batch below
            tokenizer.enable_truncation(max_length=self.max_tokens)

            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "1" if self.spin else "0")
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
            self._session = session  # set last: it is the "loaded" flag read without the lock
        return self

    def embed(self, texts: list[str], batch_size: int = 1) -> np.ndarray:
        """Unit vectors (n, dim) float32 in input order.

        The default runs each text on its own. Dynamic int8 quantisation picks one activation scale per
        tensor, so in a batch a text's vector shifts with its batch-mates (cosine to its solo vector
        down to ~0.95 on real comments); alone, a text always gets the same vector, in training and in
        production alike, and on CPU batching measured no faster. With ``batch_size`` > 1 texts are
        grouped by token length to limit padding, trading that invariance for nothing measurable here.
        """
        if isinstance(texts, str):
            raise TypeError("embed() takes a list of strings; use embed_one() for a single text")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        self.load()
        ids = [enc.ids for enc in self._tokenizer.encode_batch(texts)]
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        order = np.argsort(lengths, kind="stable")
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        step = max(1, int(batch_size))
        for start in range(0, len(order), step):
            chunk = order[start:start + step]
            width = int(lengths[chunk].max())
            input_ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                input_ids[row, :lengths[i]] = ids[i]
                mask[row, :lengths[i]] = 1
            (hidden,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
            out[chunk] = _mean_pool_normalise(hidden, mask)
        return out

    def embed_one(self, text: str) -> np.ndarray:
        """One unit vector (dim,)."""
        return self.embed([text])[0]


def _mean_pool_normalise(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' Pooling(mean) + Normalize: masked mean, clamp 1e-9, then L2 with eps 1e-12."""
    m = mask[:, :, None].astype(np.float32)
    summed = (hidden.astype(np.float32) * m).sum(axis=1)
    pooled = summed / np.maximum(m.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=4)
def shared_encoder(threads: int = 1) -> Encoder:
    """The process-wide encoder from the shipped model, so checks and the engine load the model only once."""
    return Encoder(threads=threads)

"""Speed, load time and memory of the shipped sentence encoder; prints one table.

Why: the engine embeds every comment, so the single-comment latency (one thread, the web path) and the
batch throughput (two threads, re-scoring and training) bound the whole pipeline. Run from the repo root:

    .venv/bin/python benchmarks/encoder_speed.py [--data ../shared/data] [--n 500]

Texts are real news-site comments from toxic_spans_semeval2021/tsd_train.csv (CC0) when present, otherwise
synthetic sentences. Load time and RSS are measured in a fresh interpreter so imports are counted.
Timings on a shared two-core machine vary; the table prints the load average next to them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.moderation.encoder import DEFAULT_MODEL_DIR, Encoder

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from parley.moderation.encoder import Encoder
enc = Encoder(threads=1)
enc.embed(["warm-up comment about the match"])
load = time.perf_counter() - t0
texts = json.load(sys.stdin)
Encoder(threads=2).embed(texts)
print(json.dumps({"load_s": load, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def load_texts(data: Path, n: int) -> tuple[list[str], str]:
    path = data / "toxic_spans_semeval2021" / "tsd_train.csv"
    if path.exists():
        csv.field_size_limit(sys.maxsize)
        with path.open(encoding="utf-8", newline="") as f:
            rows = [r["text"] for r in csv.DictReader(f) if r["text"].strip()]
        step = max(1, len(rows) // n)
        return rows[::step][:n], f"{min(n, len(rows))} tsd_train comments"
    base = ["The referee got that decision badly wrong and everyone in the stadium knew it.",
            "Ceasefire talks resumed in Cairo, but neither side has moved on the prisoner list.",
            "This new chip regulation will mostly hurt small European firms, not the giants.",
            "Council tax is going up again while the bins are collected every three weeks."]
    return [f"{base[i % 4]} ({i})" for i in range(n)], f"{n} synthetic sentences"


def throughput(enc: Encoder, texts: list[str], batch_size: int) -> tuple[float, np.ndarray]:
    enc.embed(texts[:8], batch_size=batch_size)
    t0 = time.perf_counter()
    vectors = enc.embed(texts, batch_size=batch_size)
    return len(texts) / (time.perf_counter() - t0), vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()

    load_start = os.getloadavg()[0]
    texts, source = load_texts(args.data, args.n)
    rows: list[tuple[str, str]] = []

    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    child = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(texts[:200]), env=env,
                           capture_output=True, text=True, check=True)
    cold = json.loads(child.stdout)
    rows.append(("load (cold import to first vector)", f"{cold['load_s'] * 1000:.0f} ms"))
    rows.append(("peak RSS after load + 200 comments", f"{cold['rss_mb']:.0f} MB"))

    one = Encoder(threads=1).load()
    sample = texts[: min(200, len(texts))]
    for t in sample[:10]:
        one.embed_one(t)
    lat, cpu = [], []
    for t in sample:
        t0, c0 = time.perf_counter(), time.process_time()
        one.embed_one(t)
        lat.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    q = statistics.quantiles(lat, n=20)
    rows.append(("single comment, 1 thread: p50 / p95", f"{statistics.median(lat):.1f} / {q[18]:.1f} ms"))
    # CPU time is what the comment costs when the machine is not shared; wall time above includes waiting
    rows.append(("single comment, 1 thread: CPU time p50", f"{statistics.median(cpu):.1f} ms"))

    two = Encoder(threads=2).load()
    vectors = {}
    for bs in (1, 32):
        rate, vectors[bs] = throughput(two, texts, bs)
        rows.append((f"throughput, 2 threads, batch_size={bs}", f"{rate:.0f} comments/s"))
    spinning = Encoder(threads=2, spin=True).load()
    rows.append(("throughput, 2 threads, spin=True, batch_size=1",
                 f"{throughput(spinning, texts, 1)[0]:.0f} comments/s"))
    rows.append(("throughput, 1 thread, batch_size=1", f"{throughput(one, texts, 1)[0]:.0f} comments/s"))
    # dynamic int8 quantisation shares one activation scale per batch: how far batch-mates move a vector
    drift = np.sum(vectors[1] * vectors[32], axis=1)
    rows.append(("cosine solo vs batch_size=32: mean / min", f"{drift.mean():.4f} / {drift.min():.4f}"))

    size = (DEFAULT_MODEL_DIR / "model.onnx").stat().st_size / 1e6
    rows.append(("model.onnx size", f"{size:.1f} MB"))
    lengths = [len(e.ids) for e in two._tokenizer.encode_batch(texts)]
    rows.append(("texts", f"{source}, mean {statistics.mean(lengths):.0f} tokens"))
    rows.insert(0, ("load average (1 min) at start", f"{load_start:.2f} on {os.cpu_count()} CPUs"))
    rows.append(("load average (1 min) at end", f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"))

    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|-{'-' * 24}")
    for k, v in rows:
        print(f"{k.ljust(width)} | {v}")


if __name__ == "__main__":
    main()

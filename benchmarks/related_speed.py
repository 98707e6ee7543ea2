"""Speed, memory and recall of the related-articles indexes at 10k, 100k and 1M synthetic article vectors.

For each size it builds the exact index (numpy) and the approximate one (usearch HNSW, the settings shipped
in ``parley.related.index`` unless overridden) and prints one table: build time, memory and file size, the
exact query's p50, the approximate query's p50/p99 and its recall@5 against exact search, for each
``--expansion-search`` value. Queries are articles of the index asking for their 5 neighbours without
themselves, one at a time on one thread, as a web request does. It also times incremental updates
(1,000 inserts and 1,000 removals on the built graph) and a save/load round trip.

Synthetic vectors, not uniform noise: uniform random 384-d vectors are all nearly orthogonal, so nearest
neighbours are meaningless and HNSW looks worse than it is on real text. Real sentence embeddings are
anisotropic (they share a mean direction, and their variance falls off over a few dozen directions) and
come in subjects and stories. The generator draws, in a random orthonormal basis with eigenvalues
``i ** -0.72``: a shared direction (weight 0.45), one of N/200 topic centroids (Zipf-sized, 0.45), one of
N/5 story centroids inside it (0.6) and the article's own noise (0.8); then 3 % of articles are replaced by
near-copies of others (re-published stories, cosine about 0.99). Calibrated on 3,000 real news comments
embedded with the shipped encoder (C3 corpus, Globe and Mail), measured with the same code as the
"workload" line printed here at n=3,000:

    real      |mean| 0.42, pair cosine 0.18 +- 0.13, nearest-neighbour cosine p10/50/90 0.46/0.60/0.72,
              participation ratio 76, top-10 directions 27 % of the variance
    synthetic |mean| 0.40, pair cosine 0.16 +- 0.10, nearest-neighbour cosine p10/50/90 0.52/0.61/0.70,
              participation ratio 70, top-10 directions 29 % of the variance

Run from the repo root (the 1M run needs about 6 GiB of memory and a long build on two cores):

    .venv/bin/python benchmarks/related_speed.py [--sizes 10k 100k 1m] [--queries 200]
        [--dtype bf16] [--connectivity 48] [--expansion-add 256] [--expansion-search 64 128 256]

Timings on a shared two-core machine vary with the other work on it: query times are printed as wall time
and as the CPU time of the search (what an idle core would show), and the load average is printed too.
Build times are wall times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.related import index as related_index
from parley.related.index import ApproxIndex, ExactIndex

DIM = 384
SLOPE = 0.72
WEIGHTS = (0.45, 0.45, 0.6, 0.8)  # shared direction, topic, story, own noise
ARTICLES_PER_TOPIC = 200
ARTICLES_PER_STORY = 5
DUPLICATE_SHARE = 0.03
CHUNK = 100_000


def synthetic_articles(n: int, seed: int = 0) -> np.ndarray:
    """(n, DIM) float32 unit vectors with topic/story structure; see the module docstring."""
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(DIM, DIM)))
    eigen = np.arange(1, DIM + 1, dtype=np.float64) ** -SLOPE
    eigen /= eigen.sum()
    mix = (np.sqrt(eigen)[:, None] * basis.T).astype(np.float32)  # z @ mix has E|x|^2 = 1

    def anisotropic(m: int) -> np.ndarray:
        return rng.standard_normal((m, DIM), dtype=np.float32) @ mix

    shared = rng.normal(size=DIM).astype(np.float32)
    shared /= np.linalg.norm(shared)
    topics = max(8, n // ARTICLES_PER_TOPIC)
    stories = max(topics, n // ARTICLES_PER_STORY)
    topic_centroids, story_centroids = anisotropic(topics), anisotropic(stories)
    topic_weight = 1 / np.arange(1, topics + 1) ** 0.8
    story_topic = rng.choice(topics, size=stories, p=topic_weight / topic_weight.sum())
    story_weight = rng.permutation(1 / np.arange(1, stories + 1) ** 0.5)
    article_story = rng.choice(stories, size=n, p=story_weight / story_weight.sum())

    out = np.empty((n, DIM), dtype=np.float32)
    w_shared, w_topic, w_story, w_noise = WEIGHTS
    for start in range(0, n, CHUNK):
        s = article_story[start:start + CHUNK]
        x = (w_shared * shared + w_topic * topic_centroids[story_topic[s]] + w_story * story_centroids[s]
             + w_noise * anisotropic(len(s)))
        out[start:start + len(s)] = x / np.linalg.norm(x, axis=1, keepdims=True)
    copies = int(n * DUPLICATE_SHARE)
    if copies:
        source, target = rng.choice(n, copies, replace=False), rng.choice(n, copies, replace=False)
        near = out[source] + 0.12 * anisotropic(copies)
        out[target] = near / np.linalg.norm(near, axis=1, keepdims=True)
    return out


def workload_stats(vectors: np.ndarray, sample: int = 3000, seed: int = 1) -> str:
    """The calibration figures of the docstring, for a random sample of the vectors."""
    rng = np.random.default_rng(seed)
    v = vectors[rng.choice(len(vectors), min(sample, len(vectors)), replace=False)].astype(np.float64)
    sims = v @ v.T
    pairs = sims[np.triu_indices(len(v), 1)]
    np.fill_diagonal(sims, -2)
    nearest = sims.max(axis=1)
    eigen = np.sort(np.linalg.eigvalsh(np.cov((v - v.mean(0)).T)))[::-1]
    ratio = eigen.sum() ** 2 / (eigen ** 2).sum()
    p10, p50, p90 = np.quantile(nearest, [0.1, 0.5, 0.9])
    return (f"|mean| {np.linalg.norm(v.mean(0)):.2f}, pair cosine {pairs.mean():.2f} +- {pairs.std():.2f}, "
            f"nearest-neighbour cosine p10/50/90 {p10:.2f}/{p50:.2f}/{p90:.2f} (n={len(v)}), "
            f"participation ratio {ratio:.0f}, top-10 directions {eigen[:10].sum() / eigen.sum():.0%} of the variance")


def percentile(values: list[float], q: float) -> float:
    return float(np.quantile(np.asarray(values), q))


def size_label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def run_size(n: int, args: argparse.Namespace) -> list[list[str]]:
    print(f"\n== {size_label(n)} articles ==", flush=True)
    t0 = time.perf_counter()
    vectors = synthetic_articles(n, seed=args.seed)
    ids = np.arange(n, dtype=np.int64)
    print(f"generated in {time.perf_counter() - t0:.1f} s; workload: {workload_stats(vectors)}", flush=True)

    rng = np.random.default_rng(args.seed + 7)
    queries = rng.choice(n, min(args.queries, n), replace=False)

    t0 = time.perf_counter()
    exact = ExactIndex(capacity=n)
    exact.add(ids, vectors)
    exact_build = time.perf_counter() - t0
    truth_ids, _ = exact.search_batch(vectors[queries], 6)
    truth = [[int(i) for i in row if i != q][:5] for q, row in zip(queries, truth_ids, strict=True)]
    timed = queries[: min(len(queries), args.exact_timed)]
    for q in timed[:5]:  # warm up
        exact.query(vectors[q], 5, exclude=[int(q)])
    exact_wall, exact_cpu = [], []
    for q in timed:
        t, c = time.perf_counter(), time.process_time()  # process time: numpy may use several threads
        exact.query(vectors[q], 5, exclude=[int(q)])
        exact_cpu.append(time.process_time() - c)
        exact_wall.append(time.perf_counter() - t)
    exact_p50 = statistics.median(exact_wall) * 1000
    exact_p50_cpu = statistics.median(exact_cpu) * 1000
    exact_bytes = exact.nbytes
    print(f"exact: built in {exact_build:.1f} s, {mib(exact_bytes)}, query p50 {exact_p50:.2f} ms wall, "
          f"{exact_p50_cpu:.2f} ms cpu ({len(timed)} queries)", flush=True)
    del exact

    settings = {"dtype": args.dtype, "connectivity": args.connectivity, "expansion_add": args.expansion_add}
    t0 = time.perf_counter()
    approx = ApproxIndex(**settings)
    for start in range(0, n, CHUNK):
        approx.add(ids[start:start + CHUNK], vectors[start:start + CHUNK], threads=args.threads)
    approx_build = time.perf_counter() - t0
    approx_bytes = approx.nbytes
    print(f"approx: built in {approx_build:.1f} s wall ({n / approx_build:,.0f} vectors/s, {args.threads or 'all'} "
          f"threads), {mib(approx_bytes)}; load average {os.getloadavg()[0]:.2f}", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.usearch"
        t0 = time.perf_counter()
        approx.save(path)
        save_s = time.perf_counter() - t0
        file_bytes = path.stat().st_size
        t0 = time.perf_counter()
        loaded = related_index.load_index(path)
        load_s = time.perf_counter() - t0
        assert len(loaded) == n
        del loaded
    print(f"approx: saved in {save_s:.2f} s ({mib(file_bytes)}), loaded in {load_s:.2f} s", flush=True)

    rows = []
    for expansion in args.expansion_search:
        approx.expansion_search = expansion
        for q in queries[:20]:  # warm the caches
            approx.query(vectors[q], 5, exclude=[int(q)])
        wall, cpu, hits = [], [], 0
        for q, expected in zip(queries, truth, strict=True):
            t, c = time.perf_counter(), time.thread_time()  # one search thread: its CPU time is the work done
            found = approx.query(vectors[q], 5, exclude=[int(q)])
            cpu.append(time.thread_time() - c)
            wall.append(time.perf_counter() - t)
            hits += len({i for i, _ in found} & set(expected))
        recall = hits / (5 * len(queries))
        p50, p99 = percentile(wall, 0.5) * 1000, percentile(wall, 0.99) * 1000
        p50_cpu, p99_cpu = percentile(cpu, 0.5) * 1000, percentile(cpu, 0.99) * 1000
        print(f"approx: expansion_search {expansion}: recall@5 {recall:.3f}, p50 {p50:.2f} ms wall "
              f"({p50_cpu:.2f} cpu), p99 {p99:.2f} ms wall ({p99_cpu:.2f} cpu)", flush=True)
        rows.append([size_label(n), f"{exact_build:.1f} s", mib(exact_bytes),
                     f"{exact_p50:.1f} / {exact_p50_cpu:.1f}", f"{approx_build:.0f} s", mib(approx_bytes),
                     mib(file_bytes), str(expansion), f"{p50:.2f} / {p50_cpu:.2f}", f"{p99:.2f} / {p99_cpu:.2f}",
                     f"{recall:.3f}"])

    # incremental updates on the built graph: new articles, then removals (slots are reused by later inserts)
    approx.expansion_search = args.expansion_search[0]
    fresh = synthetic_articles(1000, seed=args.seed + 99)
    t0, c0 = time.perf_counter(), time.thread_time()
    for offset, vector in enumerate(fresh):
        approx.add(n + offset, vector, threads=1)
    add_wall, add_cpu = time.perf_counter() - t0, time.thread_time() - c0
    t0, c0 = time.perf_counter(), time.thread_time()
    for article_id in range(n, n + 1000):
        approx.remove(article_id)
    remove_wall, remove_cpu = time.perf_counter() - t0, time.thread_time() - c0
    print(f"approx: incremental: 1,000 single inserts {add_wall:.2f} ms each wall ({add_cpu:.2f} cpu), "
          f"1,000 removals {remove_wall:.3f} ms each wall ({remove_cpu:.3f} cpu)", flush=True)
    return rows


def print_table(rows: list[list[str]]) -> None:
    header = ["N", "exact build", "exact mem", "exact p50 ms", "approx build", "approx mem", "file",
              "ef_search", "approx p50 ms", "approx p99 ms", "recall@5"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print("\nQuery times are wall / CPU milliseconds: on a shared machine the wall time includes waiting for a core,")
    print("the CPU time is the search itself (the figure an idle core would show).")
    print("\n" + line + "\n" + "-" * len(line))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m"], help="Index sizes (10k, 100k, 1m).")
    parser.add_argument("--queries", type=int, default=200, help="Queries for recall and approximate timings.")
    parser.add_argument("--exact-timed", type=int, default=50, help="Queries timed on the exact index.")
    parser.add_argument("--dtype", default=related_index.APPROX_DTYPE, choices=list(related_index.APPROX_DTYPES))
    parser.add_argument("--connectivity", type=int, default=related_index.APPROX_CONNECTIVITY)
    parser.add_argument("--expansion-add", type=int, default=related_index.APPROX_EXPANSION_ADD)
    parser.add_argument("--expansion-search", type=int, nargs="+", default=[related_index.APPROX_EXPANSION_SEARCH])
    parser.add_argument("--threads", type=int, default=0, help="Build threads (0: all cores).")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    sizes = [parse_size(s) for s in args.sizes]
    print(f"related_speed: sizes {', '.join(map(size_label, sizes))}; approx {args.dtype}, connectivity "
          f"{args.connectivity}, expansion_add {args.expansion_add}; {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    rows = []
    for n in sizes:
        rows.extend(run_size(n, args))
    print_table(rows)
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

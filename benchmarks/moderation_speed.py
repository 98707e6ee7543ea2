"""Speed of the moderation engine: load time, one comment at a time on one core, batches on two cores, memory.

    .venv/bin/python benchmarks/moderation_speed.py [--comments 1000] [--data ../shared/data]

Comments come from the authored cases (tests/moderation/cases) and, when the shared data folder is there, from the
CC0 Toxic Spans training texts, each posted under one of the case articles with an author name. Each stage runs in
its own fresh process so that load time and peak memory are those of a cold engine. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "moderation" / "cases"
NAMES = ["Amira Haddad", "Jonas Weber", "Siobhán Kelly", "Kwame Mensah", "Li Wei", "María García", "Tom Okafor"]


def corpus(n: int, data_dir: Path) -> tuple[list[dict], list[dict]]:
    articles = [json.loads(line) for line in (CASES / "articles.jsonl").read_text().splitlines() if line.strip()]
    texts = []
    for path in sorted(CASES.glob("*.jsonl")):
        if path.name != "articles.jsonl":
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    spans = data_dir / "toxic_spans_semeval2021" / "tsd_train.csv"
    if spans.exists():
        with spans.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    rng = random.Random(11)
    comments = []
    for i in range(n):
        comments.append({"id": str(i), "text": rng.choice(texts), "author_name": rng.choice(NAMES),
                         "article": rng.choice(articles)["id"]})
    return comments, articles


def stage(name: str, comments: list[dict], articles: list[dict], threads: int, batch: int) -> dict:
    """Runs in a child process: load a fresh engine, then moderate ``comments``."""
    if threads == 1 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    started = time.perf_counter()
    from parley.moderation.context import ArticleInput
    from parley.moderation.encoder import Encoder
    from parley.moderation.engine import Engine, Item

    engine = Engine(encoder=_loaded(Encoder(threads=threads))).load()
    by_id = {a["id"]: ArticleInput(a["title"], a["body"]) for a in articles}
    engine.run([Item("warm", "Warming up the engine.", "Anna Berg", by_id[articles[0]["id"]])])
    load_s = time.perf_counter() - started
    items = [Item(c["id"], c["text"], c["author_name"], by_id[c["article"]]) for c in comments]
    for article in by_id.values():  # article embeddings are cached in production: measure comments only
        engine.run([Item("a", "ok", "Anna Berg", article)])
    latencies = []
    run_started = time.perf_counter()
    for start in range(0, len(items), batch):
        t = time.perf_counter()
        engine.run(items[start:start + batch])
        latencies.append((time.perf_counter() - t) * 1000)
    elapsed = time.perf_counter() - run_started
    return {
        "stage": name,
        "load_s": load_s,
        "p50_ms": statistics.median(latencies),
        "p99_ms": sorted(latencies)[max(0, int(len(latencies) * 0.99) - 1)],
        "per_s": len(items) / elapsed,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "unavailable": sorted(engine.load_errors),
    }


def _loaded(encoder):
    encoder.load()
    return encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        spec = json.loads(args.child)
        comments, articles = corpus(args.comments, args.data)
        print(json.dumps(stage(spec["name"], comments, articles, spec["threads"], spec["batch"])))
        return
    rows = []
    for name, threads, batch in (("one comment at a time, 1 core", 1, 1), ("batches of 64, 2 cores", 2, 64)):
        child = json.dumps({"name": name, "threads": threads, "batch": batch})
        out = subprocess.run([sys.executable, __file__, "--comments", str(args.comments), "--data", str(args.data),
                              "--child", child], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{'stage':<32} {'load s':>7} {'p50 ms':>8} {'p99 ms':>8} {'comments/s':>11} {'peak RSS MB':>12}")
    for r in rows:
        p50 = f"{r['p50_ms']:.1f}" if r["stage"].startswith("one") else "–"
        p99 = f"{r['p99_ms']:.1f}" if r["stage"].startswith("one") else "–"
        print(f"{r['stage']:<32} {r['load_s']:>7.2f} {p50:>8} {p99:>8} {r['per_s']:>11.0f} {r['rss_mb']:>12.0f}")
    missing = sorted({rule for r in rows for rule in r["unavailable"]})
    if missing:
        print(f"\nnote: these checks were unavailable and did not run: {', '.join(missing)}")
    print(f"\n{args.comments} comments per stage; goals: p50 ≤ 10 ms, p99 ≤ 40 ms (one core), ≥ 300/s (two cores), "
          "load ≤ 5 s, RSS ≤ 1 GB")


if __name__ == "__main__":
    main()

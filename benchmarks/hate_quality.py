"""Quality and cost of the hate and extremism checks.

Prints:
1. per-functionality accuracy on the authored cases (tests/moderation/cases/hate.jsonl, extremism.jsonl) at the
   hold threshold;
2. precision / recall / AUC of ``hate`` on the Davidson 2017 dev split (MIT; "hate speech" vs the rest) and on
   the Fox News comments (MIT; not used in training; its "hateful" label is broad, so read recall loosely);
3. evaluation-only, NC-licensed news comments: how often the rules fire on comments the annotators found
   healthy (UCC) or not toxic (C3), i.e. the false-positive rate on realistic publishable comments;
4. the cost of each check per comment beyond the shared embedding (process CPU time).

    .venv/bin/python benchmarks/hate_quality.py [--data ../shared/data] [--limit N]

Needs the shipped encoder; the data sets are read from --data (default ../shared/data) and skipped if absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.moderation.checks.extremism import ExtremismCheck  # noqa: E402
from parley.moderation.checks.hate import HateCheck  # noqa: E402
from parley.moderation.checks.hate_rules import shared_rules  # noqa: E402
from parley.moderation.document import Document  # noqa: E402
from parley.moderation.encoder import Encoder  # noqa: E402
from parley.moderation.normalise import normalise  # noqa: E402

CASES = REPO / "tests" / "moderation" / "cases"
HOLD = 0.5


def documents(texts: list[str], encoder: Encoder) -> list[Document]:
    docs = [Document(id=str(i), text=t, norm=normalise(t)) for i, t in enumerate(texts)]
    vectors = encoder.embed([d.norm.text for d in docs], batch_size=64)
    for doc, vector in zip(docs, vectors, strict=True):
        doc.embedding = vector
    return docs


def scores(check, docs: list[Document]) -> np.ndarray:
    out = []
    for doc in docs:
        signals = check.check(doc)
        out.append(signals[0].score if signals else 0.0)
    return np.array(out)


def auc(y: np.ndarray, s: np.ndarray) -> float:
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]), kind="stable"), kind="stable") + 1.0
    values = np.concatenate([pos, neg])
    for value in np.unique(values):  # average ranks of ties
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def prf(name: str, y: np.ndarray, s: np.ndarray) -> None:
    flagged = s >= HOLD
    tp = int((flagged & (y == 1)).sum())
    precision = tp / max(1, int(flagged.sum()))
    recall = tp / max(1, int((y == 1).sum()))
    print(f"  {name:<34} n={len(y):>5}  positives={int(y.sum()):>4}  precision={precision:.3f}  "
          f"recall={recall:.3f}  AUC={auc(y, s):.3f}  flagged={flagged.mean():.3f}")


def functional(path: Path, check, encoder: Encoder) -> None:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = scores(check, documents([c["text"] for c in cases], encoder))
    groups: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for case, value in zip(cases, result, strict=True):
        ok = (value >= HOLD) == (case["expect"] == "withhold")
        groups[case["functionality"]].append(ok)
        if not ok:
            wrong.append((case["expect"], round(float(value), 3), case["text"]))
    total = sum(sum(v) for v in groups.values()) / len(cases)
    withhold = [ok for c, v in zip(cases, result, strict=True) for ok in [(v >= HOLD)] if c["expect"] == "withhold"]
    publish = [ok for c, v in zip(cases, result, strict=True) for ok in [(v < HOLD)] if c["expect"] == "publish"]
    print(f"\n{path.name}: accuracy {total:.3f} over {len(cases)} cases "
          f"(withheld {np.mean(withhold):.3f} of violations, published {np.mean(publish):.3f} of the rest)")
    for name, values in sorted(groups.items()):
        print(f"  {name:<24} {sum(values):>3}/{len(values):<3} {sum(values) / len(values):.2f}")
    for expect, value, text in wrong:
        print(f"  MISS expect={expect:<8} score={value:<6} {text}")


def read(path: Path, *columns: str, limit: int | None = None) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        rows = [[row[c] for c in columns] for row in csv.DictReader(f)]
    return rows[:limit] if limit else rows


def public_sets(data: Path, hate: HateCheck, encoder: Encoder, limit: int | None) -> None:
    print("\nhate on public data (MIT licensed):")
    dev = data / "davidson2017" / "dev.csv"
    if dev.is_file():
        rows = read(dev, "tweet", "class", limit=limit)
        s = scores(hate, documents([r[0] for r in rows], encoder))
        prf("davidson dev (hate vs rest)", np.array([int(r[1] == "0") for r in rows]), s)
    fox = data / "fox_news_comments" / "fox_news_comments_shared.csv"
    if fox.is_file():
        rows = read(fox, "text", "label", limit=limit)
        s = scores(hate, documents([r[0] for r in rows], encoder))
        prf("fox news comments (hateful vs not)", np.array([int(r[1] == "1") for r in rows]), s)
    print("\nhate and extremism on NC-licensed news comments (evaluation only):")
    ucc = data / "ucc_unhealthy_comments" / "val.csv"
    if ucc.is_file():
        rows = read(ucc, "comment", "healthy", "generalisation_unfair", limit=limit)
        docs = documents([r[0] for r in rows], encoder)
        s = scores(hate, docs)
        healthy = np.array([float(r[1] or 0) >= 0.5 for r in rows])
        unfair = np.array([float(r[2] or 0) >= 0.5 for r in rows])
        print(f"  UCC healthy comments flagged as hate: {(s[healthy] >= HOLD).mean():.4f} of {healthy.sum()}")
        for i in np.argsort(-s * healthy)[:8]:
            if healthy[i] and s[i] >= HOLD:
                print(f"    flagged healthy ({s[i]:.2f}): {rows[i][0][:150]!r}")
        print(f"  UCC 'unfair generalisation' flagged as hate: {(s[unfair] >= HOLD).mean():.4f} of {unfair.sum()}")
        e = scores(ExtremismCheck(), docs)
        print(f"  UCC healthy comments flagged as extremism: {(e[healthy] >= HOLD).mean():.4f}")
    c3 = data / "c3_constructive_comments" / "C3_shared.csv"
    if c3.is_file():
        rows = read(c3, "comment_text", "toxicity_characteristics", limit=limit or 3000)
        docs = documents([r[0] for r in rows], encoder)
        clean = np.array([r[1].startswith("no_toxic") and "\n" not in r[1].strip() for r in rows])
        s = scores(hate, docs)
        print(f"  C3 comments all annotators found not toxic, flagged as hate: {(s[clean] >= HOLD).mean():.4f}"
              f" of {clean.sum()}")
        e = scores(ExtremismCheck(), docs)
        print(f"  ... flagged as extremism: {(e[clean] >= HOLD).mean():.4f}")


def cost(hate: HateCheck, extremism: ExtremismCheck, encoder: Encoder, real: list[str]) -> None:
    """CPU time of each check per comment, with the shared tokenisation cache cleared before every call."""
    cases = [json.loads(line)["text"] for name in ("hate.jsonl", "extremism.jsonl")
             for line in (CASES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    long_text = " ".join(cases[:12])  # twelve hateful sentences in one comment: the rules' worst case
    sets = {"case comment": cases, f"{len(long_text)}-character hateful comment": [long_text] * 20}
    if real:
        sets[f"real news comment (mean {sum(map(len, real)) // len(real)} characters)"] = real
    docs = {name: documents(texts, encoder) for name, texts in sets.items()}
    canon_cache = shared_rules().canon
    for check in (hate, extremism):
        check.check(docs["case comment"][0])  # warm up
        for name, batch in docs.items():
            start = time.process_time()
            for doc in batch:
                canon_cache.cache_clear()
                check.check(doc)
            per = (time.process_time() - start) / len(batch)
            print(f"  {check.rule:<10} {1000 * per:.3f} ms per {name} (CPU time, embedding excluded)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows of each data set")
    args = parser.parse_args()
    encoder = Encoder(threads=2).load()
    hate, extremism = HateCheck(), ExtremismCheck()
    hate.load()
    extremism.load()
    functional(CASES / "hate.jsonl", hate, encoder)
    functional(CASES / "extremism.jsonl", extremism, encoder)
    if args.data.is_dir():
        public_sets(args.data, hate, encoder, args.limit)
    else:
        print(f"\n(no data folder at {args.data}: public and NC evaluations skipped)")
    print("\ncost per comment:")
    c3 = args.data / "c3_constructive_comments" / "C3_shared.csv"
    real = [r[0] for r in read(c3, "comment_text", limit=500)] if c3.is_file() else []
    cost(hate, extremism, encoder, real)


if __name__ == "__main__":
    main()

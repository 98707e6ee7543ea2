"""Quality of the personal_attack and defamation checks: precision, recall and AUC, plus the check's own cost.

Why these sets: the authored cases (tests/moderation/cases/) test every boundary in the rules; the
non-commercial news-comment corpora test real-world behaviour and are used here for evaluation only, never
for training: UCC (Globe and Mail comments; positive = ``hostile`` or ``antagonize``) and C3 (positive =
at least two crowd workers marked ``personal_attack``). Their labels are broader than the rule (UCC's
"antagonize" includes sarcasm and provocation; C3 workers often mark insults of public figures), so read
them as a ranking check (AUC) and a false-positive check on comments labelled healthy. The defamation check
has no labelled public set; its false-positive rate on all UCC healthy comments is reported instead.

Run from the repository root (the first run embeds ~9k comments, later runs use the cache)::

    .venv/bin/python benchmarks/attack_quality.py [--data ../shared/data] [--c3-limit 4000] [--hold 0.5]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from parley.moderation.checks.defamation import DefamationCheck  # noqa: E402
from parley.moderation.checks.personal_attack import PersonalAttackCheck  # noqa: E402
from parley.moderation.document import Document  # noqa: E402
from parley.moderation.normalise import normalise  # noqa: E402
from training.common import embed_texts  # noqa: E402

CASES = REPO / "tests" / "moderation" / "cases"


def auc(y: np.ndarray, s: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted half."""
    y = np.asarray(y, dtype=bool)
    if y.all() or not y.any():
        return float("nan")
    pos, neg = s[y], s[~y]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def docs_for(items: list[dict], articles: dict[str, dict]) -> list[Document]:
    docs = []
    for i, item in enumerate(items):
        art = articles.get(item.get("article") or "")
        docs.append(Document(id=str(i), text=item["text"], norm=normalise(item["text"]),
                             author_name=item.get("author_name"), parent_text=item.get("parent_text"),
                             article_title=art["title"] if art else None, article_body=art["body"] if art else None))
    vectors = embed_texts([d.norm.text for d in docs])
    for doc, vec in zip(docs, vectors, strict=True):
        doc.embedding = vec
    return docs


def run(check, docs: list[Document]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Final scores, rule-only scores and head-only scores, and the mean check CPU time in ms (no embedding)."""
    final, rule, head = [], [], []
    for doc in docs[:20]:
        check.check(doc)  # warm the per-word pattern cache so the timing is the steady state
    start = time.process_time()  # CPU time of this process: steadier than wall time on a shared machine
    for doc in docs:
        signals = check.check(doc)
        final.append(signals[0].score if signals else 0.0)
    elapsed = (time.process_time() - start) * 1000 / max(1, len(docs))
    saved = check.head
    check.head = None
    for doc in docs:
        signals = check.check(doc)
        rule.append(signals[0].score if signals else 0.0)
    check.head = saved
    head = [float(saved.score(d.embedding)) for d in docs]
    return np.array(final), np.array(rule), np.array(head), elapsed


def row(name: str, y: np.ndarray, s: np.ndarray, hold: float) -> str:
    pred = s >= hold
    tp = int((pred & y).sum())
    precision = tp / max(1, int(pred.sum()))
    recall = tp / max(1, int(y.sum()))
    fpr = int((pred & ~y).sum()) / max(1, int((~y).sum()))
    return (f"  {name:<34} n={len(y):>5} pos={int(y.sum()):>4}  precision {precision:.3f}  recall {recall:.3f}  "
            f"FPR {fpr:.3f}  AUC {auc(y, s):.3f}")


def report(title: str, check, docs: list[Document], y: np.ndarray, hold: float, bands: bool = False) -> None:
    final, rule, head, ms = run(check, docs)
    print(f"{title}  (check cost {ms:.3f} ms CPU/comment beyond the embedding)")
    print(row("final score", y, final, hold))
    print(row("rule component only", y, rule, hold))
    print(row("head only", y, head, hold))
    if bands:
        print("  calibration of the final score (share of cases that should be withheld, per score band):")
        edges = [0.0, 0.05, 0.3, 0.5, 0.7, 0.9, 1.01]
        for lo, hi in zip(edges, edges[1:], strict=False):
            inside = (final >= lo) & (final < hi)
            if inside.any():
                print(f"    [{lo:.2f}, {min(hi, 1.0):.2f})  n={int(inside.sum()):>4}  withhold {y[inside].mean():.2f}")


def load_cases(rule: str) -> list[dict]:
    path = CASES / f"{rule}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ucc(data: Path) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """UCC val rows: (items, hostile-or-antagonize labels, healthy mask)."""
    csv.field_size_limit(sys.maxsize)
    path = data / "ucc_unhealthy_comments" / "val.csv"
    items, y, healthy = [], [], []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            items.append({"text": r["comment"]})
            y.append(r["hostile"] == "1" or r["antagonize"] == "1")
            healthy.append(r["healthy"] == "1" and not y[-1])
    return items, np.array(y), np.array(healthy)


def c3(data: Path, limit: int) -> tuple[list[dict], np.ndarray]:
    csv.field_size_limit(sys.maxsize)
    path = data / "c3_constructive_comments" / "C3_shared.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    random.Random(7).shuffle(rows)
    rows = rows[:limit]
    items, y = [], []
    for r in rows:
        m = re.search(r"personal_attack:(\d+)", r["toxicity_characteristics"] or "")
        items.append({"text": r["comment_text"]})
        y.append(bool(m and int(m.group(1)) >= 2))
    return items, np.array(y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--c3-limit", type=int, default=4000)
    parser.add_argument("--hold", type=float, default=0.5)
    args = parser.parse_args()

    articles = {}
    if (CASES / "articles.jsonl").exists():
        for line in (CASES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                articles[item["id"]] = item
    attack, defame = PersonalAttackCheck(), DefamationCheck()
    attack.load()
    defame.load()

    for rule, check in (("personal_attack", attack), ("defamation", defame)):
        items = load_cases(rule)
        y = np.array([i["expect"] == "withhold" for i in items])
        report(f"{rule}: authored cases", check, docs_for(items, articles), y, args.hold, bands=True)
        other = "defamation" if rule == "personal_attack" else "personal_attack"
        cross = [i for i in load_cases(other) if i["expect"] == "withhold"]
        s, _, _, _ = run(check, docs_for(cross, articles))
        print(f"  fires on the other rule's withhold cases: {int((s >= args.hold).sum())}/{len(cross)}")

    if not (args.data / "ucc_unhealthy_comments" / "val.csv").exists():
        print(f"no evaluation sets under {args.data}; skipped UCC and C3")
        return
    items, y, healthy = ucc(args.data)
    docs = docs_for(items, articles)
    keep = y | healthy
    report("personal_attack: UCC val, hostile|antagonize vs healthy (NC, evaluation only)", attack,
           [d for d, k in zip(docs, keep, strict=True) if k], y[keep], args.hold)
    s, _, _, ms = run(defame, [d for d, h in zip(docs, healthy, strict=True) if h])
    held = int((s >= args.hold).sum())
    print(f"defamation: UCC val healthy comments held at {args.hold}: {held}/{int(healthy.sum())}"
          f" (FPR {float((s >= args.hold).mean()):.4f}); check cost {ms:.3f} ms/comment")

    path = args.data / "c3_constructive_comments" / "C3_shared.csv"
    if path.exists():
        items, y = c3(args.data, args.c3_limit)
        report(f"personal_attack: C3 sample of {len(items)}, personal_attack >= 2 votes (NC, evaluation only)",
               attack, docs_for(items, articles), y, args.hold)


if __name__ == "__main__":
    main()

"""How well the off-topic check separates comments under their own article from comments shown elsewhere.

Prints AUC and precision / recall / false-positive rate at a few thresholds for:

* fox_news_comments synthetic pairs (MIT): the shipped head was fitted on these, so the figures are
  in-sample (the training script prints cross-validated ones). Top-level comments are the clean view;
  with replies, a reply under its own article is judged with its parent, as the engine does;
* sfu_ctc synthetic pairs (CC BY-NC-SA, evaluation only): Globe and Mail comments, article title only;
* the authored cases in tests/moderation/cases/off_topic.jsonl (never used for fitting).

"Published" is the share of on-topic comments the check leaves alone at that threshold, the figure the
rule is judged by (at least 95 % of publishable comments must be published by the whole engine).

    .venv/bin/python benchmarks/off_topic_quality.py [--data ../shared/data] [--thresholds 0.4 0.5 0.6]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from parley.moderation.checks.off_topic import OffTopicCheck
from parley.moderation.document import Document
from parley.moderation.encoder import Encoder
from parley.moderation.engine import ARTICLE_BODY_CHARS
from parley.moderation.normalise import normalise

CASES = REPO / "tests" / "moderation" / "cases"


class Scorer:
    """Scores (comment, article, parent) triples the way the engine does, embedding each text once."""

    def __init__(self) -> None:
        self.encoder = Encoder(threads=2).load()
        self.check = OffTopicCheck()
        self.check.load()
        self.vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Iterable[str]) -> None:
        todo = sorted({t for t in texts if t not in self.vectors})
        for text, vector in zip(todo, self.encoder.embed(todo), strict=True):
            self.vectors[text] = vector

    def scores(self, triples: list[tuple[str, str, str, str | None]]) -> np.ndarray:
        """``triples``: (comment, title, body, parent). A comment the check does not judge scores 0."""
        docs = []
        for text, title, body, parent in triples:
            article = normalise(f"{title}. {body[:ARTICLE_BODY_CHARS]}".strip(". ")).text
            docs.append((normalise(text), article, normalise(parent).text if parent else None))
        self.embed([t for n, a, p in docs for t in (n.text, a, p) if t])
        out = np.zeros(len(docs))
        for i, ((text, title, body, parent), (norm, article, parent_norm)) in enumerate(zip(triples, docs,
                                                                                              strict=True)):
            doc = Document(id=str(i), text=text, norm=norm, article_title=title, article_body=body or None,
                           parent_text=parent, embedding=self.vectors[norm.text],
                           article_embedding=self.vectors[article],
                           parent_embedding=self.vectors[parent_norm] if parent_norm else None)
            result = self.check.score(doc)
            out[i] = result[0] if result else 0.0
        return out


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def table(name: str, scores: np.ndarray, labels: np.ndarray, thresholds: list[float]) -> None:
    print(f"\n{name}: n={len(labels)} (off topic {int(labels.sum())}), AUC={auc(scores, labels):.3f}")
    print(f"  {'hold at':>8} {'precision':>9} {'recall':>7} {'FPR':>6} {'published':>9}")
    for t in thresholds:
        flagged = scores >= t
        tp = int((flagged & (labels == 1)).sum())
        fp = int((flagged & (labels == 0)).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        fpr = fp / max(int((labels == 0).sum()), 1)
        print(f"  {t:>8.2f} {precision:>9.3f} {tp / max(int(labels.sum()), 1):>7.3f} {fpr:>6.3f} {1 - fpr:>9.3f}")


def read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7])
    parser.add_argument("--show", type=int, default=0, help="print the N highest-scoring on-topic comments per set")
    args = parser.parse_args(argv)
    scorer = Scorer()

    sets: list[tuple[str, list[tuple[str, str, str, str | None]], np.ndarray]] = []
    fox = args.data / "fox_news_comments"
    if (fox / "offtopic_pairs_synthetic.csv").exists():
        rows = read_csv(fox / "offtopic_pairs_synthetic.csv")
        parents = [c["prev"] or None for c in read_csv(fox / "fox_news_comments_shared.csv")]
        parent = [parents[int(r["pair_id"].split("-")[1])] for r in rows]
        labels = np.array([int(r["on_topic"] == "0") for r in rows])
        top = np.array([p is None for p in parent])
        for meta, what in ((True, "title + meta"), (False, "title only")):
            triples = [(r["comment"], r["article_title"], r["article_meta"] if meta else "", None) for r in rows]
            sets.append((f"fox top-level comments, {what} [MIT; fitted on]",
                         [t for t, keep in zip(triples, top, strict=True) if keep], labels[top]))
        # A reply is judged with its parent under its own article; moved to another article it has none.
        sets.append(("fox all comments, title + meta, replies with their parent [MIT; fitted on]",
                     [(r["comment"], r["article_title"], r["article_meta"], None if y else p)
                      for r, p, y in zip(rows, parent, labels, strict=True)], labels))
    else:
        print(f"(skipped fox pairs: {fox} not found)")
    sfu = args.data / "sfu_ctc" / "offtopic_pairs_synthetic.csv"
    if sfu.exists():
        rows = read_csv(sfu)
        sets.append(("sfu_ctc pairs, title only [CC BY-NC-SA; evaluation only]",
                     [(r["comment"], r["article_title"], "", None) for r in rows],
                     np.array([int(r["on_topic"] == "0") for r in rows])))
    else:
        print(f"(skipped sfu_ctc pairs: {sfu} not found)")
    articles = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines())}
    cases = [json.loads(line) for line in (CASES / "off_topic.jsonl").read_text().splitlines() if line.strip()]
    sets.append(("authored cases (tests/moderation/cases/off_topic.jsonl)",
                 [(c["text"], articles[c["article"]]["title"], articles[c["article"]]["body"], c.get("parent_text"))
                  for c in cases], np.array([int(c["expect"] == "withhold") for c in cases])))

    for name, triples, labels in sets:
        scores = scorer.scores(triples)
        table(name, scores, labels, args.thresholds)
        if args.show:
            on = np.where(labels == 0)[0]
            for i in on[np.argsort(-scores[on])][: args.show]:
                print(f"    {scores[i]:.2f}  {triples[i][0][:100]!r}  [{triples[i][1][:40]}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

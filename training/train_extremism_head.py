"""Build the extremism head and its combiner (same design as training/train_hate_head.py).

Why these data: no licence-clean corpus labels glorification of terrorism in news comments, so positives come
only from the authored sentences in training/data/extremism_train.jsonl (praise of organisations, attackers
and attacks, slogans used approvingly, calls to violence, evasive spellings). Negatives are the authored
contrasts (news reports, analysis, condemnation, state military action, sport hyperbole, history) plus public
text that is not extremist: Davidson 2017 tweets (MIT) and Toxic Spans news comments (CC0), minus those in
which the rules find a call to violence (a few of those are real calls and would mislabel the data).
The NC-licensed sets are never read here.

Reproduce from the repository root::

    .venv/bin/python training/train_extremism_head.py [--data ../shared/data]

Writes src/parley/moderation/models/heads/extremism/{head.npz, combiner.json} and prints the metrics the
model card quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parley.moderation.checks.combiner import Combiner, logit  # noqa: E402
from parley.moderation.checks.extremism import shared_extremism_rules  # noqa: E402
from parley.moderation.checks.hate_rules import shared_rules  # noqa: E402
from parley.moderation.normalise import normalise  # noqa: E402
from training.common import default_data_dir, embed_texts, fit_logistic, read_csv_column  # noqa: E402
from training.train_hate_head import FOLDS, SEED, Corpus, auc, corpus, fold_ids  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
AUTHORED = REPO / "training" / "data" / "extremism_train.jsonl"
OUT = REPO / "src" / "parley" / "moderation" / "models" / "heads" / "extremism"
FEATURES = ("head", "praise", "slogan", "violence", "mitigated", "organisation", "analysis", "condemnation")


def analyse(texts: list[str]) -> list[dict[str, float]]:
    rules, canon = shared_extremism_rules(), shared_rules().canon
    return [rules.analyse(canon(normalise(t).lower)).features() for t in texts]


def public_negatives(data: Path, limit: int) -> list[str]:
    """Tweets and news comments with no call to violence, slogan or praise the rules can see."""
    texts = read_csv_column(data / "davidson2017" / "train.csv", "tweet")
    for name in ("tsd_train.csv", "tsd_trial.csv"):
        texts += read_csv_column(data / "toxic_spans_semeval2021" / name, "text")
    rng = np.random.default_rng(SEED)
    rng.shuffle(texts)
    kept = []
    for text, features in zip(texts[: 2 * limit], analyse(texts[: 2 * limit]), strict=True):
        if not (features["violence"] or features["slogan"] or features["praise"]):
            kept.append(text)
    return kept[:limit]


def feature_matrix(rows: list[dict[str, float]], head_logits: np.ndarray) -> np.ndarray:
    return np.array([[h if name == "head" else r[name] for name in FEATURES]
                     for r, h in zip(rows, head_logits, strict=True)])


def fit_combiner(F: np.ndarray, y: np.ndarray, w: np.ndarray) -> Combiner:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(F, y, sample_weight=w)
    return Combiner(FEATURES, tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--head-c", type=float, default=0.05)
    parser.add_argument("--authored-weight", type=float, default=10.0)
    parser.add_argument("--public-negatives", type=int, default=6000)
    args = parser.parse_args()

    rows = [json.loads(line) for line in AUTHORED.read_text(encoding="utf-8").splitlines() if line.strip()]
    negatives = public_negatives(args.data, args.public_negatives)
    data = Corpus.join([
        corpus([r["text"] for r in rows], [int(r["label"]) for r in rows], args.authored_weight, "authored"),
        corpus(negatives, [0] * len(negatives), 1.0, "public"),
    ])
    print(f"training rows: authored {len(rows)} ({sum(r['label'] for r in rows)} extremist), "
          f"public negatives {len(negatives)}", flush=True)
    X = embed_texts(data.texts)
    folds = fold_ids(len(data.texts))
    oof = np.zeros(len(data.texts))
    for k in range(FOLDS):
        train = folds != k
        head = fit_logistic(X[train], data.labels[train], C=args.head_c, sample_weight=data.weights[train])
        oof[~train] = [logit(p) for p in head.scores(X[~train])]
    F = feature_matrix(analyse(data.texts), oof)
    w = np.where(data.source == "authored", 1.0, 0.05)
    combiner = fit_combiner(F, data.labels, w)
    head = fit_logistic(X, data.labels, C=args.head_c, sample_weight=data.weights, name="extremism")

    folds = fold_ids(len(data.texts), SEED + 1)
    combined = np.zeros(len(data.texts))
    for k in range(FOLDS):
        train = folds != k
        fold_combiner = fit_combiner(F[train], data.labels[train], w[train])
        combined[~train] = [fold_combiner.score(dict(zip(FEATURES, f, strict=True))) for f in F[~train]]
    metrics = {}
    for source in ("authored", "public"):
        mask = data.source == source
        y, s = data.labels[mask], combined[mask]
        metrics[source] = {"rows": int(mask.sum()), "auc": auc(y, s),
                           "accuracy@0.5": round(float(((s >= 0.5) == y).mean()), 4),
                           "flagged@0.5": round(float((s >= 0.5).mean()), 4)}
    args.out.mkdir(parents=True, exist_ok=True)
    head.save(args.out / "head.npz")
    combiner.save(args.out / "combiner.json",
                  note="log-odds = intercept + sum(coef * feature); 'head' is the embedding head's log-odds")
    print(json.dumps({"combiner": dict(zip(FEATURES, np.round(combiner.coef, 3).tolist(), strict=True)),
                      "intercept": round(combiner.intercept, 3), "metrics": metrics}, indent=2))


if __name__ == "__main__":
    main()

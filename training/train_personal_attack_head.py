"""Build the personal-attack head: logistic regression on the shared MiniLM embedding.

Why these data: no licence-clean corpus labels *targeted* insults in news comments, so the head learns from
(1) the authored sentences in training/data/personal_attack_train.jsonl, which cover both sides of every
boundary in the rule (person vs idea, self-deprecation, quotation, negation, idioms, threats, harassment);
(2) templated contrasts built below (the same subjects with an insult or with plain criticism);
(3) weakly labelled public data: Toxic Spans (CC0 Civil Comments) posts whose annotated toxic span is an
insult the rule component finds aimed at someone are positives, and posts of the same set where the rule
finds no insult aimed at anyone (untargeted profanity, abuse of groups, hostility to ideas) are negatives,
so that the head learns "aimed at a person" rather than "written in a news-comment style"; Fox News
comments (MIT) labelled not hateful and with no insult term, and Davidson 2017 tweets (MIT) labelled
"neither", are further negatives.
The NC-licensed sets (UCC, C3, SFU CTC) are never read here; benchmarks/attack_quality.py evaluates on them.

Reproduce (from the repository root; about two minutes the first time, seconds with the embedding cache)::

    .venv/bin/python training/train_personal_attack_head.py [--data ../shared/data]

Writes src/parley/moderation/models/heads/personal_attack/head.npz and prints cross-validated metrics.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parley.moderation.checks.personal_attack import find_insults, find_threats  # noqa: E402
from parley.moderation.normalise import normalise  # noqa: E402
from training.common import default_data_dir, embed_texts, fit_logistic, read_csv_column  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
AUTHORED = REPO / "training" / "data" / "personal_attack_train.jsonl"
OUT = REPO / "src" / "parley" / "moderation" / "models" / "heads" / "personal_attack" / "head.npz"
SEED = 20260

SUBJECTS = ["You are", "You're", "Honestly, you are", "The author is", "This columnist is", "The referee is",
            "The minister is", "Mayor Ellis is", "Novak is", "He is", "She is", "The manager is",
            "Dr Haddad is", "This journalist is"]
INSULTS = ["an idiot", "a moron", "a pathetic clown", "a spineless coward", "a lying hack", "a brainless fool",
           "an utter imbecile", "a disgusting creep", "a total muppet", "a useless halfwit", "a nasty piece of work",
           "thick as a brick", "a clueless buffoon", "a vile little troll", "stupid", "a waste of space",
           "a complete cretin", "a smug prat", "a gutless worm", "a sad loser"]
CRITICISMS = ["wrong about this", "mistaken on the numbers", "too cautious on energy policy",
              "out of touch with voters", "badly advised", "under a lot of pressure", "not convincing on this",
              "doing a poor job", "far too optimistic", "missing the bigger picture", "right, for once",
              "an expert on the region", "new to the job", "in a difficult position", "late to this debate"]
THINGS = ["This plan", "The decision", "This article", "That argument", "The policy", "The headline",
          "Your comparison", "The new rule", "This deal", "The penalty call"]
THING_VERDICTS = ["idiotic", "stupid", "a joke", "ridiculous", "nonsense", "insane", "a disgrace", "pathetic",
                  "moronic", "a shambles", "laughable", "dumb"]
SELF = ["I'm such an idiot", "I was a fool", "I feel so stupid", "Call me a moron", "I'm an absolute muppet"]
SELF_REASONS = ["for missing the deadline", "for believing the hype", "but I forgot the match was today",
                "for buying the old model", "for trusting the forecast"]
REPORTERS = ["The manager", "The MP", "Fans", "The opposition leader", "A rival"]
REPORTED = ["called the referee \"an idiot\"", "called the minister \"a clown\"", "called him \"a liar\"",
            "described the plan as \"moronic\"", "branded her \"a coward\""]
REPORT_TAIL = ["in an interview", "on social media", "after the game", "during the debate", "last week"]


def templated() -> list[tuple[str, int]]:
    """Contrasting pairs: one subject with an insult (1) or plain criticism (0); insults of things, self, quotes (0)."""
    rng = random.Random(SEED)
    rows = [(f"{s} {i}.", 1) for s, i in itertools.product(SUBJECTS, INSULTS)]
    rows += [(f"{s} {c}.", 0) for s, c in itertools.product(SUBJECTS, CRITICISMS)]
    rows += [(f"{t} is {v}.", 0) for t, v in itertools.product(THINGS, THING_VERDICTS)]
    rows += [(f"{s} {r}.", 0) for s, r in itertools.product(SELF, SELF_REASONS)]
    rows += [(f"{a} {b} {c}.", 0) for a, b, c in itertools.product(REPORTERS, REPORTED, REPORT_TAIL)]
    rng.shuffle(rows)
    return rows


def authored() -> list[tuple[str, int]]:
    """(text, label) from the authored training file."""
    rows = []
    with AUTHORED.open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            rows.append((item["text"], int(item["label"])))
    return rows


def _spans(spans: str) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for i in json.loads(spans):
        if out and i == out[-1][1]:
            out[-1][1] = i + 1
        else:
            out.append([i, i + 1])
    return [(a, b) for a, b in out]


def public(data: Path, limit: int, tsd_limit: int) -> list[tuple[str, int, float]]:
    """Weak labels from the licence-clean public sets (see the module docstring)."""
    import csv

    rows: list[tuple[str, int, float]] = []
    negatives: list[tuple[str, int, float]] = []
    tsd = data / "toxic_spans_semeval2021" / "tsd_train.csv"
    if tsd.exists():
        csv.field_size_limit(sys.maxsize)
        with tsd.open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                text = r["text"]
                if len(text) > 600:
                    continue
                norm = normalise(text)
                spans = _spans(r["spans"])
                found = find_insults(norm.text, norm.lower) + find_threats(norm.lower, norm.text)
                hits = [h for h in found if not h.guard and h.target != "none" and h.score >= 0.6]
                aimed = any(a < norm.original_span(h.start, h.end)[1] and norm.original_span(h.start, h.end)[0] < b
                            for h in hits for a, b in spans)
                if aimed:
                    rows.append((text, 1, 1.0))
                elif not any(h.target != "none" for h in found) and len(negatives) < tsd_limit:
                    negatives.append((text, 0, 0.5))
        rows += negatives
    fox = data / "fox_news_comments" / "fox_news_comments_shared.csv"
    if fox.exists():
        for text in read_csv_column(fox, "text", where={"label": "0"}):
            norm = normalise(text)
            if not find_insults(norm.text, norm.lower) and len(text) <= 600:
                rows.append((text, 0, 1.0))
    dav = data / "davidson2017" / "train.csv"
    if dav.exists():
        tweets = read_csv_column(dav, "tweet", where={"class": "2"})
        rng = random.Random(SEED)
        rng.shuffle(tweets)
        rows += [(t, 0, 0.5) for t in tweets[:limit]]
    return rows


def auc(y: np.ndarray, s: np.ndarray) -> float:
    """Rank AUC, so the script needs nothing beyond numpy to report it."""
    order = np.argsort(s)
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    pos = y == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--C", type=float, default=0.05)
    parser.add_argument("--davidson", type=int, default=1000, help="how many 'neither' tweets to use")
    parser.add_argument("--tsd-negatives", type=int, default=2500, help="untargeted Toxic Spans posts to use")
    args = parser.parse_args()

    own = [(t, y, 3.0) for t, y in authored()] + [(t, y, 1.0) for t, y in templated()]
    pub = public(args.data, args.davidson, args.tsd_negatives)
    if not pub:
        print(f"no public data under {args.data}; training on authored and templated sentences only")
    rows = own + pub
    texts = [normalise(t).text for t, _, _ in rows]
    y = np.array([label for _, label, _ in rows])
    w = np.array([weight for _, _, weight in rows])
    X = embed_texts(texts)
    print(f"examples: {len(rows)} ({int(y.sum())} positive); authored+templated {len(own)}, public {len(pub)}")

    # 5-fold cross-validation on the authored sentences (public rows always stay in training).
    rng = np.random.default_rng(SEED)
    n_own = sum(1 for _ in authored())
    fold = rng.integers(0, 5, n_own)
    scores = np.zeros(n_own)
    for k in range(5):
        train = np.ones(len(rows), dtype=bool)
        train[:n_own][fold == k] = False
        head = fit_logistic(X[train], y[train], C=args.C, sample_weight=w[train])
        scores[fold == k] = head.scores(X[:n_own][fold == k])
    yo = y[:n_own]
    print(f"cross-validated on authored sentences: AUC {auc(yo, scores):.3f}  "
          f"recall@0.5 {((scores >= 0.5) & (yo == 1)).sum() / (yo == 1).sum():.3f}  "
          f"false positive rate@0.5 {((scores >= 0.5) & (yo == 0)).sum() / (yo == 0).sum():.3f}")

    head = fit_logistic(X, y, C=args.C, sample_weight=w, name="personal_attack")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    head.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

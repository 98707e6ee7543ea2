"""Build the defamation head and the personal-name table used by the defamation check's entity cues.

Why: the check's rules find a target, an allegation and its framing; the head, a logistic regression on the
shared MiniLM embedding, adds a learned sense of "this sentence asserts wrongdoing by someone" for wording
the lexicon misses. There is no public labelled defamation corpus, so it learns from the authored sentences in
training/data/defamation_train.jsonl (allegations stated as fact against hedged, attributed, denied, generic,
victim and policy-criticism contrasts), templated pairs built below, and negatives from licence-clean public
news comments (Fox News comments, MIT; Toxic Spans posts, CC0, which are abusive but rarely allege crimes;
Davidson 2017 "neither" tweets, MIT). The NC-licensed sets are never read here.

The common-word table (common_words.txt.gz: words seen lower-case at least three times in those public
texts) tells the checks that a capitalised word opening a sentence ("Democracy is…", "Farmers are…") is an
ordinary word, while an unfamiliar one ("Macron is…") is probably a surname.

The name table (names.txt.gz) lets a surname that opens a sentence ("Ellis takes bribes…") count as a
person. It holds the real first names and the more common surnames of person_names (US census lists, MIT,
and dariusk/corpora, CC0), minus names that are also ordinary words: any name seen lower-case at least twice
in the public comment texts above (all Davidson tweets included) is dropped ("will", "young", "rich"), and
so is a name that is the plural of such a word ("banks", "fields").

Reproduce (from the repository root)::

    .venv/bin/python training/train_defamation_head.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import itertools
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parley.moderation.normalise import normalise  # noqa: E402
from training.common import default_data_dir, embed_texts, fit_logistic, read_csv_column  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
AUTHORED = REPO / "training" / "data" / "defamation_train.jsonl"
OUT_DIR = REPO / "src" / "parley" / "moderation" / "models" / "heads" / "defamation"
SEED = 4417
COMMON_MIN = 3  # a word seen this often in lower case is an ordinary word, not a name, when capitalised

ENTITIES = ["Mayor Ellis", "Councillor Grant", "Dr Sarah Lind", "Halden Bank", "Ashford Homes Ltd",
            "The referee", "The club's chairman", "Minister Salter", "Professor Khan", "Senator Price",
            "The CEO of Brightwave Energy", "Judge Harlow", "Coach Brennan", "Northmoor Group"]
ALLEGATIONS = ["takes bribes from developers", "launders money for organised crime", "faked the research data",
               "rigged the tender", "embezzled public funds", "is on the payroll of the gas lobby",
               "fixed the match for the bookmakers", "stole from the pension fund", "covered up the abuse",
               "is a crook and a fraudster", "abused children for years", "cooked the books",
               "lied under oath", "took kickbacks on the contract"]
FRAMES_FACT = ["{e} {a}.", "Everyone knows {e} {a}.", "{e} {a}, and that's a fact.", "Let's be honest, {e} {a}."]
FRAMES_FRAMED = ["{e} allegedly {a}.", "Prosecutors say {e} {a}.", "It has been reported that {e} {a}.",
                 "There is no evidence that {e} {a}.", "Is it true that {e} {a}?", "I wonder whether {e} {a}.",
                 "The lawsuit claims {e} {a}.", "Police are investigating claims that {e} {a}.",
                 "If it turns out {e} {a}, there must be consequences.", "{e} denies that anyone {a}."]
GENERIC = ["Some politicians", "Plenty of banks", "Many referees", "A lot of developers", "Some scientists",
           "Most councils", "Certain clubs"]
GENERIC_ACTS = ["take bribes", "launder money", "fake their data", "rig tenders", "fiddle their expenses",
                "fix matches", "cook the books"]


def templated() -> list[tuple[str, int]]:
    """The same targets and allegations stated as fact (1) or framed (0), plus generic-group statements (0)."""
    rng = random.Random(SEED)
    fact = [(f.format(e=e, a=a), 1) for e, a, f in itertools.product(ENTITIES, ALLEGATIONS, FRAMES_FACT)]
    framed = [(f.format(e=e, a=a), 0) for e, a, f in itertools.product(ENTITIES, ALLEGATIONS, FRAMES_FRAMED)]
    generic = [(f"{g} {a}.", 0) for g, a in itertools.product(GENERIC, GENERIC_ACTS)]
    rng.shuffle(fact)
    rng.shuffle(framed)
    rows = fact[:300] + framed[:400] + generic
    rng.shuffle(rows)
    return [(t[0].upper() + t[1:], y) for t, y in rows]


def authored() -> list[tuple[str, int]]:
    """(text, label) from the authored training file."""
    with AUTHORED.open(encoding="utf-8") as f:
        return [(item["text"], int(item["label"])) for item in map(json.loads, f)]


def public_texts(data: Path) -> list[str]:
    """Licence-clean comment texts whose lower-case words tell ordinary words from names."""
    texts: list[str] = []
    fox = data / "fox_news_comments" / "fox_news_comments_shared.csv"
    if fox.exists():
        texts += read_csv_column(fox, "text")
    tsd = data / "toxic_spans_semeval2021" / "tsd_train.csv"
    if tsd.exists():
        texts += read_csv_column(tsd, "text")
    dav = data / "davidson2017" / "train.csv"
    if dav.exists():
        texts += read_csv_column(dav, "tweet")
    return texts


def public_negatives(data: Path, limit: int) -> list[tuple[str, int, float]]:
    """Real comments that are (almost all) not allegations, so the head does not learn "news style" as positive."""
    rows: list[tuple[str, int, float]] = []
    fox = data / "fox_news_comments" / "fox_news_comments_shared.csv"
    if fox.exists():
        rows += [(t, 0, 1.0) for t in read_csv_column(fox, "text") if len(t) <= 600]
    tsd = data / "toxic_spans_semeval2021" / "tsd_train.csv"
    if tsd.exists():
        posts = [t for t in read_csv_column(tsd, "text") if len(t) <= 400]
        random.Random(SEED).shuffle(posts)
        rows += [(t, 0, 0.5) for t in posts[:limit]]
    dav = data / "davidson2017" / "train.csv"
    if dav.exists():
        tweets = read_csv_column(dav, "tweet", where={"class": "2"})
        random.Random(SEED).shuffle(tweets)
        rows += [(t, 0, 0.5) for t in tweets[:limit]]
    return rows


def build_names(data: Path, out: Path) -> int:
    """Write the compact name table; returns how many names it holds."""
    path = data / "person_names" / "names_shared.csv"
    if not path.exists():
        raise SystemExit(f"{path} not found: the name table needs the person_names set")
    lower_counts: collections.Counter[str] = collections.Counter()
    for text in public_texts(data):
        for word in re.findall(r"(?<![\w'])[a-z][a-z'-]+", text):
            lower_counts[word] += 1
    names: set[str] = set()
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["label"] != "real":
                continue
            if r["name_type"] == "last" and r["census_freq_pct"] and float(r["census_freq_pct"]) < 0.001:
                continue
            for part in r["name"].split() if r["name_type"] == "full" else [r["name"]]:
                key = part.lower().strip(".,")
                plural_of_word = key.endswith("s") and lower_counts[key[:-1]] >= 2  # "banks", "fields"
                if len(key) >= 3 and key.isalpha() and lower_counts[key] < 2 and not plural_of_word:
                    names.add(key)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(sorted(names)) + "\n")
    common = sorted(w for w, n in lower_counts.items() if n >= COMMON_MIN and w.isalpha())
    with gzip.open(out.parent / "common_words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(common) + "\n")
    return len(names)


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
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--C", type=float, default=0.05)
    parser.add_argument("--limit", type=int, default=1000, help="negatives drawn from each of Toxic Spans and Davidson")
    args = parser.parse_args()

    count = build_names(args.data, args.out / "names.txt.gz")
    print(f"wrote {args.out / 'names.txt.gz'} ({count} names)")

    own_rows = authored()
    own = [(t, y, 3.0) for t, y in own_rows] + [(t, y, 1.0) for t, y in templated()]
    rows = own + public_negatives(args.data, args.limit)
    texts = [normalise(t).text for t, _, _ in rows]
    y = np.array([label for _, label, _ in rows])
    w = np.array([weight for _, _, weight in rows])
    X = embed_texts(texts)
    print(f"examples: {len(rows)} ({int(y.sum())} positive); authored+templated {len(own)}")

    rng = np.random.default_rng(SEED)
    n_own = len(own_rows)
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

    head = fit_logistic(X, y, C=args.C, sample_weight=w, name="defamation")
    head.save(args.out / "head.npz")
    print(f"wrote {args.out / 'head.npz'}")


if __name__ == "__main__":
    main()

"""Build the shipped artefacts of the fake-name check (src/parley/moderation/models/names/).

    pip install names-dataset==3.3.1 wordfreq==3.1.1 numpy
    pip install --no-deps fictional-names==1.0.0 fantasynames==0.1.2
    python training/build_name_table.py            # about 3 minutes, 2-3 GB of memory while names-dataset loads

Writes:
- name_table.npz     every first/last name that ranks within the top ``--max-rank`` of some country in
                      names-dataset, keyed as the check keys tokens (``name_key``, plus the ASCII-folded key),
                      with the best first-name and last-name rank (0: not ranked as that kind): the keys
                      as one newline-separated UTF-8 string, the ranks as uint16 arrays (fast to load).
- words_en.txt.gz     the most frequent English words (wordfreq), for joined-word handles and pseudonyms.
- ngram.npz           a logistic regression on hashed character n-grams of one token: real names (names-dataset,
                      balanced across countries) against generated fakes (keyboard walks, random letters,
                      consonant runs, fantasy-name generators). English words and joined words are left to the
                      check's word rules: as model negatives they made English-looking real surnames look fake.
                      ``threshold`` is set so that few held-out real tokens score above it.

Held-out tokens (``is_heldout``) never train the model; benchmarks/names_quality.py --fairness uses them.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import string
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from parley.moderation.checks.names import ascii_key, is_latin, name_key, ngram_ids

OUT = ROOT / "src" / "parley" / "moderation" / "models" / "names"
BUCKETS = 2**18
FANTASY_STYLES = ("elven", "drow", "dwarven", "orc", "dragonborn", "gnomish", "halfling", "giant", "erikson",
                  "jordan")


def is_heldout(key: str) -> bool:
    """One token in ten is kept out of model training, by a stable hash of its key."""
    return int(hashlib.sha1(("names-" + key).encode()).hexdigest(), 16) % 10 == 0


def valid(raw: str) -> bool:
    """names-dataset is a scrape: keep entries made of letters (and marks, apostrophes, hyphens, spaces)."""
    if any(ch.isdigit() or ch in "*_@.,/()" for ch in raw):
        return False
    key = name_key(raw)
    return len(key) >= 2 and all(ch.isalpha() or ch.isspace() or ch in "-'" or _is_mark(ch) for ch in raw) \
        and any(ch.isalpha() for ch in key)


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M")


def load_dataset():
    from names_dataset import NameDataset

    started = time.time()
    dataset = NameDataset()
    print(f"names-dataset loaded in {time.time() - started:.0f} s", flush=True)
    return dataset


def build_table(dataset, max_rank: int) -> dict[str, list[int]]:
    table: dict[str, list[int]] = {}
    for column, names in ((0, dataset.first_names), (1, dataset.last_names)):
        for raw, info in names.items():
            ranks = info.get("rank") or {}
            if not ranks or not valid(raw):
                continue
            best = min(ranks.values())
            if best > max_rank:
                continue
            key = name_key(raw)
            for k in {key, ascii_key(key)}:
                entry = table.setdefault(k, [0, 0])
                entry[column] = best if not entry[column] else min(entry[column], best)
    return table


def country_tokens(dataset, max_rank: int) -> dict[str, list[tuple[str, int]]]:
    """Per country: (ASCII key, rank) of Latin-script first and last names ranked there."""
    per_country: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for names in (dataset.first_names, dataset.last_names):
        for raw, info in names.items():
            ranks = info.get("rank") or {}
            if not ranks or not valid(raw):
                continue
            key = ascii_key(name_key(raw))
            if not is_latin(key) or len(key) < 2:
                continue
            for country, rank in ranks.items():
                if rank <= max_rank:
                    per_country[country].append((key, rank))
    return per_country


def english_words(n: int) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list("en", n) if w.isascii() and w.isalpha() and len(w) >= 2]


# --- generated fakes -------------------------------------------------------------------------------------------

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def keyboard_walk(rng: random.Random) -> str:
    row = rng.choice(ROWS + ("qwertzuiop", "azertyuiop", "qsdfghjklm"))
    length = rng.randint(4, 9)
    start = rng.randint(0, len(row) - 1)
    out, pos, step = [], start, rng.choice((1, -1))
    for _ in range(length):
        out.append(row[pos])
        if rng.random() < 0.15:
            row = rng.choice(ROWS)
            pos = min(pos, len(row) - 1)
        nxt = pos + step
        if not 0 <= nxt < len(row) or rng.random() < 0.1:
            step = -step
            nxt = pos + step
        pos = max(0, min(len(row) - 1, nxt))
    return "".join(out)


def random_letters(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 10)))


def consonant_run(rng: random.Random) -> str:
    consonants = "bcdfghjklmnpqrstvwxz"
    word = [rng.choice(consonants) for _ in range(rng.randint(4, 8))]
    for _ in range(rng.randint(0, 1)):
        word.insert(rng.randint(0, len(word)), rng.choice("aeiou"))
    return "".join(word)


def fantasy_tokens(rng: random.Random, count: int) -> list[str]:
    import fantasynames
    from fictional_names import name_generator

    random.seed(rng.random())  # both generators draw from the global generator
    out: list[str] = []
    makers = [fantasynames.elf, fantasynames.dwarf, fantasynames.hobbit]
    while len(out) < count:
        if rng.random() < 0.4:
            full = rng.choice(makers)()
        else:
            full = name_generator.generate_name(gender=rng.choice(("female", "male")),
                                                style=rng.choice(FANTASY_STYLES), library=rng.random() < 0.3)
        for part in full.replace("'", " ").replace("-", " ").split():
            key = ascii_key(name_key(part))
            if is_latin(key) and len(key) >= 3 and part[0].isupper():
                out.append(key)
    return out


def training_set(per_country, table, rng: random.Random, per_country_n: int):
    known = set(table)
    positives: list[str] = []
    for _country, items in sorted(per_country.items()):
        keys = sorted({k for k, _ in items if not is_heldout(k)})
        rng.shuffle(keys)
        positives += keys[:per_country_n]
    n = len(positives)
    negatives: list[str] = []
    negatives += [keyboard_walk(rng) for _ in range(n // 8)]
    negatives += [random_letters(rng) for _ in range(n // 8)]
    negatives += [consonant_run(rng) for _ in range(n // 16)]
    negatives += fantasy_tokens(rng, n // 6)
    negatives = [k for k in negatives if k not in known and not is_heldout(k)]
    print(f"training tokens: {len(positives)} real, {len(negatives)} generated", flush=True)
    keys = positives + negatives
    labels = np.array([0] * len(positives) + [1] * len(negatives), dtype=np.float32)
    return keys, labels


def featurise(keys: list[str]) -> np.ndarray:
    """One row of n-gram ids per key, padded with the id ``BUCKETS`` (a weight that stays zero)."""
    rows = [ngram_ids(key[:24], BUCKETS) for key in keys]
    out = np.full((len(rows), max(map(len, rows))), BUCKETS, dtype=np.int32)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


def train(keys: list[str], labels: np.ndarray, rng: random.Random, epochs: int = 6) -> tuple[np.ndarray, float]:
    """Logistic regression with Adam on hashed features; classes weighted to balance."""
    features = featurise(keys)
    width = features.shape[1]
    w = np.zeros(BUCKETS + 1, dtype=np.float64)
    b = 0.0
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb = vb = 0.0
    lr, beta1, beta2, l2 = 0.05, 0.9, 0.999, 1e-6
    pos_weight = (labels == 0).sum() / max(1, (labels == 1).sum())
    step = 0
    order = np.arange(len(keys))
    shuffle = np.random.default_rng(rng.randrange(2**32))
    for epoch in range(epochs):
        shuffle.shuffle(order)
        total = 0.0
        for start in range(0, len(order), 8192):
            index = order[start:start + 8192]
            ids, y = features[index], labels[index]
            z = w[ids].sum(axis=1) + b
            p = 1 / (1 + np.exp(-z))
            weight = np.where(y == 1, pos_weight, 1.0)
            g = (p - y) * weight / len(index)
            total += float(-(weight * (y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))).sum())
            gw = np.bincount(ids.ravel(), weights=np.repeat(g, width), minlength=BUCKETS + 1) + l2 * w
            gw[BUCKETS] = 0.0
            gb = float(g.sum())
            step += 1
            m = beta1 * m + (1 - beta1) * gw
            v = beta2 * v + (1 - beta2) * gw * gw
            mb = beta1 * mb + (1 - beta1) * gb
            vb = beta2 * vb + (1 - beta2) * gb * gb
            correction = (1 - beta2**step) ** 0.5 / (1 - beta1**step)
            w -= lr * correction * m / (np.sqrt(v) + 1e-8)
            b -= lr * correction * mb / ((vb**0.5) + 1e-8)
        print(f"epoch {epoch + 1}: loss {total / len(order):.4f}", flush=True)
    return w[:BUCKETS].astype(np.float16), b


def predict(w: np.ndarray, b: float, keys: list[str]) -> np.ndarray:
    ids = featurise(keys)
    padded = np.append(w.astype(np.float64), 0.0)
    return 1 / (1 + np.exp(-(padded[ids].sum(axis=1) + b)))


def heldout_real(per_country, table, max_rank: int, per_country_n: int, rng: random.Random):
    """Held-out real tokens per country that the shipped table does not know (the ones the model decides)."""
    out = {}
    for country, items in sorted(per_country.items()):
        keys = sorted({k for k, r in items if is_heldout(k) and k not in table and r <= max_rank})
        rng.shuffle(keys)
        if keys:
            out[country] = keys[:per_country_n]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--max-rank", type=int, default=5000, help="table: best rank in some country")
    parser.add_argument("--model-rank", type=int, default=30000, help="model: real tokens up to this rank")
    parser.add_argument("--per-country", type=int, default=5000)
    parser.add_argument("--flag-rate", type=float, default=0.005,
                        help="share of held-out real tokens unknown to the table allowed above the threshold")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    dataset = load_dataset()
    table = build_table(dataset, args.max_rank)
    keys = sorted(table)
    np.savez_compressed(args.out / "name_table.npz",
                        keys=np.frombuffer("\n".join(keys).encode(), dtype=np.uint8),
                        first=np.array([table[k][0] for k in keys], dtype=np.uint16),
                        last=np.array([table[k][1] for k in keys], dtype=np.uint16))
    print(f"table: {len(table)} keys", flush=True)

    words = english_words(40000)
    with gzip.GzipFile(args.out / "words_en.txt.gz", "wb", mtime=0) as raw:
        raw.write("\n".join(words).encode())

    per_country = country_tokens(dataset, args.model_rank)
    del dataset
    train_keys, labels = training_set(per_country, table, rng, args.per_country)
    weights, bias = train(train_keys, labels, rng)

    held = heldout_real(per_country, table, args.model_rank, 400, rng)
    pooled = np.concatenate([predict(weights, bias, v) for v in held.values()])
    threshold = float(max(0.8, np.quantile(pooled, 1 - args.flag_rate)))
    fakes = {"keyboard walk": [keyboard_walk(rng) for _ in range(2000)],
             "random letters": [random_letters(rng) for _ in range(2000)],
             "fantasy": fantasy_tokens(random.Random(args.seed + 1), 2000),
             "joined words": [rng.choice(words[:15000]) + rng.choice(words[:15000]) for _ in range(2000)]}
    print(f"threshold {threshold:.3f}; held-out real tokens unknown to the table: {len(pooled)}, "
          f"above threshold {np.mean(pooled >= threshold):.2%}")
    for label, items in fakes.items():
        items = [k for k in items if k not in table]
        print(f"  generated {label}: {np.mean(predict(weights, bias, items) >= threshold):.1%} above threshold")
    worst = sorted(((float(np.mean(predict(weights, bias, v) >= threshold)), c, len(v)) for c, v in held.items()),
                   reverse=True)[:8]
    print("  countries with the most held-out real tokens above threshold:",
          ", ".join(f"{c} {r:.1%} (n={n})" for r, c, n in worst))
    np.savez_compressed(args.out / "ngram.npz", weights=weights, bias=np.float32(bias),
                        threshold=np.float32(threshold))
    for path in sorted(args.out.glob("*.gz")) + sorted(args.out.glob("*.npz")):
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()

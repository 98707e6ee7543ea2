"""Quality and speed of the "not_english" check on the shared development data.

    .venv/bin/python benchmarks/language_quality.py [--data ../shared/data] [--pairs 4000] [--fit]

Prints, at the shipped policy's thresholds (hold 0.5, reject 0.9):

* lingua test sentences and word pairs, per language: share flagged (held or rejected) and share rejected;
  for English the share kept;
* English kept: the lingua English sentences and word pairs, the MT560 English side, and English reader comments
  (Toxic Spans train, Fox News comments);
* Nigerian Pidgin: UD Naija-NSC dev sentences and MT560 Pidgin sentences flagged;
* load time, peak memory and throughput (comments per second, one at a time, on one core).

``--fit`` refits the six logistic weights that combine fastText, lingua, the function-word share and the
vocabulary share (on the lingua sentences and word pairs in Latin script, English weighted 10:1) and prints
them; nothing is written.
Prints tables only and asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from parley.moderation.checks.language import (
    _WORD,
    LanguageCheck,
    _clip,
    _logit,
    _plain,
    decide,
)

REPO = Path(__file__).resolve().parents[1]
HOLD, REJECT = 0.5, 0.9
# Transcription marks of UD Naija-NSC (pauses, repairs, brackets) that are not part of the words.
UD_MARKS = {"#", "//", "<", ">", "{", "}", "|c", "|r", "|a", "(", ")", "//)", ">+", "<+", "[", "]", "//]", "+"}


def lingua_files(data: Path, kind: str) -> dict[str, list[str]]:
    folder = data / "lingua_testdata" / kind
    return {path.stem: [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for path in sorted(folder.glob("*.txt"))}


def pidgin_sets(data: Path, pairs: int) -> dict[str, list[str]]:
    folder = data / "naija_pidgin"
    out: dict[str, list[str]] = {}
    ud = folder / "ud_naija_nsc_dev_text.csv"
    if ud.exists():
        with ud.open(encoding="utf-8") as handle:
            out["pcm UD dev"] = [" ".join(t for t in row["text"].split() if t not in UD_MARKS)
                                 for row in csv.DictReader(handle)]
    mt = folder / "mt560_pcm_en_pairs_shared.csv"
    if mt.exists():
        with mt.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        random.Random(0).shuffle(rows)
        out["pcm MT560"] = [row["pcm"] for row in rows[:pairs]]
        out["en MT560 (English side)"] = [row["en"] for row in rows[:pairs]]
    return out


def score(check: LanguageCheck, text: str) -> float:
    return decide(check.analyse(text))[1]


def rates(check: LanguageCheck, texts: list[str]) -> tuple[float, float]:
    scores = [score(check, t) for t in texts]
    return (sum(s >= HOLD for s in scores) / len(scores), sum(s >= REJECT for s in scores) / len(scores))


def fit(check: LanguageCheck, data: Path) -> None:
    """Weighted logistic regression by Newton's method, in plain Python (five parameters)."""
    rows: list[tuple[list[float], int, float]] = []
    for kind in ("sentences", "word-pairs"):
        for lang, lines in lingua_files(data, kind).items():
            for line in lines:
                plain = _plain(line)
                words = _WORD.findall(plain)
                if not words or any(ord(c) > 0x24F and c.isalpha() for c in "".join(words)):
                    continue  # other scripts are decided by the script share, not by these weights
                evidence = check.evidence(plain, words, ask_lingua=False)
                p_lingua = check._lingua.compute_language_confidence(plain, check._lingua_english)
                x = [_clip(_logit(evidence.p_fasttext), 5.0), _clip(_logit(p_lingua), 3.0), evidence.function_share,
                     evidence.vocabulary_share, math.log(len(words)), 1.0]
                english = lang == "en"
                rows.append((x, int(english), 10.0 if english else 1.0))
    size = len(rows[0][0])
    beta = [0.0] * size
    for _ in range(30):
        grad = [0.0] * size
        hess = [[0.0] * size for _ in range(size)]
        for x, y, w in rows:
            p = 1 / (1 + math.exp(-max(min(sum(b * v for b, v in zip(beta, x, strict=True)), 40), -40)))
            for i in range(size):
                grad[i] += w * (y - p) * x[i]
                for j in range(size):
                    hess[i][j] += w * p * (1 - p) * x[i] * x[j]
        for i in range(size):
            hess[i][i] += 0.1  # a little ridge keeps the step finite
        step = _solve(hess, grad)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    names = ("fastText", "lingua", "function words", "vocabulary", "log words", "bias")
    print("Fitted weights:", ", ".join(f"{n} {b:.2f}" for n, b in zip(names, beta, strict=True)))
    print("Ship as: WEIGHTS = (" + ", ".join(f"{b:.2f}" for b in beta) + ")")


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [v - factor * p for v, p in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def english_comments(data: Path) -> dict[str, list[str]]:
    """English reader comments, the traffic the check sees most (licences allow this use: CC0, MIT)."""
    out: dict[str, list[str]] = {}
    for name, path, column in (("en toxic_spans comments", data / "toxic_spans_semeval2021" / "tsd_train.csv", "text"),
                               ("en fox_news comments", data / "fox_news_comments" / "fox_news_comments_shared.csv",
                                "text")):
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                out[name] = [row[column] for row in csv.DictReader(handle)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--pairs", type=int, default=4000, help="MT560 pairs to sample (of 17,494)")
    parser.add_argument("--fit", action="store_true", help="refit the combination weights and print them")
    args = parser.parse_args()
    if not (args.data / "lingua_testdata").exists():
        sys.exit(f"no lingua_testdata under {args.data}")

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    check = LanguageCheck()
    check.load()
    load_s = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.fit:
        fit(check, args.data)
        return

    sentences = lingua_files(args.data, "sentences")
    pairs = lingua_files(args.data, "word-pairs")
    print(f"Thresholds: hold {HOLD}, reject {REJECT}. 'flagged' = held or rejected.")
    print(f"{'language':<10}{'n':>6}{'sent. flagged':>15}{'rejected':>10}{'pairs flagged':>15}")
    totals: dict[str, list[float]] = defaultdict(list)
    timed: list[str] = []
    english = None
    for lang, lines in sentences.items():
        flagged, rejected = rates(check, lines)
        pair_flagged, _ = rates(check, pairs[lang]) if pairs.get(lang) else (float("nan"), 0.0)
        timed.extend(lines)
        if lang == "en":
            english = (len(lines), flagged, rejected, pair_flagged)
            continue
        totals["flagged"].append(flagged)
        totals["rejected"].append(rejected)
        totals["pairs"].append(pair_flagged)
        print(f"{lang:<10}{len(lines):>6}{flagged:>15.4f}{rejected:>10.4f}{pair_flagged:>15.4f}")
    n_lang = len(totals["flagged"])
    print(f"{'mean(' + str(n_lang) + ')':<10}{'':>6}{sum(totals['flagged']) / n_lang:>15.4f}"
          f"{sum(totals['rejected']) / n_lang:>10.4f}{sum(totals['pairs']) / n_lang:>15.4f}")
    print(f"{'min':<10}{'':>6}{min(totals['flagged']):>15.4f}{min(totals['rejected']):>10.4f}"
          f"{min(totals['pairs']):>15.4f}")

    print()
    print(f"{'English (negatives)':<34}{'n':>6}{'kept':>10}{'rejected':>10}")
    if english:
        n, flagged, rejected, pair_flagged = english
        print(f"{'en lingua sentences':<34}{n:>6}{1 - flagged:>10.4f}{rejected:>10.4f}")
        print(f"{'en lingua word pairs':<34}{len(pairs.get('en', [])):>6}{1 - pair_flagged:>10.4f}{'':>10}")
    dialects = pidgin_sets(args.data, args.pairs)
    negatives = {name: texts for name, texts in dialects.items() if name.startswith("en")}
    negatives.update(english_comments(args.data))
    for name, texts in negatives.items():
        flagged, rejected = rates(check, texts)
        print(f"{name:<34}{len(texts):>6}{1 - flagged:>10.4f}{rejected:>10.4f}")
        timed.extend(texts[:1000])

    print()
    print(f"{'Nigerian Pidgin':<34}{'n':>6}{'flagged':>10}{'rejected':>10}")
    for name, texts in dialects.items():
        if name.startswith("pcm"):
            flagged, rejected = rates(check, texts)
            print(f"{name:<34}{len(texts):>6}{flagged:>10.4f}{rejected:>10.4f}")
            timed.extend(texts[:1000])

    started = time.perf_counter()
    for text in timed:
        check.analyse(text)
    elapsed = time.perf_counter() - started
    print()
    print(f"load {load_s:.2f} s; peak RSS {rss_mb:.0f} MB (process before load {rss_before / 1024:.0f} MB); "
          f"{len(timed) / elapsed:,.0f} comments/s ({1000 * elapsed / len(timed):.2f} ms each, one at a time) "
          f"on {len(timed)} texts")


if __name__ == "__main__":
    main()

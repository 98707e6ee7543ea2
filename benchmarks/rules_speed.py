"""Time the pattern checks (personal data, spam) per comment, and count how often they would hold.

    python benchmarks/rules_speed.py [--data ../shared/data] [--runs 3]

Corpora: the authored cases in tests/moderation/cases/ (always), and, when the data folder has them, the shared
sides of the C3 (Globe and Mail) and Fox News comment sets: real published comments, so a hold there is most
likely a false alarm (or a genuine repost inside the data set). Comments are normalised beforehand, as the
engine does once for all checks; the timing covers ``check()`` alone, as thread CPU time. The spam check keeps
its duplicate store across a corpus, as it would in a running engine, and starts empty for each run. Prints one
row per check and corpus: comments, mean / median / p95 / p99 / max microseconds, and the share at or above the
hold threshold. A last row times ``normalise()`` on the same comments, as a yardstick for this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOLD = 0.5


def authored(rule: str) -> list[str]:
    path = ROOT / "tests" / "moderation" / "cases" / f"{rule}.jsonl"
    return [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]


def shared_comments(data: Path) -> dict[str, list[str]]:
    corpora = {}
    c3 = data / "c3_constructive_comments" / "C3_shared.csv"
    if c3.exists():
        with c3.open(newline="") as handle:
            corpora["C3 (Globe and Mail)"] = [row["comment_text"] for row in csv.DictReader(handle)]
    fox = data / "fox_news_comments" / "fox_news_comments_shared.csv"
    if fox.exists():
        with fox.open(newline="") as handle:
            corpora["Fox News comments"] = [row["text"] for row in csv.DictReader(handle)]
    return corpora


def percentile(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(make_check, texts: list[str], runs: int) -> tuple[list[float], int]:
    from parley.moderation.document import Document
    from parley.moderation.normalise import normalise

    docs = [Document(id=str(i), text=t, norm=normalise(t)) for i, t in enumerate(texts)]
    timings: list[float] = []
    fired = 0
    for run in range(runs):
        check = make_check()
        check.load()
        for doc in docs:
            start = time.thread_time_ns()
            signals = check.check(doc)
            timings.append((time.thread_time_ns() - start) / 1000)
            if run == 0 and any(s.score >= HOLD for s in signals):
                fired += 1
    return timings, fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from parley.moderation.checks.personal_data import PersonalDataCheck
    from parley.moderation.checks.spam import SpamCheck

    corpora = {"personal_data cases": authored("personal_data"), "spam cases": authored("spam")}
    found = shared_comments(args.data)
    if not found:
        print(f"(no shared comment sets under {args.data}; timing the authored cases only)")
    corpora.update(found)

    header = f"{'check':<15}{'corpus':<24}{'n':>7}{'mean':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>9}{'held':>8}"
    print("CPU microseconds per comment (this thread's CPU time, so other load on the machine counts less)")
    print(header)
    print("-" * len(header))
    for name, make_check in (("personal_data", PersonalDataCheck), ("spam", SpamCheck)):
        for corpus, texts in corpora.items():
            timings, fired = measure(make_check, texts, args.runs)
            ordered = sorted(timings)
            print(f"{name:<15}{corpus:<24}{len(texts):>7}{statistics.fmean(timings):>8.0f}"
                  f"{percentile(ordered, 0.5):>8.0f}{percentile(ordered, 0.95):>8.0f}"
                  f"{percentile(ordered, 0.99):>8.0f}{ordered[-1]:>9.0f}{fired / len(texts):>8.1%}")
    from parley.moderation.normalise import normalise

    for corpus, texts in corpora.items():
        timings = []
        for _ in range(args.runs):
            for text in texts:
                start = time.thread_time_ns()
                normalise(text)
                timings.append((time.thread_time_ns() - start) / 1000)
        ordered = sorted(timings)
        print(f"{'(normalise)':<15}{corpus:<24}{len(texts):>7}{statistics.fmean(timings):>8.0f}"
              f"{percentile(ordered, 0.5):>8.0f}{percentile(ordered, 0.95):>8.0f}"
              f"{percentile(ordered, 0.99):>8.0f}{ordered[-1]:>9.0f}{'':>8}")


if __name__ == "__main__":
    main()

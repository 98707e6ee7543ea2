"""Measure the engine: the authored functional suite and the development splits of the shared data sets.

Two reports:

* **cases**: every ``tests/moderation/cases/<rule>.jsonl`` line says whether the comment should be withheld and
  for which rule. Per rule: share of violations withheld, share withheld *for the right rule* (main rule first),
  share of publishable contrasts published; and per ``functionality`` where the cases name one.
* **data**: per rule, precision, recall and ROC AUC of the rule's raw score on labelled development data
  (read from a folder laid out like ``../shared/data``). Sets under a non-commercial licence are used here for
  evaluation only; nothing is trained on them.
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from parley.moderation.context import ArticleInput
from parley.moderation.engine import Engine, Item
from parley.moderation.jsonl import read_articles
from parley.moderation.policy import Policy
from parley.moderation.verdict import Decision

csv.field_size_limit(1 << 24)


# --- authored cases -----------------------------------------------------------------------------------------


@dataclass
class CaseResult:
    rule: str
    expect: str
    decision: str
    rules: list[str]
    functionality: str
    text: str
    note: str

    @property
    def correct(self) -> bool:
        withheld = self.decision != Decision.PUBLISH
        return withheld if self.expect == "withhold" else not withheld

    @property
    def right_rule(self) -> bool:
        return self.expect == "withhold" and bool(self.rules) and self.rules[0] == self.rule


def load_cases(cases_dir: Path) -> tuple[list[dict], dict[str, ArticleInput]]:
    articles_path = cases_dir / "articles.jsonl"
    articles = read_articles(articles_path.read_text(encoding="utf-8").splitlines()) if articles_path.exists() else {}
    cases = []
    for path in sorted(cases_dir.glob("*.jsonl")):
        if path.name == "articles.jsonl":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                case = json.loads(line)
                case.setdefault("rule", path.stem)
                case["_where"] = f"{path.name}:{number}"
                cases.append(case)
    return cases, articles


def run_cases(engine: Engine, cases: list[dict], articles: dict[str, ArticleInput],
              policy: Policy | None = None) -> list[CaseResult]:
    items = [
        Item(id=case["_where"], text=case["text"], author_name=case.get("author_name"),
             article=articles.get(case["article"]) if case.get("article") else None,
             parent_text=case.get("parent_text"))
        for case in cases
    ]
    verdicts = []
    for start in range(0, len(items), 64):
        verdicts.extend(engine.run(items[start:start + 64], policy))
    return [
        CaseResult(rule=case["rule"], expect=case["expect"], decision=str(verdict.decision), rules=verdict.rules,
                   functionality=case.get("functionality", ""), text=case["text"], note=case.get("note", ""))
        for case, verdict in zip(cases, verdicts, strict=True)
    ]


def summarise_cases(results: list[CaseResult], by: str = "rule") -> list[dict]:
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for result in results:
        key = result.rule if by == "rule" else f"{result.rule}/{result.functionality or '-'}"
        groups[key].append(result)
    rows = []
    for key in sorted(groups):
        group = groups[key]
        bad = [r for r in group if r.expect == "withhold"]
        good = [r for r in group if r.expect == "publish"]
        rows.append({
            "group": key,
            "cases": len(group),
            "withheld": _share(sum(r.correct for r in bad), len(bad)),
            "right_rule": _share(sum(r.right_rule for r in bad), len(bad)),
            "published": _share(sum(r.correct for r in good), len(good)),
            "accuracy": _share(sum(r.correct for r in group), len(group)),
        })
    return rows


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


# --- development data ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    item: Item
    positive: bool


@dataclass
class DataSet:
    name: str
    rule: str
    licence: str
    samples: list[Sample] = field(default_factory=list)


def _rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _sample(rows: list, limit: int | None, seed: int = 7) -> list:
    if limit is None or len(rows) <= limit:
        return rows
    return random.Random(seed).sample(rows, limit)


def _c3_counts(value: str) -> dict[str, int]:
    counts = {}
    for line in (value or "").split("\n"):
        name, _, count = line.partition(":")
        if count.strip().isdigit():
            counts[name.strip()] = int(count)
    return counts


def data_sets(data_dir: Path, limit: int | None = 1000) -> list[DataSet]:
    """The labelled development sets that exist under ``data_dir``; missing ones are skipped."""
    sets: list[DataSet] = []

    def add(name, rule, licence, path, build):
        if path.exists():
            samples = [s for s in build(path) if s is not None]
            sets.append(DataSet(name, rule, licence, _sample(samples, limit)))

    add("davidson2017 dev (hate vs. rest)", "hate", "MIT", data_dir / "davidson2017" / "dev.csv",
        lambda p: [Sample(Item(r["row_id"], r["tweet"]), r["class"] == "0") for r in _rows(p)])
    add("fox_news_comments (hateful)", "hate", "MIT", data_dir / "fox_news_comments" / "fox_news_comments_shared.csv",
        lambda p: [Sample(Item(str(i), r["text"], article=ArticleInput(r["title"], r["meta"])), r["label"] == "1")
                   for i, r in enumerate(_rows(p))])
    add("ucc val (hostile or antagonize) [NC, eval only]", "personal_attack", "CC BY-NC-SA 4.0",
        data_dir / "ucc_unhealthy_comments" / "val.csv",
        lambda p: [Sample(Item(r["_unit_id"], r["comment"]), r["hostile"] == "1" or r["antagonize"] == "1")
                   for r in _rows(p)])
    add("c3 (personal_attack by ≥2 raters) [NC, eval only]", "personal_attack", "CC BY-NC-SA 4.0 (assumed)",
        data_dir / "c3_constructive_comments" / "C3_shared.csv",
        lambda p: [Sample(Item(r["comment_counter"], r["comment_text"]),
                          _c3_counts(r["toxicity_characteristics"]).get("personal_attack", 0) >= 2)
                   for r in _rows(p)])
    add("fox off-topic pairs (synthetic)", "off_topic", "MIT", data_dir / "fox_news_comments" / "offtopic_pairs_synthetic.csv",
        lambda p: [Sample(Item(r["pair_id"], r["comment"], article=ArticleInput(r["article_title"], r["article_meta"])),
                          r["on_topic"] == "0") for r in _rows(p)])
    add("sfu_ctc off-topic pairs (synthetic) [NC, eval only]", "off_topic", "CC BY-NC-SA 4.0",
        data_dir / "sfu_ctc" / "offtopic_pairs_synthetic.csv",
        lambda p: [Sample(Item(r["pair_id"], r["comment"], article=ArticleInput(r["article_title"], "")),
                          r["on_topic"] == "0") for r in _rows(p)])
    add("lingua sentences (22 languages)", "not_english", "Apache-2.0 (texts: Leipzig)",
        data_dir / "lingua_testdata" / "sentences", _lingua)
    add("naija pidgin UD dev vs. English MT560", "not_english", "CC BY-SA 4.0 / CC BY 4.0",
        data_dir / "naija_pidgin", _pidgin)
    add("person_names (full names, real vs. fictional)", "fake_name", "MIT / CC0",
        data_dir / "person_names" / "names_shared.csv",
        lambda p: [Sample(Item(str(i), "I read the article.", author_name=r["name"]), r["label"] == "fictional")
                   for i, r in enumerate(_rows(p)) if r["name_type"] == "full"])
    return sets


def _lingua(folder: Path) -> list[Sample]:
    samples = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for i, line in enumerate(lines[:200]):
            samples.append(Sample(Item(f"{path.stem}-{i}", line), path.stem != "en"))
    return samples


def _pidgin(folder: Path) -> list[Sample]:
    samples = []
    ud = folder / "ud_naija_nsc_dev_text.csv"
    if ud.exists():
        for r in _rows(ud):
            text = " ".join(t for t in r["text"].split() if t not in {"#", "//", "<", "{", "}", "|c", "(", ")", "//)"})
            samples.append(Sample(Item(r["sent_id"], text), True))
    pairs = folder / "mt560_pcm_en_pairs_shared.csv"
    if pairs.exists():
        for i, r in enumerate(_rows(pairs)):
            if i >= 1000:
                break
            samples.append(Sample(Item(f"en-{i}", r["en"]), False))
    return samples


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann-Whitney U with tied ranks)."""
    positives, negatives = labels.sum(), (~labels).sum()
    if positives == 0 or negatives == 0:
        return None
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=float)
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def evaluate_set(engine: Engine, data: DataSet, policy: Policy | None = None) -> dict:
    policy = policy or engine.policy
    scores, withheld_for_rule = [], []
    items = [sample.item for sample in data.samples]
    for start in range(0, len(items), 64):
        for signals in engine.analyse(items[start:start + 64], policy):
            rule_scores = [s.score for s in signals if s.rule == data.rule]
            score = max(rule_scores, default=0.0)
            scores.append(score)
            withheld_for_rule.append(policy.rule(data.rule).decide(score) != Decision.PUBLISH)
    labels = np.array([sample.positive for sample in data.samples], dtype=bool)
    predicted = np.array(withheld_for_rule, dtype=bool)
    true_positive = int((predicted & labels).sum())
    return {
        "set": data.name,
        "rule": data.rule,
        "n": len(labels),
        "positives": int(labels.sum()),
        "precision": _share(true_positive, int(predicted.sum())),
        "recall": _share(true_positive, int(labels.sum())),
        "auc": roc_auc(np.array(scores, dtype=float), labels),
    }

"""Build the off-topic head: a logistic function over a few explainable features, plus the subject anchors.

Why so small: there is no human-labelled English set of comments judged against their article, only
synthetic mismatch pairs (a comment shown under a different article) and our own authored pairs. A model
with seven inputs can be fitted on that without learning the quirks of either, and each weight can be read.

Data (the shipped artefact is trained only on these):
* ``fox_news_comments`` (MIT): every comment under its own article (on topic) and under another article of
  the set (off topic), from ``offtopic_pairs_synthetic.csv``; the article is the title + meta description,
  and again the title alone (the engine sees title-only articles too). A reply keeps its parent (``prev``)
  when it is shown under its own article.
* ``training/data/off_topic_authored.json``: authored articles (Middle East, Europe, economy, sport, tech,
  UK, climate) with on-topic, broader and meta comments, short reactions and questions to other readers,
  replies, and everyday chit-chat. Off-topic pairs are chit-chat under the articles of other sections it is
  most similar to (sport chit-chat is on topic under a sport article), and comments shown under an article
  from another section.
sfu_ctc and c3 are non-commercial: they are used by ``benchmarks/off_topic_quality.py`` only.

The two sources get equal total weight. The fitted intercept is then moved by the log-odds of ``PRIOR``: the
training pairs are half off topic, real threads far less, so the shipped score reads as the chance that a
comment is off topic in a thread where about one comment in ``1/PRIOR`` is.

Reproduce (from the repository root, with the runtime encoder built and scikit-learn installed)::

    .venv/bin/python -m training.train_off_topic [--data ../shared/data]

Writes ``src/parley/moderation/models/heads/off_topic/{head.npz,subjects.npz}`` and prints cross-validated
figures (folds grouped by article) for the model card.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parley.moderation.checks import off_topic as ot
from parley.moderation.document import Document
from parley.moderation.engine import article_text
from parley.moderation.heads import LinearHead
from parley.moderation.normalise import normalise
from training.common import REPO, default_data_dir, embed_texts, fit_logistic

AUTHORED = REPO / "training" / "data" / "off_topic_authored.json"
OUT_DIR = ot.MODEL_DIR
# Chit-chat about a section's own subject ("Anyone watch the boxing?" under a match report) is on topic there,
# so it is shown as off topic only under the other sections; these kinds count as on topic in their section
# (the others, such as gadget questions under a tech story, are left out there: they may go either way).
ON_TOPIC_AT_HOME = {"sport"}
# Chit-chat is shown under the articles of other sections it is closest to: the hardest places to hold it.
AWAY_ARTICLES = 3
# A section's comment is also shown under another section's article as off topic only when it says enough to
# belong somewhere: "Too slow as usual." or "Who pays for the rebuilding?" could sit under many stories.
PLACED_MIN_WORDS = 4
FOX_SHARE = 0.5  # share of the total training weight carried by the fox pairs (the rest: authored pairs)
PRIOR = 0.2   # share of off-topic comments the shipped score assumes (training pairs are balanced)
C = 1.0       # inverse L2 strength of the logistic fit
SEED = 7

# Subject anchors: label (used in the message), register ("news": public affairs; "life": private life and
# leisure), and a description the encoder embeds. Several anchors may share a label.
SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("war and armed conflict", "news", "War, military operations, fighting, airstrikes, soldiers and casualties."),
    ("war and armed conflict", "news", "Insurgents, terrorism, militant groups, attacks and security forces."),
    ("diplomacy and international politics", "news",
     "Ceasefire negotiations, peace talks, mediators, diplomats and hostages."),
    ("diplomacy and international politics", "news",
     "Foreign policy, sanctions, treaties, alliances and the United Nations."),
    ("humanitarian aid and refugees", "news",
     "Humanitarian aid, refugees, displaced families, food shortages and relief convoys."),
    ("politics and government", "news", "Government, elections, political parties, parliament, ministers and voters."),
    ("politics and government", "news", "New laws, regulation, courts, policy decisions and politicians."),
    ("the economy and money", "news", "Economy, inflation, interest rates, taxes, wages and financial markets."),
    ("the economy and money", "news", "Business, companies, trade, exports, industry and jobs."),
    ("energy and climate", "news", "Energy prices, natural gas, electricity, oil, fuel and power supply."),
    ("energy and climate", "news", "Climate change, emissions, renewables, floods and the environment."),
    ("technology", "news", "Computer chips, semiconductors, artificial intelligence and data centres."),
    ("technology", "news", "Software, the internet, cybersecurity, hackers and tech companies."),
    ("health and medicine", "news", "Health, doctors, nurses, hospitals, illness, appointments and medicine."),
    ("crime and justice", "news", "Crime, police, arrests, trials, judges and prisons."),
    ("schools and education", "news", "Schools, teachers, pupils, universities and exams."),
    ("gadgets and shopping", "life", "Which phone, laptop, VPN, app or gadget should I buy? Product recommendations."),
    ("gadgets and shopping", "life", "Shopping, bargains, sales, prices in the shops and things for sale."),
    ("gadgets and shopping", "life", "Clothes, shoes, trainers, fashion and what to wear."),
    ("everyday services", "life", "Broadband, Wi-Fi, mobile signal, the post, parcels and deliveries at home."),
    ("cars and driving", "life", "Cars, driving, car insurance, mechanics, MOTs and petrol stations."),
    ("sport", "life", "Football match, goals, the referee, penalties, players, fans and the league table."),
    ("sport", "life", "Sport, athletes, races, tennis, cricket, cycling, boxing and championships."),
    ("pets and animals", "life", "Pets, cats, dogs, kittens, puppies, rabbits and the vet."),
    ("cooking and food", "life", "Recipes, cooking, baking, ingredients, dinner and restaurants."),
    ("cooking and food", "life", "Restaurants, cafes, pubs, takeaways and where to eat out."),
    ("films, TV and music", "life", "Films, television series, music, concerts, festivals and celebrities."),
    ("travel and holidays", "life", "Holidays, flights, hotels, beaches, sightseeing and travel tips."),
    ("travel and holidays", "life", "Countryside walks, scenery, photos, flowers, gardens to visit and views."),
    ("family and personal news", "life", "Birthdays, weddings, anniversaries, children, grandparents and family news."),
    ("home and garden", "life", "Gardening, plants, vegetables, DIY, home repairs and cleaning tips."),
    ("local services and traffic", "life",
     "Traffic, road closures, trains, buses, parking, bin collections and council services."),
    ("the weather", "life", "The weather, rain, sunshine, heat, snow and the forecast."),
    ("personal finance", "life", "Mortgages, rents, savings, pensions, household bills and budgets."),
    ("hobbies and leisure", "life", "Hobbies, books, games, puzzles, crafts, the gym and running."),
    ("hobbies and leisure", "life", "Fitness, jogging, marathon training, the gym, yoga and diets."),
)


@dataclass(frozen=True)
class Pair:
    text: str
    title: str
    body: str
    parent: str | None
    off_topic: int
    source: str   # "fox" or "authored": the weighting unit
    group: str    # the article, for grouped folds


def fox_pairs(data: Path) -> list[Pair]:
    folder = data / "fox_news_comments"
    with (folder / "fox_news_comments_shared.csv").open(encoding="utf-8", newline="") as f:
        comments = list(csv.DictReader(f))
    pairs = []
    with (folder / "offtopic_pairs_synthetic.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            off = int(row["on_topic"] == "0")
            parent = comments[int(row["pair_id"].split("-")[1])]["prev"] or None
            parent = None if off else parent  # the parent belongs to the comment's own article
            title = row["article_title"]
            pairs.append(Pair(row["comment"], title, row["article_meta"], parent, off, "fox", title))
            pairs.append(Pair(row["comment"], title, "", parent, off, "fox", title))
    return pairs


class Nearest:
    """Finds the articles a comment is most similar to: the hardest places to call it off topic."""

    def __init__(self, texts: list[str], articles: list[dict]):
        keys = [normalise(t).text for t in texts] + [_article_key(a) for a in articles]
        self.vectors = dict(zip(keys, embed_texts(keys), strict=True))

    def __call__(self, text: str, candidates: list[dict], k: int) -> list[dict]:
        comment = self.vectors[normalise(text).text]
        sims = [float(self.vectors[_article_key(a)] @ comment) for a in candidates]
        order = np.argsort(-np.array(sims), kind="stable")
        return [candidates[i] for i in order[:k]]


def _article_key(article: dict) -> str:
    return normalise(article_text(article["title"], article["body"])).text


def authored_pairs(path: Path = AUTHORED) -> list[Pair]:
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in data["articles"]}
    rng = random.Random(SEED)
    pairs: list[Pair] = []
    nearest = Nearest([t for texts in data["chitchat"].values() for t in texts], data["articles"])

    def add(text: str, article: dict, off: int, parent: str | None = None) -> None:
        pairs.append(Pair(text, article["title"], article["body"], parent, off, "authored", article["id"]))

    def away(domain: str) -> list[dict]:
        return [a for a in data["articles"] if a["domain"] != domain]

    for aid, comments in data["comments"].items():
        own = articles[aid]
        for text in comments:
            add(text, own, 0)
            if len({w.stem for w in ot.content_words(text)}) >= PLACED_MIN_WORDS:
                add(text, rng.choice(away(own["domain"])), 1)  # a comment meant for another section's story
    for aid, comments in data["broader"].items():
        for text in comments:
            add(text, articles[aid], 0)
    for kind, texts in data["chitchat"].items():  # "general", or the section the chit-chat belongs to
        home = [a for a in data["articles"] if a["domain"] == kind]
        for text in texts:
            for article in nearest(text, away(kind), AWAY_ARTICLES):
                add(text, article, 1)
            if kind in ON_TOPIC_AT_HOME:
                add(text, rng.choice(home), 0)
    for text in data["reactions"]:
        add(text, rng.choice(data["articles"]), 0)
    for reply in data["replies"]:
        add(reply["text"], articles[reply["article"]], int(reply["off_topic"]), reply["parent"])
    return pairs


def build_subjects() -> ot.Subjects:
    anchors = embed_texts([text for _, _, text in SUBJECTS])
    return ot.Subjects(anchors=anchors, labels=tuple(label for label, _, _ in SUBJECTS),
                       news=np.array([register == "news" for _, register, _ in SUBJECTS]))


def featurise(pairs: list[Pair], subjects: ot.Subjects) -> tuple[np.ndarray, list[Pair]]:
    """Features of every pair the check would judge (reactions and other exemptions drop out, as at run time)."""
    comments = [normalise(p.text).text for p in pairs]
    articles = [normalise(article_text(p.title, p.body)).text for p in pairs]
    parents = [normalise(p.parent).text if p.parent else "" for p in pairs]
    unique = sorted(set(comments) | set(articles) | {t for t in parents if t})
    vectors = dict(zip(unique, embed_texts(unique), strict=True))
    rows, kept = [], []
    for pair, comment, article, parent in zip(pairs, comments, articles, parents, strict=True):
        doc = Document(id="", text=pair.text, norm=normalise(pair.text), article_title=pair.title,
                       article_body=pair.body or None, parent_text=pair.parent, embedding=vectors[comment],
                       article_embedding=vectors[article], parent_embedding=vectors[parent] if parent else None)
        feats = ot.features(doc, subjects)
        if feats is not None:
            rows.append(ot.vector(feats))
            kept.append(pair)
    return np.array(rows, dtype=np.float32), kept


def weights(pairs: list[Pair], fox_share: float = FOX_SHARE) -> np.ndarray:
    """Fox carries ``FOX_SHARE`` of the total weight, so its 4,800 pairs do not drown the authored ones."""
    fox = np.array([p.source == "fox" for p in pairs])
    return np.where(fox, fox_share / fox.sum(), (1 - fox_share) / (~fox).sum()) * len(pairs)


def fit(X: np.ndarray, pairs: list[Pair], fox_share: float = FOX_SHARE) -> LinearHead:
    y = np.array([p.off_topic for p in pairs])
    head = fit_logistic(X, y, C=C, class_weight="balanced", sample_weight=weights(pairs, fox_share), name="off_topic")
    head.intercept += math.log(PRIOR / (1 - PRIOR))
    return head


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def cross_validate(X: np.ndarray, pairs: list[Pair], fox_share: float, folds: int = 4) -> np.ndarray:
    """Out-of-fold scores; every fold holds out whole articles, so no article is both trained and scored."""
    groups = sorted({p.group for p in pairs})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    fold = np.array([fold_of[p.group] for p in pairs])
    scores = np.zeros(len(pairs))
    for k in range(folds):
        train = fold != k
        head = fit(X[train], [p for p, t in zip(pairs, train, strict=True) if t], fox_share)
        scores[~train] = head.scores(X[~train])
    return scores


def report(name: str, scores: np.ndarray, labels: np.ndarray, thresholds=(0.3, 0.4, 0.5, 0.6, 0.7)) -> None:
    line = f"{name:28s} n={len(labels):5d} AUC={auc(scores, labels):.3f}"
    for t in thresholds:
        flagged = scores >= t
        tp = int((flagged & (labels == 1)).sum())
        fp_rate = (flagged & (labels == 0)).sum() / max((labels == 0).sum(), 1)
        line += f" | >={t}: P={tp / max(flagged.sum(), 1):.2f} R={tp / max(labels.sum(), 1):.2f} FPR={fp_rate:.3f}"
    print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="the shared data folder")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--fox-share", type=float, default=FOX_SHARE, help="share of weight on the fox pairs")
    args = parser.parse_args(argv)
    if not (args.data / "fox_news_comments").is_dir():
        print(f"fox_news_comments not found under {args.data}", file=sys.stderr)
        return 2
    subjects = build_subjects()
    pairs = fox_pairs(args.data) + authored_pairs()
    X, kept = featurise(pairs, subjects)
    y = np.array([p.off_topic for p in kept])
    print(f"pairs: {len(pairs)}, judged (not exempt): {len(kept)}, off topic: {int(y.sum())}")

    oof = cross_validate(X, kept, args.fox_share)
    for source in ("fox", "authored"):
        mask = np.array([p.source == source for p in kept])
        report(f"cross-validated {source}", oof[mask], y[mask])

    head = fit(X, kept, args.fox_share)
    print("weights (standardised features):")
    for name, w in zip(ot.FEATURES, head.coef, strict=True):
        print(f"  {name:18s} {w:+.3f}")
    print(f"  intercept          {head.intercept:+.3f} (prior {PRIOR})")
    args.out.mkdir(parents=True, exist_ok=True)
    head.save(args.out / "head.npz")
    np.savez_compressed(args.out / "subjects.npz", anchors=subjects.anchors.astype(np.float32),
                        labels=np.array(subjects.labels), news=subjects.news,
                        texts=np.array([text for _, _, text in SUBJECTS]))
    print(f"wrote {args.out / 'head.npz'} and {args.out / 'subjects.npz'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Off-topic: a comment that is not about the article it is posted under (or, for a reply, its parent).

Why this design: off-topic is the hardest rule to automate (the best published F1 on a real news corpus is
about 0.3), and hiding an on-topic comment is costly. So the check speaks only when several cheap, explainable
signs agree, and its score is meant for *holding* a comment for a moderator, never for rejecting it:

* cosine similarity of the shared sentence embedding of the comment to the article (title + start of body)
  and to the parent comment; the closer of the two counts, so a reply that engages its parent is on topic;
* agreement of coarse subjects (war, diplomacy, energy, sport, pets, cooking, gadgets, ...): each text is
  compared with a few shipped subject anchors and the two similarity profiles are correlated; the gap between
  the comment's own nearest subject and the article's two nearest ones (football under a war story); and the
  comment's register (public affairs or private life and leisure) against the article's. These keep
  tangential but related comments (history, neighbouring conflicts, the politics behind a story) apart
  from chit-chat about something else;
* the shape of the comment: a request to other readers for tips, recommendations or company ("Anyone know a
  good dentist?") is how chit-chat usually reads, while pointing back at things it never introduced ("when
  this takes effect", "They should ...", "the launch stream" under a product launch) is how a comment on the
  story reads. Neither decides alone: "Does anyone know if the lorries got through?" is on topic;
* overlap of the comment's content words with the whole article and the parent, names counting double;
* the number of content words: short comments carry little evidence, so the model is more lenient with them.

Three kinds of comment are not judged at all, because the synthetic data a model could learn from cannot
teach them and the terms treat them as on topic: pure reactions ("Shocking.", "Thanks for this report"),
comments about the article or its reporting ("Why no mention of ...", "none of this would ..."), and replies
that speak to the comment above them ("Your brother is right, ...").

A logistic function fitted at build time (``training/train_off_topic.py``) turns the features into a score in
[0, 1]; its few parameters and the subject anchors ship in ``models/heads/off_topic/`` with a model card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from parley.moderation.document import Document
from parley.moderation.heads import LinearHead
from parley.moderation.signal import Signal

RULE = "off_topic"
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "heads" / "off_topic"
FEATURES = ("similarity", "subject_agreement", "subject_gap", "register_mismatch", "asks_readers", "refers_back",
            "shared_words", "shared_fraction", "content_words", "title_only")
# Below this score the check stays silent: there is nothing a moderator would want to read.
MIN_REPORT = 0.05
# Only this much of a long article body is read for shared words (the embedding sees less still).
ARTICLE_CHARS = 6000
COMMENT_CHARS = 2000
# An article this short (in content words) is little more than a headline: similarities run lower.
SHORT_ARTICLE_WORDS = 25
# A subject is named in the message only when a text is clearly closest to it.
SUBJECT_MIN = 0.2
SUBJECT_MARGIN = 0.03
# The anchors an article (or parent) is closest to count as its subjects when measuring the subject gap.
CONTEXT_SUBJECTS = 2

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*\s+")
_REPORTING = (r"(?:article|story|report|piece|headline|reporting|coverage|author|writer|journalist|reporter|column|"
              r"columnist|editorial|op-?ed|paper|newspaper|rag|moderators?|mods?)")
# The comment points at the story it sits under: "the article", "what a stupid column", "why no mention",
# "all this", a sentence about "this" ("This is so sad", "This will never work") or ending on it ("... like this").
_REFERS = re.compile(
    rf"\b(?:(?:the|this|your|that|what an?) (?:\w+ )?{_REPORTING}\b|(?:why|no|not) (?:any |even )?(?:a )?mention|"
    r"(?:all|none|any|most|some|much|part|half) of (?:this|it)\b|all this\b)|"
    r"(?:^|[.!?]\s+)(?:and |but |so |sadly |well |oh )?this (?:is|was|will|won't|would|wouldn't|should|could|can't|"
    r"has|had|makes|shows|proves|means|just|really|whole)\b|\b(?:like|about|for|of|with|to) this\s*(?:[.!?]|$)",
    re.IGNORECASE)
# A reply that speaks to the comment above it: "you", "your", "agreed", "good point".
_ADDRESS = re.compile(
    r"\b(?:you|your|yours|you're|youre|yourself|u|ur)\b|^\W*(?:agreed?|exactly|true|yes|no|nope|indeed|"
    r"spot on|well said|good point|fair point|respect|thank you|thanks|sorry|i disagree|i agree)\b", re.IGNORECASE)
# The comment asks other readers for help, tips, recommendations or company ("Anyone know a good dentist?",
# "Which air fryer is best?", "Who's going to Glastonbury?"): the typical shape of chit-chat, though a question
# about the story can take it too, so it is one feature among several, never a verdict.
_ASKS_READERS = re.compile(
    r"\b(?:any ?one|any ?body|some ?one|some ?body|any of you|you lot|every ?one)\b[^.?!]*\?|"
    r"(?:^|[.!?]\s+)(?:does|did|has|have|is|was|can|could|would|will) (?:any ?one|any ?body|some ?one|some ?body)\b|"
    r"\bwho else\b|\bdo (?:people|you all|you guys) (?:use|recommend|rate)\b|\brecommend(?:ations?)?\s*\?|"
    r"\b(?:any|some|your) (?:tips|suggestions|recommendations|advice|ideas)\b|\brecommend (?:a|an|me|any|some)\b|"
    r"\b(?:what's|what is|which(?: \w+){0,3} (?:is|are|has|have)) (?:the )?(?:best|cheapest|most reliable)\b|"
    r"(?:^|[.!?]\s+)(?:the )?(?:best|cheapest|good) (?:place|places|way|shop|app|site|deal|deals) (?:for|to)\b|"
    r"\bwhere (?:can|do|did|should|would) (?:i|we|you) (?:get|buy|find|go|book)\b|"
    r"\bwhere (?:was|were) (?:it|this|that|they|these|those|the \w+(?: \w+)?) taken\b|"
    r"\bwho(?:'s| is) (?:going|watching|doing|coming)\b|\bis (?:it|\w+) worth (?:getting|buying|paying|upgrading)\b",
    re.IGNORECASE)
# The comment points back at something it never introduced, as a comment on the story does ("Anyone know when
# this takes effect?", "They should close the roof", "all that land", "if you are affected"); chit-chat brings
# its own things along ("my cat", "a good dentist"). Time and place words ("this morning", "this town") do not
# count. A definite mention of one of the article's own words ("the launch stream") counts too (see features).
_REFERS_BACK = re.compile(
    r"\b(?:this|these|those)\b(?!\s+(?:morning|afternoon|evening|night|week|weekend|year|month|time|season|summer|"
    r"winter|spring|autumn|term|days|town|city|country|place|one|site)\b)|"
    r"\b(?:all|of|from|about|like|with|after) that\b|"
    r"(?:^|[.!?]\s+)(?:that|they|it|it's|he|she|their|his|her|its)\b|\baffected\b(?!\s+by\b)", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w'-]+\s+)?$", re.IGNORECASE)

# Function words and words so common in comments that sharing them with an article says nothing.
_STOPWORD_TEXT = """
a about above after again against all almost already also although always am among an and another any anybody
anyone anything anyway are aren around as at away back be became because become been before being below best
better between beyond both but by can cannot cant could couldn did didn do does doesn doing don done down during
each either else enough especially etc even ever every everyone everything exactly few for from further get gets
getting give given go goes going gone got great had hadn has hasn have haven having he her here hers herself him
himself his how however i if im in indeed instead into is isn it its itself ive just know known least less let lets
like likely lot lots made make makes making many may maybe me might mine more most mostly much must my myself near
need needs neither never new next no nobody none nor not nothing now of off often oh ok okay old on once one ones
only or other others otherwise our ours ourselves out over own people perhaps person please plenty point put quite
rather really right said same say saying says see seem seems seen shall she should shouldn since so some somebody
someone something sometimes soon still such sure take taken than that thats the their theirs them themselves then
there these they thing things think thinks this those though thought through thus till to today together too
tried try trying under unless until up upon us use used using very via want wants was wasn way ways we well were
weren what whatever when where whether which while who whole whom whose why will with within without won wont
would wouldn yeah yes yet you your yours yourself yourselves time times day days year years week weeks ago last
first second come came look looks looking thanks thank good bad
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Words that make up pure reactions to a story: a comment made only of these (and stopwords) is not judged.
_REACTION_TEXT = """
news article articles piece report reports reporting reported story stories read reading write written writing
coverage journalism journalist journalists reporter update updates info information headline thanks thank cheers
shocking shock shocked shameful shame sad sadly terrible terribly awful horrible horrific horrendous dreadful
tragic tragedy heartbreaking heartbroken disgusting disgraceful disgrace appalling outrageous unbelievable
incredible amazing astonishing wow brilliant excellent superb fantastic wonderful lovely nice fine interesting
insightful informative helpful useful clear balanced fair unfair biased agree agreed disagree exactly true
false correct wrong spot nonsense rubbish ridiculous absurd crazy insane mad madness typical predictable expected
unexpected surprise surprised surprising scary frightening worrying worried concerning alarming depressing hope
hopes hoped hopeful hopefully finally holds hold lasts works happen happens happened relief relieved glad happy
pleased welcome welcomed progress step steps direction positive negative sorry congratulations congrats bravo
respect lol omg wtf yikes damn absolutely totally definitely certainly said comment comments sense inaccurate
accurate incomprehensible wacky bizarre weird strange odd funny hilarious pathetic embarrassing sickening sick
unacceptable inexcusable unreal joke disappointing disappointed excited exciting encouraging impressive
"""
REACTION_WORDS = frozenset(_REACTION_TEXT.split())


class Word(NamedTuple):
    stem: str
    start: int  # span in the text the words were read from
    end: int
    name: bool  # capitalised inside a sentence, or an acronym: a likely name


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, enough to match "negotiators"/"negotiations" or "Palestinian"/"Palestine"."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s").strip("'-")
    for suffix, repl in (("ies", "y"), ("ations", ""), ("ation", ""), ("ings", ""), ("ing", ""), ("ers", ""),
                         ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: len(w) - len(suffix)] + repl
            break
    return w[:6]


def content_words(text: str) -> list[Word]:
    """Words of ``text`` that carry meaning (not stopwords, at least two letters), with name marks."""
    sentence_starts = {len(text) - len(text.lstrip())} | {m.end() for m in _SENTENCE_END.finditer(text)}
    words: list[Word] = []
    for m in _WORD.finditer(text):
        token = m.group().strip("'’-")
        lower = token.lower().replace("’", "'")
        bare = lower.removesuffix("'s")
        if len(bare) < 2 or bare in STOPWORDS or bare.replace("'", "") in STOPWORDS:
            continue
        first = m.start() in sentence_starts
        acronym = len(token) >= 2 and token.isupper()
        name = acronym or (token[:1].isupper() and not first)
        words.append(Word(stem(bare), m.start(), m.start() + len(token), name))
    return words


_REACTION_STEMS = frozenset(stem(w) for w in REACTION_WORDS)


def is_reaction(words: list[Word]) -> bool:
    """Every content word is a reaction word ("Good news at last."): too little content to be off topic."""
    return all(w.stem in _REACTION_STEMS for w in words)


def refers_to_article(text: str) -> bool:
    """The comment talks about the article or its reporting, so it is about the article by definition."""
    return bool(_REFERS.search(text))


def asks_readers(text: str) -> bool:
    """The comment asks other readers for advice, recommendations or company, as chit-chat does."""
    return bool(_ASKS_READERS.search(text))


def refers_back(text: str, words: list[Word] = (), context: frozenset[str] = frozenset()) -> bool:
    """The comment points at something it never introduced ("when this takes effect", "They should ..."), or
    names one of the context's own words as a known thing ("the launch stream" under a product launch)."""
    if _REFERS_BACK.search(text):
        return True
    return any(w.stem in context and _DEFINITE.search(text[max(0, w.start - 40):w.start]) for w in words)


def addresses_parent(doc: Document) -> bool:
    """A reply that speaks to its parent ("you", "agreed", ...) engages it, wherever the thread has drifted."""
    return bool(doc.parent_text) and bool(_ADDRESS.search(doc.norm.text))


def comment_words(doc: Document) -> list[Word]:
    """Content words of the comment's start: the encoder reads no further (256 tokens), nor do the features."""
    return content_words(doc.norm.text[:COMMENT_CHARS])


def exemption(doc: Document, words: list[Word] | None = None) -> str | None:
    """Why the comment is not judged at all, or None when it is."""
    words = comment_words(doc) if words is None else words
    if not words or is_reaction(words):
        return "reaction"
    if refers_to_article(doc.norm.text):
        return "about the article"
    if addresses_parent(doc):
        return "answers the parent"
    return None


@lru_cache(maxsize=512)
def _context_words(text: str) -> tuple[frozenset[str], int]:
    """Content stems of an article or parent, with the initialisms of its phrases ("liquefied natural gas"
    gives "lng", "high-bandwidth memory" "hbm"), and how many content words it has (cached: articles repeat).
    """
    words = content_words(text)
    return frozenset(w.stem for w in words) | _initialisms(text), len(words)


def _initialisms(text: str) -> frozenset[str]:
    """Initials of every run of three or four consecutive content words, to match a comment's acronyms."""
    out: set[str] = set()
    for sentence in _SENTENCE_END.split(text):
        tokens = _LETTERS.findall(sentence)
        for size in (3, 4):
            for i in range(len(tokens) - size + 1):
                run = tokens[i:i + size]
                if not any(t.lower() in STOPWORDS for t in run):
                    out.add("".join(t[0] for t in run).lower())
    return frozenset(out)


def article_text(doc: Document) -> str:
    title = (doc.article_title or "").strip()
    body = (doc.article_body or "").strip()[:ARTICLE_CHARS]
    return f"{title}. {body}" if title and body else title or body


@dataclass(frozen=True)
class Subjects:
    """The shipped subject anchors: unit vectors, their labels in plain words, and which are public affairs."""

    anchors: np.ndarray  # (k, 384)
    labels: tuple[str, ...]
    news: np.ndarray     # (k,) bool: public affairs ("news") rather than private life and leisure

    def profile(self, embedding: np.ndarray) -> np.ndarray:
        """Similarity to each anchor, centred so that the encoder's shared bias drops out."""
        sims = self.anchors @ np.asarray(embedding, dtype=np.float32)
        return sims - sims.mean()

    def register(self, embedding: np.ndarray) -> float:
        """How much more a text reads like public affairs than like private life or leisure."""
        sims = self.anchors @ np.asarray(embedding, dtype=np.float32)
        return float(sims[self.news].max() - sims[~self.news].max())

    def gap(self, comment: np.ndarray, context: np.ndarray) -> float:
        """How much closer the comment is to its own nearest subject than to the context's nearest subjects:
        about 0 for a comment on the article's subjects (or a related one), large for football under a war story.
        """
        mine = self.anchors @ np.asarray(comment, dtype=np.float32)
        theirs = np.argsort(-(self.anchors @ np.asarray(context, dtype=np.float32)))[:CONTEXT_SUBJECTS]
        return float(mine.max() - mine[theirs].max())

    def subject(self, embedding: np.ndarray) -> str | None:
        """The subject a text is clearly closest to, or None when none stands out."""
        sims = self.anchors @ np.asarray(embedding, dtype=np.float32)
        best: dict[str, float] = {}
        for label, sim in zip(self.labels, sims.tolist(), strict=True):
            best[label] = max(sim, best.get(label, -1.0))
        ranked = sorted(best.values(), reverse=True)
        top_label = max(best, key=best.__getitem__)
        return top_label if ranked[0] >= SUBJECT_MIN and ranked[0] - ranked[1] >= SUBJECT_MARGIN else None


def load_subjects(path: Path) -> Subjects:
    with np.load(path) as data:
        return Subjects(anchors=data["anchors"].astype(np.float32), labels=tuple(str(x) for x in data["labels"]),
                        news=data["news"].astype(bool))


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / denom if denom > 0 else 0.0


def _mismatch(subjects: Subjects, comment: np.ndarray, article: np.ndarray) -> float:
    sign = 1.0 if subjects.register(article) >= 0 else -1.0
    return max(0.0, -sign * subjects.register(comment))


def features(doc: Document, subjects: Subjects) -> dict[str, float] | None:
    """The model's inputs for one document, or None when the check has nothing to judge.

    ``register_mismatch`` is how far the comment reads as private life or leisure under a public-affairs
    article (or as public affairs under a sport or leisure article); it is zero when the registers agree, so
    a comment on Russia's war under a gas-price story is not pushed towards off topic by it.
    """
    if not doc.has_article or doc.embedding is None or doc.article_embedding is None:
        return None
    words = comment_words(doc)
    if exemption(doc, words) is not None:
        return None
    comment = np.asarray(doc.embedding, dtype=np.float32)
    article = np.asarray(doc.article_embedding, dtype=np.float32)
    contexts = [article]
    stems, article_words = _context_words(article_text(doc))
    if doc.parent_text:
        stems = stems | _context_words(doc.parent_text)[0]
        if doc.parent_embedding is not None:
            contexts.append(np.asarray(doc.parent_embedding, dtype=np.float32))
    profile = subjects.profile(comment)
    distinct = {w.stem for w in words}
    shared = distinct & stems
    # A shared name (Hamas, Kirkuk, VAR) says more than a shared common word, so it counts twice.
    shared_names = {w.stem for w in words if w.name} & shared
    return {
        "similarity": max(float(comment @ c) for c in contexts),
        "subject_agreement": max(_correlation(profile, subjects.profile(c)) for c in contexts),
        "subject_gap": min(subjects.gap(comment, c) for c in contexts),
        "register_mismatch": _mismatch(subjects, comment, article),
        "asks_readers": float(asks_readers(doc.norm.text)),
        "refers_back": float(refers_back(doc.norm.text, words, stems)),
        "shared_words": float(np.log1p(len(shared) + len(shared_names))),
        "shared_fraction": len(shared) / len(distinct),
        "content_words": float(np.log1p(len(distinct))),
        "title_only": float(article_words < SHORT_ARTICLE_WORDS),
    }


def vector(feats: dict[str, float]) -> np.ndarray:
    return np.array([feats[name] for name in FEATURES], dtype=np.float32)


class OffTopicCheck:
    rule = RULE
    needs_embedding = True

    def __init__(self, model_dir: Path = MODEL_DIR):
        self.model_dir = Path(model_dir)
        self.head: LinearHead | None = None
        self.subjects: Subjects | None = None

    def load(self) -> None:
        head = LinearHead.load(self.model_dir / "head.npz")
        if head.coef.shape[0] != len(FEATURES):
            raise ValueError(f"off-topic head has {head.coef.shape[0]} weights, the code {len(FEATURES)} features")
        self.subjects = load_subjects(self.model_dir / "subjects.npz")
        self.head = head

    def score(self, doc: Document) -> tuple[float, dict[str, float]] | None:
        """The calibrated score and the features behind it, or None when the comment is not judged."""
        if self.head is None or self.subjects is None:
            raise RuntimeError("OffTopicCheck.load() was not called")
        feats = features(doc, self.subjects)
        if feats is None:
            return None
        return self.head.score(vector(feats)), feats

    def check(self, doc: Document) -> list[Signal]:
        result = self.score(doc)
        if result is None:
            return []
        score, feats = result
        if score < MIN_REPORT:
            return []
        return [Signal(rule=RULE, score=round(score, 4), message=self.message(doc, feats),
                       evidence=[_whole_comment(doc.text)], detail={k: round(v, 4) for k, v in feats.items()})]

    def message(self, doc: Document, feats: dict[str, float]) -> str:
        """Plain words for the commenter: what the comment seems to be about, if that differs from the article."""
        lead = "The comment does not appear to be about this article"
        if doc.parent_text:
            lead += " or the comment it replies to"
        assert self.subjects is not None and doc.embedding is not None and doc.article_embedding is not None
        mine, theirs = self.subjects.subject(doc.embedding), self.subjects.subject(doc.article_embedding)
        if mine and theirs and mine != theirs:
            return f"{lead}: it seems to be about {mine}, while the article is about {theirs}."
        if feats["shared_words"] == 0:
            return f"{lead}: it shares no key words with the article and seems to be about something else."
        return f"{lead}: it seems to be about something else."


def _whole_comment(text: str) -> tuple[int, int]:
    """Evidence is the whole comment, without surrounding white space."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else (0, len(text))

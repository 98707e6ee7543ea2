"""The off-topic check: exemptions, the shipped head, and the authored cases run through the real encoder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parley.moderation.checks.off_topic import (
    FEATURES,
    OffTopicCheck,
    asks_readers,
    content_words,
    exemption,
    refers_back,
    stem,
)
from parley.moderation.document import Document
from parley.moderation.normalise import normalise

CASES = Path(__file__).parent / "cases"
HOLD = 0.7  # the hold threshold recommended for this rule (never reject on this rule alone)
ARTICLES = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines())}
OFF_TOPIC_CASES = [json.loads(line) for line in (CASES / "off_topic.jsonl").read_text().splitlines() if line.strip()]


def make_doc(text: str, article: str | None = "me-ceasefire", parent: str | None = None,
             embedding: np.ndarray | None = None, article_embedding: np.ndarray | None = None,
             parent_embedding: np.ndarray | None = None) -> Document:
    a = ARTICLES[article] if article else {}
    return Document(id="t", text=text, norm=normalise(text), article_title=a.get("title"),
                    article_body=a.get("body"), parent_text=parent, embedding=embedding,
                    article_embedding=article_embedding, parent_embedding=parent_embedding)


@pytest.fixture(scope="module")
def check() -> OffTopicCheck:
    c = OffTopicCheck()
    c.load()
    return c


# --- without the encoder ------------------------------------------------------------------------------------

def test_stem_joins_word_families():
    assert stem("negotiators") == stem("negotiations")
    assert stem("Palestinian") == stem("Palestine")
    assert stem("kittens") == stem("kitten")


def test_content_words_drop_stopwords_and_mark_names():
    words = content_words("Anyone watch the match in Cairo last night?")
    assert [w.stem for w in words] == ["watch", "match", "cairo", "night"]
    assert [w.name for w in words] == [False, False, True, False]


@pytest.mark.parametrize("text", ["Good news at last.", "Shocking.", "Thanks for this report.", "Unbelievable!",
                                  "Well said.", "About time!", "Interesting read, thanks.", "So sad."])
def test_short_reactions_are_not_judged(text):
    assert exemption(make_doc(text)) == "reaction"


@pytest.mark.parametrize("text", ["Why no mention of the casualties in the north?",
                                  "The headline says villages but the article doesn't name one.",
                                  "None of this would be needed if Russia hadn't invaded Ukraine.",
                                  "What a lazy piece of reporting."])
def test_comments_about_the_article_are_not_judged(text):
    assert exemption(make_doc(text)) == "about the article"


def test_reply_that_speaks_to_its_parent_is_not_judged():
    text = "Which brand did you get? The installers quote wildly different prices."
    parent = "We switched to a heat pump last year and our bills went down."
    assert exemption(make_doc(text, "eu-energy", parent=parent)) == "answers the parent"
    assert exemption(make_doc(text, "eu-energy")) is None  # without a parent, "you" proves nothing


@pytest.mark.parametrize("text", ["My cat just had kittens.", "What's the best VPN?",
                                  "Anyone watch the match last night?"])
def test_chit_chat_is_judged(text):
    assert exemption(make_doc(text)) is None


@pytest.mark.parametrize("text", ["Anyone know a decent plumber in Leeds?", "Which hoover is best for pet hair?",
                                  "Any tips for keeping foxes out of the bins?", "Who's going to the fair on Saturday?",
                                  "Can anyone recommend a good dentist?", "Is anybody else's phone signal down?"])
def test_requests_to_other_readers_are_recognised(text):
    assert asks_readers(normalise(text).text)


@pytest.mark.parametrize("text", ["The talks resume on Tuesday.", "Why do people keep voting for them?",
                                  "Egypt holds the key to Rafah.", "My cat just had kittens."])
def test_statements_are_not_requests_to_readers(text):
    assert not asks_readers(normalise(text).text)


@pytest.mark.parametrize("text", ["Anyone know when this takes effect?", "They should have acted years ago.",
                                  "If you are affected, call the helpline.", "Who's going to buy all that land?"])
def test_comments_that_point_back_at_the_story(text):
    assert refers_back(normalise(text).text)


@pytest.mark.parametrize("text", ["My cat had kittens this morning.", "Which running shoes are best for flat feet?",
                                  "Concert tickets cost a fortune these days."])
def test_comments_that_bring_their_own_subject(text):
    assert not refers_back(normalise(text).text)


def test_a_definite_mention_of_an_article_word_points_back():
    text = "Five four three two one, the countdown on the launch stream was brilliant."
    words = content_words(text)
    assert refers_back(text, words, frozenset({stem("launch")}))
    assert not refers_back(text, words, frozenset({stem("accelerator")}))  # the comment does not name it
    assert not refers_back(text, words)


def test_shipped_head_matches_the_features(check):
    assert check.head is not None and check.head.coef.shape == (len(FEATURES),)
    assert check.subjects is not None and len(set(check.subjects.labels)) >= 10
    assert check.subjects.anchors.shape == (len(check.subjects.labels), 384)
    assert check.subjects.news.any() and not check.subjects.news.all()


def test_check_needs_load():
    with pytest.raises(RuntimeError):
        OffTopicCheck().check(make_doc("My cat just had kittens.", embedding=np.ones(384),
                                       article_embedding=np.ones(384)))


def test_no_article_or_no_embedding_gives_no_signal(check):
    vector = np.zeros(384, dtype=np.float32)
    vector[0] = 1.0
    assert check.check(make_doc("My cat just had kittens.", article=None, embedding=vector)) == []
    assert check.check(make_doc("My cat just had kittens.", embedding=None, article_embedding=vector)) == []


def test_subject_gap_is_zero_on_the_article_subject_and_large_off_it(check):
    subjects = check.subjects
    war = subjects.anchors[subjects.labels.index("war and armed conflict")]
    pets = subjects.anchors[subjects.labels.index("pets and animals")]
    assert subjects.gap(war, war) == pytest.approx(0.0, abs=1e-6)
    assert subjects.gap(pets, war) > 0.3


def test_score_follows_similarity_on_synthetic_vectors(check):
    """Anchor vectors stand in for real embeddings: a comment orthogonal to a war article versus an exact match."""
    subjects = check.subjects
    war = subjects.anchors[subjects.labels.index("war and armed conflict")]
    pets = subjects.anchors[subjects.labels.index("pets and animals")]
    unrelated = pets - (pets @ war) * war
    unrelated /= np.linalg.norm(unrelated)
    text = "My cat just had kittens, five of them and all ginger."
    far = check.score(make_doc(text, embedding=unrelated, article_embedding=war))
    near = check.score(make_doc(text, embedding=war, article_embedding=war))
    assert far is not None and near is not None
    assert far[0] >= HOLD > near[0]
    assert far[1]["similarity"] < near[1]["similarity"]


# --- with the shipped encoder -------------------------------------------------------------------------------

def embedded(encoder, text: str, article: str, parent: str | None = None) -> Document:
    """A document with its embeddings filled exactly as the engine fills them."""
    a = ARTICLES[article]
    article_text = f"{a['title']}. {a['body'][:1500]}".strip(". ")
    texts = [normalise(text).text, normalise(article_text).text] + ([normalise(parent).text] if parent else [])
    vectors = encoder.embed(texts)
    return make_doc(text, article, parent, embedding=vectors[0], article_embedding=vectors[1],
                    parent_embedding=vectors[2] if parent else None)


def case_score(check, encoder, case) -> float:
    signals = check.check(embedded(encoder, case["text"], case["article"], case.get("parent_text")))
    return max((s.score for s in signals), default=0.0)


@pytest.mark.parametrize("case", [c for c in OFF_TOPIC_CASES if c["expect"] == "publish"],
                         ids=lambda c: c["text"][:40])
def test_publishable_cases_are_not_held(check, encoder, case):
    assert case_score(check, encoder, case) < HOLD, case["note"]


CLEAR_WITHHOLD = [
    ("My cat just had kittens, five of them and all ginger.", "me-ceasefire"),
    ("Quick banana bread: three ripe bananas, 250g flour, two eggs, a pinch of salt, bake for 50 minutes at 180.",
     "me-ceasefire"),
    ("Happy birthday to my mum who turns 80 today!", "sport-derby"),
    ("My dog ate a whole sock and we had to rush him to the vet at midnight.", "eu-energy"),
    ("That penalty was a disgrace, four minutes of VAR for a dive.", "tech-ai-chips"),
    ("Gaza needs a ceasefire now, the hospitals have run out of fuel.", "tech-ai-chips"),
    ("Who else thinks the new iPhone camera is a step backwards from last year's?", "me-insurgency"),
    ("Ⅿy cat јust had kіttens!!! So cute", "tech-ai-chips"),
    ("M y   c a t   j u s t   h a d   k i t t e n s", "eu-energy"),
    ("Anyone know a decent electrician in Croydon?", "me-ceasefire"),
    ("Where do you lot get your car insurance? Mine's gone up 40 percent.", "me-ceasefire"),
    ("Anyone watching the snooker?", "tech-ai-chips"),
]


@pytest.mark.parametrize(("text", "article"), CLEAR_WITHHOLD, ids=lambda x: x[:40])
def test_clear_off_topic_comments_are_held(check, encoder, text, article):
    [signal] = check.check(embedded(encoder, text, article))
    assert signal.rule == "off_topic"
    assert HOLD <= signal.score <= 1.0
    assert signal.message.startswith("The comment does not appear to be about this article")
    assert signal.evidence == [(0, len(text))]


def test_most_withhold_cases_are_held(check, encoder):
    cases = [c for c in OFF_TOPIC_CASES if c["expect"] == "withhold"]
    held = [c["text"] for c in cases if case_score(check, encoder, c) >= HOLD]
    # Some cases need knowledge the encoder lacks ("Liverpool's midfield" is football, "Star Wars" is a film, not
    # a war): the rule trades those for almost no held on-topic comments, so six in seven must be held.
    assert len(held) >= 6 * len(cases) / 7, f"held only {len(held)} of {len(cases)}"


def test_football_chat_is_on_topic_only_under_a_sport_story(check, encoder):
    text = "Anyone watch the match last night? What a finish!"
    assert case_score(check, encoder, {"text": text, "article": "sport-derby"}) < HOLD
    for article in ("me-ceasefire", "tech-ai-chips"):
        assert case_score(check, encoder, {"text": text, "article": article}) >= HOLD


def test_a_reply_that_engages_its_parent_is_on_topic(check, encoder):
    text = "Dresden is lovely though, I visited last summer and the old town is beautiful."
    parent = "I work in a fab in Dresden and the mood there is grim right now."
    assert check.check(embedded(encoder, text, "tech-ai-chips", parent)) == []
    [alone] = check.check(embedded(encoder, text, "tech-ai-chips"))
    assert alone.score >= HOLD
    assert "or the comment it replies to" not in alone.message


def test_message_names_the_subjects_when_they_are_clear(check, encoder):
    [signal] = check.check(embedded(encoder, "My dog ate a whole sock and we had to rush him to the vet.",
                                    "eu-energy"))
    assert "pets and animals" in signal.message

"""The personal_attack check on clear cases, its evidence spans, and its authored case file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.moderation.checks.personal_attack import PersonalAttackCheck, find_insults
from parley.moderation.document import Document

from .conftest import make_doc

CASES = Path(__file__).parent / "cases"
HOLD = 0.5  # the hold threshold recommended in the model card


@pytest.fixture(scope="module")
def check():
    c = PersonalAttackCheck()
    c.load()
    return c


def score(check, doc: Document) -> float:
    signals = check.check(doc)
    assert len(signals) <= 1
    return signals[0].score if signals else 0.0


@pytest.mark.parametrize("text, parent, word", [
    ("You're a pathetic idiot.", None, "idiot"),
    ("The columnist is an ignorant moron.", None, "moron"),
    ("That clown Lindqvist has no idea what he is doing.", None, "clown"),
    ("Only a halfwit would believe these figures.", None, "halfwit"),
    ("Shut up, you muppet.", "The cap is working.", "muppet"),
    ("y0u are a m0r0n", None, "m0r0n"),
    ("You absolute id**t", None, "id**t"),
    ("The ref is a bald useless prat.", None, "prat"),
])
def test_withholds_insults_aimed_at_someone_and_points_at_the_insult(check, encoder, text, parent, word):
    doc = make_doc(text, encoder, parent)
    signals = check.check(doc)
    assert signals and signals[0].score >= HOLD, text
    signal = signals[0]
    assert signal.rule == "personal_attack" and signal.field == "text"
    assert any(text[a:b] == word for a, b in signal.evidence), (signal.evidence, word)
    assert 0.0 <= signal.score <= 1.0 and signal.message


@pytest.mark.parametrize("text", [
    "I hope you die slowly.",
    "Someone should shoot that referee.",
    "Kill yourself.",
    "Ellis deserves to be hanged for this.",
])
def test_withholds_threats_and_wishes_of_harm(check, encoder, text):
    signals = check.check(make_doc(text, encoder))
    assert signals and signals[0].score >= 0.85
    assert "harm" in signals[0].message or "threat" in signals[0].message.lower()


def test_withholds_a_sexual_remark_about_a_presenter(check, encoder):
    signals = check.check(make_doc("Nice tits on the new presenter.", encoder))
    assert signals and signals[0].score >= HOLD and "sexual" in signals[0].message


@pytest.mark.parametrize("text, parent", [
    ("The minister's plan is reckless and will fail.", None),
    ("The referee had a shocking game.", None),
    ("I think he's wrong about this.", None),
    ("What a bloody mess.", None),
    ("That argument is nonsense.", "The cap lowers prices."),
    ("I'm such an idiot, I missed the kick-off.", None),
    ("The MP called the minister a \"liar\" in the debate.", None),
    ("He's no fool, the timing was deliberate.", None),
    ("The hack leaked two million passwords.", None),
    ("What a neat hack, the author found a cheap fix.", None),
    ("We'll hang him out to dry at the election.", None),
    ("He should rot in jail for what he did.", None),
    ("Stupid decision to sell the striker.", None),
])
def test_publishes_criticism_self_deprecation_quotes_and_idioms(check, encoder, text, parent):
    assert score(check, make_doc(text, encoder, parent)) < HOLD, text


def test_a_one_word_insult_in_a_reply_is_aimed_at_the_parent_author(check, encoder):
    signals = check.check(make_doc("Moron.", encoder, parent="Gas will be cheaper next year."))
    assert signals and signals[0].score >= HOLD
    assert "replying to" in signals[0].message


def test_identity_directed_abuse_is_left_to_the_hate_rule(check, encoder):
    assert score(check, make_doc("Immigrants are idiots.", encoder)) < HOLD


@pytest.mark.parametrize("text", [
    "Greedy landlords are parasites.",
    "Most MPs are vermin, the lot of them.",
    "Referees are clowns in this league.",
])
def test_abuse_of_a_class_of_people_is_not_a_personal_attack(check, encoder, text):
    hits = find_insults(text, text.lower())
    assert hits and all(h.guard == "group" for h in hits), hits
    assert score(check, make_doc(text, encoder)) < HOLD, text


@pytest.mark.parametrize("text, word", [
    ("Our owners are parasites.", "parasites"),           # a club's owners are identifiable people
    ("Halvorsen is a parasite.", "parasite"),
])
def test_abuse_of_identifiable_people_is_still_aimed(text, word):
    hits = find_insults(text, text.lower())
    assert any(text[h.start:h.end] == word and h.target != "none" and not h.guard for h in hits), hits


@pytest.mark.parametrize("text, aimed", [
    ("The minister's plan is moronic.", False),           # the plan, not the minister
    ("The minister's a moron.", True),
    ("My son has spastic diplegia.", False),              # medical use
    ("What a melt you are.", True),
    ("Whoever wrote this headline is a halfwit.", True),  # one person doing one job
    ("Silly old fool should resign.", True),              # an insult as the subject of a sentence
    ("The old dog should retire.", False),
])
def test_target_of_an_insult(text, aimed):
    hits = find_insults(text, text.lower())
    assert any(h.target != "none" and not h.guard for h in hits) == aimed, hits


@pytest.mark.parametrize("text, held", [
    ("If brains were dynamite you couldn't blow your nose.", True),
    ("If brains were all it took, we'd have won the league.", False),
    ("How do you even manage to dress yourself?", True),
    ("How do you even begin to rebuild after this?", False),
    ("Your brain is running on fumes.", True),
    ("Your brain is a remarkable thing.", False),
    ("Oh shut up, that's brilliant news!", False),
    ("Oh shut up, you muppet.", True),
    ("I could cheerfully throttle the person who invented VAR.", False),
    ("I'll throttle the person who reported me.", True),
])
def test_mockery_delight_and_hyperbole(check, text, held):
    assert (score(check, make_doc(text)) >= HOLD) == held, text


def test_works_without_an_embedding(check):
    assert score(check, make_doc("You're an idiot.")) >= HOLD
    assert score(check, make_doc("The plan is idiotic.")) < HOLD


def test_load_fails_loudly_without_the_head(tmp_path):
    with pytest.raises(FileNotFoundError):
        PersonalAttackCheck(model_dir=tmp_path).load()


def test_authored_cases_meet_the_targets(check, encoder):
    """At the hold line: at least 90 % of violations withheld and 95 % of publishable comments published."""
    articles = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines())}
    cases = [json.loads(line) for line in (CASES / "personal_attack.jsonl").read_text().splitlines() if line]
    withhold = [c for c in cases if c["expect"] == "withhold"]
    publish = [c for c in cases if c["expect"] == "publish"]
    assert len(withhold) >= 40 and len(publish) >= 40

    def held(c):
        return score(check, make_doc(c["text"], encoder, c.get("parent_text"), articles.get(c.get("article"))))

    missed = [c["text"] for c in withhold if held(c) < HOLD]
    wrongly = [c["text"] for c in publish if held(c) >= HOLD]
    assert len(missed) <= 0.1 * len(withhold), missed
    assert len(wrongly) <= 0.05 * len(publish), wrongly


@pytest.mark.parametrize("text", [
    "The correspondent has never been to Kirkuk, what a hack.",
    "Typical column, what a brainless shill.",
])
def test_an_exclaimed_ambiguous_label_is_aimed_at_the_writer(check, encoder, text):
    assert score(check, make_doc(text, encoder)) >= HOLD, text

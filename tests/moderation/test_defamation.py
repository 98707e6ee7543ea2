"""The defamation check on clear cases, its framing rules, its entity cues, and its authored case file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.moderation.checks.defamation import DefamationCheck, find_entities
from parley.moderation.document import Document

from .conftest import make_doc

CASES = Path(__file__).parent / "cases"
HOLD = 0.5  # the hold threshold recommended in the model card


@pytest.fixture(scope="module")
def check():
    c = DefamationCheck()
    c.load()
    return c


def score(check, doc: Document) -> float:
    signals = check.check(doc)
    assert len(signals) <= 1
    return signals[0].score if signals else 0.0


@pytest.mark.parametrize("text, who, what", [
    ("Mayor Ellis takes bribes from the developers.", "Mayor Ellis", "bribes"),
    ("Dr Sarah Cole faked her results.", "Dr Sarah Cole", "faked her results"),
    ("Northgate Bank launders money for the cartels.", "Northgate Bank", "launders"),
    ("The referee was paid to fix the match.", "The referee", "fix the match"),
    ("Councillor Amy Reed is a paedophile.", "Councillor Amy Reed", "paedophile"),
    ("The club's chairman embezzled the youth fund.", "chairman", "embezzled"),
])
def test_withholds_allegations_stated_as_fact_with_evidence_over_target_and_claim(check, encoder, text, who, what):
    signals = check.check(make_doc(text, encoder))
    assert signals and signals[0].score >= HOLD, text
    signal = signals[0]
    assert signal.rule == "defamation" and signal.detail["framing"] == "stated as fact"
    covered = " ".join(text[a:b] for a, b in signal.evidence)
    assert who in covered and what in covered, covered
    assert "source" in signal.message


@pytest.mark.parametrize("text", [
    "If the reports are true, Mayor Ellis should resign.",
    "I wonder whether the contract was properly tendered.",
    "Mayor Ellis allegedly took bribes from the developers.",
    "Prosecutors charged Mayor Ellis with fraud.",
    "A court convicted the former chairman of embezzlement in 2015.",
    "According to the BBC, police are investigating Northgate Bank over money laundering.",
    "Some politicians take bribes.",
    "Did the referee fix the match?",
    "Mayor Ellis denies taking bribes.",
    "There is no evidence that Dr Cole faked anything.",
    "The mayor's housing policy is a disaster.",
    "Mayor Ellis was robbed outside his home.",
])
def test_publishes_hedged_attributed_generic_and_negated_statements(check, encoder, text):
    assert score(check, make_doc(text, encoder)) < HOLD, text


@pytest.mark.parametrize("text", [
    "The Northport Herald's editor runs a disinformation campaign for the Kremlin.",
    "Councillor Hale is in the pay of the tobacco lobby.",
    "The Eastgate Times is secretly funded by the gambling industry.",
])
def test_covert_paid_influence_stated_as_fact_is_held(check, encoder, text):
    signals = check.check(make_doc(text, encoder))
    assert signals and signals[0].score >= HOLD and signals[0].detail["allegation"] == "covert paid influence"


@pytest.mark.parametrize("text", [
    "Is the Eastgate Times funded by the gambling industry? Someone should find out.",
    "The campaign was funded by the oil industry, according to the filings.",
])
def test_covert_influence_framed_as_question_or_sourced_is_published(check, encoder, text):
    assert score(check, make_doc(text, encoder)) < HOLD


@pytest.mark.parametrize("text", [
    "The Manchester Arena bombing killed 22 people.",
    "The Lindqvist Tower fire in 2009 killed four residents.",
    "Breivik is a cowardly murderer.",
    "Brenton Tarrant murdered 51 worshippers in Christchurch.",
    "Boko Haram are murderers.",
])
def test_events_with_casualties_and_known_attackers_are_not_allegations(check, encoder, text):
    assert score(check, make_doc(text, encoder)) < HOLD


@pytest.mark.parametrize("text", [
    "Councillor Briggs is a murderer.",
    "Mayor Ellis ordered the bombing that killed twelve people.",
])
def test_murder_alleged_of_an_ordinary_person_is_still_held(check, encoder, text):
    assert score(check, make_doc(text, encoder)) >= HOLD


def test_framing_is_reported_in_the_detail(check):
    signals = check.check(make_doc("Mayor Ellis allegedly takes bribes."))
    assert signals and signals[0].detail["framing"] == "hedged"


def test_evasive_spellings_are_read_through(check, encoder):
    text = "Mayor Ellis takes br1bes from the developers."
    signals = check.check(make_doc(text, encoder))
    assert signals and signals[0].score >= HOLD
    assert any("br1bes" in text[a:b] for a, b in signals[0].evidence)


def test_entity_cues_without_a_statistical_model(check):
    text = "Yesterday Dr Amir Haddad met Lindqvist Construction Ltd and the referee."
    kinds = {text[e.start:e.end]: e.kind for e in find_entities(text, text.lower())}
    assert kinds.get("Dr Amir Haddad") == "title"
    assert kinds.get("Lindqvist Construction Ltd") == "org"
    assert kinds.get("the referee") == "role"


def test_a_surname_opening_a_sentence_counts_when_the_article_names_it(check):
    article = {"title": "Harbour contract row", "body": "The council leader, Jo Ferrand, defended the award."}
    assert score(check, make_doc("Ferrand rigged the tender.", article=article)) >= HOLD
    assert score(check, make_doc("Ferrand rigged the tender.")) < score(check, make_doc(
        "Ferrand rigged the tender.", article=article))


def test_works_without_an_embedding(check):
    assert score(check, make_doc("Senator Price is on the payroll of the gas lobby.")) >= HOLD


def test_load_fails_loudly_without_the_head(tmp_path):
    with pytest.raises(FileNotFoundError):
        DefamationCheck(model_dir=tmp_path).load()


def test_authored_cases_meet_the_targets(check, encoder):
    """At the hold line: at least 90 % of violations withheld and 95 % of publishable comments published."""
    articles = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines())}
    cases = [json.loads(line) for line in (CASES / "defamation.jsonl").read_text().splitlines() if line]
    withhold = [c for c in cases if c["expect"] == "withhold"]
    publish = [c for c in cases if c["expect"] == "publish"]
    assert len(withhold) >= 40 and len(publish) >= 40

    def held(c):
        return score(check, make_doc(c["text"], encoder, c.get("parent_text"), articles.get(c.get("article"))))

    missed = [c["text"] for c in withhold if held(c) < HOLD]
    wrongly = [c["text"] for c in publish if held(c) >= HOLD]
    assert len(missed) <= 0.1 * len(withhold), missed
    assert len(wrongly) <= 0.05 * len(publish), wrongly

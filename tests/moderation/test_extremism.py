"""The extremism check on its own: the authored cases, evidence spans, messages, and the hand-off to ``hate``."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cases_util import accuracy, load_jsonl, score, training_overlap, weak_functionalities
from .conftest import make_doc

CASES = Path(__file__).parent / "cases" / "extremism.jsonl"
TRAINING = Path(__file__).resolve().parents[2] / "training" / "data" / "extremism_train.jsonl"
HOLD = 0.5


@pytest.fixture(scope="module")
def checks(encoder):
    from parley.moderation.checks.extremism import ExtremismCheck
    from parley.moderation.checks.hate import HateCheck

    extremism, hate = ExtremismCheck(), HateCheck()
    extremism.load()
    hate.load()
    return extremism, hate


@pytest.fixture(scope="module")
def run(checks, encoder):
    def run(text: str, check_index: int = 0):
        signals = checks[check_index].check(make_doc(text, encoder))
        assert len(signals) <= 1
        return signals[0] if signals else None

    return run


@pytest.fixture(scope="module")
def results(run):
    return [(case, run(case["text"])) for case in load_jsonl(CASES)]


def test_case_file_is_balanced_and_well_formed():
    cases = load_jsonl(CASES)
    assert sum(c["expect"] == "withhold" for c in cases) >= 40
    assert sum(c["expect"] == "publish" for c in cases) >= 40
    assert all(c["rule"] == "extremism" and c["note"] and c["functionality"] for c in cases)


def test_test_cases_are_not_training_sentences():
    assert training_overlap(load_jsonl(CASES), TRAINING) == []


def test_overall_accuracy_on_the_cases(results):
    assert accuracy(results, HOLD) >= 0.9


def test_every_functionality_is_mostly_right(results):
    assert weak_functionalities(results, HOLD) == {}


@pytest.mark.parametrize("text", [
    "Tarrant is a hero to every white European.",
    "Long live Daesh and its soldiers.",
    "Baqiya wa tatamaddad, brothers!",
    "Proud of my heritage 1488",
    "Someone should bomb the town hall.",
    "Those councillors deserve to be shot, all of them.",
    "Glory to the Qassam Brigades and their martyrs.",
    "Somebody ought to put a nail bomb inside the ministry.",
    "Someone should firebomb the courthouse tonight.",
])
def test_clear_extremism_is_held(run, text):
    assert score(run(text)) >= HOLD


@pytest.mark.parametrize("text", [
    "Islamic State claimed responsibility for the roadside bomb near Tikrit.",
    "Islamic State's slogan 'baqiya wa tatamaddad' means 'remaining and expanding'.",
    "Breivik is a murderer and a coward.",
    "Israeli jets struck Hezbollah positions near Tyre overnight.",
    "The IRA bombed the Grand Hotel in Brighton in 1984.",
    "We absolutely slaughtered them 4-0 on Saturday.",
    "The EU lists Hezbollah's military wing as a terrorist organisation.",
])
def test_reporting_and_condemnation_are_published(run, text):
    assert score(run(text)) < HOLD


def test_evidence_points_at_the_slogan(run):
    text = "Brothers, baqiya wa tatamaddad."
    start, end = run(text).evidence[0]
    assert text[start:end].lower() == "baqiya wa tatamaddad"


def test_evidence_points_at_the_call(run):
    text = "Honestly someone should shoot that judge."
    signal = run(text)
    start, end = signal.evidence[0]
    assert text[start:end] == "someone should shoot that judge"
    assert "violence" in signal.message


@pytest.mark.parametrize("text", [
    "Somebody needs to stab that councillor.",
    "s0mebody sh0uld k1ll the m4yor",
])
def test_a_call_for_someone_to_kill_a_person_reaches_the_reject_bar(run, text):
    from parley.moderation.checks.extremism import LETHAL_CALL_SCORE

    assert score(run(text)) >= LETHAL_CALL_SCORE


@pytest.mark.parametrize("text", [
    "Someone should shoot a film about the Mosul rebuild.",
    "Somebody needs to kill this transfer rumour.",
    "He should shoot more often from distance.",
])
def test_shoot_and_kill_of_things_stay_below_the_hold_line(run, text):
    assert score(run(text)) < HOLD


@pytest.mark.parametrize(("text", "held"), [
    ("Can anybody take the mayor out for good?", True),
    ("Time someone put that reporter in the ground.", True),
    ("Someone take the bins out, they stink.", False),
    ("The coach should take him out of the side for good.", False),
])
def test_euphemisms_for_killing_need_a_person(run, text, held):
    assert (score(run(text)) >= HOLD) is held


@pytest.mark.parametrize(("text", "held"), [
    ("Europe could use a few more Breiviks.", True),
    ("We need another Tarrant.", True),
    ("The last thing Europe needs is more Breiviks.", False),
])
def test_an_attacker_named_as_a_type_is_praise_only_when_wished_for(run, text, held):
    assert (score(run(text)) >= HOLD) is held


def test_praise_evidence_covers_group_and_praise(run):
    text = "Breivik is a legend."
    start, end = run(text).evidence[0]
    assert text[start:end] == "Breivik is a legend"


def test_threat_against_a_protected_group_leads_with_hate(run):
    text = "Someone should shoot all the Muslims."
    extremism, hate = run(text), run(text, check_index=1)
    assert score(hate) >= HOLD
    assert score(hate) > score(extremism)


def test_negated_praise_is_published(run):
    assert score(run("Bin Laden was no hero.")) < HOLD


def test_scores_are_probabilities(results):
    assert all(0.0 <= score(s) <= 1.0 for _, s in results)

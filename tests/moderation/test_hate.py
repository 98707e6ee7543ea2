"""The hate check on its own: the authored functional cases, evidence spans, messages and scores.

The check runs directly on Documents built with ``normalise`` and the shipped encoder, as the engine would
build them. HOLD is the default policy's hold threshold for the rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.moderation.document import Document
from parley.moderation.normalise import normalise

from .cases_util import accuracy, load_jsonl, score, training_overlap, weak_functionalities
from .conftest import make_doc

CASES = Path(__file__).parent / "cases" / "hate.jsonl"
TRAINING = Path(__file__).resolve().parents[2] / "training" / "data" / "hate_train.jsonl"
HOLD = 0.5


@pytest.fixture(scope="module")
def check(encoder):
    from parley.moderation.checks.hate import HateCheck

    hate = HateCheck()
    hate.load()
    return hate


@pytest.fixture(scope="module")
def run(check, encoder):
    def run(text: str, title: str | None = None):
        article = {"title": title, "body": None} if title is not None else None
        signals = check.check(make_doc(text, encoder, article=article))
        assert len(signals) <= 1
        return signals[0] if signals else None

    return run


def _hate_cases() -> list[dict]:
    return [c for c in load_jsonl(CASES) if c["rule"] == "hate"]


@pytest.fixture(scope="module")
def results(run):
    return [(case, run(case["text"])) for case in _hate_cases()]


def test_case_file_is_balanced_and_well_formed():
    cases = _hate_cases()
    assert len(cases) >= 120
    withhold = [c for c in cases if c["expect"] == "withhold"]
    publish = [c for c in cases if c["expect"] == "publish"]
    assert len(withhold) >= 60 and len(publish) >= 60
    assert all(c["note"] and c["functionality"] for c in load_jsonl(CASES))


def test_cases_that_belong_to_another_rule_are_not_hate(run):
    """Direct insults of one person sit in this file as contrasts, labelled with the rule that owns them."""
    others = [c["text"] for c in load_jsonl(CASES) if c["rule"] != "hate"]
    assert others
    assert [t for t in others if score(run(t)) >= HOLD] == []


def test_test_cases_are_not_training_sentences():
    assert training_overlap(load_jsonl(CASES), TRAINING) == []


def test_overall_accuracy_on_the_functional_cases(results):
    assert accuracy(results, HOLD) >= 0.9


def test_every_functionality_is_mostly_right(results):
    assert weak_functionalities(results, HOLD) == {}


@pytest.mark.parametrize("text", [
    "Honestly, Muslims are vermin.",
    "Get lost, you filthy n*gger.",
    "Migrants should be shot on the beaches.",
    "I'm going to punch the next Somali I see.",
    "ZOG decides every election in this country.",
    "S o m a l i s are rats.",
    "R3fug33s are p4r4sites.",
    "The rafida of Basra are all Iranian spies.",
])
def test_clear_hate_is_held(run, text):
    assert score(run(text)) >= HOLD


@pytest.mark.parametrize("text", [
    "The Israeli government's settlement policy is brutal.",
    "Hezbollah is a terrorist organisation and so is Hamas.",
    "Salafi jihadism is a dangerous ideology.",
    "As a Shia from Najaf, I think the coverage was fair.",
    "I'm a gay Muslim from Leeds and proud of both.",
    "Calling migrants 'rats' is disgusting and you know it.",
    "I don't hate Turks, I just disagree with Erdogan.",
    "Arabs are not terrorists and never were.",
    "Hedge fund managers are vermin who wrecked the economy.",
    "You're a sad little troll with nothing to say.",
    "Fucking hell, what a save from the keeper.",
    "Nipped out for a fag before the second half.",
])
def test_clear_non_hate_is_published(run, text):
    assert score(run(text)) < HOLD


@pytest.mark.parametrize("text", [
    "Birmingham would be a better place without Pakistanis.",
    "Wouldn't the town be nicer if all the Romanians were deported?",
    "If only the Somalis would all just disappear.",
    "The world needs far fewer Muslims.",
    "In ten years the Albanians will have turned this town into Tirana.",
    "They'll have made our high street into a ghetto, these Afghans.",
    "No gay man can ever be trusted near children.",
    "Why do we even let Nigerians in?",
    "Aren't Kurds just animals?",
    "The first Jew I meet is getting a kicking.",
])
def test_implicit_and_indirect_hate_is_held(run, text):
    assert score(run(text)) >= HOLD


@pytest.mark.parametrize("text", [
    "The league would be better without VAR.",
    "Polish volunteers turned the old depot into a food bank.",
    "No refugee child should have to sleep rough.",
    "Most Chechens have nothing to do with Kadyrov's militias.",
    "I would never say Somalis are lazy.",
    "It's depressing how many people think Roma are thieves.",
    "'Jews are rats' is a vile thing to say.",
    "Muslims are not worthless, whatever that poster claims.",
    "Daesh fighters were animals who enslaved Yazidi girls.",
    "Gay people like me just want to get on with our lives.",
    "Britain would be much poorer without its immigrants.",
])
def test_wishes_defence_denial_and_abuse_of_fighters_are_published(run, text):
    assert score(run(text)) < HOLD


@pytest.mark.parametrize("text", ["You're nothing but a tranny to me.", "Sit down, you retard."])
def test_a_slur_aimed_at_one_person_is_hate(run, text):
    signal = run(text)
    assert score(signal) >= HOLD and "slur" in signal.message


@pytest.mark.parametrize("text", ["I'm a proud dyke and always will be.",
                                  "Our physio says spastic hemiplegia is improving with the new therapy.",
                                  "Poof, and the lead was gone in two minutes."])
def test_reclaimed_and_homonym_uses_of_a_slur_are_published(run, text):
    assert score(run(text)) < HOLD


def test_a_first_person_pronoun_does_not_reclaim_a_slur_in_an_attack(run):
    assert score(run("I hate faggots.")) >= HOLD


def test_evidence_points_at_the_dehumanising_word(run):
    text = "Honestly, refugees are vermin and everyone knows it."
    signal = run(text)
    start, end = signal.evidence[0]
    assert text[start:end] == "vermin"
    assert "less than human" in signal.message


def test_evidence_points_at_a_masked_slur_as_typed(run):
    text = "Go home, you n*gger."
    signal = run(text)
    start, end = signal.evidence[0]
    assert text[start:end] == "n*gger"
    assert "slur" in signal.message


def test_evidence_survives_spaced_letters(run):
    text = "They are all m.u.z.z.i.e.s"
    start, end = run(text).evidence[0]
    assert text[start:end] == "m.u.z.z.i.e.s"


def test_threat_evidence_covers_the_call(run):
    text = "Kill all the Kurds."
    signal = run(text)
    start, end = signal.evidence[0]
    assert text[start:end] == "Kill all the Kurds"
    assert "violence" in signal.message


def test_counter_speech_scores_below_the_attack_it_quotes(run):
    attack = score(run("Refugees are cockroaches."))
    counter = score(run("Calling refugees cockroaches is dehumanising and wrong."))
    assert attack >= HOLD > counter


def test_pronoun_resolves_to_the_group_named_in_the_article_title(run):
    title = "Council opens new shelter for Syrian refugees"
    signal = run("They are vermin and should be sent back.", title)
    assert signal is not None and signal.detail["hits"]


def test_violence_without_a_group_is_left_to_the_extremism_rule(run):
    assert score(run("Kill them all.")) < HOLD


def test_the_model_alone_never_reaches_the_reject_bar(run):
    signal = run("Muslims and civilisation have never mixed.")
    assert signal.detail["hits"] == []
    assert HOLD <= signal.score <= 0.9


def test_message_names_the_ground_not_the_slur(run):
    signal = run("Those ragheads should all go home.")
    assert "religion" in signal.message and "raghead" not in signal.message.lower()


@pytest.fixture(scope="module")
def rules(encoder):
    from parley.moderation.checks.hate_rules import shared_rules

    return shared_rules()


@pytest.mark.parametrize(("typed", "read"), [
    ("n*gger", ["nigger"]), ("muzlims", ["muslims"]), ("haet", ["hate"]), ("mus-lims", ["muslims"]),
    ("refugeesarevermin", ["refugees", "are", "vermin"]),
])
def test_evasions_are_repaired_to_lexicon_words(rules, typed, read):
    assert list(rules.canon(typed).words) == read


@pytest.mark.parametrize(("typed", "read"), [
    ("jewsare", ["jews", "are"]), ("peopleare", ["people", "are"]), ("hatekurds", ["hate", "kurds"]),
    ("idespise", ["i", "despise"]), ("aplague", ["a", "plague"]),
])
def test_glued_words_are_split_when_a_piece_names_a_group_or_an_attack(rules, typed, read):
    assert list(rules.canon(typed).words) == read


@pytest.mark.parametrize("word", ["maggot", "niger", "bigger", "backs", "scam", "muzzle", "spice", "therapists",
                                  "homie", "tyranny", "dorky", "dikes", "goons", "shanty", "jewsbury", "blackwell"])
def test_ordinary_words_are_never_repaired(rules, word):
    assert list(rules.canon(word).words) == [word]


def test_phrase_set_agrees_with_one_alternation():
    import re

    from parley.moderation.checks.phrases import PhraseSet

    fragments = [r"a\s+(?:disease|plague)", r"an?\s+infestation", r"rats?", r"(?:should|must)\s+be\s+shot",
                 r"vermin", r"be\s+shot"]
    phrases = PhraseSet([(i, f) for i, f in enumerate(fragments)])
    whole = re.compile(r"(?<![\w'*#%-])(?:" + "|".join(f"(?P<t{i}>{f})" for i, f in enumerate(fragments))
                       + r")(?![\w'*#%-])")
    for text in ("they are a disease and rats", "an infestation of rat rats", "they should be shot , vermin",
                 "ratso is not a rat"):
        starts = [m.start() for m in re.finditer(r"\S+", text)]
        got = [(tag, m.span()) for tag, m in phrases.finditer(text, starts)]
        want = [(int(m.lastgroup[1:]), m.span()) for m in whole.finditer(text)]
        assert got == want


def test_scores_are_probabilities(results):
    assert all(0.0 <= score(s) <= 1.0 for _, s in results)


def test_empty_comment_is_silent(run):
    assert run("   ") is None or run("   ").score < HOLD


def test_the_check_refuses_a_document_without_embedding(check):
    doc = Document(id="t", text="Muslims are vermin.", norm=normalise("Muslims are vermin."))
    with pytest.raises(ValueError):
        check.check(doc)


@pytest.mark.parametrize("text, held", [
    ("Eritreans are streaming in to outbreed us.", True),
    ("Albanian builders are thieves, every one of them.", True),
    ("Lesbians have no business coaching girls' teams.", True),
    ("Women are too irrational to sit on a jury.", True),
    ("Migrants are flooding into Lampedusa as the weather improves.", False),
    ("Moroccan teachers are striking over pay this week.", False),
])
def test_replacement_blanket_and_exclusion_claims(run, text, held):
    assert (score(run(text)) >= HOLD) == held, text

"""The engine's orchestration: one normalisation and one embedding per comment, ordered checks, fail closed."""

import numpy as np
import pytest

from parley.moderation import ArticleInput, CommentInput, ModerationContext
from parley.moderation.engine import Engine, Item
from parley.moderation.signal import Signal
from parley.moderation.verdict import Decision


class FakeEncoder:
    """Counts calls; returns a unit vector per text."""

    def __init__(self, fail=False):
        self.calls, self.fail = [], fail

    def load(self):
        pass

    def embed(self, texts):
        if self.fail:
            raise RuntimeError("model file is corrupt")
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), 4), dtype=np.float32)
        vectors[:, 0] = 1.0
        vectors[:, 1] = [len(text) for text in texts]  # tells texts apart, to check the order
        return vectors


class WordCheck:
    """Fires when a word is in the normalised text; records what it saw."""

    needs_embedding = False

    def __init__(self, rule, word, score=0.99):
        self.rule, self.word, self.score, self.seen = rule, word, score, []

    def load(self):
        pass

    def check(self, doc):
        self.seen.append(doc)
        at = doc.norm.lower.find(self.word)
        if at < 0:
            return []
        return [Signal(self.rule, self.score, f"contains {self.word}", [doc.span(at, at + len(self.word))])]


class EmbeddingCheck(WordCheck):
    needs_embedding = True


class BrokenCheck(WordCheck):
    def check(self, doc):
        raise ValueError("boom")


class UnloadableCheck(WordCheck):
    def load(self):
        raise FileNotFoundError("head.npz")


def test_findings_point_into_the_original_text():
    engine = Engine(checks=[WordCheck("spam", "casino")])
    [verdict] = engine.run([Item("1", "Best c a s i n o in town")])
    assert verdict.decision == Decision.REJECT
    finding = verdict.findings[0]
    a, b = finding.evidence[0]
    assert "Best c a s i n o in town"[a:b] == "c a s i n o"
    assert finding.threshold == 0.9


def test_one_encoder_call_per_batch_and_articles_embedded_once():
    encoder = FakeEncoder()
    check = EmbeddingCheck("off_topic", "zzz", 0.0)
    engine = Engine(checks=[check], encoder=encoder, workers=1)
    article = ArticleInput(title="Gas cap extended", body="Ministers agreed.")
    items = [Item(str(i), f"comment {i}", article=article) for i in range(5)]
    engine.run(items)
    engine.run(items[:2])
    comment_calls = [call for call in encoder.calls if call[0].startswith("comment")]
    assert [len(call) for call in comment_calls] == [5, 2]
    article_calls = [call for call in encoder.calls if call[0].startswith("Gas")]
    assert len(article_calls) == 1  # cached for the second batch
    assert all(doc.embedding is not None and doc.article_embedding is not None for doc in check.seen)


def test_parallel_embedding_keeps_each_comment_its_own_vector():
    check = EmbeddingCheck("hate", "zzz", 0.0)
    engine = Engine(checks=[check], encoder=FakeEncoder(), workers=2)
    items = [Item(str(i), "ab" * (i + 1)) for i in range(9)]
    engine.run(items)
    assert [doc.embedding[1] for doc in check.seen] == [len(item.text) for item in items]


def test_a_check_that_raises_holds_the_comment_and_others_still_run():
    engine = Engine(checks=[BrokenCheck("hate", "x"), WordCheck("spam", "nothing-here")])
    [verdict] = engine.run([Item("1", "A perfectly fine comment")])
    assert verdict.decision == Decision.HOLD
    assert verdict.rules == ["engine_error"]
    assert "hate" in verdict.findings[0].message


def test_a_check_that_cannot_load_holds_every_comment():
    engine = Engine(checks=[UnloadableCheck("hate", "x")])
    [verdict] = engine.run([Item("1", "Fine")])
    assert verdict.decision == Decision.HOLD and "hate" in engine.load_errors


def test_encoder_failure_holds_model_checks_but_pattern_checks_still_decide():
    engine = Engine(checks=[EmbeddingCheck("hate", "x"), WordCheck("spam", "casino")], encoder=FakeEncoder(fail=True))
    held, rejected = engine.run([Item("1", "Fine"), Item("2", "casino casino")])
    assert held.decision == Decision.HOLD and held.rules == ["engine_error"]
    assert rejected.decision == Decision.REJECT and rejected.rules[0] == "spam"


def test_missing_inputs_skip_their_rules_not_fail():
    engine = Engine(checks=[UnloadableCheck("fake_name", "x"), UnloadableCheck("off_topic", "y")])
    [verdict] = engine.run([Item("1", "No name and no article")])
    assert verdict.decision == Decision.PUBLISH


def test_disabled_rules_do_not_run():
    check = WordCheck("spam", "casino")
    engine = Engine(checks=[check])
    policy = engine.policy_for({"rules": {"spam": {"enabled": False}}})
    [verdict] = engine.run([Item("1", "casino")], policy)
    assert verdict.decision == Decision.PUBLISH and check.seen == []


def test_seam_interface_uses_the_site_policy():
    engine = Engine(checks=[WordCheck("spam", "casino", 0.95)])
    context = ModerationContext(policy={"rules": {"spam": {"reject": "off"}}})
    verdict = engine.moderate(CommentInput(text="casino"), context)
    assert verdict.decision == Decision.HOLD


def test_invalid_site_policy_holds():
    engine = Engine(checks=[WordCheck("spam", "casino")])
    verdict = engine.moderate(CommentInput(text="hello"), ModerationContext(policy={"rules": {"bogus": {}}}))
    assert verdict.decision == Decision.HOLD and verdict.rules == ["engine_error"]


@pytest.mark.parametrize("missing", ["parley.moderation.checks.does_not_exist"])
def test_a_check_module_that_is_missing_holds(missing, monkeypatch):
    monkeypatch.setattr("parley.moderation.engine.CHECKS", (("hate", missing, "HateCheck"),))
    engine = Engine()
    engine._check_specs = (("hate", missing, "HateCheck"),)
    [verdict] = engine.run([Item("1", "hello")])
    assert verdict.decision == Decision.HOLD and "hate" in engine.load_errors

"""The policy: thresholds per rule, site overrides, and one merge rule."""

import pytest

from parley.moderation.policy import RULES, PolicyError, default_policy, load_policy
from parley.moderation.signal import Signal
from parley.moderation.verdict import Decision


def test_defaults_cover_every_rule():
    policy = default_policy()
    assert set(policy.rules) == set(RULES)
    for rule in policy.rules.values():
        assert 0 < rule.hold <= 1 and rule.label and rule.clause
        assert rule.reject is None or rule.reject >= rule.hold


def test_model_only_rules_never_reject_by_default():
    policy = default_policy()
    for rule in ("defamation", "off_topic"):
        assert policy.rule(rule).reject is None


def test_the_most_severe_finding_wins_and_comes_first():
    policy = default_policy()
    decision, findings = policy.decide(
        [Signal("off_topic", 0.7, "off"), Signal("spam", 0.99, "ad", [(0, 4)]), Signal("hate", 0.1, "no")]
    )
    assert decision == Decision.REJECT
    assert [f.rule for f in findings] == ["spam", "off_topic"]
    assert findings[0].threshold == policy.rule("spam").reject
    assert findings[1].threshold == policy.rule("off_topic").hold
    assert findings[0].evidence == [(0, 4)]


def test_equally_severe_findings_follow_the_priority_then_the_margin():
    policy = default_policy()
    # not_english passes its reject threshold by more, but personal data is the graver breach.
    _, findings = policy.decide([Signal("not_english", 0.99, "fr"), Signal("personal_data", 0.96, "address")])
    assert [f.rule for f in findings] == ["personal_data", "not_english"]
    # a reject still outranks a hold of a higher-priority rule
    _, findings = policy.decide([Signal("hate", 0.6, "h"), Signal("spam", 0.95, "ad")])
    assert [f.rule for f in findings] == ["spam", "hate"]


def test_a_site_may_reorder_the_priority():
    order = ["personal_attack", "extremism", "hate", "spam", "personal_data", "defamation", "not_english",
             "fake_name", "off_topic"]
    policy = load_policy(overrides={"priority": order})
    _, findings = policy.decide([Signal("extremism", 0.6, "e"), Signal("personal_attack", 0.6, "p")])
    assert [f.rule for f in findings] == ["personal_attack", "extremism"]
    assert policy.merged({"rules": {"hate": {"hold": 0.4}}}).priority == tuple(order)


@pytest.mark.parametrize("priority, message", [
    ("hate", "list of rule ids"),
    (["hate", "racism"], "unknown rule"),
    (["hate", "spam"], "every rule exactly once"),
])
def test_a_bad_priority_says_what_is_wrong(priority, message):
    with pytest.raises(PolicyError, match=message):
        load_policy(overrides={"priority": priority})


def test_below_every_threshold_publishes():
    decision, findings = default_policy().decide([Signal("hate", 0.2, "x"), Signal("spam", 0.1, "y")])
    assert decision == Decision.PUBLISH and findings == []


def test_unknown_rule_signals_hold():
    decision, findings = default_policy().decide([Signal("engine_error", 1.0, "broken")])
    assert decision == Decision.HOLD and findings[0].rule == "engine_error"


def test_site_overrides_from_toml_and_settings(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text("[rules.off_topic]\nenabled = false\n[rules.hate]\nhold = 0.3\nreject = 'off'\n")
    policy = load_policy(path, overrides={"rules": {"spam": {"reject": 0.8}}})
    assert not policy.enabled("off_topic")
    assert policy.rule("hate").hold == 0.3 and policy.rule("hate").reject is None
    assert policy.rule("spam").reject == 0.8
    assert policy.decide([Signal("off_topic", 1.0, "x")])[0] == Decision.PUBLISH
    assert policy.decide([Signal("hate", 0.99, "x")])[0] == Decision.HOLD


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rules": {"toxicity": {"hold": 0.5}}}, "unknown rule"),
        ({"rules": {"hate": {"hold": 1.5}}}, "between 0 and 1"),
        ({"rules": {"hate": {"hold": "high"}}}, "between 0 and 1"),
        ({"rules": {"hate": {"hold": 0.9, "reject": 0.5}}}, "must not be below"),
        ({"rules": {"hate": {"treshold": 0.9}}}, "unknown setting"),
        ({"rules": {"hate": {"enabled": "yes"}}}, "true or false"),
        ({"mode": "strict"}, "unknown policy setting"),
    ],
)
def test_bad_policies_say_what_is_wrong(overrides, message):
    with pytest.raises(PolicyError, match=message):
        load_policy(overrides=overrides)


def test_broken_toml_is_a_policy_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[rules.hate\nhold = ")
    with pytest.raises(PolicyError, match="bad.toml"):
        load_policy(path)

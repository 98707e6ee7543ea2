"""Which part of the terms each moderation rule enforces, and how it is classified for the DSA.

One table maps each rule of the policy to the Transparency Database category and category specification
(keywords), with a plain explanation of why a comment breaking the rule is incompatible with the terms. The terms
clause itself comes from the site's policy (``parley.moderation.policy``), so a site that rewords a clause is quoted
correctly in every statement of reasons.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from parley.apps.moderation import tdb
from parley.moderation.policy import RULES, PolicyError, default_policy, load_policy

log = logging.getLogger(__name__)

# Pseudo-rules: reasons a comment is held that are not breaches of the terms.
NOT_A_BREACH = frozenset({"engine_error", "pre_moderation", "premoderated_commenter"})

GENERAL_CLAUSE = "The publisher may edit, delete or decline to publish comments."


@dataclass(frozen=True)
class RuleGround:
    """How a breach of one rule is described in a statement of reasons."""

    rule: str
    category: str
    specification: tuple[str, ...]
    explanation: str
    specification_other: str = ""
    label: str = ""
    clause: str = ""

    def with_policy(self, label: str, clause: str) -> RuleGround:
        return RuleGround(self.rule, self.category, self.specification, self.explanation, self.specification_other,
                          label or self.label, clause or self.clause)

    @property
    def incompatible_content_explanation(self) -> str:
        """The explanation for the statement: it quotes the terms clause, then says why the comment breaks it."""
        clause = self.clause or GENERAL_CLAUSE
        return f'The comment terms say: "{clause}" {self.explanation}'


RULE_GROUNDS: dict[str, RuleGround] = {
    "hate": RuleGround(
        "hate", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", ("KEYWORD_HATE_SPEECH",),
        "The comment demeans or attacks people because of their race, ethnicity, nationality, religion or a "
        "similar characteristic.",
    ),
    "personal_attack": RuleGround(
        "personal_attack", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", (tdb.KEYWORD_OTHER,),
        "The comment attacks a person instead of discussing the subject of the article.",
        specification_other="Personal attack",
    ),
    "personal_data": RuleGround(
        "personal_data", "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", (tdb.KEYWORD_OTHER,),
        "The comment publishes personal details of a person, such as contact details, an address or an identity "
        "number.",
        specification_other="Personal data of a private person",
    ),
    "defamation": RuleGround(
        "defamation", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH", ("KEYWORD_DEFAMATION",),
        "The comment makes an allegation of wrongdoing against an identifiable person that the publisher cannot "
        "verify and could harm their reputation.",
    ),
    "off_topic": RuleGround(
        "off_topic", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", (tdb.KEYWORD_OTHER,),
        "The comment is not about the article it was posted under.",
        specification_other="Not relevant to the article",
    ),
    "not_english": RuleGround(
        "not_english", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", ("KEYWORD_LANGUAGE_REQUIREMENTS",),
        "The comment is not written in English.",
    ),
    "fake_name": RuleGround(
        "fake_name", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", ("KEYWORD_INAUTHENTIC_ACCOUNTS",),
        "The comment was posted under a name that is not a real person's name.",
    ),
    "extremism": RuleGround(
        "extremism", "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY", ("KEYWORD_TERRORIST_CONTENT",),
        "The comment supports terrorism or calls for violence.",
    ),
    "spam": RuleGround(
        "spam", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", (tdb.KEYWORD_OTHER,),
        "The comment is advertising or spam, not a contribution to the discussion.",
        specification_other="Spam or advertising",
    ),
}

# A decision that names no rule (for example an older admin action) is still a decision on the terms.
UNSPECIFIED = RuleGround(
    "", "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", (tdb.KEYWORD_OTHER,),
    "A moderator found that the comment does not meet the comment terms.",
    specification_other="Breach of the comment terms",
    label="Breach of the comment terms",
    clause=GENERAL_CLAUSE,
)

def site_policy(site=None):
    """The policy that applies on ``site``: the shipped one with the site's overrides (the shipped one alone when
    the site's settings cannot be used, which the engine reports on its own)."""
    if site is None or not site.policy:
        return default_policy()
    try:
        return load_policy(overrides=site.policy)
    except PolicyError:
        log.warning("site %s has an unusable moderation policy; using the default clauses", site.pk)
        return default_policy()


def ground_for(rule: str, site=None) -> RuleGround:
    """The ground for ``rule`` with the label and terms clause the site's policy gives it."""
    base = RULE_GROUNDS.get(rule)
    if base is None:
        return UNSPECIFIED
    policy_rule = site_policy(site).rules.get(rule)
    if policy_rule is None:
        return base
    return base.with_policy(policy_rule.label, policy_rule.clause)


def is_terms_rule(rule: str) -> bool:
    return rule in RULE_GROUNDS


def rule_choices(site=None) -> list[tuple[str, str]]:
    """The rules a moderator can cite when declining or deleting, with the site's labels, for form choices."""
    policy = site_policy(site)
    return [(rule, policy.rules[rule].label or rule.replace("_", " ").capitalize()) for rule in RULES
            if rule in policy.rules]


def rule_label(rule: str, site=None) -> str:
    if rule in NOT_A_BREACH:
        return {"engine_error": "Automatic checks unavailable", "pre_moderation": "Pre-moderation",
                "premoderated_commenter": "Commenter under pre-moderation"}[rule]
    return ground_for(rule, site).label or rule.replace("_", " ").capitalize()

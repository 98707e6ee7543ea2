"""How moderation works on a site, in plain words, for its terms page (DSA Art. 14: the terms must describe the
moderation policies, procedures and tools, "including algorithmic decision-making and human review", and the
complaint procedure).

The text is built from the site's own settings and policy, so it always says what the site really does: which rules
the automatic checks apply, which of them can decline a comment without a person, whether every comment is
pre-moderated, how many reports take a comment off the page, and how to appeal.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.apps.moderation.grounds import site_policy
from parley.moderation.policy import RULES


@dataclass(frozen=True)
class RuleDisclosure:
    rule: str
    label: str
    clause: str
    automatic_decline: bool  # the engine may decline without a person, at a high enough score


def rules_disclosure(site) -> list[RuleDisclosure]:
    policy = site_policy(site)
    out = []
    for rule in RULES:
        settings = policy.rules.get(rule)
        if settings is None or not settings.enabled:
            continue
        out.append(RuleDisclosure(rule, settings.label or rule, settings.clause, settings.reject is not None))
    return out


def how_moderation_works(site) -> list[tuple[str, list[str]]]:
    """Sections of (heading, paragraphs) for the terms page."""
    rules = rules_disclosure(site)
    automatic = [r.label for r in rules if r.automatic_decline]
    contact = site.appeal_contact or "the editors"
    checks = [
        ("Every comment is checked by Parley's automatic checks when it is submitted. They run on our own servers; "
         "no comment is sent to an outside service. The checks look for comments that break these rules:"),
        *[f"- {r.label}: \u201c{r.clause}\u201d" for r in rules],
    ]
    if automatic:
        checks.append("When a check is very sure, the comment is declined automatically, without a person "
                      f"reading it. This can happen for: {', '.join(automatic)}. Every other comment a check flags "
                      "waits for a moderator.")
    if site.moderation_mode == "pre":
        checks.append("In addition, a moderator reads every comment before it is published.")
    else:
        checks.append("Comments that pass every check are published at once; moderators can still remove them "
                      "later.")
    return [
        ("How comments are moderated", checks),
        ("Human review", [
            ("Moderators are members of our staff. They decide on every comment the checks hold, on reader "
             "reports and on every appeal. They can publish, decline, edit (a moderator's edit is marked \u201cedited "
             "by the moderators\u201d) or delete a comment, and can hold or stop the comments of a person who "
             "repeatedly breaks these terms."),
        ]),
        ("Reasons for every decision", [
            ("When a comment is declined or removed, the person who wrote it can see why on its private page, and "
             "by e-mail if they gave an address: what was decided, the facts relied on, whether it was detected or "
             "decided automatically, which part of these terms it breaks, and how to appeal."),
        ]),
        ("Reporting a comment", [
            ("Anyone can report a published comment that they believe breaks these terms or the law. We confirm "
             "receipt and tell you the outcome if you give an e-mail address. "
             f"When {site.reports_to_pending} people report a comment, it is taken off the page until a moderator "
             "decides."),
        ]),
        ("Appeals", [
            ("You can appeal against any decision on your comment, free of charge, for six months after it. An "
             "appeal is always decided by a person, never automatically, and you receive a reasoned answer. "
             f"Appeal from your comment's private page, or write to {contact}. You can also turn to a certified "
             "out-of-court dispute settlement body, or to the courts."),
        ]),
        ("Removal orders", [
            ("Content that an authority orders removed (for example terrorist content) is removed from every page "
             "at once, and kept for six months as the law requires."),
        ]),
    ]


def as_markdown(site) -> str:
    """The same sections as Markdown (list items kept together as one list)."""
    blocks: list[str] = []
    for heading, paragraphs in how_moderation_works(site):
        blocks.append(f"## {heading}")
        for paragraph in paragraphs:
            if paragraph.startswith("- ") and blocks[-1].startswith("- "):
                blocks[-1] += "\n" + paragraph
            else:
                blocks.append(paragraph)
    return "\n\n".join(blocks) + "\n"

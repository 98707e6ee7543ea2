"""What the workspace shows about each comment in a queue, gathered for a whole page in a few queries.

``decorate(comments)`` sets on each comment: ``findings`` (the engine's findings in plain words), ``original``
(the text the evidence offsets point into: the first revision), ``open_notices``, ``history`` (the commenter's
comments by status), ``restriction`` (in force), ``revision_count``, ``decline_rule`` (the rule the decline form
preselects) and which actions apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from parley.apps.comments.models import Comment, CommentRevision, Status
from parley.apps.moderation import grounds, notices
from parley.apps.moderation.models import CommenterRestriction, Notice
from parley.apps.moderation.statements import main_rule

VERBS = {"hold": "Held", "reject": "Declined", "publish": "Passed"}


@dataclass(frozen=True)
class FindingView:
    rule: str
    name: str  # the rule id in words ("personal attack")
    label: str  # the site's label for the rule
    verb: str
    score: float | None
    threshold: float | None
    at: str  # "holds at" or "declines at"
    message: str

    @property
    def sentence(self) -> str:
        """E.g. "Held: hate score 0.82, holds at 0.50 — This may attack people for their origin." """
        head = f"{self.verb}: {self.name}"
        if self.score is not None:
            head += f" score {self.score:.2f}, {self.at} {self.threshold:.2f}"
        return f"{head} \u2014 {self.message}" if self.message else head


def _findings(verdict) -> list:
    findings = verdict.get("findings") if isinstance(verdict, dict) else None
    return findings if isinstance(findings, list) else []


def describe_findings(verdict: dict, site=None, policy=None) -> list[FindingView]:
    """The verdict's findings in plain words, with the thresholds of the site's policy."""
    if not isinstance(verdict, dict):
        return []
    policy = policy or grounds.site_policy(site)
    verb = VERBS.get(str(verdict.get("decision", "")), "Flagged")
    out = []
    for finding in _findings(verdict):
        if not isinstance(finding, dict):
            continue
        rule = str(finding.get("rule", ""))
        try:
            score, threshold = float(finding.get("score")), float(finding.get("threshold"))
        except (TypeError, ValueError):
            score = threshold = None
        terms = grounds.is_terms_rule(rule)
        rule_policy = policy.rules.get(rule) if terms else None
        rejects = (rule_policy is not None and rule_policy.reject is not None and threshold is not None
                   and abs(threshold - rule_policy.reject) < 1e-9)
        out.append(FindingView(
            rule=rule, name=rule.replace("_", " ") if terms else grounds.rule_label(rule, site),
            label=grounds.rule_label(rule, site), verb=verb,
            score=score if terms else None, threshold=threshold if terms else None,
            at="declines at" if rejects else "holds at", message=str(finding.get("message") or ""),
        ))
    return out


@dataclass
class History:
    total: int = 0
    published: int = 0
    pending: int = 0
    rejected: int = 0
    deleted: int = 0


def decorate(comments: list[Comment]) -> list[Comment]:
    """Gather what the workspace shows for ``comments`` (in place; returns the same list)."""
    if not comments:
        return comments
    ids = [c.pk for c in comments]
    commenter_ids = {c.commenter_id for c in comments}

    open_notices: dict[int, list[Notice]] = {}
    for notice in Notice.objects.open().filter(comment_id__in=ids).order_by("received_at", "id"):
        open_notices.setdefault(notice.comment_id, []).append(notice)

    history: dict[int, History] = {pk: History() for pk in commenter_ids}
    rows = (Comment.objects.filter(commenter_id__in=commenter_ids).order_by()
            .values_list("commenter_id", "status").annotate(n=Count("id")))
    for commenter_id, status, n in rows:
        entry = history[commenter_id]
        entry.total += n
        setattr(entry, Status(status).value, getattr(entry, Status(status).value) + n)

    restrictions: dict[int, CommenterRestriction] = {}
    for restriction in CommenterRestriction.objects.active().filter(commenter_id__in=commenter_ids):
        current = restrictions.get(restriction.commenter_id)
        if current is None or (restriction.is_ban and not current.is_ban):
            restrictions[restriction.commenter_id] = restriction

    revision_counts = dict(CommentRevision.objects.filter(comment_id__in=ids).order_by()
                           .values_list("comment_id").annotate(n=Count("id")))
    originals = dict(CommentRevision.objects.filter(comment_id__in=ids, number=1)
                     .values_list("comment_id", "body_markdown"))

    policies: dict[int, object] = {}
    choices: dict[int, list] = {}
    for comment in comments:
        site = comment.article.site
        if site.pk not in policies:
            policies[site.pk] = grounds.site_policy(site)
            choices[site.pk] = grounds.rule_choices(site)
        verdict = comment.verdict if isinstance(comment.verdict, dict) else {}
        comment.findings = describe_findings(verdict, site, policies[site.pk])
        comment.raw_findings = _findings(verdict)
        comment.original = originals.get(comment.pk, comment.body_markdown)
        comment.edited = comment.original != comment.body_markdown
        comment.open_notices = open_notices.get(comment.pk, [])
        for notice in comment.open_notices:
            notice.reason_label = notices.reason_label(notice.rule, site)
        comment.history = history[comment.commenter_id]
        comment.restriction = restrictions.get(comment.commenter_id)
        comment.revision_count = revision_counts.get(comment.pk, 1)
        comment.rule_choices = choices[site.pk]
        comment.decline_rule = main_rule(comment) or next(
            (n.rule for n in comment.open_notices if grounds.is_terms_rule(n.rule)), "")
        taken_down = comment.taken_down_at is not None
        comment.can_approve = not taken_down and (comment.status != Status.PUBLISHED or bool(comment.open_notices))
        comment.can_decline = not taken_down and comment.status in (Status.PENDING, Status.PUBLISHED)
        comment.can_edit = not taken_down and comment.status != Status.DELETED
        comment.can_delete = comment.status != Status.DELETED
    return comments

"""The moderation queues, their filters and counts, limited to the sites the moderator works on.

* **Pending** — held by the engine or pre-moderation, or taken off the page by reader reports;
* **Reported** — published comments with open reader reports;
* **Published**, **Rejected** (declined), **Deleted**.

``queue(name, user=..., filters=...)`` returns a ``Comment`` queryset with ``open_reports`` annotated, newest
first for Published/Rejected/Deleted, oldest first (first in, first out) for Pending and Reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from parley.apps.comments.models import Comment, Status
from parley.apps.moderation.models import NoticeStatus
from parley.apps.moderation.permissions import moderated_sites

# Verdicts list each rule once; a comment never has more rules than this.
_MAX_RULES = 16
# A pseudo-rule for filtering and grouping: comments with open reader reports.
REPORTED = "reported"


class Queue(StrEnum):
    PENDING = "pending"
    REPORTED = "reported"
    PUBLISHED = "published"
    REJECTED = "rejected"
    DELETED = "deleted"


QUEUE_LABELS = {Queue.PENDING: "Pending", Queue.REPORTED: "Reported", Queue.PUBLISHED: "Published",
                Queue.REJECTED: "Rejected", Queue.DELETED: "Deleted"}


@dataclass(frozen=True)
class QueueFilters:
    """Optional filters; every one left as None is not applied."""

    site: int | None = None
    article: int | None = None
    rule: str | None = None
    score_min: float | None = None
    score_max: float | None = None
    commenter: int | None = None
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    q: str | None = None


def _open_reports() -> Count:
    return Count("notices", filter=Q(notices__status=NoticeStatus.OPEN), distinct=True)


def _has_rule(rule: str) -> Q:
    query = Q()
    for index in range(_MAX_RULES):
        query |= Q(**{f"verdict__rules__{index}": rule})
    return query


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(qs: QuerySet, filters: QueueFilters | None) -> QuerySet:
    if filters is None:
        return qs
    if filters.site is not None:
        qs = qs.filter(article__site_id=filters.site)
    if filters.article is not None:
        qs = qs.filter(article_id=filters.article)
    if filters.rule == REPORTED:
        qs = qs.filter(notices__status=NoticeStatus.OPEN).distinct()
    elif filters.rule:
        qs = qs.filter(_has_rule(filters.rule))
    # The score of the main finding (the verdict's first), the one the queue sorts and groups by.
    if filters.score_min is not None:
        qs = qs.filter(verdict__findings__0__score__gte=filters.score_min)
    if filters.score_max is not None:
        qs = qs.filter(verdict__findings__0__score__lte=filters.score_max)
    if filters.commenter is not None:
        qs = qs.filter(commenter_id=filters.commenter)
    if filters.date_from is not None:
        qs = qs.filter(created_at__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        qs = qs.filter(created_at__lt=_day_start(filters.date_to) + timedelta(days=1))
    if filters.q:
        words = filters.q.split()
        for word in words[:10]:
            qs = qs.filter(Q(body_markdown__icontains=word) | Q(author_name__icontains=word)
                           | Q(commenter__email__iexact=word))
    return qs


def base_queryset(user) -> QuerySet:
    """Every comment on the sites ``user`` moderates, with what the queue pages show."""
    return (Comment.objects.filter(article__site__in=moderated_sites(user))
            .select_related("article__site", "commenter"))


def _queue_filter(qs: QuerySet, name: Queue) -> QuerySet:
    if name == Queue.REPORTED:
        return qs.filter(status=Status.PUBLISHED, notices__status=NoticeStatus.OPEN).distinct()
    return qs.filter(status=Status(str(name)))


def queue(name: str, *, user, filters: QueueFilters | None = None) -> QuerySet:
    """The comments in queue ``name`` that ``user`` may moderate, filtered. Raises ValueError for an unknown
    queue name."""
    name = Queue(name)
    qs = apply_filters(_queue_filter(base_queryset(user), name), filters).annotate(open_reports=_open_reports())
    if name in (Queue.PENDING, Queue.REPORTED):
        return qs.order_by("created_at", "id")
    return qs.order_by("-status_changed_at", "-id")


def counts(*, user, filters: QueueFilters | None = None) -> dict[str, int]:
    """How many comments each queue holds (with the same filters)."""
    qs = apply_filters(base_queryset(user), filters)
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    result = {str(q): by_status.get(str(q), 0) for q in Queue if q != Queue.REPORTED}
    result[Queue.REPORTED] = _queue_filter(qs, Queue.REPORTED).count()
    return {str(q): result[q] for q in Queue}


def rule_counts(qs: QuerySet) -> dict[str, int]:
    """How many comments in ``qs`` each rule applies to (a comment counts once per rule): for grouping the Pending
    queue by rule. Comments without a rule count under "", those with open reader reports also under "reported"."""
    out: dict[str, int] = {}
    for verdict in qs.order_by().values_list("verdict", flat=True):
        for rule in (verdict or {}).get("rules") or [""]:
            out[rule] = out.get(rule, 0) + 1
    reported = qs.order_by().filter(notices__status=NoticeStatus.OPEN).values("pk").distinct().count()
    if reported:
        out[REPORTED] = reported
    return dict(sorted(out.items(), key=lambda item: (-item[1], item[0])))

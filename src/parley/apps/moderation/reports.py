"""Numbers for the dashboard and the transparency report (DSA Art. 15), and the export of statements.

Both take an optional set of sites (None: all) and a half-open period ``[start, end)`` of aware datetimes. They
return plain dicts and lists (JSON-ready), so views, the API and a management command can all use them.

A *decision* is a status change of a comment to published, declined or deleted, read from the audit log. It is
*automatic* when the engine made it (no user, actor label ``engine:...``) and *human* when a user did.
An automatic decision is *overturned* when a person later moved the comment the other way (an automatic
rejection approved, or an automatic publication declined or deleted).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from statistics import median

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from parley.apps.articles.models import Site
from parley.apps.comments.models import Comment, Status
from parley.apps.moderation import permissions
from parley.apps.moderation.models import (
    Appeal,
    AppealStatus,
    AuditEvent,
    CommenterRestriction,
    Notice,
    NoticeStatus,
    StatementOfReasons,
    Takedown,
)

DECIDED = (Status.PUBLISHED, Status.REJECTED, Status.DELETED)
_VISIBLE = {Status.PUBLISHED}


def _in(qs, field: str, start: datetime | None, end: datetime | None):
    if start is not None:
        qs = qs.filter(**{f"{field}__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{field}__lt": end})
    return qs


def _sites(qs, sites, field: str = "site"):
    return qs if sites is None else qs.filter(**{f"{field}__in": sites})


def _hours(deltas: list[timedelta]) -> float | None:
    return round(median(d.total_seconds() for d in deltas) / 3600, 2) if deltas else None


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _is_automatic(event: AuditEvent) -> bool:
    return event.actor_id is None and event.actor_label.startswith("engine")


def _decision_events(sites, start, end):
    qs = AuditEvent.objects.filter(action="comment.status_changed", to_status__in=DECIDED)
    return _in(_sites(qs, sites, "article__site"), "created_at", start, end).order_by("created_at", "id")


def decisions(sites=None, start=None, end=None) -> dict:
    """Automatic vs human decisions, median time to first decision, and the overturn rate of automatic ones."""
    events = list(_decision_events(sites, start, end).only("id", "comment_id", "actor_id", "actor_label",
                                                          "from_status", "to_status", "created_at"))
    automatic = [e for e in events if _is_automatic(e)]
    human = [e for e in events if e.actor_id is not None]
    created = dict(Comment.objects.filter(pk__in={e.comment_id for e in events}).values_list("pk", "created_at"))
    waits = {"automatic": [], "human": []}
    for event in events:
        if event.from_status == Status.PENDING and event.comment_id in created:
            kind = "automatic" if _is_automatic(event) else ("human" if event.actor_id else None)
            if kind:
                waits[kind].append(event.created_at - created[event.comment_id])
    overturned = _overturned(automatic)
    return {
        "total": len(events),
        "automatic": len(automatic),
        "human": len(human),
        "automatic_share": _rate(len(automatic), len(automatic) + len(human)),
        "median_hours_to_decision": {
            "all": _hours(waits["automatic"] + waits["human"]),
            "automatic": _hours(waits["automatic"]),
            "human": _hours(waits["human"]),
        },
        "automatic_overturned": len(overturned),
        "overturn_rate": _rate(len(overturned), len(automatic)),
    }


def _overturned(automatic: list[AuditEvent]) -> set[int]:
    """Ids of the automatic decision events a person later reversed."""
    if not automatic:
        return set()
    later = defaultdict(list)
    for event in AuditEvent.objects.filter(
        action="comment.status_changed", comment_id__in={e.comment_id for e in automatic}, actor__isnull=False,
        to_status__in=DECIDED,
    ).only("comment_id", "to_status", "created_at", "id"):
        later[event.comment_id].append(event)
    out = set()
    for event in automatic:
        was_visible = event.to_status in _VISIBLE
        for human in later[event.comment_id]:
            if (human.created_at, human.id) > (event.created_at, event.id) and (human.to_status in _VISIBLE) != was_visible:
                out.add(event.id)
                break
    return out


def volumes(sites=None, start=None, end=None) -> dict:
    """Comments posted per day by their status now, and per day by the engine's main rule."""
    qs = _in(_sites(Comment.objects.all(), sites, "article__site"), "created_at", start, end)
    by_status: dict[str, dict[str, int]] = defaultdict(dict)
    for row in qs.annotate(day=TruncDate("created_at")).values("day", "status").annotate(n=Count("id")).order_by():
        by_status[row["day"].isoformat()][row["status"]] = row["n"]
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for created_at, verdict in qs.values_list("created_at", "verdict").iterator():
        rules = (verdict or {}).get("rules") or []
        if rules:
            by_rule[timezone.localdate(created_at).isoformat()][rules[0]] += 1
    return {
        "by_status": dict(sorted(by_status.items())),
        "by_rule": {day: dict(counter) for day, counter in sorted(by_rule.items())},
    }


def dashboard(sites=None, start=None, end=None) -> dict:
    """Everything the dashboard shows for the period."""
    return {"period": _period(start, end), "volumes": volumes(sites, start, end),
            "decisions": decisions(sites, start, end)}


def _period(start, end) -> dict:
    return {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}


def transparency_report(sites=None, start=None, end=None) -> dict:
    """The figures of an Art. 15 transparency report for the period."""
    statements = _in(_sites(StatementOfReasons.objects.all(), sites), "created_at", start, end)

    def grouped(field: str) -> dict:
        return dict(statements.order_by().values_list(field).annotate(n=Count("id")))

    notices = _in(_sites(Notice.objects.all(), sites), "received_at", start, end)
    handled = [n.handling_time for n in notices.handled().only("received_at", "handled_at")]
    appeals = _in(_sites(Appeal.objects.all(), sites), "filed_at", start, end)
    appeal_waits = [a.decided_at - a.filed_at for a in appeals.decided().only("filed_at", "decided_at")]
    takedowns = list(_in(_sites(Takedown.objects.all(), sites), "executed_at", start, end)
                     .only("received_at", "executed_at"))
    automated = statements.filter(automated_decision="AUTOMATED_DECISION_FULLY")
    restrictions = _in(_sites(CommenterRestriction.objects.all(), sites), "created_at", start, end)
    return {
        "period": _period(start, end),
        "statements": {
            "total": statements.count(),
            "by_action": grouped("action"),
            "by_rule": grouped("rule"),
            "by_decision_ground": grouped("decision_ground"),
            "by_category": grouped("category"),
            "by_source_type": grouped("source_type"),
            "automated_detection": {"Yes": statements.filter(automated_detection=True).count(),
                                    "No": statements.filter(automated_detection=False).count()},
            "automated_decision": grouped("automated_decision"),
        },
        "decisions": decisions(sites, start, end),
        "automated_statements_reversed": {
            "automated": automated.count(),
            "reversed": automated.exclude(revoked_at=None).count(),
            "rate": _rate(automated.exclude(revoked_at=None).count(), automated.count()),
        },
        "notices": {
            "received": notices.count(),
            "by_reason": dict(notices.order_by().values_list("rule").annotate(n=Count("id"))),
            "actioned": notices.filter(status=NoticeStatus.ACTIONED).count(),
            "no_action": notices.filter(status=NoticeStatus.NO_ACTION).count(),
            "open": notices.filter(status=NoticeStatus.OPEN).count(),
            "handled_by_automated_means": notices.filter(automated=True).count(),
            "median_handling_hours": _hours(handled),
        },
        "appeals": {
            "filed": appeals.count(),
            "upheld": appeals.filter(status=AppealStatus.UPHELD).count(),
            "reversed": appeals.filter(status=AppealStatus.REVERSED).count(),
            "open": appeals.filter(status=AppealStatus.OPEN).count(),
            "median_hours_to_decision": _hours(appeal_waits),
        },
        "takedowns": {
            "count": len(takedowns),
            "within_one_hour": sum(t.within_one_hour for t in takedowns),
            "median_minutes_to_removal": (round(median(t.time_to_removal.total_seconds() for t in takedowns) / 60, 2)
                                          if takedowns else None),
        },
        "restrictions": dict(restrictions.order_by().values_list("kind").annotate(n=Count("id"))),
    }


def statements_for_export(sites=None, start=None, end=None):
    """The statements of the period, oldest first, for ``statements.export_json``."""
    return _in(_sites(StatementOfReasons.objects.all(), sites), "created_at", start, end).order_by("created_at", "id")


# --- helpers for the reporting pages of the workspace


def visible_sites(user):
    """The sites whose figures ``user`` may read: every site for the organisation-wide roles (admins, analysts);
    only their own sites for a person who moderates some sites and was also given report rights."""
    if not permissions.can_view_reports(user) and not permissions.can_export_statements(user):
        return Site.objects.none()
    if permissions.moderates_all_sites(user) or not user.has_perm("moderation.moderate_comments"):
        return Site.objects.all()
    return permissions.moderated_sites(user)


def decision_series(sites=None, start=None, end=None, *, bucket=None) -> dict[str, dict]:
    """Decisions per local day of the decision (or per ``bucket(day)``, e.g. the Monday of its week), oldest first:
    automatic and human counts, automatic decisions a person later overturned, and the median hours to decision."""
    bucket = bucket or (lambda day: day)
    events = list(_decision_events(sites, start, end).only("id", "comment_id", "actor_id", "actor_label",
                                                          "from_status", "to_status", "created_at"))
    overturned = _overturned([e for e in events if _is_automatic(e)])
    created = dict(Comment.objects.filter(pk__in={e.comment_id for e in events}).values_list("pk", "created_at"))
    rows: dict = defaultdict(lambda: {"automatic": 0, "human": 0, "overturned": 0,
                                      "waits": {"automatic": [], "human": []}})
    for event in events:
        kind = "automatic" if _is_automatic(event) else ("human" if event.actor_id is not None else None)
        if kind is None:
            continue
        row = rows[bucket(timezone.localdate(event.created_at))]
        row[kind] += 1
        row["overturned"] += event.id in overturned
        if event.from_status == Status.PENDING and event.comment_id in created:
            row["waits"][kind].append(event.created_at - created[event.comment_id])
    out = {}
    for key in sorted(rows):
        row = rows[key]
        waits = row.pop("waits")
        row["overturn_rate"] = _rate(row["overturned"], row["automatic"])
        row["median_hours_to_decision"] = {"all": _hours(waits["automatic"] + waits["human"]),
                                           "automatic": _hours(waits["automatic"]), "human": _hours(waits["human"])}
        out[key.isoformat()] = row
    return out


def statements_by_rule_and_ground(sites=None, start=None, end=None) -> dict[str, dict[str, int]]:
    """Statements of reasons of the period counted by rule (``""``: none named) and decision ground."""
    statements = _in(_sites(StatementOfReasons.objects.all(), sites), "created_at", start, end)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for rule, ground, n in statements.order_by().values_list("rule", "decision_ground").annotate(n=Count("id")):
        table[rule][ground] = n
    return {rule: table[rule] for rule in sorted(table)}

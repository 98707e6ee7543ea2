"""The queues: Pending (grouped by rule), Reported, Published, Rejected, Deleted; filters, search, counts."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from parley.apps.moderation import queues
from parley.apps.moderation.access import requires
from parley.apps.moderation.grounds import rule_choices
from parley.apps.moderation.queues import QUEUE_LABELS, Queue
from parley.apps.moderation.views.forms import QueueFilterForm, group_label
from parley.apps.moderation.views.present import decorate

PAGE_SIZE = 50
FILTER_FIELDS = ("q", "site", "article", "rule", "score_min", "score_max", "commenter", "date_from", "date_to")


def filter_query(params: QueryDict) -> str:
    """The filters of ``params`` as a query string (no page), to carry from queue to queue."""
    kept = QueryDict(mutable=True)
    for name in FILTER_FIELDS:
        value = params.get(name, "")
        if value:
            kept[name] = value
    return kept.urlencode()


def queue_name(value: str) -> Queue:
    try:
        return Queue(value)
    except ValueError:
        raise Http404("There is no such queue.") from None


def filters_from_url(url: str, user):
    """The queue and filters of a queue page's URL (for the counts an action sends back), or None."""
    parts = urlsplit(url)
    prefix = reverse("moderation:queue", args=["pending"]).rsplit("pending", 1)[0]
    name = parts.path[len(prefix):].strip("/") if parts.path.startswith(prefix) else ""
    if name not in set(Queue):
        return None
    form = QueueFilterForm(QueryDict(parts.query), user=user)
    form.is_valid()
    return form.filters()


@requires("moderate")
def home(request):
    url = reverse("moderation:queue", args=[Queue.PENDING])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@requires("moderate")
def queue_view(request, queue: str):
    return render_queue(request, queue_name(queue), request.GET)


def render_queue(request, name: Queue, params: QueryDict, *, status: int = 200, bulk_errors: dict | None = None,
                 bulk_values=None):
    form = QueueFilterForm(params, user=request.user)
    valid = form.is_valid()
    filters = form.filters()
    qs = queues.queue(name, user=request.user, filters=filters).select_related("parent")
    page = Paginator(qs, PAGE_SIZE).get_page(params.get("page"))
    items = decorate(list(page.object_list))
    for index, item in enumerate(items):
        neighbour = items[index + 1] if index + 1 < len(items) else (items[index - 1] if index else None)
        item.next_id = neighbour.pk if neighbour else None

    counts = queues.counts(user=request.user, filters=filters)
    query = filter_query(params)
    tabs = [{"name": str(q), "label": QUEUE_LABELS[q], "count": counts[str(q)], "current": q == name,
             "url": reverse("moderation:queue", args=[q]) + (f"?{query}" if query else "")} for q in Queue]
    groups = []
    if name == Queue.PENDING:
        grouped = queues.queue(name, user=request.user, filters=replace(filters, rule=None))
        without_rule = QueryDict(query, mutable=True)
        without_rule.pop("rule", None)
        by_rule = queues.rule_counts(grouped)
        if by_rule:
            groups.append({"rule": "", "label": "All", "count": grouped.count(), "current": not filters.rule,
                           "url": f"?{without_rule.urlencode()}"})
        for rule, count in by_rule.items():
            if not rule:
                continue
            link = without_rule.copy()
            link["rule"] = rule
            groups.append({"rule": rule, "label": group_label(rule), "count": count,
                           "current": rule == filters.rule, "url": f"?{link.urlencode()}"})
    context = {
        "queue": str(name), "queue_label": QUEUE_LABELS[name], "tabs": tabs, "form": form, "groups": groups,
        "items": items, "page": page, "filter_query": query,
        "next_url": request.get_full_path() if request.method == "GET" else _queue_url(name, params),
        "bulk_errors": bulk_errors or {}, "bulk_values": bulk_values or {},
        "bulk_rule_choices": rule_choices(getattr(form, "cleaned_data", {}).get("site")),
        "filtered": any(params.get(f) for f in FILTER_FIELDS),
    }
    return render(request, "moderation/queue.html", context, status=400 if not valid or bulk_errors else status)


def _queue_url(name: Queue, params: QueryDict) -> str:
    query = params.urlencode()
    url = reverse("moderation:queue", args=[name])
    return f"{url}?{query}" if query else url

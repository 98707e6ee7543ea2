"""Reading threads: cursor pagination of top-level comments and the tree of replies under them."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q

from parley.apps.comments.models import Comment, Status

SORTS = {
    # name: (field, descending)
    "newest": ("created_at", True),
    "oldest": ("created_at", False),
    "replies": ("reply_count", True),
}
DEFAULT_SORT = "oldest"
REPLY_LIMIT = 500  # replies rendered under one page of threads; beyond it, "continue this thread"


class BadCursor(ValueError):
    pass


class BadSort(ValueError):
    pass


def encode_cursor(comment: Comment, sort: str) -> str:
    field_name, _ = SORTS[sort]
    value = getattr(comment, field_name)
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([sort, value, comment.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, pk = json.loads(raw)
        if cursor_sort != sort or not isinstance(pk, int):
            raise ValueError
        if SORTS[sort][0] == "created_at":
            value = datetime.fromisoformat(value)
        elif not isinstance(value, int):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, json.JSONDecodeError):
        raise BadCursor("This page link is not valid. Go back to the first page of comments.") from None
    return value, pk


def check_sort(sort: str | None) -> str:
    sort = sort or DEFAULT_SORT
    if sort not in SORTS:
        raise BadSort(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}.")
    return sort


@dataclass
class Page:
    items: list[Comment]
    next_cursor: str | None
    sort: str


def top_level_page(article, *, sort: str = DEFAULT_SORT, cursor: str | None = None, size: int | None = None) -> Page:
    """One page of an article's top-level comments, keyset-paginated so deep pages stay fast."""
    sort = check_sort(sort)
    size = size or settings.PARLEY_PAGE_SIZE
    field_name, descending = SORTS[sort]
    qs = Comment.objects.filter(article=article, parent=None).visible_in_thread()
    if cursor:
        value, pk = decode_cursor(cursor, sort)
        op = "lt" if descending else "gt"
        qs = qs.filter(Q(**{f"{field_name}__{op}": value}) | Q(**{field_name: value, f"pk__{op}": pk}))
    order = [f"-{field_name}", "-pk"] if descending else [field_name, "pk"]
    items = list(qs.order_by(*order)[: size + 1])
    next_cursor = encode_cursor(items[size - 1], sort) if len(items) > size else None
    return Page(items=items[:size], next_cursor=next_cursor, sort=sort)


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)
    more_below: bool = False  # published replies exist deeper than this page renders

    @property
    def visible(self) -> bool:
        return self.comment.status == Status.PUBLISHED


def build_forest(roots: list[Comment], *, depth: int | None = None) -> list[Node]:
    """Attach published replies (and tombstones of withdrawn comments that have published replies) under
    ``roots``, down to ``depth`` levels below each root."""
    depth = depth or settings.PARLEY_THREAD_DEPTH
    nodes = {c.pk: Node(c) for c in roots}
    if roots:
        condition = Q()
        for root in roots:
            condition |= Q(path__startswith=root.path, depth__gt=root.depth, depth__lt=root.depth + depth)
        root_ids = {r.root_id or r.pk for r in roots}
        replies = (
            Comment.objects.filter(root_id__in=root_ids)
            .filter(condition)
            .visible_in_thread()
            .order_by("path")[:REPLY_LIMIT]
        )
        for reply in replies:
            parent = nodes.get(reply.parent_id)
            if parent is None:
                continue
            node = Node(reply)
            parent.children.append(node)
            nodes[reply.pk] = node
    forest = [nodes[r.pk] for r in roots]
    for node in forest:
        _mark_more_below(node)
    return forest


def _mark_more_below(node: Node) -> int:
    """Flag nodes whose published replies were not all loaded; returns the published replies loaded below."""
    shown = sum(child.visible + _mark_more_below(child) for child in node.children)
    node.more_below = shown < node.comment.reply_count
    return shown

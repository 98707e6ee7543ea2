"""Articles and comments as the API shows them. Only published text ever leaves through here."""

from django.db.models import Count, Q
from django.urls import reverse

from parley.apps.articles.models import Article
from parley.apps.comments.links import absolute_url, status_token
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.threads import Node
from parley.moderation import Verdict

STATUS_MESSAGES = {
    Status.PUBLISHED: "Your comment is published.",
    Status.PENDING: "Your comment is waiting for a moderator.",
    Status.REJECTED: "Your comment was not published.",
    Status.DELETED: "Your comment was removed.",
}


def articles_with_counts():
    """Articles with their site and their count of published comments, newest first.

    The order is explicit: an aggregate query does not reliably keep the model's default order on every database.
    """
    return (
        Article.objects.select_related("site")
        .annotate(comment_count=Count("comments", filter=Q(comments__status=Status.PUBLISHED)))
        .order_by("-published_at", "-id")
    )


def paged(queryset, page, present) -> dict:
    """One page (``page.offset``, ``page.limit``) of ``queryset``, each item shown by ``present``."""
    items = queryset[page.offset : page.offset + page.limit]
    return {"items": [present(item) for item in items], "count": queryset.count()}


def article_data(request, article: Article) -> dict:
    return {
        "id": article.pk,
        "site": article.site.slug,
        "external_id": article.external_id,
        "url": article.url,
        "title": article.title,
        "published_at": article.published_at,
        "comments_open": article.comments_open,
        "closed_reason": article.closed_because(),
        "comment_count": article.comment_count,
        "links": {
            "comments_page": absolute_url(request, article.get_absolute_url()),
            "comments_api": absolute_url(
                request, reverse("api-v1:article_comments", kwargs={"article_id": article.pk})
            ),
        },
    }


def publisher_article_data(request, article: Article) -> dict:
    return {
        **article_data(request, article),
        "body": article.body,
        "comments_closed": article.comments_closed,
        "close_after_days": article.close_after_days,
        "updated_at": article.updated_at,
    }


def node_data(request, node: Node) -> dict:
    comment = node.comment
    replies = [node_data(request, child) for child in node.children]
    if not node.visible:
        return {"removed": True, "id": comment.pk, "replies": replies, "more_replies": node.more_below}
    return {
        "removed": False,
        "id": comment.pk,
        "article_id": comment.article_id,
        "parent_id": comment.parent_id,
        "author_name": comment.author_name,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "edited_by_moderator": comment.edited_by_moderator,
        "html": comment.body_html,
        "reply_count": comment.reply_count,
        "url": absolute_url(request, comment.get_absolute_url()),
        "replies": replies,
        "more_replies": node.more_below,
    }


def status_data(comment: Comment) -> dict:
    """What the author of a comment may know about it, whatever its status."""
    verdict = Verdict.from_dict(comment.verdict) if comment.verdict else None
    return {
        "id": comment.pk,
        "status": comment.status,
        "message": STATUS_MESSAGES[Status(comment.status)],
        "reasons": verdict.reasons() if verdict else [],
    }


def posted_data(request, comment: Comment) -> dict:
    token = status_token(comment)
    return {
        **status_data(comment),
        "status_token": token,
        "status_url": absolute_url(request, reverse("comments:status", args=[token])),
    }

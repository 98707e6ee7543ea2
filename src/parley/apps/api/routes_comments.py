"""Public comments API: reading threads, posting a comment, and the author's view of its status."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja import Status as HttpStatus
from ninja.errors import HttpError

from parley.apps.api.fields import Id, Text
from parley.apps.api.problems import documented
from parley.apps.api.representations import node_data, posted_data, status_data
from parley.apps.api.schemas import CommentIn, CommentNode, CommentPage, CommentStatus, PostedComment, ThreadParams
from parley.apps.articles.models import Article
from parley.apps.comments.forms import HONEYPOT_FIELD
from parley.apps.comments.identity import client_ip, hash_ip, user_agent
from parley.apps.comments.links import comment_id_from_token
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import NewComment, PostingError, post_comment
from parley.apps.comments.threads import BadCursor, BadSort, build_forest, top_level_page

router = Router(tags=["comments"])


def _article(article_id: int) -> Article:
    return get_object_or_404(Article.objects.select_related("site"), pk=article_id)


@router.get(
    "/articles/{article_id}/comments",
    response=CommentPage,
    url_name="article_comments",
    openapi_extra=documented(400, 404, 422),
)
def list_comments(request, article_id: Id, params: Query[ThreadParams]):
    """One page of published top-level comments with the replies under them."""
    article = _article(article_id)
    try:
        page = top_level_page(article, sort=params.sort, cursor=params.cursor)
    except (BadSort, BadCursor) as error:
        raise HttpError(400, str(error)) from None
    return {
        "items": [node_data(request, node) for node in build_forest(page.items)],
        "next_cursor": page.next_cursor,
        "sort": page.sort,
    }


@router.get("/comments/{comment_id}", response=CommentNode, url_name="comment", openapi_extra=documented(404, 422))
def get_comment(request, comment_id: Id):
    """A published comment with the replies under it."""
    comment = Comment.objects.filter(pk=comment_id, status=Status.PUBLISHED).first()
    if comment is None:
        raise Http404("There is no published comment with this id.")
    return node_data(request, build_forest([comment])[0])


def _parent(article: Article, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id, article=article, status=Status.PUBLISHED).first()
    if parent is None:
        raise PostingError("parent_id", "The comment you are replying to does not exist or is not published.")
    return parent


@router.post(
    "/articles/{article_id}/comments",
    response={201: PostedComment},
    url_name="article_comments",
    openapi_extra=documented(400, 403, 404, 422),
)
def create_comment(request, article_id: Id, payload: CommentIn):
    """Post a comment as a reader. The answer says whether it was published or waits for a moderator, and
    gives a private status link."""
    article = _article(article_id)
    closed = article.closed_because()
    if closed:
        raise PostingError("__all__", closed)
    if payload.website:
        raise PostingError(
            HONEYPOT_FIELD, "This form was filled in automatically. If you are a person, leave this field empty."
        )
    terms = article.site.current_terms
    if terms is not None and payload.terms_version not in (None, terms.version):
        raise PostingError(
            "accept_terms", "The comment terms changed while you were writing. Please read them and accept again."
        )
    new = NewComment(
        author_name=payload.author_name,
        email=payload.email,
        text=payload.text,
        parent=_parent(article, payload.parent_id),
        ip_hash=hash_ip(client_ip(request)),
        user_agent=user_agent(request),
        accepted_terms=terms if payload.accept_terms else None,
    )
    return HttpStatus(201, posted_data(request, post_comment(article, new)))


@router.get(
    "/comments/status/{token}",
    response=CommentStatus,
    url_name="comment_status",
    openapi_extra=documented(400, 404, 422),
)
def comment_status(request, token: Text):
    """What happened to a comment, for its author (the token comes with the answer to posting it)."""
    comment_id = comment_id_from_token(token)
    if comment_id is None:
        raise HttpError(400, "This status link is not valid or has expired.")
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise Http404("This comment no longer exists.")
    return status_data(comment)

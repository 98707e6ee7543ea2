"""Public, server-rendered pages: an article's comments, one comment's thread, posting, status, terms."""

from __future__ import annotations

import logging

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from parley.apps.articles.models import Article, Site
from parley.apps.articles.related import related
from parley.apps.comments import structured_data
from parley.apps.comments.forms import CommentForm
from parley.apps.comments.identity import client_ip, hash_ip, user_agent
from parley.apps.comments.links import absolute_url, comment_id_from_token, status_token
from parley.apps.comments.models import Comment, Status
from parley.apps.comments.services import NewComment, PostingError, post_comment
from parley.apps.comments.threads import SORTS, BadCursor, BadSort, build_forest, check_sort, top_level_page
from parley.moderation import Verdict

logger = logging.getLogger(__name__)


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _bad_request(request, message: str) -> HttpResponse:
    response = render(request, "comments/error.html", {"message": message}, status=400)
    return _noindex(response)


def _article(pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("site"), pk=pk)


def thread_context(request, article: Article, *, sort: str | None, cursor: str | None) -> dict:
    """Everything the thread templates need; raises BadSort/BadCursor for bad query parameters."""
    page = top_level_page(article, sort=check_sort(sort), cursor=cursor)
    nodes = build_forest(page.items)
    count = Comment.objects.filter(article=article, status=Status.PUBLISHED).count()
    base = article.get_absolute_url()
    related_items = related_for_page(article)
    return {
        "related": related_items,
        "related_jsonld": structured_data.to_script(structured_data.related_list(article, related_items))
        if related_items
        else "",
        "article": article,
        "site": article.site,
        "nodes": nodes,
        "page": page,
        "sorts": list(SORTS),
        "comment_count": count,
        "next_url": f"{base}?{urlencode({'sort': page.sort, 'cursor': page.next_cursor})}"
        if page.next_cursor
        else None,
        "closed_because": article.closed_because(),
        "terms": article.site.current_terms,
        "absolute": lambda path: absolute_url(request, path),
    }


def related_for_page(article: Article, k: int = 5) -> list:
    """The related block's articles; an empty list (logged) rather than a broken comments page."""
    try:
        return related(article, k=k)
    except Exception:  # noqa: BLE001
        logger.exception("related articles failed for article %s", article.pk)
        return []


@require_GET
def home(request):
    sites = Site.objects.prefetch_related("articles").order_by("name")
    return render(request, "comments/home.html", {"sites": sites})


@require_GET
def article_comments(request, pk: int):
    article = _article(pk)
    try:
        context = thread_context(request, article, sort=request.GET.get("sort"), cursor=request.GET.get("cursor"))
    except (BadSort, BadCursor) as error:
        return _bad_request(request, str(error))
    page = context["page"]
    canonical = article.get_absolute_url()
    if page.sort == "oldest" and request.GET.get("cursor"):
        canonical += "?" + urlencode({"sort": "oldest", "cursor": request.GET["cursor"]})
    context["canonical_url"] = absolute_url(request, canonical)
    context["jsonld"] = structured_data.to_script(
        structured_data.discussion(
            article,
            context["nodes"],
            page_url=context["canonical_url"],
            comment_count=context["comment_count"],
            absolute=context["absolute"],
        )
    )
    context["form"] = CommentForm(site=article.site, initial={"terms_version": _terms_version(article)})
    return render(request, "comments/article.html", context)


def _terms_version(article: Article) -> int | None:
    terms = article.site.current_terms
    return terms.version if terms else None


@require_GET
def comment_thread(request, pk: int):
    """One comment and the replies under it: the permalink, and where "continue this thread" leads."""
    comment = get_object_or_404(
        Comment.objects.select_related("article__site").filter(Q(status=Status.PUBLISHED) | Q(reply_count__gt=0)),
        pk=pk,
    )
    article = comment.article
    nodes = build_forest([comment])
    parent = None
    if comment.parent_id:
        parent = Comment.objects.filter(pk=comment.parent_id, status=Status.PUBLISHED).first()
    absolute = lambda path: absolute_url(request, path)  # noqa: E731
    data = structured_data.discussion(
        article,
        nodes,
        page_url=absolute(comment.get_absolute_url()),
        comment_count=comment.reply_count + (1 if comment.is_published else 0),
        absolute=absolute,
    )
    return render(
        request,
        "comments/comment.html",
        {
            "article": article,
            "site": article.site,
            "comment": comment,
            "parent": parent,
            "nodes": nodes,
            "canonical_url": absolute(comment.get_absolute_url()),
            "jsonld": structured_data.to_script(data),
            "closed_because": article.closed_because(),
        },
    )


@require_http_methods(["GET", "POST"])
def post_form(request, pk: int):
    """The comment form on a page of its own (replies, and re-showing errors). Never indexed."""
    article = _article(pk)
    if article.closed_because():
        response = render(request, "comments/closed.html", {"article": article, "site": article.site,
                                                            "closed_because": article.closed_because()})
        response.status_code = 403 if request.method == "POST" else 200
        return _noindex(response)
    parent = None
    parent_id = request.POST.get("parent") or request.GET.get("reply_to")
    if parent_id:
        try:
            parent = Comment.objects.get(pk=int(parent_id), article=article, status=Status.PUBLISHED)
        except (ValueError, Comment.DoesNotExist):
            return _bad_request(request, "The comment you are replying to does not exist or is not published.")
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, site=article.site)
        if form.is_valid():
            result = _submit(request, article, form, parent)
            if result is not None:
                return result
        status = 400
    else:
        form = CommentForm(
            site=article.site,
            initial={"parent": parent.pk if parent else None, "terms_version": _terms_version(article)},
        )
    response = render(
        request,
        "comments/post.html",
        {"article": article, "site": article.site, "form": form, "parent": parent,
         "terms": article.site.current_terms},
        status=status,
    )
    return _noindex(response)


def _submit(request, article: Article, form: CommentForm, parent: Comment | None):
    terms = article.site.current_terms
    shown = form.cleaned_data.get("terms_version")
    if terms is not None and shown is not None and shown != terms.version:
        form.add_error("accept_terms", "The comment terms changed while you were writing. Please read them and accept again.")
        return None
    new = NewComment(
        author_name=form.cleaned_data["author_name"],
        email=form.cleaned_data["email"],
        text=form.cleaned_data["text"],
        parent=parent,
        ip_hash=hash_ip(client_ip(request)),
        user_agent=user_agent(request),
        user=request.user if request.user.is_authenticated else None,
        accepted_terms=terms if form.cleaned_data["accept_terms"] else None,
    )
    try:
        comment = post_comment(article, new)
    except PostingError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    return redirect(reverse("comments:status", args=[status_token(comment)]), permanent=False)


@require_GET
def comment_status(request, token: str):
    """What happened to a comment, for the person who posted it (reached through a signed link)."""
    from parley.apps.moderation.views import public as due_process

    # A decided comment's link stays valid while the decision can be appealed (six months).
    comment_id = comment_id_from_token(token) or due_process.decided_comment_id(token)
    if comment_id is None:
        return _bad_request(request, "This status link is not valid or has expired.")
    comment = get_object_or_404(Comment.objects.select_related("article__site"), pk=comment_id)
    verdict = Verdict.from_dict(comment.verdict) if comment.verdict else None
    response = render(
        request,
        "comments/status.html",
        {
            "comment": comment,
            "article": comment.article,
            "site": comment.article.site,
            "reasons": verdict.reasons() if verdict else [],
            "status_url": absolute_url(request, request.path),
            **due_process.status_context(comment, token),
        },
    )
    return _noindex(response)


@require_GET
def terms(request, slug: str):
    site = get_object_or_404(Site, slug=slug)
    version = request.GET.get("version")
    versions = site.terms_versions.all()
    if version:
        if not version.isdigit():
            return _bad_request(request, "The terms version must be a number.")
        current = versions.filter(version=int(version)).first()
        if current is None:
            raise Http404("No such version of the terms.")
    else:
        current = versions.first()
    from parley.apps.moderation.views.public import moderation_sections

    return render(request, "comments/terms.html", {"site": site, "terms": current, "versions": versions,
                                                   "moderation": moderation_sections(site)})

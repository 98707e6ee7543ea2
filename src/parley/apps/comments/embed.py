"""The embed: an HTML fragment of an article's comments for publishers' own pages, the script that renders
and enhances it, and a demo publisher page."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from parley.apps.articles.models import Article, Site
from parley.apps.comments import structured_data
from parley.apps.comments.forms import CommentForm
from parley.apps.comments.links import absolute_url
from parley.apps.comments.threads import BadCursor, BadSort
from parley.apps.comments.views import thread_context

FRAGMENT_MAX_AGE = 60
ASSET_MAX_AGE = 3600
_ROOT_RELATIVE = re.compile(r'(\s(?:href|action)=")/(?!/)')
EMBED_CSS = """
.parley-comment > .parley-form { margin: .5rem 0 1rem 1.25rem; padding-left: .75rem;
  border-left: 2px solid var(--parley-accent); }
.parley-outcome { padding: .75rem 1rem; border: 1px solid var(--parley-line); border-radius: 4px; }
"""


class FragmentError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _text(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response


def _absolutize(request, html: str) -> str:
    """Make the root-relative links and form actions of Parley's templates point at Parley."""
    base = absolute_url(request, "/")[:-1]
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{base}/", html)


def find_article(site_slug: str | None, external_id: str | None) -> Article:
    missing = [name for name, value in (("site", site_slug), ("article", external_id)) if not value]
    if missing:
        raise FragmentError(
            400, f"Missing query parameter {' and '.join(missing)}: use /embed/fragment/?site=SLUG&article=EXTERNAL_ID."
        )
    site = Site.objects.filter(slug=site_slug).first()
    if site is None:
        raise FragmentError(404, f"There is no site {site_slug!r} on this Parley.")
    article = Article.objects.select_related("site").filter(site=site, external_id=external_id).first()
    if article is None:
        raise FragmentError(
            404, f"Site {site_slug!r} has no article {external_id!r}: register the article through the API first."
        )
    return article


def render_fragment(request, article: Article, *, sort: str | None = None, cursor: str | None = None) -> str:
    """The fragment's HTML; raises FragmentError for a bad sort or cursor."""
    try:
        context = thread_context(request, article, sort=sort, cursor=cursor)
    except (BadSort, BadCursor) as error:
        raise FragmentError(400, str(error)) from None
    page = context["page"]
    site = article.site

    def fragment_url(**params) -> str:
        query = urlencode({"site": site.slug, "article": article.external_id, **params})
        return absolute_url(request, f"{reverse('embed:fragment')}?{query}")

    context.update(
        api_url=absolute_url(request, reverse("api-v1:article_comments", kwargs={"article_id": article.pk})),
        fragment_url=fragment_url(),
        sort_links=[
            (s, absolute_url(request, f"{article.get_absolute_url()}?sort={s}"), fragment_url(sort=s))
            for s in context["sorts"]
        ],
        next_fragment_url=fragment_url(sort=page.sort, cursor=page.next_cursor) if page.next_cursor else None,
        form=CommentForm(site=site, initial={"terms_version": context["terms"].version if context["terms"] else None}),
        jsonld=structured_data.to_script(
            structured_data.article_with_comments(
                article, context["nodes"], comment_count=context["comment_count"], absolute=context["absolute"]
            )
        ),
    )
    return _absolutize(request, render_to_string("comments/embed_fragment.html", context))


@require_safe
def fragment(request):
    try:
        article = find_article(request.GET.get("site"), request.GET.get("article"))
        html = render_fragment(request, article, sort=request.GET.get("sort"), cursor=request.GET.get("cursor"))
    except FragmentError as error:
        return _text(error.status, error.message)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    patch_cache_control(response, public=True, max_age=FRAGMENT_MAX_AGE)
    return response


def _shadow_css(css: str) -> str:
    """parley.css for a shadow root: page-wide rules apply to the host, which inherits nothing from the page."""
    css = re.sub(r"^(?::root|body)(?=\s*\{)", ":host", css, flags=re.M)
    return ":host { all: initial; display: block; }\n" + css + EMBED_CSS


def _asset(request, name: str, content_type: str, transform=None) -> HttpResponse:
    path = finders.find(name)
    if path is None:
        raise Http404(f"{name} is missing from the static files.")
    body = Path(path).read_text(encoding="utf-8")
    if transform:
        body = transform(body)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=ASSET_MAX_AGE)
    return response


@require_safe
def script(request):
    return _asset(request, "parley/embed.js", "application/javascript; charset=utf-8")


@require_safe
def stylesheet(request):
    return _asset(request, "parley/parley.css", "text/css; charset=utf-8", _shadow_css)


@require_safe
def demo(request, pk: int):
    """A stand-in for a publisher's article page that includes the fragment server-side and loads the script."""
    article = get_object_or_404(Article.objects.select_related("site"), pk=pk)
    response = render(
        request,
        "comments/embed_demo.html",
        {
            "article": article,
            "site": article.site,
            "fragment": mark_safe(render_fragment(request, article)),  # noqa: S308 - Parley's own escaped templates
            "script_url": absolute_url(request, reverse("embed:script")),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

"""Public read API for articles."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from parley.apps.api.fields import Id
from parley.apps.api.problems import documented
from parley.apps.api.representations import article_data, articles_with_counts, paged
from parley.apps.api.schemas import ArticleFilter, ArticleOut, ArticlePage

router = Router(tags=["articles"])


@router.get("", response=ArticlePage, url_name="articles", openapi_extra=documented(422))
def list_articles(request, filters: Query[ArticleFilter]):
    """Articles, newest first; filter by site slug and the publisher's external id to look one up."""
    qs = articles_with_counts()
    if filters.site is not None:
        qs = qs.filter(site__slug=filters.site)
    if filters.external_id is not None:
        qs = qs.filter(external_id=filters.external_id)
    return paged(qs, filters, lambda article: article_data(request, article))


@router.get("/{article_id}", response=ArticleOut, url_name="article", openapi_extra=documented(404, 422))
def get_article(request, article_id: Id):
    return article_data(request, get_object_or_404(articles_with_counts(), pk=article_id))

"""Public read API for an article's related articles (pins first, then the most similar published stories)."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from parley.apps.api.fields import Id
from parley.apps.api.problems import documented
from parley.apps.api.schemas import ArticleLinks
from parley.apps.articles.models import Article
from parley.apps.articles.related import related
from parley.apps.comments.links import absolute_url
from parley.related.ranking import MAX_K

router = Router(tags=["articles"])


class RelatedParams(Schema):
    k: int = Field(5, ge=1, le=MAX_K, description="How many related articles to return.")


class RelatedArticleOut(Schema):
    id: int
    external_id: str
    url: str = Field(description="The article on the publisher's site.")
    title: str
    published_at: datetime
    reason: Literal["pinned", "similar"] = Field(description="Pinned by the publisher, or found by similarity.")
    score: float | None = Field(description="Similarity plus the site's recency boost; null for a pin with no vector.")
    similarity: float | None = Field(description="Cosine similarity of the two articles' embeddings.")
    links: ArticleLinks


class RelatedOut(Schema):
    article_id: int
    items: list[RelatedArticleOut]


@router.get("/{article_id}/related", response=RelatedOut, url_name="article_related",
            openapi_extra=documented(404, 422))
def article_related(request, article_id: Id, params: Query[RelatedParams]):
    """The article's related articles: the publisher's pins, then the most similar published ones of its site."""
    article = Article.objects.select_related("site").filter(pk=article_id, published_at__lte=timezone.now()).first()
    if article is None:
        raise Http404("There is no published article with this id.")
    items = []
    for item in related(article, k=params.k):
        other = item.article
        items.append({
            "id": other.pk,
            "external_id": other.external_id,
            "url": other.url,
            "title": other.title,
            "published_at": other.published_at,
            "reason": item.reason,
            "score": None if item.score is None else round(item.score, 6),
            "similarity": None if item.similarity is None else round(item.similarity, 6),
            "links": {
                "comments_page": absolute_url(request, other.get_absolute_url()),
                "comments_api": absolute_url(
                    request, reverse("api-v1:article_comments", kwargs={"article_id": other.pk})
                ),
            },
        })
    return {"article_id": article.pk, "items": items}

"""The publisher's article API: create, update and list the articles of the token's site."""

from typing import Annotated

from django.http import Http404
from ninja import Field, Path, Query, Router
from ninja import Status as HttpStatus

from parley.apps.api.auth import PublisherToken
from parley.apps.api.fields import Text, django_validator
from parley.apps.api.problems import documented
from parley.apps.api.representations import articles_with_counts, paged, publisher_article_data
from parley.apps.api.schemas import ArticleIn, PageParams, PublisherArticleOut, PublisherArticlePage
from parley.apps.articles.models import EXTERNAL_ID_VALIDATOR
from parley.apps.articles.services import upsert_article

router = Router(auth=PublisherToken(), tags=["publisher"])

ExternalId = Annotated[
    Text,
    django_validator(EXTERNAL_ID_VALIDATOR),
    Field(json_schema_extra={"pattern": EXTERNAL_ID_VALIDATOR.regex.pattern}),
    Path(..., description="Your own id for the article; it may contain /."),
]


@router.get(
    "/articles", response=PublisherArticlePage, url_name="publisher_articles", openapi_extra=documented(401, 422)
)
def list_publisher_articles(request, page: Query[PageParams]):
    qs = articles_with_counts().filter(site=request.auth.site)
    return paged(qs, page, lambda article: publisher_article_data(request, article))


@router.get(
    "/articles/{path:external_id}",
    response=PublisherArticleOut,
    url_name="publisher_article",
    openapi_extra=documented(401, 404, 422),
)
def get_publisher_article(request, external_id: ExternalId):
    article = articles_with_counts().filter(site=request.auth.site, external_id=external_id).first()
    if article is None:
        raise Http404("Your site has no article with this id.")
    return publisher_article_data(request, article)


@router.put(
    "/articles/{path:external_id}",
    response={200: PublisherArticleOut, 201: PublisherArticleOut},
    url_name="publisher_article",
    openapi_extra=documented(400, 401, 422),
)
def put_publisher_article(request, external_id: ExternalId, payload: ArticleIn):
    """Create the article (201) or update the fields given (200)."""
    article, created = upsert_article(request.auth.site, external_id, **payload.model_dump(exclude_unset=True))
    data = publisher_article_data(request, articles_with_counts().get(pk=article.pk))
    return HttpStatus(201 if created else 200, data)

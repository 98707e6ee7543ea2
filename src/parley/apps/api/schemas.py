"""What the API accepts and returns."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.validators import MaxValueValidator, validate_email
from django.utils import timezone
from ninja import Field, Schema
from pydantic import StrictBool

from parley.apps.api.fields import BodyId, Date, Text, django_validator, json_int
from parley.apps.articles.models import Article, Site
from parley.apps.comments.models import Comment, Commenter
from parley.apps.comments.threads import DEFAULT_SORT, SORTS


def _max_value(model, field_name: str) -> int:
    validators = model._meta.get_field(field_name).validators
    return min(v.limit_value for v in validators if isinstance(v, MaxValueValidator))


def _max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


MAX_COMMENT_LENGTH = _max_value(Site, "comment_max_length")
CloseAfterDays = json_int(ge=0, le=36500)
TermsVersion = json_int(ge=1, le=2**31 - 1)


class PageParams(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class ArticleFilter(PageParams):
    site: Text | None = Field(None, max_length=_max_length(Site, "slug"), description="The site's slug.")
    external_id: Text | None = Field(None, max_length=_max_length(Article, "external_id"))


class ArticleIn(Schema):
    """Omitted optional fields keep their current value when the article already exists."""

    url: Text = Field(min_length=1, max_length=_max_length(Article, "url"))
    title: Text = Field(min_length=1, max_length=_max_length(Article, "title"))
    body: Text = ""
    published_at: Date = Field(default_factory=timezone.now, description="Defaults to now for a new article.")
    comments_closed: StrictBool = False
    closed_reason: Text = Field("", max_length=_max_length(Article, "closed_reason"))
    close_after_days: CloseAfterDays | None = Field(
        None, description="Overrides the site's auto-close setting; null: use it."
    )


class ArticleLinks(Schema):
    comments_page: str
    comments_api: str


class ArticleOut(Schema):
    id: int
    site: str
    external_id: str
    url: str
    title: str
    published_at: datetime
    comments_open: bool
    closed_reason: str = Field(description="Why comments are closed, in plain words; empty when they are open.")
    comment_count: int = Field(description="Published comments.")
    links: ArticleLinks


class PublisherArticleOut(ArticleOut):
    body: str
    comments_closed: bool
    close_after_days: int | None
    updated_at: datetime


class ArticlePage(Schema):
    items: list[ArticleOut]
    count: int


class PublisherArticlePage(Schema):
    items: list[PublisherArticleOut]
    count: int


class ThreadParams(Schema):
    sort: Text = Field(DEFAULT_SORT, max_length=20, json_schema_extra={"enum": list(SORTS)})
    cursor: Text | None = Field(None, max_length=500, description="The next_cursor of the previous page.")


class PublishedComment(Schema):
    removed: Literal[False]
    id: int
    article_id: int
    parent_id: int | None
    author_name: str
    created_at: datetime
    edited_at: datetime | None
    edited_by_moderator: bool
    html: str
    reply_count: int = Field(description="Published replies at any depth below this comment.")
    url: str
    replies: list["CommentNode"]
    more_replies: bool = Field(description="More published replies exist below than are included here.")


class RemovedComment(Schema):
    """A comment that is no longer published but still has published replies."""

    removed: Literal[True]
    id: int
    replies: list["CommentNode"]
    more_replies: bool


CommentNode = Annotated[PublishedComment | RemovedComment, Field(discriminator="removed")]
PublishedComment.model_rebuild()
RemovedComment.model_rebuild()


class CommentPage(Schema):
    items: list[CommentNode]
    next_cursor: str | None
    sort: str


class CommentIn(Schema):
    author_name: Text = Field(min_length=1, max_length=_max_length(Comment, "author_name"))
    email: Annotated[Text, django_validator(validate_email)] = Field("", max_length=_max_length(Commenter, "email"))
    text: Text = Field(min_length=1, max_length=MAX_COMMENT_LENGTH)
    accept_terms: StrictBool
    terms_version: TermsVersion | None = Field(
        None, description="The version of the terms the reader was shown."
    )
    parent_id: BodyId | None = None
    website: Text = Field("", max_length=200, description="Leave empty.", json_schema_extra={"maxLength": 0})


class CommentStatus(Schema):
    id: int
    status: str
    message: str
    reasons: list[str]


class PostedComment(CommentStatus):
    status_token: str
    status_url: str

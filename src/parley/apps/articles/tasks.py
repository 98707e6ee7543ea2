"""Background work for articles, run through ``django.tasks`` (``settings.TASKS``)."""

from __future__ import annotations

from django.tasks import task


@task
def embed_article(article_id: int) -> bool:
    """Store the article's vector for related articles (skipped when it already fits the text and model)."""
    from parley.apps.articles.related import refresh_embedding

    return refresh_embedding(article_id)

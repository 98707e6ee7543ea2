"""The one place the platform asks the moderation engine about a comment.

``moderate_comment`` builds the context, calls the configured ``moderate(comment, context) -> Verdict``
(``settings.PARLEY_MODERATOR``) and fails closed: any error holds the comment with the rule ``engine_error``.
On a pre-moderated site a ``publish`` verdict is turned into ``hold``.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from parley.moderation import (
    ArticleInput,
    CommentInput,
    Decision,
    ModerationContext,
    Verdict,
    engine_error_verdict,
    pre_moderation_finding,
)

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _load(path: str):
    return import_string(path)


def build_context(comment) -> ModerationContext:
    article = comment.article
    return ModerationContext(
        article=ArticleInput(title=article.title, body=article.body, url=article.url),
        parent_text=comment.parent.body_markdown if comment.parent_id else None,
        author_name=comment.author_name,
        site_name=article.site.name,
        policy=dict(article.site.policy or {}),
    )


def moderate_comment(comment) -> Verdict:
    comment_input = CommentInput(
        text=comment.body_markdown,
        author_name=comment.author_name,
        author_email=comment.commenter.email,
        id=str(comment.pk or ""),
    )
    try:
        moderator = _load(settings.PARLEY_MODERATOR)
        verdict = moderator(comment_input, build_context(comment))
        if not isinstance(verdict, Verdict):
            raise TypeError(f"{settings.PARLEY_MODERATOR} returned {type(verdict).__name__}, not a Verdict")
    except Exception as error:  # noqa: BLE001 - any failure must hold the comment, never publish it
        log.exception("moderation engine failed on comment %s", comment.pk)
        return engine_error_verdict(error)
    if verdict.decision == Decision.PUBLISH and comment.article.site.moderation_mode == "pre":
        verdict = Verdict(
            decision=Decision.HOLD, findings=[*verdict.findings, pre_moderation_finding()], engine=verdict.engine
        )
    return verdict

"""What the engine is told about a comment: its text, and the world it is posted into."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CommentInput:
    text: str
    author_name: str = ""
    author_email: str = ""
    id: str = ""  # the platform's id for the comment, when it has one


@dataclass(frozen=True)
class ArticleInput:
    title: str
    body: str = ""
    url: str = ""


@dataclass(frozen=True)
class ModerationContext:
    article: ArticleInput | None = None
    parent_text: str | None = None
    author_name: str = ""
    site_name: str = ""
    policy: dict = field(default_factory=dict)

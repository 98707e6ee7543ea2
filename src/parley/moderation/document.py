"""One comment as every check sees it: original text, the normalised form, the shared embedding, the context.

The text is normalised once (see ``normalise``) and embedded once (see ``encoder``); checks only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parley.moderation.normalise import Normalised

if TYPE_CHECKING:  # numpy is imported lazily by the engine
    import numpy as np


@dataclass
class Document:
    id: str
    text: str                       # exactly what the commenter wrote
    norm: Normalised                # folded text + map back to ``text``
    author_name: str | None = None  # None: the names check is skipped
    article_title: str | None = None
    article_body: str | None = None  # None (with no title): the off-topic check is skipped
    parent_text: str | None = None
    embedding: np.ndarray | None = None          # unit vector of ``norm.text`` (shared encoder)
    article_embedding: np.ndarray | None = None  # unit vector of the article's title + start of body
    parent_embedding: np.ndarray | None = None
    site_language: str = "en"
    home_region: str = "GB"         # for national-format phone numbers
    extras: dict = field(default_factory=dict)

    @property
    def has_article(self) -> bool:
        return bool(self.article_title or self.article_body)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        return self.norm.original_span(start, end)

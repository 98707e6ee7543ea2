"""Shared by the engine's tests: a document builder (the sentence encoder fixture is in tests/conftest.py)."""

from __future__ import annotations

from parley.moderation.document import Document
from parley.moderation.normalise import normalise


def make_doc(text: str, encoder=None, parent: str | None = None, article: dict | None = None) -> Document:
    """A document as the engine builds it: normalised text, and its embedding when an encoder is given."""
    doc = Document(id="t", text=text, norm=normalise(text), parent_text=parent,
                   article_title=article["title"] if article else None,
                   article_body=article["body"] if article else None)
    if encoder is not None:
        doc.embedding = encoder.embed([doc.norm.text])[0]
    return doc

"""Shared by the engine's tests: the sentence encoder (loaded once per run) and a document builder."""

from __future__ import annotations

import pytest

from parley.moderation.document import Document
from parley.moderation.normalise import normalise


@pytest.fixture(scope="session")
def encoder():
    from parley.moderation.encoder import EncoderModelMissing, shared_encoder

    try:
        return shared_encoder().load()
    except EncoderModelMissing as error:
        pytest.skip(f"the sentence encoder model is not built: {error}")


def make_doc(text: str, encoder=None, parent: str | None = None, article: dict | None = None) -> Document:
    """A document as the engine builds it: normalised text, and its embedding when an encoder is given."""
    doc = Document(id="t", text=text, norm=normalise(text), parent_text=parent,
                   article_title=article["title"] if article else None,
                   article_body=article["body"] if article else None)
    if encoder is not None:
        doc.embedding = encoder.embed([doc.norm.text])[0]
    return doc

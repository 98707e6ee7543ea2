"""The shape every check has; see the package docstring."""

from __future__ import annotations

from typing import Protocol

from parley.moderation.document import Document
from parley.moderation.signal import Signal


class Check(Protocol):
    rule: str
    needs_embedding: bool

    def load(self) -> None: ...

    def check(self, doc: Document) -> list[Signal]: ...

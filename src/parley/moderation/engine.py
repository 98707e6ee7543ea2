"""The moderation engine: normalise once, embed once, run the ordered checks, let the policy decide.

``Engine.run(items)`` moderates a batch (the encoder sees the whole batch at once); ``moderate(comment, context)``
is the platform's seam, backed by one lazily loaded engine per process. Anything that fails, a check that cannot
load, a model that errors, a policy that cannot be read, becomes an ``engine_error`` finding that holds the comment:
the engine never publishes what it could not check.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from parley.moderation.context import ArticleInput, CommentInput, ModerationContext
from parley.moderation.document import Document
from parley.moderation.errors import ENGINE_ERROR
from parley.moderation.normalise import normalise
from parley.moderation.policy import Policy, PolicyError, default_policy
from parley.moderation.signal import Signal
from parley.moderation.verdict import Decision, Verdict

log = logging.getLogger(__name__)

ENGINE_NAME = "parley-engine/1"
ARTICLE_BODY_CHARS = 1500  # the article is embedded as its title plus the start of its body

# The ordered checks: (rule id, module, class). Cheap pattern checks first, model checks after (Coral's phases).
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("spam", "parley.moderation.checks.spam", "SpamCheck"),
    ("personal_data", "parley.moderation.checks.personal_data", "PersonalDataCheck"),
    ("not_english", "parley.moderation.checks.language", "LanguageCheck"),
    ("fake_name", "parley.moderation.checks.names", "NameCheck"),
    ("extremism", "parley.moderation.checks.extremism", "ExtremismCheck"),
    ("hate", "parley.moderation.checks.hate", "HateCheck"),
    ("personal_attack", "parley.moderation.checks.personal_attack", "PersonalAttackCheck"),
    ("defamation", "parley.moderation.checks.defamation", "DefamationCheck"),
    ("off_topic", "parley.moderation.checks.off_topic", "OffTopicCheck"),
)


@dataclass(frozen=True)
class Item:
    """One comment to moderate, with what the checks need to know about where it was posted."""

    id: str
    text: str
    author_name: str | None = None
    article: ArticleInput | None = None
    parent_text: str | None = None


def _error_signal(failures: dict[str, str]) -> Signal:
    """One finding for everything that could not run on a comment; it holds the comment."""
    names = ", ".join(rule.replace("_", " ") for rule in failures)
    return Signal(
        rule=ENGINE_ERROR,
        score=1.0,
        message=f"Some automatic checks could not run ({names}), so a moderator will review this comment.",
        detail={"failures": failures},
    )


class Engine:
    def __init__(self, policy: Policy | None = None, checks=None, encoder=None, article_cache_size: int = 1024,
                 workers: int | None = None):
        self.policy = policy or default_policy()
        # Texts of a batch are embedded one at a time (see Encoder.embed) on this many threads: onnxruntime
        # releases the GIL, so two workers use both cores of a small server.
        self.workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self._pool: ThreadPoolExecutor | None = None
        self._check_specs = CHECKS if checks is None else None
        self.checks: list = [] if checks is None else list(checks)
        self.encoder = encoder
        self.load_errors: dict[str, str] = {}
        self._loaded = False
        self._lock = threading.Lock()
        self._article_cache: OrderedDict[str, object] = OrderedDict()
        self._article_cache_size = article_cache_size
        self._policies: dict[str, Policy] = {}

    # --- loading -------------------------------------------------------------------------------------------

    def load(self) -> Engine:
        with self._lock:
            if self._loaded:
                return self
            if self._check_specs is not None:
                for rule, module, name in self._check_specs:
                    try:
                        self.checks.append(getattr(importlib.import_module(module), name)())
                    except Exception as error:  # noqa: BLE001 - a missing check holds, it never publishes
                        self.load_errors[rule] = f"{type(error).__name__}: {error}"
            ready = []
            for check in self.checks:
                try:
                    check.load()
                    ready.append(check)
                except Exception as error:  # noqa: BLE001
                    self.load_errors[check.rule] = f"{type(error).__name__}: {error}"
            self.checks = ready
            if any(check.needs_embedding for check in self.checks) and self.encoder is None:
                try:
                    from parley.moderation.encoder import Encoder

                    self.encoder = Encoder(threads=1)
                    self.encoder.load()
                except Exception as error:  # noqa: BLE001
                    for check in [c for c in self.checks if c.needs_embedding]:
                        self.load_errors[check.rule] = f"encoder: {type(error).__name__}: {error}"
                    self.checks = [c for c in self.checks if not c.needs_embedding]
                    self.encoder = None
            self._loaded = True
        return self

    # --- policies ------------------------------------------------------------------------------------------

    def policy_for(self, overrides: dict | None) -> Policy:
        """The engine's policy with a site's overrides; parsed once per distinct setting."""
        if not overrides:
            return self.policy
        key = json.dumps(overrides, sort_keys=True, default=str)
        policy = self._policies.get(key)
        if policy is None:
            policy = self.policy.merged(overrides)
            if len(self._policies) > 256:
                self._policies.clear()
            self._policies[key] = policy
        return policy

    # --- moderation ----------------------------------------------------------------------------------------

    def run(self, items: list[Item], policy: Policy | None = None) -> list[Verdict]:
        policy = policy or self.policy
        verdicts = []
        for signals in self.analyse(items, policy):
            decision, findings = policy.decide(signals)
            verdicts.append(Verdict(decision=decision, findings=findings, engine=ENGINE_NAME))
        return verdicts

    def analyse(self, items: list[Item], policy: Policy | None = None) -> list[list[Signal]]:
        """Every check's raw signals for each item, before thresholds (the evaluation reads these)."""
        self.load()
        policy = policy or self.policy
        docs = [self._document(item) for item in items]
        embed_errors = self._embed(docs)
        return [self._signals(doc, policy, embed_errors.get(doc.id)) for doc in docs]

    def moderate(self, comment: CommentInput, context: ModerationContext) -> Verdict:
        try:
            policy = self.policy_for(context.policy)
        except PolicyError as error:
            log.error("site policy is invalid: %s", error)
            decision, findings = self.policy.decide([_error_signal({"policy": str(error)})])
            return Verdict(decision=decision, findings=findings, engine=ENGINE_NAME)
        item = Item(
            id=comment.id or hashlib.sha1(comment.text.encode()).hexdigest(),
            text=comment.text,
            author_name=comment.author_name or context.author_name or None,
            article=context.article,
            parent_text=context.parent_text,
        )
        return self.run([item], policy)[0]

    def _document(self, item: Item) -> Document:
        article = item.article
        return Document(
            id=item.id,
            text=item.text,
            norm=normalise(item.text),
            author_name=item.author_name,
            article_title=article.title if article else None,
            article_body=article.body if article else None,
            parent_text=item.parent_text,
        )

    def _signals(self, doc: Document, policy: Policy, embed_error: str | None) -> list[Signal]:
        signals: list[Signal] = []
        failures = {rule: reason for rule, reason in self.load_errors.items()
                    if policy.enabled(rule) and _applies(rule, doc)}
        for check in self.checks:
            if not policy.enabled(check.rule):
                continue
            if check.needs_embedding and embed_error:
                failures[check.rule] = embed_error
                continue
            try:
                signals.extend(check.check(doc))
            except Exception as error:  # noqa: BLE001 - fail closed, per comment
                log.exception("moderation check %s failed on comment %s", check.rule, doc.id)
                failures[check.rule] = f"{type(error).__name__}: {error}"
        if failures:
            signals.append(_error_signal(failures))
        return signals

    def _embed(self, docs: list[Document]) -> dict[str, str]:
        """Fill the embeddings every check shares; one encoder call for the batch. Returns errors by doc id."""
        if self.encoder is None or not docs:
            return {}
        try:
            texts = [doc.norm.text for doc in docs]
            parents = [(i, doc.parent_text) for i, doc in enumerate(docs) if doc.parent_text]
            vectors = self._encode(texts + [normalise(text).text for _, text in parents])
            for i, doc in enumerate(docs):
                doc.embedding = vectors[i]
            for offset, (i, _) in enumerate(parents):
                docs[i].parent_embedding = vectors[len(docs) + offset]
            self._embed_articles(docs)
        except Exception as error:  # noqa: BLE001
            log.exception("the sentence encoder failed")
            return {doc.id: f"encoder: {type(error).__name__}: {error}" for doc in docs}
        return {}

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="parley-encoder")
        return self._pool

    def _encode(self, texts: list[str]):
        if self.workers == 1 or len(texts) < 2 * self.workers:
            return self.encoder.embed(texts)
        size = -(-len(texts) // self.workers)
        parts = list(self._executor().map(self.encoder.embed, [texts[i:i + size] for i in range(0, len(texts), size)]))
        import numpy as np

        return np.concatenate(parts)

    def _embed_articles(self, docs: list[Document]) -> None:
        """Article vectors are cached by the text embedded; a batch embeds only the articles not seen before."""
        keyed = {}  # position in the batch -> (cache key, text); ids may repeat in a batch, positions do not
        for i, doc in enumerate(docs):
            if doc.has_article:
                text = article_text(doc.article_title, doc.article_body)
                keyed[i] = (hashlib.sha1(text.encode()).hexdigest(), text)
        with self._lock:
            found = {key: self._article_cache[key] for key, _ in keyed.values() if key in self._article_cache}
        missing = {key: text for key, text in keyed.values() if key not in found}
        if missing:
            vectors = self._encode([normalise(text).text for text in missing.values()])
            fresh = dict(zip(missing, vectors, strict=True))
            found.update(fresh)
            with self._lock:
                self._article_cache.update(fresh)
                while len(self._article_cache) > self._article_cache_size:
                    self._article_cache.popitem(last=False)
        for i, (key, _) in keyed.items():
            docs[i].article_embedding = found[key]


def article_text(title: str | None, body: str | None) -> str:
    """What the engine embeds for an article: its title and the start of its body (training uses the same)."""
    return f"{title or ''}. {(body or '')[:ARTICLE_BODY_CHARS]}".strip(". ")


def _applies(rule: str, doc: Document) -> bool:
    """A rule whose inputs are absent is skipped, not failed: no name, no names check; no article, no off-topic."""
    if rule == "fake_name":
        return doc.author_name is not None
    if rule == "off_topic":
        return doc.has_article
    return True


_engine: Engine | None = None
_engine_lock = threading.Lock()


def get_engine() -> Engine:
    """The process's engine, loaded on first use."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                engine = Engine().load()
                for rule, reason in engine.load_errors.items():
                    log.error("moderation check %s is unavailable, so comments will be held: %s", rule, reason)
                _engine = engine
    return _engine


def moderate(comment: CommentInput, context: ModerationContext) -> Verdict:
    """The seam the platform calls (``PARLEY_MODERATOR = "parley.moderation.engine.moderate"``)."""
    return get_engine().moderate(comment, context)


__all__ = ["CHECKS", "Decision", "ENGINE_NAME", "Engine", "Item", "get_engine", "moderate"]

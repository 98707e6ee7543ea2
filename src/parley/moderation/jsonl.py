"""``parley moderate``: JSON lines in, one verdict line out per input line, in order.

Input line: ``{"id": str, "text": str, "author_name": str?, "article": str?, "parent_text": str?}`` where ``article``
is an id from the articles file (lines ``{"id", "title", "body"}``). Output line:
``{"id", "decision", "rules", "findings"}``. A line that cannot be read gets ``{"id", "error", "line"}`` and the run
goes on. Comments are moderated in batches so the encoder sees many at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from parley.moderation.context import ArticleInput
from parley.moderation.engine import Engine, Item
from parley.moderation.policy import Policy

BATCH_SIZE = 64


class InputError(ValueError):
    """A line of input that is not a comment the engine can read."""


def read_articles(lines: Iterable[str]) -> dict[str, ArticleInput]:
    articles: dict[str, ArticleInput] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"articles line {number}: not JSON ({error.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str | int) or isinstance(data["id"], bool):
            raise InputError(f"articles line {number}: needs an \"id\"")
        title, body = data.get("title") or "", data.get("body") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            raise InputError(f"articles line {number}: \"title\" and \"body\" must be strings")
        articles[str(data["id"])] = ArticleInput(title=title, body=body)
    return articles


def parse_line(line: str, articles: dict[str, ArticleInput]) -> Item:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(data, dict):
        raise InputError("each line must be a JSON object")
    raw_id = data.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        raise InputError("\"id\" is required and must be a string")
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError("\"text\" is required and must be a string")
    fields = {}
    for key in ("author_name", "parent_text"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"\"{key}\" must be a string")
        fields[key] = value
    article = None
    article_id = data.get("article")
    if article_id is not None:
        if isinstance(article_id, bool) or not isinstance(article_id, str | int):
            raise InputError("\"article\" must be a string id from the articles file")
        article = articles.get(str(article_id))
        if article is None:
            raise InputError(f"unknown article {article_id!r}: it is not in the articles file")
    return Item(id=str(raw_id), text=text, author_name=fields["author_name"], article=article,
                parent_text=fields["parent_text"] or None)


def _line_id(line: str):
    try:
        data = json.loads(line)
        return data.get("id") if isinstance(data, dict) else None
    except (json.JSONDecodeError, RecursionError):
        return None


def moderate_lines(lines: Iterable[str], engine: Engine, articles: dict[str, ArticleInput] | None = None,
                   policy: Policy | None = None, batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """Yield one result per non-blank input line, in input order."""
    articles = articles or {}
    pending: list[dict | Item] = []

    def flush():
        items = [entry for entry in pending if isinstance(entry, Item)]
        verdicts = iter(engine.run(items, policy)) if items else iter(())
        for entry in pending:
            if isinstance(entry, Item):
                verdict = next(verdicts).to_dict()
                yield {"id": entry.id, "decision": verdict["decision"], "rules": verdict["rules"],
                       "findings": verdict["findings"]}
            else:
                yield entry
        pending.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pending.append(parse_line(line, articles))
        except (InputError, RecursionError) as error:
            pending.append({"id": _line_id(line), "error": str(error), "line": number})
        if sum(isinstance(entry, Item) for entry in pending) >= batch_size:
            yield from flush()
    yield from flush()


def write_results(results: Iterable[dict], out: IO[str]) -> int:
    count = 0
    for result in results:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        count += 1
    out.flush()
    return count

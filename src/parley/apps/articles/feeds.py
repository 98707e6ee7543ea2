"""Reading RSS and Atom feeds into articles (``parley import-feed`` and the demo seed).

External ids: an entry's ``guid``/``id`` is used as it is when it fits ``EXTERNAL_ID_VALIDATOR`` and is not a
URL. A URL id (or, without an id, the entry's link) becomes its path, each segment reduced to letters, digits
and ``. _ -`` (``https://news.example/2026/ferry-returns.html`` -> ``2026/ferry-returns.html``). Anything
else (an id with other characters, a URL with a query string or no usable path) becomes ``feed-`` and the
first 16 hex digits of the id's SHA-256, so the same entry always gets the same id.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlsplit
from urllib.request import Request, urlopen

import feedparser
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat

from parley import __version__
from parley.apps.articles.models import EXTERNAL_ID_VALIDATOR, Article, Site
from parley.apps.articles.services import upsert_article

MAX_FEED_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT = 20
USER_AGENT = f"Parley/{__version__} (feed import)"
TITLE_MAX_CHARS = Article._meta.get_field("title").max_length
BODY_MAX_CHARS = 5000

_ID_RE = re.compile(EXTERNAL_ID_VALIDATOR.regex.pattern)
_BLOCK_TAG = re.compile(r"<(/?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|blockquote|section|article)\b)", re.IGNORECASE)


class FeedError(Exception):
    """A feed that cannot be read or is not RSS or Atom."""


@dataclass(frozen=True)
class FeedEntry:
    external_id: str
    url: str
    title: str
    body: str
    published_at: datetime | None  # None: the feed gives no date


@dataclass(frozen=True)
class SkippedEntry:
    label: str  # the title, else the link, else "entry N"
    reason: str


@dataclass
class ParsedFeed:
    entries: list[FeedEntry]
    skipped: list[SkippedEntry]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: list[SkippedEntry] = field(default_factory=list)


def read_source(source: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FEED_BYTES) -> bytes:
    """The feed's bytes, from an http(s) URL or a local file."""
    if source.lower().startswith(("http://", "https://")):
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        }
        try:
            with urlopen(Request(source, headers=headers), timeout=timeout) as response:
                data = response.read(max_bytes + 1)
        except HTTPError as error:
            raise FeedError(f"Could not fetch {source}: HTTP {error.code} {error.reason}.") from None
        except (URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise FeedError(f"Could not fetch {source}: {reason}.") from None
    else:
        path = Path(source)
        if not path.is_file():
            hint = " Only local files and http(s) URLs can be read." if "://" in source else ""
            raise FeedError(f"No such file: {source}.{hint}")
        try:
            with path.open("rb") as file:
                data = file.read(max_bytes + 1)
        except OSError as error:
            raise FeedError(f"Could not read {source}: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise FeedError(f"{source} is larger than {filesizeformat(max_bytes)}.")
    return data


def to_text(markup: str) -> str:
    """HTML to plain text on one line, entities decoded."""
    text = nh3.clean(_BLOCK_TAG.sub(r" <\1", markup or ""), tags=set())
    return " ".join(html.unescape(text).split())


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def _web_url_parts(url: str):
    """The parts of an http(s) URL, else None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts if parts.scheme in ("http", "https") and parts.netloc else None


def external_id_for(guid: str, link: str) -> str:
    """A stable external id for an entry; see the module docstring for the rule."""
    guid = (guid or "").strip()
    if guid and "://" not in guid and _ID_RE.fullmatch(guid):
        return guid
    source = guid or (link or "").strip()
    parts = _web_url_parts(source)
    if parts is not None and not parts.query:
        segments = (re.sub(r"[^A-Za-z0-9._-]+", "-", unquote(s)).strip("-.") for s in parts.path.split("/"))
        derived = "/".join(s for s in segments if s)
        if _ID_RE.fullmatch(derived):
            return derived
    return "feed-" + hashlib.sha256(source.encode()).hexdigest()[:16]


def _published(entry) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _body(entry) -> str:
    content = entry.get("content") or []
    markup = content[0].get("value", "") if content else ""
    return shorten(to_text(markup or entry.get("summary", "")), BODY_MAX_CHARS)


def parse_feed(data: bytes, *, limit: int | None = None) -> ParsedFeed:
    """Entries of an RSS or Atom document (the first ``limit`` only, when given); bad entries are listed."""
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise FeedError("Not an RSS or Atom feed" + (f" ({problem})." if problem else "."))
    entries, skipped = [], []
    for position, entry in enumerate(parsed.entries[:limit], start=1):
        title = shorten(to_text(entry.get("title", "")), TITLE_MAX_CHARS)
        link = (entry.get("link") or "").strip()
        label = title or link or f"entry {position}"
        if _web_url_parts(link) is None:
            # feedparser offers a non-URL guid as the link when there is none
            no_link = not link or entry.get("guidislink")
            skipped.append(SkippedEntry(label, "it has no link" if no_link else f"its link is not a web URL: {link}"))
        elif not title:
            skipped.append(SkippedEntry(label, "it has no title"))
        else:
            entries.append(FeedEntry(
                external_id=external_id_for(entry.get("id", ""), link),
                url=link,
                title=title,
                body=_body(entry),
                published_at=_published(entry),
            ))
    return ParsedFeed(entries=entries, skipped=skipped)


def import_entries(site: Site, entries: Iterable[FeedEntry], *, close_after_days: int | None = None,
                   dry_run: bool = False, on_entry: Callable[[FeedEntry], None] | None = None) -> ImportResult:
    """Create or update one article per entry. A dry run does the same work and rolls it back."""
    result = ImportResult()
    with transaction.atomic():
        for entry in entries:
            fields = {"url": entry.url, "title": entry.title, "body": entry.body}
            if entry.published_at is not None:
                fields["published_at"] = entry.published_at
            if close_after_days is not None:
                fields["close_after_days"] = close_after_days
            try:
                _, created = upsert_article(site, entry.external_id, **fields)
            except ValidationError as error:
                problems = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
                result.skipped.append(SkippedEntry(entry.title, f"it is invalid ({problems})"))
            else:
                if created:
                    result.created += 1
                else:
                    result.updated += 1
            if on_entry is not None:
                on_entry(entry)
        if dry_run:
            transaction.set_rollback(True)
    return result


def import_feed(site: Site, source: str, *, limit: int | None = None, close_after_days: int | None = None,
                dry_run: bool = False) -> ImportResult:
    """Read, parse and import a feed in one call."""
    parsed = parse_feed(read_source(source), limit=limit)
    result = import_entries(site, parsed.entries, close_after_days=close_after_days, dry_run=dry_run)
    result.skipped[:0] = parsed.skipped
    return result

"""schema.org JSON-LD for public comment pages: only published comments, nested as replies."""

from __future__ import annotations

import json

from django.utils.html import strip_tags

from parley.apps.comments.threads import Node


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def comment_items(nodes: list[Node], absolute) -> list[dict]:
    """Comments for ``nodes``; a tombstone's published replies move up to the tombstone's place."""
    items: list[dict] = []
    for node in nodes:
        replies = comment_items(node.children, absolute)
        if not node.visible:
            items.extend(replies)
            continue
        c = node.comment
        item = {
            "@type": "Comment",
            "@id": absolute(c.get_absolute_url()),
            "url": absolute(c.get_absolute_url()),
            "author": _person(c.author_name),
            "dateCreated": c.created_at.isoformat(),
            "text": strip_tags(c.body_html).strip(),
        }
        if c.edited_at:
            item["dateModified"] = c.edited_at.isoformat()
        if c.reply_count:
            item["commentCount"] = c.reply_count
        if replies:
            item["comment"] = replies
        items.append(item)
    return items


def discussion(article, nodes: list[Node], *, page_url: str, comment_count: int, absolute) -> dict:
    """The comments page: a DiscussionForumPosting about the publisher's Article."""
    return {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "@id": page_url,
        "url": page_url,
        "headline": f"Comments on: {article.title}",
        "datePublished": article.published_at.isoformat(),
        "author": {"@type": "Organization", "name": article.site.name},
        "sharedContent": {
            "@type": "Article",
            "@id": article.url,
            "url": article.url,
            "headline": article.title,
            "datePublished": article.published_at.isoformat(),
            "publisher": {"@type": "Organization", "name": article.site.name},
        },
        "commentCount": comment_count,
        "comment": comment_items(nodes, absolute),
    }


def article_with_comments(article, nodes: list[Node], *, comment_count: int, absolute) -> dict:
    """For the fragment included in the publisher's own article page: the Article with its comments."""
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": article.url,
        "url": article.url,
        "headline": article.title,
        "datePublished": article.published_at.isoformat(),
        "publisher": {"@type": "Organization", "name": article.site.name},
        "commentCount": comment_count,
        "comment": comment_items(nodes, absolute),
    }


def related_list(article, items, *, name: str = "Related articles") -> dict:
    """The related block: an ItemList of the publisher's Articles, in the order shown."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "about": {"@type": "Article", "@id": article.url, "url": article.url, "headline": article.title},
        "numberOfItems": len(items),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": {
                    "@type": "Article",
                    "@id": item.article.url,
                    "url": item.article.url,
                    "headline": item.article.title,
                    "datePublished": item.article.published_at.isoformat(),
                    "publisher": {"@type": "Organization", "name": item.article.site.name},
                },
            }
            for position, item in enumerate(items, start=1)
        ],
    }


def to_script(data: dict) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

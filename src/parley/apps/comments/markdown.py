"""Comment text: a small Markdown subset rendered with markdown-it-py, then sanitised with nh3."""

import nh3
from markdown_it import MarkdownIt

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable(["heading", "lheading", "image", "hr", "html_block", "html_inline", "reference"])
    .enable(["strikethrough"])
)

ALLOWED_TAGS = {"p", "br", "em", "strong", "s", "del", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}


def render(source: str) -> str:
    """Markdown source to safe HTML. Links are marked rel="nofollow ugc noopener"."""
    html = _md.render(source)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    ).strip()


def plain_text(source: str) -> str:
    """The text without markup, for structured data and feeds."""
    return nh3.clean(render(source), tags=set()).strip()

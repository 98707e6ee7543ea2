"""Template helpers of the moderation workspace: the engine's evidence marked in a comment's text.

``{% evidence text findings "text" %}`` escapes ``text`` and wraps each span the findings point at (``evidence``:
``[start, end]`` offsets into the original text; ``field`` "text" or "author_name") in ``<mark class="evidence">``.
Spans that overlap are split so that every character is marked once, with every rule that flagged it.
"""

from __future__ import annotations

from itertools import pairwise

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _spans(findings, field: str, length: int) -> list[tuple[int, int, str]]:
    spans = []
    for finding in findings or []:
        if not isinstance(finding, dict) or (finding.get("field") or "text") != field:
            continue
        rule = str(finding.get("rule") or "")
        evidence = finding.get("evidence")
        if not isinstance(evidence, list | tuple):
            continue
        for span in evidence:
            try:
                start, end = int(span[0]), int(span[1])
            except (TypeError, ValueError, IndexError):
                continue
            start, end = max(0, start), min(length, end)
            if start < end:
                spans.append((start, end, rule))
    return spans


def highlight(text: str, findings, field: str = "text") -> SafeString:
    """``text`` escaped, with the evidence spans of ``findings`` for ``field`` marked."""
    text = text or ""
    spans = _spans(findings, field, len(text))
    if not spans:
        return escape(text)
    points = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[tuple[tuple[str, ...], str]] = []
    for start, end in pairwise(points):
        rules = tuple(dict.fromkeys(rule for s, e, rule in spans if s <= start and end <= e))
        if pieces and pieces[-1][0] == rules:
            pieces[-1] = (rules, pieces[-1][1] + text[start:end])
        else:
            pieces.append((rules, text[start:end]))
    out = []
    for rules, piece in pieces:
        if not rules:
            out.append(escape(piece))
            continue
        names = " ".join(r for r in rules if r)
        label = ", ".join(r.replace("_", " ") for r in rules if r) or "the automatic checks"
        out.append(f'<mark class="evidence" data-rules="{escape(names)}" title="Flagged: {escape(label)}">'
                   f"{escape(piece)}</mark>")
    return mark_safe("".join(out))  # every piece of text above is escaped


@register.simple_tag
def evidence(text, findings, field="text"):
    return highlight(text, findings, field)

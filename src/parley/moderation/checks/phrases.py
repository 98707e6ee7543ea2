"""Many tagged phrase patterns matched in one pass over a comment, fast enough for a 1 ms budget.

Why not one big alternation and ``finditer``: Python's regex engine tries every alternative at every word
start, so a lexicon of a few hundred phrases costs most of a millisecond on a long comment. The phrases here
only ever start at a word (the text is ``Canon.text``, one space between tokens), so each word start is tried
only against the alternatives that can begin with its first character. The result is the same as scanning
the word starts left to right with the whole alternation: earlier phrases win at a given position and
matches do not overlap.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

BOUNDARY = r"(?![\w'*#%-])"  # a phrase ends at the end of a word


class PhraseSet:
    """(tag, regex fragment) pairs; ``finditer`` yields (tag, match) at word starts."""

    def __init__(self, pairs: Sequence[tuple[object, str]], bounded: bool = True):
        alternatives = [(tag, alt) for tag, fragment in pairs for alt in split_alternatives(fragment)]
        self.tags = [tag for tag, _ in alternatives]
        self._end = BOUNDARY if bounded else ""
        by_char: dict[str, list[int]] = {}
        anywhere: list[int] = []
        for i, (_, alt) in enumerate(alternatives):
            chars = first_chars(alt)
            if chars is None:
                anywhere.append(i)
            else:
                for char in chars:
                    by_char.setdefault(char, []).append(i)
        self._alternatives = [alt for _, alt in alternatives]
        self._by_char = {char: self._compile(sorted(set(ids) | set(anywhere))) for char, ids in by_char.items()}
        self._anywhere = self._compile(anywhere) if anywhere else None

    def _compile(self, ids: list[int]) -> re.Pattern:
        return re.compile("|".join(f"(?P<t{i}>{self._alternatives[i]}){self._end}" for i in ids))

    def match_at(self, text: str, start: int) -> re.Match | None:
        """A phrase beginning exactly at the word start ``start``, if any."""
        pattern = self._by_char.get(text[start:start + 1], self._anywhere)
        return pattern.match(text, start) if pattern is not None else None

    def finditer(self, text: str, starts: Sequence[int], pos: int = 0,
                 endpos: int | None = None) -> Iterator[tuple[object, re.Match]]:
        """Matches beginning at the word ``starts`` (offsets into ``text``) within [pos, endpos)."""
        end = len(text) if endpos is None else endpos
        resume = pos
        for index in range(bisect.bisect_left(starts, pos), len(starts)):
            start = starts[index]
            if start >= end:
                break
            if start < resume:
                continue
            pattern = self._by_char.get(text[start], self._anywhere)
            if pattern is None:
                continue
            match = pattern.match(text, start, end)
            if match is not None:
                resume = match.end()
                yield self.tags[int(match.lastgroup[1:])], match


def split_alternatives(fragment: str) -> list[str]:
    """The top-level ``|`` alternatives of a regex fragment (inside groups and classes they stay)."""
    parts, depth, in_class, current, i = [], 0, False, [], 0
    while i < len(fragment):
        char = fragment[i]
        if char == "\\" and i + 1 < len(fragment):
            current.append(fragment[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def first_chars(fragment: str) -> set[str] | None:
    """The characters a match of ``fragment`` can start with, or None where that is not simple to tell."""
    if not fragment:
        return None
    if fragment.startswith("(?:") or (fragment[0] == "(" and not fragment.startswith("(?")):
        close = _closing(fragment)
        if close is None:
            return None
        inner = fragment[3 if fragment.startswith("(?:") else 1:close]
        chars: set[str] = set()
        for alt in split_alternatives(inner):
            found = first_chars(alt)
            if found is None:
                return None
            chars |= found
        rest = fragment[close + 1:]
        if rest[:1] in ("?", "*") or rest.startswith("{0"):
            found = first_chars(rest[1:] if rest[:1] in ("?", "*") else rest[rest.index("}") + 1:])
            if found is None:
                return None
            chars |= found
        return chars
    if fragment[0] in "([.^$|?*+{":
        return None
    if fragment[0] == "\\":
        char = fragment[1:2]
        single = char and not char.isalnum()
        return {char} if single and fragment[2:3] not in ("?", "*", "{") else None
    if fragment[0] == "[":
        close = fragment.find("]")
        body = fragment[1:close]
        if close < 0 or not body or any(c in body for c in "\\^-") or fragment[close + 1:close + 2] in ("?", "*", "{"):
            return None
        return set(body)
    if fragment[1:2] in ("?", "*", "{"):
        return None
    return {fragment[0]}


def _closing(fragment: str) -> int | None:
    depth, in_class, i = 0, False, 0
    while i < len(fragment):
        char = fragment[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None

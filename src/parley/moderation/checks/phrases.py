"""Many tagged phrase patterns matched in one pass over a comment, fast enough for a 1 ms budget.

Why not one big alternation and ``finditer``: Python's regex engine tries every alternative at every word
start, so a lexicon of a few hundred phrases costs most of a millisecond on a long comment. The phrases here
only ever start at a word (the text is ``Canon.text``, one space between tokens), and almost every phrase
begins with a fixed string ("vermin", "should", "a" in "a disease"). So the phrases are filed under that
literal prefix, and a word start is tried only against the phrases whose prefix it begins with; most words
begin none. The result is the same as scanning the word starts left to right with the whole alternation:
the earliest-listed phrase wins at a given position and matches do not overlap.
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
        self._alternatives = [alt for _, alt in alternatives]
        self._end = BOUNDARY if bounded else ""
        by_prefix: dict[str, list[int]] = {}
        for i, alt in enumerate(self._alternatives):
            for prefix in literal_prefixes(alt) or {""}:
                by_prefix.setdefault(prefix, []).append(i)
        self._patterns = {prefix: self._compile(ids) for prefix, ids in by_prefix.items()}
        self._anywhere = self._patterns.pop("", None)
        self._lengths = sorted({len(p) for p in self._patterns})
        # One trie-shaped regex of all the prefixes finds the candidate word starts in a single C-level scan.
        self._finder = re.compile(r"(?<![\w'*#%-])(?:" + _trie(self._patterns) + ")") if self._patterns else None

    def _compile(self, ids: list[int]) -> re.Pattern:
        return re.compile("|".join(f"(?P<t{i}>{self._alternatives[i]}){self._end}" for i in ids))

    def match_at(self, text: str, start: int, end: int | None = None) -> re.Match | None:
        """The earliest-listed phrase matching exactly at the word start ``start``, if any."""
        end = len(text) if end is None else end
        word_end = text.find(" ", start, end)
        word_end = end if word_end < 0 else word_end
        best = None
        patterns = self._patterns
        for k in self._lengths:
            if start + k > word_end:
                break  # a prefix holds no space, so it lies within the word
            pattern = patterns.get(text[start:start + k])
            if pattern is not None:
                match = pattern.match(text, start, end)
                if match is not None and (best is None or int(match.lastgroup[1:]) < int(best.lastgroup[1:])):
                    best = match
        if self._anywhere is not None:
            match = self._anywhere.match(text, start, end)
            if match is not None and (best is None or int(match.lastgroup[1:]) < int(best.lastgroup[1:])):
                best = match
        return best

    def finditer(self, text: str, starts: Sequence[int], pos: int = 0,
                 endpos: int | None = None) -> Iterator[tuple[object, re.Match]]:
        """Matches beginning at the word ``starts`` (offsets into ``text``) within [pos, endpos)."""
        end = len(text) if endpos is None else endpos
        if self._anywhere is None:
            resume = pos
            for candidate in self._finder.finditer(text, pos, end) if self._finder else ():
                start = candidate.start()
                if start < resume:
                    continue
                match = self.match_at(text, start, end)
                if match is not None:
                    resume = match.end()
                    yield self.tags[int(match.lastgroup[1:])], match
            return
        resume = pos
        for index in range(bisect.bisect_left(starts, pos), len(starts)):
            start = starts[index]
            if start >= end:
                break
            if start < resume:
                continue
            match = self.match_at(text, start, end)
            if match is not None:
                resume = match.end()
                yield self.tags[int(match.lastgroup[1:])], match


def _trie(words) -> str:
    """A regex matching any of ``words``, shaped as a trie so that it costs one pass per position."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_body(root)


def _trie_body(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_body(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _scan(fragment: str):
    """Walk a regex fragment: yield ``(position, token, depth)`` per token (an escape pair or one character),
    ``depth`` being the group nesting after the token; ``depth`` is None inside a character class, where
    ``(``, ``)`` and ``|`` are plain characters."""
    depth, in_class, i = 0, False, 0
    while i < len(fragment):
        char = fragment[i]
        if char == "\\" and i + 1 < len(fragment):
            yield i, fragment[i:i + 2], None if in_class else depth
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
        yield i, char, None if in_class else depth
        i += 1


def split_alternatives(fragment: str) -> list[str]:
    """The top-level ``|`` alternatives of a regex fragment (inside groups and classes they stay)."""
    parts, current = [], []
    for _, token, depth in _scan(fragment):
        if token == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    return parts


def literal_prefixes(fragment: str) -> set[str] | None:
    """Fixed strings one of which every match of ``fragment`` starts with; None where there is none."""
    if fragment.startswith("(?:") or (fragment[:1] == "(" and not fragment.startswith("(?")):
        close = _closing(fragment)
        if close is None:
            return None
        inner = fragment[3 if fragment.startswith("(?:") else 1:close]
        prefixes: set[str] = set()
        for alt in split_alternatives(inner):
            found = literal_prefixes(alt)
            if found is None:
                return None
            prefixes |= found
        rest = fragment[close + 1:]
        if rest[:1] in ("?", "*") or rest.startswith("{0"):
            found = literal_prefixes(rest[1:] if rest[:1] in ("?", "*") else rest[rest.index("}") + 1:])
            if found is None:
                return None
            prefixes |= found
        return prefixes
    literal, i = [], 0
    while i < len(fragment):
        char = fragment[i]
        if char == "\\":
            escaped = fragment[i + 1:i + 2]
            if not escaped or escaped.isalnum():
                break  # \s, \w, \d...: the fixed part ends here
            literal.append(escaped)
            i += 2
            continue
        if char in "([.^$|+":
            break
        if char in "?*{":
            literal = literal[:-1]  # the character before was optional
            break
        literal.append(char)
        i += 1
    prefix = "".join(literal)
    return {prefix} if prefix else None


def _closing(fragment: str) -> int | None:
    """Position of the ``)`` that closes the group ``fragment`` starts with."""
    for i, token, depth in _scan(fragment):
        if token == ")" and depth == 0:
            return i
    return None

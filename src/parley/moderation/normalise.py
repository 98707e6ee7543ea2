"""Normalise a comment once, keeping a map from every normalised character back to the original text.

Steps, in order: NFKC; removal of zero-width, bidi and other invisible format characters; folding of
confusable letters (Cyrillic/Greek look-alikes, fullwidth forms) inside Latin words; leetspeak folding inside
words that mix letters with digits or symbols (``m0r0n``, ``k1ll``, ``$cum``); joining letters spelled out
with separators (``i d i o t``, ``k.i.l.l``); squeezing a letter repeated three or more times (``stuuupid``).

Checks match on ``Normalised.text`` (case kept) or ``Normalised.lower`` (same length, lower-cased) and
report spans there; ``original_span`` turns them back into spans of what the commenter typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters used to split words past filters: zero-width, joiners, bidi controls, soft hyphen.
_INVISIBLE = set(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

# Letters from other scripts that look like Latin ones (a practical subset of Unicode's confusables).
CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ɡ": "g", "һ": "h", "ӏ": "l", "ո": "n", "ս": "u",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
    "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Latin look-alikes outside ASCII that NFKC keeps
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ɑ": "a", "ɩ": "i", "ɪ": "i",
    "ʀ": "r", "ʏ": "y", "ᴀ": "a", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ᴋ": "k", "ᴍ": "m", "ᴏ": "o", "ᴘ": "p",
    "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
}

LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s",
        "!": "i", "|": "l", "€": "e", "£": "l", "¡": "i", "+": "t"}

_WORD = re.compile(r"[^\s]+")
# Three or more single letters joined by one kind of separator: "i d i o t", "k.i.l.l", "n-a-z-i".
_SPACED = re.compile(r"(?<![^\W_])((?:[^\W\d_][ .\-_*·]){2,}[^\W\d_])(?![^\W_])")


@dataclass(frozen=True)
class Normalised:
    original: str
    text: str
    index: tuple[int, ...]  # index[i] = position in ``original`` of ``text[i]``

    @property
    def lower(self) -> str:
        return _lower_same_length(self.text)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]`` (end exclusive)."""
        if not self.text or start >= end:
            position = self.index[start] if start < len(self.index) else len(self.original)
            return position, position
        first = self.index[start]
        last = self.index[min(end, len(self.index)) - 1]
        # Extend over what one original character expanded to, and over invisible characters removed inside.
        return first, _char_end(self.original, last)


def _char_end(original: str, position: int) -> int:
    end = position + 1
    while end < len(original) and unicodedata.category(original[end]) == "Mn":
        end += 1
    return end


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower()[:1] or ch for ch in text)


def normalise(original: str) -> Normalised:
    chars: list[tuple[str, int]] = []
    for position, ch in enumerate(original):
        if ch in _INVISIBLE or (unicodedata.category(ch) == "Cf" and ch not in "\u200d"):
            continue
        folded = unicodedata.normalize("NFKC", ch)
        for out in folded:
            chars.append((out, position))
    chars = _fold_words(chars)
    chars = _join_spaced_letters(chars)
    chars = _squeeze_repeats(chars)
    text = "".join(ch for ch, _ in chars)
    return Normalised(original=original, text=text, index=tuple(pos for _, pos in chars))


def _fold_words(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    text = "".join(ch for ch, _ in chars)
    out = list(chars)
    latin = sum("a" <= c.lower() <= "z" for c in text)
    other = sum(c.isalpha() for c in text) - latin
    # A text whose every letter has a Latin twin is Latin in disguise ("уоu ѕtupіd"); real Cyrillic or Greek
    # text always uses letters that have none (д, ж, и, л, λ, π...).
    all_lookalike = other > 0 and all(c in CONFUSABLES for c in text if c.isalpha() and not c.isascii())
    mostly_latin = latin > other or all_lookalike
    for match in _WORD.finditer(text):
        word = match.group()
        start = match.start()
        has_latin = any("a" <= c.lower() <= "z" for c in word)
        foreign_letters = [c for c in word if c.isalpha() and not ("a" <= c.lower() <= "z")]
        # Fold look-alikes in a Latin word, or in a word made only of look-alikes (a disguised Latin word).
        disguised = mostly_latin and all(c in CONFUSABLES for c in foreign_letters)
        if foreign_letters and (has_latin or disguised):
            for offset, c in enumerate(word):
                if c in CONFUSABLES:
                    out[start + offset] = (CONFUSABLES[c], out[start + offset][1])
            word = "".join(ch for ch, _ in out[start:start + len(word)])
        if _is_leet_word(word):
            for offset, c in enumerate(word):
                if c in LEET and _leet_applies(word, offset):
                    out[start + offset] = (LEET[c], out[start + offset][1])
    return out


def _is_leet_word(word: str) -> bool:
    core = word.strip(".,;:?!\"'()[]{}")
    if len(core) < 3 or not any(c.isalpha() for c in core):
        return False
    if not any(c in LEET for c in core):
        return False
    if re.fullmatch(r"[A-Za-z]+\d{2,}|\d+(st|nd|rd|th|s|am|pm|k|m|bn|km|kg|mm|cm|ml|g|h|x)", core, re.I):
        return False  # covid19, 1990s, 5pm, 10km: ordinary tokens
    if re.fullmatch(r"[$£€]\d[\d.,]*[kmb]?n?", core, re.I):
        return False  # $5m, £10bn: money
    letters = sum(c.isalpha() for c in core)
    return letters >= 1 and letters >= len(core) // 3


def _leet_applies(word: str, offset: int) -> bool:
    c = word[offset]
    if c in "!|+$":
        # Only inside the word, never as trailing punctuation ("wow!") or a lone symbol.
        before, after = word[:offset], word[offset + 1:]
        return any(ch.isalpha() for ch in before[-1:] + after[:1]) and bool(after.strip(".,;:?!\"')"))
    return True


def _join_spaced_letters(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    text = "".join(ch for ch, _ in chars)
    keep = [True] * len(chars)
    for match in _SPACED.finditer(text):
        run = match.group(1)
        separators = {run[i] for i in range(1, len(run), 2)}
        if len(separators) != 1:
            continue
        letters = run[::2]
        if run[1] == " " and len(letters) < 4 and not _looks_spelled(letters):
            continue  # "a b c" style lists of three are left alone unless they spell a word
        for i in range(match.start(1) + 1, match.end(1), 2):
            keep[i] = False
    return [pair for pair, kept in zip(chars, keep, strict=True) if kept]


def _looks_spelled(letters: str) -> bool:
    vowels = sum(c.lower() in "aeiouy" for c in letters)
    return 0 < vowels < len(letters)


def _squeeze_repeats(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    run = 0
    for ch, pos in chars:
        if out and ch.isalpha() and ch.lower() == out[-1][0].lower():
            run += 1
            if run >= 2:
                continue  # keep at most two of the same letter ("stuuupid" -> "stuupid" -> matched by lexicons)
        else:
            run = 0
        out.append((ch, pos))
    return out

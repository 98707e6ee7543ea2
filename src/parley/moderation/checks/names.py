"""Fake or false commenter names ("fake_name").

The terms: "Comments submitted under fantasy names or intentionally false names will not be published."

Why it is built this way: the costly mistake is holding back a real person because their name is unfamiliar, so
the check never guesses from a name "looking foreign". It withholds only what it can name: a famous fictional
character, a joke or pun name, a username or handle, random typing, a description instead of a name ("Concerned
Citizen"), a bare title ("Dr."), a placeholder ("John Doe") or the full name of a famous public figure. Curated,
readable lists (``models/names/*.txt``) decide those categories. A table of first and last names ranked in national
populations (``name_table.npz``) says which tokens are known names, so word-like real names ("Grace Love") pass.
A small character n-gram model (``ngram.npz``) only scores tokens the table does not know, and only ever holds.

Scores: categorical and near-certain cases (famous fictional character, handle, title only, placeholder,
impersonation) score 0.9 or more; joke names, descriptive pseudonyms, random typing and model findings stay below
0.9 so that a moderator looks at them. A plausible unknown name scores below 0.5.
"""

from __future__ import annotations

import bisect
import gzip
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from parley.moderation.document import Document
from parley.moderation.normalise import normalise
from parley.moderation.signal import Signal

if TYPE_CHECKING:
    import numpy as np

RULE = "fake_name"
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "names"
# A listed name that is also a plausible real one ("Will Power", "Jay Walker") is reported below the hold bar:
# the terms exclude intentionally false names, and a real person must not be held for the name they were given.
DOUBTFUL_SCORE = 0.45

# --- keys ----------------------------------------------------------------------------------------------------

APOSTROPHES = "'’‘ʼʻ`´′ʹ"
_DROP_IN_KEY = set(APOSTROPHES) | {".", " ", "-", "‐", "‑", "–", "\u0640"}  # \u0640: Arabic tatweel
_LATIN_EXTRA = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
                "ħ": "h", "ŧ": "t", "ŋ": "ng", "ƒ": "f", "ɨ": "i", "ʉ": "u", "ə": "e", "ɛ": "e", "ɔ": "o"}
_ARABIC_EXTRA = {"ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ٱ": "ا"}
_KEY_TABLE = str.maketrans({**{ch: None for ch in _DROP_IN_KEY}, **_ARABIC_EXTRA})


def name_key(text: str) -> str:
    """The lookup key of one name token: NFKC, case-folded, without apostrophes, dots, hyphens or spaces.

    Names-dataset stores "O'Brien" as "Obrien" and "O Brien"; dropping the separators makes all spellings meet.
    """
    return unicodedata.normalize("NFKC", text).casefold().translate(_KEY_TABLE)


def ascii_key(key: str) -> str:
    """``key`` without diacritics (Nguyễn -> nguyen); letters of other scripts are kept, minus their marks."""
    if key.isascii():
        return key
    out = []
    for ch in unicodedata.normalize("NFKD", key):
        if unicodedata.category(ch) == "Mn":
            continue
        out.append(_LATIN_EXTRA.get(ch, ch))
    return "".join(out)


def is_latin(key: str) -> bool:
    return bool(key) and all("a" <= ch <= "z" for ch in key)


# --- n-gram model features (shared with training/build_name_table.py) --------------------------------------

NGRAM_ORDERS = (1, 2, 3, 4)


def ngram_ids(key: str, buckets: int) -> list[int]:
    """Hashed character n-grams of an ASCII name token, with ^ and $ marking its ends.

    crc32 rather than ``hash`` because Python salts ``hash`` per process; the ids must match the trained weights.
    """
    padded = f"^{key}$"
    ids = []
    for n in NGRAM_ORDERS:
        for i in range(len(padded) - n + 1):
            ids.append(zlib.crc32(f"{n}{padded[i:i + n]}".encode()) % buckets)
    ids.append(zlib.crc32(f"len{min(len(key), 12)}".encode()) % buckets)
    return ids


# --- curated lists --------------------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _sections(path: Path) -> dict[str, set[str]]:
    """Word lists in ``[section]`` blocks, several words a line, keyed by ``match_key``."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in _lines(path):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, set())
            continue
        for word in line.replace(",", " ").split():
            sections[current].add(match_key(word))
    return sections


def match_key(text: str) -> str:
    return ascii_key(name_key(text))


@dataclass(frozen=True)
class Entry:
    """One curated name: its category, the canonical form a message may cite, and how sure a match is."""

    category: str
    canonical: str
    score: float
    exact: bool = False  # "=": match only this spelling, with all its tokens (common real-name combinations)


# --- categories and the messages a commenter reads ----------------------------------------------------------

MESSAGES = {
    "impersonation": "The name is that of a well-known public figure; comments cannot be posted under someone "
                     "else's name.",
    "fictional": "The name is that of a well-known fictional character, not a real person's name.",
    "joke": "The name looks like a joke or pun name rather than a real name.",
    "handle": "The name looks like a username or online handle rather than a person's name.",
    "keyboard": "The name looks like random typing rather than a real name.",
    "pseudonym": "The name is a description or pseudonym rather than a person's name.",
    "title_only": "The name is only a title, not a person's name.",
    "placeholder": "The name is a placeholder, not a real name.",
    "implausible": "The name does not look like a real person's name.",
}

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm",
                  "wxcvbn", "1234567890", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_ADJACENT = {row[i:i + 2] for row in _KEYBOARD_ROWS[:3] for i in range(len(row) - 1)}  # QWERTY rows only
_ADJACENT |= {pair[::-1] for pair in _ADJACENT}
_VOWELS = set("aeiouy")
_URL = re.compile(r"https?:|www\.|\.(com|net|org|io|co|uk|de|fr|info|biz|ru|me|tv)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_XX = re.compile(r"^[xX]{2,}\S.*\S[xX]{2,}$")  # xXSniperXx
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_REPEAT_UNIT = re.compile(r"^(.{1,3})\1{2,}$")
_SAME_LETTER = re.compile(r"(.)\1\1")
_SEPARATORS = re.compile(r"[^\s,;]+")
_STRIP = "\"'“”‘’«»()[]{}<>.,;:!?*-–—~"
_FUNNY_PUNCT = set("#$%^&*+=<>[]{}|\\/~!?:\"")
# Prefixes after which an inner capital is part of a real name: McDonald, DeShawn, LeBron, DiCaprio, VanDyke.
_RANKS = frozenset({"captain", "capt", "general", "colonel", "major", "sergeant", "sgt", "admiral", "commander",
                    "lieutenant", "private", "corporal", "king", "queen", "prince", "princess", "emperor", "lord",
                    "lady", "sir", "dame", "count", "baron", "duke", "chief", "agent", "officer", "saint"})
_INNER_CAPITAL_PREFIXES = frozenset({"mc", "mac", "de", "da", "di", "du", "la", "le", "van", "von", "fitz", "ap", "st",
                                     "ja", "ke", "sha", "ta", "te", "o", "d", "l", "al", "el", "ben", "bin", "abu",
                                     "del", "dos", "das", "ka", "ma", "na", "ra", "ty", "tre", "ny", "ki"})


@dataclass
class Token:
    text: str          # as typed, without surrounding punctuation
    start: int         # span in the original author name
    end: int
    key: str           # name_key
    mkey: str          # match_key (ASCII-folded for Latin)
    dotted: bool = False

    @property
    def is_initial(self) -> bool:
        """One letter of a cased script ("J.", "K"); a single Han or Khmer character is a whole name part."""
        return len(self.mkey) == 1 and self.mkey.isalpha() and self.text[:1].lower() != self.text[:1].upper()


@dataclass
class Finding:
    category: str
    score: float
    spans: list[tuple[int, int]]
    detail: dict = field(default_factory=dict)


def tokenise(name: str, to_original=None) -> list[Token]:
    """Split on spaces and commas, then on dots between letters ("J.K.Mensah"); keep spans into ``name``'s source."""
    tokens = []
    for piece in _SEPARATORS.finditer(name):
        for part in re.finditer(r"[^.]+\.?", piece.group()):
            raw = part.group()
            left = len(raw) - len(raw.lstrip(_STRIP))
            core = raw.strip(_STRIP)
            if not core:
                continue
            start = piece.start() + part.start() + left
            end = start + len(core)
            dotted = raw.endswith(".")
            span = to_original(start, end) if to_original else (start, end)
            key = name_key(core)
            tokens.append(Token(core, span[0], span[1], key, ascii_key(key), dotted))
    return tokens


class NameCheck:
    """Scores ``doc.author_name``; see the module docstring for what it withholds and why."""

    rule = RULE
    needs_embedding = False

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir or MODEL_DIR
        self.loaded = False

    # --- loading ---------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the table, word list, model and curated lists once; raises if a file is missing or corrupt."""
        if self.loaded:
            return
        import numpy as np

        directory = self.model_dir
        table = np.load(directory / "name_table.npz")
        # A sorted list searched by bisection: building a dict of 560,000 keys would cost a second at start-up.
        self.keys: list[str] = table["keys"].tobytes().decode("utf-8").split("\n")
        self.ranks: list[int] = (table["first"].astype(np.uint32) << 16 | table["last"]).tolist()
        with gzip.open(directory / "words_en.txt.gz", "rt", encoding="utf-8") as handle:
            ranked = handle.read().split()
        self.words = set(ranked)
        self.common_words = set(ranked[:20000])
        self.top_words = set(ranked[:5000])
        weights = np.load(directory / "ngram.npz")
        self.weights: np.ndarray = weights["weights"].astype(np.float32)
        self.bias = float(weights["bias"])
        self.model_threshold = float(weights["threshold"])
        self.buckets = int(self.weights.shape[0])

        self.lexicon = _sections(directory / "lexicon.txt")
        self.titles = self.lexicon["title"]
        self.title_names = self.lexicon["title_name"]
        self.office_titles = self.lexicon["office_title"]
        self.suffixes = self.lexicon["suffix"]
        self.glue = self.lexicon["glue"]
        self.descriptors = self.lexicon["descriptor"]
        self.ambiguous_descriptors = self.lexicon["ambiguous_descriptor"]
        self.function_words = self.lexicon["function"]
        self.placeholder_tokens = self.lexicon["placeholder_token"]
        self.mash_tokens = self.lexicon["keyboard"]

        self.full: dict[tuple[str, ...], Entry] = {}      # whole (loose) token sequences, also as subsequences
        self.whole_only: dict[tuple[str, ...], Entry] = {}  # must be the whole name
        self.anywhere: dict[str, Entry] = {}               # a single token that is never a real name
        self.surnames: dict[str, Entry] = {}               # famous surname used alone or after a title
        self.joined: dict[str, tuple[Entry, int]] = {}     # "donaldtrump", "bendover" (and the entry's length)
        self.skeletons: dict[str, tuple[Entry, tuple[int, ...]]] = {}  # famous names, spelling-tolerant
        for filename, category, score in (("famous.txt", "impersonation", 0.96),
                                          ("fictional.txt", "fictional", 0.95),
                                          ("jokes.txt", "joke", 0.85),
                                          ("placeholders.txt", "placeholder", 0.95),
                                          ("pseudonyms.txt", "pseudonym", 0.85)):
            self._load_entries(directory / filename, category, score)
        self.loaded = True

    def _load_entries(self, path: Path, category: str, score: float) -> None:
        """Line syntax: items separated by ``|``. In famous.txt the items are spellings of one person; elsewhere
        each item is its own entry. A leading ``?`` (for the line) or trailing ``?`` (for one item) lowers the
        score: the name is also a plausible real one. A leading ``=`` matches only the exact spelling; ``*``
        marks single words that are never real names (fiction) or a famous surname (impersonation)."""
        for line in _lines(path):
            flags = ""
            while line[:1] in "?=*":
                flags += line[0]
                line = line[1:].strip()
            items = [v.strip() for v in line.split("|") if v.strip()]
            groups = [items] if category == "impersonation" else [[item] for item in items]
            for group in groups:
                self._add_entry(group, flags, category, score)

    def _add_entry(self, variants: list[str], flags: str, category: str, score: float) -> None:
        doubtful = "?" in flags or variants[0].endswith("?")
        if doubtful and "*" in flags:
            return  # a word that may be a real name is never matched anywhere
        variants = [v.rstrip("?").strip() for v in variants]
        entry = Entry(category, variants[0], DOUBTFUL_SCORE if doubtful else score, exact="=" in flags)
        for variant in variants:
            keys = tuple(t.mkey for t in tokenise(variant))
            if not keys:
                continue
            loose = self._loose(keys)
            if "*" in flags:
                target = self.surnames if category == "impersonation" else self.anywhere
                core = [k for k in keys if k not in self.titles and k not in self.title_names]
                target.setdefault("".join(core or keys), entry)
                continue
            self.whole_only.setdefault(keys, entry)
            if entry.exact:
                continue
            if len(loose) >= 2 and category in ("impersonation", "fictional") and not doubtful:
                self.full.setdefault(loose, entry)
            elif len(loose) >= 2 or (len(loose) == 1 and len(keys) == 1):
                self.whole_only.setdefault(loose, entry)
            joined = "".join(keys)
            if len(keys) > 1 and not doubtful and len(joined) >= 7 and \
                    self.lookup(joined) is None:  # "Free Man" must not catch the surname Freeman
                self.joined.setdefault(joined, (entry, len(keys)))
            if category == "impersonation" and not doubtful and len(loose) > 1 and sum(map(len, loose)) >= 10 \
                    and all(map(is_latin, loose)):
                self.skeletons.setdefault(" ".join(_skeleton(k) for k in loose), (entry, tuple(map(len, loose))))

    def _loose(self, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Keys without titles, initials, suffixes and glue particles, so "Donald J. Trump" meets "Donald Trump"."""
        return tuple(k for k in keys if not (k in self.titles or k in self.title_names or k in self.suffixes
                                             or k in self.glue or (len(k) == 1 and is_latin(k))))

    # --- the check ---------------------------------------------------------------------------------------------

    def check(self, doc: Document) -> list[Signal]:
        if doc.author_name is None:
            return []
        finding = self.assess(doc.author_name)
        if finding is None:
            return []
        return [Signal(rule=RULE, score=round(finding.score, 3), message=MESSAGES[finding.category],
                       evidence=finding.spans, field="author_name",
                       detail={"category": finding.category, **finding.detail})]

    def assess(self, name: str) -> Finding | None:
        """The strongest reason to doubt ``name``, or None when nothing at all looks off."""
        if not self.loaded:
            self.load()
        if not name.strip():
            return None
        whole = (len(name) - len(name.lstrip()), len(name.rstrip()))
        tokens = tokenise(name)
        findings: list[Finding] = []
        findings += self._structure(name, tokens, whole)
        if tokens:
            findings += self._lists(name, tokens, whole)
            findings += self._titles(tokens, whole)
            findings += self._pseudonym(tokens, whole)
            findings += self._tokens(tokens)
        if not findings:
            return None
        best = max(findings, key=lambda f: f.score)
        best.score = min(max(best.score, 0.0), 1.0)
        return best

    # --- structure: handles, addresses, digits, symbols -----------------------------------------------------

    def _structure(self, name: str, tokens: list[Token], whole: tuple[int, int]) -> list[Finding]:
        out = []
        stripped = name.strip()
        if _EMAIL.search(stripped) or _URL.search(stripped):
            out.append(Finding("handle", 0.97, [whole], {"why": "address"}))
        if stripped.startswith("@") or re.search(r"\s@\w", stripped):
            out.append(Finding("handle", 0.97, [whole], {"why": "at-sign"}))
        if "_" in stripped:
            out.append(Finding("handle", 0.96, [whole], {"why": "underscore"}))
        if _XX.search(stripped):
            out.append(Finding("handle", 0.95, [whole], {"why": "xX decoration"}))
        digits = [m.span() for m in re.finditer(r"\d+", name)]
        if digits and any(ch.isalpha() for ch in stripped):
            out.append(Finding("handle", 0.93, digits, {"why": "digits"}))
        elif digits:
            out.append(Finding("keyboard", 0.95, [whole], {"why": "no letters"}))
        letters = [ch for ch in stripped if ch.isalpha()]
        symbols = [i for i, ch in enumerate(name) if unicodedata.category(ch).startswith("S")
                   or ch in _FUNNY_PUNCT]
        if symbols and not letters:
            out.append(Finding("keyboard", 0.93, [whole], {"why": "no letters"}))
        elif symbols:
            funny = [i for i in symbols if name[i] in _FUNNY_PUNCT]
            if funny:
                out.append(Finding("handle", 0.85 if name[funny[0]] != "&" else 0.6,
                                   [(i, i + 1) for i in funny], {"why": "symbols"}))
            else:  # emoji or other pictographs beside a name: decoration, a weak sign on its own
                out.append(Finding("handle", 0.3, [(i, i + 1) for i in symbols], {"why": "emoji"}))
        if not letters and not symbols and not digits:
            out.append(Finding("keyboard", 0.9, [whole], {"why": "no letters"}))
        for piece in _SEPARATORS.finditer(name):
            text = piece.group()
            parts = [p for p in re.split(r"\.", text.strip(".")) if p]
            if len(parts) >= 2 and sum(len(p) >= 2 for p in parts) >= 2 and "@" not in text:
                out.append(Finding("handle", 0.88, [piece.span()], {"why": "dotted"}))
            inner = [m.start() for m in _CAMEL.finditer(text)]
            if inner and not self._inner_capital_ok(text, inner):
                out.append(Finding("handle", 0.85, [piece.span()], {"why": "camel case"}))
        return out

    def _inner_capital_ok(self, text: str, cuts: list[int]) -> bool:
        """McDonald, DeShawn or LeBron, not TruthSeeker: an inner capital is a handle only between English words."""
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        if len(pieces) == 2 and pieces[0].lower().strip("'’") in _INNER_CAPITAL_PREFIXES:
            return True
        if self.lookup(match_key(text)):
            return True
        keys = [match_key(p) for p in pieces]
        plain = sum(self._plain_word(k) for k in keys)
        known_words = sum(k in self.words for k in keys)
        every_piece_a_word = known_words == len(keys) and all(len(k) >= 3 for k in keys)
        return not (plain == len(keys) or (plain >= 2 and known_words == len(keys)) or
                    (len(keys) >= 3 and known_words == len(keys)) or every_piece_a_word)

    def _plain_word(self, key: str) -> bool:
        """A common English word that is not also a common name: "truth", "seeker", not "anna" or "rose"."""
        if len(key) < 3 or key not in self.words:
            return False
        ranks = self.lookup(key)
        return not ranks or not ((0 < ranks[0] <= 2000) or (0 < ranks[1] <= 2000))

    # --- curated lists: famous people, fiction, jokes, placeholders ----------------------------------------------

    def _sequences(self, name: str, tokens: list[Token]) -> list[list[Token]]:
        """The tokens as typed, and again after the shared normalisation folds leetspeak and look-alike letters."""
        folded = normalise(name)
        alt = tokenise(folded.text, folded.original_span)
        alt = [t for t in alt if t.mkey]
        if [t.mkey for t in alt] != [t.mkey for t in tokens]:
            return [tokens, alt]
        return [tokens]

    def _lists(self, name: str, tokens: list[Token], whole: tuple[int, int]) -> list[Finding]:
        out: list[Finding] = []
        for seq in self._sequences(name, tokens):
            keys = [t.mkey for t in seq]
            content = [t for t in seq if not self._droppable(t.mkey)]
            loose = self._loose(keys)
            exact_core = tuple(k for k in keys if k not in self.titles and k not in self.title_names
                               and k not in self.suffixes)
            span = [(seq[0].start, seq[-1].end)] if seq else [whole]
            for key_seq in {tuple(keys), loose, exact_core}:
                entry = self.whole_only.get(key_seq) or self.full.get(key_seq)
                if entry:
                    out.append(self._entry_finding(entry, span, "whole"))
            # A famous or fictional name inside a longer name: "Mr Darth Vader Jr", "The Real Donald Trump".
            for length in range(len(loose) - 1, 1, -1):
                for i in range(len(loose) - length + 1):
                    entry = self.full.get(loose[i:i + length])
                    if entry and not entry.exact:
                        rest = loose[:i] + loose[i + length:]
                        plausible = any(k not in self.function_words and k not in self.descriptors
                                        and self.lookup(k) for k in rest)
                        score = entry.score - (0.25 if plausible else 0.05)
                        out.append(self._entry_finding(entry, span, "inside", score))
            entry, size = self.joined.get("".join(loose)) or self.joined.get("".join(exact_core)) or (None, 0)
            if entry and len(loose) < size:  # "BenDover", "Mr Hugh Grection"
                out.append(self._entry_finding(entry, span, "joined"))
            if loose:
                sk = " ".join(_skeleton(k) for k in loose)
                entry, lengths = self.skeletons.get(sk, (None, ()))
                if entry and not self.full.get(loose) and len(lengths) == len(loose) and \
                        all(abs(len(k) - n) <= 1 for k, n in zip(loose, lengths, strict=True)):
                    out.append(self._entry_finding(entry, span, "spelling", 0.88))
            for t in seq:
                entry = self.anywhere.get(t.mkey)
                if entry:
                    alone = len(content) == 1
                    out.append(self._entry_finding(entry, [(t.start, t.end)], "token",
                                                   entry.score if alone else entry.score - 0.15))
            surname = self.surnames.get("".join(exact_core)) if len(content) <= 2 else None
            if surname:
                titled = any(t.mkey in self.office_titles for t in seq)
                out.append(self._entry_finding(surname, span, "surname", 0.93 if titled else 0.85))
            hits = [t for t in seq if t.mkey in self.placeholder_tokens]
            if hits:  # "Test Account" is rejected; "Test Smith" (Test may be a surname) is only held
                rest = [t for t in seq if t not in hits and not self._plain_word(t.mkey) and not self._droppable(t.mkey)]
                out.append(Finding("placeholder", 0.7 if rest else 0.9, [(t.start, t.end) for t in hits],
                                   {"why": "placeholder word"}))
        return out

    def _entry_finding(self, entry: Entry, spans, how: str, score: float | None = None) -> Finding:
        return Finding(entry.category, entry.score if score is None else score, spans,
                       {"matched": entry.canonical, "how": how})

    def _droppable(self, key: str) -> bool:
        return key in self.titles or key in self.title_names or key in self.suffixes

    # --- titles and initials ---------------------------------------------------------------------------------

    def _titles(self, tokens: list[Token], whole: tuple[int, int]) -> list[Finding]:
        keys = [t.mkey for t in tokens]
        articles = {"the", "a", "an", "and", "of", "your", "his", "her"}
        titles = self.titles | self.title_names
        if all(k in titles or k in articles for k in keys) and \
                any(k in self.titles or k in {"your", "his", "her"} for k in keys):
            return [Finding("title_only", 0.95, [whole], {})]  # "Dr.", "The Professor", "Sir Lord", "Your Honour"
        rest = [t for t in tokens if t.mkey not in self.titles and t.mkey not in articles]
        if len(rest) < len(tokens) and rest and all(t.is_initial for t in rest):
            return [Finding("placeholder", 0.8, [whole], {"why": "title and initial"})]
        if all(t.is_initial for t in tokens):
            return [Finding("placeholder", 0.85 if len(tokens) == 1 else 0.6, [whole], {"why": "initials only"})]
        return []

    # --- descriptive pseudonyms ------------------------------------------------------------------------------

    def _pseudonym(self, tokens: list[Token], whole: tuple[int, int]) -> list[Finding]:
        strong = [t for t in tokens if t.mkey in self.descriptors]
        weak = [t for t in tokens if t.mkey in self.ambiguous_descriptors]
        functional = [t for t in tokens if t.mkey in self.function_words]
        other = [t for t in tokens if t not in strong and t not in weak and t not in functional
                 and t.mkey not in self.titles and not t.is_initial]
        names = [t for t in other if self._known(t)]
        words = [t for t in other if t.mkey in self.words and t not in names]
        # Beside a descriptor, a token counts as a name only if it is not also an everyday English word, unless
        # it is a very common given name: "Israel Supporter", "Proud Brit", but "Sarah, Proud Mum".
        people = [t for t in names if t.mkey not in self.top_words or self._very_common_name(t.mkey)]
        evidence = [(t.start, t.end) for t in strong + weak] or [whole]
        out = []
        unknown = [t for t in other if t not in names and t not in words]  # possibly a rare real name
        if strong and not people and not unknown:
            out.append(Finding("pseudonym", 0.85 if not other else 0.75, evidence, {"why": "descriptor"}))
        elif strong and not people:  # "Fan Bingqiang": Fan is a surname, Bingqiang a given name
            out.append(Finding("pseudonym", 0.45, evidence, {"why": "descriptor beside an unknown word"}))
        elif strong:
            described = len(strong) + len(words) + len(names) - len(people)
            score = 0.6 if (functional or described > len(people)) else 0.4
            out.append(Finding("pseudonym", score, evidence, {"why": "descriptor beside a name"}))
        if weak and not strong and not people:
            out.append(Finding("pseudonym", 0.75 if (functional or words or len(weak) > 1 or names) else 0.55,
                               evidence, {"why": "descriptor"}))
        starts_with_article = tokens[0].key in {"a", "an", "the"} and not tokens[0].dotted and len(tokens) > 1
        if starts_with_article and not names and (strong or weak or words or functional):
            out.append(Finding("pseudonym", 0.85, [whole], {"why": "article"}))
        elif starts_with_article and not names:  # "The" is also a surname (Chinese Indonesian, Vietnamese)
            out.append(Finding("pseudonym", 0.45, [whole], {"why": "article"}))
        if any(t.text in {"a", "an", "the"} for t in tokens[1:]) or any(t.text == "The" for t in tokens[1:-1]):
            out.append(Finding("pseudonym", 0.75, [whole], {"why": "a phrase"}))  # "Just a Guy", "Voice of The People"
        if any(t.text == "of" for t in tokens[1:-1]):
            out.append(Finding("pseudonym", 0.6, [whole], {"why": "a phrase"}))  # "Geralt of Rivia", "Son of Isildur"
        rest = [t for t in tokens[1:] if t.mkey not in self.function_words]
        if starts_with_article and rest and all(t.mkey in self.common_words for t in rest):
            out.append(Finding("pseudonym", 0.85, [whole], {"why": "article"}))  # "The Leader", "The Real Deal"
        titled = [t for t in tokens if t.mkey in self.titles or t.mkey in self.title_names]
        plain = [t for t in tokens if t not in titled and self._plain_word(t.mkey)]
        if titled and plain and len(titled) + len(plain) == len(tokens) and tokens[0] in titled:
            out.append(Finding("pseudonym", 0.7, [whole], {"why": "title and a word"}))  # "Captain Obvious"
        elif len(tokens) == 2 and tokens[0].mkey in _RANKS:
            # "Captain Falafel", "General Mayhem": a rank and one word is a character, not how people sign.
            out.append(Finding("pseudonym", 0.6, [whole], {"why": "rank and a word"}))
        if len(tokens) == 2 and tokens[1].mkey in {"man", "woman", "girl", "boy", "lady", "guy", "kid"} and \
                self._plain_word(tokens[0].mkey):
            out.append(Finding("pseudonym", 0.7, [whole], {"why": "a word and man"}))  # "Radioactive Man"
        content = [t for t in tokens if t.mkey not in self.titles]
        if len(content) >= 2 and not names and not strong and words and \
                len(words) + len(functional) + len(weak) == len(content):
            out.append(Finding("pseudonym", 0.7, [whole], {"why": "ordinary words"}))
        if len(tokens) == 1 and words and not tokens[0].dotted and words[0].mkey in self.common_words and \
                self.lookup(words[0].mkey) is None:
            # "Spoiler", "Insomniac": a lone everyday word. Not when the table knows it as a name ("Ocean").
            out.append(Finding("pseudonym", 0.6, [whole], {"why": "a single word"}))
        if len(tokens) >= 5 and functional:
            out.append(Finding("pseudonym", 0.7, [whole], {"why": "a phrase"}))
        return out

    def _very_common_name(self, key: str) -> bool:
        ranks = self.lookup(key)
        return bool(ranks) and (0 < ranks[0] <= 50 or 0 < ranks[1] <= 50)

    def _known(self, token: Token) -> bool:
        return self.rank(token.text) is not None

    def rank(self, text: str) -> tuple[int, int] | None:
        """(best first-name rank, best last-name rank) in any country, 0 where unranked; None if unknown.

        A hyphenated or apostrophe name is known when all its parts are (García-López, Al-Mansouri).
        """
        key = name_key(text)
        found = self.lookup(key) or self.lookup(ascii_key(key))
        if found:
            return found
        parts = [p for p in re.split(r"[-‐‑–" + APOSTROPHES + r"]", text) if p]
        if len(parts) > 1:
            ranks = [self.lookup(name_key(p)) or self.lookup(ascii_key(name_key(p))) for p in parts]
            if all(r is not None or len(p) <= 2 for r, p in zip(ranks, parts, strict=True)):
                return next((r for r in ranks if r), (0, 0))
        return None

    def lookup(self, key: str) -> tuple[int, int] | None:
        """The table's (first, last) ranks for one key, or None."""
        i = bisect.bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            packed = self.ranks[i]
            return packed >> 16, packed & 0xFFFF
        return None

    # --- single tokens: random typing, compounds of words, the n-gram model ---------------------------------

    def _tokens(self, tokens: list[Token]) -> list[Finding]:
        out = []
        content = [t for t in tokens if not self._droppable(t.mkey) and t.mkey not in self.function_words
                   and not t.is_initial]
        known = [t for t in content if self._known(t)]
        for t in content:
            key = t.mkey
            if t in known or not key:
                continue
            mash = self._mash(key, t.key)
            if mash:
                out.append(Finding("keyboard", mash, [(t.start, t.end)], {"token": t.text}))
                continue
            if not is_latin(key):
                continue
            lower = t.text == t.text.lower()
            parts = self._compound(key) if lower or len(content) == 1 else None
            # "truthseeker", "ilovepizza": joined words typed as a handle. Capitalised surnames can be joined
            # words too (Goodchild, Fairweather), so a capitalised token counts only alone and only when it
            # splits into two plain words of four letters or more ("Truthseeker").
            if parts and not lower and not (len(parts) == 2 and all(len(p) >= 4 and self._plain_word(p)
                                                                    for p in parts)):
                parts = None
            if parts:
                out.append(Finding("handle", 0.75 if lower else 0.55, [(t.start, t.end)],
                                   {"why": "joined words", "parts": parts}))
            if len(key) >= 3 and key not in self.words and not known:
                # Only when no token is a known name: a known given name beside an unusual surname is plausible.
                p = self.p_fake(key)
                if p >= self.model_threshold:
                    score = 0.5 + 0.3 * (p - self.model_threshold) / max(1e-6, 1 - self.model_threshold)
                    out.append(Finding("implausible", score, [(t.start, t.end)],
                                       {"token": t.text, "p": round(p, 3)}))
        return out

    def _mash(self, key: str, raw_key: str) -> float:
        """Random typing: a listed keyboard run, a row or key-neighbour walk, a repeated letter or unit, no vowels."""
        if key in self.mash_tokens:
            return 0.9
        if _SAME_LETTER.search(raw_key):
            return 0.85
        letters = key
        if len(letters) >= 6 and _REPEAT_UNIT.match(letters):
            return 0.85
        if len(letters) >= 4 and any(letters in row or letters in row[::-1] for row in _KEYBOARD_ROWS):
            return 0.88  # a run along one row: "asdf", "poiuy", "фыва"
        if len(letters) >= 6:
            pairs = [letters[i:i + 2] for i in range(len(letters) - 1)]
            if sum(p in _ADJACENT or p[0] == p[1] for p in pairs) / len(pairs) >= 0.8:
                return 0.88  # a walk between neighbouring keys: "sdfgsdf", "qwerqwer"
        if is_latin(key) and len(key) >= 5 and not (set(key) & _VOWELS) and "w" not in key:
            return 0.85
        return 0.0

    def _compound(self, key: str) -> list[str] | None:
        """Split a token into two to four English words (truthseeker, ilovepizza, coolguy), or None.

        At least one part must be a word that is not also a common name, so "annalisa" or "maryjane" never split.
        """
        n = len(key)
        if n < 6:
            return None
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - 12), end):
                prev = best[start]
                word = key[start:end]
                if prev is None or len(prev) >= 4 or not (word in self.words or word in {"i", "a"}):
                    continue
                if len(word) < 3 and word not in {"i", "a", "my", "me", "of", "to", "in", "on", "no", "up"}:
                    continue
                if best[end] is None or len(prev) + 1 < len(best[end]):
                    best[end] = [*prev, word]
        parts = best[n]
        if not parts or len(parts) < 2 or not any(self._plain_word(p) for p in parts):
            return None
        return parts

    def p_fake(self, key: str) -> float:
        """The n-gram model's probability that an ASCII token is not a real name."""
        z = float(self.weights[ngram_ids(key, self.buckets)].sum()) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _skeleton(key: str) -> str:
    """A spelling-tolerant form for transliterated famous names: Gaddafi/Qadhafi/Kadhafi, Zelensky/Selenskyj.

    Consonants that transliterations swap are merged, every run of vowels becomes one "a", doubled letters one.
    """
    s = key
    for a, b in (("ph", "f"), ("ck", "k"), ("kh", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "k"),
                 ("q", "k"), ("c", "k"), ("g", "k"), ("z", "s"), ("w", "v"), ("j", "y"), ("x", "ks")):
        s = s.replace(a, b)
    out: list[str] = []
    for ch in s:
        ch = "a" if ch in _VOWELS else ch
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


__all__ = ["MESSAGES", "MODEL_DIR", "RULE", "NameCheck", "ascii_key", "name_key", "ngram_ids", "tokenise"]

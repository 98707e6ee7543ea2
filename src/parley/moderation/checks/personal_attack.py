"""Personal attacks: insults, threats and sexual harassment aimed at an identifiable person.

Why a target is required: news comment threads are full of strong words about *things* ("what a bloody mess",
"this plan is insane", "that argument is nonsense"), and those are for readers to weigh. What a publisher
withholds is abuse aimed at *someone*: the commenter being replied to ("you're an idiot"), the article's author
("the author is a hack"), a named person ("that clown Johnson"), or anyone who disagrees ("only a moron would
write this"). So the rule part finds an insult term (evasion-tolerant: the text is already normalised for
leetspeak, look-alike letters and spacing, and masked letters like ``id**t`` are matched here) and then asks
who it is said of, looking left for a second-person, named, role or pronoun subject and for the shapes that
make it harmless: the writer about themselves, negation ("he's no fool"), a reported quotation ("the
minister called him a liar"), a class of people nobody can be picked out of ("landlords are parasites"), or a
medical term ("spastic diplegia"). Threats, wishes of harm, sexual remarks and mockery of someone's wits ("if
brains were dynamite you couldn't blow your nose") are matched directly, minus their harmless look-alikes
("oh shut up, that's brilliant news!", "I could throttle the person who invented VAR").

A learned head on the shared embedding (``models/heads/personal_attack/head.npz``) catches paraphrases the
lexicon misses and moves rule scores within a band; on its own it reaches the hold line only when the comment
has a person to aim at. Identity-based abuse of groups belongs to the ``hate`` rule and is not scored here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parley.moderation.checks import defamation
from parley.moderation.checks.defamation import NOT_ENTITIES, ROLE_NOUNS, TITLES, _sentence_start
from parley.moderation.document import Document
from parley.moderation.heads import LinearHead
from parley.moderation.signal import Signal

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "heads" / "personal_attack"

# --- insult lexicon: word -> strength; "person" nouns can stand alone ("Idiot.", "what a moron") -----------

PERSON_NOUNS = {
    # strong: an insult whatever the context
    "idiot": 1.0, "moron": 1.0, "imbecile": 1.0, "cretin": 1.0, "halfwit": 1.0, "dimwit": 1.0, "nitwit": 0.9,
    "dumbass": 1.0, "dipshit": 1.0, "jackass": 1.0, "asshole": 1.0, "arsehole": 1.0, "dickhead": 1.0,
    "knobhead": 1.0, "bellend": 1.0, "wanker": 1.0, "tosser": 1.0, "twat": 1.0, "cunt": 1.0, "prick": 0.95,
    "bastard": 0.95, "scumbag": 1.0, "scum": 1.0, "lowlife": 1.0, "dirtbag": 1.0, "sleazebag": 1.0,
    "shithead": 1.0, "fuckwit": 1.0, "fuckface": 1.0, "douchebag": 1.0, "douche": 0.95, "retard": 1.0,
    "bitch": 1.0, "slut": 1.0, "whore": 1.0, "skank": 1.0, "cockroach": 1.0, "maggot": 0.95, "vermin": 0.95,
    "numbskull": 1.0, "nincompoop": 0.95, "simpleton": 0.95, "dunce": 0.95, "dolt": 0.95, "oaf": 0.9,
    "bonehead": 0.95, "knucklehead": 0.9, "meathead": 0.95, "pinhead": 0.95, "blockhead": 0.95, "airhead": 0.9,
    "bimbo": 0.95, "doofus": 0.9, "nutjob": 0.95, "nutcase": 0.95, "nutter": 0.9, "psycho": 0.95,
    "lunatic": 0.85, "degenerate": 0.95, "pervert": 0.95, "perv": 0.95, "creep": 0.85, "freak": 0.85,
    "cuck": 0.95, "incel": 0.9, "neckbeard": 0.9, "sociopath": 0.85, "psychopath": 0.85, "scrounger": 0.8,
    "parasite": 0.85, "leech": 0.8, "bootlicker": 0.95, "lickspittle": 0.95, "sycophant": 0.75,
    "numpty": 0.9, "pillock": 0.9, "plonker": 0.9, "muppet": 0.9, "git": 0.85, "prat": 0.9, "berk": 0.85,
    "wally": 0.8, "div": 0.85, "mong": 1.0, "spastic": 1.0, "spaz": 1.0, "mug": 0.75, "nonce": 1.0,
    "mouth-breather": 0.95, "mouth breather": 0.95, "bottom-feeder": 0.9, "bottom feeder": 0.9,
    "knuckle-dragger": 0.95, "knuckle dragger": 0.95, "keyboard warrior": 0.8, "paid troll": 0.9,
    "waste of space": 1.0, "waste of oxygen": 1.0, "waste of skin": 1.0, "sack of shit": 1.0,
    "piece of shit": 1.0, "piece of garbage": 1.0, "piece of trash": 1.0, "piece of crap": 1.0,
    "excuse for a human": 1.0, "excuse of a human": 1.0, "village idiot": 1.0,
    # medium: insulting when said of a person
    "clown": 0.85, "buffoon": 0.9, "fool": 0.85, "loser": 0.85, "troll": 0.85, "liar": 0.8,
    "hypocrite": 0.7, "coward": 0.75, "snowflake": 0.7, "sheeple": 0.75, "bigot": 0.75, "windbag": 0.75,
    "blowhard": 0.75, "gasbag": 0.75, "charlatan": 0.75, "grifter": 0.75, "stooge": 0.7, "lapdog": 0.8,
    "puppet": 0.6, "shill": 0.8, "hack": 0.8, "dope": 0.75, "goon": 0.75, "thug": 0.7, "jerk": 0.85,
    "weasel": 0.85, "worm": 0.85, "rat": 0.8, "snake": 0.8, "pig": 0.85, "swine": 0.85, "toad": 0.85,
    "slug": 0.8, "hag": 0.9, "cow": 0.85, "dog": 0.7, "donkey": 0.8, "creepo": 0.9, "useful idiot": 0.85,
    "piece of work": 0.75, "sorry excuse": 0.8, "control freak": 0.5, "brain cell": 0.85, "brain cells": 0.85,
    "tool": 0.75,
    "sheep": 0.6, "shit": 0.9, "fraud": 0.75, "dinosaur": 0.6, "plastic": 0.6, "crank": 0.75, "neanderthal": 0.85,
    # wider vocabulary of person insults (British, American, Australian usage)
    "twit": 0.9, "twerp": 0.9, "wazzock": 0.9, "dipstick": 0.9, "dingbat": 0.9, "dunderhead": 0.95,
    "dullard": 0.9, "ignoramus": 0.95, "dickwad": 1.0, "dickweed": 1.0, "shitbag": 1.0, "scumbucket": 1.0,
    "slimeball": 1.0, "sleazeball": 1.0, "weirdo": 0.8, "dork": 0.8, "crybaby": 0.8, "whinger": 0.75,
    "gobshite": 1.0, "asshat": 1.0, "assclown": 1.0, "bozo": 0.9, "chump": 0.85, "knobend": 1.0,
    "numbnuts": 1.0, "shitwit": 1.0, "pleb": 0.8, "chav": 0.85, "scrote": 0.95, "toerag": 0.9,
    "guttersnipe": 0.9, "bloodsucker": 0.85, "turd": 0.95, "amoeba": 0.8, "maniac": 0.8, "loony": 0.85,
    "looney": 0.85, "headcase": 0.9, "basket case": 0.85, "fruitcake": 0.85, "crackpot": 0.85, "kook": 0.85,
    "wingnut": 0.85, "moonbat": 0.85, "libtard": 1.0, "remoaner": 0.75, "gammon": 0.75, "lemming": 0.7,
    "lackey": 0.75, "flunkey": 0.75, "toady": 0.8, "patsy": 0.7, "sellout": 0.7, "turncoat": 0.7,
    "phoney": 0.75, "bullshitter": 0.95, "loudmouth": 0.8, "bigmouth": 0.8, "motormouth": 0.75,
    "know-it-all": 0.75, "smartarse": 0.85, "smart-ass": 0.85, "smartass": 0.85, "wiseass": 0.85,
    "sicko": 0.95, "reprobate": 0.85, "scoundrel": 0.8, "brute": 0.75, "bully": 0.7, "yob": 0.8, "lout": 0.8,
    "oik": 0.85, "eejit": 0.9, "dumbo": 0.9, "dimbulb": 0.9, "pea-brain": 0.95, "peabrain": 0.95,
    "birdbrain": 0.9, "fathead": 0.9, "muttonhead": 0.9, "witch": 0.75, "crone": 0.85, "harpy": 0.85,
    "shrew": 0.8, "battleaxe": 0.8, "weapon": 0.75, "melt": 0.8, "invertebrate": 0.75, "jellyfish": 0.7,
    "wet lettuce": 0.8, "wet blanket": 0.7, "has-been": 0.7, "wannabe": 0.65, "nonentity": 0.8,
    "snake in the grass": 0.85, "viper": 0.8, "reptile": 0.8, "louse": 0.85, "cur": 0.85, "hyena": 0.7,
    "vulture": 0.7, "skunk": 0.75, "ferret": 0.65, "deadbeat": 0.85, "scab": 0.6,
    "waste of a shirt": 0.9, "waste of a seat": 0.9, "waste of a salary": 0.9, "waste of a suit": 0.9,
    "sack of garbage": 1.0, "sack of crap": 1.0, "sack of lies": 0.9,
    "bag of shite": 1.0, "lump of lard": 0.95, "pig in lipstick": 0.8, "utter tool": 0.85,
}
# Words that are ordinary outside an insult ("the hack exposed data", "a pig farm", "a rat problem"):
# they only count with a second-person, copular or comma-vocative structure, never after "this"/"what a".
AMBIGUOUS = frozenset({"hack", "dope", "puppet", "worm", "rat", "snake", "pig", "swine", "toad", "slug", "cow",
                       "dog", "donkey", "mug", "git", "div", "leech", "parasite", "vermin", "maggot", "thug",
                       "goon", "stooge", "freak", "creep", "brain cell", "brain cells", "useful idiot",
                       "piece of work", "sorry excuse", "coward", "liar", "bigot", "hypocrite", "troll",
                       "sheeple", "snowflake", "lapdog", "bitch", "wally", "prat", "berk", "weasel", "jerk",
                       "keyboard warrior", "lunatic", "psycho", "scrounger", "sycophant", "tool", "sheep", "shit",
                       "fraud",
                       "dinosaur", "plastic", "crank", "neanderthal", "weapon",
                       "melt", "invertebrate", "jellyfish", "witch", "bully", "brute", "scab", "hyena", "vulture",
                       "skunk", "ferret", "viper", "reptile", "cur", "louse", "amoeba", "lemming", "gammon",
                       "maniac", "patsy", "sellout", "turncoat", "chump", "pleb", "wet blanket", "has-been",
                       "wannabe", "scoundrel", "lackey", "flunkey", "toady", "bloodsucker", "turd", "kook"})
ADJECTIVES = {
    "stupid": 0.9, "dumb": 0.85, "thick": 0.75, "brainless": 0.95, "moronic": 0.95, "idiotic": 0.9,
    "retarded": 1.0, "pathetic": 0.55, "worthless": 0.85, "spineless": 0.8, "gutless": 0.8,
    "brain-dead": 0.95, "braindead": 0.95, "deranged": 0.8, "unhinged": 0.75, "demented": 0.85,
    "senile": 0.8, "disgusting": 0.75, "vile": 0.75, "repulsive": 0.85, "ugly": 0.85, "fat": 0.75,
    "gormless": 0.9, "dense": 0.7, "clueless": 0.6, "ignorant": 0.65, "delusional": 0.6, "illiterate": 0.8,
    "mental": 0.65, "insane": 0.55, "crazy": 0.55, "nuts": 0.55, "contemptible": 0.8, "despicable": 0.8,
    "scummy": 0.9, "slimy": 0.8, "sleazy": 0.8, "creepy": 0.7, "dim": 0.65, "simple": 0.5, "thick as mince": 1.0,
    "useless": 0.55, "dishonest": 0.5, "two-faced": 0.75, "evil": 0.6, "sick": 0.55, "twisted": 0.6,
    "pig-ignorant": 0.95, "full of shit": 0.9, "full of crap": 0.85, "a disgrace": 0.55, "thick as shit": 1.0,
    "a joke": 0.55, "a fraud": 0.7, "a nobody": 0.8, "an embarrassment": 0.5, "a laughing stock": 0.55,
    "thick as two short planks": 1.0, "dumb as a rock": 1.0, "dumb as rocks": 1.0,
    "witless": 0.9, "mindless": 0.7, "pitiful": 0.7, "cretinous": 0.95, "imbecilic": 0.95, "asinine": 0.8,
    "dimwitted": 0.9, "dim-witted": 0.9, "half-witted": 0.95, "halfwitted": 0.95, "feeble-minded": 0.9,
    "simple-minded": 0.85, "pig-headed": 0.7, "thick-headed": 0.85, "psychotic": 0.8, "odious": 0.75,
    "loathsome": 0.8, "repugnant": 0.75, "repellent": 0.75, "revolting": 0.75, "hideous": 0.85,
    "smelly": 0.75, "stinking": 0.7, "filthy": 0.65, "decrepit": 0.8, "dozy": 0.8, "dopey": 0.8,
    "uneducated": 0.75, "inbred": 0.95, "hateful": 0.6, "as thick as pigshit": 1.0, "thick as pigshit": 1.0,
    "as thick as mince": 1.0, "as dumb as a rock": 1.0, "as thick as two short planks": 1.0,
}
# Adjectives that describe ideas as often as people ("this is insane", "a sick joke"): they need an explicit
# person subject and never count as a one-word vocative.
WEAK_ADJECTIVES = frozenset({"insane", "crazy", "simple", "sick", "twisted", "useless", "dishonest", "evil",
                             "mental", "nuts", "a joke", "a disgrace", "dim", "clueless", "ignorant",
                             "delusional", "disgusting", "vile", "pathetic", "fat", "thick", "dense",
                             "an embarrassment", "a laughing stock", "a fraud", "a nobody", "creepy", "mindless",
                             "pitiful", "odious", "repugnant", "repellent", "revolting", "smelly", "stinking",
                             "filthy", "hateful", "psychotic", "pig-headed", "uneducated"})

# Modifiers that may sit between subject and insult: "you absolute fucking moron", "a complete and utter fool".
_MOD = (r"(?:an?|the|such|so|such an?|total|totally|complete|completely|absolute|absolutely|utter|utterly|"
        r"and|real|really|proper|right|f[\w*]*ing|effing|bloody|damn|damned|little|pathetic|sad|old|typical|"
        r"biggest|big|massive|huge|great|first[- ]class|grade[- ]a|dumb|stupid|ignorant|lying|sorry|miserable|"
        r"brainless|clueless|spineless|gutless|useless|worthless|deluded|arrogant|smug|entitled|nasty|vile|"
        r"disgusting|obnoxious|deranged|ugly|fat|senile|bigoted|racist|hypocritical|just|nothing but|"
        r"clearly|obviously|certainly|definitely|such a|quite|rather|pretty|very|incredibly|truly|this|that|all|both|"
        r"[a-z]+-(?:wing|brained|headed|faced|witted|loving|hating)|left|right|woke|leftie|lefty|tory|"
        r"trumpian|maga|brexit|remoaner|loony|whiny|whining|self-righteous|pompous|paid|little|shameless)")
# Up to four modifiers, of which at most two may be words outside the list ("a useless bald prat"), never a
# word that starts a new phrase ("you are talking to an idiot", "he is right about the fool").
_BLOCK = (r"(?:not|no|never|that|who|which|if|but|because|than|like|to|of|in|on|at|for|with|about|from|by|"
          r"as|into|onto|over|under|and then|or|when|where|what|why|how|whether|said|says|called|think|thinks)")
_GAP = rf"(?:{_MOD}[\s,]+){{0,4}}(?:(?!{_BLOCK}\b)[a-z'*-]+[\s,]+(?:{_MOD}[\s,]+){{0,2}}){{0,2}}"
# The same without a second verb "to be" in it: after "the minister's" or "your", a later "is" starts a new
# subject ("the minister's plan is moronic", "your idea is stupid": said of the plan, not the person).
_GAP_NC = (rf"(?:{_MOD}[\s,]+){{0,4}}(?:(?!(?:{_BLOCK}|is|are|was|were|isn't|aren't|wasn't|weren't)\b)[a-z'*-]+"
           rf"[\s,]+(?:{_MOD}[\s,]+){{0,2}}){{0,2}}")
_COPULA = (r"(?:'re|’re|are|is|'s|’s|was|were|be|been|being|remain|remains|become|became|"
           r"must be|have to be|has to be|'d have to be|would have to be|will always be|has always been|"
           r"have always been|are just|is just|sound like|sounds like|look like|looks like|act like|acts like|"
           r"acting like|seem like|seems like|come across as|comes across as|behave like|behaves like|"
           r"are still|is still|really are|really is|truly are|truly is|are such|is such|are being|is being|"
           r"am sure you're)")


def _fuzzy(word: str) -> str:
    """A pattern for ``word`` that tolerates masked inner letters (``id**t``, ``f*ck``) and doubled letters.

    The first and last letters must be real, so ``****`` or ``c***`` never match on their own.
    """
    parts = []
    for i, ch in enumerate(word):
        if ch == " ":
            parts.append(r"[\s_-]+")
        elif not ch.isalpha():
            parts.append(re.escape(ch) + "?")
        elif i == 0 or i == len(word) - 1:
            parts.append(f"{ch}{{1,2}}")
        else:
            parts.append(f"(?:{ch}|[*#%_.]){{1,2}}")
    return "".join(parts)


def _alternation(words) -> str:
    return "|".join(_fuzzy(w) for w in sorted(words, key=len, reverse=True))


_MASK = re.compile(r"[a-z][*#%_]+[a-z]")
_TOKEN = re.compile(r"[a-z][a-z*#%_'’-]*[a-z]|[a-z]")
_NOUN_RE = re.compile(rf"(?<![a-z*])(?:{_alternation(PERSON_NOUNS)})(?:e?s)?(?![a-z])")
_ADJ_RE = re.compile(rf"(?<![a-z*])(?:{_alternation(ADJECTIVES)})(?![a-z])")


def _variants(word: str) -> set[str]:
    """The word with any one letter doubled or a double letter singled: what normalise leaves of "stuuupid"."""
    out = {word}
    for i, ch in enumerate(word):
        if ch.isalpha():
            out.add(word[:i] + ch + word[i:])
            if i + 1 < len(word) and word[i + 1] == ch:
                out.add(word[:i] + word[i + 1:])
    return out


# Every surface form of a single-word entry (spelling variants, noun plurals) -> lemma. Finding the terms
# of a comment is then one set intersection with its tokens, done in C, instead of a scan with ~200 patterns.
_FORMS: dict[str, str] = {}
for _w in list(ADJECTIVES) + list(PERSON_NOUNS):
    if " " in _w:
        continue
    for _v in _variants(_w):
        _FORMS.setdefault(_v, _w)
        if _w in PERSON_NOUNS:
            _FORMS.setdefault(_v + "s", _w)
            _FORMS.setdefault(_v + "es", _w)
# Multi-word entries, looked for only when their first word is in the comment.
_MULTI: dict[str, list[tuple[str, re.Pattern]]] = {}
for _w in list(PERSON_NOUNS) + list(ADJECTIVES):
    if " " in _w:
        _MULTI.setdefault(_w.split()[0], []).append(
            (_w, re.compile(rf"(?<![a-z]){_fuzzy(_w)}{'(?:e?s)?' if _w in PERSON_NOUNS else ''}(?![a-z])")))
_WORDS = re.compile(r"[a-z][a-z'’-]*")
_FORM_SET = frozenset(_FORMS)
_MULTI_FIRST = frozenset(_MULTI)
_LOCATE: dict[str, re.Pattern] = {}


def tokens_of(lower: str) -> set[str]:
    """The comment's words (lower case, inner apostrophes and hyphens kept), for cheap lexicon gates."""
    words = set(_WORDS.findall(lower))
    return words | {w.rstrip("'’-") for w in words}


def _terms(lower: str, tokens: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, lemma) for every insult term in the lower-cased text, masked spellings included."""
    out = []
    for form in tokens & _FORM_SET:
        regex = _LOCATE.get(form)
        if regex is None:
            regex = _LOCATE[form] = re.compile(rf"(?<![a-z*'’-]){re.escape(form)}(?![a-z*'’-])")
        out += [(m.start(), m.end(), _FORMS[form]) for m in regex.finditer(lower)]
    if _MASK.search(lower):
        for m in _TOKEN.finditer(lower):
            word = m.group().rstrip("'’")
            if _MASK.search(word) and (_NOUN_RE.fullmatch(word) or _ADJ_RE.fullmatch(word)):
                out.append((m.start(), m.start() + len(word), _lemma_masked(word)))
    for first in tokens & _MULTI_FIRST:
        for lemma, regex in _MULTI[first]:
            for m in regex.finditer(lower):
                out = [t for t in out if not (m.start() <= t[0] < m.end())]
                out.append((m.start(), m.end(), lemma))
    return out


def _lemma_masked(word: str) -> str:
    for key in PERSON_NOUNS.keys() | ADJECTIVES.keys():
        if re.fullmatch(rf"{_fuzzy(key)}(?:e?s)?", word):
            return key
    return word


# --- who is the insult said of? ---------------------------------------------------------------------------

_YOU = r"(?:you|u|ya|yu|ye|ur|youre|yer|youse|y'all|you lot|you guys|you people|you two)"
SECOND_COPULA = re.compile(rf"\b{_YOU}\b\s*(?:{_COPULA}|re\b|r\b)[\s,]+{_GAP}$|"
                           rf"\b{_YOU}\b[\s,]+(?:{_MOD}[\s,]+){{0,4}}$|"
                           rf"(?:^|[,.!?;:—-]\s*|\b(?:up|off|it|on|there|here|listen|look|oi|hey|mate|thanks|"
                           rf"thank|cheers|bye|night|ok|okay|sure|yes|yeah|no|nope|right)\s+)(?:{_YOU})\b[\s,]+{_GAP}$|"
                           rf"\b(?:ur|youre|your|yer)\s+(?:so|such|an?|really|totally|completely|absolutely|the|"
                           rf"just|actually|clearly|obviously)\s+{_GAP}$")
SECOND_COPULA_STRICT = re.compile(rf"\b{_YOU}\b\s*(?:{_COPULA}|re\b|r\b)[\s,]+{_GAP_NC}$|"
                                  rf"\b(?:ur|youre|your|yer)\s+(?:so|such|really|totally|completely|"
                                  rf"absolutely|just|actually|clearly|obviously)\s+{_GAP}$|"
                                  rf"\bimagine (?:being|thinking|writing|believing)\s+(?:this|so|that)?\s*{_GAP}$|"
                                  rf"\b(?:are|were|r|aren't|weren't)\s+{_YOU}\b\s+{_GAP}$|"
                                  rf"\b(?:are|were|r)\s+{_YOU}\b[^.!?]{{0,50}}?\bor\s+(?:just\s+|simply\s+)?{_GAP}$")
SECOND_VOCATIVE = re.compile(rf"\b(?:you|u|ya|yu)\s+{_GAP}$")
LIKE_YOU = re.compile(r"^(?:e?s)?\s+(?:like|such as)\s+(?:you|u|yourself|yourselves)\b")
_ROLE = rf"(?:the|this|that|our|your|their)\s+(?:[a-z]+\s+)?(?:{ROLE_NOUNS}|guy|man|woman|bloke|fella|fellow|" \
        r"chap|lady|person|poster|commenter|commentor|op|previous poster|poster above|lad|kid|girl|boy)" \
        r"(?:\s+of\s+(?:this|the|that)\s+(?:article|piece|column|report|story|headline|blog|post))?"
PERSON_COPULA = re.compile(rf"\b(?:he|she|him|her|{_ROLE})\s*{_COPULA}[\s,]+{_GAP_NC}$|"
                           rf"\b(?:is|was|isn't|wasn't)\s+(?:he|she|{_ROLE})\s+(?:just\s+|really\s+)?{_GAP_NC}$")
DEMONSTRATIVE = re.compile(rf"(?:\b(?:this|that|what an?|such an?|which)\s+(?!the\b|an?\b|all\b){_GAP}|"
                           rf"\b(?:this|that|what an?|such an?|which|another)\s+)$")
ONLY_A = re.compile(rf"\b(?:only|just|any|every|must be|have to be|need to be|would be|you'd be|takes)\s+"
                    rf"(?:an?\s+)?{_GAP}$")
ONLY_A_AFTER = re.compile(r"^(?:e?s)?\s+(?:would|could|can|will|believes?|thinks?|writes?|wrote|votes?|voted|"
                          r"supports?|defends?|falls? for|swallows?|buys?|to (?:believe|think|write|vote))\b")
ANYONE_WHO = re.compile(r"\b(?:anyone|anybody|whoever|everyone|everybody|those|people|someone|whomever)\b"
                        r"[^.!?]{0,80}?\b(?:is|are|must be|has to be|have to be)\s+(?:an?\s+)?" + _GAP + "$")
CALLING = re.compile(rf"\b(?:call|calls|called|calling|label(?:s|led|ling|ed|ing)?|brand(?:s|ed|ing)?|"
                     rf"dub(?:s|bed|bing)?|name(?:s|d)?|nickname(?:s|d)?)\s+"
                     rf"(?:you|him|her|them|it|[a-z]+)?\s*(?:an?\s+)?{_GAP}$")
FIRST_PERSON_CALLER = re.compile(r"\b(?:i|i'd|i'll|i'm|i would|i will|let me|we|we'd|i just|i can only|i have to|"
                                 r"i must|i'd just|i'll just)\s+(?:just\s+|only\s+|have to\s+|would\s+)?"
                                 r"(?:call|calls|called|calling|label|brand|dub|name)\b")
SELF = re.compile(rf"\b(?:i|i'm|im|i am|me|myself|i was|i've been|i feel like|i felt like|call me|makes me|"
                  rf"made me|i must be|i'd be|i would be|i look like|i sound like|my own|we|we're|we are|"
                  rf"us|ourselves)\b\s*{_COPULA}?[\s,]*(?:(?:{_MOD}|[a-z]+ly|maybe|being|bit|kind of|sort of)"
                  rf"[\s,]+){{0,4}}$")
# Negation between subject and insult: "you're not an idiot", "he's no fool", "I'm not saying you're stupid".
NEGATED = re.compile(rf"(?:\bnot|\bnever|\bno|n't|n’t|\b(?:nobody|no one|none of (?:us|you|them))(?:\s+\w+)?\s+"
                     rf"(?:is|are|was|were|'s|’s))\s+(?:(?:really|at all|exactly|necessarily|quite|being|"
                     rf"that|too|even|suggesting|saying|calling|implying|claiming|think|thinking|believe|"
                     rf"meaning|mean|to say|trying to say)\s+)*(?:(?:{_YOU}|he|she|they|anyone|anybody)\s*"
                     rf"{_COPULA}?\s+)?(?:{_MOD}[\s,]+){{0,4}}$")
REPORTED = re.compile(r"\b(?:said|says|say|called|calls|calling|shouted|chanted|chants|tweeted|wrote|writes|"
                      r"posted|described|labelled|labeled|branded|dubbed|accused|nicknamed|headline|quoted|"
                      r"insulted|referred to)\b")
THING_AFTER = re.compile(
    r"^(?:e?s)?\s+(?:comment|comments|argument|arguments|idea|ideas|plan|plans|policy|policies|decision|"
    r"decisions|article|articles|post|posts|take|point|points|question|questions|law|laws|game|mistake|"
    r"thing|things|move|moves|rule|rules|tactic|tactics|excuse|excuses|logic|reasoning|remark|remarks|"
    r"statement|claim|claims|analysis|opinion|opinions|view|views|show|car|world|move|situation|headline|"
    r"piece|proposal|scheme|budget|strategy|substitution|penalty|call|system|season|result|question|"
    r"approach|theory|response|reply|answer|behaviour|behavior|mess|idea|joke|farm|farms|farmer|"
    r"farming|fish|meat|flu|whistle|problem|infestation|species|attack|attacks|group|groups|oil|pit|"
    r"food|bite|bites|charmer|charmers|eyes|hole|race|years|year|poo|trap|wagon|circus|costume|costumes|"
    r"emoji|nose|shoes|school|act|acts|face paint|makeup|make-up|posse|prince|princes|dance|house|town|"
    r"cell|cells|count|lapse|droppings|feed|tail|skin|population|market|bait|factory|factories|tax|"
    r"government|governments|regime|regimes|job|jobs|party|parties|politics|media|army|armies|movement|class|"
    r"culture|industry|economics|science|journalism|reporting|coverage|policy-making|state|states|"
    r"status|health|illness|mistakes|errors|thinking|behaviour|rhetoric|propaganda|nonsense|ideas|"
    r"regulation|regulations|bureaucracy|money|prices|luck|weather|traffic|design|software|code|phone|"
    r"chips?|deal|deals|ban|bans|tweet|tweets|video|videos|interview|speech|speeches|vote|votes|levels?|"
    # medical terms: "spastic diplegia", "psychopath test"
    r"diplegia|hemiplegia|paraplegia|quadriplegia|tetraplegia|cerebral palsy|paresis|paralysis|gait|"
    r"muscles?|colon|bladder|dysphonia|dystonia|spasms?|tone|condition|disorder|syndrome|diagnosis|test)\b")
# What may follow a predicative insult adjective ("you are stupid.", "stupid beyond words", "stupid man");
# any other word means the adjective qualifies that word instead ("stupid policy", "mental health").
_AFTER_ADJECTIVE = re.compile(
    r"^\s*(?:$|[.,;:!?)\"'”’…\-]|(?:and|or|but|to|for|as|about|of|in|at|enough|too|if|when|because|that|who|"
    r"which|like|with|on|so|then|though|yet|now|here|there|beyond|than|after|all|really|indeed|lol|mate|pal|"
    r"person|man|men|woman|women|guy|guys|bloke|fella|people|individual|boy|girl|lad|kid|child|creature|human|"
    r"being|old|little|ass|arse|idiot|moron|fool|troll|clown|twat|cow|bitch|prick|bastard|loser|liar|hack|"
    r"poster|commenter|you|u|yourself|sod|git|prat|pillock|muppet|sack|piece|waste|excuse|lump|specimen|"
    r"and|is|are|was|were|as|hell|af|beyond|but|sometimes|every|most|always|ever|today|tonight|it|lol|lmao|haha)\b)")
_OF_A_PERSON = re.compile(rf"^(?:e?s)?\s+of an?\s+(?:[a-z]+\s+)?(?:{ROLE_NOUNS}|man|woman|person|human|human being|"
                          r"bloke|guy|fella|individual|commenter|poster)\b")
# "as stupid as you are", "as thick as he looks"
_AS_YOU = re.compile(r"^\s+as\s+(?:you|u|he|she)\s+(?:are|is|look|looks|sound|sounds|seem|seems)\b")
DIRECT_ADDRESS = re.compile(rf"(?:^|[.!?,:;\n]\s*|^\s*@?[\w.]+\s*,\s*)(?:{_MOD}\s+){{0,3}}$")

# --- threats, wishes of harm, harassment (matched directly; each needs a person) ------------------------------

_PERSON = rf"(?:you|u|him|her|he|she|your family|your kids|yourself|{_ROLE})"
_PERSON_CASED = r"(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
_WILL = (r"(?:i'll|i will|i'm going to|im going to|i am going to|i'm gonna|im gonna|we'll|we will|i'd|i would|"
         r"i want to|i wanna|someone should|somebody should|someone needs to|somebody needs to|someone ought to|"
         r"i could|i'd love to|i'd like to|i'll happily|let's|we should|we need to)")
_HARM = (r"(?:kill|murder|stab|shoot|strangle|choke|hang|beat|punch|slap|smack|kick|hurt|break|smash|bash|"
         r"batter|burn|bury|gut|skin|lynch|string up|hunt down|track down|take out|put a bullet in|run over|"
         r"waterboard|knock out|deck|glass|throttle|drown|behead|torture)")
_HARMED = (r"(?:shot|hanged|hung|strung up|lynched|put down|beaten|raped|stabbed|killed|gassed|burned|burnt|"
           r"tortured|die(?! on (?:that|this|a|the) hill)|"
           r"hang(?! (?:on|around|up|out|in there|(?:your|their|his|her|our|its) heads?))|"
           r"beheaded|drowned|rot(?! in (?:jail|prison|a cell))|"
           r"taken out back|put against a wall|shot on sight|run over)")
THREATS: tuple[tuple[str, float, re.Pattern, bool], ...] = (
    # (kind, score, pattern, matched on the case-kept text)
    ("threat", 0.97, re.compile(r"\b(?:kill|hang|neck|shoot|end)\s+yoursel(?:f|ves)\b|\bkys\b|\bgo (?:and )?die\b|"
                                r"\b(?:drink|swallow) (?:bleach|poison)\b|\bjump off (?:a|the) (?:bridge|cliff|"
                                r"building|roof)\b|\bdo (?:us all|the world) a favou?r and die\b"), False),
    ("threat", 0.95, re.compile(rf"\b{_WILL}\s+(?:\w+\s+){{0,2}}{_HARM}\s+"
                                rf"(?:the\s+(?:shit|crap|hell|life)\s+out\s+of\s+)?"
                                rf"(?:you|u|him|her|your|his|that (?:clown|idiot|moron|guy|woman|man)|"
                                rf"{_ROLE})\b(?! out to dry)"), False),
    ("threat", 0.93, re.compile(rf"(?i:\b{_WILL}\s+(?:\w+\s+){{0,2}}{_HARM})\s+{_PERSON_CASED}\b"), True),
    ("threat", 0.93, re.compile(r"\bi know where (?:you|he|she) (?:live|lives|work|works)\b|"
                                r"\bwatch your back\b|\byou(?:'re| are| r) (?:a )?dead (?:man|woman|meat)\b|"
                                r"\byou(?:'re| are) dead\b(?! wrong| right)|\bsleep with one eye open\b|"
                                r"\b(?:we're|we are|i'm|i am) coming for you\b|\bsee you in the car park\b|"
                                r"\byou(?:'ll| will) (?:get what's coming|be sorry when)\b|"
                                r"\b(?:i'll|i will|we'll|we will|i'm|we're) (?:be )?waiting for (?:you|him|her)\b|"
                                r"\bsee (?:you|how brave you are|how tough you are) (?:outside|after|in the car park)|"
                                r"\bmeet me outside\b|\bsay (?:that|it) to my face\b|"
                                r"\bput (?:him|her|you|them|that \w+|the \w+) out of (?:his|her|your|their) misery\b"),
     False),
    ("wish of harm", 0.92, re.compile(rf"\b(?:hope|wish|pray|praying|hoping)\s+(?:that\s+)?{_PERSON}\s+"
                                      r"(?:dies|die|rots? in hell|burns? in hell|chokes?|drowns?|gets? (?:cancer|"
                                      r"shot|killed|stabbed|raped|hit by a (?:bus|car|train)|run over|what's "
                                      r"coming)|is (?:shot|killed|raped)|never wakes? up|drops dead)\b"), False),
    ("wish of harm", 0.92, re.compile(rf"(?i:\b(?:hope|wish|pray|praying|hoping)\s+(?:that\s+)?){_PERSON_CASED}\s+"
                                      r"(?i:dies|rots? in hell|burns? in hell|chokes?|gets? (?:cancer|shot|killed|"
                                      r"stabbed|raped|hit by a (?:bus|car|train)|run over)|drops dead)\b"), True),
    ("wish of harm", 0.9, re.compile(rf"\b{_PERSON}\s+(?:[a-z]+\s+){{0,4}}?(?:should|ought to|needs to|deserves? to|"
                                     rf"must)\s+(?:be\s+)?(?:[a-z]+\s+(?:and\s+)?(?:then\s+)?){{0,3}}?{_HARMED}\b|"
                                     rf"\b{_PERSON}\s+(?:deserves?|needs?|should get|wants?) (?:a bullet|a beating|"
                                     rf"a kicking|a bullet in the head|to be put down|putting down|shooting)\b"),
     False),
    ("wish of harm", 0.88, re.compile(rf"{_PERSON_CASED}\s+(?i:should|ought to|needs to|deserves? to|must)\s+"
                                      rf"(?i:(?:be\s+)?{_HARMED})\b"), True),
    ("wish of harm", 0.8, re.compile(rf"(?:\b{_PERSON}|{_PERSON_CASED})\s+(?i:needs? (?:a )?(?:good )?(?:slap|slapping|"
                                     r"kicking|punch|beating|smack|hiding|thump|thumping))\b"), True),
    ("wish of harm", 0.85, re.compile(r"\b(?:hope|wish)\s+(?:someone|somebody)\s+(?:shoots?|kills?|stabs?|"
                                      r"hangs?|beats?|rapes?|hurts?)\s+(?:you|him|her)\b"), False),
)
HARASSMENT = re.compile(
    r"\b(?:nice|great|lovely|hot|fit|perky|big|huge|sexy)\s+(?:tits|boobs|rack|arse|ass|bum|jugs|melons|knockers|"
    r"legs on (?:her|you)|body on (?:her|you))\b|\b(?:her|your)\s+(?:tits|boobs|rack|jugs|knockers|"
    r"nipples|cleavage|crotch|bulge)\b|\b(?:i'd|i would|i wanna|i want to|id|i'd love to|i'd like to|i could)\s+"
    r"(?:totally\s+|so\s+|happily\s+|definitely\s+)?(?:bang|shag|screw|fuck|ride|pound|bone|motorboat|grope|"
    r"spank|tap that|hit that)\b(?:\s+(?:her|you|him|that))?|"
    r"\bsend (?:me |us )?(?:nudes|pics of (?:you|yourself)|a pic of (?:your|you))\b|\bsit on my (?:face|lap|"
    r"dick|cock)\b|\bsuck my (?:dick|cock|balls)\b|\bblow me\b|\bget (?:your|her) (?:tits|kit|boobs) out\b|"
    r"\bshow (?:us|me) (?:your|her) (?:tits|boobs|body|ass|arse)\b|\b(?:she|he|you)(?:'s|’s| is| are|'re)\s+"
    r"(?:so\s+|very\s+|well\s+)?(?:fuckable|doable|bangable|shaggable)\b|\b(?:slept|sleeping|"
    r"sleeps|shagged|shagging|blew|blowing) (?:her|his|their) way (?:to|into|up)\b|"
    r"\bwhat (?:is|'s) (?:she|he|you) wearing\b.*\b(?:under|underneath)\b|\bsexy (?:reporter|presenter|"
    r"journalist|anchor|author|minister|referee|lady|councillor)\b|\bi(?:'d| would) (?:show|teach) (?:her|you) a "
    r"good time\b|\bneeds? a (?:good )?(?:seeing to|shag|spanking)\b")
IMPERATIVES: tuple[tuple[re.Pattern, float, bool], ...] = (
    # (pattern, score, needs the imperative position)
    (re.compile(r"\b(?:shut (?:the (?:f\w*|hell) )?up(?! shop)|stfu|"
                r"shut your (?:\w+ )?(?:mouth|face|trap|gob|pie ?hole|cakehole)|f off|piss off|sod off|bugger off|"
                r"eff off|go fuck yourself|gfy|screw you|"
                r"up yours|eat shit|go to hell|get lost|do one|jog on|keep your (?:\w+ )?(?:mouth|trap|gob) shut|"
                r"nobody (?:cares|asked) (?:about |for |what )?(?:you|your)|no one (?:cares|asked) (?:about |for |"
                r"what )?(?:you|your))\b(?<!put up or shut up)"), 0.7, True),
    (re.compile(r"\b(?:fuck (?:you|off|u)|get fucked|crawl back (?:under|into|to) (?:your|ur|a|the|whatever) "
                r"(?:rock|hole|cave|sewer|basement|bridge|swamp)|go back (?:under|to) (?:your|ur) "
                r"(?:rock|cave|basement|mum'?s basement|mom'?s basement|bridge|hole|sewer)|"
                r"back under (?:your|ur) (?:rock|bridge))\b"), 0.85, False),
    (re.compile(r"\b(?:get a life|grow a (?:brain|pair|spine)|get a brain|learn to read|take your meds|"
                r"take your pills|get a grip|grow up|get a clue)\b"), 0.4, True),
    (re.compile(r"\b(?:(?:pathetic|sorry|poor|sad|miserable|feeble|lame|pitiful) excuse (?:for|of) an? [a-z]+|"
                r"(?:joke|disgrace|embarrassment) of an? (?:man|woman|human|human being|person|journalist|writer|"
                r"manager|minister|mayor|player|referee|ref|president|leader|politician|reporter|columnist|"
                r"author|coach|chairman|owner|excuse)|"
                r"what an? (?:(?:sad|pathetic|little|miserable|nasty|vile|stupid|ignorant|bitter|small|pitiful|"
                r"horrible|odious|sorry|twisted|petty|spiteful|deluded|clueless|thick|dim|arrogant|smug|"
                r"unpleasant|dreadful|awful|dishonest|deceitful)[\s,]+){1,3}(?:man|woman|person|individual|"
                r"creature|specimen|human being|life|existence)(?: (?:you|he|she) (?:are|is|must be|lead|leads|have))?|"
                r"(?:stupidity|idiocy|ignorance|arrogance|cowardice|dimness|thickness) of (?:this|the|that|you|your)"
                r" (?:commenter|poster|author|writer|journalist|reporter|columnist|man|woman|guy|person|minister|"
                r"manager|ref|referee|lot|people|idiot|clown)|"
                r"(?:you|your)\b[^.!?]{0,40}\b(?:reading age|mental age|iq|attention span|intelligence|brains?|"
                r"vocabulary|comprehension) (?:of|the size of|smaller than) an? [a-z-]+|"
                r"(?:intellect|iq|brains?|brain ?power|mental age|reading age|attention span|intelligence|"
                r"vocabulary|wits|personality|charisma|common sense|emotional range) (?:of|the size of|smaller than) "
                r"an? (?:[a-z-]+ ){0,2}(?:plant|houseplant|goldfish|potato|rock|brick|gnat|amoeba|toddler|child|"
                r"[a-z]+-year-old|slug|sponge|turnip|cabbage|lettuce|doorknob|doorstop|plank|pebble|teaspoon|"
                r"fish|peanut|walnut|pea|squirrel|hamster|lemming|sheep|cow|donkey|spoon|tree stump|stump))"),
     0.78, False),
    (re.compile(r"\b(?:drop dead|go play in (?:the )?traffic|get hit by a bus|crawl (?:into|in) a hole and die)\b"),
     0.88, True),
    (re.compile(r"\b(?:knock|kick|smash|punch|bash|beat|slap)\s+(?:his|her|your|their|the ref's|the referee's)\s+"
                r"(?:teeth|face|head|brains?|lights|skull)\s+(?:in|out|off)\b|\b(?:hope|wish)\s+(?:someone|"
                r"somebody)\s+(?:runs?|knocks?|beats?|smashes)\s+(?:him|her|you|the (?:ref|referee|author|"
                r"minister|manager))\s+(?:over|out|up|down)\b"), 0.9, False),
    (re.compile(r"\b(?:(?:your|his|her) (?:stupid|ugly|fat|smug|idiotic|moronic|pig-?ignorant|ignorant|thick|dumb|"
                r"hideous|gormless|punchable|smarmy|stupid little|ugly little|fat ugly) "
                r"(?:face|head|mug|self|mouth|brain|skull|arse|ass|gob)|yo mama|your (?:one|single|last|two|"
                r"remaining) brain cells?|your (?:tin ?foil|tinfoil) hat)\b"), 0.75, False),
)
# Mockery of someone's wits that names no insult: "if brains were dynamite you couldn't blow your nose", "how do
# you even dress yourself?", "your brain is running on fumes". Each is aimed at "you" or a person by its shape.
_WITS = r"(?:brains?|stupidity|ignorance|idiocy|intelligence|common sense|sense|wits?|thickness)"
_OWN = r"(?:your|ur|his|her|the author's|the ref's|the referee's|this columnist's|the writer's)"
_BRAIN = r"(?:brain|brains|brain cells?|head|skull|mind|noggin)"
_BRAIN_STATE = (r"(?:running on (?:fumes|empty)|fried|mush|addled|pickled|scrambled|rotted|rotten|smooth|vacant|hollow|"
                r"full of (?:cotton wool|sawdust|air|straw|rocks)|made of (?:cotton wool|sawdust|mush|straw|jelly|"
                r"porridge)|on (?:holiday|vacation|strike)|out to lunch|the size of an? \w+)")
MOCKERY = re.compile(
    rf"\bif {_WITS} (?:were|was|is|are|had been|became|could be) [^.!?]{{1,40}}?\b(?:you|u|you'd|you'll|he|she|"
    rf"he'd|she'd|the author|this (?:writer|columnist|guy|bloke|man|woman))\b|"
    rf"\bhow (?:do|did|does|can|could|on earth do|the hell do) (?:you|u|he|she|they)\s+(?:\w+\s+){{0,3}}?"
    rf"(?:dress (?:yourself|himself|herself|themselves)|tie (?:your|his|her|their) own (?:shoe(?:lace)?s|laces)|"
    rf"remember to breathe|walk and chew gum)\b|"
    rf"\bhow (?:do|did|does|can|could) (?:you|u|he|she|they) (?:even|ever|possibly|actually|still) (?:manage to )?"
    rf"(?:get (?:out of bed|dressed)|find (?:your|his|her|their) way (?:home|out)|cross the road|"
    rf"feed (?:yourself|himself|herself|themselves)|"
    rf"(?:work|operate) an? (?:keyboard|computer|phone|kettle|toaster))\b|"
    rf"\b(?:were|was) (?:you|u|he|she) dropped on (?:your|his|her) head\b|"
    rf"(?:\b{_OWN} {_BRAIN}\s+(?:is|are|'s|must be|has been|have been|seems? to be|seems?)|"
    rf"\b(?:is|was) {_OWN} {_BRAIN})\s+(?:\w+\s+){{0,2}}?{_BRAIN_STATE}\b|"
    rf"\b(?:nothing|not much|sod all|fresh air|tumbleweed) between {_OWN} ears\b|"
    rf"\b{_OWN} (?:kind|brand|level|special kind|own special brand) of (?:stupid|dumb|thick|stupidity|idiocy)\b|"
    rf"\b{_OWN} (?:iq|i\.q\.) (?:must be|is|is probably|can't be)\s+(?:\w+\s+){{0,2}}?(?:in single (?:figures|digits)|"
    rf"lower than|below|less than|smaller than|room temperature)")
_MOCKERY_GATE = frozenset({
    "brain", "brains", "stupidity", "ignorance", "idiocy", "intelligence", "sense", "wit", "wits", "thickness", "dress",
    "tie", "shoelaces", "shoes", "laces", "bed", "dressed", "way", "breathe", "feed", "road", "gum", "keyboard",
    "computer", "phone", "kettle", "toaster", "head", "skull", "mind", "noggin", "ears", "iq", "kind", "brand", "level"
})
# "Oh shut up, that's brilliant news!", "Shut up, no way!": delight or disbelief, not an order to be silent.
_DELIGHT_AFTER = re.compile(
    r"^[\s,!.]*(?:(?:oh\s+)?(?:my god|omg|no way|wow|get in|yes+|you're (?:joking|kidding)|are you (?:joking|"
    r"kidding)|and take my money)\b|"
    r"(?:that'?s|that is|this is|it'?s|what an?)\s+(?:\w+\s+)?(?:brilliant|amazing|great|fantastic|"
    r"incredible|unbelievable|unreal|wonderful|superb|class|magnificent|tremendous|awesome|epic|lovely|"
    r"gorgeous|the best)\b)")
# "I could cheerfully throttle the person who invented VAR": the inventor of a thing, not someone in reach.
_INVENTOR = re.compile(r"^\s*(?:who|that)\s+(?:first\s+|originally\s+)?(?:invented|designed|came up with|"
                       r"thought up|thought of|dreamt up|dreamed up|devised|scheduled|programmed|coded|named|"
                       r"introduced|drew up)\b")
_IMPERATIVE_LEFT = re.compile(r"(?:^|[.!?,:;\n-]|\b(?:just|so|now|please|oh|and|then|mate|pal|buddy|son|"
                              r"why don't you|you should|you can|you could|go and|why not|kindly|seriously|do|"
                              r"just do|oh do|"
                              r"honestly|lol|ok|okay|yeah|yes|no)|^\s*@?(?!(?:they|we|he|she|it|i|who|that|which)\b)[\w.]+,?)\s*$")
IDENTITY_GROUPS = re.compile(
    r"\b(?:muslims?|jews?|jewish|christians?|hindus?|sikhs?|arabs?|israelis?|palestinians?|immigrants?|migrants?|"
    r"refugees?|asylum seekers?|blacks?|whites?|asians?|africans?|mexicans?|gays?|lesbians?|trans|"
    r"transgender|women|men|females?|males?|feminists?|foreigners?|catholics?|gypsies|travellers|roma|"
    r"disabled|chinese|russians?|ukrainians?|poles?|romanians?|indians?|pakistanis?|somalis?|nigerians?)\b")


@dataclass(frozen=True)
class Hit:
    """One insult, threat or abusive phrase found by the rules, with whom it is aimed at (spans: normalised text)."""

    start: int
    end: int
    kind: str      # "insult", "threat", "wish of harm", "harassment", "abuse"
    target: str    # "you", "named", "author", "role", "pronoun", "anyone", "implied", "none"
    score: float
    guard: str = ""  # why it is not aimed at someone: "self", "negated", "reported", "thing", "group"


# "some idiot parked across my drive", "what idiot scheduled this": nobody identifiable
_UNNAMED = re.compile(rf"\b(?:what|which|some|any|whichever|whatever)\s+(?:{_MOD}\s+){{0,2}}$")
# "Landlords are parasites", "most MPs are scum", "bankers are all vermin": abuse of a class of people (not an
# identity group, which is the hate rule's) picks out nobody. A plural noun must be the subject of the copula.
_GROUP_SUBJECT = re.compile(
    rf"(?:^|[,;:(—-]\s*|\b(?:all|most|many|some|such|typical|so many|too many)\s+)"
    rf"(?:(?!(?:the|these|those|our|their|his|her|your|my|its)\b)[a-z-]+\s+){{0,2}}"
    rf"(?P<noun>[a-z]*(?:people|folk)|[a-z]+s)\s+"
    rf"(?:(?:really|all|just|still|mostly|basically|always|simply|truly)\s+)?"
    rf"(?:are|were|'re|’re|remain|have always been|will always be|have become|act like|behave like|sound like|"
    rf"look like)(?P<tail>[\s,]+(?:all\s+)?{_GAP_NC})$")
_NOT_PLURAL = frozenset({
    "this", "his", "its", "us", "yes", "was", "has", "does", "is", "as", "always", "perhaps", "thus", "plus", "less",
    "unless", "news", "series", "yours", "ours", "theirs", "hers", "whereas", "besides", "sometimes", "nevertheless",
    "nonetheless", "towards", "afterwards", "chaos", "bus", "boss", "class", "mess", "press", "process", "success",
    "business"
})
# "Typical snowflake response", "classic troll comment": the label is pinned on whoever wrote the reply.
_REPLY_NOUN = re.compile(r"^(?:e?s)?\s+(?:response|responses|reply|replies|comment|comments|post|posts|take|logic|"
                         r"argument|answer|mentality|rant|whining|drivel|tactics?|reasoning)\b")
_LABEL_FRAME = re.compile(r"\b(?:typical|classic|usual|standard|such an?|what an?|another|pure|proper|textbook)\s+"
                          r"(?:[a-z'’-]+\s+)?$")
# "Idiots, the lot of you", "thick as mince, all of you", "delusional clown, that's all you are"
_YOU_AFTER = re.compile(r"^(?:e?s)?\s*,\s*(?:the lot of you|all of you|you lot|the pair of you|the both of you|"
                        r"(?:that's|that is|which is) (?:all|what) (?:you|u) (?:are|r)\b)")
# "what a melt you are", "what a clown he is"
_WHAT_A = re.compile(rf"\b(?:what an?|such an?)\s+(?:{_MOD}[\s,]+){{0,3}}$")
_IS_AFTER = re.compile(r"^(?:e?s)?\s+(?P<who>you|u|ya|he|she)\s+(?:really\s+|truly\s+|must\s+)?"
                       r"(?:are|r|is|be|'re|’re)\b")
# "whoever is running the club's account is a tool", "whoever wrote this headline is an idiot": one person
# doing one job, unlike "whoever believes this is an idiot" (anyone who might).
_WHOEVER_DID = re.compile(rf"\bwhoever\s+(?:(?:is|was|'s)\s+(?:\w+\s+)?[a-z]+ing|wrote|writes|picked|picks|chose|"
                          rf"decided|designed|approved|signed off|runs|ran|manages|managed|edits|edited|scheduled|"
                          rf"booked|drew up|came up with|is (?:responsible|in charge)|was (?:responsible|in charge))"
                          rf"\b[^.!?]{{0,80}}?\b(?:is|was|must be|needs to be|should be|'s)\s+{_GAP_NC}$")
# "Stupid cow should be sacked.", "Useless prat needs to go": an insult as the subject of a sentence about what
# someone did or should do names that someone.
_SUBJECT_LEFT = re.compile(r"(?:^|[.!?;:]\s*)(?P<det>(?:that|this|the)\s+)?(?P<mods>(?:[a-z'’-]+[\s,]+){0,3})$")
_INSULTING_MODS = frozenset(w for w in ADJECTIVES if " " not in w and w not in WEAK_ADJECTIVES) | {
    "useless", "silly", "lying", "smug", "fat", "ugly", "pathetic", "f***ing", "fucking", "bloody"}
_SUBJECT_RIGHT = re.compile(r"^\s+(?:should|needs? to|must|has to|has got to|ought to|wants? to|is|was|has|had|"
                            r"did|does|doesn't|didn't|can't|couldn't|won't|wouldn't|shouldn't|said|says|thinks|"
                            r"knows|keeps|deserves)\b")
_TARGET_SCORE = {"you": 0.9, "named": 0.88, "author": 0.9, "role": 0.86, "pronoun": 0.82, "anyone": 0.72,
                 "demonstrative": 0.78, "implied": 0.7, "loose": 0.6, "none": 0.3}


def _clause_start(lower: str, pos: int) -> int:
    cut = max(lower.rfind(c, 0, pos) for c in ".!?\n;")
    return max(cut + 1, pos - 160)


def _named_before(text: str, start: int) -> bool:
    """A capitalised name or titled name right before the copula: "Macron is a…", "Dr Cole's a…"."""
    window = text[max(0, start - 120):start]
    m = _NAMED_COPULA.search(window)
    if not m:
        return False
    if m.group("title"):
        return True
    words = m.group("name").split()
    if any(w.lower().strip("'’") in _NOT_NAMES or w.lower().strip("'’") in NOT_ENTITIES for w in words):
        return False
    key = words[0].lower().strip("'’")
    known = key in defamation.names() or len(words) > 1 or key not in defamation.common_words()
    if key.endswith("s") and not known:
        return False               # "Farmers are…", "Canadians really are…": a group, not a person
    at_start = _sentence_start(text, max(0, start - 120) + m.start("name"))
    return known or not at_start   # a lone capitalised word opening a sentence must be a known name


_NAMED_COPULA = re.compile(rf"(?:\b(?P<title>{TITLES})\.?\s+)?\b(?P<name>[A-Z][a-zA-Z'’\-]+(?:\s+[A-Z][a-zA-Z'’\-]+)"
                           rf"{{0,2}})(?<!'s)(?<!’s)\s*{_COPULA}[\s,]+{_GAP_NC}$")
_NOT_NAMES = frozenset("""i he she it this that there what who which they we you the a an and but so if when
why how yes no well oh here everyone someone anyone nobody everybody somebody anybody everything nothing
it's that's what's there's he's she's who's honestly seriously frankly sorry look""".split())


def _group_subject(left: str) -> bool:
    """Whether the insult is said of a plural class of people: "MPs are scum", "most landlords are parasites"."""
    m = _GROUP_SUBJECT.search(left)
    if not m:
        return False
    noun = m.group("noun")
    if "," in m.group("tail"):
        return False                   # "those two things are different, idiot": a vocative, not a predicate
    return noun not in _NOT_PLURAL and not noun.endswith(("ss", "us", "is", "'s", "’s"))


# "what a clueless hack", "such a lazy shill": an exclamation pinning a word that also names things on someone.
_EXCLAIM = re.compile(r"\b(?:what an?|such an?)\s+(?P<mods>(?:[a-z'’-]+[\s,]+){0,3})$")
_WRITER = re.compile(r"\b(?:author|writer|journalist|reporter|columnist|correspondent|whoever wrote)\b")


def _exclaimed_label(lower: str, clause: int, left: str) -> str:
    """The target of "what a <mods> <ambiguous noun>": the author if the comment speaks of them, else someone.

    An ambiguous word ("hack", "tool", "puppet") counts only with an insulting modifier ("what a clueless hack")
    or, bare, after the comment has named the writer ("the author knows nothing about chips, what a hack").
    """
    m = _EXCLAIM.search(left)
    if not m:
        return ""
    mods = [w.strip(",") for w in m.group("mods").split()]
    insulting = any(w in _INSULTING_MODS or w in ADJECTIVES for w in mods)
    writer = _WRITER.search(lower[max(0, clause - 200):clause + len(left)])
    if writer and (insulting or not mods):
        return "author"
    return "demonstrative" if insulting else ""


def _aimed_shape(left: str, right: str, lemma: str, is_noun: bool) -> str:
    """The target of an insult set in a shape that points at one person, or "" (see the patterns above)."""
    if _YOU_AFTER.match(right):
        return "you"                   # "thick as mince, the lot of you"
    if not is_noun:
        return ""
    m = _IS_AFTER.match(right)
    if m and _WHAT_A.search(left):
        return "you" if m.group("who") in ("you", "u", "ya") else "pronoun"   # "what a melt you are"
    if _WHOEVER_DID.search(left):
        return "role"                  # "whoever is running the club's account is a tool"
    subject = _SUBJECT_LEFT.search(left)
    if subject and _SUBJECT_RIGHT.match(right) and not re.match(r"^e?s\b", right):
        mods = [w.strip(",") for w in subject.group("mods").split()]
        if any(w in _INSULTING_MODS for w in mods) or (lemma not in AMBIGUOUS and not mods):
            # "stupid cow should be sacked", "idiot needs to go", "that lying toad has to resign"
            return "demonstrative" if subject.group("det") in ("this ", "that ") else "implied"
    return ""


def _classify(text: str, lower: str, start: int, end: int, word: str, is_noun: bool,
              parent: bool) -> tuple[str, str]:
    """Return (target, guard) for one insult term at ``lower[start:end]``."""
    c0 = _clause_start(lower, start)
    left = lower[c0:start]
    right = lower[end:end + 60]
    lemma = word
    ambiguous = lemma in AMBIGUOUS
    weak_adj = (not is_noun) and lemma in WEAK_ADJECTIVES
    if is_noun and _REPLY_NOUN.match(right) and _LABEL_FRAME.search(left):
        return "you", ""               # "typical snowflake response": said of whoever wrote it
    if is_noun and THING_AFTER.match(right):
        return "none", "thing"         # "stupid comment", "clown show", "pig farm"
    if not is_noun and not _AFTER_ADJECTIVE.match(right) and not re.match(r"^\s+[a-z]+(?:ing|ed)\b", right):
        return "none", "thing"         # "mental status", "stupid rules": the adjective qualifies a thing
    if _AS_YOU.match(right) and re.search(r"\bas\s+$", left):
        return ("you" if re.match(r"^\s+as\s+(?:you|u)\b", right) else "pronoun"), ""
    if SELF.search(left) or re.search(r"\bma(?:k|d)e?(?:s|ing)? (?:an? )?(?:\w+ )?$", left) and \
            re.match(r"^\s+of\b", right):
        return "none", "self"          # "I'm such an idiot"; "made a fool of himself" is an idiom
    if NEGATED.search(left):
        return "none", "negated"       # "you're not an idiot", "he's no fool"
    if re.match(r"^(?:e?s)?\s*,?\s*(?:i am|i'm|i was|me|myself)\b", right):
        return "none", "self"          # "what an idiot I am"
    quote_open = left.count('"') % 2 == 1 or left.count("“") > left.count("”") or left.count("‘") > left.count("’")
    if CALLING.search(left) and not FIRST_PERSON_CALLER.search(left):
        return "none", "reported"      # "the minister called him a liar"
    if quote_open and REPORTED.search(lower[c0:min(len(lower), end + 80)]):
        return "none", "reported"
    if IDENTITY_GROUPS.search(left[-50:]) and not re.search(rf"\b{_YOU}\b", left):
        return "none", "group"         # identity-directed abuse belongs to the hate rule
    if (SECOND_COPULA.search(left) if is_noun else SECOND_COPULA_STRICT.search(left)) or \
            (is_noun and LIKE_YOU.match(right)):
        return "you", ""
    if CALLING.search(left) and FIRST_PERSON_CALLER.search(left):
        return ("you" if re.search(r"\b(?:call|calling|called) you\b", left) else "named"), ""
    if _group_subject(left):
        return "none", "group"         # "landlords are parasites": a class of people, nobody in particular
    m = PERSON_COPULA.search(left)
    if m:
        subject = m.group()
        if re.search(r"\b(?:author|writer|journalist|reporter|columnist|editor|correspondent)\b", subject):
            return "author", ""
        return ("pronoun" if re.match(r"\s*(?:he|she|him|her)\b", subject) else "role"), ""
    if _named_before(text, start):
        return "named", ""
    shape = _aimed_shape(left, right, lemma, is_noun)
    if shape:
        return shape, ""
    if is_noun and ONLY_A.search(left) and ONLY_A_AFTER.match(right):
        return "anyone", ""            # "only a moron would write this"
    if ANYONE_WHO.search(left):
        return "anyone", ""            # "anyone who believes this is an idiot"
    if is_noun and re.search(r"\btypical\s+(?:[a-z'’-]+\s+){0,2}$", left) and not THING_AFTER.match(right):
        return "implied", ""           # "typical Gazette hack", "typical leftie snowflake"
    if is_noun and _OF_A_PERSON.match(right):
        return "role", ""              # "utter clown of a manager", "joke of a man"
    if is_noun and re.match(r"^(?:e?s)?\s+[A-Z][a-z]", text[end:end + 30]) and DEMONSTRATIVE.search(left):
        return "named", ""             # "that clown Johnson", "that smug git Brandt"
    if is_noun and ambiguous:
        exclaimed = _exclaimed_label(lower, c0, left)
        if exclaimed:
            return exclaimed, ""       # "the author knows nothing, what a clueless hack"
    if is_noun and not ambiguous:
        if DEMONSTRATIVE.search(left):
            return "demonstrative", ""  # "what an idiot", "this clown"
        if DIRECT_ADDRESS.search(left) and re.match(r"^(?:e?s)?\s*(?:[.!?,]|$)", right):
            return ("you" if parent else "implied"), ""   # "Grow up, moron."  "Idiot."
    if is_noun and ambiguous and (re.search(r"(?:,|@[\w.]+)\s*$", left) or DIRECT_ADDRESS.search(left)) and \
            re.match(r"^(?:e?s)?\s*(?:[.!?]|$)", right):
        return ("you" if parent else "implied"), ""       # "Nice try, troll."
    if is_noun and re.match(rf"^(?:e?s)?\s*,?\s*(?:{_YOU}|is you|that's you|that is you)\b", right) and \
            DIRECT_ADDRESS.search(left):
        return "you", ""               # "Clown, you are." / "Troll is you"
    if weak_adj:
        return "none", ""
    if not is_noun and DIRECT_ADDRESS.search(left) and re.match(r"^\s*[.!?]*\s*$", right) and parent:
        return "you", ""               # a one-word reply: "Pathetic."
    return "none", ""


def find_insults(text: str, lower: str, parent: bool = False, tokens: set[str] | None = None) -> list[Hit]:
    """Every insult term, classified by target; guarded ones are kept so the score can stay low on purpose."""
    hits = []
    for start, end, lemma in _terms(lower, tokens_of(lower) if tokens is None else tokens):
        is_noun = lemma in PERSON_NOUNS
        target, guard = _classify(text, lower, start, end, lemma, is_noun, parent)
        strength = PERSON_NOUNS.get(lemma) or ADJECTIVES.get(lemma, 0.8)
        if target == "none" and not guard and is_noun and _UNNAMED.search(lower[_clause_start(lower, start):start]):
            guard = "unnamed"  # "some idiot parked across my drive": nobody identifiable
        elif target == "none" and not guard and is_noun and lemma not in AMBIGUOUS and strength >= 0.95:
            target = "loose"  # "moron alert", "it's the village idiot again": said of someone in the thread
        if guard:
            score = 0.12
        else:
            score = _TARGET_SCORE[target] * strength if target != "none" else 0.3 * strength
        hits.append(Hit(start, end, "insult", target, round(score, 4), guard))
    return hits


_HARM_WORDS = frozenset("""kill murder stab shoot strangle choke hang beat punch slap smack kick hurt break smash bash
batter burn bury gut skin lynch string hunt track take put run waterboard knock deck glass throttle drown behead
torture""".split())
_GATES = {
    # words one of which must be in the comment before a pattern family is tried at all
    "self-harm": frozenset("yourself yourselves kys die bleach poison jump favour favor".split()),
    "harm": _HARM_WORDS | {"shoots", "kills", "stabs", "hangs", "beats", "rapes", "hurts", "runs"},
    "veiled": frozenset("know watch dead sleep coming park you'll waiting outside face misery".split()),
    "wish": frozenset("hope wish pray praying hoping should ought needs deserve deserves must need get want wants"
                      .split()),
    "slap": frozenset("slap slapping kicking punch beating smack hiding thump thumping".split()),
    "harassment": frozenset("""tits boobs rack arse ass bum jugs melons knockers legs body nipples cleavage crotch
        bulge bang shag screw fuck ride pound bone motorboat grope spank tap hit nudes pics pic sit suck blow get show
        fuckable doable bangable shaggable slept sleeping sleeps shagged shagging blew blowing wearing sexy teach
        seeing shag spanking""".split()),
}
_GATES["will"] = frozenset("""i'll will i'm im am gonna we'll i'd would want wanna should needs ought could love like
    happily let's need""".split())
_GATES["hope"] = frozenset("hope wish pray praying hoping".split())
_GATES["harmed"] = frozenset("""shot hanged hung strung lynched put beaten raped stabbed killed gassed burned burnt
    tortured die hang beheaded drowned rot taken shooting bullet beating kicking putting""".split())
# each pattern family is tried only when every one of its gates meets the comment's words
_THREAT_GATES = (("self-harm",), ("will", "harm"), ("will", "harm"), ("veiled",), ("hope",), ("hope",),
                 ("wish", "harmed"), ("wish", "harmed"), ("slap",), ("hope", "harm"))
_IMPERATIVE_GATES = (
    frozenset("shut stfu off yourself gfy screw yours eat hell lost one jog nobody".split()),
    frozenset("fuck fucked crawl back under".split()),
    frozenset("life grow brain read meds pills grip clue".split()),
    frozenset("excuse joke disgrace embarrassment what age iq span intelligence brain brains vocabulary "
              "comprehension stupidity idiocy ignorance arrogance cowardice dimness thickness intellect power "
              "wits personality charisma sense range".split()),
    frozenset("drop play hit crawl".split()),
    frozenset("knock kick smash punch bash beat slap hope wish".split()),
    frozenset("your yo his her".split()),
)


def find_threats(lower: str, text: str, tokens: set[str] | None = None) -> list[Hit]:
    """Threats, wishes of harm, sexual remarks and abusive imperatives: each is aimed at someone by its shape."""
    tokens = tokens_of(lower) if tokens is None else tokens
    hits = []
    for (kind, score, regex, cased), gates in zip(THREATS, _THREAT_GATES, strict=True):
        if any(tokens.isdisjoint(_GATES[gate]) for gate in gates):
            continue
        for m in regex.finditer(text if cased else lower):
            if cased and m.group().split()[0].lower() in _NOT_NAMES:
                continue
            left = lower[_clause_start(lower, m.start()):m.start()]
            if _negated_or_reported(left) or _INVENTOR.match(lower[m.end():m.end() + 40]):
                continue
            hits.append(Hit(m.start(), m.end(), kind, "you", score))
    if not tokens.isdisjoint(_GATES["harassment"]):
        for m in HARASSMENT.finditer(lower):
            left = lower[_clause_start(lower, m.start()):m.start()]
            if not _negated_or_reported(left):
                hits.append(Hit(m.start(), m.end(), "harassment", "you", 0.86))
    for (regex, score, positional), gate in zip(IMPERATIVES, _IMPERATIVE_GATES, strict=True):
        if tokens.isdisjoint(gate):
            continue
        for m in regex.finditer(lower):
            left = lower[_clause_start(lower, m.start()):m.start()]
            if _negated_or_reported(left) or (positional and SELF.search(left[-12:])):
                continue
            if positional and not _IMPERATIVE_LEFT.search(left):
                continue  # "the bill will get lost in the Senate", "they told us to shut up"
            if m.group().startswith("shut up") and _DELIGHT_AFTER.match(lower[m.end():m.end() + 50]):
                continue  # "oh shut up, that's brilliant news!"
            hits.append(Hit(m.start(), m.end(), "abuse", "you", score))
    if not tokens.isdisjoint(_MOCKERY_GATE):
        for m in MOCKERY.finditer(lower):
            if not _negated_or_reported(lower[_clause_start(lower, m.start()):m.start()]):
                hits.append(Hit(m.start(), m.end(), "abuse", "you", 0.78))
    return hits


def _negated_or_reported(left: str) -> bool:
    if re.search(r"(?:\bnot|\bnever|\bno|n't|n’t)\s+(?:\w+\s+){0,2}$", left):
        return True
    quote_open = left.count('"') % 2 == 1 or left.count("“") > left.count("”")
    return bool(quote_open and REPORTED.search(left)) or bool(
        re.search(r"\b(?:told|tells|telling|asked|asking|ordered|urged|wants|want|wanted)\s+(?:\w+\s+){0,2}to\s+$",
                  left))


_TARGET_WORDS = {"you": "the person you are replying to", "named": "a named person",
                 "author": "the article's author", "role": "an identifiable person", "pronoun": "a person",
                 "anyone": "people who disagree", "demonstrative": "a person", "implied": "another commenter",
                 "loose": "someone",
                 "none": "someone"}
_PERSON_CUE = re.compile(rf"\b(?:{_YOU}|your|yours|yourself|he|she|him|her|author|writer|journalist|reporter|"
                         r"columnist|editor|referee|ref)\b|@\w+")


_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")


class PersonalAttackCheck:
    """Insults, threats and harassment aimed at a person; see the module docstring for the method."""

    rule = "personal_attack"
    needs_embedding = True

    def __init__(self, model_dir: Path | None = None):
        self.model_dir = model_dir or MODEL_DIR
        self.head: LinearHead | None = None

    def load(self) -> None:
        self.head = LinearHead.load(self.model_dir / "head.npz")
        if not defamation.names():
            defamation.load_names()

    def check(self, doc: Document) -> list[Signal]:
        """At most one signal: the strongest aimed hit (with the other strong ones as evidence), or the head."""
        text, lower = doc.norm.text, doc.norm.lower
        parent = bool(doc.parent_text)
        tokens = tokens_of(lower)
        hits = find_insults(text, lower, parent, tokens) + find_threats(lower, text, tokens)
        head = None
        if self.head is not None and doc.embedding is not None:
            head = self.head.score(doc.embedding)
        aimed = [h for h in hits if not h.guard and h.target != "none"]
        best = max(aimed, key=lambda h: h.score, default=None)
        rule = best.score if best else 0.0
        has_person = bool(_PERSON_CUE.search(lower) or _MID_CAPITAL.search(text))
        guarded = [h for h in hits if h.guard]
        unaimed = any(h.target == "none" and not h.guard for h in hits)
        score = combine(rule, head, has_person, bool(guarded), unaimed)
        if score < 0.05:
            return []
        detail = {"head": None if head is None else round(head, 4), "rule": round(rule, 4)}
        if best is None:
            message = "The comment may be insulting or hostile towards someone."
            spans = [doc.span(h.start, h.end) for h in hits if not h.guard][:3]
            return [Signal(self.rule, score, message, spans, "text", detail)]
        detail.update({"kind": best.kind, "target": best.target})
        who = _TARGET_WORDS[best.target] if best.target != "you" or parent else "another reader"
        words = text[best.start:best.end]
        if best.kind == "insult":
            message = f"The comment appears to insult {who} (“{words}”). Criticise the argument, not the person."
        elif best.kind in ("threat", "wish of harm"):
            message = "The comment appears to threaten or wish harm on someone. Threats are never allowed."
        elif best.kind == "harassment":
            message = "The comment appears to make a sexual remark about a person."
        else:
            message = f"The comment appears to be abusive towards {who} (“{words}”)."
        spans = sorted({doc.span(h.start, h.end) for h in aimed if h.score >= rule - 0.25})
        return [Signal(self.rule, round(score, 4), message, spans, "text", detail)]


def combine(rule: float, head: float | None, has_person: bool, guarded: bool, unaimed: bool) -> float:
    """One calibrated score from the rule hit and the head.

    A rule hit keeps its score within ±0.1 of what the head says. An insult word the rules could not tie to
    anyone ("fancy a columnist this dense") reaches the hold line only when the comment has a person in it
    and the head is confident (≥ 0.8); with no insult word at all, only when the head is very confident
    (≥ 0.95). Otherwise the head alone stays below the hold line (at most 0.45): on real news comments it
    ranks attacks only moderately (see MODEL_CARD.md), so it orders a moderator's queue but does not hold.
    A guarded insult (about oneself, a quotation, an idea) stays low.
    """
    if head is None:
        return rule if rule else (0.2 if unaimed else 0.0)
    if rule:
        return min(1.0, max(0.0, rule + 0.2 * (head - 0.5)))
    if unaimed and has_person and head >= 0.8:
        return 0.5 + 0.5 * (head - 0.8)
    if has_person and head >= 0.95:
        return 0.5 + (head - 0.95)  # rare on healthy comments (about 0.3 % of UCC's), so hold for a person
    if guarded:
        return 0.3 * head
    return (0.45 if has_person else 0.3) * head

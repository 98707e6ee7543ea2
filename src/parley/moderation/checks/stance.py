"""Does a sentence say a hateful thing, or talk about one? Cues shared by the hate and extremism checks.

Counter-speech, reporting and quotation use the same words as the attack they answer ("Calling refugees
'vermin' is disgusting"), so a lexicon alone over-flags them; these cues let a rule lower its score instead.
All patterns run on ``Canon.text`` (lower case, one space between tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.moderation.checks.tokens import QUOTES, Canon

# Words that name prejudice itself: a sentence that uses them is usually *about* hate.
CONDEMN_WORDS = re.compile(
    r"(?<![\w'])(?:racis[tm]s?|bigot(?:s|ed|ry)?|hate\s+speech|hateful|islamophob\w*|antisemit\w*|anti-semit\w*|"
    r"homophob\w*|transphob\w*|xenophob\w*|misogyn\w*|dehumani[sz]\w*|slurs?|sectarian\w*|tropes?|"
    r"dog-?whistles?|prejudiced?|discriminat\w*|hate\s+crimes?|scapegoat\w*|demonis\w*|demoniz\w*|"
    r"propaganda|conspiracy\s+theor\w+)(?![\w'])")
# "not racist but", "not a racist": the classic preface to the attack, not a condemnation.
NOT_RACIST_BUT = re.compile(r"(?:not|n't|never\s+been)\s+(?:a\s+|being\s+)?(?:racist|bigot|islamophob\w*|homophob\w*)")

# Verbs and nouns for saying something: what follows may be a report or a quotation, not the speaker's view.
SPEECH_FRAME = re.compile(
    r"(?<![\w'])(?:call(?:ing|ed|s)?|describ(?:e|es|ed|ing)|label(?:l?ing|l?ed|s)?|brand(?:ing|ed|s)?|"
    r"refer(?:ring|red|s)?\s+to|compar(?:e|es|ed|ing)|sa(?:y|ys|id|ying)|claim(?:s|ed|ing)?|suggest(?:s|ed|ing)?|"
    r"tweet(?:s|ed|ing)?|chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|wr(?:ite|ites|ote|iting)|"
    r"post(?:s|ed|ing)|spread(?:s|ing)?|repeat(?:s|ed|ing)?|peddl(?:e|es|ed|ing)|push(?:es|ed|ing)|"
    r"statements?|comments?|remarks?|words?|language|rhetoric|slogans?|posts|signs?|banners?|leaflets?|"
    r"graffiti|placards?|insults?|lies|myths?|narratives?|headlines?|the\s+(?:idea|notion|claim|lie|myth|view|"
    r"belief)|(?:like|such\s+as)\s+['\"“‘])(?![\w'])")
# Stand-alone counter-speech: rejecting, correcting or condemning what others say about a group.
COUNTER_FRAME = re.compile(
    r"(?<![\w'])(?:(?:stop|quit)\s+(?:calling|saying|pretending|claiming|treating|describing|comparing|blaming|"
    r"painting|labelling|labeling|demonising|demonizing)|"
    r"(?:you|we|people|one)\s+(?:can't|cannot|shouldn't|should\s+not|must\s+not|mustn't)\s+(?:just\s+)?"
    r"(?:call|say|claim|describe|label|brand|blame|generali[sz]e|lump|treat|keep\s+calling)|"
    r"(?:it's|it\s+is|that's|that\s+is|this\s+is)\s+(?:so\s+|just\s+|deeply\s+)?(?:wrong|racist|vile|disgusting|"
    r"unacceptable|hateful|bigoted|not\s+ok(?:ay)?|dangerous|cruel|shameful|appalling|ignorant|offensive|"
    r"sickening|dehumani[sz]ing|lazy|unfair)\s+to\s+(?:say|call|claim|describe|suggest|think|pretend|treat|blame|"
    r"label|compare|tar|brand|lump)|"
    r"(?:it's|it\s+is)\s+(?:simply\s+)?(?:not\s+true|a\s+lie|false|nonsense|a\s+myth|rubbish)\s+that|"
    r"(?:anyone|people|those|whoever|someone|somebody|folk)\s+who\s+(?:says?|calls?|thinks?|claims?|believes?|"
    r"writes?|posts?|tweets?|chants?|spreads?)|"
    r"(?:i\s+)?(?:hate|can't\s+stand|despise|am\s+sick\s+of|sick\s+of|tired\s+of)\s+(?:it\s+)?(?:when|how)\s+"
    r"(?:people|they|some|politicians|the\s+media|commenters|papers|others)|"
    r"how\s+(?:can|could|dare)\s+(?:anyone|anybody|you|they|he|she|people)\s+(?:say|call|claim|think|write)|"
    r"shame\s+on|i\s+condemn|we\s+condemn|condemn(?:ed|s|ing)?|denounc(?:e|es|ed|ing)|has\s+no\s+place|"
    r"beyond\s+the\s+pale|must\s+be\s+challenged|should\s+be\s+ashamed\s+of\s+(?:this|that|those|these|"
    r"what|saying|writing|posting)|no\s+one\s+should\s+(?:say|call|be\s+called)|"
    r"nobody\s+should\s+(?:say|call|be\s+called)|(?:is|are|was)\s+a\s+(?:racist|bigoted|hateful)\s+(?:lie|myth|trope)|"
    # "I would never say ...", "I don't believe that ...": the writer disowns the claim that follows
    r"(?:i|we)\s+(?:would|will|'d|'ll)\s+never\s+(?:say|call|claim|suggest|think|describe|pretend)|"
    r"(?:i|we)\s+(?:don't|do\s+not|never|didn't|did\s+not)\s+(?:think|believe|accept|agree)\s+(?:that|for\s+a\s+"
    r"(?:second|moment|minute))|"
    # "it's shameful that people still think ...": deploring what others believe
    r"(?:shameful|disgusting|appalling|sad|depressing|worrying|terrible|horrifying|frightening|awful|outrageous|"
    r"sickening|scary|infuriating|a\s+disgrace|a\s+shame|unbelievable|ridiculous|absurd)\s+(?:that|how)\s+"
    r"(?:(?:so\s+|how\s+|too\s+)?many\s+|some\s+|these\s+|those\s+)?(?:people|folk|commenters|politicians|anyone|someone|"
    r"he|she|they|"
    r"papers|the\s+\w+)\s+(?:still\s+|really\s+|actually\s+|can\s+)?(?:think|thinks|believe|believes|say|says|"
    r"claim|claims|feel|feels|assume|assumes|pretend|pretends|treat|treats|call|calls|describe|describes)|"
    r"(?:sick|tired|weary|fed\s+up)\s+(?:of|with)\s+(?:hearing|seeing|reading)\s+(?:people|politicians|commenters|"
    r"pundits|papers|the\s+media|him|her|them|folk|everyone)\s+(?:say|said|call|calling|claim|claiming|describe|"
    r"describing|blame|blaming|compare|comparing|treat|treating)|"
    r"if\s+you\s+(?:really\s+|honestly\s+)?(?:think|believe|say|call|claim)\b[^.!?]{0,80}?,?\s+(?:then\s+)?"
    r"(?:you're|you\s+are|you\s+need)\s+(?:an?\s+|the\s+|part\s+of\s+the\s+)?(?:bigot|racist|idiot|ignorant|problem|"
    r"wrong|sick|disgusting|help|to\s+read|educating)|"
    r"if\s+you\s+(?:really\s+|honestly\s+)?(?:think|believe|say|call|claim)\b[^.!?]{0,80}?,?\s+(?:then\s+)?you\s+(?:need|ought|"
    r"should|must|have)\s+to\s+(?:get\s+out|meet|read|travel|educate|look|grow\s+up|wake\s+up|open|be\s+ashamed|think|"
    r"take\s+a\s+look|talk)|"
    # "... is a disgusting thing to say"
    r"(?:is|are|was|were|'s)\s+(?:a\s+|an\s+|such\s+a\s+)?(?:\w+\s+)?(?:disgusting|vile|horrible|awful|terrible|hateful|racist|"
    r"bigoted|cruel|ignorant|shameful|appalling|evil|nasty|wicked|dangerous|sick|stupid|hurtful|offensive)\s+(?:thing|"
    r"things|stuff|way|lie|lies)\s+to\s+(?:say|write|post|think|believe|tweet|chant|call|claim|spread))"
    r"(?![\w'])")
# Defence of a group: exculpation ("most Kurds have nothing to do with the PKK") and solidarity ("proud to stand
# with"). Only the hate rule reads it: said of an armed group it would be an apology, not counter-speech.
DEFENCE = re.compile(
    r"(?<![\w'])(?:(?:have|has|had)\s+nothing\s+(?:at\s+all\s+|whatsoever\s+)?to\s+do\s+with|"
    r"(?:are|is|were|was)\s+not\s+(?:responsible|to\s+blame)\s+for|(?:aren't|isn't|weren't|wasn't)\s+(?:responsible|"
    r"to\s+blame)\s+for|(?:can't|cannot|shouldn't|should\s+not|mustn't)\s+be\s+blamed\s+for|"
    r"(?:are|is)\s+(?:just\s+as\s+)?(?:appalled|horrified|sickened|disgusted)\s+by|"
    r"(?:stand|standing|stood|stands)\s+(?:with|by|up\s+for|in\s+solidarity\s+with)|solidarity\s+with|"
    r"proud\s+to\s+(?:stand|support|welcome|call)|thank\s+you\s+to|(?:grateful|thankful)\s+(?:to|for)|"
    r"(?:be|is|are|was|were)\s+(?:\w+\s+)?(?:nothing|poorer|worse|weaker|lost|duller|emptier|finished|sunk|"
    r"stuffed)\s+without|"
    # sympathy: "no X should have to bury a child", "I hope the families get home"
    r"should\s+(?:ever\s+)?(?:have\s+to|be\s+(?:allowed|made|forced|left)\s+to)\s+(?:bury|suffer|flee|fear|hide|go\s+hungry|"
    r"starve|die|drown|beg|sleep\s+rough|live\s+in\s+fear|choose\s+between|freeze|grieve|watch)|"
    r"(?:hope|pray|wish)\s+(?:that\s+)?(?:\w+\s+){0,7}?(?:get|gets|got|make|makes|are|is|be|stay|stays|find|finds|"
    r"come|comes)\s+(?:home|safe|safely|justice|peace|better|well|through|asylum|out\s+safely|"
    r"the\s+(?:help|justice|support|care))|"
    r"(?:thoughts|prayers|heart|hearts)\s+(?:are\s+|go\s+out\s+|goes\s+out\s+)?(?:with|to)|"
    # representation: "I'd love to have more X on the board"
    r"(?:love|like|want|need|welcome)\s+(?:to\s+(?:see|have|hire|elect|welcome)\s+)?more\s+(?:\w+\s+){0,3}?(?:in|on|at|"
    r"into)\s+(?:the\s+|our\s+|their\s+)?(?:board|boards|government|parliament|cabinet|team|teams|police|nhs|science|"
    r"tech|politics|office|management|engineering|leadership|senate|congress|council|media|newsrooms?|squad|"
    r"boardrooms?|workforce|universities|schools))(?![\w'])")
CONDEMN_PREDICATE = re.compile(
    r"(?<![\w'])(?:is|are|was|were|sounds?|seems?)\s+(?:so\s+|deeply\s+|utterly\s+|just\s+|really\s+|"
    r"absolutely\s+|completely\s+|frankly\s+|simply\s+)?(?:disgusting|vile|racist|wrong|unacceptable|shameful|"
    r"appalling|hateful|bigoted|abhorrent|sickening|dehumani[sz]ing|outrageous|hurtful|offensive|a\s+disgrace|"
    r"indefensible|nonsense|false|untrue|a\s+lie|lies|ignorant|dangerous|cruel|horrible|awful|terrible|"
    r"disgraceful|not\s+ok(?:ay)?|not\s+acceptable|beneath\s+contempt|pathetic|despicable)(?![\w'])")


@dataclass(frozen=True)
class SentenceStance:
    counter: bool    # the sentence rejects or condemns what it mentions
    reported: bool   # the sentence reports someone else's words (no condemnation seen)
    defending: bool = False  # the sentence clears a group of blame or stands with it


def sentence_stance(sentence: str) -> SentenceStance:
    """Counter-speech and reporting cues of one sentence (``Canon`` text of its tokens)."""
    condemn_word = bool(CONDEMN_WORDS.search(sentence)) and not NOT_RACIST_BUT.search(sentence)
    frame = SPEECH_FRAME.search(sentence)
    condemned = frame is not None and (condemn_word or bool(CONDEMN_PREDICATE.search(sentence, frame.end())))
    counter = bool(COUNTER_FRAME.search(sentence)) or condemned
    return SentenceStance(counter=counter, reported=frame is not None and not counter,
                          defending=bool(DEFENCE.search(sentence)))


def is_quoted(canon: Canon, first: int, last: int, sentence_start: int, sentence_end: int) -> bool:
    """True when tokens [first, last) sit between quotation marks within their sentence."""
    before = [i for i in range(sentence_start, first) if canon.tokens[i].text in QUOTES]
    after = [i for i in range(last, sentence_end) if canon.tokens[i].text in QUOTES]
    return len(before) % 2 == 1 and bool(after)

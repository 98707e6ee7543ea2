"""The spam check on its authored cases, and the duplicate store's memory, window, bounds and locking."""

import json
import threading
from pathlib import Path

import pytest

from parley.moderation.checks.spam import RecentComments, SpamCheck
from parley.moderation.document import Document
from parley.moderation.normalise import normalise

CASES = Path(__file__).parent / "cases"
HOLD = 0.5  # the recommended hold threshold for this rule
REJECT = 0.9  # the recommended reject threshold

ARTICLES = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines()) if a}
REPOST = ("Anyone else think the cap only helps the big suppliers? Read the small print on page four "
          "before you cheer.")


def _doc(text, doc_id="c1", author_name=None, article=None, parent_text=None):
    return Document(id=doc_id, text=text, norm=normalise(text), author_name=author_name, parent_text=parent_text,
                    article_title=article and article["title"], article_body=article and article["body"])


def _top(signals):
    return max((s.score for s in signals), default=0.0)


def _cases():
    return [json.loads(line) for line in (CASES / "spam.jsonl").read_text().splitlines() if line.strip()]


def test_case_file_is_balanced_and_well_formed():
    cases = _cases()
    assert sum(c["expect"] == "withhold" for c in cases) >= 40
    assert sum(c["expect"] == "publish" for c in cases) >= 40
    for case in cases:
        assert case["rule"] == "spam" and case["note"]
        assert case.get("article") is None or case["article"] in ARTICLES


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["note"])
def test_authored_case(case):
    check = SpamCheck()
    check.load()
    doc = _doc(case["text"], article=ARTICLES.get(case.get("article")))
    signals = check.check(doc)
    assert (_top(signals) >= HOLD) == (case["expect"] == "withhold"), [s.detail for s in signals]
    for signal in signals:
        assert signal.rule == "spam" and 0.0 <= signal.score <= 1.0 and signal.message.startswith("The comment")
        assert signal.evidence and all(0 <= a < b <= len(doc.text) for a, b in signal.evidence)


def test_cases_run_through_one_engine_instance_give_the_same_answers():
    """The cases are distinct comments: none of them should look like a repost of another."""
    shared = SpamCheck()
    for number, case in enumerate(_cases()):
        fresh = _top(SpamCheck().check(_doc(case["text"], doc_id=f"fresh{number}")))
        assert _top(shared.check(_doc(case["text"], doc_id=f"case{number}"))) == fresh, case["text"]


@pytest.mark.parametrize("text, item", [
    ("w w w . c a s i n o 7 7 7 . c o m best bonus", "w w w . c a s i n o 7 7 7 . c o m"),
    ("Buy v1agra ch3ap no prescription at pills-direct dot com", "pills-direct dot com"),
    ("bit.ly/3xYz9 bit.ly/4aB7c tinyurl.com/yc8k2 click here", "bit.ly/3xYz9"),
    ("Earn $5000 a week from home, visit www.quickcash-now.xyz", "www.quickcash-now.xyz"),
])
def test_evidence_points_into_the_original_text(text, item):
    signal = SpamCheck().check(_doc(text))[0]
    assert any(text[a:b] == item or item in text[a:b] for a, b in signal.evidence)


def test_classic_advert_reaches_reject_but_a_topic_word_alone_does_not_hold():
    check = SpamCheck()
    advert = "Earn $5000 a week from home, visit www.quickcash-now.xyz and DM me for the link"
    assert _top(check.check(_doc(advert, "a"))) >= REJECT
    assert _top(check.check(_doc("Bitcoin fell again today and the casino crowd is quiet.", "b"))) < HOLD


def test_same_comment_posted_again_is_held_the_first_is_not():
    check = SpamCheck()
    assert _top(check.check(_doc(REPOST, "first"))) < HOLD
    second = check.check(_doc(REPOST, "second"))
    assert _top(second) >= HOLD
    assert "repost" in second[0].detail["features"]


def test_near_duplicate_with_a_word_changed_and_emoji_added_is_held():
    check = SpamCheck()
    check.check(_doc(REPOST, "first"))
    edited = REPOST.replace("cheer", "celebrate") + " 👀👀"
    assert _top(check.check(_doc(edited, "second"))) >= HOLD


def test_same_id_seen_again_is_not_a_duplicate():
    check = SpamCheck()
    check.check(_doc(REPOST, "same"))
    assert _top(check.check(_doc(REPOST, "same"))) < HOLD
    assert len(check.recent) == 1


def test_different_comments_and_short_agreements_are_not_duplicates():
    check = SpamCheck()
    check.check(_doc(REPOST, "a"))
    other = "The cap was always going to be extended; the question is who pays for it next winter, and how."
    assert _top(check.check(_doc(other, "b"))) < HOLD
    check.check(_doc("Well said.", "c"))
    assert _top(check.check(_doc("Well said.", "d"))) < HOLD


def test_a_short_comment_repeated_counts_only_from_the_same_author():
    check = SpamCheck()
    check.check(_doc("Totally agree with this.", "a", author_name="Mira Fenwick"))
    assert _top(check.check(_doc("Totally agree with this!", "b", author_name="Tomas Reyl"))) < HOLD
    assert _top(check.check(_doc("totally agree with this", "c", author_name="Mira Fenwick"))) >= HOLD


def test_quoted_parent_lines_do_not_make_a_reply_a_repost():
    check = SpamCheck()
    check.check(_doc(REPOST, "parent"))
    reply = "> " + REPOST + "\nNo, the small print on page four is about metering, not prices."
    assert _top(check.check(_doc(reply, "reply", parent_text=REPOST))) < HOLD


def test_window_expires_old_comments():
    now = [1000.0]
    check = SpamCheck(duplicate_window_s=60, clock=lambda: now[0])
    check.check(_doc(REPOST, "a"))
    now[0] += 61
    assert _top(check.check(_doc(REPOST, "b"))) < HOLD
    now[0] += 30
    assert _top(check.check(_doc(REPOST, "c"))) >= HOLD


def test_store_is_bounded_and_forgets_the_oldest():
    check = SpamCheck(duplicate_store_size=3)
    check.check(_doc(REPOST, "a"))
    for i in range(3):
        check.check(_doc(f"Comment number {i} about a completely different matter of gas storage levels.", f"x{i}"))
    assert len(check.recent) == 3
    assert _top(check.check(_doc(REPOST, "b"))) < HOLD


def test_reset_forgets_everything():
    check = SpamCheck()
    check.check(_doc(REPOST, "a"))
    check.reset()
    assert len(check.recent) == 0
    assert _top(check.check(_doc(REPOST, "b"))) < HOLD


def test_store_is_safe_under_concurrent_checks():
    check = SpamCheck(duplicate_store_size=500)
    fired, errors = [], []

    def post(thread):
        try:
            for i in range(100):
                text = f"Thread {thread} comment {i}: the minister said storage targets {i * 7} would be reviewed."
                check.check(_doc(text, f"{thread}-{i}"))
            if _top(check.check(_doc(REPOST, f"repost-{thread}"))) >= HOLD:
                fired.append(thread)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(check.recent) == 404
    assert len(fired) == 3  # every copy after the first, whichever thread posted it


def test_store_rejects_nonsense_settings():
    with pytest.raises(ValueError):
        RecentComments(size=0)
    with pytest.raises(ValueError):
        RecentComments(threshold=1.5)


def test_the_same_words_under_different_names_alone_are_not_held():
    """People agree in the same words; without anything promotional that is not spam."""
    check = SpamCheck()
    check.load()
    text = "I read the whole article and I think the council made the right call here."
    for i, name in enumerate(["Amal Haddad", "Jonas Berg", "Chen Wei"]):
        assert _top(check.check(_doc(text, f"n{i}", author_name=name))) < HOLD
    assert _top(check.check(_doc(text, "n9", author_name="Chen Wei"))) >= HOLD  # the same person again


def test_several_sales_phrases_with_a_link_are_held_one_in_discussion_is_not():
    check = SpamCheck()
    check.load()
    advert = ("Cheap water filters at 70% off!!! Order today at [best-filters-shop](https://best-filters.example/deal) "
              "and get free delivery!!!")
    talk = ("Get 20% off? The article says the cap only saves households money if suppliers pass it on, "
            "and free delivery of LNG is not how it works.")
    assert _top(check.check(_doc(advert, "ad"))) >= HOLD
    assert _top(check.check(_doc(talk, "talk"))) < HOLD


@pytest.mark.parametrize("text", [
    "Fixed matches, sure odds every weekend, whatsapp me on +44 7700 900321 for the list",
    "Lost your crypto to a scam? This recovery hacker got my bitcoin back, DM me for his details",
])
def test_a_spam_topic_with_a_way_to_reach_the_seller_is_an_advert(text):
    [signal] = SpamCheck().check(_doc(text))
    assert signal.score >= REJECT and "advert" in signal.detail["features"]


@pytest.mark.parametrize("text", [
    "If a casino will not pay out, contact the Gambling Commission on 0300 069 3450.",
    "Text me on +44 7700 900782 if you want to share a lift to the march on Saturday.",
])
def test_a_topic_or_a_contact_alone_is_not_an_advert(text):
    signals = SpamCheck().check(_doc(text))
    assert all("advert" not in s.detail["features"] for s in signals)
    assert _top(signals) < REJECT

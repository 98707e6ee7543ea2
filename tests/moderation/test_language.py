"""The not_english check on its authored cases and on the boundaries that matter most: which language is named,
where the evidence points, how far short text and dialects may go, and that nothing is fetched from outside."""

import json
import socket
import tempfile
from pathlib import Path

import pytest

from parley.moderation.checks.language import LanguageCheck
from parley.moderation.document import Document
from parley.moderation.normalise import normalise

CASES = Path(__file__).parent / "cases"
HOLD = 0.5    # the recommended hold threshold for this rule
REJECT = 0.9  # the recommended reject threshold

ARTICLES = {a["id"]: a for a in map(json.loads, (CASES / "articles.jsonl").read_text().splitlines()) if a}


@pytest.fixture(scope="module")
def check():
    check = LanguageCheck()
    check.load()
    return check


def _doc(text):
    return Document(id="c1", text=text, norm=normalise(text))


def _top(signals):
    return max((s.score for s in signals), default=0.0)


def _cases():
    return [json.loads(line) for line in (CASES / "not_english.jsonl").read_text().splitlines() if line.strip()]


def _one(check, text):
    signals = check.check(_doc(text))
    assert len(signals) == 1, signals
    signal = signals[0]
    assert signal.rule == "not_english" and signal.field == "text" and signal.message
    assert 0.0 <= signal.score <= 1.0
    assert all(0 <= a < b <= len(text) for a, b in signal.evidence)
    return signal


def test_case_file_is_balanced_and_well_formed():
    cases = _cases()
    assert sum(c["expect"] == "withhold" for c in cases) >= 40
    assert sum(c["expect"] == "publish" for c in cases) >= 40
    for case in cases:
        assert case["rule"] == "not_english" and case["note"]
        assert case.get("article") is None or case["article"] in ARTICLES


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["note"])
def test_authored_case(check, case):
    signals = check.check(_doc(case["text"]))
    expected = case["expect"] == "withhold"
    assert (_top(signals) >= HOLD) == expected, [(s.score, s.message, s.detail) for s in signals]


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("Je pense que le plafonnement des prix du gaz ne fait que retarder le problème de quelques mois.",
         "fr", "French"),
        ("Die Regierung hat viel zu lange gewartet, und jetzt zahlen wieder die Familien die Rechnung.",
         "de", "German"),
        ("Эти переговоры снова ни к чему не приведут, а люди продолжают страдать.", "ru", "Russian"),
        ("المساعدات يجب أن تدخل إلى غزة فورا دون أي شروط", "ar", "Arabic"),
    ],
)
def test_a_whole_comment_in_another_language_is_named_and_reaches_reject(check, text, code, name):
    signal = _one(check, text)
    assert signal.score >= REJECT
    assert signal.detail["kind"] == "language" and signal.detail["language"] == code
    assert name in signal.message


def test_evidence_of_a_mixed_comment_is_the_foreign_sentences(check):
    text = ("Sorry for my English. Je pense que l'Europe doit acheter le gaz ensemble. "
            "Sinon chaque pays paiera beaucoup plus cher cet hiver.")
    signal = _one(check, text)
    assert signal.score >= HOLD and signal.detail["language"] == "fr"
    quoted = [text[a:b] for a, b in signal.evidence]
    assert quoted and not any("Sorry" in q for q in quoted)
    assert any(q.startswith("Je pense") for q in quoted)


@pytest.mark.parametrize(
    ("text", "code", "markers"),
    [
        ("Wetin dey happen for this country sef? Dem go just dey talk and nothing go change.", "pcm",
         {"wetin", "sef"}),
        ("Ah dinnae ken whit they're daein wi' the gas prices, it's aw gonnae end in tears.", "sco",
         {"dinnae", "gonnae"}),
        ("Walao the referee blind liao lah, handball also never see.", "en-SG", {"walao", "lah"}),
    ],
)
def test_dialects_hold_with_their_marker_words_as_evidence(check, text, code, markers):
    signal = _one(check, text)
    assert signal.score >= HOLD
    assert signal.detail["kind"] == "dialect" and signal.detail["language"] == code
    found = {text[a:b].lower() for a, b in signal.evidence}
    assert markers <= found, found
    assert "rather than standard English" in signal.message


def test_a_dialect_with_a_few_markers_holds_but_does_not_reject(check):
    signal = _one(check, "The referee no see the handball at all, but everybody for the stadium see am.")
    assert HOLD <= signal.score < REJECT


def test_dense_unmistakable_pidgin_may_reach_reject(check):
    signal = _one(check, "The referee no see am at all, e be like say na dem pay am.")
    assert signal.score >= REJECT and signal.detail["language"] == "pcm"


def test_arabizi_is_read_from_the_original_text(check):
    text = "ana mesh 3aref leh el nas msh fahma en el mafawdat di mesh hatenfa3"
    doc = _doc(text)
    assert "3aref" not in doc.norm.text  # the shared normalisation folds the digits away
    signal = _one(check, text)
    assert signal.score >= HOLD and signal.detail["kind"] == "romanised" and signal.detail["language"] == "ar-Latn"
    assert "3aref" in {text[a:b] for a, b in signal.evidence}
    assert "Arabizi" in signal.message


@pytest.mark.parametrize(
    "text",
    [
        "I go to Lagos every December and the traffic is worse each time.",
        "Yes I am, and I really am tired of paying these bills.",
        "Don Young was a long-serving congressman, whatever you thought of him.",
        "The 5G rollout and the new 3nm chips will need far more power than the grid has.",
        "My Nigerian colleague calls the whole energy mess 'wahala', which sums it up nicely.",
        "Dem and Rep voters both hate the gas price cap, apparently.",
    ],
)
def test_english_that_shares_words_with_dialects_is_left_alone(check, text):
    assert _top(check.check(_doc(text))) < HOLD


@pytest.mark.parametrize("text", ["😂😂😂", "https://example.org/a/b?c=1", "+1", "2-1!!", "@editor #VAR", "ok"])
def test_no_words_no_signal(check, text):
    assert check.check(_doc(text)) == []


@pytest.mark.parametrize("text", ["Gracias", "Scandaleux!", "Idiot!", "GLOCK", "Clintons"])
def test_a_single_word_never_holds(check, text):
    assert _top(check.check(_doc(text))) < HOLD


def test_two_foreign_words_hold_at_most(check):
    score = _top(check.check(_doc("Quelle honte.")))
    assert score < REJECT


def test_quoted_foreign_phrase_inside_english_is_published(check):
    text = 'Bild ran the headline "Gaspreis-Schock: Jetzt wird es richtig teuer" and for once they were right.'
    signals = check.check(_doc(text))
    assert signals and _top(signals) < HOLD
    for signal in signals:  # what is reported points at the quotation, not at the English around it
        assert [text[a:b] for a, b in signal.evidence] == ["Gaspreis-Schock: Jetzt wird es richtig teuer"]
        assert "quotes a passage in German" in signal.message


def test_look_alike_letters_do_not_make_english_cyrillic(check):
    text = "Thе rеfеrее wаs tеrriblе аnd thе whоlе stadium knew it."  # Cyrillic е, а, о inside English words
    assert _top(check.check(_doc(text))) < HOLD


def test_shouted_spanish_is_still_spanish(check):
    signal = _one(check, "ESTO ES UNA VERGÜENZA, EL GOBIERNO NO HACE NADA POR LAS FAMILIAS")
    assert signal.score >= HOLD and signal.detail["language"] == "es"


def test_a_very_long_comment_is_judged_on_its_start(check):
    text = "Ce commentaire est très long et entièrement en français. " * 400
    assert _top(check.check(_doc(text))) >= REJECT


def test_loading_and_checking_need_no_network_and_write_no_cache(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the language check tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    cache = Path(tempfile.gettempdir()) / "fasttext-langdetect"
    existed = cache.exists()
    fresh = LanguageCheck()
    fresh.load()
    assert fresh._fasttext.config.custom_model_path.endswith("lid.176.ftz")
    # The bundled model answers whatever model name is asked for: the download path is unreachable.
    assert fresh._fasttext.detect("Guten Morgen, wie geht es dir?", model="full")[0]["lang"] == "de"
    assert fresh.check(_doc("Das ist ein Skandal und alle wissen es.")) != []
    assert cache.exists() == existed


def test_disguised_english_is_not_called_foreign():
    """Look-alike letters and spaced-out letters fold back to English; other rules judge what it says."""
    check = LanguageCheck()
    check.load()
    for text in ["уоu ѕtupіd соw", "You absolute m.o.r.o.n, read it again"]:
        doc = Document(id="d", text=text, norm=normalise(text))
        assert check.check(doc) == [], text

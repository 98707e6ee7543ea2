"""The fake-name check on clear cases: what it must withhold, what it must never flag, and its evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.moderation.checks.names import MESSAGES, NameCheck, name_key
from parley.moderation.document import Document
from parley.moderation.normalise import normalise

CASES = Path(__file__).parent / "cases" / "fake_name.jsonl"
HOLD, REJECT = 0.5, 0.9  # the shipped policy's thresholds for fake_name


@pytest.fixture(scope="module")
def check() -> NameCheck:
    names = NameCheck()
    names.load()
    return names


def doc(author: str | None, text: str = "Thanks for the clear report on the talks.") -> Document:
    return Document(id="c1", text=text, norm=normalise(text), author_name=author)


def score(check: NameCheck, author: str) -> float:
    signals = check.check(doc(author))
    return max((s.score for s in signals), default=0.0)


def test_interface(check):
    assert check.rule == "fake_name"
    assert check.needs_embedding is False
    assert check.check(doc(None)) == []


@pytest.mark.parametrize(("name", "category"), [
    ("Frodo Baggins", "fictional"),
    ("Darth Vader", "fictional"),
    ("Sherlock Holmes", "fictional"),  # both tokens are ranked names in the scraped table: the list wins
    ("Gandalf", "fictional"),
    ("xX_sniper_Xx", "handle"),
    ("truthseeker77", "handle"),
    ("@newsfan", "handle"),
    ("john_doe_1990", "handle"),
    ("Mr", "title_only"),
    ("Dr.", "title_only"),
    ("The Professor", "title_only"),
    ("asdfgh", "keyboard"),  # a known keyboard run is as plain as a placeholder
    ("qwerty jkl", "keyboard"),
    ("John Doe", "placeholder"),
    ("Test User", "placeholder"),
    ("Vladimir Putin", "impersonation"),
    ("Benjamin Netanyahu", "impersonation"),
    ("Osama bin Laden", "impersonation"),
    ("Abu Bakr al-Baghdadi", "impersonation"),
    ("Donald J. Trump", "impersonation"),
    ("Владимир Путин", "impersonation"),
])
def test_categorical_cases_reach_reject(check, name, category):
    found = check.assess(name)
    assert found is not None and found.category == category
    assert found.score >= REJECT


@pytest.mark.parametrize(("name", "category"), [
    ("Ben Dover", "joke"),
    ("Hugh Jass", "joke"),
    ("Mike Hunt", "joke"),
    ("Seymour Butts", "joke"),
    ("Concerned Citizen", "pseudonym"),
    ("Proud Patriot", "pseudonym"),
    ("Anonymous", "pseudonym"),
    ("A Reader", "pseudonym"),
    ("Mother of three", "pseudonym"),
    ("Gaza Observer", "pseudonym"),
    ("Xkcdqwrt Zzzz", "keyboard"),  # random typing found by rule, not by the keyboard list
    ("Moammar Kadafi", "impersonation"),  # a looser transliteration is held, not rejected
])
def test_softer_categories_are_held_not_rejected(check, name, category):
    found = check.assess(name)
    assert found is not None and found.category == category
    assert HOLD <= found.score < REJECT


@pytest.mark.parametrize("name", [
    "Jan van der Berg", "María José García-López", "Nguyễn Thị Minh Khai", "Ahmed bin Khalid Al-Mansouri",
    "Siobhán Ní Bhriain", "Liam O'Brien", "Liam O’Brien", "Priya D'Souza", "Guðrún Jónsdóttir",
    "Anna Ivanovna Petrova", "Sukarni", "Lakshmi", "J. K. Mensah", "A. Okafor", "Rose Hope", "Grace Love",
    "Hunter Stone", "Joy Bright", "محمد العلي", "דוד כהן", "Иван Петров", "王伟", "राहुल शर्मा",
    "Γιώργος Παπαδόπουλος", "สมชาย ใจดี", "Maria Putin", "David Trump", "Sarah Johnson", "Ali Khamenei-Rad",
    "Xolani Nxumalo", "Keʻalohilani Kahananui", "Grzegorz Szczepańczyk", "DeShawn Williams",
    "Blessing Moyo", "Dr. Amina Yusuf", "The Kian Seng", "Ng Wai Kit",
])
def test_real_names_from_many_cultures_are_published(check, name):
    assert score(check, name) < HOLD


def test_famous_surname_alone_is_held_but_shared_surname_is_not(check):
    assert HOLD <= score(check, "Putin") < REJECT
    assert score(check, "President Putin") >= REJECT
    assert score(check, "Maria Putin") < HOLD


def test_evasions_are_caught(check):
    assert score(check, "Dаrth Vаder") >= REJECT  # Cyrillic а inside Latin words
    assert score(check, "BenDover") >= HOLD
    assert score(check, "V l a d i m i r  P u t i n") >= REJECT
    assert score(check, "Mr. Frodo Baggins") >= REJECT


def test_signal_points_into_author_name(check):
    name = "  truthseeker77"
    (signal,) = check.check(doc(name))
    assert signal.rule == "fake_name" and signal.field == "author_name"
    assert [name[a:b] for a, b in signal.evidence] == ["77"]
    assert signal.message == MESSAGES["handle"]
    (signal,) = check.check(doc("Gandalf Smith"))
    assert [("Gandalf Smith")[a:b] for a, b in signal.evidence] == ["Gandalf"]
    assert HOLD <= signal.score < REJECT  # a fictional token beside a real surname is held


def test_plausible_names_raise_no_signal(check):
    assert check.check(doc("Wanjiru Kamau")) == []


def test_table_keys_unify_apostrophes_and_accents(check):
    assert name_key("O’Brien") == name_key("O'Brien") == "obrien"
    assert check.rank("O’Brien") is not None
    assert check.rank("Nguyễn") is not None and check.rank("Nguyen") is not None
    assert check.rank("Al-Mansouri") is not None  # a hyphenated name is known when its parts are


def test_model_separates_gibberish_from_real_tokens(check):
    assert check.p_fake("xkqzvbtw") > check.model_threshold
    for real in ("okonkwo", "nakamura", "fernandez", "kowalczyk"):
        assert check.p_fake(real) < check.model_threshold


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_authored_cases_file_is_well_formed():
    cases = _cases()
    assert all(c["rule"] == "fake_name" and c["author_name"] and c["text"] and c["note"] for c in cases)
    assert sum(c["expect"] == "withhold" for c in cases) >= 60
    assert sum(c["expect"] == "publish" for c in cases) >= 80


def test_authored_cases(check):
    wrong = []
    for case in _cases():
        withheld = score(check, case["author_name"]) >= HOLD
        if withheld != (case["expect"] == "withhold"):
            wrong.append(f"{case['author_name']} ({case['note']})")
    assert wrong == []

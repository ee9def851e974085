# SPDX-License-Identifier: MIT
"""Did-you-mean over many words: exactly difflib's answer on small sets, the slips of typing
found on large ones (bench/bad_rows.py times it: 1,000 bad rows against 100,000 agencies)."""

from __future__ import annotations

import difflib

import pytest

from xzjd.text import close_words
from xzjd.text.close_words import CloseWords

SMALL_SET = ["km-gov", "km-jc", "km-sj", "yn-gov", "yn-jc", "qj-gov"]


@pytest.mark.parametrize("word", ["km-gv", "yn-jcc", "kmgov", "zz", "qj-gvo", "昆明"])
def test_small_sets_answer_as_difflib(word: str) -> None:
    expected = difflib.get_close_matches(word, SMALL_SET, n=1)
    assert CloseWords(SMALL_SET).best(word) == (expected[0] if expected else None)


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch) -> CloseWords:
    # A "large" set without making 100,000 words: lower the threshold.
    monkeypatch.setattr(close_words, "SMALL", 10)
    words = [
        f"{p}-c{n:02d}-{k}"
        for p in ("yn-km", "yn-qj", "sc-cd")
        for n in range(30)
        for k in ("gov", "jc", "sj")
    ]
    return CloseWords(words)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("yn-km-c12-gvo", "yn-km-c12-gov"),  # neighbours swapped
        ("yn-km-c12-go", "yn-km-c12-gov"),  # a letter left out
        ("yn-km-c12-govv", "yn-km-c12-gov"),  # a letter added
        ("sc-cd-c07-jx", "sc-cd-c07-jc"),  # a letter changed
    ],
)
def test_one_slip_is_found_among_many(many: CloseWords, typed: str, meant: str) -> None:
    assert many.best(typed) == meant


def test_further_slips_fall_back_to_shared_pairs(many: CloseWords) -> None:
    assert many.best("yn-qj-c21-gvo-x") == "yn-qj-c21-gov"
    assert many.best("完全不同") is None


def test_each_word_is_answered_once(many: CloseWords, monkeypatch: pytest.MonkeyPatch) -> None:
    assert many.best("yn-km-c01-jx") == "yn-km-c01-jc"
    monkeypatch.setattr(CloseWords, "_one_slip", lambda self, word: pytest.fail("asked twice"))
    assert many.best("yn-km-c01-jx") == "yn-km-c01-jc"

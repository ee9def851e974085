# SPDX-License-Identifier: MIT
"""Printing a model and parsing it back gives the same model, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import xzjd
from strategies import rulesets
from xzjd.errors import Severity
from xzjd.language.checked import diagnostics
from xzjd.language.printer import to_text
from xzjd.model import Ruleset

pytestmark = pytest.mark.slow  # hypothesis, generated rulesets: ~110 s


class TestRoundTrip:
    @settings(max_examples=300, deadline=None)
    @given(rulesets())
    def test_generated_models_are_valid(self, ruleset: Ruleset) -> None:
        """The strategy draws models that pass every semantic check (warnings allowed)."""
        assert [d for d in diagnostics(ruleset) if d.severity is Severity.ERROR] == []

    @settings(max_examples=300, deadline=None)
    @given(rulesets())
    def test_english_text_parses_to_the_model(self, ruleset: Ruleset) -> None:
        """to_text(model, 'en') parses to an equal model."""
        assert xzjd.loads(to_text(ruleset, "en")) == ruleset

    @settings(max_examples=300, deadline=None)
    @given(rulesets())
    def test_chinese_text_parses_to_the_model(self, ruleset: Ruleset) -> None:
        """to_text(model, 'zh') parses to an equal model."""
        assert xzjd.loads(to_text(ruleset, "zh")) == ruleset

    @settings(max_examples=200, deadline=None)
    @given(rulesets())
    def test_zh_en_zh_gives_the_original_text(self, ruleset: Ruleset) -> None:
        """Chinese canonical text -> English -> Chinese is the original text."""
        zh = to_text(ruleset, "zh")
        en = to_text(xzjd.loads(zh), "en")
        assert to_text(xzjd.loads(en), "zh") == zh

    @settings(max_examples=200, deadline=None)
    @given(rulesets())
    def test_canonical_text_is_a_fixed_point(self, ruleset: Ruleset) -> None:
        """Printing the parse of a canonical text gives the same text."""
        en = to_text(ruleset, "en")
        assert to_text(xzjd.loads(en), "en") == en

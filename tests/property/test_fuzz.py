# SPDX-License-Identifier: MIT
"""Whatever the text, the parser returns a model or raises the project's own error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xzjd
from strategies import rulesets
from xzjd.errors import SourceError, XzjdError
from xzjd.language.printer import to_text
from xzjd.model import Ruleset

pytestmark = pytest.mark.slow  # hypothesis, generated and mutated texts: ~35 s

SEED_EN = """ruleset "Yunnan administrative conduct supervision, 2010"
effective 2010-01-22
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  hold accountable 30 days after the deadline

obligation bimonthly-report "Bi-monthly progress report":
  source "Measures, art. 17"
  applies to every administrative organ, every county government tagged x
  by the end of every even month, file progress report with the same-level supervisory organ
  escalation standard

obligation rollup:
  applies to every supervisory organ
  by the 5th of the following month after each deadline of bimonthly-report, file 汇总 with yn-gov
"""

SEED_ZH = """规则集 "云南省行政行为监督制度 2010"
生效 2010-01-22
日历 yn
期限届满日为休息日的，顺延至其后第一个工作日

日历 yn 基于 cn：
  休息 2027-10-01 至 2027-10-07
  上班 2027-09-26

升级 standard：
  截止前5个工作日预警
  逾期1日督促

义务 bimonthly-report 双月报告：
  依据 「实施办法第十七条」
  适用于 各级行政机关、标记为审批多的县级部门
  逢双月底前，向同级行政监察机关和 yn-gov 报送 推进情况
  升级 standard

义务 rectify：
  发现问题之日起30个工作日内，完成 整改
"""

INTERESTING = [
    *list(':：,，、"“”「」#\t\n \u3000-0123456789'),
    "by ",
    "each",
    "every",
    "the end of",
    "with",
    "前",
    "月",
    "年",
    "日",
    "之日起",
    "逢双",
    "向",
    "报送",
    "obligation x:\n",
    "  ",
    "\n  ",
]


def outcome(text: str) -> Ruleset | XzjdError:
    """Parse *text*; the result is a Ruleset or an XzjdError, anything else fails the test."""
    try:
        return xzjd.loads(text, file="fuzz.xzjd")
    except XzjdError as exc:
        if isinstance(exc, SourceError):
            n_lines = text.count("\n") + 2
            for diag in exc.diagnostics:
                assert diag.code
                assert diag.render()
                assert diag.render(lang="zh")
                if diag.span is not None:
                    assert 1 <= diag.span.line <= n_lines
                    assert diag.span.column >= 1
        return exc


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """*base* with a few insertions, deletions and replacements."""
    text = base
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        pos = draw(st.integers(min_value=0, max_value=len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line"]))
        if op == "insert":
            piece = draw(st.sampled_from(INTERESTING) | st.text(max_size=3))
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            end = pos + draw(st.integers(min_value=1, max_value=6))
            text = text[:pos] + text[end:]
        elif op == "replace" and pos < len(text):
            text = text[:pos] + draw(st.sampled_from(INTERESTING)) + text[pos + 1 :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
    return text


class TestNeverAForeignException:
    @settings(max_examples=400, deadline=None)
    @given(st.text(max_size=200))
    def test_arbitrary_text(self, text: str) -> None:
        """Arbitrary Unicode text never raises anything but XzjdError."""
        outcome(text)

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(INTERESTING + list("abcdefwy")), max_size=40))
    def test_text_made_of_language_pieces(self, pieces: list[str]) -> None:
        """Text made of keywords and punctuation never raises anything but XzjdError."""
        outcome("".join(pieces))

    @settings(max_examples=500, deadline=None)
    @given(st.sampled_from([SEED_EN, SEED_ZH]).flatmap(mutated))
    def test_mutated_valid_files(self, text: str) -> None:
        """Small edits of valid files give a model or an XzjdError."""
        outcome(text)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_mutated_generated_files(self, data: st.DataObject) -> None:
        """Small edits of the canonical text of generated models give a model or an XzjdError."""
        ruleset = data.draw(rulesets())
        text = to_text(ruleset, data.draw(st.sampled_from(["en", "zh"])))
        outcome(data.draw(mutated(text)))

    def test_seeds_are_valid(self) -> None:
        """The seed files themselves parse."""
        assert isinstance(outcome(SEED_EN), Ruleset)
        assert isinstance(outcome(SEED_ZH), Ruleset)

# SPDX-License-Identifier: MIT
"""The pytest plugin: scenario files collected as items, failures explained, bad input shown.

``plan`` below is due 2010-04-01 (a Thursday); on 2010-04-20 it is 19 days overdue
(04-02..04-20), past the notify step at 15 days.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

RULES = """\
ruleset "Test rules"
effective 2010-03-01
calendar cn

escalation standard:
  urge 1 day after the deadline
  notify 15 days after the deadline

obligation plan "Plan":
  applies to every administrative organ
  by April 1, 2010, file plan with the same-level supervisory organ
  escalation standard
"""

TESTS = """\
rules "rules.xzjd"
agencies:
  km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
  km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,

scenario "notified":
  on 2010-04-20
  expect km-gov plan once overdue 19 days, step notify

场景 "只是督促"：
  评估日 2010-04-20
  预期 km-gov plan once 逾期19日，督促
"""


class TestPlugin:
    """Scenario files become pytest items."""

    def test_collects_one_item_per_scenario(self, pytester: pytest.Pytester) -> None:
        """Both scenarios are collected, by title."""
        pytester.makefile(".xzjd", rules=RULES)
        pytester.makefile(".test.xzjd", a=TESTS)
        result = pytester.runpytest("--collect-only", "-q")
        result.stdout.fnmatch_lines(["a.test.xzjd::notified", "a.test.xzjd::只是督促"])

    def test_pass_and_explained_failure(self, pytester: pytest.Pytester) -> None:
        """The right scenario passes; the wrong one fails with expected vs actual."""
        pytester.makefile(".xzjd", rules=RULES)
        pytester.makefile(".test.xzjd", a=TESTS)
        result = pytester.runpytest()
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines(
            [
                "*expected: overdue, 19 days overdue, step urge*",
                "*actual:   overdue, 19 days overdue, step notify*",
                "*deadline:*2010-04-01*",
            ]
        )
        assert "Traceback" not in result.stdout.str()

    def test_bad_input_is_a_collection_error(self, pytester: pytest.Pytester) -> None:
        """An unknown agency is shown with its position and caret, without a traceback."""
        pytester.makefile(".xzjd", rules=RULES)
        pytester.makefile(".test.xzjd", a=TESTS.replace("expect km-gov", "expect km-gvo"))
        result = pytester.runpytest()
        result.assert_outcomes(errors=1)
        out = result.stdout.str()
        assert "a.test.xzjd:8:10: error[expect/unknown-agency]: unknown agency 'km-gvo'" in out
        assert "      |          ^^^^^^" in out
        assert "Traceback" not in out

    def test_examples_are_collected(self, pytester: pytest.Pytester) -> None:
        """`pytest examples/` collects the Yunnan scenarios and they pass."""
        result = pytester.runpytest(str(ROOT / "examples"), "-q", "-p", "no:cacheprovider")
        outcomes = result.parseoutcomes()
        assert outcomes.get("passed", 0) >= 18
        assert "failed" not in outcomes and "errors" not in outcomes

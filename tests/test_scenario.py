# SPDX-License-Identifier: MIT
"""Scenario tests: syntax in both languages, bad tests, running, coverage, Python helpers.

The rules used here (``RULES``) and their dates, worked by hand from the 2010 calendar
(国办发明电〔2009〕27号: rest 4-3..4-5 and 5-1..5-3; 2010-04-01 is a Thursday, 2010-04-30 a
Friday, 2010-10-31 a Sunday):

* ``plan``: by April 1, 2010 -> due 2010-04-01 (a working day, never moved).
* ``report``: the end of every even month; the first period is 2010-B2 (effective 2010-03-01),
  due 2010-04-30; 2010-B5's nominal 2010-10-31 moves to Monday 2010-11-01.
* ladder ``standard``: warn from the 3rd working day before the deadline; urge 1 day after;
  notify 15 days after.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import xzjd
from xzjd.errors import CheckError, ParseError, SourceError
from xzjd.model import DataKind, Step
from xzjd.scenarios import coverage, load_test_file, run_file, run_scenario
from xzjd.testing import assert_not_reported, assert_status, run_scenarios

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "yunnan-2010"

RULES = """\
ruleset "Test rules"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 3 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline

obligation plan "Plan":
  applies to every administrative organ
  by April 1, 2010, file plan with the same-level supervisory organ
  escalation standard

obligation report "Bi-monthly":
  applies to every government
  by the end of every even month, file progress report with supervisory organ
  escalation standard
"""

AGENCIES = """\
agencies:
  km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
  km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""

AGENCIES_ZH = """\
机关：
  km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
  km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""


def write(tmp_path: Path, body: str, *, name: str = "a.test.xzjd", head: str = AGENCIES) -> Path:
    """Write the rules and a test file naming them; return the test file's path."""
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    path = tmp_path / name
    path.write_text('rules "rules.xzjd"\n' + head + "\n" + body, encoding="utf-8")
    return path


def codes(exc: pytest.ExceptionInfo[CheckError] | pytest.ExceptionInfo[ParseError]) -> list[str]:
    """The diagnostic codes of a raised source error."""
    return [d.code for d in exc.value.diagnostics]


class TestSyntax:
    """Scenario blocks parse in English and Chinese into the same model."""

    def test_english_and_chinese_are_equal(self) -> None:
        """The same expectations written in both languages give equal models."""
        en = xzjd.loads(
            'rules "r.xzjd"\n'
            'scenario "s":\n'
            "  on 2010-05-20\n"
            "  expect km-gov report 2010-B2 overdue 15 days, step notify, due 2010-04-30\n"
            "  expect km-gov plan once late, recipients km-jc and yn-jc\n"
            "  expect km-gov plan once overdue, no step\n"
            "  expect km-gov report 2010-B1 not reported\n"
            "  expect km-gov plan once pending\n"
            "  expect km-gov plan once warning\n"
            "  expect km-gov plan once done\n"
            "  expect km-gov plan once waived, recipients none\n"
        )
        zh = xzjd.loads(
            '规则 "r.xzjd"\n'
            '场景 "s"：\n'
            "  评估日 2010-05-20\n"
            "  预期 km-gov report 2010-B2 逾期15日，通报，截止 2010-04-30\n"
            "  预期 km-gov plan once 逾期完成，接收 km-jc、yn-jc\n"
            "  预期 km-gov plan once 逾期，未升级\n"
            "  预期 km-gov report 2010-B1 不列出\n"
            "  预期 km-gov plan once 待办\n"
            "  预期 km-gov plan once 预警\n"
            "  预期 km-gov plan once 按时完成\n"
            "  预期 km-gov plan once 免除，接收 无\n"
        )
        assert en == zh
        first = en.scenarios[0].expectations[0]
        assert (first.state, first.days_overdue, first.step) == ("overdue", 15, Step.NOTIFY)
        assert first.due == dt.date(2010, 4, 30)
        assert en.scenarios[0].expectations[3].absent
        assert en.scenarios[0].expectations[7].recipients == ()

    def test_alternative_chinese_words(self) -> None:
        """未到期, 已完成 and 免报 mean pending, done and waived."""
        r = xzjd.loads(
            '规则 "r.xzjd"\n场景 "s"：\n  日期 2010-05-20\n'
            "  预期 a plan once 未到期\n  预期 a plan once 已完成\n  预期 a plan once 免报\n"
        )
        assert [e.state for e in r.scenarios[0].expectations] == ["pending", "done", "waived"]

    def test_data_lines(self) -> None:
        """Files, inline rows and 'none' are kept with their kind."""
        r = xzjd.loads(
            'rules "r.xzjd"\nagencies "agencies.csv"\n'
            'scenario "s":\n  on 2010-05-20\n  filings:\n    f1,a,plan,2010-04-01,,,\n'
            "  events none\n  expect a plan once done\n"
        )
        assert r.data[0].kind is DataKind.AGENCIES and r.data[0].path == "agencies.csv"
        data = r.scenarios[0].data
        assert data[0].kind is DataKind.FILINGS
        assert [row.text for row in data[0].rows] == ["f1,a,plan,2010-04-01,,,"]
        assert data[1].kind is DataKind.EVENTS and data[1].path is None and not data[1].rows

    def test_round_trip_through_the_printer(self) -> None:
        """The canonical text of the Yunnan scenarios parses back to an equal model."""
        model = xzjd.load(EXAMPLE / "yunnan.test.xzjd")
        for lang in ("en", "zh"):
            assert xzjd.loads(xzjd.to_text(model, lang)) == model

    def test_unknown_state_word_is_a_syntax_error(self) -> None:
        """A misspelt state points at the word and suggests the right one."""
        with pytest.raises(ParseError) as exc:
            xzjd.loads('rules "r.xzjd"\nscenario "s":\n  on 2010-05-20\n  expect a b once overdu\n')
        diag = exc.value.diagnostics[0]
        assert diag.code == "syntax/unknown-word"
        assert (diag.span.line, diag.span.column) == (4, 19)
        assert diag.hint == "did you mean 'overdue'?"


class TestBadTests:
    """A test that cannot be right is bad input, pointing at its line and column."""

    def test_unknown_names(self, tmp_path: Path) -> None:
        """Unknown agency, obligation and period are reported together, each at its word."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n'
            "  expect km-gvo plan once overdue\n"
            "  expect km-gov plam once overdue\n"
            "  expect km-gov report 2010-B7 pending\n",
        )
        with pytest.raises(CheckError) as exc:
            load_test_file(path)
        found = [(d.code, d.span.line, d.span.column) for d in exc.value.diagnostics]
        # Line 1 is the rules line, 2-4 the agencies block, 5 blank, 6 the scenario header.
        assert found == [
            ("expect/unknown-agency", 8, 10),
            ("expect/unknown-obligation", 9, 17),
            ("expect/unknown-period", 10, 24),
        ]
        assert exc.value.diagnostics[0].hint == "did you mean 'km-gov'?"
        assert "^^^^^^" in exc.value.render()

    def test_impossible_expectations(self, tmp_path: Path) -> None:
        """Overdue on its own due date, days that contradict the due date, a step when done."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n'
            "  expect km-gov plan once overdue, due 2010-04-20\n"
            "  expect km-gov plan once overdue 10 days, due 2010-04-01\n"
            "  expect km-gov plan once done, step urge\n"
            "  expect km-gov plan once overdue, step discipline\n"
            "  expect km-gov report 2010-B2 pending, due 2010-04-01\n",
        )
        with pytest.raises(CheckError) as exc:
            load_test_file(path)
        assert codes(exc) == [
            "expect/impossible",
            "expect/impossible",
            "expect/impossible",
            "expect/impossible-step",
            "expect/impossible",
        ]
        # 2010-04-20 - 10 days = 2010-04-10, not the 04-01 the line states.
        assert "means due 2010-04-10, not 2010-04-01" in exc.value.diagnostics[1].message

    def test_missing_date_and_rules(self, tmp_path: Path) -> None:
        """A scenario needs a date; a test file needs rules that exist."""
        path = write(tmp_path, 'scenario "s":\n  expect km-gov plan once overdue\n')
        with pytest.raises(CheckError) as exc:
            load_test_file(path)
        assert codes(exc) == ["scenario/no-date"]
        other = tmp_path / "b.test.xzjd"
        other.write_text('rules "missing.xzjd"\n', encoding="utf-8")
        with pytest.raises(CheckError) as exc2:
            load_test_file(other)
        assert codes(exc2) == ["scenario/no-such-rules"]
        (tmp_path / "c.test.xzjd").write_text('scenario "s":\n  on 2010-01-01\n', "utf-8")
        with pytest.raises(CheckError) as exc3:
            load_test_file(tmp_path / "c.test.xzjd")
        assert codes(exc3) == ["scenario/no-rules"]

    def test_bad_inline_row_points_into_the_test_file(self, tmp_path: Path) -> None:
        """An unknown kind in an inline agencies row is shown at its cell in the test file."""
        head = AGENCIES + "  bad,x,wizard,prefecture,y,\n"
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n  expect km-gov plan once overdue\n',
            head=head,
        )
        with pytest.raises(SourceError) as exc:
            load_test_file(path)
        diag = exc.value.diagnostics[0]
        assert diag.code == "input/unknown-kind"
        assert diag.file == str(path)
        # "  bad,x,wizard": the row starts in column 3, 'wizard' is its 7th character.
        assert (diag.span.line, diag.span.column) == (5, 9)
        assert diag.line_text == "  bad,x,wizard,prefecture,y,"


class TestFactsErrors:
    """Facts that are missing or do not fit together are bad input naming the scenario."""

    def test_missing_data_file(self, tmp_path: Path) -> None:
        """A data file that does not exist is reported at the line naming it."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n  filings "nope.csv"\n'
            "  expect km-gov plan once overdue\n",
        )
        with pytest.raises(CheckError) as exc:
            load_test_file(path)
        assert codes(exc) == ["scenario/no-such-file"]
        assert exc.value.diagnostics[0].span.line == 8

    def test_filing_of_an_unlisted_agency(self, tmp_path: Path) -> None:
        """A filing by an agency the scenario does not list names the scenario too."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n  filings:\n    f1,zt-gov,plan,2010-04-01,,,\n'
            "  expect km-gov plan once overdue\n",
        )
        test = load_test_file(path)
        with pytest.raises(SourceError) as exc:
            run_scenario(test, 0)
        assert [d.code for d in exc.value.diagnostics] == [
            "input/unknown-agency",
            "scenario/bad-facts",
        ]
        assert exc.value.diagnostics[1].span.line == 6


class TestRunning:
    """Running compares expectations with the evaluation and explains failures."""

    def test_passing_expectations(self, tmp_path: Path) -> None:
        """Hand-worked states of both obligations hold."""
        path = write(
            tmp_path,
            'scenario "April 20":\n  on 2010-04-20\n'
            # plan due 2010-04-01; 04-02..04-20 = 19 days; 19 >= 15 -> notify.
            "  expect km-gov plan once overdue 19 days, step notify, recipients km-jc\n"
            # km-jc is its own same-level supervisory organ: no recipient.
            "  expect km-jc plan once overdue 19 days, recipients none\n"
            # B2 due 04-30; warning from 04-27 (3rd working day before): pending on 04-20.
            "  expect km-gov report 2010-B2 pending, due 2010-04-30\n"
            # report applies to governments only.
            "  expect km-jc report 2010-B2 not reported\n"
            'scenario "April 28":\n  on 2010-04-28\n'
            "  expect km-gov report 2010-B2 warning\n",
        )
        test = load_test_file(path)
        results = run_file(test)
        assert [r.passed for r in results] == [True, True]

    def test_failure_says_what_differs_and_explains(self, tmp_path: Path) -> None:
        """A wrong expectation shows expected, actual and the deadline computation."""
        path = write(
            tmp_path,
            'scenario "wrong":\n  on 2010-04-20\n'
            "  expect km-gov plan once overdue 5 days, step urge\n",
        )
        result = run_scenario(load_test_file(path), 0)
        assert not result.passed
        (r,) = result.results
        assert r.mismatches == ("days overdue", "step")
        assert r.status is not None and r.status.days_overdue == 19
        text = result.render()
        assert "FAIL" in text
        assert "expected: overdue, 5 days overdue, step urge" in text
        assert "actual:   overdue, 19 days overdue, step notify" in text
        assert "deadline:" in text and "2010-04-01" in text

    def test_failure_in_chinese(self, tmp_path: Path) -> None:
        """With lang="zh" the expected and actual values are written in Chinese."""
        path = write(
            tmp_path,
            '场景 "错"：\n  评估日 2010-04-20\n  预期 km-gov plan once 逾期5日，督促\n',
            head=AGENCIES_ZH,
        )
        text = run_scenario(load_test_file(path), 0, lang="zh").render(lang="zh")
        assert "预期：逾期5日，督促" in text
        # Due 2010-04-01; 04-02..04-20 = 19 days; notify from 15 days.
        assert "实际：逾期19日，通报，截止 2010-04-01，接收 km-jc" in text
        assert "不同：逾期日数、升级步骤" in text

    def test_not_reported_failures(self, tmp_path: Path) -> None:
        """A period that is missing, or present when it should not be, fails with a reason."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n'
            "  expect km-jc report 2010-B2 pending\n"
            "  expect km-gov report 2010-B2 not reported\n",
        )
        result = run_scenario(load_test_file(path), 0)
        first, second = result.results
        assert first.mismatches == ("not reported",)
        assert first.note == "km-jc does not owe report"
        assert not second.passed

    def test_scenarios_inside_a_rules_file(self, tmp_path: Path) -> None:
        """A scenario in a rules file tests that file's own ruleset."""
        path = tmp_path / "rules.xzjd"
        path.write_text(
            RULES + "\n" + AGENCIES + '\nscenario "own":\n  on 2010-04-20\n'
            "  expect km-gov plan once overdue 19 days\n",
            encoding="utf-8",
        )
        test = load_test_file(path)
        assert test.rules_path == str(path)
        assert [r.passed for r in run_file(test)] == [True]

    def test_chinese_scenario_with_inline_filing(self, tmp_path: Path) -> None:
        """A filing on the deadline day is done; one after it is late."""
        path = write(
            tmp_path,
            '场景 "报送"：\n  评估日 2010-05-10\n  报送：\n'
            "    f1,km-gov,plan,2010-04-01,,,\n    f2,km-gov,report,2010-05-04,,,\n"
            "  预期 km-gov plan once 按时完成\n"
            # B2 due 04-30 (Friday); filed 05-04, after the May Day rest: late.
            "  预期 km-gov report 2010-B2 逾期完成，截止 2010-04-30\n",
            head=AGENCIES_ZH,
        )
        assert [r.passed for r in run_file(load_test_file(path))] == [True]


class TestCoverage:
    """Coverage counts obligations, schedule branches and bearers."""

    def test_percentages_and_missed(self, tmp_path: Path) -> None:
        """Two expectations exercise 9 of 22 items, worked out by hand."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-04-20\n'
            "  expect km-gov plan once overdue 19 days, step notify\n"
            "  expect km-gov report 2010-B2 pending\n",
        )
        (cov,) = coverage(run_file(load_test_file(path)))
        areas = {a.name: a for a in cov.areas}
        # obligations: plan, report -> 2 of 2.
        assert areas["obligations"].percent == 100.0
        # Branches per obligation: deadline kept (no period up to 2010-04-20 moves), six
        # states, two steps = 9; both obligations -> 18. Hit: plan kept/overdue/notify,
        # report kept/pending = 5.
        assert len(areas["branches"].possible) == 18
        assert len(areas["branches"].possible) - len(areas["branches"].missed) == 5
        assert "plan: state done" in areas["branches"].missed
        # Bearers: 'every administrative organ' and 'every government', both hit by km-gov.
        assert areas["bearers"].percent == 100.0
        # (2 + 5 + 2) / (2 + 18 + 2) = 9 / 22.
        assert cov.percent == pytest.approx(100 * 9 / 22)
        assert "missed branches" in cov.render()

    def test_moved_deadline_is_a_branch_when_it_can_happen(self, tmp_path: Path) -> None:
        """By 2010-11-15 report's B5 (10-31, a Sunday) has moved: the branch is counted."""
        path = write(
            tmp_path,
            'scenario "s":\n  on 2010-11-15\n'
            # due 11-01; 11-02..11-15 = 14 days -> urge (notify from 15).
            "  expect km-gov report 2010-B5 overdue 14 days, step urge, due 2010-11-01\n",
        )
        (cov,) = coverage(run_file(load_test_file(path)))
        branches = {a.name: a for a in cov.areas}["branches"]
        assert "report: deadline moved to the next working day" in branches.possible
        assert "report: deadline moved to the next working day" in branches.hit
        assert "plan: deadline moved to the next working day" not in branches.possible


class TestYunnanBroken:
    """Breaking one deadline of the example fails the scenarios that rely on it."""

    def test_changed_deadline_fails_the_right_scenarios(self, tmp_path: Path) -> None:
        """Table 2 due 5月1日 instead of 4月1日: the Zhaotong Table 2 scenarios fail."""
        copy = tmp_path / "yunnan"
        shutil.copytree(EXAMPLE, copy)
        rules = copy / "rules.zh.xzjd"
        text = rules.read_text(encoding="utf-8")
        old = "  4月1日前，向同级行政监察机关报送 表二"
        assert text.count(old) == 1
        rules.write_text(text.replace(old, "  5月1日前，向同级行政监察机关报送 表二"), "utf-8")
        results = run_scenarios(copy)
        failed = [r for r in results if not r.passed]
        assert [r.scenario.title for r in failed] == [
            "Zhaotong has not filed Table 2 across the Qingming holiday",
            "昭通市未报表二：跨清明假期逾期",
        ]
        text = failed[1].render()
        # 5月1日 is in the May Day rest (5-1..5-3): the deadline moves to 2010-05-04, so on
        # 2010-04-06 the period is pending, not 5 days overdue.
        assert "expected: overdue, 5 days overdue, step urge, due 2010-04-01" in text
        assert "actual:   pending, due 2010-05-04 (nominal 2010-05-01" in text
        assert "5月1日前" in text

    def test_example_passes(self) -> None:
        """Every scenario of the example passes as written."""
        results = run_scenarios(EXAMPLE)
        assert results and all(r.passed for r in results)


class TestHelpers:
    """xzjd.testing: assertions with readable messages."""

    @pytest.fixture()
    def statuses(self) -> list[xzjd.Status]:
        rules = xzjd.loads(RULES)
        agencies = xzjd.read_agencies(EXAMPLE / "agencies.csv")
        return xzjd.evaluate(rules, agencies, (), on=dt.date(2010, 4, 20), agency="km-gov")

    def test_assert_status_passes(self, statuses: list[xzjd.Status]) -> None:
        """Matching values pass and the status is returned."""
        s = assert_status(
            statuses,
            "km-gov",
            "plan",
            "once",
            state="overdue",
            days_overdue=19,
            step="notify",
            due="2010-04-01",
            recipients=["km-jc"],
        )
        assert s.period == "once"

    def test_assert_status_message(self, statuses: list[xzjd.Status]) -> None:
        """A mismatch lists each differing value and what was reported."""
        with pytest.raises(AssertionError) as exc:
            assert_status(statuses, "km-gov", "plan", "once", state="done", step=None)
        message = str(exc.value)
        assert "state: expected done, got overdue" in message
        assert "step: expected None, got notify" in message

    def test_missing_period_message(self, statuses: list[xzjd.Status]) -> None:
        """A missing period lists the periods that are reported."""
        with pytest.raises(AssertionError, match=r"not reported .*2010-B2"):
            assert_status(statuses, "km-gov", "report", "2010-B1", state="pending")
        assert_not_reported(statuses, "km-gov", "report", "2010-B1")
        with pytest.raises(AssertionError, match="expected not reported"):
            assert_not_reported(statuses, "km-gov", "report", "2010-B2")

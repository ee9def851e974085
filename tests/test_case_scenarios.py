# SPDX-License-Identifier: MIT
"""Scenario tests of cases (办件): the cases data kind and case expectations, in both
languages, printed back, run, and refused when they are bad tests.

The rules are examples/licensing/licensing.en.xzjd (ladder: yellow 1 working day before the
deadline, red and urge the day after, notify 10 working days after). Dates worked by hand on
the 2025 calendar (国办发明电〔2024〕12号: Labour Day rest 05-01..05-05 with Sunday 04-27
working; Dragon Boat rest 05-31..06-02):

* a licence accepted Friday 2025-04-25 is due Tuesday 2025-05-27: 04-27 (1), 04-28..30 (4),
  05-06..09 (8), 05-12..16 (13), 05-19..23 (18), 05-26 (19), 05-27 (20); its yellow day is
  Monday 05-26, its red day Wednesday 05-28;
* paused for 专家评审 05-06..05-09 (4 working days), it is due 4 working days later:
  05-28, 05-29, 05-30, 06-03 (06-02 is a rest day) -> 2025-06-03.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import CheckError, InputError
from xzjd.language import to_text
from xzjd.model import CaseExpectation, DataKind, Step
from xzjd.scenarios import load_test_file, run_scenario
from xzjd.testing import run_scenarios

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "licensing"
D = dt.date.fromisoformat

EN = """\
rules "licensing.en.xzjd"
agencies "agencies.csv"
cases:
  XK-1,km-scj,licence,受理申请,2025-04-25
  XK-2,km-scj,licence,受理申请,2025-04-25
  XK-2,km-scj,licence,暂停,2025-05-06,专家评审
  XK-2,km-scj,licence,恢复,2025-05-09,

scenario "the day after the deadline":
  on 2025-05-28
  expect case XK-1 overdue 1 day, step urge, due 2025-05-27, yellow 2025-05-26, red 2025-05-28
  expect case XK-2 pending, due 2025-06-03, no yellow, no red
"""

ZH = """\
规则 "licensing.en.xzjd"
机关 "agencies.csv"
办件：
  XK-1,km-scj,licence,受理申请,2025-04-25
  XK-2,km-scj,licence,受理申请,2025-04-25
  XK-2,km-scj,licence,暂停,2025-05-06,专家评审
  XK-2,km-scj,licence,恢复,2025-05-09,

场景 "the day after the deadline"：
  评估日 2025-05-28
  预期 办件 XK-1 逾期1日 督促 截止 2025-05-27 黄灯 2025-05-26 红灯 2025-05-28
  预期 办件 XK-2 未到期，截止 2025-06-03，无黄灯，无红灯
"""


def work(tmp_path: Path, text: str, name: str = "a.test.xzjd") -> Path:
    """The example's rules and agencies next to a test file of *text*; the test file."""
    for f in ("licensing.en.xzjd", "agencies.csv", "cases.csv"):
        shutil.copy(EXAMPLE / f, tmp_path / f)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scenario(on: str, *lines: str, data: str = "") -> str:
    """A test file of one scenario on *on* over the inline cases of EN, or *data*."""
    head = data or EN.split("\n\nscenario", 1)[0]
    return head + '\n\nscenario "s":\n  on ' + on + "\n" + "".join(f"  {x}\n" for x in lines)


class TestSyntax:
    def test_english_and_chinese_are_equal(self) -> None:
        en, zh = xzjd.loads(EN), xzjd.loads(ZH)
        assert en.scenarios == zh.scenarios
        assert en.data == zh.data
        assert en.data[1].kind is DataKind.CASES and len(en.data[1].rows) == 4
        first, second = en.scenarios[0].case_expectations
        assert first == CaseExpectation(
            case="XK-1",
            state="overdue",
            days_overdue=1,
            step=Step.URGE,
            due=D("2025-05-27"),
            yellow=D("2025-05-26"),
            red=D("2025-05-28"),
        )
        assert second.no_yellow and second.no_red and second.state == "pending"
        assert en.scenarios[0].expectations == ()

    def test_files_and_none(self) -> None:
        en = xzjd.loads('cases "c.csv"\ncases none\n')
        zh = xzjd.loads('办件 "c.csv"\n办件 无\n')
        assert en.data == zh.data
        assert [(d.kind, d.path, d.rows) for d in en.data] == [
            (DataKind.CASES, "c.csv", ()),
            (DataKind.CASES, None, ()),
        ]

    def test_not_reported(self) -> None:
        en = xzjd.loads(scenario("2025-05-28", "expect case XK-9 not reported"))
        zh = xzjd.loads(scenario("2025-05-28", "预期 办件 XK-9 不列出"))
        assert en.scenarios == zh.scenarios
        assert en.scenarios[0].case_expectations == (CaseExpectation(case="XK-9", absent=True),)

    @pytest.mark.parametrize("text", [EN, ZH])
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_round_trip_through_the_printer(self, text: str, lang: str) -> None:
        model = xzjd.loads(text)
        printed = to_text(model, lang)
        again = xzjd.loads(printed)
        assert again.scenarios == model.scenarios and again.data == model.data
        assert to_text(again, lang) == printed

    def test_example_files_say_the_same(self) -> None:
        zh = xzjd.load(EXAMPLE / "licensing.test.xzjd")
        en = xzjd.load(EXAMPLE / "licensing.en.test.xzjd")
        assert [s.case_expectations for s in zh.scenarios] == [
            s.case_expectations for s in en.scenarios
        ]
        assert [(s.on, s.data) for s in zh.scenarios] == [(s.on, s.data) for s in en.scenarios]
        assert zh.data == en.data

    def test_recipients_are_not_a_case_clause(self) -> None:
        with pytest.raises(xzjd.ParseError):
            xzjd.loads(scenario("2025-05-28", "expect case XK-1 pending, recipients km-gov"))

    def test_existing_period_expectations_are_unchanged(self) -> None:
        model = xzjd.load(ROOT / "examples" / "yunnan-2010" / "yunnan.en.test.xzjd")
        assert all(s.case_expectations == () for s in model.scenarios)
        assert all(s.expectations for s in model.scenarios)


class TestRunning:
    def test_passing(self, tmp_path: Path) -> None:
        test = load_test_file(work(tmp_path, EN))
        result = run_scenario(test, 0)
        assert result.passed, result.render()
        assert [r.passed for r in result.case_results] == [True, True]

    def test_failure_says_what_differs_at_its_line(self, tmp_path: Path) -> None:
        # XK-2 paused 4 working days: due 06-03, not 05-27 (the count without the pause).
        text = scenario("2025-05-28", "expect case XK-2 overdue 1 day, due 2025-05-27")
        result = run_scenario(load_test_file(work(tmp_path, text)), 0)
        assert not result.passed
        out = result.render()
        assert "FAIL line 11: expect case XK-2 overdue 1 day, due 2025-05-27" in out
        assert "expected: overdue, 1 day overdue, due 2025-05-27" in out
        assert "actual:   pending, due 2025-06-03, no yellow, no red" in out
        assert "differs:  state, days overdue, due" in out
        assert "paused (专家评审)" in out
        assert "2025-05-09 resumed" in out and "-> due 2025-06-03" in out

    def test_failure_in_chinese(self, tmp_path: Path) -> None:
        text = scenario("2025-05-28", "预期 办件 XK-1 逾期1日，黄灯 2025-05-27")
        out = run_scenario(load_test_file(work(tmp_path, text)), 0, lang="zh").render(lang="zh")
        assert "FAIL 第11行: 预期 办件 XK-1 逾期1日，黄灯 2025-05-27" in out
        assert "预期：逾期1日，黄灯 2025-05-27" in out
        assert "实际：逾期1日，督促，截止 2025-05-27，黄灯 2025-05-26，红灯 2025-05-28" in out
        assert "不同：黄灯" in out
        assert "开始计算" in out

    def test_signals_and_no_signals(self, tmp_path: Path) -> None:
        # On 05-26 XK-1 is on its yellow day; red comes on 05-28, XK-2's yellow on 06-02.
        text = scenario(
            "2025-05-26",
            "expect case XK-1 warning, no yellow, no red",
            "expect case XK-2 yellow 2025-05-26, red 2025-05-26",
        )
        result = run_scenario(load_test_file(work(tmp_path, text)), 0)
        one, two = result.case_results
        assert one.mismatches == ("yellow",)
        assert two.mismatches == ("yellow", "red")

    def test_not_reported(self, tmp_path: Path) -> None:
        # XK-1 starts 04-25: not reported on 04-24, reported on 04-25.
        before = scenario("2025-04-24", "expect case XK-1 not reported", "expect case XK-2 pending")
        result = run_scenario(load_test_file(work(tmp_path, before)), 0)
        ok, missing = result.case_results
        assert ok.passed and missing.mismatches == ("not reported",)
        assert "not reported (case XK-2 has not started by 2025-04-24)" in result.render()
        on = scenario("2025-04-25", "expect case XK-1 not reported")
        (r,) = run_scenario(load_test_file(work(tmp_path, on)), 0).case_results
        assert r.mismatches == ("expected not reported, but it is reported",)

    def test_cases_file_and_without_agencies(self, tmp_path: Path) -> None:
        # The example's cases.csv: XK-003 accepted 04-25, due 05-27 (as above).
        text = 'rules "licensing.en.xzjd"\ncases "cases.csv"\n\n' + (
            'scenario "s":\n  on 2025-05-28\n  expect case XK-003 overdue 1 day, step urge\n'
        )
        result = run_scenario(load_test_file(work(tmp_path, text)), 0)
        assert result.passed, result.render()

    def test_the_example_passes(self, capsys: pytest.CaptureFixture[str]) -> None:
        results = run_scenarios(EXAMPLE)
        assert len(results) == 6 and all(r.passed for r in results)
        assert sum(len(r.case_results) for r in results) == 2 * (11 + 6 + 1)
        assert main(["test", str(EXAMPLE)]) == 0
        assert capsys.readouterr().out.endswith("6 passed, 0 failed\n")


class TestBadTests:
    def codes_at(self, tmp_path: Path, text: str) -> list[tuple[str, int, int]]:
        with pytest.raises(CheckError) as exc:
            load_test_file(work(tmp_path, text))
        return [
            (d.code, d.span.line if d.span else 0, d.span.column if d.span else 0)
            for d in exc.value.diagnostics
        ]

    def test_unknown_case(self, tmp_path: Path) -> None:
        text = scenario("2025-05-28", "expect case XK-3 pending")
        with pytest.raises(CheckError) as exc:
            load_test_file(work(tmp_path, text))
        (d,) = exc.value.diagnostics
        assert (d.code, d.span and (d.span.line, d.span.column)) == (
            "expect/unknown-case",
            (11, 15),
        )
        assert "did you mean" in d.render()

    def test_impossible_expectations(self, tmp_path: Path) -> None:
        text = scenario(
            "2025-05-28",
            "expect case XK-1 overdue, due 2025-05-28",  # not past on 05-28
            "expect case XK-1 overdue, step correct, yellow 2025-05-29",  # ladder; after 05-28
            "expect case XK-1 done, red 2025-05-28",  # done in time: no red
            "expect case XK-1 yellow 2025-05-26, no yellow",
            "expect case XK-1 red 2025-05-28, no red",
            "expect case XK-1 pending, no step",
        )
        assert self.codes_at(tmp_path, text) == [
            ("expect/impossible", 11, 29),
            ("expect/impossible-step", 12, 29),
            ("expect/impossible", 12, 43),
            ("expect/impossible", 13, 26),
            ("expect/impossible", 14, 39),
            ("expect/impossible", 15, 36),
            ("expect/impossible", 16, 29),
        ]

    def test_inline_row_the_rules_refuse_points_into_the_test_file(self, tmp_path: Path) -> None:
        data = 'rules "licensing.en.xzjd"\ncases:\n  XK-1,km-scj,licenc,受理申请,2025-04-25'
        text = scenario("2025-05-28", "expect case XK-1 pending", data=data)
        with pytest.raises(InputError) as exc:
            run_scenario(load_test_file(work(tmp_path, text)), 0)
        first, last = exc.value.diagnostics[0], exc.value.diagnostics[-1]
        assert first.file == str(tmp_path / "a.test.xzjd")
        assert first.span is not None and (first.span.line, first.span.column) == (3, 15)
        assert last.code == "scenario/bad-facts"

    def test_repeated_and_missing_cases_files(self, tmp_path: Path) -> None:
        base = 'rules "licensing.en.xzjd"\ncases "cases.csv"\ncases "./cases.csv"\n'
        text = base + '\nscenario "s":\n  on 2025-05-28\n  expect case XK-003 overdue\n'
        assert self.codes_at(tmp_path, text) == [("scenario/repeated-data", 3, 1)]
        text = text.replace('cases "./cases.csv"\n', 'cases "nope.csv"\n')
        assert self.codes_at(tmp_path, text) == [("scenario/no-such-file", 3, 1)]

    def test_no_expectations_and_no_agencies(self, tmp_path: Path) -> None:
        data = 'rules "licensing.en.xzjd"\ncases "cases.csv"'
        text = scenario("2025-05-28", data=data)
        assert [c for c, _, _ in self.codes_at(tmp_path, text)] == [
            "scenario/no-agencies",
            "scenario/no-expectations",
        ]

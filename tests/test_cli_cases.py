# SPDX-License-Identifier: MIT
"""``xzjd cases``: the cases of a case events file on one date, as JSON, CSV, a table and an
explanation; exit statuses and errors. The views are also tested directly on a ruleset built
in Python where the rules language cannot yet say it (pauses, extensions, stages).

Every expected date is counted by hand from the State Council's 2025 notice
(国办发明电〔2024〕12号): Labour Day rest Thu 05-01 .. Mon 05-05, Sunday 04-27 a make-up
working day; Dragon Boat rest Sat 05-31 .. Mon 06-02.

The cases of :data:`CASES`, all under the licensing rule (20 working days after 受理申请,
a yellow signal one working day before the deadline, urge one day after it):

* L-1, accepted Fri 04-25. Working days after it: Sun 04-27 (1), 04-28 (2), 04-29 (3),
  04-30 (4), (05-01..05-05 rest) 05-06 (5), 07 (6), 08 (7), 09 (8), 12 (9), 13 (10), 14 (11),
  15 (12), 16 (13), 19 (14), 20 (15), 21 (16), 22 (17), 23 (18), 26 (19), 27 (20): due
  Tue 2025-05-27, yellow from Mon 05-26.
* L-2, accepted 04-25 (due 05-27), completed Tue 05-20, the 15th working day: done.
* L-3, accepted Thu 04-10. Working days after it: 04-11 (1), 14..18 (6), 21..25 (11),
  Sun 04-27 (12), 28, 29, 30 (15), 05-06 (16), 07 (17), 08 (18), 09 (19), Mon 05-12 (20):
  due 2025-05-12, yellow from Fri 05-09, red from Tue 05-13.
* L-4, accepted 04-25, withdrawn 05-06.
* L-5, accepted 04-10 (due 05-12, as L-3), completed Wed 05-14: late, red raised 05-13.
* L-6, accepted Tue 05-27: not started on the evaluation dates used below, so absent.
* L-7, accepted 04-25 (due 05-27 as L-1), paused 05-06 for 专家评审: the rule stops the
  clock for nothing, so the pause does not count (a warning, violation pause-not-allowed).
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from pathlib import Path

import attrs
import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine import State, evaluate_cases
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import Extension, Pause, Ruleset, Stage, Stages, Unit
from xzjd.views.cases import (
    CASE_CSV_KEYS,
    explain_case,
    iter_case_csv,
    iter_case_json,
    render_case_table,
)

D = dt.date.fromisoformat
ROOT = Path(__file__).resolve().parents[1]

RULES = """规则集 "许可"
生效 2025-01-01
升级 cases：
  截止前1个工作日预警
  逾期1日督促
义务 licence "作出行政许可决定"：
  依据 《行政许可法》第四十二条
  适用于 各部门
  自受理申请之日起二十个工作日内，完成 许可决定
  升级 cases
"""

CASES = """case,agency,obligation,event,date,note
L-1,a,licence,受理申请,2025-04-25,
L-2,a,licence,受理申请,2025-04-25,
L-2,a,licence,办结,2025-05-20,
L-3,b,licence,受理申请,2025-04-10,
L-4,a,licence,受理申请,2025-04-25,
L-4,a,licence,撤回,2025-05-06,
L-5,b,licence,受理申请,2025-04-10,
L-5,b,licence,办结,2025-05-14,
L-6,a,licence,受理申请,2025-05-27,
L-7,a,licence,受理申请,2025-04-25,
L-7,a,licence,暂停,2025-05-06,专家评审
"""

AGENCIES = """id,name,kind,level,region,tags
a,市市场监督管理局,department,市,云南省/昆明市,
b,市住房和城乡建设局,department,市,云南省/昆明市,
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    (tmp_path / "cases.csv").write_text(CASES, encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path


def run(
    capsys: pytest.CaptureFixture[str], work: Path, *args: str, on: str = "2025-05-26"
) -> tuple[int, str, str]:
    argv = ["cases", str(work / "rules.xzjd"), "--cases", str(work / "cases.csv"), "--on", on]
    code = main([*argv, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestJson:
    def test_records_in_file_order_with_the_keys_of_a_case_record(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, out, err = run(capsys, work, "--format", "json")
        assert code == 0
        records = json.loads(out)
        # L-6 starts on 05-27, after the evaluation date: not listed.
        assert [r["case"] for r in records] == ["L-1", "L-2", "L-3", "L-4", "L-5", "L-7"]
        assert list(records[0]) == [
            "case",
            "agency",
            "obligation",
            "started",
            "nominal_due",
            "due",
            "state",
            "days_overdue",
            "step",
            "unit",
            "limit",
            "used",
            "left",
            "paused",
            "paused_days",
            "extended_days",
            "extensions",
            "yellow_on",
            "red_on",
            "completed_on",
            "withdrawn_on",
            "stages",
            "violations",
            "source",
            "agency_name",
            "title",
        ]
        # L-1 on Mon 05-26: the 19th working day of 20 (module docstring), yellow that day.
        assert records[0] == {
            "case": "L-1",
            "agency": "a",
            "obligation": "licence",
            "started": "2025-04-25",
            "nominal_due": "2025-05-27",
            "due": "2025-05-27",
            "state": "warning",
            "days_overdue": None,
            "step": None,
            "unit": "working days",
            "limit": 20,
            "used": 19,
            "left": 1,
            "paused": False,
            "paused_days": 0,
            "extended_days": 0,
            "extensions": 0,
            "yellow_on": "2025-05-26",
            "red_on": None,
            "completed_on": None,
            "withdrawn_on": None,
            "stages": [],
            "violations": [],
            "source": "《行政许可法》第四十二条",
            # Run without --agencies: no agency names; the title is the rule's.
            "agency_name": None,
            "title": "作出行政许可决定",
        }
        assert "Traceback" not in err

    def test_agency_names_with_the_agencies_file(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """With --agencies each record names its agency (the agencies file's name column)."""
        code, out, _ = run(
            capsys, work, "--format", "json", "--agencies", str(work / "agencies.csv")
        )
        assert code == 0
        names = {(r["case"], r["agency_name"], r["title"]) for r in json.loads(out)}
        assert names == {
            ("L-1", "市市场监督管理局", "作出行政许可决定"),
            ("L-2", "市市场监督管理局", "作出行政许可决定"),
            ("L-3", "市住房和城乡建设局", "作出行政许可决定"),
            ("L-4", "市市场监督管理局", "作出行政许可决定"),
            ("L-5", "市住房和城乡建设局", "作出行政许可决定"),
            ("L-7", "市市场监督管理局", "作出行政许可决定"),
        }

    def test_each_state(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        _, out, _ = run(capsys, work, "--format", "json")
        by_case = {r["case"]: r for r in json.loads(out)}
        # L-2 completed 05-20, the 15th working day (04-27..30: 4, 05-06..09: 8, 12..16: 13,
        # 19: 14, 20: 15), before its deadline 05-27.
        l2 = by_case["L-2"]
        assert (l2["state"], l2["completed_on"], l2["used"], l2["left"]) == (
            "done",
            "2025-05-20",
            15,
            None,
        )
        # L-3 due Mon 05-12; on 05-26 it is 14 calendar days past it, which reaches urge.
        l3 = by_case["L-3"]
        assert (l3["due"], l3["state"], l3["days_overdue"], l3["step"]) == (
            "2025-05-12",
            "overdue",
            14,
            "urge",
        )
        assert (l3["yellow_on"], l3["red_on"]) == ("2025-05-09", "2025-05-13")
        assert (by_case["L-4"]["state"], by_case["L-4"]["withdrawn_on"]) == (
            "withdrawn",
            "2025-05-06",
        )
        l5 = by_case["L-5"]
        assert (l5["state"], l5["completed_on"], l5["red_on"]) == (
            "late",
            "2025-05-14",
            "2025-05-13",
        )
        # L-7's pause is not allowed by the rule: not counted, so it is L-1 again, plus the
        # violation.
        l7 = by_case["L-7"]
        assert (l7["due"], l7["state"], l7["used"], l7["violations"]) == (
            "2025-05-27",
            "warning",
            19,
            ["pause-not-allowed"],
        )

    def test_state_filter(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        _, out, _ = run(capsys, work, "--format", "json", "--state", "done", "--state", "late")
        assert [r["case"] for r in json.loads(out)] == ["L-2", "L-5"]

    def test_warnings_follow_on_stderr(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, out, err = run(capsys, work, "--format", "json")
        assert code == 0
        # The paused row of L-7 is line 12 of the file; the warning points at its event cell.
        column = len("L-7,a,licence,") + 1
        assert f"cases.csv:12:{column}: warning[case/pause-not-allowed]" in err
        assert "'L-7'" in err
        assert out.rstrip().endswith("]")


RULES_EN = """ruleset "licensing"
effective 2025-01-01
obligation licence "licence decision":
  source Administrative Licensing Law, art. 42
  applies to every department
  within 20 working days after accepted, complete decision
"""


class TestEnglishRules:
    def test_the_same_clock_in_english_words(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        # Accepted Fri 04-25: due Tue 05-27 (module docstring). On Wed 05-28 E-1 is one day
        # overdue (no escalation: no step); E-2, completed that day, is late.
        (work / "rules.xzjd").write_text(RULES_EN, encoding="utf-8")
        (work / "cases.csv").write_text(
            "case,agency,obligation,event,date\n"
            "E-1,a,licence,accepted,2025-04-25\n"
            "E-2,a,licence,accepted,2025-04-25\n"
            "E-2,a,licence,completed,2025-05-28\n",
            encoding="utf-8",
        )
        code, out, _ = run(capsys, work, on="2025-05-28")
        assert code == 0
        lines = out.splitlines()
        assert "overdue 1 day " in lines[1] and "red 2025-05-28" in lines[1]
        assert " late " in lines[2]
        code, out, _ = run(capsys, work, "--explain", "E-1", on="2025-05-28")
        assert "state on 2025-05-28: overdue, 1 day overdue; due 2025-05-27 Tue" in out
        assert "source: Administrative Licensing Law, art. 42" in out


class TestReadme:
    def test_the_readme_commands_run_on_the_licensing_example(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        commands = [line for line in readme.splitlines() if line.startswith("xzjd cases ")]
        assert len(commands) == 2
        monkeypatch.chdir(ROOT)
        monkeypatch.setenv("LANG", "C.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        assert main(shlex.split(commands[0])[1:]) == 0
        assert capsys.readouterr().out.splitlines()[-1].startswith("total: 11 cases")
        assert main(shlex.split(commands[1])[1:]) == 0
        out = capsys.readouterr().out
        # XK-002, the example: accepted Fri 04-25, due Tue 05-27 (module docstring);
        # expert review 05-06..05-09, 4 working days: 05-27 + 4 (28, 29, 30, 06-03) ->
        # 06-03; 10 more approved: 06-04, 05, 06, 09, 10, 11, 12, 13, 16, 17 -> Tue 06-17.
        assert "-> due 2025-06-03 Tue" in out and "-> due 2025-06-17 Tue" in out


class TestCsv:
    def test_header_and_rows(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = run(capsys, work, "--format", "csv")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == ",".join(CASE_CSV_KEYS)
        assert lines[0] == (
            "case,agency,obligation,started,nominal_due,due,state,days_overdue,step,unit,limit,"
            "used,left,paused,paused_days,extended_days,extensions,yellow_on,red_on,"
            "completed_on,withdrawn_on,stage_overruns,violations,agency_name,title"
        )
        # L-3 (module docstring): due 05-12, 14 days overdue on 05-26. Used: working days
        # after 04-10 through 05-26: 20 to 05-12, then 13..16 (24), 19..23 (29), 26 (30).
        assert (
            "L-3,b,licence,2025-04-10,2025-05-12,2025-05-12,overdue,14,urge,working days,20,"
            "30,,,0,0,0,2025-05-09,2025-05-13,,,,,,作出行政许可决定" in lines
        )
        assert lines[-1].endswith(",pause-not-allowed,,作出行政许可决定")
        assert len(lines) == 1 + 6


class TestTable:
    def test_english(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = run(capsys, work, "--agencies", str(work / "agencies.csv"))
        assert code == 0
        lines = out.splitlines()
        assert lines[0].split() == [
            "case",
            "agency",
            "obligation",
            "due",
            "state",
            "used/left",
            "signals",
            "stage",
            "overruns",
            "violations",
        ]
        # Sorted by agency, obligation, deadline: a's cases (due 05-27) before b's (05-12).
        assert [line.split()[0] for line in lines[1:7]] == [
            "L-1",
            "L-2",
            "L-4",
            "L-7",
            "L-3",
            "L-5",
        ]
        l3 = next(line for line in lines if line.startswith("L-3"))
        assert "overdue 14 days" in l3
        assert "30/- working days" in l3
        assert "yellow 2025-05-09; red 2025-05-13" in l3
        assert "19/1 working days" in lines[1]
        assert lines[-1] == "total: 6 cases (warning 2, overdue 1, done 1, late 1, withdrawn 1)"
        assert "\x1b[" not in out

    def test_chinese(
        self, capsys: pytest.CaptureFixture[str], work: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        code, out, err = run(capsys, work)
        assert code == 0
        assert out.splitlines()[0].split() == [
            "办件",
            "机关",
            "义务",
            "截止日",
            "状态",
            "已用/剩余",
            "信号",
            "超时环节",
            "违规",
        ]
        l3 = next(line for line in out.splitlines() if line.startswith("L-3"))
        assert "逾期 14日" in l3 and "黄灯 2025-05-09；红灯 2025-05-13" in l3
        l2 = next(line for line in out.splitlines() if line.startswith("L-2"))
        assert "按期完成" in l2
        assert "违规暂停" in out
        assert (
            out.splitlines()[-1] == "合计：6 件（预警 2，逾期 1，按期完成 1，逾期完成 1，已撤回 1）"
        )
        assert "办件 L-7" in err  # the warning in Chinese too


class TestExplain:
    def test_one_case_step_by_step(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = run(capsys, work, "--explain", "L-3")
        assert code == 0
        assert out.splitlines() == [
            "case L-3 (agency b)",
            'obligation licence "作出行政许可决定"',
            "source: 《行政许可法》第四十二条",
            "limit 20 working days (extensions included), counted from 2025-04-10 Thu",
            "steps:",
            "  2025-04-10 Thu  started; 20 working days after it -> due 2025-05-12 Mon",
            "state on 2025-05-26: overdue, 14 days overdue, step reached: urge; due 2025-05-12 Mon",
            "used 30 working days, left -; not counted 0, extended 0 (0 times)",
            "signals: yellow 2025-05-09; red 2025-05-13",
        ]

    def test_a_completed_case_and_fail_on(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        # L-5 completed 05-14, after its deadline 05-12: late, which --fail-on does not count.
        code, out, _ = run(capsys, work, "--explain", "L-5", "--fail-on", "warning")
        assert code == 0
        assert "  2025-05-14 Wed  completed -> due 2025-05-12 Mon" in out.splitlines()
        assert "state on 2025-05-26: late; due 2025-05-12 Mon" in out
        code, _, _ = run(capsys, work, "--explain", "L-1", "--fail-on", "warning")
        assert code == 1

    def test_a_case_not_yet_started(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = run(capsys, work, "--explain", "L-6")
        assert code == 0
        assert out == "case L-6: not started on 2025-05-26 (its first row is dated 2025-05-27)\n"

    def test_unknown_case_is_a_usage_error_with_a_guess(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, out, err = run(capsys, work, "--explain", "L-9")
        assert (code, out) == (2, "")
        assert "error[argument/unknown-case]" in err and "'L-9'" in err
        assert "did you mean 'L-" in err

    def test_explain_takes_no_format(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, err = run(capsys, work, "--explain", "L-1", "--format", "json")
        assert (code, out) == (2, "")
        assert "--format" in err


class TestFailOn:
    def test_overdue(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        # On 05-26 L-3 is overdue: exit 1, the output written whole.
        code, out, _ = run(capsys, work, "--fail-on", "overdue", "--format", "json")
        assert code == 1 and len(json.loads(out)) == 6
        # On Tue 05-06 nothing is overdue yet (L-3 and L-5 are due 05-12), nor in warning
        # (from Fri 05-09).
        assert run(capsys, work, "--fail-on", "warning", on="2025-05-06")[0] == 0
        # On Fri 05-09 L-3 and L-5 are in warning.
        assert run(capsys, work, "--fail-on", "warning", on="2025-05-09")[0] == 1
        assert run(capsys, work, "--fail-on", "overdue", on="2025-05-09")[0] == 0

    def test_counted_before_the_state_filter(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, out, _ = run(
            capsys, work, "--fail-on", "overdue", "--state", "done", "--format", "csv"
        )
        assert code == 1 and len(out.splitlines()) == 2


class TestBadInput:
    @pytest.mark.parametrize("fmt", ["table", "json", "csv"])
    def test_an_unknown_event_word(
        self, capsys: pytest.CaptureFixture[str], work: Path, fmt: str
    ) -> None:
        """A row the rule cannot read: exit 2, file:line:col on stderr, nothing on stdout
        (not even the CSV header)."""
        (work / "cases.csv").write_text(
            CASES + "L-7,a,licence,暂挺,2025-05-07,\n", encoding="utf-8"
        )
        code, out, err = run(capsys, work, "--format", fmt)
        assert (code, out) == (2, "")
        column = len("L-1,a,licence,") + 1
        assert f"cases.csv:13:{column}: error[case/unknown-event]" in err
        assert "^" in err and "hint:" in err and "Traceback" not in err

    def test_an_agency_not_in_the_agencies_file(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        (work / "agencies.csv").write_text(
            AGENCIES.splitlines()[0] + "\n" + AGENCIES.splitlines()[1] + "\n", encoding="utf-8"
        )
        code, out, err = run(capsys, work, "--agencies", str(work / "agencies.csv"))
        assert (code, out) == (2, "")
        # The first row of case L-3, line 5, names agency b.
        assert f"cases.csv:5:{len('L-3,') + 1}: error[case/unknown-agency]" in err

    def test_a_missing_cases_file(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        (work / "cases.csv").unlink()
        code, out, err = run(capsys, work)
        assert (code, out) == (2, "")
        assert "cases.csv" in err and "Traceback" not in err

    def test_a_bad_date_option(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, err = run(capsys, work, on="2025-02-30")
        assert (code, out) == (2, "")
        assert "error[argument/bad-date]" in err


# --------------------------------------------------------------------------- views, directly


def _licence(**clock: object) -> Ruleset:
    rs = xzjd.loads(RULES)
    o = attrs.evolve(rs.obligations[0], **clock)  # type: ignore[arg-type]
    return attrs.evolve(rs, obligations=(o,))


def _case(cid: str, *rows: tuple[str, str, str | None]) -> Case:
    made = [
        CaseRow(case=cid, agency="a", obligation="licence", event=e, date=D(d), note=n)
        for e, d, n in rows
    ]
    return Case(id=cid, agency="a", obligation="licence", rows=made)


LICENCE = _licence(
    pause=Pause(reasons=("专家评审",)),
    extension=Extension(count=10, unit=Unit.WORKING_DAYS, times=1, approver="本行政机关负责人"),
    stages=Stages(
        stages=(
            Stage(name="受理", count=5, unit=Unit.WORKING_DAYS),
            Stage(name="审查", count=10, unit=Unit.WORKING_DAYS),
            Stage(name="决定", count=10, unit=Unit.WORKING_DAYS),
        )
    ),
)

#: The issue's example: accepted Fri 04-25 (due 05-27), expert review 05-06..05-09 inclusive,
#: 10 working days more approved on 05-20; 受理 ended 05-08, after its 5 working days.
PAUSED = _case(
    "X-1",
    ("受理申请", "2025-04-25", None),
    ("受理", "2025-05-08", None),
    ("暂停", "2025-05-12", "专家评审"),
    ("恢复", "2025-05-15", None),
    ("延长", "2025-05-20", "本行政机关负责人"),
)


class TestViews:
    def test_explain_shows_each_pause_and_extension_with_its_days(self) -> None:
        # Accepted Fri 04-25: due Tue 05-27 (module docstring).
        # Paused Mon 05-12 .. Thu 05-15 inclusive: 12, 13, 14, 15, 4 working days not counted.
        # Used before it: 04-27..04-30 (4), 05-06..09 (8); 12 left after 05-15: 16 (1),
        # 19..23 (6), 26..30 (11), (05-31..06-02 rest) Tue 06-03 (12): due 2025-06-03, i.e.
        # 05-27 + 4 working days (28, 29, 30, 06-03).
        # Extended 10 working days on 05-20: 06-04 (1), 05, 06, 09, 10, 11, 12, 13, 16,
        # Tue 06-17 (10): due 2025-06-17.
        [s] = evaluate_cases(LICENCE, [PAUSED], on=D("2025-05-20"), explain=True)
        text = explain_case(s, "en", on=D("2025-05-20"))
        lines = text.splitlines()
        assert lines[:5] == [
            "case X-1 (agency a)",
            'obligation licence "作出行政许可决定"',
            "source: 《行政许可法》第四十二条",
            "limit 30 working days (extensions included), counted from 2025-04-25 Fri",
            "steps:",
        ]
        assert lines[5:9] == [
            "  2025-04-25 Fri  started; 20 working days after it -> due 2025-05-27 Tue",
            "  2025-05-12 Mon  paused (专家评审)",
            "  2025-05-15 Thu  resumed; 2025-05-12 to 2025-05-15: 4 working days not counted"
            " -> due 2025-06-03 Tue",
            "  2025-05-20 Tue  extended by 10 working days, approved by 本行政机关负责人"
            " -> due 2025-06-17 Tue",
        ]
        # On Tue 05-20: used 04-27..30 (4), 05-06..09 (8), 16 (9), 19 (10), 20 (11); left 19.
        assert "state on 2025-05-20: pending; due 2025-06-17 Tue" in lines
        assert "  (before pauses and extensions: due 2025-05-27 Tue)" in lines
        assert "used 11 working days, left 19; not counted 4, extended 10 (1 time)" in lines
        # 受理: 5 working days after 04-25: 27, 28, 29, 30, 05-06 -> due 05-06; ended 05-08,
        # over its limit from 05-07. 审查 from 05-08, 10 working days: 09, (paused 12..15),
        # 16, 19, 20, 21, 22, 23, 26, 27, 28 -> due 05-28 with the pause left out.
        assert (
            "stage 受理: from 2025-04-25, due 2025-05-06, done 2025-05-08: late, "
            "over its limit from 2025-05-07"
        ) in lines
        assert "stage 审查: from 2025-05-08, due 2025-05-28: pending" in lines

    def test_explain_in_chinese(self) -> None:
        [s] = evaluate_cases(LICENCE, [PAUSED], on=D("2025-05-20"), explain=True)
        lines = explain_case(s, "zh", on=D("2025-05-20")).splitlines()
        assert lines[0] == "办件 X-1（机关 a）"
        assert "  2025-05-12 周一  暂停（专家评审）" in lines
        assert (
            "  2025-05-20 周二  延长 10 个工作日，经本行政机关负责人批准 → 截止 2025-06-17 周二"
            in lines
        )
        assert "已用 11 个工作日，剩余 19；不计入 4，延长 10（1 次）" in lines
        assert (
            "环节 受理：2025-04-25 起，截止 2025-05-06，2025-05-08 完成，逾期完成，"
            "2025-05-07 起超时" in lines
        )

    def test_without_the_arithmetic(self) -> None:
        [s] = evaluate_cases(LICENCE, [PAUSED], on=D("2025-05-20"))
        assert "(the arithmetic was not kept: evaluate with explain=True)" in explain_case(s)

    def test_csv_and_json_of_a_paused_extended_case(self) -> None:
        [s] = evaluate_cases(LICENCE, [PAUSED], on=D("2025-05-20"))
        header, row = "".join(iter_case_csv([s])).splitlines()
        record = dict(zip(header.split(","), row.split(","), strict=True))
        assert (record["due"], record["nominal_due"], record["paused_days"]) == (
            "2025-06-17",
            "2025-05-27",
            "4",
        )
        assert (record["extended_days"], record["extensions"], record["limit"]) == ("10", "1", "30")
        assert (record["stage_overruns"], record["paused"], record["used"]) == ("受理", "", "11")
        [parsed] = json.loads("".join(iter_case_json([s])))
        assert parsed == s.to_json()
        assert json.loads("".join(iter_case_json([]))) == []

    @pytest.mark.parametrize("ensure_ascii", [False, True])
    def test_json_pieces_are_the_bytes_of_json_dumps(self, ensure_ascii: bool) -> None:
        """iter_case_json lays records out itself: byte for byte json.dumps(indent=2), for
        records with and without stages, steps, signals, violations, source, odd text."""
        odd = '引号"\\反斜杠\t\x01 😀'
        no_source = _licence(source=None, pause=Pause(reasons=("专家评审",)))
        cases = [
            PAUSED,
            _case("X-3", ("受理申请", "2025-04-10", None)),  # overdue, urged, signals
            _case(
                odd,
                ("受理申请", "2025-04-25", None),
                ("延长", "2025-05-06", None),
                ("延长", "2025-05-07", None),  # beyond the rule's one extension
            ),
            _case("X-4", ("受理申请", "2025-04-25", None), ("撤回", "2025-05-06", None)),
            _case("X-5", ("受理申请", "2025-04-25", None)),  # in warning on 05-26
        ]
        statuses = [
            *evaluate_cases(LICENCE, cases, on=D("2025-05-26")),
            *evaluate_cases(no_source, cases[1:2], on=D("2025-05-26")),
        ]
        assert {s.state for s in statuses} >= {State.OVERDUE, State.WARNING, State.WITHDRAWN}
        assert any(s.stages for s in statuses) and any(s.violations for s in statuses)
        assert any(s.source is None for s in statuses)
        records = [s.to_json() for s in statuses]
        expected = json.dumps(records, indent=2, ensure_ascii=ensure_ascii) + "\n"
        assert "".join(iter_case_json(statuses, ensure_ascii=ensure_ascii)) == expected
        assert "".join(iter_case_json([], ensure_ascii=ensure_ascii)) == "[]\n"

    def test_an_open_pause_in_the_table(self) -> None:
        # Paused since 05-12, still paused on 05-14: 8 used (04-27..30, 05-06..09), 12 left.
        c = _case("X-2", ("受理申请", "2025-04-25", None), ("暂停", "2025-05-12", "专家评审"))
        [s] = evaluate_cases(LICENCE, [c], on=D("2025-05-14"))
        assert s.state is State.PENDING and s.paused
        table = render_case_table([s])
        assert "pending (paused)" in table and "8/12 working days" in table
        assert "未到期（暂停中）" in render_case_table([s], lang="zh")
        assert render_case_table([]) == "(no cases)\n"
        assert render_case_table([], lang="zh") == "（无办件）\n"

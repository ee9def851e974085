# SPDX-License-Identifier: MIT
"""Provisional calendar years: evaluating past the last State Council notice.

The built-in ``cn`` has notices for 2004-2026; 2027 onward is provisional (the statutory
holidays and Article 6 make-up rest days of the holiday law, no 调休 working days).

Weekdays of 2027, worked by hand: 2026-01-01 is a Thursday and 2026 has 365 days (52 weeks
and 1 day), so 2027-01-01 is a Friday. Lunar dates of 2027 (docs/holiday-law.md, checked
there against the ``holidays`` package and astronomy): 除夕 Feb 5, 春节 Feb 6, 中秋 Sep 15.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

import xzjd
from xzjd.calendar import builtin
from xzjd.cli import main
from xzjd.engine import calendar_for
from xzjd.engine.evaluator import evaluate_by

D = dt.date

# The issue's reproducer: a Chinese rules file with an event-based reply duty (20 working days
# from receipt, as 政府信息公开条例 art. 33) and a yearly report due 1月20日.
OGI_ZH = """\
规则集 "政府信息公开（测试）"
生效 2026-01-01
日历 cn

升级 standard：
  截止前3个工作日预警
  逾期1日督促

义务 reply "答复政府信息公开申请"：
  依据 "政府信息公开条例第三十三条"
  适用于 县级人民政府
  收到申请之日起20个工作日内，完成 答复
  升级 standard

义务 annual "年度报告"：
  依据 "政府信息公开条例第四十九条"
  适用于 县级人民政府
  每年1月20日前，向上级人民政府报送 年度报告
  升级 standard
"""

AGENCIES = """\
id,name,kind,level,region,tags
sc-gov,四川省人民政府,人民政府,省,四川省,
a-gov,甲县人民政府,人民政府,县,四川省/甲县,
b-gov,乙县人民政府,人民政府,县,四川省/乙县,
"""

# One application received by 甲县 on Thu 2026-12-10.
EVENTS = "id,agency,event,date\nlic-1,a-gov,收到申请,2026-12-10\n"

EN_MONTHLY = """\
ruleset "t"
effective 2026-01-01
calendar cn

obligation newyear "New Year's duty":
  applies to every government
  by January 1 each year, complete the duty

obligation monthly "Monthly":
  applies to every government
  by the 15th of each month, complete the monthly report
"""


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "ogi.zh.xzjd").write_text(OGI_ZH, encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "monthly.xzjd").write_text(EN_MONTHLY, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def check(
    capsys: pytest.CaptureFixture[str], work: Path, on: str, *more: str
) -> tuple[int, str, str]:
    return run(
        capsys,
        "check",
        str(work / "ogi.zh.xzjd"),
        "--agencies",
        str(work / "agencies.csv"),
        "--events",
        str(work / "events.csv"),
        "--on",
        on,
        *more,
    )


def records(out: str) -> dict[tuple[str, str, str], dict[str, object]]:
    return {(r["agency"], r["obligation"], r["period"]): r for r in json.loads(out)}


class TestTheIssueRun:
    """The run of the issue exits 0 on 2026-12-01 and marks the 2027 rows provisional."""

    def test_exits_0_and_marks_2027(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        status, out, err = check(
            capsys, work, "2026-12-01", "--since", "2026-01-01", "--format", "json"
        )
        assert status == 0, err
        rows = records(out)
        # 2026 period: due Tue 2026-01-20 (1 Jan 2026 Thu + 19 days), overdue since, no flag.
        r2026 = rows["a-gov", "annual", "2026"]
        assert r2026["due"] == "2026-01-20" and "provisional" not in r2026
        assert r2026["state"] == "overdue"
        # 2027 period: opened the day after 2026-01-20, due Wed 2027-01-20 (Fri 1 Jan + 19),
        # a working day on the provisional year, pending on 2026-12-01.
        r2027 = rows["a-gov", "annual", "2027"]
        assert r2027["due"] == "2027-01-20" and r2027["state"] == "pending"
        assert r2027["provisional"] is True
        # One warning for the run, at the rules file's calendar line, naming 2027.
        assert err.count("warning[calendar/provisional]") == 1
        assert "ogi.zh.xzjd:3:1:" in err and "2027" in err

    def test_a_case_into_2027_does_not_stop_the_run(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """20 working days from Thu 2026-12-10: Dec 11 (1), 14-18 (2-6), 21-25 (7-11), 28-31
        (12-15); Fri 2027-01-01 元旦 and the weekend rest; Jan 4-8 (16-20): Fri 2027-01-08."""
        status, out, err = check(capsys, work, "2026-12-15", "--format", "json")
        assert status == 0, err
        rows = records(out)
        reply = rows["a-gov", "reply", "lic-1"]
        assert reply["opens"] == "2026-12-10" and reply["due"] == "2027-01-08"
        assert reply["state"] == "pending" and reply["provisional"] is True
        # 乙县 had no application; its yearly report is evaluated as for 甲县.
        assert rows["b-gov", "annual", "2027"]["provisional"] is True

    def test_strict_reports_only_the_2027_periods(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """--no-provisional: the 2027 periods are errors naming agency, obligation, period and
        year; everything else is evaluated and printed; exit 2."""
        status, out, err = check(
            capsys, work, "2026-12-15", "--since", "2026-01-01", "--format", "json",
            "--no-provisional",
        )  # fmt: skip
        assert status == 2
        rows = records(out)
        assert set(rows) == {("a-gov", "annual", "2026"), ("b-gov", "annual", "2026")}
        errors = [line for line in err.splitlines() if "error[calendar/no-notice]" in line]
        assert len(errors) == 3
        assert any("a-gov, reply, period lic-1 needs 2027" in e for e in errors)
        assert any("b-gov, annual, period 2027 needs 2027" in e for e in errors)
        # Each error points at its obligation in the rules file (line 9: reply, 15: annual).
        assert all(e.startswith(str(work / "ogi.zh.xzjd") + ":") for e in errors)
        assert "warning[calendar/provisional]" not in err
        assert "Traceback" not in err

    def test_table_marks_the_dates(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        status, out, _ = check(capsys, work, "2026-12-15", "--agency", "a-gov")
        assert status == 0
        assert "2027-01-08*" in out and "2027-01-20*" in out
        assert "* provisional: no State Council notice for 2027 in the calendar data" in out

    def test_csv_column(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        status, out, _ = check(capsys, work, "2026-12-15", "--format", "csv", "--agency", "b-gov")
        lines = out.splitlines()
        # provisional follows source; the columns issue 15 added come after it.
        assert status == 0 and ",source,provisional,agency_name," in lines[0]
        flag = lines[0].split(",").index("provisional")
        rows = list(csv.reader(lines[1:]))
        assert rows[0][:3] == ["b-gov", "annual", "2026"] and rows[0][flag] == ""
        assert rows[1][:3] == ["b-gov", "annual", "2027"] and rows[1][flag] == "true"

    def test_chinese_messages(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        status = main(
            [
                "check", str(work / "ogi.zh.xzjd"), "--agencies", str(work / "agencies.csv"),
                "--on", "2026-12-15", "--agency", "b-gov",
            ]
        )  # fmt: skip
        assert status == 0
        out, err = capsys.readouterr()
        assert "2027-01-20*" in out
        assert "calendar/provisional" in err


class TestDeadlinesOnProvisionalDays:
    """The dates of the issue's 'Done when', on the provisional 2027."""

    def statuses(self, work: Path, on: dt.date) -> xzjd.Statuses:
        rules = xzjd.load(work / "monthly.xzjd")
        return xzjd.evaluate(rules, xzjd.read_agencies(work / "agencies.csv"), on=on)

    def test_new_years_day_moves_to_monday(self, work: Path) -> None:
        """Fri 2027-01-01 is 元旦; Sat 2 and Sun 3 rest; Mon 2027-01-04 is the deadline."""
        rows = {(s.obligation, s.period): s for s in self.statuses(work, D(2027, 1, 5))}
        s = rows["newyear", "2027"]
        assert (s.nominal_due, s.due) == (D(2027, 1, 1), D(2027, 1, 4))
        assert s.provisional and s.provisional_years == (2027,)
        assert s.state is xzjd.State.OVERDUE and s.days_overdue == 1

    def test_mid_autumn_moves_the_15th(self, work: Path) -> None:
        """Sep 15 2027 is day 258 of the year: 257 days after Fri Jan 1 = 36 weeks + 5 days,
        a Wednesday, and 中秋 (八月十五): the deadline is Thu 2027-09-16."""
        rows = {(s.obligation, s.period): s for s in self.statuses(work, D(2027, 9, 20))}
        s = rows["monthly", "2027-09"]
        assert (s.nominal_due, s.due) == (D(2027, 9, 15), D(2027, 9, 16))
        assert s.days_overdue == 4 and s.provisional

    def test_2026_rows_are_not_provisional(self, work: Path) -> None:
        """Fri 2026-05-15 is due that day (the 2026 notice rests May 1-5): no flag."""
        rows = {(s.obligation, s.period): s for s in self.statuses(work, D(2027, 1, 5))}
        s = rows["monthly", "2026-05"]
        assert s.due == D(2026, 5, 15) and not s.provisional and "provisional" not in s.to_json()

    def test_warning_days_reaching_back(self, work: Path) -> None:
        """A 2026 period whose deadline is in 2026 is not provisional even on a 2027 date."""
        rows = {(s.obligation, s.period): s for s in self.statuses(work, D(2027, 2, 1))}
        assert not rows["monthly", "2026-12"].provisional
        assert rows["monthly", "2027-01"].provisional


class TestStrictApi:
    def test_evaluate_raises_with_the_rest(self, work: Path) -> None:
        rules = xzjd.load(work / "monthly.xzjd")
        agencies = xzjd.read_agencies(work / "agencies.csv")
        with pytest.raises(xzjd.ProvisionalYearError) as info:
            xzjd.evaluate(rules, agencies, on=D(2027, 1, 5), provisional=False)
        exc = info.value
        assert isinstance(exc, xzjd.CalendarError) and exc.year == 2027
        # On 2027-01-05 the 2028 New Year period has opened (on 2027-01-02) too.
        assert {s.period for s in exc.withheld} == {"2027", "2027-01", "2028"}
        assert all(not s.provisional for s in exc.statuses) and len(exc.statuses) > 0
        assert len(exc.diagnostics) == len(exc.withheld)
        assert exc.diagnostics[0].code == "calendar/no-notice"

    def test_stream_raises_when_exhausted(self, work: Path) -> None:
        rules = xzjd.load(work / "monthly.xzjd")
        agencies = xzjd.read_agencies(work / "agencies.csv")
        stream = xzjd.iter_evaluate(rules, agencies, on=D(2027, 1, 5), provisional=False)
        seen = []
        with pytest.raises(xzjd.ProvisionalYearError):
            for s in stream:
                seen.append(s)
        assert seen and not any(s.provisional for s in seen)

    @pytest.mark.parametrize("walk", ["columnar", "walk"])
    def test_the_core_notes_provisional_years_as_the_reference_walk(
        self, work: Path, walk: str
    ) -> None:
        """The columnar core and the record walk: the same records withheld (strict), the
        same warning naming the years (not strict)."""
        rules = xzjd.load(work / "monthly.xzjd")
        agencies = xzjd.read_agencies(work / "agencies.csv")
        on = D(2027, 1, 5)
        got = evaluate_by(walk, rules, agencies, on=on)
        reference = evaluate_by("reference", rules, agencies, on=on)
        assert list(got) == list(reference) and got.warnings == reference.warnings
        assert reference.warnings[-1].code == "calendar/provisional"
        # The periods 2027, 2027-01 and 2028 rest on 2027 (test_evaluate_raises_with_the_rest).
        assert "2027" in reference.warnings[-1].message
        errors = []
        for by in (walk, "reference"):
            with pytest.raises(xzjd.ProvisionalYearError) as info:
                evaluate_by(by, rules, agencies, on=on, provisional=False)
            errors.append(info.value)
        assert errors[0].withheld == errors[1].withheld and errors[0].withheld
        assert errors[0].diagnostics == errors[1].diagnostics
        assert list(errors[0].statuses) == list(errors[1].statuses)
        assert errors[0].statuses.warnings == errors[1].statuses.warnings

    def test_nothing_to_withhold_raises_nothing(self, work: Path) -> None:
        # Without the yearly duty, whose 2027 period is open all through 2026.
        rules = xzjd.loads(
            EN_MONTHLY.split("obligation newyear")[0] + EN_MONTHLY.split("complete the duty\n")[1]
        )
        agencies = xzjd.read_agencies(work / "agencies.csv")
        out = xzjd.evaluate(rules, agencies, on=D(2026, 6, 1), provisional=False)
        assert out and not any(s.provisional for s in out)
        assert not any(w.code == "calendar/provisional" for w in out.warnings)


class TestExplainAndAgenda:
    def test_explain_names_the_year(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        status, out, _ = run(
            capsys, "explain", str(work / "monthly.xzjd"), "--agencies",
            str(work / "agencies.csv"), "--agency", "a-gov", "--obligation", "newyear",
            "--period", "2027", "--on", "2027-01-05",
        )  # fmt: skip
        assert status == 0
        assert (
            "provisional: no State Council notice for 2027 in the calendar data; "
            "statutory holidays only, no 调休"
        ) in out
        assert "deadline 2027-01-04" in out

    def test_explain_strict_is_an_error(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        status, _, err = run(
            capsys, "explain", str(work / "monthly.xzjd"), "--agencies",
            str(work / "agencies.csv"), "--agency", "a-gov", "--obligation", "newyear",
            "--period", "2027", "--on", "2027-01-05", "--no-provisional",
        )  # fmt: skip
        assert status == 2 and "2027" in err and "Traceback" not in err

    def test_agenda_asks_only_for_the_days_it_needs(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """The only deadline in January 2026 is Tue 2026-01-20; the 2027 period after it is
        never computed, so the strict calendar does not complain."""
        status, out, err = run(
            capsys, "agenda", str(work / "ogi.zh.xzjd"), "--agencies",
            str(work / "agencies.csv"), "--agency", "a-gov", "--from", "2026-01-01",
            "--to", "2026-01-31", "--no-provisional", "--format", "json",
        )  # fmt: skip
        assert status == 0, err
        assert [(i["period"], i["due"]) for i in json.loads(out)] == [("2026", "2026-01-20")]

    def test_agenda_marks_provisional_items(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        status, out, _ = run(
            capsys, "agenda", str(work / "ogi.zh.xzjd"), "--agencies",
            str(work / "agencies.csv"), "--agency", "a-gov", "--from", "2026-12-01",
            "--to", "2027-01-31", "--format", "json",
        )  # fmt: skip
        items = json.loads(out)
        assert status == 0
        # Warn 3 working days before Wed 2027-01-20: Jan 19, 18, 15 -> from Fri 2027-01-15.
        assert [(i["due"], i["warn_from"], i.get("provisional")) for i in items] == [
            ("2027-01-20", "2027-01-15", True)
        ]


class TestScenarios:
    def test_a_scenario_that_cannot_run_is_named(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        """With --no-provisional a 2027 scenario cannot run: it is named, the others run."""
        test = work / "monthly.test.xzjd"
        test.write_text(
            'rules "monthly.xzjd"\nagencies "agencies.csv"\nfilings none\nevents none\n\n'
            'scenario "2026 runs":\n  on 2026-06-01\n'
            "  expect a-gov monthly 2026-05 overdue\n\n"
            'scenario "2027 needs the notice":\n  on 2027-09-20\n'
            "  expect a-gov monthly 2027-09 overdue 4 days, due 2027-09-16\n",
            encoding="utf-8",
        )
        status, out, err = run(capsys, "test", str(test), "--no-provisional")
        assert status == 2
        assert "1 passed, 0 failed" in out
        assert "scenario '2027 needs the notice' could not run" in err
        assert f"{test}:10:" in err
        status, out, err = run(capsys, "test", str(test))
        assert status == 0 and "2 passed, 0 failed" in out, err


class TestDeclaredYear:
    NOTICE = (
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
        "二、春节：2月5日（周五）至13日（周六）放假调休，共9天。2月14日（周日）上班。\n"
    )  # a test fixture shaped like a notice, not a published one

    def test_imported_notice_replaces_the_provisional_year(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        (work / "notice.txt").write_text(self.NOTICE, encoding="utf-8")
        status, _, err = run(
            capsys, "calendar", "import", str(work / "notice.txt"), "-o", str(work / "y27.csv")
        )
        assert status == 0, err
        (work / "r.xzjd").write_text(
            EN_MONTHLY.replace(
                "calendar cn\n", 'calendar cn-2027\ncalendar cn-2027 based on cn from "y27.csv"\n'
            ),
            encoding="utf-8",
        )
        rules = xzjd.load(work / "r.xzjd")
        cal = calendar_for(rules)
        assert 2027 not in cal.provisional_years and 2028 in cal.provisional_years
        # Sun 2027-02-14 works by the notice; Mon 2027-02-08 rests in it.
        assert cal.is_working_day(D(2027, 2, 14)) and not cal.is_working_day(D(2027, 2, 8))
        # The 中秋 of the law is not in this (partial) notice: Wed 2027-09-15 is a working day
        # of the declared year, so the September deadline stays on the 15th.
        out = xzjd.evaluate(rules, xzjd.read_agencies(work / "agencies.csv"), on=D(2027, 9, 20))
        rows = {(s.agency, s.obligation, s.period): s for s in out}
        s = rows["a-gov", "monthly", "2027-09"]
        assert s.due == D(2027, 9, 15) and not s.provisional

    def test_missing_file_is_a_positioned_error(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        (work / "r.xzjd").write_text(
            EN_MONTHLY.replace(
                "calendar cn\n", 'calendar x\ncalendar x based on cn from "nope.csv"\n'
            ),
            encoding="utf-8",
        )
        status, _, err = run(
            capsys, "check", str(work / "r.xzjd"), "--agencies", str(work / "agencies.csv"),
            "--on", "2027-01-05",
        )  # fmt: skip
        assert status == 2
        assert f"{work / 'r.xzjd'}:4:1: error[calendar/unreadable]" in err
        assert "hint:" in err

    def test_declaration_prints_in_both_languages(self) -> None:
        text = 'ruleset "t"\ncalendar x based on cn from "y27.csv"\n'
        rules = xzjd.loads(text)
        assert rules.calendars[0].file == "y27.csv"
        zh = xzjd.to_text(rules, "zh")
        assert '日历 x 基于 cn 读取 "y27.csv"' in zh
        assert xzjd.loads(zh) == rules


class TestCalendarShow:
    def test_provisional_year_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "calendar", "show", "2027", "--format", "json")
        record = json.loads(out)
        assert status == 0 and record["provisional"] is True and record["year"] == 2027
        days = {d["date"]: d for d in record["days"]}
        # 春节: 除夕 Fri 5 Feb to 初三 Mon 8 Feb; Sat 6 and Sun 7 made up on Tue 9, Wed 10.
        assert [d for d in days if d.startswith("2027-02")] == [
            "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10",
        ]  # fmt: skip
        assert "第六条" in days["2027-02-09"]["source"]
        assert all(d["type"] == "rest" for d in record["days"])

    def test_notice_year_names_the_notice(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "calendar", "show", "2026", "--format", "json")
        record = json.loads(out)
        assert status == 0 and record["provisional"] is False
        sources = {d["source"] for d in record["days"]}
        assert sources == {d.notice for d in builtin().days if d.date.year == 2026}

    def test_outside_the_data(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "calendar", "show", "2100")
        assert status == 2 and "2100" in err and "Traceback" not in err


class TestMessages:
    """Each strict error shows its obligation's line; agenda warns like check."""

    def test_strict_errors_quote_the_obligation_line(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        status, _, err = check(capsys, work, "2026-12-15", "--no-provisional", "--agency", "b-gov")
        assert status == 2
        assert '   15 | 义务 annual "年度报告"：' in err and "hint:" in err

    def test_explain_strict_is_positioned(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        status, _, err = run(
            capsys, "explain", str(work / "monthly.xzjd"), "--agencies",
            str(work / "agencies.csv"), "--agency", "a-gov", "--obligation", "newyear",
            "--period", "2027", "--on", "2027-01-05", "--no-provisional",
        )  # fmt: skip
        assert status == 2
        assert err.startswith(f"{work / 'monthly.xzjd'}:5:1: error[calendar/no-notice]")

    def test_agenda_warns_once(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        argv = [
            "agenda", str(work / "ogi.zh.xzjd"), "--agencies", str(work / "agencies.csv"),
            "--agency", "a-gov", "--from", "2026-12-01", "--to", "2027-01-31",
        ]  # fmt: skip
        status, _, err = run(capsys, *argv)
        assert status == 0 and err.count("warning[calendar/provisional]") == 1
        status, _, err = run(capsys, *argv, "--no-provisional")
        assert status == 2 and "warning[calendar/provisional]" not in err
        assert "error[calendar/no-notice]" in err and "not listed" in err


def test_calendar_checked_before_the_data_is_read(
    capsys: pytest.CaptureFixture[str], work: Path
) -> None:
    """--on in 2101 (past cn's provisional years): the calendar error comes first, even though
    the agencies file does not exist."""
    status, out, err = run(
        capsys, "check", str(work / "monthly.xzjd"), "--agencies", str(work / "missing.csv"),
        "--on", "2101-01-05",
    )  # fmt: skip
    assert status == 2 and out == ""
    assert err.startswith("error[calendar/no-data]: calendar 'cn' has no data for 2101")
    assert "missing.csv" not in err

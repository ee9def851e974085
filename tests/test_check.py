# SPDX-License-Identifier: MIT
"""Semantic checks: every problem is found, each with a code and a position, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import CheckError, Diagnostic, Severity
from xzjd.language.checked import check, diagnostics
from xzjd.language.loader import parse_unchecked
from xzjd.model import Obligation, Ruleset

LADDER = "escalation standard:\n  urge 1 day after the deadline\n"


def problems(text: str) -> tuple[Diagnostic, ...]:
    """The errors of the CheckError that *text* raises (warnings left out)."""
    with pytest.raises(CheckError) as info:
        xzjd.loads(text, file="r.xzjd")
    return tuple(d for d in info.value.diagnostics if d.severity is Severity.ERROR)


def codes(text: str) -> list[str]:
    """The codes of the problems *text* has."""
    return [d.code for d in problems(text)]


def ob(ob_id: str, sentence: str, extra: str = "") -> str:
    """An obligation block."""
    return f"obligation {ob_id}:\n  {sentence}\n{extra}"


class TestDuplicates:
    def test_duplicate_obligation(self) -> None:
        """A second obligation with the same id is reported at its id."""
        text = ob("a", "by April 1, publish X") + ob("a", "by April 2, publish Y")
        (diag,) = problems(text)
        assert diag.code == "dup/obligation"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (3, 12)
        assert "first at line 1" in diag.message

    def test_duplicate_escalation(self) -> None:
        """Two ladders with one name are reported."""
        assert codes(LADDER + LADDER) == ["dup/escalation"]

    def test_duplicate_calendar(self) -> None:
        """Two calendar declarations with one name, and a declaration named 'cn', are reported."""
        decl = "calendar y based on cn:\n  work 2027-09-26\n"
        assert codes(decl + decl) == ["dup/calendar"]
        assert codes("calendar cn based on cn:\n  work 2027-09-26\n") == [
            "dup/calendar",
            "ref/calendar-cycle",
        ]

    def test_duplicate_header_and_body_lines(self) -> None:
        """A second 'effective' line or a second schedule line is reported."""
        text = "effective 2010-01-22\neffective 2011-01-01\n" + ob(
            "a", "by April 1, publish X", "  by April 2, publish Y\n"
        )
        assert codes(text) == ["dup/line", "dup/line"]


class TestReferences:
    def test_unknown_escalation_with_suggestion(self) -> None:
        """An unknown ladder name points at the name and suggests the close one."""
        text = LADDER + ob("a", "by April 1, publish X", "  escalation standrd\n")
        (diag,) = problems(text)
        assert diag.code == "ref/unknown-escalation"
        assert diag.hint == "did you mean 'standard'?"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (5, 14)

    def test_unknown_calendar(self) -> None:
        """'calendar NAME' must name 'cn' or a declared calendar."""
        (diag,) = problems("calendar yunan\ncalendar yunnan based on cn:\n  work 2027-09-26\n")
        assert diag.code == "ref/unknown-calendar"
        assert diag.hint == "did you mean 'yunnan'?"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (1, 10)

    def test_declared_calendar_is_known(self) -> None:
        """A declared calendar may be used."""
        text = "calendar yn based on cn:\n  rest 2027-10-01 to 2027-10-07\ncalendar yn\n"
        assert xzjd.loads(text).calendar == "yn"

    def test_unknown_base_calendar(self) -> None:
        """'based on NAME' must name a known calendar."""
        assert codes("calendar yn based on xx:\n  work 2027-09-26\n") == ["ref/unknown-calendar"]

    def test_backwards_rest_range(self) -> None:
        """A rest range that ends before it starts is reported."""
        text = "calendar yn based on cn:\n  rest 2027-10-07 to 2027-10-01\n"
        (diag,) = problems(text)
        assert diag.code == "calendar/backwards-range"
        assert diag.span is not None and diag.span.line == 2

    def test_calendar_cycle(self) -> None:
        """Declared calendars based on each other in a circle are reported once."""
        text = (
            "calendar a based on b:\n  work 2027-09-26\ncalendar b based on a:\n  work 2027-09-27\n"
        )
        assert codes(text) == ["ref/calendar-cycle"]

    def test_unknown_chained_obligation(self) -> None:
        """A chained schedule naming no obligation suggests the close id."""
        text = ob("summaries", "by April 1 each year, publish X") + ob(
            "rollup", "by the 5th of the following month after each deadline of sumaries, publish Y"
        )
        (diag,) = problems(text)
        assert diag.code == "ref/unknown-obligation"
        assert diag.hint == "did you mean 'summaries'?"
        line = text.splitlines()[3]
        assert diag.span is not None and diag.span.column == line.index("sumaries") + 1

    def test_self_chain(self) -> None:
        """A chained obligation may not follow itself."""
        text = ob("a", "a每期截止后次月5日前，公开 X")
        assert codes(text) == ["ref/self-chain"]

    def test_chain_after_event(self) -> None:
        """A chained obligation cannot follow an event-based one."""
        text = ob("rectify", "发现问题之日起30日内，完成 整改") + ob(
            "rollup", "rectify每期截止后次月5日前，公开 汇总"
        )
        (diag,) = problems(text)
        assert diag.code == "ref/chain-after-event"
        assert diag.span is not None and (diag.span.line, diag.span.column) == (4, 3)

    def test_chain_cycle(self) -> None:
        """Chained obligations that follow each other in a circle are reported once."""
        text = ob("a", "b每期截止后次月5日前，公开 X") + ob("b", "a每期截止后次月5日前，公开 Y")
        assert codes(text) == ["ref/chain-cycle"]


class TestObligations:
    def test_no_schedule(self) -> None:
        """An obligation with an action but no schedule is reported."""
        assert codes(ob("a", "publish X")) == ["obligation/no-schedule"]

    def test_no_action(self) -> None:
        """An obligation with a schedule but no action is reported."""
        assert codes(ob("a", "by April 1 each year")) == ["obligation/no-action"]

    def test_no_sentence(self) -> None:
        """An obligation with only a source line has neither schedule nor action."""
        assert codes('obligation a:\n  source "x"\n') == [
            "obligation/no-action",
            "obligation/no-schedule",
        ]


class TestDates:
    def test_february_30_each_year(self) -> None:
        """'by February 30 each year' names a day February never has."""
        (diag,) = problems(ob("a", "by February 30 each year, publish X"))
        assert diag.code == "date/no-such-day"

    def test_february_29_each_year_is_allowed(self) -> None:
        """Feb 29 is allowed in a yearly schedule (it means Feb 28 in common years)."""
        assert xzjd.loads(ob("a", "每年2月29日前，公开 X")).obligation("a").schedule is not None

    def test_february_29_once(self) -> None:
        """A one-off Feb 29 is checked against its year: 2012 is leap, 2010 is not."""
        assert xzjd.loads(ob("a", "by 2012-02-29, publish X"))
        assert codes(ob("a", "by 2010-02-29, publish X")) == ["date/no-such-day"]
        # without a year the effective year (2010, common) decides
        assert codes("effective 2010-01-22\n" + ob("a", "by February 29, publish X")) == [
            "date/no-such-day"
        ]

    def test_april_31(self) -> None:
        """April has 30 days."""
        assert codes(ob("a", "每年4月31日前，公开 X")) == ["date/no-such-day"]

    def test_month_13(self) -> None:
        """There is no 13th month."""
        assert codes(ob("a", "2010年13月底前，公开 X")) == ["date/no-such-month"]

    def test_day_32_of_each_month(self) -> None:
        """No month has a 32nd day."""
        assert codes(ob("a", "by the 32nd of each month, publish X")) == ["date/no-such-day"]

    def test_invalid_effective_date(self) -> None:
        """'effective 2010-02-30' is not a date."""
        assert codes("effective 2010-02-30\n") == ["date/invalid"]

    def test_three_digit_year(self) -> None:
        """Years are written with four digits."""
        assert codes(ob("a", "by the end of March 999, publish X")) == ["date/bad-year"]

    def test_empty_year_range(self) -> None:
        """'from 2015 until 2011' is an empty range."""
        assert codes(ob("a", "by April 1 each year from 2015 until 2011, publish X")) == [
            "schedule/bad-range"
        ]

    def test_range_before_a_one_off_schedule(self) -> None:
        """A year range before a one-off schedule is reported."""
        assert codes(ob("a", "自2011年起，4月1日前，公开 X")) == ["schedule/range-not-allowed"]

    def test_range_before_and_after(self) -> None:
        """A year range written both before and after the schedule is reported."""
        text = ob("a", "自2011年起，每年4月1日前至2015年止，公开 X")
        assert codes(text) == ["dup/range"]

    def test_zero_days(self) -> None:
        """'within 0 days' is no time limit."""
        assert codes(ob("a", "within 0 days after finding, publish X")) == ["schedule/zero-count"]


class TestLargeNumbers:
    def test_time_limit_too_large(self) -> None:
        """A time limit above 10000 is a mistake, reported at the number."""
        text = ob("a", "within 99999999999999999999 days after finding, publish X")
        (diag,) = problems(text)
        assert diag.code == "number/too-large"
        assert diag.span is not None and diag.span.column == 10

    def test_ladder_days_too_large(self) -> None:
        """Ladder and warn days above 10000 are reported."""
        text = "升级 s：\n  截止前20000日预警\n  逾期10001日督促\n"
        assert codes(text) == ["number/too-large", "number/too-large"]


class TestLadders:
    def test_days_must_increase(self) -> None:
        """A step whose days do not exceed the step above it is out of order."""
        text = (
            "escalation s:\n  urge 5 days after the deadline\n  notify 3 days after the deadline\n"
        )
        (diag,) = problems(text)
        assert diag.code == "escalation/out-of-order"
        assert diag.span is not None and diag.span.line == 3

    def test_severity_must_not_decrease(self) -> None:
        """'remind' below 'notify' is milder than the step above it."""
        text = "升级 s：\n  逾期1日通报\n  逾期5日提醒\n"
        assert codes(text) == ["escalation/out-of-order"]

    def test_equal_severity_is_allowed(self) -> None:
        """Two steps of the same kind with increasing days are in order."""
        text = "escalation s:\n  urge 1 day after the deadline\n  urge 5 days after the deadline\n"
        assert len(xzjd.loads(text).escalations[0].steps) == 2

    def test_more_than_one_warn(self) -> None:
        """A ladder may have at most one warn line."""
        text = (
            "escalation s:\n  warn 5 days before the deadline\n"
            "  warn 3 days before the deadline\n  urge 1 day after the deadline\n"
        )
        (diag,) = problems(text)
        assert diag.code == "escalation/multiple-warn"
        assert diag.span is not None and diag.span.line == 3


class TestAllAtOnce:
    def test_every_problem_is_reported_in_source_order(self) -> None:
        """One CheckError holds every problem of the file, sorted by position."""
        text = (
            "calendar xx\n"
            + ob("a", "by February 30 each year, publish X", "  escalation nope\n")
            + ob("a", "publish Y")
        )
        diags = problems(text)
        assert [d.code for d in diags] == [
            "ref/unknown-calendar",
            "date/no-such-day",
            "ref/unknown-escalation",
            "dup/obligation",
            "obligation/no-schedule",
        ]
        assert all(d.file == "r.xzjd" and d.line_text for d in diags)
        assert all(d.message_zh for d in diags)

    def test_check_function(self) -> None:
        """check() returns a valid ruleset, unchanged, with its warnings (here: no effective
        date and no 'from' year) and raises on an invalid one."""
        good, _ = parse_unchecked(ob("a", "by April 1, publish X"))
        result = check(good)
        assert result.ruleset is good
        assert [d.code for d in result.warnings] == ["schedule/no-effective"]
        bad = Ruleset(obligations=[Obligation(id="a")])
        assert [d.code for d in diagnostics(bad)] == [
            "obligation/no-action",
            "obligation/no-schedule",
        ]
        with pytest.raises(CheckError):
            check(bad)


class TestCheckCommand:
    def test_valid_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A valid file: exit 0 and a one-line summary on stdout."""
        rules = tmp_path / "rules.xzjd"
        rules.write_text(ob("a", "by April 1, publish X") + ob("b", "4月1日前，公开 Y"), "utf-8")
        assert main(["check", str(rules)]) == 0
        assert capsys.readouterr().out == f"{rules}: ok, 2 obligations\n"

    def test_all_diagnostics_on_stderr(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An invalid file: exit 2 and every rendered diagnostic on stderr."""
        rules = tmp_path / "rules.xzjd"
        rules.write_text(ob("a", "publish X") + ob("a", "publish Y"), "utf-8")
        assert main(["check", str(rules)]) == 2
        err = capsys.readouterr().err
        assert err.count("error[obligation/no-schedule]") == 2
        assert "error[dup/obligation]" in err

    def test_chinese_messages(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With LANG=zh_CN.UTF-8 the summary and the diagnostics are in Chinese."""
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        rules = tmp_path / "r.xzjd"
        rules.write_text(ob("a", "by April 1, publish X"), "utf-8")
        assert main(["check", str(rules)]) == 0
        assert capsys.readouterr().out == f"{rules}：通过，1 项义务\n"
        rules.write_text(ob("a", "publish X"), "utf-8")
        assert main(["check", str(rules)]) == 2
        assert "没有期限" in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("content", "code"),
        # A folder stands for its rules files: an empty one holds none.
        [(None, "file/not-found"), (b"\xff\xfe\x00", "file/encoding"), ("dir", "file/no-rules")],
    )
    def test_unreadable_input_without_traceback(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        content: bytes | str | None,
        code: str,
    ) -> None:
        """Missing and non-UTF-8 files, empty folders: exit 2, a diagnostic, no traceback."""
        rules = tmp_path / "rules.xzjd"
        if content == "dir":
            rules.mkdir()
        elif isinstance(content, bytes):
            rules.write_bytes(content)
        assert main(["check", str(rules)]) == 2
        err = capsys.readouterr().err
        assert f"error[{code}]" in err
        assert "Traceback" not in err

    def test_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing argument is a usage error with exit 2, not an exception."""
        assert main(["check"]) == 2
        assert "usage:" in capsys.readouterr().err


class TestNoEffectiveDate:
    RULES = (
        'ruleset "t"\n\nobligation a "r":\n  applies to every administrative organ\n'
        "  by the end of every even month, file x with supervisory organ\n"
    )

    def test_is_a_warning_at_the_schedule(self) -> None:
        """A schedule with neither `effective` nor `from` gets a positioned warning."""
        (warning,) = xzjd.language.warnings(xzjd.loads(self.RULES, file="r.xzjd"))
        assert warning.code == "schedule/no-effective"
        assert warning.span is not None and (warning.span.line, warning.span.column) == (5, 3)

    def test_a_from_year_is_enough(self) -> None:
        """`from 2011` gives the first period a start: no warning."""
        text = self.RULES.replace("even month,", "even month from 2011,")
        assert xzjd.language.warnings(xzjd.loads(text)) == []

    def test_evaluating_points_at_the_schedule(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`xzjd check` with data exits 2 and the warning says where and how to fix it."""
        rules = tmp_path / "r.xzjd"
        rules.write_text(self.RULES, encoding="utf-8")
        agencies = tmp_path / "a.csv"
        agencies.write_text(
            "id,name,kind,level,region,tags\nkm-gov,KM,government,prefecture,YN/KM,\n",
            encoding="utf-8",
        )
        status = main(["check", str(rules), "--agencies", str(agencies), "--on", "2010-05-01"])
        err = capsys.readouterr().err
        assert status == 2
        assert f"{rules}:5:3: warning[schedule/no-effective]" in err
        assert "hint: add 'effective YYYY-MM-DD'" in err

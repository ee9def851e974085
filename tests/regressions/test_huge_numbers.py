# SPDX-License-Identifier: MIT
"""Issue 12, C2: a number of 2^31 or more in a rules file is a positioned check error.

``by July 2147483648`` (or ``2010年7月2147483648日前``) ended in ``OverflowError: signed
integer is greater than maximum`` in check, fmt, agenda and test and from ``loads()``: the
check of a schedule worked out its last deadline with ``datetime.date`` before the day had
been checked, and caught only ``ValueError``. A number of more than 4300 digits failed even
earlier, in ``int()`` inside the parser (a ``VisitError``).

Now the checks that range-check a schedule's numbers come first and dates are worked out only
from numbers that passed; numbers too long for ``int()`` become a stand-in that the checks
reject like any other out-of-range number. Every integer the grammar accepts is tried here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.errors import CheckError
from xzjd.language.build_base import LongNumber

ROOT = Path(__file__).resolve().parents[2]
E = ROOT / "examples" / "yunnan-2010"

HEAD = 'ruleset "x"\neffective 2010-01-01\ncalendar cn\n\n'
LADDER = (
    "escalation s:\n  warn {w} days before the deadline\n  urge {u} days after the deadline\n\n"
)
OBLIGATION = (
    'obligation a "A":\n'
    "  applies to every administrative organ\n"
    "  {schedule}, file report with the same-level supervisory organ\n"
)
BIG = ["2147483648", str(10**20), "9" * 5000]

# Each schedule with the number in one place, and the code that reports it.
SCHEDULES = [
    ("by July {n}", "date/no-such-day"),
    ("by July {n}, 2010", "date/no-such-day"),
    ("during July {n}", "date/bad-year"),
    ("by the end of July {n}", "date/bad-year"),
    ("by July {n} each year", "date/no-such-day"),
    ("by July {n} and July 3 each year", "date/no-such-day"),
    ("by the {n}th of each month", "date/no-such-day"),
    ("by the end of each month from {n}", "date/bad-year"),
    ("by the end of each month until {n}", "date/bad-year"),
    ("by the end of each quarter from 2010 until {n}", "date/bad-year"),
    ("within {n} days after the finding", "number/too-large"),
    ("within {n} working days after the finding", "number/too-large"),
    ("within {n} months after the finding", "number/too-large"),
    ("{n}年7月1日前", "date/bad-year"),
    ("2010年{n}月1日前", "date/no-such-month"),
    ("2010年7月{n}日前", "date/no-such-day"),
    ("7月{n}日前", "date/no-such-day"),
    ("{n}月底前", "date/no-such-month"),
    ("每年7月{n}日前", "date/no-such-day"),
    ("每年{n}月1日和{n}月2日前", "date/no-such-month"),
    ("每月{n}日前", "date/no-such-day"),
    ("自{n}年起，每月底前", "date/bad-year"),
    ("每月底前自2010年起至{n}年止", "date/bad-year"),
    ("{n}年7月份", "date/bad-year"),
    ("发现问题之日起{n}日内", "number/too-large"),
    ("发现问题之日起{n}个工作日内", "number/too-large"),
    ("发现问题之日起{n}个月内", "number/too-large"),
]


def codes_of(text: str) -> list[str]:
    with pytest.raises(CheckError) as info:
        xzjd.loads(text, file="r.xzjd")
    return [d.code for d in info.value.diagnostics]


@pytest.mark.parametrize("number", BIG, ids=["2^31", "10^20", "5000-digits"])
@pytest.mark.parametrize(("schedule", "code"), SCHEDULES, ids=[s for s, _ in SCHEDULES])
def test_every_integer_of_a_schedule(schedule: str, code: str, number: str) -> None:
    """A huge number anywhere in a schedule is reported by the check that owns it."""
    text = HEAD + OBLIGATION.format(schedule=schedule.format(n=number))
    assert code in codes_of(text)


@pytest.mark.parametrize("number", BIG, ids=["2^31", "10^20", "5000-digits"])
@pytest.mark.parametrize("where", ["warn", "urge"])
def test_ladder_days(where: str, number: str) -> None:
    """A huge warn or step count is number/too-large."""
    ladder = LADDER.format(
        w=number if where == "warn" else "1", u=number if where == "urge" else "2"
    )
    text = HEAD + ladder + OBLIGATION.format(schedule="by July 1") + "  escalation s\n"
    assert codes_of(text) == ["number/too-large"]


def test_the_reproducer_en() -> None:
    """``by July 2147483648``: the day does not exist in July, reported at the schedule.

    The ruleset is effective 2010-01-01, so the one-off falls in July 2010 (31 days).
    """
    text = HEAD + OBLIGATION.format(schedule="by July 2147483648")
    with pytest.raises(CheckError) as info:
        xzjd.loads(text, file="r.xzjd")
    (diag,) = info.value.diagnostics
    assert diag.code == "date/no-such-day"
    assert diag.message == "July 2010 has no day 2147483648"
    assert diag.hint == "July 2010 has 31 days"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (7, 3)


def test_the_reproducer_zh() -> None:
    """``2010年7月2147483648日前``: the same, in Chinese."""
    text = HEAD + OBLIGATION.format(schedule="2010年7月2147483648日前")
    with pytest.raises(CheckError) as info:
        xzjd.loads(text, file="r.xzjd")
    (diag,) = info.value.diagnostics
    assert diag.code == "date/no-such-day"
    assert diag.message_zh == "2010年7月没有2147483648日"


def test_a_number_too_long_for_int() -> None:
    """5000 nines: kept as a stand-in that prints shortened and fails every limit."""
    text = HEAD + OBLIGATION.format(schedule="by July " + "9" * 5000)
    with pytest.raises(CheckError) as info:
        xzjd.loads(text, file="r.xzjd")
    (diag,) = info.value.diagnostics
    assert diag.message == "July 2010 has no day 999999…999 (5000 digits)"
    number = LongNumber("9" * 5000)
    assert number > 10**4000 - 1 and str(number) == "999999…999 (5000 digits)"


def test_same_month_twice_with_an_impossible_month() -> None:
    """``每年13月1日和13月2日前`` is two no-such-month errors (it was an IndexError)."""
    text = HEAD + OBLIGATION.format(schedule="每年13月1日和13月2日前")
    assert codes_of(text) == ["date/no-such-month", "date/no-such-month"]


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    path = tmp_path / "r.xzjd"
    path.write_text(HEAD + OBLIGATION.format(schedule="by July 2147483648"), encoding="utf-8")
    return path


DATA = ["--agencies", str(E / "agencies.csv")]
AGENDA = ["--agency", "yn-gov", "--from", "2010-01-01", "--to", "2010-12-31"]
EXPLAIN = ["--agency", "yn-gov", "--obligation", "a", "--period", "once", "--on", "2010-11-15"]


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{r}"],
        ["fmt", "{r}"],
        ["check", "{r}", *DATA, "--on", "2010-11-15"],
        ["agenda", "{r}", *DATA, *AGENDA],
        ["explain", "{r}", *DATA, *EXPLAIN],
    ],
    ids=["check", "fmt", "check-data", "agenda", "explain"],
)
def test_every_command(rules: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """check, fmt, agenda and explain: exit 2 with the positioned error, no internal error."""
    status = main([c.format(r=rules) for c in command])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{rules}:7:3: error[date/no-such-day]: July 2010 has no day 2147483648" in err
    assert "internal error" not in err


def test_xzjd_test(rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``xzjd test`` on a test file whose rules have the huge day: exit 2, positioned."""
    test = tmp_path / "r.test.xzjd"
    test.write_text(
        f'rules "{rules.name}"\nagencies "{E / "agencies.csv"}"\n\n'
        'scenario "s":\n  on 2010-11-15\n  expect yn-gov a once overdue\n',
        encoding="utf-8",
    )
    status = main(["test", str(test)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{rules}:7:3: error[date/no-such-day]" in err


def test_overdue_days_past_the_first_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``overdue 3000000 days`` on 2010-04-06 would put the deadline before 0001-01-01.

    2010-04-06 is day 733,868 of the proleptic Gregorian calendar (date.toordinal), so any
    count from 733,868 up cannot be subtracted from it: expect/impossible, at the count.
    """
    for name in ("rules.zh.xzjd", "agencies.csv", "filings.csv", "events.csv"):
        (tmp_path / name).write_bytes((E / name).read_bytes())
    test = tmp_path / "a.test.xzjd"
    test.write_text(
        'rules "rules.zh.xzjd"\nagencies "agencies.csv"\nfilings "filings.csv"\n'
        'events "events.csv"\n\nscenario "s":\n  on 2010-04-06\n'
        "  expect zt-gov key-posts-filing once overdue 3000000 days, due 2010-04-01\n",
        encoding="utf-8",
    )
    status = main(["test", str(test)])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{test}:8:39: error[expect/impossible]" in err
    assert "before 0001-01-01" in err

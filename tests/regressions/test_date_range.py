# SPDX-License-Identifier: MIT
"""Issue 12, C3 and C4: dates at the ends of the range 0001-01-01 .. 9999-12-31.

C3: ``xzjd agenda … --from 0001-01-01 --to 2010-12-31`` ended in ``OverflowError``: the agenda
looks a month before ``--from`` for deadlines moved into the range (``start - timedelta(31)``).
C4: a declared calendar covering 9999 with ``--on 9999-12-31`` ended in ``ValueError: year
10000`` (the calendar searched past the last date for a working day), and a ladder step
``notify 10000 days after the deadline`` in ``OverflowError`` (``due + timedelta``).

The decision (docs/evaluation.md, "The ends of the date range"): arithmetic that would leave
the range saturates where that gives the same answer for every date xzjd can evaluate on (the
agenda's look-back starts at 0001-01-01; a step reached only after 9999-12-31 is never
reached; a warning that would start before 0001-01-01 is on from 0001-01-01), and is a
positioned error where a deadline itself would fall after 9999-12-31 (at the rule's schedule,
or at the event's date).

Weekdays of year 9999, worked out by hand: the Gregorian calendar repeats every 400 years
(146,097 days, exactly 20,871 weeks), so 9999 has the weekdays of 1999, which began on a
Friday. Jan 31 is day 31, 30 days after a Friday: Sunday. Sep 30 is day 273: 272 = 38 * 7 + 6
days after, Thursday. Oct 31 is day 304: 303 = 43 * 7 + 2, Sunday. Nov 30 is day 334:
333 = 47 * 7 + 4, Tuesday. Dec 31 is day 365: 364 = 52 * 7, Friday.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine import State
from xzjd.errors import CheckError, InputError
from xzjd.facts.tables import text_source
from xzjd.model import Step
from xzjd.views.agenda import agenda

ROOT = Path(__file__).resolve().parents[2]
E = ROOT / "examples" / "yunnan-2010"
D = dt.date

# A calendar with data for 9999 (and, from cn, 2004-2026): Oct 1-3 are rest days.
FAR = """ruleset "far"
effective 9999-01-01
calendar far
deadlines on rest days move to the next working day

calendar far based on cn:
  rest 9999-10-01 to 9999-10-03{extra}

escalation s:
  warn 3 working days before the deadline
  urge 1 day after the deadline
  notify 10000 days after the deadline

obligation a "A":
  applies to every administrative organ
  by the end of each month, file report with the same-level supervisory organ
  escalation s
{more}"""

EVENT_BASED = """
obligation b "B":
  applies to every administrative organ
  within 10000 {unit} after the finding, file report with the same-level supervisory organ
"""


def far(extra: str = "", more: str = "") -> xzjd.Ruleset:
    return xzjd.loads(FAR.format(extra=extra, more=more), file="far.xzjd")


@pytest.fixture(scope="module")
def agencies() -> xzjd.Registry:
    return xzjd.read_agencies(str(E / "agencies.csv"))


# --------------------------------------------------------------------------- C3


def test_agenda_from_the_first_date(capsys: pytest.CaptureFixture[str]) -> None:
    """``--from 0001-01-01 --to 2010-12-31``: exit 0, the deadlines of --from 2010-01-01.

    The rules are effective 2010-03-01, so no deadline lies before 2010: starting the range
    at 0001-01-01 lists exactly what starting it at 2010-01-01 lists.
    """
    base = ["agenda", str(E / "rules.en.xzjd"), "--agencies", str(E / "agencies.csv")]
    base += ["--agency", "yn-gov", "--to", "2010-12-31", "--format", "json"]
    assert main([*base, "--from", "0001-01-01"]) == 0
    from_first = capsys.readouterr()
    assert main([*base, "--from", "2010-01-01"]) == 0
    from_2010 = capsys.readouterr()
    assert from_first.out == from_2010.out and from_first.out.count('"due"') > 0
    assert "internal error" not in from_first.err


def test_agenda_to_the_last_date_needs_calendar_data(capsys: pytest.CaptureFixture[str]) -> None:
    """``--to 9999-12-31`` with the built-in calendar: the calendar (notices to 2026,
    provisional years to 2099) lacks 2100, exit 2."""
    rules, data = str(E / "rules.en.xzjd"), ["--agencies", str(E / "agencies.csv")]
    status = main(
        ["agenda", rules, *data, "--agency", "yn-gov", "--from", "2010-01-01", "--to", "9999-12-31"]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert "no data for 2100" in err and "internal error" not in err


def test_agenda_over_the_whole_range(agencies: xzjd.Registry) -> None:
    """From 0001-01-01 to 9999-12-31 on a calendar with 9999: the twelve months of 9999.

    Jan 31 9999 is a Sunday, so the first deadline moves to Monday Feb 1; Dec 31 is a
    Friday, the last deadline; its warning starts 3 working days before: Thu 30, Wed 29,
    Tue 28 -> Dec 28.
    """
    items, _ = agenda(far(), agencies, agency="yn-gov", start=D(1, 1, 1), end=D(9999, 12, 31))
    assert [i.period for i in items] == [f"9999-{m:02d}" for m in range(1, 13)]
    assert (items[0].nominal_due, items[0].due) == (D(9999, 1, 31), D(9999, 2, 1))
    assert (items[-1].due, items[-1].warn_from) == (D(9999, 12, 31), D(9999, 12, 28))


# --------------------------------------------------------------------------- C4


def test_on_the_last_date(agencies: xzjd.Registry) -> None:
    """``--on 9999-12-31`` with a calendar covering 9999.

    9999-11: due Tue Nov 30, 31 days overdue on Dec 31 (December has 31 days); urge is
    reached on Dec 1, and notify, 10000 days after Nov 30, lies after 9999-12-31: never
    reached, so the step is urge. 9999-12: due Fri Dec 31, not overdue on its own deadline,
    in warning since Dec 28.
    """
    statuses = xzjd.evaluate(far(), agencies, on=D(9999, 12, 31), agency="yn-gov")
    by_period = {s.period: s for s in statuses}
    nov, dec = by_period["9999-11"], by_period["9999-12"]
    assert (nov.due, nov.state, nov.days_overdue, nov.step) == (
        D(9999, 11, 30),
        State.OVERDUE,
        31,
        Step.URGE,
    )
    assert (dec.due, dec.state) == (D(9999, 12, 31), State.WARNING)


def test_on_the_last_date_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The C4 reproducer through the command line: exit 0, no internal error."""
    rules = tmp_path / "far.xzjd"
    rules.write_text(FAR.format(extra="", more=""), encoding="utf-8")
    status = main(
        ["check", str(rules), "--agencies", str(E / "agencies.csv"), "--on", "9999-12-31"]
    )
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "internal error" not in captured.err


def test_deadline_moved_past_the_last_date(agencies: xzjd.Registry) -> None:
    """Dec 31 9999 declared a rest day: the December deadline cannot move anywhere.

    The error points at the schedule: line 17 of FAR (with the extra rest line), column 3.
    """
    rules = far(extra="\n  rest 9999-12-31")
    with pytest.raises(CheckError) as info:
        xzjd.evaluate(rules, agencies, on=D(9999, 12, 31), agency="yn-gov")
    (diag,) = info.value.diagnostics
    assert diag.code == "date/out-of-range"
    assert diag.file == "far.xzjd"
    assert diag.span is not None and (diag.span.line, diag.span.column) == (17, 3)
    assert (
        diag.line_text
        == "  by the end of each month, file report with the same-level supervisory organ"
    )
    assert "9999-12-31" in diag.message and diag.hint


@pytest.mark.parametrize("unit", ["days", "working days", "months"])
def test_event_deadline_past_the_last_date(agencies: xzjd.Registry, unit: str) -> None:
    """An event on 9999-12-01 and ``within 10000 <unit>``: an error at the event's date.

    ``e1,yn-gov,finding,`` is 18 characters, so the date is at column 19 of line 2.
    """
    rules = far(more=EVENT_BASED.format(unit=unit))
    events = xzjd.read_events(
        text_source("id,agency,event,date\ne1,yn-gov,finding,9999-12-01\n", "events.csv")
    )
    with pytest.raises(InputError) as info:
        xzjd.evaluate(rules, agencies, on=D(9999, 12, 31), events=events, agency="yn-gov")
    (diag,) = info.value.diagnostics
    assert diag.code == "date/out-of-range"
    assert diag.span is not None and (diag.file, diag.span.line, diag.span.column) == (
        "events.csv",
        2,
        19,
    )
    assert "e1" in diag.message and diag.hint == "check the event's date"


def test_warning_before_the_first_date(agencies: xzjd.Registry) -> None:
    """A warning that would start 10000 days before a deadline in year 1 is on from 0001-01-01.

    Event on 0001-01-01, within 1 day: deadline 0001-01-02 (the event day does not count);
    deadlines stay on rest days, so no calendar data is needed. 10000 days before it lies
    before the first date: on 0001-01-02 the period is in warning, from 0001-01-01.
    """
    rules = xzjd.loads(
        'ruleset "x"\neffective 0001-01-01\ndeadlines on rest days stay\n\n'
        "escalation s:\n  warn 10000 days before the deadline\n  urge 1 day after the deadline\n\n"
        'obligation b "B":\n  applies to every administrative organ\n'
        "  within 1 day after the finding, file report with the same-level supervisory organ\n"
        "  escalation s\n"
    )
    events = xzjd.read_events(text_source("id,agency,event,date\ne1,yn-gov,finding,0001-01-01\n"))
    (status,) = xzjd.evaluate(rules, agencies, on=D(1, 1, 2), events=events, agency="yn-gov")
    assert (status.due, status.state) == (D(1, 1, 2), State.WARNING)
    items, _ = agenda(
        rules, agencies, agency="yn-gov", start=D(1, 1, 1), end=D(1, 1, 2), events=events
    )
    assert [(i.due, i.warn_from) for i in items] == [(D(1, 1, 2), D(1, 1, 1))]


def test_a_deadline_on_the_last_date(agencies: xzjd.Registry) -> None:
    """``by 9999-12-31``, deadlines staying on rest days: the period after it is never asked
    for (the unroller stopped at ``deadline + 1 day``)."""
    rules = xzjd.loads(
        'ruleset "x"\neffective 9999-01-01\ndeadlines on rest days stay\n\n'
        'obligation c "C":\n  applies to every administrative organ\n'
        "  by 9999-12-31, file report with the same-level supervisory organ\n"
    )
    items, _ = agenda(rules, agencies, agency="yn-gov", start=D(9999, 12, 1), end=D(9999, 12, 31))
    assert [(i.period, i.due) for i in items] == [("once", D(9999, 12, 31))]
    (status,) = xzjd.evaluate(rules, agencies, on=D(9999, 12, 31), agency="yn-gov")
    assert (status.due, status.state) == (D(9999, 12, 31), State.PENDING)


def test_periods_in_the_last_year(agencies: xzjd.Registry) -> None:
    """Periods in 9999 exist and can be named: a chained duty and a filing for 9999-12.

    The chained duty falls on the 5th of the month after each monthly deadline. Nov 30 9999
    gives Dec 5, a Sunday (Dec 1 is the day after Tuesday Nov 30, a Wednesday): due Monday
    Dec 6. The filing names 9999-12 and is filed on Dec 6: done. Before, years past 9998 were
    cut off: no chained period in 9999, and the label 9999-12 was refused.
    """
    rules = far(
        more='\nobligation c "C":\n  applies to every administrative organ\n'
        "  by the 5th of the following month after each deadline of a, "
        "file summary with the same-level supervisory organ\n"
    )
    filings = xzjd.read_filings(
        text_source(
            "id,agency,obligation,filed_on,period\nf1,yn-gov,c,9999-12-06,9999-12\n", "f.csv"
        )
    )
    statuses = xzjd.evaluate(rules, agencies, filings, on=D(9999, 12, 31), agency="yn-gov")
    chained = {s.period: s for s in statuses if s.obligation == "c"}
    assert sorted(chained) == [f"9999-{m:02d}" for m in range(2, 13)]
    dec = chained["9999-12"]
    assert (dec.nominal_due, dec.due, dec.state) == (D(9999, 12, 5), D(9999, 12, 6), State.DONE)

# SPDX-License-Identifier: MIT
"""The columnar evaluation core (engine/core.py, vector.py, table.py) on cases worked out by
hand, against the assignment walk (``evaluate_by("reference", ...)``), and the lazy
:class:`~xzjd.engine.Statuses` it returns. tests/property/test_columnar_walk.py compares the two
on random facts."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from bench import generate

from xzjd.engine import State, Status, Statuses, core, evaluate
from xzjd.engine.evaluator import evaluate_by
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Event, Filing, read_events, read_filings, text_source
from xzjd.language import check
from xzjd.language.loader import load, loads

D = dt.date

RULES = check(
    loads(
        """ruleset "columnar"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

obligation monthly "Monthly report":
  applies to every government
  by the 10th of each month, file report with the same-level supervisory organ

obligation meeting "Meeting":
  applies to every government
  during July 2010, hold meeting
"""
    )
)

AGENCIES: Registry = read_agencies(
    text_source(
        "id,name,kind,level,region,tags\n"
        "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
        "km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,\n",
        "agencies.csv",
    )
)


def filings(*rows: str) -> tuple[Filing, ...]:
    text = "id,agency,obligation,filed_on,period,recipient,status\n" + "\n".join(rows) + "\n"
    return read_filings(text_source(text, "filings.csv"))


def both(fs: Sequence[Filing], on: dt.date) -> Statuses:
    """The columnar records, once checked equal (records and warnings) to the walk's."""
    got = evaluate(RULES, AGENCIES, fs, on=on)
    reference = evaluate_by("reference", RULES, AGENCIES, fs, on=on)
    assert list(got) == list(reference)
    assert got.warnings == reference.warnings
    return got


def record(statuses: Sequence[Status], obligation: str, period: str) -> Status:
    (found,) = [s for s in statuses if s.obligation == obligation and s.period == period]
    return found


class TestVectorPath:
    def test_returned_then_refiled_late(self) -> None:
        """A returned filing and its refiling count for the period they name, in order.

        2010-05 is due on Monday 10 May 2010, a working day (the May Day holiday was 1-3
        May), so it stays; refiled on 12 May: late by 12 - 10 = 2 days.
        """
        fs = filings(
            "f1,km-gov,monthly,2010-05-06,2010-05,,returned",
            "f2,km-gov,monthly,2010-05-12,2010-05,,accepted",
        )
        s = record(both(fs, D(2010, 5, 20)), "monthly", "2010-05")
        assert s.due == D(2010, 5, 10)
        assert (s.state, s.days_late, s.satisfied_on) == (State.LATE, 2, D(2010, 5, 12))
        assert s.filings == ("f1", "f2") and s.outstanding == ()

    def test_returned_alone_leaves_the_period_open(self) -> None:
        """A returned filing alone satisfies nothing; the record names it, the recipient is
        still outstanding. On 20 May, 10 days past the 10 May deadline: overdue by 10."""
        fs = filings("f1,km-gov,monthly,2010-05-06,2010-05,km-jc,returned")
        s = record(both(fs, D(2010, 5, 20)), "monthly", "2010-05")
        assert (s.state, s.days_overdue) == (State.OVERDUE, 10)
        assert s.filings == ("f1",) and s.outstanding == ("km-jc",)

    def test_unnamed_before_named_goes_to_the_walk(self) -> None:
        """An unnamed filing on 5 April takes 2010-03, still empty (the walk gives a filing
        the earliest open period); the filing naming 2010-03 the next day joins it.

        2010-03 is due Wednesday 10 March 2010 (a working day): satisfied on 5 April, late
        by 21 days of March + 5 = 26 days. 2010-04 received nothing.
        """
        fs = filings(
            "f1,km-gov,monthly,2010-04-05,,,accepted",
            "f2,km-gov,monthly,2010-04-06,2010-03,,accepted",
        )
        out = both(fs, D(2010, 4, 20))
        march = record(out, "monthly", "2010-03")
        assert march.due == D(2010, 3, 10)
        assert (march.state, march.days_late, march.filings) == (State.LATE, 26, ("f1", "f2"))
        assert record(out, "monthly", "2010-04").filings == ()

    def test_unnamed_filings_in_date_order(self) -> None:
        """Unnamed filings fill the periods in order; the one filed first counts first,
        whatever the order of the file. 2010-03 (due 10 March) gets the 8 March filing
        (done), 2010-04 (due Monday 12 April: 10 April 2010 is a Saturday) the 9 April
        one (done)."""
        fs = filings(
            "f2,km-gov,monthly,2010-04-09,,,accepted",
            "f1,km-gov,monthly,2010-03-08,,,accepted",
        )
        out = both(fs, D(2010, 4, 20))
        assert record(out, "monthly", "2010-03").filings == ("f1",)
        april = record(out, "monthly", "2010-04")
        assert april.due == D(2010, 4, 12)
        assert (april.state, april.filings) == (State.DONE, ("f2",))

    def test_returned_in_the_month_then_refiled(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """In a ``during`` month (July 2010), a returned filing on the 5th and its refiling
        on the 20th both go to the one period, with no walk: done on the 20th."""
        fs = filings(
            "f1,km-gov,meeting,2010-07-05,,,returned",
            "f2,km-gov,meeting,2010-07-20,,,accepted",
        )
        reference = evaluate_by("reference", RULES, AGENCIES, fs, on=D(2010, 8, 20))
        monkeypatch.setattr(core, "assign", _no_walk)
        out = evaluate(RULES, AGENCIES, fs, on=D(2010, 8, 20))
        assert list(out) == list(reference) and out.warnings == reference.warnings
        meeting = record(out, "meeting", "once")
        assert (meeting.state, meeting.satisfied_on) == (State.DONE, D(2010, 7, 20))
        assert meeting.filings == ("f1", "f2")

    def test_returned_after_the_month_fits_no_period(self) -> None:
        """A returned filing dated after a ``during`` month names no period: it fits none
        (warned), as the walk says."""
        fs = filings("f1,km-gov,meeting,2010-08-02,,,returned")
        out = both(fs, D(2010, 8, 20))
        assert [w.code for w in out.warnings] == ["filing/no-period"]
        assert record(out, "meeting", "once").filings == ()


class TestSeveralRecipients:
    RULES = check(
        loads(
            """ruleset "two recipients"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

obligation rollup "Roll-up":
  applies to every supervisory organ
  by the 5th of each month, file roll-up with {recipients}
""".format(recipients="the same-level government and the upper-level supervisory organ")
        )
    )
    AGENCIES = read_agencies(
        text_source(
            "id,name,kind,level,region,tags\n"
            "yn-jc,云南省监察厅,supervisory organ,provincial,云南省,\n"
            "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
            "km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,\n",
            "agencies.csv",
        )
    )

    def both(self, fs: Sequence[Filing], on: dt.date) -> list[Status]:
        got = evaluate(self.RULES, self.AGENCIES, fs, on=on)
        reference = evaluate_by("reference", self.RULES, self.AGENCIES, fs, on=on)
        assert list(got) == list(reference) and got.warnings == reference.warnings
        return [s for s in got if s.agency == "km-jc"]

    def test_satisfied_on_the_day_of_the_last_recipient(self) -> None:
        """km-jc owes 2010-04 to km-gov and yn-jc. It is nominally due Monday 5 April 2010,
        in the Qingming holiday (3-5 April), and moves to the next working day, Tuesday 6
        April. km-gov has it on 2 April, yn-jc on 8 April (its second unnamed filing: the
        first took 2010-03): satisfied on 8 April, late by 8 - 6 = 2 days."""
        fs = filings(
            "f1,km-jc,rollup,2010-04-02,2010-04,km-gov,accepted",
            "f2,km-jc,rollup,2010-04-08,,yn-jc,accepted",
            "f3,km-jc,rollup,2010-03-02,,yn-jc,accepted",
        )
        april = record(self.both(fs, D(2010, 4, 20)), "rollup", "2010-04")
        assert april.due == D(2010, 4, 6)
        assert (april.state, april.satisfied_on, april.days_late) == (State.LATE, D(2010, 4, 8), 2)
        assert april.filings == ("f1", "f2") and april.outstanding == ()

    def test_one_recipient_still_waiting(self) -> None:
        """Only yn-jc has 2010-03 (its first unnamed filing): km-gov is outstanding."""
        fs = filings("f3,km-jc,rollup,2010-03-02,,yn-jc,accepted")
        march = record(self.both(fs, D(2010, 4, 20)), "rollup", "2010-03")
        assert march.filings == ("f3",) and march.outstanding == ("km-gov",)
        assert march.state is State.OVERDUE


def test_bench_registry_equals_the_walk(tmp_path: Path) -> None:
    """The bench's generated registry (300 agencies, a year of filings, events), as the
    columnar core and as the walk: the same records, the same warnings."""
    rules = load("examples/yunnan-2010/rules.zh.xzjd")
    info = generate.generate(rules, tmp_path, agencies=300, seed=7)
    agencies = read_agencies(info["agencies"])
    filings_ = read_filings(info["filings"])
    events = read_events(info["events"])
    on = info["on"]
    got = evaluate(rules, agencies, filings_, on=on, events=events)
    reference = evaluate_by("reference", rules, agencies, filings_, on=on, events=events)
    assert len(got) > 3000
    assert list(got) == list(reference) and got.warnings == reference.warnings


class TestStatuses:
    @pytest.fixture
    def result(self) -> Statuses:
        fs = filings("f1,km-gov,monthly,2010-05-06,2010-05,,accepted")
        return evaluate(RULES, AGENCIES, fs, on=D(2010, 7, 20))

    def test_a_sequence_of_records(self, result: Statuses) -> None:
        records = list(result)
        # 2010-03 to 2010-08 (the August window opens after the July deadline, Monday 12
        # July: 10 July 2010 is a Saturday), and the meeting: 7.
        assert len(records) == len(result) == 7
        assert [result[i] for i in range(-len(result), len(result))] == records * 2
        assert result[1:3] == records[1:3] and result[::-1] == records[::-1]
        with pytest.raises(IndexError):
            result[len(result)]
        assert records[2] in result and result.index(records[2]) == 2

    def test_equality_and_concatenation(self, result: Statuses) -> None:
        records = list(result)
        assert result == records and result == tuple(records) and records == result
        assert result != records[:-1] and result != "x"
        both_ = result + records
        assert isinstance(both_, Statuses) and list(both_) == records + records
        assert list(records + result) == records + records
        grown = Statuses(result)
        grown += records
        assert list(grown) == records + records and list(result) == records

    def test_pickled_as_its_records(self, result: Statuses) -> None:
        back: Any = pickle.loads(pickle.dumps(result))
        assert back == result and back.warnings == result.warnings


EVENT_RULES = check(
    loads(
        """ruleset "events"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

obligation rectify "Rectification report":
  applies to every government
  within 5 working days after finding, file report with the same-level supervisory organ
"""
    )
)


class TestEventBlocks:
    """An agency's periods of an event-based obligation, laid out as templates: decided by
    the vector path, with no walk."""

    EVENTS = (
        Event(id="E1", agency="km-gov", event="finding", date=D(2010, 9, 30)),
        Event(id="E2", agency="km-gov", event="finding", date=D(2010, 10, 20)),
    )

    def test_decided_without_the_walk(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """E1 on Thursday 30 September 2010: National Day is a holiday 1-7 October and
        Saturday 9 October a working day (State Council notice of 2009-12-08), so the five
        working days are 8, 9, 11, 12 and 13 October: due 13 October; f1 (unnamed, 14
        October) is late by 1 day. E2 on Wednesday 20 October: 21, 22, 25, 26, 27 October,
        due 27 October; f2 names it and comes on the 25th: done."""
        fs = filings(
            "f1,km-gov,rectify,2010-10-14,,,accepted",
            "f2,km-gov,rectify,2010-10-25,E2,,accepted",
        )
        on = D(2010, 11, 1)
        reference = evaluate_by("reference", EVENT_RULES, AGENCIES, fs, on=on, events=self.EVENTS)
        monkeypatch.setattr(core, "assign", _no_walk)
        got = evaluate(EVENT_RULES, AGENCIES, fs, on=on, events=self.EVENTS)
        assert list(got) == list(reference) and got.warnings == reference.warnings
        e1, e2 = (record(got, "rectify", e) for e in ("E1", "E2"))
        assert (e1.due, e1.state, e1.days_late, e1.filings) == (
            D(2010, 10, 13),
            State.LATE,
            1,
            ("f1",),
        )
        assert (e2.due, e2.state, e2.filings) == (D(2010, 10, 27), State.DONE, ("f2",))

    def test_a_misfit_is_walked_and_warned(self) -> None:
        """An unnamed filing on 29 September, before E1 opens: the walk words the warning."""
        fs = filings("f0,km-gov,rectify,2010-09-29,,,accepted")
        out = both_with(EVENT_RULES, fs, D(2010, 11, 1), self.EVENTS)
        assert [s.state for s in out] == [State.OVERDUE, State.OVERDUE]
        assert len(out.warnings) == 1 and "f0" in str(out.warnings[0])


def _no_walk(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("walked")


def both_with(rules: Any, fs: Sequence[Filing], on: dt.date, events: Any) -> Statuses:
    """:func:`both` for *rules* and *events*."""
    got = evaluate(rules, AGENCIES, fs, on=on, events=events)
    reference = evaluate_by("reference", rules, AGENCIES, fs, on=on, events=events)
    assert list(got) == list(reference)
    assert got.warnings == reference.warnings
    return got

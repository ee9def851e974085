# SPDX-License-Identifier: MIT
"""The case path's shortcuts give the records the full clock gives.

``evaluate_cases`` takes a shortcut for a case with only a start, its stages in order and an
end (no pause, extension or restart) unless asked to explain, and remembers the calendar's
answers across the cases of a rule. With ``explain=True`` every case runs through the full
clock (:func:`xzjd.engine.clock.run_clock`) and ``CaseStatus`` equality leaves ``steps``
out, so the two runs must be equal record for record: on generated cases of a province-year
(bench/case_data.py) on dates through the year, and on hand-made cases with stages that run
over, cases ended on their deadline, and withdrawn ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from bench import case_data as cd

from xzjd.engine.cases import evaluate_cases, iter_case_statuses, signal_history
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import State

D = dt.date.fromisoformat
RULES = cd.ruleset()


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return list(cd.iter_cases(3_000, seed=7))


@pytest.mark.parametrize(
    "on", ["2025-01-02", "2025-02-05", "2025-05-06", "2025-05-27", "2025-10-09", "2025-12-31"]
)
def test_shortcut_agrees_with_the_full_clock(cases: list[Case], on: str) -> None:
    fast = evaluate_cases(RULES, cases, on=D(on))
    full = evaluate_cases(RULES, cases, on=D(on), explain=True)
    assert len(fast) == len(full) > 0
    assert fast == full
    assert fast.warnings == full.warnings


def test_the_data_has_every_kind_of_case(cases: list[Case]) -> None:
    """The comparison above covers pauses, extensions, violations and open cases."""
    out = evaluate_cases(RULES, cases, on=cd.ON)
    states = {s.state for s in out}
    assert states >= {State.DONE, State.LATE, State.PENDING, State.WITHDRAWN, State.OVERDUE}
    assert any(s.paused_days for s in out)
    assert any(s.extended_days for s in out)
    assert any(s.stage_overruns for s in out)
    assert any("extension-beyond-limit" in s.violations for s in out)
    assert any("pause-reason" in s.violations for s in out)


def _case(cid: str, *rows: tuple[str, ...]) -> Case:
    return Case(
        id=cid,
        agency="a",
        obligation="licence",
        rows=[
            CaseRow(
                case=cid,
                agency="a",
                obligation="licence",
                event=r[0],
                date=D(r[1]),
                note=r[2] if len(r) > 2 else None,
            )
            for r in rows
        ],
    )


def test_hand_made_cases_on_each_day_of_their_span() -> None:
    # Accepted Fri 2025-04-25: due Tue 05-27 (20 working days over Labour Day, counted in
    # tests/test_case_clock.py); 受理 due 05-06 (27, 28, 29, 30, 05-06), so a 受理 row on
    # 05-08 overruns its stage; completed on the deadline, after it, withdrawn, still open.
    made = [
        _case(
            "on-time", ("受理申请", "2025-04-25"), ("受理", "2025-05-08"), ("办结", "2025-05-27")
        ),
        _case("late", ("受理申请", "2025-04-25"), ("办结", "2025-05-28")),
        _case(
            "withdrawn", ("受理申请", "2025-04-25"), ("受理", "2025-04-28"), ("撤回", "2025-05-26")
        ),
        _case("open", ("受理申请", "2025-04-25"), ("受理", "2025-04-30"), ("审查", "2025-05-16")),
        _case(
            "same-day", ("受理申请", "2025-04-25"), ("受理", "2025-04-25"), ("办结", "2025-04-25")
        ),
    ]
    day = D("2025-04-25")
    while day <= D("2025-06-10"):
        fast = evaluate_cases(RULES, made, on=day)
        assert fast == evaluate_cases(RULES, made, on=day, explain=True), day
        day += dt.timedelta(days=1)
    # Spot checks worked by hand: yellow from Mon 05-26 (one working day before 05-27),
    # red from Wed 05-28.
    late, on_time = evaluate_cases(RULES, made[:2][::-1], on=D("2025-06-10"))
    assert (on_time.state, on_time.yellow_on, on_time.red_on) == (
        State.DONE,
        D("2025-05-26"),
        None,
    )
    assert (late.state, late.yellow_on, late.red_on) == (
        State.LATE,
        D("2025-05-26"),
        D("2025-05-28"),
    )
    # 受理 due 05-06, done 05-08: overrun from 05-07. 审查 counted from 05-08, 10 working
    # days: 09, 12, 13, 14, 15, 16, 19, 20, 21, 22 -> due 05-22; the case completed 05-27
    # ended it: overrun from 05-23.
    assert [(s.name, s.overrun_on) for s in on_time.stage_overruns] == [
        ("受理", D("2025-05-07")),
        ("审查", D("2025-05-23")),
    ]


# --------------------------------------------------------------------------- signal history


def _naive_history(
    cases: list[Case], start: dt.date, end: dt.date
) -> list[tuple[dt.date, str, str]]:
    """One evaluation per day, compared with the day before."""
    signal = {State.WARNING: "yellow", State.OVERDUE: "red"}
    before: dict[str, str] = {}
    out = []
    day = start
    while day <= end:
        now = {
            s.case: signal[s.state]
            for s in evaluate_cases(RULES, cases, on=day)
            if s.state in signal
        }
        for cid in {*before, *now}:
            if before.get(cid) != now.get(cid):
                out.append((day, cid, now.get(cid, "clear")))
        before = now
        day += dt.timedelta(days=1)
    return sorted(out, key=lambda t: (t[1], t[0]))


def test_signal_history_by_hand() -> None:
    # Accepted Fri 2025-04-25, due Tue 05-27, yellow from Mon 05-26, red from Wed 05-28.
    # "late": completed 06-03, which clears its red.
    # "paused": expert review 05-26..05-30 (both included, Mon-Fri: 5 working days not
    # counted). Used before it: 04-27..04-30 (4), 05-06..09 (8), 12..16 (13), 19..23 (18);
    # 2 left after 05-30: (05-31..06-02 Dragon Boat) 06-03, 06-04 -> due 06-04; yellow from
    # 06-03, red from 06-05. On 05-26 it is paused: no signal, though it would be yellow.
    # "yellow-paused": yellow 05-26; paused 05-27, resumed 05-28: 19 used (to 05-26), 1 left
    # after 05-28 -> due 05-29, yellow again from 05-28 (one working day before), red 05-30.
    made = [
        _case("late", ("受理申请", "2025-04-25"), ("办结", "2025-06-03")),
        _case(
            "paused",
            ("受理申请", "2025-04-25"),
            ("暂停", "2025-05-26", "专家评审"),
            ("恢复", "2025-05-30"),
        ),
        _case(
            "yellow-paused",
            ("受理申请", "2025-04-25"),
            ("暂停", "2025-05-27", "专家评审"),
            ("恢复", "2025-05-28"),
        ),
    ]
    got = list(signal_history(RULES, made, D("2025-04-01"), D("2025-06-10")))
    assert got == [
        (D("2025-05-26"), "late", "yellow"),
        (D("2025-05-28"), "late", "red"),
        (D("2025-06-03"), "late", "clear"),
        (D("2025-06-03"), "paused", "yellow"),
        (D("2025-06-05"), "paused", "red"),
        (D("2025-05-26"), "yellow-paused", "yellow"),
        (D("2025-05-27"), "yellow-paused", "clear"),
        (D("2025-05-28"), "yellow-paused", "yellow"),
        (D("2025-05-30"), "yellow-paused", "red"),
    ]
    # A window that starts with the case already red: raised on the window's first day.
    assert list(signal_history(RULES, made[:1], D("2025-05-29"), D("2025-06-02"))) == [
        (D("2025-05-29"), "late", "red")
    ]
    assert got == _naive_history(made, D("2025-04-01"), D("2025-06-10"))


def test_signal_history_agrees_with_one_evaluation_per_day(cases: list[Case]) -> None:
    sample = cases[:400]
    start, end = D("2025-04-20"), D("2025-07-10")
    got = sorted(signal_history(RULES, sample, start, end), key=lambda t: (t[1], t[0]))
    assert got == _naive_history(sample, start, end)
    assert {s for _, _, s in got} == {"yellow", "red", "clear"}


# --------------------------------------------------------------------------- streaming


class _Source:
    """A source read anew on each iteration, as a file reader would be; counts its readings."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases
        self.readings = 0

    def __iter__(self) -> Iterator[Case]:
        self.readings += 1
        return iter(self.cases)


def test_a_source_read_twice_gives_the_same_records(cases: list[Case]) -> None:
    source = _Source(cases)
    warnings: list[Diagnostic] = []
    streamed = list(iter_case_statuses(RULES, source, on=cd.ON, warnings=warnings))
    assert source.readings == 2
    held = evaluate_cases(RULES, cases, on=cd.ON)
    assert streamed == list(held)
    assert tuple(warnings) == held.warnings
    assert list(iter_case_statuses(RULES, iter(cases), on=cd.ON)) == list(held)


def test_a_source_read_twice_raises_every_error_before_the_first_record() -> None:
    good = _case("good", ("受理申请", "2025-04-25"))
    bad = _case("bad", ("办结", "2025-04-25"))  # does not begin with its start
    source = _Source([good, bad])
    it = iter_case_statuses(RULES, source, on=D("2025-05-06"))
    with pytest.raises(InputError) as e:
        next(it)
    assert [d.code for d in e.value.diagnostics] == ["case/no-start"]
    assert source.readings == 1

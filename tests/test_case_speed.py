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

import pytest
from bench import case_data as cd

from xzjd.engine.cases import evaluate_cases
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


def _case(cid: str, *rows: tuple[str, str]) -> Case:
    return Case(
        id=cid,
        agency="a",
        obligation="licence",
        rows=[
            CaseRow(case=cid, agency="a", obligation="licence", event=e, date=D(d)) for e, d in rows
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

# SPDX-License-Identifier: MIT
"""The columnar case core gives, case for case, the records of the exact clock.

On random rules (limits in working days, days and months; stages in either unit; a ladder
warning in working days or days; deadlines moved off rest days or not; the built-in calendar
or one declared over it with a rest day and a make-up working day) and random cases (simple
ones, and ones with pauses, resumptions, extensions, restarts, stages out of order, rows
after the end, rows out of date order), started on days across holidays, make-up days and the
provisional years after the last notice, and evaluated on any day around them:
``evaluate_cases`` (the columnar core) equals ``evaluate_cases(..., explain=True)`` (every
case through :func:`xzjd.engine.clock.run_clock`) record for record, with the same warnings,
or both raise the same errors; ``iter_case_statuses`` over a source read twice gives the
same records.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import xzjd
from xzjd.engine.cases import evaluate_cases, iter_case_statuses
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import Ruleset

pytestmark = pytest.mark.slow  # hypothesis: ~20 s

STAGES = ("acceptance", "review", "decision")
MARKS = ("paused", "resumed", "extended", "completed", "withdrawn", "暂停", "办结")
REASONS = ("hearing", "expert-review")


@functools.cache
def _rules(
    move: bool,
    declared: bool,
    warn: tuple[int, bool],
    limits: tuple[int, int, int],
    stages: tuple[tuple[int, bool], ...],
) -> Ruleset:
    wd, days, months = limits
    unit = {True: "working days", False: "days"}
    stage_text = ", ".join(
        f"{name} {n} {unit[working]}" for name, (n, working) in zip(STAGES, stages, strict=False)
    )
    lines = [
        'ruleset "cases"',
        "effective 2004-01-01",
        "calendar t" if declared else "calendar cn",
        "deadlines on rest days move to the next working day" if move else "",
        "",
        "calendar t based on cn:",
        "  rest 2025-03-03 to 2025-03-04",
        "  work 2025-03-08",
        "",
        "escalation e:",
        f"  warn {warn[0]} {unit[warn[1]]} before the deadline",
        "  urge 1 day after the deadline",
        "  notify 3 working days after the deadline",
        "",
        "obligation wd:",
        "  applies to every department",
        f"  within {wd} working days after accepted, complete decision",
        "  not counting hearing and expert-review",
        "  may be extended by 5 working days once, approved by the head",
        f"  stages: {stage_text}",
        "  escalation e",
        "",
        "obligation cd:",
        "  applies to every department",
        f"  within {days} days after received, complete reply",
        "  may be extended by 10 days twice, approved by the head",
        "  counted again from corrected",
        "  escalation e",
        "",
        "obligation mo:",
        "  applies to every department",
        f"  within {months} months after registered, complete answer",
        "  escalation e",
    ]
    return xzjd.loads("\n".join(lines) + "\n")


_START_EVENT = {"wd": "accepted", "cd": "received", "mo": "registered"}

# Start days: across the Spring Festival and Labour Day of 2025 (and the declared rest day
# and make-up day of March 2025), the end of 2026 into the provisional 2027, and the end of
# 2099, past which no calendar has days.
_STARTS = st.one_of(
    st.dates(dt.date(2025, 1, 20), dt.date(2025, 5, 20)),
    st.dates(dt.date(2026, 11, 1), dt.date(2027, 2, 28)),
    st.dates(dt.date(2004, 1, 1), dt.date(2099, 12, 31)),
)
_LAST_STARTS = st.dates(dt.date(2099, 11, 1), dt.date(2099, 12, 31))


@st.composite
def _case(draw: st.DrawFn, cid: str) -> Case:
    obligation = draw(st.sampled_from(("wd", "wd", "wd", "cd", "cd", "mo")))
    day = draw(_LAST_STARTS if draw(st.integers(0, 40)) == 0 else _STARTS)
    events = [(_START_EVENT[obligation], None)]
    simple = draw(st.booleans())
    if simple:  # the start, stages in order, maybe an end
        if obligation == "wd":
            events += [(s, None) for s in STAGES[: draw(st.integers(0, 3))]]
        end = draw(st.sampled_from((None, "completed", "withdrawn", "办结")))
        if end is not None:
            events.append((end, None))
    else:
        words = [*MARKS, *{"wd": STAGES, "cd": ("corrected",), "mo": ()}[obligation]]
        for _ in range(draw(st.integers(1, 6))):
            word = draw(st.sampled_from(words))
            note = draw(st.sampled_from((*REASONS, "waiting"))) if word == "paused" else None
            events.append((word, note))
    rows = []
    for k, (word, note) in enumerate(events):
        if k:
            day += dt.timedelta(days=draw(st.integers(0, 25)))
        if draw(st.integers(0, 30)) == 0:  # rarely, a row dated before the one above
            day -= dt.timedelta(days=3)
        if day > dt.date(9999, 12, 1):
            break
        rows.append(
            CaseRow(case=cid, agency="a", obligation=obligation, event=word, date=day, note=note)
        )
    return Case(id=cid, agency="a", obligation=obligation, rows=rows)


@st.composite
def _run(draw: st.DrawFn) -> tuple[Ruleset, list[Case], dt.date]:
    rules = _rules(
        draw(st.booleans()),
        draw(st.booleans()),
        (draw(st.integers(1, 5)), draw(st.booleans())),
        (draw(st.integers(1, 30)), draw(st.integers(1, 90)), draw(st.integers(1, 3))),
        tuple((draw(st.integers(1, 12)), draw(st.booleans())) for _ in STAGES),
    )
    n = draw(st.integers(1, 12))
    cases = [draw(_case(f"c{k}")) for k in range(n)]
    anchor = draw(st.sampled_from(cases)).rows[0].date
    on = anchor + dt.timedelta(days=draw(st.integers(-5, 120)))
    return rules, cases, min(on, dt.date(9999, 12, 31))


class _Source:
    """A source read anew on each iteration (read twice by iter_case_statuses)."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases

    def __iter__(self) -> Iterator[Case]:
        return iter(self.cases)


def _outcome(fn: object) -> tuple[str, object]:
    try:
        return "ok", fn()  # type: ignore[operator]
    except InputError as exc:
        return "error", [(d.code, d.message) for d in exc.diagnostics]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_run())
def test_the_columns_give_the_exact_clocks_records(
    run: tuple[Ruleset, list[Case], dt.date],
) -> None:
    rules, cases, on = run
    kind, fast = _outcome(lambda: evaluate_cases(rules, cases, on=on))
    exact_kind, exact = _outcome(lambda: evaluate_cases(rules, cases, on=on, explain=True))
    assert kind == exact_kind, (fast, exact)
    columns = getattr(fast, "columns", None)
    if columns is not None:
        decided = len(columns.positions) - len(columns.exact)
        event("cases decided on the columns", "some" if decided else "none")
    event("outcome", kind)
    if kind == "error":
        assert fast == exact
        return
    assert fast == exact
    assert fast.warnings == exact.warnings  # type: ignore[attr-defined]
    sink: list[Diagnostic] = []
    streamed = list(iter_case_statuses(rules, _Source(cases), on=on, warnings=sink))
    assert streamed == exact
    assert tuple(sink) == exact.warnings  # type: ignore[attr-defined]


def test_the_columns_decide_the_simple_cases() -> None:
    """Not a vacuous comparison: the simple cases are decided on the columns, the others by
    the exact clock. Rules as above, deadlines moved off rest days; worked by hand on the
    2025 calendar (Labour Day rest 05-01..05-05, Sunday 04-27 a working day)."""
    rules = _rules(True, False, (1, True), (20, 60, 1), ((5, True), (10, True), (5, True)))
    # Accepted Fri 2025-04-25, 20 working days: 04-27 (1), 04-28..30 (4), 05-06..09 (8),
    # 05-12..16 (13), 05-19..23 (18), 05-26 (19), 05-27 (20): due Tue 05-27; warning one
    # working day before, 05-26. acceptance (5 working days): 27, 28, 29, 30, 05-06.
    simple = Case(
        id="s",
        agency="a",
        obligation="wd",
        rows=[
            CaseRow(case="s", agency="a", obligation="wd", event=e, date=dt.date(2025, m, d))
            for e, m, d in (("accepted", 4, 25), ("acceptance", 5, 8), ("completed", 5, 28))
        ],
    )
    paused = Case(
        id="p",
        agency="a",
        obligation="wd",
        rows=[
            CaseRow(
                case="p",
                agency="a",
                obligation="wd",
                event=e,
                date=dt.date(2025, 4, d),
                note=note,
            )
            for e, d, note in (("accepted", 25, None), ("paused", 28, "hearing"))
        ],
    )
    out = evaluate_cases(rules, [simple, paused], on=dt.date(2025, 6, 10))
    assert out.columns is not None
    assert set(out.columns.exact) == {1}  # the paused case only
    s = out[0]
    assert (s.due, s.yellow_on, s.red_on, s.completed_on, s.used) == (
        dt.date(2025, 5, 27),
        dt.date(2025, 5, 26),
        dt.date(2025, 5, 28),
        dt.date(2025, 5, 28),
        21,  # 20 working days to 05-27, and 05-28
    )
    assert s.state.value == "late"
    # acceptance due 05-06, ended 05-08: over from 05-07; review counted from 05-08 and
    # closed by the completion on 05-28: 10 working days 05-09..05-22, over from 05-23.
    assert [(r.name, r.due, r.overrun_on) for r in s.stages] == [
        ("acceptance", dt.date(2025, 5, 6), dt.date(2025, 5, 7)),
        ("review", dt.date(2025, 5, 22), dt.date(2025, 5, 23)),
    ]
    assert out == evaluate_cases(rules, [simple, paused], on=dt.date(2025, 6, 10), explain=True)

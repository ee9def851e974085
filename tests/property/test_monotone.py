# SPDX-License-Identifier: MIT
"""As the evaluation date advances with the same filings, every period only moves forward.

pending -> warning -> overdue -> late, or pending/warning -> done; a waived filing may waive a
period from any state. ``days_overdue`` grows by exactly the days that passed, and the ladder
step never goes down.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xzjd import model as m
from xzjd.engine import State, evaluate
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Filing, FilingStatus, text_source

pytestmark = pytest.mark.slow  # hypothesis, many evaluation dates: ~2 s

D = dt.date

AGENCIES: Registry = read_agencies(
    text_source(
        "id,name,kind,level,region,tags\n"
        "yn-gov,云南省人民政府,government,provincial,云南省,\n"
        "yn-jc,云南省监察厅,supervisory organ,provincial,云南省,\n"
        "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
        "km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,\n",
        "agencies.csv",
    )
)

ALLOWED: dict[State, set[State]] = {
    State.PENDING: set(State),
    State.WARNING: {State.WARNING, State.OVERDUE, State.DONE, State.LATE, State.WAIVED},
    State.OVERDUE: {State.OVERDUE, State.LATE, State.WAIVED},
    State.DONE: {State.DONE, State.WAIVED},
    State.LATE: {State.LATE, State.WAIVED},
    State.WAIVED: {State.WAIVED},
}

SCHEDULES = st.sampled_from(
    [
        m.MonthParity(parity=m.Parity.EVEN),
        m.MonthParity(parity=m.Parity.ODD),
        m.EachMonth(day=10),
        m.EachMonth(day=None),
        m.Quarterly(),
        m.During(year=2010, month=7),
        m.Once(year=2010, month=10, day=None),
        m.Yearly(dates=[m.MonthDay(6), m.MonthDay(11)]),
    ]
)


@st.composite
def _steps(draw: st.DrawFn) -> list[m.EscalationStep]:
    """A ladder the checks accept: days strictly increasing, steps never milder."""
    days = sorted(draw(st.lists(st.integers(1, 60), unique=True, max_size=4)))
    steps = sorted(
        draw(st.lists(st.sampled_from(list(m.Step)), min_size=len(days), max_size=len(days))),
        key=lambda step: step.severity,
    )
    return [
        m.EscalationStep(step=step, days=n, working=draw(st.booleans()))
        for step, n in zip(steps, days, strict=True)
    ]


STEPS = _steps()

LADDERS = st.builds(
    m.Escalation,
    name=st.just("ladder"),
    warn=st.none() | st.builds(m.Warn, days=st.integers(1, 10), working=st.booleans()),
    steps=STEPS,
)

RECIPIENTS = st.sampled_from(
    [
        (),
        (m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN),),
        (
            m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.GOVERNMENT),
            m.RelativeRecipient(relation=m.Relation.UPPER_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN),
        ),
    ]
)

DAYS = st.integers(0, 540).map(lambda n: D(2010, 1, 22) + dt.timedelta(days=n))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[m.Ruleset, list[Filing]]:
    schedule = draw(SCHEDULES)
    ladder = draw(LADDERS)
    recipients = draw(RECIPIENTS)
    ob = m.Obligation(
        id="duty",
        source="art. 1",
        bearers=[m.KindBearer(kind=m.Kind.ADMINISTRATIVE_ORGAN)],
        schedule=schedule,
        action=m.Action(verb=m.Verb.FILE, deliverable="report", recipients=recipients),
        escalation="ladder",
    )
    rules = m.Ruleset(effective=D(2010, 1, 22), escalations=[ladder], obligations=[ob])
    filings = []
    for i in range(draw(st.integers(0, 8))):
        filings.append(
            Filing(
                id=f"f{i}",
                agency=draw(st.sampled_from(["km-gov", "km-jc", "yn-gov"])),
                obligation="duty",
                filed_on=draw(DAYS),
                recipient=draw(st.sampled_from([None, "km-jc", "yn-jc", "km-gov", "yn-gov"])),
                status=draw(
                    st.sampled_from(
                        [FilingStatus.ACCEPTED] * 4 + [FilingStatus.RETURNED, FilingStatus.WAIVED]
                    )
                ),
            )
        )
    return rules, filings


@settings(max_examples=150, deadline=None)
@given(scenarios(), DAYS, st.integers(1, 120))
def test_periods_only_move_forward(
    scenario: tuple[m.Ruleset, list[Filing]], first: dt.date, step: int
) -> None:
    """Between two dates every period keeps or advances its state, overdue days and step."""
    rules, filings = scenario
    later = first + dt.timedelta(days=step)
    before = {(s.agency, s.period): s for s in evaluate(rules, AGENCIES, filings, on=first)}
    after = {(s.agency, s.period): s for s in evaluate(rules, AGENCIES, filings, on=later)}
    for key, old in before.items():
        new = after[key]  # a period reported once stays reported
        assert new.state in ALLOWED[old.state], (key, old.state, new.state)
        if old.state is State.OVERDUE and new.state is State.OVERDUE:
            assert new.days_overdue == (old.days_overdue or 0) + step
            if old.step is not None:
                assert new.step is not None
                assert new.step.severity >= old.step.severity
        assert (new.opens, new.nominal_due, new.due) == (old.opens, old.nominal_due, old.due)

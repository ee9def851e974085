# SPDX-License-Identifier: MIT
"""engine/order.py's :func:`filing_order` against its definition, worked out with a plain
Python sort of tuples: the filings in (agency id, obligation, filed_on, line) order, file
order on ties, and the (obligation, period) pairs they name numbered in sorted order; and
:func:`suspect`, which asks about each distinct name once."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from xzjd import model as m
from xzjd.engine.order import filing_order, suspect
from xzjd.facts.columns import NONE, FilingColumns

AGENCIES = ("b", "a", "c", "ab", "Z", "é", "a\x00", "甲")
OBLIGATIONS = ("o1", "o2", "o3", "zz")
RULE_IDS = ("o1", "o2", "o3", "q")


@st.composite
def columns(draw: st.DrawFn) -> tuple[FilingColumns, list[str]]:
    agencies = tuple(draw(st.permutations(AGENCIES))[: draw(st.integers(1, len(AGENCIES)))])
    obligations = tuple(draw(st.permutations(OBLIGATIONS))[: draw(st.integers(1, 4))])
    # Many distinct periods take the sorting path of the pairs, few the table of codes.
    periods = tuple(f"p{i}" for i in range(draw(st.sampled_from((0, 1, 3, 5000)))))
    n = draw(st.integers(0, 40))
    days = draw(st.sampled_from((1, 3, 800)))
    ints = st.integers

    def column(values: st.SearchStrategy[int]) -> list[int]:
        return draw(st.lists(values, min_size=n, max_size=n))

    lines = column(ints(2, 60))
    if draw(st.booleans()):
        lines.sort()  # as read from one file: the lines never decrease
    made = FilingColumns(
        agency=np.array(column(ints(0, len(agencies) - 1)), np.int32),
        agencies=agencies,
        obligation=np.array(column(ints(0, len(obligations) - 1)), np.int32),
        obligations=obligations,
        filed_on=np.array(column(ints(734_000, 734_000 + days - 1)), np.int32),
        period=np.array(column(ints(NONE, len(periods) - 1)), np.int32),
        periods=periods,
        recipient=np.array(column(ints(NONE, len(agencies) - 1)), np.int32),
        recipients=agencies,
        status=np.array(column(ints(0, 2)), np.int8),
        line=np.array(lines, np.int32),
    )
    ids = sorted(draw(st.sets(st.sampled_from(RULE_IDS))))
    return made, ids


@settings(max_examples=300, deadline=None)
@given(columns())
def test_filing_order_is_its_definition(case: tuple[FilingColumns, list[str]]) -> None:
    c, ids = case
    got = filing_order(c, ids)
    agency = [c.agencies[a] for a in c.agency.tolist()]
    obligation = [
        ids.index(o) if o in ids else -1 for o in (c.obligations[i] for i in c.obligation.tolist())
    ]
    filed_on = c.filed_on.tolist()
    line = c.line.tolist()
    expected = sorted(
        range(len(c)), key=lambda i: (agency[i], obligation[i], filed_on[i], line[i], i)
    )
    assert got.position.dtype == np.int32
    assert got.position.tolist() == expected
    assert got.agencies == sorted(set(c.agencies))
    assert [got.agencies[r] for r in got.rank.tolist()] == [agency[i] for i in expected]
    assert got.obligation.tolist() == [obligation[i] for i in expected]
    assert got.filed_on.tolist() == [filed_on[i] for i in expected]
    assert got.status.tolist() == [int(c.status[i]) for i in expected]
    assert got.recipient.tolist() == [int(c.recipient[i]) for i in expected]
    # The pairs named, in (obligation position, period code) order; an obligation the rules
    # do not have comes first, as "".
    named = sorted(
        {(obligation[i], int(c.period[i])) for i in range(len(c)) if c.period[i] != NONE}
    )
    assert got.pairs == [(ids[o] if o >= 0 else "", c.periods[p]) for o, p in named]
    pair_of = {p: k for k, p in enumerate(named)}
    assert got.pair.tolist() == [
        pair_of[(obligation[i], int(c.period[i]))] if c.period[i] != NONE else -1 for i in expected
    ]


def _obligation(oid: str, schedule: m.Schedule) -> m.Obligation:
    return m.Obligation(
        id=oid,
        title=oid,
        source=oid,
        bearers=(m.KindBearer(kind=m.Kind.GOVERNMENT),),
        schedule=schedule,
        action=m.Action(verb=m.Verb.COMPLETE, deliverable="report", recipients=()),
    )


EVENT_RULES = {
    "monthly": _obligation("monthly", m.MonthParity(parity=m.Parity.EVEN)),
    "fix": _obligation("fix", m.AfterEvent(event="finding", count=5, unit=m.Unit.DAYS)),
}


class TestSuspect:
    # Filings in file order: (agency, obligation, period).
    ROWS = (
        ("a", "monthly", "2010-B1"),
        ("b", "fix", "ev1"),
        ("a", "monthly", None),
        ("b", "monthly", "2010-B1"),
        ("a", "fix", "ev1"),
        ("b", "fix", "ev1"),
        ("a", "monthly", "2010-B2"),
    )

    def columns(self) -> FilingColumns:
        agencies, obligations, periods = (
            ("a", "b"),
            ("monthly", "fix"),
            ("2010-B1", "ev1", "2010-B2"),
        )
        n = len(self.ROWS)
        return FilingColumns(
            agency=np.array([agencies.index(r[0]) for r in self.ROWS], np.int32),
            agencies=agencies,
            obligation=np.array([obligations.index(r[1]) for r in self.ROWS], np.int32),
            obligations=obligations,
            filed_on=np.full(n, 734_000, np.int32),
            period=np.array([periods.index(r[2]) if r[2] else NONE for r in self.ROWS], np.int32),
            periods=periods,
            recipient=np.full(n, NONE, np.int32),
            recipients=(),
            status=np.zeros(n, np.int8),
            line=np.arange(2, n + 2, dtype=np.int32),
        )

    def test_each_name_asked_once(self) -> None:
        asked: list[tuple[str, str, str]] = []

        def good(obligation: m.Obligation, label: str, agency: str) -> bool:
            asked.append((obligation.id, label, agency))
            return True

        assert not suspect(self.columns(), {"a", "b"}, EVENT_RULES, good)
        # Each (obligation, period) of "monthly" once, with no agency; each (obligation,
        # event, agency) of the event-based "fix" once, with its agency.
        assert sorted(asked) == [
            ("fix", "ev1", "a"),
            ("fix", "ev1", "b"),
            ("monthly", "2010-B1", ""),
            ("monthly", "2010-B2", ""),
        ]

    def test_a_bad_name_is_suspect(self) -> None:
        def good(obligation: m.Obligation, label: str, agency: str) -> bool:
            return (label, agency) != ("ev1", "a")  # ev1 is an event of b

        assert suspect(self.columns(), {"a", "b"}, EVENT_RULES, good)
        assert suspect(self.columns(), {"a"}, EVENT_RULES, lambda *_: True)
        only_monthly = {"monthly": EVENT_RULES["monthly"]}
        assert suspect(self.columns(), {"a", "b"}, only_monthly, lambda *_: True)

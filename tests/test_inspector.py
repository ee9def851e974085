# SPDX-License-Identifier: MIT
"""``evaluate.Inspector``: one evaluation date opened up for one agency and obligation.

The tutorial files (examples/tutorial) are the scenario: km-gov owes ``bimonthly-report`` to
km-jc (ladder: warn 5 working days before, urge 1 day after, notify 15, hold accountable 30);
it filed 2010-B1 on 2-26 and 2010-B2 on 4-29, but B2 was returned. Hand-worked (2010 holiday
notice 国办发明电〔2009〕27号: 劳动节 5-01..5-03 rest): B1 nominal Sunday 2-28 -> due Monday 3-01;
B2 nominal and due Friday 4-30.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xzjd.engine import Inspector, State
from xzjd.errors import EvaluationError
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import read_filings
from xzjd.language.loader import load
from xzjd.model import Step

TUTORIAL = Path(__file__).resolve().parents[1] / "examples" / "tutorial"
D = dt.date


def inspector(on: dt.date) -> Inspector:
    return Inspector(
        load(TUTORIAL / "rules.xzjd"),
        read_agencies(TUTORIAL / "agencies.csv"),
        read_filings(TUTORIAL / "filings.csv"),
        on=on,
    )


class TestTrace:
    def test_returned_filing_leaves_period_overdue(self) -> None:
        """B2 on 5-03: overdue 3 days (5-01, 5-02, 5-03), urge reached, nothing received."""
        insp = inspector(D(2010, 5, 3))
        a, o = insp.agency("km-gov"), insp.obligation("bimonthly-report")
        trace = insp.trace(a, o, "2010-B2")
        assert trace.period.due == D(2010, 4, 30)
        assert trace.recipients == ("km-jc",)
        assert trace.state == (State.OVERDUE, 3, Step.URGE)
        assert trace.received == {}
        # 5 working days back from Friday 4-30: 4-29, 4-28, 4-27, 4-26, 4-23 (weekend 4-24/25).
        assert trace.warn_from == D(2010, 4, 23)
        # urge 1, notify 15, hold accountable 30 calendar days after 4-30.
        assert trace.steps == (
            (D(2010, 5, 1), Step.URGE),
            (D(2010, 5, 15), Step.NOTIFY),
            (D(2010, 5, 30), Step.HOLD_ACCOUNTABLE),
        )
        # f2 names B2 and goes to it, but a returned filing satisfies nothing (误报).
        assert [(out.filing.id, out.period) for out in trace.outcomes] == [
            ("f1", "2010-B1"),
            ("f2", "2010-B2"),
        ]

    def test_done_period(self) -> None:
        """B1, filed 2-26 before its moved deadline 3-01, is done; the filing date is kept."""
        insp = inspector(D(2010, 5, 3))
        trace = insp.trace(insp.agency("km-gov"), insp.obligation("bimonthly-report"), "2010-B1")
        assert trace.period.nominal_due == D(2010, 2, 28)
        assert trace.period.due == D(2010, 3, 1)
        assert trace.state == (State.DONE, None, None)
        assert trace.received == {"km-jc": D(2010, 2, 26)}

    def test_period_not_open(self) -> None:
        """B4 (window from 7-01) is not open on 5-03: no state, no ladder days."""
        insp = inspector(D(2010, 5, 3))
        trace = insp.trace(insp.agency("km-gov"), insp.obligation("bimonthly-report"), "2010-B4")
        assert trace.period.opens == D(2010, 7, 1)
        assert trace.state is None
        assert trace.warn_from is None
        assert trace.steps == ()

    def test_unknown_names(self) -> None:
        """Unknown agency, obligation or period labels are evaluation errors."""
        insp = inspector(D(2010, 5, 3))
        with pytest.raises(EvaluationError, match="unknown agency"):
            insp.agency("no-such-gov")
        with pytest.raises(EvaluationError, match="unknown obligation"):
            insp.obligation("no-such-duty")
        a, o = insp.agency("km-gov"), insp.obligation("bimonthly-report")
        with pytest.raises(EvaluationError, match="no period '2010-B9'"):
            insp.trace(a, o, "2010-B9")


class TestDeadlines:
    def test_range_and_warning_days(self) -> None:
        """Deadlines from 2-01 to 4-30, both ends included: B1 (moved to 3-01) and B2."""
        insp = inspector(D(2010, 4, 30))
        a, o = insp.agency("km-gov"), insp.obligation("bimonthly-report")
        got = [
            (p.label, p.due, warn)
            for p, warn in insp.deadlines(a, o, D(2010, 2, 1), D(2010, 4, 30))
        ]
        # B1 warning: 5 working days back from Monday 3-01: 2-26, 2-25, 2-24, 2-23, 2-22.
        assert got == [
            ("2010-B1", D(2010, 3, 1), D(2010, 2, 22)),
            ("2010-B2", D(2010, 4, 30), D(2010, 4, 23)),
        ]

    def test_missing_recipient_warns_only_when_asked(self) -> None:
        """yn-gov has no same-level supervisory organ: a warning only with warn=True."""
        insp = inspector(D(2010, 4, 30))
        a, o = insp.agency("yn-gov"), insp.obligation("bimonthly-report")
        ids, missing = insp.recipients(a, o)
        assert ids == () and len(missing) == 1
        assert insp.warnings == ()
        insp.recipients(a, o, warn=True)
        assert [w.code for w in insp.warnings] == ["recipient/missing"]

# SPDX-License-Identifier: MIT
"""Evaluation: periods, filings, recipients and states on a date.

Rulesets are built from :mod:`xzjd.model` directly, so these tests do not depend on the
parser. Dates are worked out by hand from the 2010 holiday notice (国办发明电〔2009〕27号):
rest 1-1..1-3, 2-13..2-19, 4-3..4-5, 5-1..5-3, 6-14..6-16, 9-22..9-24, 10-1..10-7; make-up
working days 2-20, 2-21, 6-12, 6-13, 9-19, 9-25, 9-26, 10-9. Weekends otherwise rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pytest

from xzjd import model as m
from xzjd.engine import (
    Evaluator,
    State,
    Status,
    Statuses,
    evaluate,
    iter_evaluate,
)
from xzjd.engine.bind import Facts
from xzjd.engine.evaluator import evaluate_by
from xzjd.errors import InputError, Severity
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Event, Filing, FilingStatus, read_filings, text_source
from xzjd.language import check
from xzjd.views.agenda import agenda
from xzjd.views.records import JSON_KEYS
from xzjd.views.table import render_table
from xzjd.views.why import explain

D = dt.date

STANDARD = m.Escalation(
    name="standard",
    warn=m.Warn(days=5, working=True),
    steps=[
        m.EscalationStep(step=m.Step.URGE, days=1),
        m.EscalationStep(step=m.Step.NOTIFY, days=15),
        m.EscalationStep(step=m.Step.HOLD_ACCOUNTABLE, days=30),
    ],
)
WORKING = m.Escalation(
    name="working",
    steps=[
        m.EscalationStep(step=m.Step.URGE, days=1, working=True),
        m.EscalationStep(step=m.Step.NOTIFY, days=10, working=True),
    ],
)

SAME_JC = m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN)
UPPER_JC = m.RelativeRecipient(relation=m.Relation.UPPER_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN)
SAME_GOV = m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.GOVERNMENT)
EVERY = m.KindBearer(kind=m.Kind.ADMINISTRATIVE_ORGAN)
GOVERNMENTS = m.KindBearer(kind=m.Kind.GOVERNMENT)
SUPERVISORS = m.KindBearer(kind=m.Kind.SUPERVISORY_ORGAN)


def obligation(
    oid: str,
    schedule: m.Schedule,
    recipients: Sequence[m.Recipient] = (SAME_JC,),
    bearers: Sequence[m.Bearer] = (GOVERNMENTS,),
    escalation: str | None = "standard",
) -> m.Obligation:
    verb = m.Verb.FILE if recipients else m.Verb.COMPLETE
    return m.Obligation(
        id=oid,
        title=oid.replace("-", " ").capitalize(),
        source=f"Measures, {oid}",
        bearers=bearers,
        schedule=schedule,
        action=m.Action(verb=verb, deliverable="report", recipients=recipients),
        escalation=escalation,
    )


BIMONTHLY = obligation("bimonthly-report", m.MonthParity(parity=m.Parity.EVEN))


def ruleset(*obligations: m.Obligation) -> m.Ruleset:
    return m.Ruleset(
        title="test",
        effective=D(2010, 1, 22),
        escalations=[STANDARD, WORKING],
        obligations=obligations or (BIMONTHLY,),
    )


AGENCIES = """id,name,kind,level,region,tags
yn-gov,云南省人民政府,government,provincial,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""


@pytest.fixture(scope="module")
def agencies() -> Registry:
    return read_agencies(text_source(AGENCIES, "agencies.csv"))


def filings(*rows: str) -> tuple[Filing, ...]:
    text = "id,agency,obligation,filed_on,period,recipient,status\n" + "\n".join(rows) + "\n"
    return read_filings(text_source(text, "filings.csv"))


def by_key(statuses: Sequence[Status]) -> dict[tuple[str, str, str], Status]:
    return {(s.agency, s.obligation, s.period): s for s in statuses}


def one(
    statuses: Sequence[Status], agency: str, period: str, oid: str = "bimonthly-report"
) -> Status:
    return by_key(statuses)[agency, oid, period]


class TestPeriods:
    def test_section_six_record(self, agencies: Registry) -> None:
        """km-gov's 2010-B2 on 2010-05-03: the record of language.md section 6."""
        # B1's nominal deadline is 2010-02-28, so B2 opens 2010-03-01. B2's deadline 2010-04-30
        # is a Friday and a working day (May Day rest is 5-1..5-3): not moved. 5-01..5-03 are
        # 3 calendar days after it; urge is reached on 4-30 + 1 day, notify only on 5-15.
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 5, 3)), "km-gov", "2010-B2")
        assert s.to_json() == {
            "agency": "km-gov",
            "obligation": "bimonthly-report",
            "period": "2010-B2",
            "opens": "2010-03-01",
            "nominal_due": "2010-04-30",
            "due": "2010-04-30",
            "state": "overdue",
            "days_overdue": 3,
            "step": "urge",
            "recipients": ["km-jc"],
            "filings": [],
            "source": "Measures, bimonthly-report",
            # The keys added by issue 15: without the agencies' names, no agency name and
            # the recipients' ids; the title and deliverable of BIMONTHLY; not satisfied.
            "agency_name": None,
            "title": "Bimonthly report",
            "deliverable": "report",
            "recipient_names": ["km-jc"],
            "satisfied_on": None,
            "days_late": None,
        }

    def test_first_period_and_moved_deadline(self, agencies: Registry) -> None:
        """B1 opens on effective; its nominal 2010-02-28 is a Sunday, moved to Monday 3-01."""
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 3, 1)), "km-gov", "2010-B1")
        assert (s.opens, s.nominal_due, s.due) == (D(2010, 1, 22), D(2010, 2, 28), D(2010, 3, 1))

    def test_only_opened_periods_are_reported(self, agencies: Registry) -> None:
        """On 2010-04-30 B3 (opens 5-01) is not reported yet; on 5-01 it is."""
        before = evaluate(ruleset(), agencies, (), on=D(2010, 4, 30))
        after = evaluate(ruleset(), agencies, (), on=D(2010, 5, 1))
        assert ("km-gov", "bimonthly-report", "2010-B3") not in by_key(before)
        assert by_key(after)["km-gov", "bimonthly-report", "2010-B3"].opens == D(2010, 5, 1)

    def test_nothing_before_effective(self, agencies: Registry) -> None:
        """Before the first window opens nothing is reported."""
        assert list(evaluate(ruleset(), agencies, (), on=D(2010, 1, 21))) == []

    def test_sorted_by_agency_obligation_deadline(self, agencies: Registry) -> None:
        """Records come sorted by agency, obligation, deadline."""
        quarterly = obligation("a-quarterly", m.Quarterly())
        statuses = evaluate(ruleset(BIMONTHLY, quarterly), agencies, (), on=D(2010, 7, 10))
        keys = [(s.agency, s.obligation, s.due) for s in statuses]
        assert keys == sorted(keys)
        assert {s.agency for s in statuses} == {"km-gov", "yn-gov"}

    def test_since_bounds_history(self, agencies: Registry) -> None:
        """since closes history: earlier periods are neither reported nor take filings."""
        # since 2010-03-01: B1 (nominal 2-28) is closed history; B2 (nominal 4-30) is the
        # first period in scope. The unnamed filing of 3-02 therefore counts for B2.
        fs = filings("f1,km-gov,bimonthly-report,2010-03-02,,,")
        full = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        bounded = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3), since=D(2010, 3, 1))
        assert one(full, "km-gov", "2010-B1").filings == ("f1",)
        assert ("km-gov", "bimonthly-report", "2010-B1") not in by_key(bounded)
        b2 = one(bounded, "km-gov", "2010-B2")
        assert (b2.opens, b2.state, b2.filings) == (D(2010, 3, 1), State.DONE, ("f1",))

    def test_filing_before_since_is_silently_closed_history(self, agencies: Registry) -> None:
        """An unnamed filing dated before the first period in scope gives no warning."""
        fs = filings("f1,km-gov,bimonthly-report,2010-02-20,,,")
        result = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3), since=D(2010, 3, 1))
        assert one(result, "km-gov", "2010-B2").state is State.OVERDUE
        assert result.warnings == ()

    def test_since_unchanged_when_filings_name_periods(self, agencies: Registry) -> None:
        """With every filing naming its period, since only hides the earlier periods."""
        fs = filings(
            "f1,km-gov,bimonthly-report,2010-03-02,2010-B1,,",
            "f2,km-gov,bimonthly-report,2010-04-02,2010-B2,,",
        )
        full = evaluate(ruleset(), agencies, fs, on=D(2010, 7, 3))
        bounded = evaluate(ruleset(), agencies, fs, on=D(2010, 7, 3), since=D(2010, 3, 1))
        assert [s for s in full if s.period != "2010-B1"] == list(bounded)

    def test_agency_filter(self, agencies: Registry) -> None:
        """agency= reports one agency only."""
        statuses = evaluate(ruleset(), agencies, (), on=D(2010, 5, 3), agency="yn-gov")
        assert {s.agency for s in statuses} == {"yn-gov"}


class TestStates:
    def test_pending(self, agencies: Registry) -> None:
        """On 4-22 B2 (due 4-30) is pending: the warning starts on 4-23."""
        # Working days before 4-30: 4-29 (1), 4-28 (2), 4-27 (3), 4-26 (4), 4-23 (5).
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 4, 22)), "km-gov", "2010-B2")
        assert (s.state, s.days_overdue, s.step) == (State.PENDING, None, None)

    def test_warning_from_fifth_working_day(self, agencies: Registry) -> None:
        """From 4-23 (5th working day before 4-30) B2 is in warning."""
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 4, 23)), "km-gov", "2010-B2")
        assert s.state is State.WARNING

    def test_deadline_day_is_not_overdue(self, agencies: Registry) -> None:
        """On the deadline itself the period is still in warning (by = on or before)."""
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 4, 30)), "km-gov", "2010-B2")
        assert s.state is State.WARNING

    def test_first_step_on_the_day_after(self, agencies: Registry) -> None:
        """'urge 1 day after the deadline' is reached on 5-01."""
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 5, 1)), "km-gov", "2010-B2")
        assert (s.state, s.days_overdue, s.step) == (State.OVERDUE, 1, m.Step.URGE)

    def test_notify_on_fifteenth_day(self, agencies: Registry) -> None:
        """notify is reached on 4-30 + 15 = 5-15, not on 5-14."""
        on14 = one(evaluate(ruleset(), agencies, (), on=D(2010, 5, 14)), "km-gov", "2010-B2")
        on15 = one(evaluate(ruleset(), agencies, (), on=D(2010, 5, 15)), "km-gov", "2010-B2")
        assert (on14.days_overdue, on14.step) == (14, m.Step.URGE)
        assert (on15.days_overdue, on15.step) == (15, m.Step.NOTIFY)

    def test_hold_accountable(self, agencies: Registry) -> None:
        """hold accountable on 4-30 + 30 = 5-30."""
        s = one(evaluate(ruleset(), agencies, (), on=D(2010, 5, 30)), "km-gov", "2010-B2")
        assert s.step is m.Step.HOLD_ACCOUNTABLE

    def test_working_day_steps(self, agencies: Registry) -> None:
        """A working-day step is not reached over the May Day holiday."""
        # 5-01..5-03 are rest days: on 5-03 no working day has passed since 4-30, so no step
        # although the period is 3 days overdue. The 1st working day after is 5-04.
        ob = obligation(
            "bimonthly-report", m.MonthParity(parity=m.Parity.EVEN), escalation="working"
        )
        on3 = one(evaluate(ruleset(ob), agencies, (), on=D(2010, 5, 3)), "km-gov", "2010-B2")
        on4 = one(evaluate(ruleset(ob), agencies, (), on=D(2010, 5, 4)), "km-gov", "2010-B2")
        assert (on3.state, on3.days_overdue, on3.step) == (State.OVERDUE, 3, None)
        assert (on4.days_overdue, on4.step) == (4, m.Step.URGE)

    def test_no_ladder(self, agencies: Registry) -> None:
        """Without a ladder there is no warning and no step."""
        ob = obligation("bimonthly-report", m.MonthParity(parity=m.Parity.EVEN), escalation=None)
        on = one(evaluate(ruleset(ob), agencies, (), on=D(2010, 4, 29)), "km-gov", "2010-B2")
        late = one(evaluate(ruleset(ob), agencies, (), on=D(2010, 6, 29)), "km-gov", "2010-B2")
        assert on.state is State.PENDING
        assert (late.state, late.days_overdue, late.step) == (State.OVERDUE, 60, None)

    def test_done_on_the_deadline(self, agencies: Registry) -> None:
        """A filing on the deadline day is on time: done."""
        fs = filings("f1,km-gov,bimonthly-report,2010-04-30,2010-B2,,")
        s = one(evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3)), "km-gov", "2010-B2")
        assert (s.state, s.filings, s.days_overdue) == (State.DONE, ("f1",), None)

    def test_late(self, agencies: Registry) -> None:
        """A filing after the deadline makes the period late."""
        fs = filings("f1,km-gov,bimonthly-report,2010-05-04,2010-B2,,")
        s = one(evaluate(ruleset(), agencies, fs, on=D(2010, 5, 10)), "km-gov", "2010-B2")
        assert s.state is State.LATE

    def test_waived(self, agencies: Registry) -> None:
        """A waived filing waives the period."""
        fs = filings("f1,km-gov,bimonthly-report,2010-04-02,2010-B2,,waived")
        s = one(evaluate(ruleset(), agencies, fs, on=D(2010, 6, 1)), "km-gov", "2010-B2")
        assert s.state is State.WAIVED

    def test_returned_satisfies_nothing(self, agencies: Registry) -> None:
        """A returned filing is listed but the period stays overdue."""
        fs = filings("f1,km-gov,bimonthly-report,2010-04-20,2010-B2,,returned")
        s = one(evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3)), "km-gov", "2010-B2")
        assert (s.state, s.filings) == (State.OVERDUE, ("f1",))

    def test_returned_then_refiled(self, agencies: Registry) -> None:
        """A returned filing then an accepted one: the refiling counts for the same period."""
        # f0 satisfies B1; f1 (returned) and f2 go to B2, the earliest period not received.
        fs = filings(
            "f0,km-gov,bimonthly-report,2010-02-26,,,",
            "f1,km-gov,bimonthly-report,2010-04-20,,,returned",
            "f2,km-gov,bimonthly-report,2010-05-05,,,",
        )
        statuses = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 10), since=D(2010, 3, 1))
        s = one(statuses, "km-gov", "2010-B2")
        assert (s.state, s.filings) == (State.LATE, ("f1", "f2"))

    def test_filings_after_the_date_are_ignored(self, agencies: Registry) -> None:
        """A filing dated after the evaluation date does not count yet."""
        fs = filings("f1,km-gov,bimonthly-report,2010-05-04,2010-B2,,")
        s = one(evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3)), "km-gov", "2010-B2")
        assert (s.state, s.filings) == (State.OVERDUE, ())


class TestAssignment:
    def test_earliest_unreceived_period(self, agencies: Registry) -> None:
        """A filing without period on 3-02 counts for B1 (still open), not for B2."""
        fs = filings("f1,km-gov,bimonthly-report,2010-03-02,,,")
        statuses = evaluate(ruleset(), agencies, fs, on=D(2010, 3, 10))
        assert one(statuses, "km-gov", "2010-B1").filings == ("f1",)
        assert one(statuses, "km-gov", "2010-B2").filings == ()

    def test_named_period_wins(self, agencies: Registry) -> None:
        """A filing that names B2 counts for B2 even when B1 is still open."""
        fs = filings("f1,km-gov,bimonthly-report,2010-03-02,2010-B2,,")
        statuses = evaluate(ruleset(), agencies, fs, on=D(2010, 3, 10))
        assert one(statuses, "km-gov", "2010-B1").state is State.OVERDUE
        assert one(statuses, "km-gov", "2010-B2").state is State.DONE

    def test_second_filing_goes_to_next_period(self, agencies: Registry) -> None:
        """Once B1 is received, the next filing counts for B2."""
        fs = filings(
            "f1,km-gov,bimonthly-report,2010-02-20,,,",
            "f2,km-gov,bimonthly-report,2010-03-20,,,",
        )
        statuses = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        assert one(statuses, "km-gov", "2010-B1").filings == ("f1",)
        assert one(statuses, "km-gov", "2010-B2").state is State.DONE

    def test_extra_filing_fits_no_period(self, agencies: Registry) -> None:
        """A filing when every open period is received counts for nothing, with a warning."""
        fs = filings(
            "f1,km-gov,bimonthly-report,2010-02-20,,,",
            "f2,km-gov,bimonthly-report,2010-02-25,,,",
        )
        result = evaluate(ruleset(), agencies, fs, on=D(2010, 2, 26))
        assert one(result, "km-gov", "2010-B1").filings == ("f1",)
        (w,) = result.warnings
        assert w.code == "filing/no-period"
        assert w.severity is Severity.WARNING
        assert w.span is not None and (w.file, w.span.line) == ("filings.csv", 3)

    def test_during_window_refuses_earlier_filing(self, agencies: Registry) -> None:
        """A filing before a 'during April' window counts for nothing and is a warning."""
        # during April 2010: window 4-01..4-30, deadline 4-30 (never moved).
        ob = obligation("review", m.During(year=2010, month=4), recipients=())
        fs = filings("f1,km-gov,review,2010-03-29,,,")
        result = evaluate(ruleset(ob), agencies, fs, on=D(2010, 4, 6))
        s = one(result, "km-gov", "once", "review")
        assert (s.opens, s.due, s.state, s.filings) == (
            D(2010, 4, 1),
            D(2010, 4, 30),
            State.PENDING,
            (),
        )
        assert [w.code for w in result.warnings] == ["filing/no-period"]
        assert "before the first window" in result.warnings[0].message

    def test_during_window_refuses_named_filing_outside(self, agencies: Registry) -> None:
        """Naming the period does not help a filing made after the month."""
        ob = obligation("review", m.During(year=2010, month=4), recipients=())
        fs = filings("f1,km-gov,review,2010-05-04,once,,")
        result = evaluate(ruleset(ob), agencies, fs, on=D(2010, 5, 6))
        assert one(result, "km-gov", "once", "review").state is State.OVERDUE
        assert [w.code for w in result.warnings] == ["filing/no-period"]

    def test_filing_by_agency_not_bound(self, agencies: Registry) -> None:
        """A filing by an agency that does not owe the obligation is a warning."""
        fs = filings("f1,km-jc,bimonthly-report,2010-04-20,,,")
        result = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        assert all(s.agency != "km-jc" for s in result)
        assert [w.code for w in result.warnings] == ["filing/no-period"]


class TestRecipients:
    ROLLUP = obligation(
        "rollup",
        m.EachMonth(day=5),
        recipients=(SAME_GOV, UPPER_JC),
        bearers=(SUPERVISORS,),
    )

    def test_every_recipient_must_receive(self, agencies: Registry) -> None:
        """Filing to one of two recipients leaves the period unsatisfied."""
        # 2010-05 period: nominal 5-05 (Wednesday, working). On 5-10: 5 days overdue.
        fs = filings("f1,km-jc,rollup,2010-05-04,2010-05,km-gov,")
        s = one(
            evaluate(ruleset(self.ROLLUP), agencies, fs, on=D(2010, 5, 10)),
            "km-jc",
            "2010-05",
            "rollup",
        )
        assert s.recipients == ("km-gov", "yn-jc")
        assert (s.state, s.days_overdue) == (State.OVERDUE, 5)

    def test_last_recipient_decides_late(self, agencies: Registry) -> None:
        """Satisfied when the last recipient receives: after the deadline, late."""
        fs = filings(
            "f1,km-jc,rollup,2010-05-04,2010-05,km-gov,",
            "f2,km-jc,rollup,2010-05-07,2010-05,yn-jc,",
        )
        s = one(
            evaluate(ruleset(self.ROLLUP), agencies, fs, on=D(2010, 5, 10)),
            "km-jc",
            "2010-05",
            "rollup",
        )
        assert (s.state, s.filings) == (State.LATE, ("f1", "f2"))

    def test_no_recipient_counts_for_all(self, agencies: Registry) -> None:
        """A filing with no recipient counts for every recipient."""
        fs = filings("f1,km-jc,rollup,2010-05-04,2010-05,,")
        s = one(
            evaluate(ruleset(self.ROLLUP), agencies, fs, on=D(2010, 5, 10)),
            "km-jc",
            "2010-05",
            "rollup",
        )
        assert s.state is State.DONE

    def test_recipient_received_moves_on(self, agencies: Registry) -> None:
        """A second filing to the same recipient counts for the next period it has not received."""
        # 2010-02 period: nominal 2-05 (Friday). 2010-03: 3-05 (Friday).
        fs = filings(
            "f1,km-jc,rollup,2010-02-01,,km-gov,",
            "f2,km-jc,rollup,2010-02-03,,km-gov,",
        )
        statuses = evaluate(ruleset(self.ROLLUP), agencies, fs, on=D(2010, 2, 10))
        assert one(statuses, "km-jc", "2010-02", "rollup").filings == ("f1",)
        assert statuses.warnings and statuses.warnings[0].code == "filing/no-period"

    def test_missing_recipient_warns_and_goes_on(self, agencies: Registry) -> None:
        """The province has no upper-level organ: a warning; the government alone suffices."""
        fs = filings("f1,yn-jc,rollup,2010-05-04,2010-05,yn-gov,")
        result = evaluate(ruleset(self.ROLLUP), agencies, fs, on=D(2010, 5, 10))
        s = one(result, "yn-jc", "2010-05", "rollup")
        assert (s.recipients, s.state) == (("yn-gov",), State.DONE)
        missing = [w for w in result.warnings if w.code == "recipient/missing"]
        assert len(missing) == 1
        w = missing[0]
        assert "yn-jc" in w.message and "rollup" in w.message
        assert "upper-level supervisory organ" in w.message
        assert w.message_zh and "上级行政监察机关" in w.message_zh
        assert w.span is not None and (w.file, w.span.line) == ("agencies.csv", 3)

    def test_wrong_recipient(self, agencies: Registry) -> None:
        """A filing to an agency that is not a recipient counts for nothing."""
        fs = filings("f1,km-gov,bimonthly-report,2010-04-20,,yn-jc,")
        result = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        assert one(result, "km-gov", "2010-B1").filings == ()
        assert "not a recipient" in result.warnings[0].message

    def test_self_recipient_left_out(self, agencies: Registry) -> None:
        """A supervisory organ filing with 'the same-level supervisory organ' has no recipient."""
        ob = obligation("bimonthly-report", m.MonthParity(parity=m.Parity.EVEN), bearers=(EVERY,))
        fs = filings("f1,km-jc,bimonthly-report,2010-04-28,2010-B2,,")
        result = evaluate(ruleset(ob), agencies, fs, on=D(2010, 5, 3))
        s = one(result, "km-jc", "2010-B2")
        assert (s.recipients, s.state) == ((), State.DONE)
        assert not [w for w in result.warnings if "km-jc" in w.message]


class TestEvents:
    def test_event_period(self, agencies: Registry) -> None:
        """30 days after a finding on 5-20 is Saturday 6-19, moved to Monday 6-21."""
        ob = obligation(
            "rectification",
            m.AfterEvent(event="finding", count=30, unit=m.Unit.DAYS),
            recipients=(),
        )
        events = [Event(id="ev1", agency="km-gov", event="finding", date=D(2010, 5, 20))]
        s = one(
            evaluate(ruleset(ob), agencies, (), on=D(2010, 6, 22), events=events),
            "km-gov",
            "ev1",
            "rectification",
        )
        assert (s.opens, s.nominal_due, s.due) == (D(2010, 5, 20), D(2010, 6, 19), D(2010, 6, 21))
        assert (s.state, s.days_overdue) == (State.OVERDUE, 1)

    def test_event_after_the_date_is_ignored(self, agencies: Registry) -> None:
        """An event after the evaluation date opens no period yet."""
        ob = obligation(
            "rectification",
            m.AfterEvent(event="finding", count=30, unit=m.Unit.DAYS),
            recipients=(),
        )
        events = [Event(id="ev1", agency="km-gov", event="finding", date=D(2010, 5, 20))]
        assert list(evaluate(ruleset(ob), agencies, (), on=D(2010, 5, 19), events=events)) == []

    def test_filing_names_event(self, agencies: Registry) -> None:
        """A filing naming the event id counts for that event's period."""
        ob = obligation(
            "rectification",
            m.AfterEvent(event="finding", count=30, unit=m.Unit.DAYS),
            recipients=(),
        )
        events = [Event(id="ev1", agency="km-gov", event="finding", date=D(2010, 5, 20))]
        fs = filings("f1,km-gov,rectification,2010-06-01,ev1,,")
        s = one(
            evaluate(ruleset(ob), agencies, fs, on=D(2010, 6, 22), events=events),
            "km-gov",
            "ev1",
            "rectification",
        )
        assert s.state is State.DONE


class TestBadInput:
    def _error(self, agencies: Registry, *rows: str) -> InputError:
        with pytest.raises(InputError) as info:
            evaluate(ruleset(), agencies, filings(*rows), on=D(2010, 5, 3))
        return info.value

    def test_unknown_agency(self, agencies: Registry) -> None:
        """An unknown agency is an error at its cell, with a suggestion."""
        d = self._error(agencies, "f1,km-go,bimonthly-report,2010-04-20,,,").diagnostics[0]
        assert d.code == "input/unknown-agency"
        assert d.span is not None and (d.file, d.span.line, d.span.column) == ("filings.csv", 2, 4)
        assert d.hint and "km-gov" in d.hint

    def test_unknown_obligation(self, agencies: Registry) -> None:
        """An unknown obligation is an error at its cell."""
        d = self._error(agencies, "f1,km-gov,bimonthly,2010-04-20,,,").diagnostics[0]
        assert d.code == "input/unknown-obligation"
        assert d.hint and "bimonthly-report" in d.hint

    def test_unknown_recipient(self, agencies: Registry) -> None:
        """A recipient that is not an agency is an error."""
        d = self._error(agencies, "f1,km-gov,bimonthly-report,2010-04-20,,km-xx,").diagnostics[0]
        assert d.code == "input/unknown-agency"

    @pytest.mark.parametrize("label", ["2010-B7", "2010-Q2", "2009-B6", "once", "B2"])
    def test_period_the_obligation_cannot_have(self, agencies: Registry, label: str) -> None:
        """A label of the wrong form, out of range or before effective is an error."""
        d = self._error(agencies, f"f1,km-gov,bimonthly-report,2010-04-20,{label},,").diagnostics[0]
        assert d.code == "input/bad-period"
        assert "2010-B1" in d.message  # names the first period as an example

    def test_all_errors_at_once(self, agencies: Registry) -> None:
        """Every bad row is reported, and nothing is evaluated."""
        error = self._error(
            agencies,
            "f1,nobody,bimonthly-report,2010-04-20,,,",
            "f2,km-gov,nothing,2010-04-20,,,",
        )
        assert [d.code for d in error.diagnostics] == [
            "input/unknown-agency",
            "input/unknown-obligation",
        ]

    def test_unknown_event_agency(self, agencies: Registry) -> None:
        """An event of an unknown agency is an error."""
        events = [Event(id="e", agency="nobody", event="finding", date=D(2010, 5, 1))]
        with pytest.raises(InputError):
            evaluate(ruleset(), agencies, (), on=D(2010, 5, 3), events=events)


class TestApi:
    def test_result_is_a_sequence_with_warnings(self, agencies: Registry) -> None:
        """evaluate returns a sequence of Status, equal to the list of its records, with a
        warnings tuple (the records are made from columns when read)."""
        result = evaluate(ruleset(), agencies, (), on=D(2010, 5, 3))
        assert isinstance(result, Statuses) and isinstance(result, Sequence)
        records = list(result)
        assert records and all(isinstance(s, Status) for s in records)
        assert result == records and records == result and result == tuple(records)
        assert result[0] == records[0] and result[-1] == records[-1]
        assert result[1:] == records[1:] and len(result) == len(records)
        assert result.warnings == ()

    def test_status_is_immutable(self, agencies: Registry) -> None:
        """A Status cannot be changed."""
        s = evaluate(ruleset(), agencies, (), on=D(2010, 5, 3))[0]
        with pytest.raises(AttributeError):
            s.state = State.DONE  # type: ignore[misc]

    def test_pure_function_of_inputs(self, agencies: Registry) -> None:
        """The same inputs give the same result."""
        fs = filings("f1,km-gov,bimonthly-report,2010-03-02,,,")
        a = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        b = evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        assert a == b

    def test_filing_objects_built_directly(self, agencies: Registry) -> None:
        """Filings built in Python work like filings read from a file."""
        f = Filing(
            id="x",
            agency="km-gov",
            obligation="bimonthly-report",
            filed_on=D(2010, 4, 1),
            status=FilingStatus.ACCEPTED,
        )
        s = one(evaluate(ruleset(), agencies, [f], on=D(2010, 5, 3)), "km-gov", "2010-B1")
        assert s.state is State.LATE  # B1 due 3-01, filed 4-01


class TestAgendaAndExplain:
    def test_agenda(self, agencies: Registry) -> None:
        """Deadlines between two dates, with the warning day."""
        items, warnings = agenda(
            ruleset(), agencies, agency="km-gov", start=D(2010, 4, 1), end=D(2010, 7, 31)
        )
        assert [(i.period, i.due, i.warn_from) for i in items] == [
            ("2010-B2", D(2010, 4, 30), D(2010, 4, 23)),
            # 6-30 Wednesday; working days before: 6-29, 28, 25, 24, 23 (6-26/27 weekend).
            ("2010-B3", D(2010, 6, 30), D(2010, 6, 23)),
        ]
        assert warnings == ()

    def test_agenda_includes_moved_deadline(self, agencies: Registry) -> None:
        """A deadline moved into the range (B1: 2-28 -> 3-01) is on the agenda."""
        items, _ = agenda(
            ruleset(), agencies, agency="km-gov", start=D(2010, 3, 1), end=D(2010, 3, 31)
        )
        assert [(i.period, i.due) for i in items] == [("2010-B1", D(2010, 3, 1))]

    def test_explain_red_row(self, agencies: Registry) -> None:
        """explain shows the bearer, the recipient, the deadline, the filings and the step."""
        fs = filings("f1,km-gov,bimonthly-report,2010-03-02,,,")
        text = explain(
            ruleset(),
            agencies,
            fs,
            agency="km-gov",
            obligation="bimonthly-report",
            period="2010-B2",
            on=D(2010, 5, 3),
        )
        assert 'matches "every government"' in text
        assert "the same-level supervisory organ -> km-jc" in text
        assert "deadline 2010-04-30" in text
        assert "f1 2010-03-02" in text and "counts for 2010-B1" in text
        assert "state: overdue, 3 days" in text
        assert "step reached: urge" in text

    def test_explain_in_chinese(self, agencies: Registry) -> None:
        """explain speaks Chinese when asked."""
        text = explain(
            ruleset(),
            agencies,
            (),
            agency="km-gov",
            obligation="bimonthly-report",
            period="2010-B2",
            on=D(2010, 5, 3),
            lang="zh",
        )
        assert "同级行政监察机关 -> km-jc" in text
        assert "截止日" in text


class TestJsonPositions:
    def test_unknown_agency_in_multiline_json(self, agencies: Registry) -> None:
        """An unknown agency in a JSON filing points at its key's own line."""
        text = (
            "[\n"
            "  {\n"
            '    "id": "f1",\n'
            '    "agency": "km-go",\n'
            '    "obligation": "bimonthly-report",\n'
            '    "filed_on": "2010-04-20"\n'
            "  }\n"
            "]\n"
        )
        fs = read_filings(text_source(text, "filings.json"))
        with pytest.raises(InputError) as info:
            evaluate(ruleset(), agencies, fs, on=D(2010, 5, 3))
        d = info.value.diagnostics[0]
        assert d.span is not None and (d.file, d.span.line, d.span.column) == ("filings.json", 4, 5)
        assert d.line_text == '    "agency": "km-go",'


class TestRuleReferences:
    def test_bearer_agency_not_in_file(self, agencies: Registry) -> None:
        """A rule that applies to an agency id missing from the agencies file is a warning."""
        ob = obligation(
            "plan",
            m.Once(year=2010, month=3, day=None),
            recipients=(),
            bearers=(m.AgencyBearer(agency="km-gvo"),),
        )
        result = evaluate(ruleset(ob), agencies, (), on=D(2010, 5, 3))
        assert list(result) == []
        (w,) = result.warnings
        assert w.code == "bearer/unknown-agency"
        assert w.hint and "km-gov" in w.hint

    def test_named_agency_shares_its_profile(self) -> None:
        """An obligation that names km-gov binds km-gov only, not qj-gov, a prefecture
        government without tags like it (read after it), in both ways of evaluating."""
        registry = read_agencies(
            text_source(AGENCIES + "qj-gov,曲靖市人民政府,government,prefecture,云南省/曲靖市,\n")
        )
        named = obligation(
            "plan",
            m.Once(year=2010, month=3, day=None),
            recipients=(),
            bearers=(m.AgencyBearer(agency="km-gov"),),
        )
        rules = ruleset(BIMONTHLY, named)
        owed = Facts(check(rules), registry, (), (), None).owed(
            sorted(rules.obligations, key=lambda o: o.id)
        )
        # Sorted by id: bimonthly-report (0), plan (1); the governments owe the first.
        assert owed == {"yn-gov": (0,), "km-gov": (0, 1), "qj-gov": (0,)}
        assert list(owed) == ["yn-gov", "km-gov", "qj-gov"]  # file order
        for walk in ("columnar", "reference"):
            result = evaluate_by(walk, rules, registry, (), on=D(2010, 5, 3))
            assert {s.agency for s in result if s.obligation == "plan"} == {"km-gov"}

    def test_repeated_id_owes_as_before(self) -> None:
        """A registry built in code may give an id twice: each agency's obligations are
        worked out from that agency, the later one's kept when both owe some."""
        gov = Agency(id="a", name="A", kind=m.Kind.GOVERNMENT, level=m.Level.COUNTY, region=("x",))
        jc = attrs.evolve(gov, kind=m.Kind.SUPERVISORY_ORGAN)
        rules = ruleset(
            obligation("g", m.Once(year=2010, month=3, day=None), recipients=()),
            obligation(
                "s", m.Once(year=2010, month=3, day=None), recipients=(), bearers=(SUPERVISORS,)
            ),
        )
        obligations = sorted(rules.obligations, key=lambda o: o.id)
        facts = Facts(check(rules), Registry([gov, jc]), (), (), None)
        assert facts.owed(obligations) == {"a": (1,)}  # s, of the supervisory organ
        facts = Facts(check(rules), Registry([jc, gov]), (), (), None)
        assert facts.owed(obligations) == {"a": (0,)}  # g, of the government

    def test_agency_recipient_naming_itself(self, agencies: Registry) -> None:
        """An agency-id recipient that is the bearer itself is left out, without a warning."""
        ob = obligation(
            "plan",
            m.Once(year=2010, month=3, day=None),
            recipients=(m.AgencyRecipient(agency="km-gov"), m.AgencyRecipient(agency="yn-gov")),
        )
        result = evaluate(ruleset(ob), agencies, (), on=D(2010, 5, 3))
        assert one(result, "km-gov", "once", "plan").recipients == ("yn-gov",)
        assert one(result, "yn-gov", "once", "plan").recipients == ("km-gov",)
        assert result.warnings == ()


class TestOutstanding:
    ROLLUP = TestRecipients.ROLLUP

    def evaluate_rollup(self, agencies: Registry, *rows: str) -> Statuses:
        # 2010-05 period of the monthly roll-up: nominal 5-05 (Wednesday, a working day).
        return evaluate(ruleset(self.ROLLUP), agencies, filings(*rows), on=D(2010, 5, 10))

    def test_one_of_two_received(self, agencies: Registry) -> None:
        """Filed to the government only: the upper-level organ is still outstanding."""
        result = self.evaluate_rollup(agencies, "f1,km-jc,rollup,2010-05-04,2010-05,km-gov,")
        s = one(result, "km-jc", "2010-05", "rollup")
        assert s.state is State.OVERDUE
        assert s.outstanding == ("yn-jc",)

    def test_nothing_filed(self, agencies: Registry) -> None:
        """With nothing filed every recipient is outstanding."""
        s = one(self.evaluate_rollup(agencies), "km-jc", "2010-05", "rollup")
        assert s.outstanding == ("km-gov", "yn-jc")

    def test_returned_leaves_it_outstanding(self, agencies: Registry) -> None:
        """A returned filing leaves its recipient outstanding."""
        result = self.evaluate_rollup(
            agencies,
            "f1,km-jc,rollup,2010-05-04,2010-05,km-gov,returned",
            "f2,km-jc,rollup,2010-05-04,2010-05,yn-jc,",
        )
        assert one(result, "km-jc", "2010-05", "rollup").outstanding == ("km-gov",)

    def test_satisfied_and_waived_owe_nothing(self, agencies: Registry) -> None:
        """Done, late and waived periods have no outstanding recipient."""
        result = self.evaluate_rollup(
            agencies,
            "f1,km-jc,rollup,2010-04-01,2010-04,,",
            "f2,km-jc,rollup,2010-05-04,2010-05,,waived",
        )
        april = one(result, "km-jc", "2010-04", "rollup")
        may = one(result, "km-jc", "2010-05", "rollup")
        assert (april.state, april.outstanding) == (State.DONE, ())
        assert (may.state, may.outstanding) == (State.WAIVED, ())

    def test_single_recipient(self, agencies: Registry) -> None:
        """A one-recipient duty: outstanding until it is received."""
        # 2010-B2: due 4-30 (Friday); on 5-03 nothing is filed yet.
        result = evaluate(ruleset(), agencies, (), on=D(2010, 5, 3))
        assert one(result, "km-gov", "2010-B2").outstanding == ("km-jc",)

    def test_not_in_json(self, agencies: Registry) -> None:
        """to_json keeps exactly the keys of the contract and those added: no outstanding."""
        s = one(self.evaluate_rollup(agencies), "km-jc", "2010-05", "rollup")
        assert list(s.to_json()) == list(JSON_KEYS)

    def test_table_owed_to_lists_outstanding(self, agencies: Registry) -> None:
        """The table's overdue list names only the recipients still waiting."""
        result = self.evaluate_rollup(agencies, "f1,km-jc,rollup,2010-05-04,2010-05,km-gov,")
        overdue = [one(result, "km-jc", "2010-05", "rollup")]
        text = render_table(overdue, names={"km-gov": "KMGOV", "yn-jc": "YNJC"}, lang="en")
        summary = text[text.index("overdue:") :]
        assert "YNJC" in summary
        assert "KMGOV" not in summary


class TestStreamAndEvaluator:
    ROLLUP = TestRecipients.ROLLUP

    def data(self) -> tuple[m.Ruleset, tuple[Filing, ...]]:
        return ruleset(BIMONTHLY, self.ROLLUP), filings(
            "f1,km-jc,rollup,2010-05-04,2010-05,km-gov,",
            "f2,km-gov,bimonthly-report,2010-04-20,,,",
            "f3,km-gov,bimonthly-report,2010-04-21,,yn-jc,",  # not a recipient: a warning
        )

    def test_stream_equals_list(self, agencies: Registry) -> None:
        """iter_evaluate yields the records of evaluate, in the same order, and its warnings."""
        rules, fs = self.data()
        whole = evaluate(rules, agencies, fs, on=D(2010, 6, 1))
        stream = iter_evaluate(rules, agencies, fs, on=D(2010, 6, 1))
        assert list(stream) == list(whole)
        assert stream.warnings == whole.warnings
        assert any(w.code == "filing/no-period" for w in stream.warnings)

    def test_stream_checks_input_at_once(self, agencies: Registry) -> None:
        """Bad input raises when the stream is made, before anything is read."""
        with pytest.raises(InputError):
            iter_evaluate(
                ruleset(),
                agencies,
                filings("f1,nobody,bimonthly-report,2010-04-20,,,"),
                on=D(2010, 5, 3),
            )

    def test_evaluator_many_dates(self, agencies: Registry) -> None:
        """One Evaluator gives, on each date, what evaluate gives on that date."""
        rules, fs = self.data()
        evaluator = Evaluator(rules, agencies, fs)
        for day in (D(2010, 3, 1), D(2010, 5, 10), D(2010, 12, 31)):
            expected = evaluate(rules, agencies, fs, on=day)
            got = evaluator.on(day)
            assert list(got) == list(expected)
            assert got.warnings == expected.warnings
            assert list(evaluator.iter_on(day, agency="km-jc")) == [
                s for s in expected if s.agency == "km-jc"
            ]

    def test_progress(self, agencies: Registry) -> None:
        """progress is told after each agency, ending with every agency done."""
        calls: list[tuple[int, int]] = []
        evaluate(
            ruleset(), agencies, (), on=D(2010, 5, 3), progress=lambda d, t: calls.append((d, t))
        )
        # Governments bear the bi-monthly report: yn-gov and km-gov.
        assert calls == [(1, 2), (2, 2)]


class TestExplainFixes:
    RULES = """ruleset "two duties"
effective 2010-01-22
calendar cn

escalation standard:
  urge 1 day after the deadline
  notify 15 days after the deadline

obligation rollup "Roll-up":
  source "Measures, art. 5"
  applies to every supervisory organ
  by the 5th of each month, file roll-up with government and the upper-level supervisory organ
  escalation standard

# A comment about the next duty.

obligation bimonthly-report "Bi-monthly progress report":
  source "Measures, art. 17"
  applies to every government
  by the end of every even month, file progress report with the same-level supervisory organ
  escalation standard
"""

    def explain_rollup(self, agencies: Registry, lang: str = "en") -> str:
        from xzjd.language.loader import loads

        fs = filings("f1,km-jc,rollup,2010-05-04,2010-05,km-gov,")
        return explain(
            loads(self.RULES),
            agencies,
            fs,
            agency="km-jc",
            obligation="rollup",
            period="2010-05",
            on=D(2010, 5, 10),
            lang=lang,
        )

    def test_rule_excerpt_stops_at_the_obligation(self, agencies: Registry) -> None:
        """The rule excerpt ends with the obligation's last line: no comment, no next header."""
        text = self.explain_rollup(agencies)
        rule = text[text.index("rule:\n") : text.index("\nsource:")].splitlines()
        assert rule[1] == '  obligation rollup "Roll-up":'
        assert rule[-1] == "    escalation standard"
        assert "A comment" not in text and "bimonthly-report" not in text

    def test_says_which_recipient_is_missing(self, agencies: Registry) -> None:
        """explain names the recipient that has the filing and the one still waiting."""
        text = self.explain_rollup(agencies)
        assert "received: km-gov on 2010-05-04" in text
        assert "still owed to: yn-jc (no accepted filing)" in text
        zh = self.explain_rollup(agencies, "zh")
        assert "已收到: km-gov（2010-05-04）" in zh
        assert "尚未收到: yn-jc" in zh

    def test_chinese_has_no_english_words(self, agencies: Registry) -> None:
        """In Chinese, states, steps, filing statuses and the bearer are Chinese."""
        zh = self.explain_rollup(agencies, "zh")
        zh = zh[zh.index("依据:") :]  # the rule excerpt above is the file's own (English) text
        for word in ("accepted", "overdue", "urge", "notify", "supervisory organ", "every"):
            assert word not in zh, word
        assert "状态: 逾期" in zh
        assert "达到的升级步骤: 督促" in zh
        assert "(受理)" in zh
        assert '符合 "各级行政监察机关"' in zh


class TestRecipientsPerRegion:
    def test_recipient_sorted_first_in_its_region(self) -> None:
        """A supervisory organ whose id sorts first still receives the others' reports."""
        # "a-jc" is evaluated before "b-gov"; leaving a-jc out of its own recipients must
        # not leave it out of b-gov's. 2010-B2 is due 4-30 (Friday); b-gov filed on 4-20.
        registry = read_agencies(
            text_source(
                "id,name,kind,level,region,tags\n"
                "a-jc,A 监察局,supervisory organ,prefecture,云南省/昆明市,\n"
                "b-gov,B 人民政府,government,prefecture,云南省/昆明市,\n",
                "agencies.csv",
            )
        )
        ob = obligation("bimonthly-report", m.MonthParity(parity=m.Parity.EVEN), bearers=(EVERY,))
        fs = filings("f1,b-gov,bimonthly-report,2010-04-20,2010-B2,a-jc,")
        result = evaluate(ruleset(ob), registry, fs, on=D(2010, 5, 3))
        mine = one(result, "b-gov", "2010-B2")
        assert (mine.recipients, mine.state, mine.filings) == (("a-jc",), State.DONE, ("f1",))
        own = one(result, "a-jc", "2010-B2")
        assert own.recipients == ()
        assert not result.warnings

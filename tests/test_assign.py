# SPDX-License-Identifier: MIT
"""``xzjd.engine.assign``: which filing counts for which period, in one merge walk.

The windows below are those of the 2010 bi-monthly report (effective 2010-01-22), worked out
by hand from the 2010 holiday notice (国办发明电〔2009〕27号): B1's nominal deadline is Sunday
2-28, moved to Monday 3-01, and its window opens on ``effective``, 1-22; B2's window opens the
day after B1's *nominal* deadline, 3-01, and closes on its deadline, Friday 4-30 (a working
day). ``assign`` takes the windows as data, so these tests do not depend on the calendar.

The random test at the end checks the evaluation against a reference written here from
language.md section 4 alone, on public results only (records and warnings).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import pytest

from xzjd import model as m
from xzjd.engine import Inspector, State, Status, evaluate
from xzjd.engine.assign import Fate, Placement, Track, Windows, assign, not_owed
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Event, Filing, FilingStatus, read_filings, text_source

D = dt.date
ACCEPTED, RETURNED, WAIVED = FilingStatus.ACCEPTED, FilingStatus.RETURNED, FilingStatus.WAIVED

#: 2010-B1: 1-22..3-01; 2010-B2: 3-01..4-30 (see the module docstring).
BIMONTHLY = Windows(
    opens=[D(2010, 1, 22), D(2010, 3, 1)],
    closes=[D(2010, 3, 1), D(2010, 4, 30)],
    labels={"2010-B1": 0, "2010-B2": 1},
    during=False,
)
#: ``during April 2010``: the window is the month, 4-01..4-30.
APRIL = Windows(opens=[D(2010, 4, 1)], closes=[D(2010, 4, 30)], labels={"once": 0}, during=True)


def filing(
    fid: str,
    filed_on: dt.date,
    period: str | None = None,
    recipient: str | None = None,
    status: FilingStatus = ACCEPTED,
) -> Filing:
    return Filing(
        id=fid,
        agency="km-gov",
        obligation="report",
        filed_on=filed_on,
        period=period,
        recipient=recipient,
        status=status,
    )


class TestAssign:
    def test_each_filing_goes_to_the_earliest_waiting_period(self) -> None:
        """2-20 fills B1; 3-02 finds B1 received and fills B2; 3-03 finds nothing waiting."""
        f1, f2, f3 = (
            filing("f1", D(2010, 2, 20)),
            filing("f2", D(2010, 3, 2)),
            filing("f3", D(2010, 3, 3)),
        )
        got, misfits = assign(BIMONTHLY, ("km-jc",), [f1, f2, f3], D(2010, 3, 10), None)
        assert got == [f1, f2]
        assert misfits == [Placement(f3, Fate.NOTHING_WAITING, None)]

    def test_a_returned_filing_leaves_the_period_waiting(self) -> None:
        """B1 returned on 2-20 still waits: the 2-25 filing counts for it too, and satisfies it."""
        f1 = filing("f1", D(2010, 2, 20), status=RETURNED)
        f2 = filing("f2", D(2010, 2, 25))
        got, misfits = assign(BIMONTHLY, ("km-jc",), [f1, f2], D(2010, 3, 10), None)
        track = got[0]
        assert isinstance(track, Track)
        assert (track.filings, track.satisfied, track.outstanding()) == (
            ["f1", "f2"],
            D(2010, 2, 25),
            (),
        )
        assert got[1] is None
        assert list(misfits) == []

    def test_a_waived_period_takes_no_more_filings(self) -> None:
        """B1 waived on 2-20: the 2-22 filing goes on to B2, whose window opens 3-01, too late
        for it, so it fits nothing; the 3-05 one fills B2."""
        f1 = filing("f1", D(2010, 2, 20), status=WAIVED)
        f2 = filing("f2", D(2010, 2, 22))
        f3 = filing("f3", D(2010, 3, 5))
        got, misfits = assign(BIMONTHLY, ("km-jc",), [f1, f2, f3], D(2010, 3, 10), None)
        assert got == [f1, f3]
        assert misfits == [Placement(f2, Fate.NOTHING_WAITING, None)]

    def test_two_recipients(self) -> None:
        """A filing to one recipient leaves the period waiting for the other only."""
        recipients = ("km-gov", "yn-jc")
        f1 = filing("f1", D(2010, 2, 20), recipient="km-gov")
        f2 = filing("f2", D(2010, 2, 21), recipient="km-gov")  # km-gov has B1; B2 not open
        f3 = filing("f3", D(2010, 2, 22))  # every recipient: B1 still waits for yn-jc
        got, misfits = assign(BIMONTHLY, recipients, [f1, f2, f3], D(2010, 3, 10), None)
        track = got[0]
        assert isinstance(track, Track)
        assert track.filings == ["f1", "f3"]
        assert track.received == {"km-gov": D(2010, 2, 20), "yn-jc": D(2010, 2, 22)}
        assert track.satisfied == D(2010, 2, 22)
        assert misfits == [Placement(f2, Fate.NOTHING_WAITING, None)]

    def test_two_recipients_one_outstanding(self) -> None:
        f1 = filing("f1", D(2010, 2, 20), recipient="yn-jc")
        got, _ = assign(BIMONTHLY, ("km-gov", "yn-jc"), [f1], D(2010, 3, 10), None)
        track = got[0]
        assert isinstance(track, Track)
        assert (track.satisfied, track.outstanding()) == (None, ("km-gov",))

    def test_named_period(self) -> None:
        """A filing naming B2 counts for B2 though B1 still waits."""
        f1 = filing("f1", D(2010, 3, 2), period="2010-B2")
        trace: list[Placement] = []
        got, misfits = assign(BIMONTHLY, ("km-jc",), [f1], D(2010, 3, 10), None, trace=trace)
        assert got == [None, f1]
        assert (list(misfits), trace) == ([], [Placement(f1, Fate.NAMED, 1)])

    def test_quiet_fates_are_traced_not_warned(self) -> None:
        """A period not open by the date, a filing after the date, history before `since`."""
        early = filing("f0", D(2010, 1, 5))  # before B1's window (1-22)
        later = filing("f1", D(2010, 3, 2), period="2010-B3")  # B3 is not among the windows
        after = filing("f2", D(2010, 3, 11))  # after the evaluation date 3-10
        trace: list[Placement] = []
        got, misfits = assign(
            BIMONTHLY,
            ("km-jc",),
            [early, later, after],
            D(2010, 3, 10),
            D(2010, 1, 22),
            trace=trace,
        )
        assert got == [None, None]
        assert list(misfits) == []
        assert [p.fate for p in trace] == [Fate.BEFORE_SINCE, Fate.NOT_OPEN, Fate.AFTER_ON]

    def test_before_the_first_window_without_since_warns(self) -> None:
        early = filing("f0", D(2010, 1, 5))
        _, misfits = assign(BIMONTHLY, ("km-jc",), [early], D(2010, 3, 10), None)
        assert misfits == [Placement(early, Fate.BEFORE_FIRST, None)]

    def test_not_a_recipient(self) -> None:
        f1 = filing("f1", D(2010, 2, 20), recipient="yn-jc")
        got, misfits = assign(BIMONTHLY, ("km-jc",), [f1], D(2010, 3, 10), None)
        assert got == [None, None]
        assert misfits == [Placement(f1, Fate.NOT_A_RECIPIENT, None)]

    def test_no_recipients_take_any_recipient(self) -> None:
        """A duty done, not filed with anyone: a recipient in the filing is not checked."""
        f1 = filing("f1", D(2010, 2, 20), recipient="yn-jc")
        got, misfits = assign(BIMONTHLY, (), [f1], D(2010, 3, 10), None)
        assert (got, list(misfits)) == ([f1, None], [])

    def test_during_month_only(self) -> None:
        """Naming the April period from May, or filing in March, counts for nothing."""
        named = filing("f1", D(2010, 5, 4), period="once")
        early = filing("f2", D(2010, 3, 29))
        got, misfits = assign(APRIL, (), [early, named], D(2010, 5, 6), None)
        assert got == [None]
        assert misfits == [
            Placement(early, Fate.BEFORE_FIRST, None),
            Placement(named, Fate.OUTSIDE_MONTH, 0),
        ]

    def test_not_owed(self) -> None:
        """An agency that does not owe the obligation: every filing up to the date fits nothing."""
        f1, f2 = filing("f1", D(2010, 2, 20)), filing("f2", D(2010, 3, 11))
        assert not_owed([f1, f2], D(2010, 3, 10)) == [Placement(f1, Fate.NOT_OWED, None)]

    def test_fates_that_warn(self) -> None:
        warned = {fate for fate in Fate if fate.warned}
        assert warned == {
            Fate.NOT_OWED,
            Fate.NOT_A_RECIPIENT,
            Fate.OUTSIDE_MONTH,
            Fate.BEFORE_FIRST,
            Fate.NOTHING_WAITING,
        }
        assert {fate for fate in Fate if fate.counts} == {Fate.NAMED, Fate.EARLIEST}


# --------------------------------------------------------------------------- against a reference

AGENCIES = """id,name,kind,level,region,tags
yn-gov,云南省人民政府,government,provincial,云南省,
yn-jc,云南省监察厅,supervisory organ,provincial,云南省,
km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,
km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,
"""
SAME_JC = m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN)
UPPER_JC = m.RelativeRecipient(relation=m.Relation.UPPER_LEVEL, kind=m.Kind.SUPERVISORY_ORGAN)
SAME_GOV = m.RelativeRecipient(relation=m.Relation.SAME_LEVEL, kind=m.Kind.GOVERNMENT)
EVERY = m.KindBearer(kind=m.Kind.ADMINISTRATIVE_ORGAN)
LADDER = m.Escalation(
    name="standard",
    warn=m.Warn(days=5, working=True),
    steps=[m.EscalationStep(step=m.Step.URGE, days=1)],
)


def obligation(
    oid: str, schedule: m.Schedule, recipients: Sequence[m.Recipient], bearers: m.Bearer
) -> m.Obligation:
    verb = m.Verb.FILE if recipients else m.Verb.COMPLETE
    return m.Obligation(
        id=oid,
        bearers=(bearers,),
        schedule=schedule,
        action=m.Action(verb=verb, deliverable="report", recipients=recipients),
        escalation="standard",
    )


RULES = m.Ruleset(
    effective=D(2010, 1, 22),
    escalations=[LADDER],
    obligations=(
        obligation(
            "bimonthly-report",
            m.MonthParity(parity=m.Parity.EVEN),
            (SAME_JC,),
            m.KindBearer(kind=m.Kind.GOVERNMENT),
        ),
        obligation(
            "rollup",
            m.EachMonth(day=5),
            (SAME_GOV, UPPER_JC),
            m.KindBearer(kind=m.Kind.SUPERVISORY_ORGAN),
        ),
        obligation("review", m.During(year=None, month=4), (), EVERY),
        obligation(
            "rectification",
            m.AfterEvent(event="finding", count=10, unit=m.Unit.WORKING_DAYS),
            (SAME_JC,),
            EVERY,
        ),
    ),
)
EVENTS = (
    Event(id="ev1", agency="km-gov", event="finding", date=D(2010, 3, 10)),
    Event(id="ev2", agency="km-gov", event="finding", date=D(2010, 6, 1)),
    Event(id="ev3", agency="yn-jc", event="finding", date=D(2010, 4, 20)),
)
#: Who owes what, and the recipients a filing may name (any other one fits nothing).
OWES = {
    "bimonthly-report": {"yn-gov": ["yn-jc"], "km-gov": ["km-jc"]},
    "rollup": {"yn-jc": ["yn-gov"], "km-jc": ["km-gov", "yn-jc"]},
    "review": {a: [""] for a in ("yn-gov", "yn-jc", "km-gov", "km-jc")},
    "rectification": {"km-gov": ["km-jc"], "yn-jc": [""]},
}
LABELS = {
    "bimonthly-report": ["2010-B1", "2010-B2", "2010-B3", "2010-B4", "2010-B6"],
    "rollup": ["2010-02", "2010-03", "2010-05", "2010-08", "2010-11"],
    "review": ["once"],
    "rectification": [],
}
OWN_EVENTS = {"km-gov": ["ev1", "ev2"], "yn-jc": ["ev3"]}


@pytest.fixture(scope="module")
def agencies() -> Registry:
    return read_agencies(text_source(AGENCIES, "agencies.csv"))


def messy_filings(seed: int) -> tuple[Filing, ...]:
    """Filings in date order: a third naming a period, some to a wrong recipient, some
    returned or waived, some before the first window or after the evaluation date."""
    rng = random.Random(seed)
    rows = []
    for oid, bearers in OWES.items():
        for agency, valid in bearers.items():
            for _ in range(rng.randint(0, 6)):
                day = D(2010, 1, 15) + dt.timedelta(days=rng.randint(0, 330))
                labels = OWN_EVENTS[agency] if oid == "rectification" else LABELS[oid]
                period = rng.choice(labels) if labels and rng.random() < 0.3 else ""
                roll = rng.random()
                recipient = (
                    ""
                    if roll < 0.45
                    else rng.choice(valid)
                    if roll < 0.95
                    else rng.choice(["km-gov", "yn-gov", "yn-jc", "km-jc"])
                )
                status = rng.choice(["", "", "", "returned", "waived"])
                rows.append((day, agency, oid, period, recipient, status))
    rows.sort(key=lambda r: r[0])
    text = "id,agency,obligation,filed_on,period,recipient,status\n" + "".join(
        f"F{i},{a},{o},{d.isoformat()},{p},{r},{s}\n"
        for i, (d, a, o, p, r, s) in enumerate(rows, 1)
    )
    return read_filings(text_source(text, "filings.csv"))


def reference(
    periods: Sequence[Status], filings: Sequence[Filing], on: dt.date, during: bool
) -> tuple[dict[str, tuple[State | None, tuple[str, ...], tuple[str, ...]]], set[str]]:
    """Language.md section 4 read literally, for one agency and obligation.

    *periods* are the records of an evaluation with no filings, in deadline order (their
    windows: ``opens`` to ``due``). Returns, per period label, the state once satisfied
    (``None``: not satisfied), the filing ids and the outstanding recipients; and the ids of
    the filings that fit no period and are warned about.
    """
    recipients = periods[0].recipients if periods else ()
    wanted_all = recipients or ("",)  # a duty with no recipient: done once, by anyone
    filed: list[list[str]] = [[] for _ in periods]
    received: list[dict[str, dt.date]] = [{} for _ in periods]
    waived = [False] * len(periods)
    warned = set()
    for f in filings:  # already in date order
        if f.filed_on > on:
            continue
        if f.recipient is not None and recipients and f.recipient not in recipients:
            warned.add(f.id)
            continue
        wanted = wanted_all if f.recipient is None or not recipients else (f.recipient,)
        if f.period is not None:
            named = [i for i, p in enumerate(periods) if p.period == f.period]
            if not named:
                continue  # not open by `on`: not counted yet
            i = named[0]
            if during and not periods[i].opens <= f.filed_on <= periods[i].due:
                warned.add(f.id)
                continue
        else:
            waiting = [
                i
                for i, p in enumerate(periods)
                if p.opens <= f.filed_on
                and not (during and f.filed_on > p.due)
                and not waived[i]
                and not all(r in received[i] for r in wanted)
            ]
            if not waiting:
                warned.add(f.id)
                continue
            i = waiting[0]
        filed[i].append(f.id)
        if f.status is WAIVED:
            waived[i] = True
        elif f.status is ACCEPTED:
            for r in wanted:
                received[i].setdefault(r, f.filed_on)
    out: dict[str, tuple[State | None, tuple[str, ...], tuple[str, ...]]] = {}
    for i, p in enumerate(periods):
        state: State | None = None
        if waived[i]:
            state = State.WAIVED
        elif all(r in received[i] for r in wanted_all):
            state = State.DONE if max(received[i].values()) <= p.due else State.LATE
        outstanding = (
            () if state is not None else tuple(r for r in recipients if r not in received[i])
        )
        out[p.period] = (state, tuple(filed[i]), outstanding)
    return out, warned


class TestAgainstTheReference:
    def test_random_filings(self, agencies: Registry) -> None:
        """On messy filings, every record and every warning is what the reference gives."""
        checked = 0
        for seed in range(60):
            fs = messy_filings(seed)
            on = D(2010, 2, 1) + dt.timedelta(days=seed * 5)
            result = evaluate(RULES, agencies, fs, on=on, events=EVENTS)
            blank = evaluate(RULES, agencies, (), on=on, events=EVENTS)
            pairs: dict[tuple[str, str], list[Status]] = {}
            for s in blank:
                pairs.setdefault((s.agency, s.obligation), []).append(s)
            records = {(s.agency, s.obligation, s.period): s for s in result}
            assert len(records) == len(result) == len(blank)
            warned: set[str] = set()
            for oid, bearers in OWES.items():
                for agency in bearers:
                    periods = pairs.get((agency, oid), [])
                    mine = [f for f in fs if (f.agency, f.obligation) == (agency, oid)]
                    expected, misfits = reference(periods, mine, on, oid == "review")
                    warned |= misfits
                    for p in periods:
                        s = records[agency, oid, p.period]
                        state, ids, outstanding = expected[p.period]
                        if state is None:  # unsatisfied: the state of the period with no filing
                            state = p.state
                            assert (s.days_overdue, s.step) == (p.days_overdue, p.step), (seed, s)
                        got = (s.state, s.filings, s.outstanding)
                        assert got == (state, ids, outstanding), (seed, s)
                        checked += 1
            no_period = [
                w.message.split()[1] for w in result.warnings if w.code == "filing/no-period"
            ]
            assert sorted(no_period) == sorted(warned), seed
        assert checked > 1000

    def test_inspector_traces_agree_with_the_records(self, agencies: Registry) -> None:
        """Inspector.trace gives each record's state and the filings that counted for it."""
        checked = 0
        for seed in range(0, 60, 6):
            fs = messy_filings(seed)
            on = D(2010, 2, 1) + dt.timedelta(days=seed * 5)
            result = evaluate(RULES, agencies, fs, on=on, events=EVENTS)
            insp = Inspector(RULES, agencies, fs, on=on, events=EVENTS)
            for s in result:
                trace = insp.trace(insp.agency(s.agency), insp.obligation(s.obligation), s.period)
                assert trace.state == (s.state, s.days_overdue, s.step), (seed, s)
                counted = tuple(o.filing.id for o in trace.outcomes if o.period == s.period)
                assert counted == s.filings, (seed, s)
                assert trace.provisional_years == s.provisional_years
                checked += 1
        assert checked > 100

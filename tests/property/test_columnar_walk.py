# SPDX-License-Identifier: MIT
"""The columnar core gives what the assignment walk gives, record for record.

Random filings (named and unnamed periods, late, returned, waived, to one recipient, to
several, to an agency that is not a recipient, dated after the evaluation date, in any
order), random events, evaluation dates, ``since`` and ``agency=``, over a ruleset with
every kind of duty the core tells apart: one recipient, several, none, an agency named as
recipient, an agency among its own recipients, a missing recipient, a ``during`` month, an
event-based deadline. ``evaluate`` (the columnar core), the core with every block walked
and the reference walk one agency at a time (``rows.status_rows``) must give equal records
in the same order and the same warnings; the streamed form too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xzjd.engine import Evaluator, iter_evaluate
from xzjd.engine.evaluator import evaluate_by
from xzjd.errors import InputError
from xzjd.facts.agencies import Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.columns import columns_of
from xzjd.facts.tables import Event, Filing, FilingStatus, text_source
from xzjd.language import check
from xzjd.language.loader import loads

pytestmark = pytest.mark.slow  # hypothesis: a few hundred evaluations, ~1 minute

D = dt.date

RULES = check(
    loads(
        """ruleset "columnar"
effective 2010-03-01
calendar cn
deadlines on rest days move to the next working day

escalation reporting:
  warn 3 working days before the deadline
  urge 1 working day after the deadline
  notify 10 days after the deadline

obligation monthly "Monthly report":
  applies to every administrative organ
  by the 10th of each month, file report with the same-level supervisory organ
  escalation reporting

obligation rollup "Roll-up":
  applies to every supervisory organ
  by the end of every even month, file roll-up with {rollup_recipients}
  escalation reporting

obligation publish "Publish":
  applies to every administrative organ
  by the end of each quarter, publish notice

obligation progress "Progress to the province":
  applies to every government
  by the end of each half year, file progress with yn-gov

obligation meeting "Meeting":
  applies to every government
  during July 2010, hold meeting

obligation plan "Plan":
  applies to every administrative organ
  by the end of May, complete plan
  escalation reporting

obligation rectify "Rectify":
  applies to every administrative organ
  within 10 days after finding, complete rectification
""".format(rollup_recipients="the same-level government and the upper-level supervisory organ")
    )
)

AGENCIES: Registry = read_agencies(
    text_source(
        "id,name,kind,level,region,tags\n"
        "yn-gov,云南省人民政府,government,provincial,云南省,\n"
        "yn-jc,云南省监察厅,supervisory organ,provincial,云南省,\n"
        "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
        "km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,\n"
        "km-fgw,昆明市发改委,department,prefecture,云南省/昆明市,\n"
        "dl-gov,大理州人民政府,government,prefecture,云南省/大理州,\n"
        "dl-fgw,大理州发改委,department,prefecture,云南省/大理州,\n",
        "agencies.csv",
    )
)
IDS = [a.id for a in AGENCIES]
OBLIGATIONS = ["monthly", "rollup", "publish", "progress", "meeting", "plan", "rectify"]

#: The labels of each calendar obligation's periods up to 2011-06-30.
LABELS: dict[str, list[str]] = {}
for _s in evaluate_by("reference", RULES, AGENCIES, on=D(2011, 6, 30)):
    LABELS.setdefault(_s.obligation, [])
    if _s.period not in LABELS[_s.obligation]:
        LABELS[_s.obligation].append(_s.period)

DAYS = st.dates(min_value=D(2010, 1, 1), max_value=D(2011, 6, 30))


@st.composite
def facts(draw: st.DrawFn) -> tuple[list[Filing], list[Event]]:
    events = [
        Event(id=f"E{i}", agency=draw(st.sampled_from(IDS)), event="finding", date=draw(DAYS))
        for i in range(draw(st.integers(0, 6)))
    ]
    filings = []
    for i in range(draw(st.integers(0, 60))):
        obligation = draw(st.sampled_from(OBLIGATIONS))
        # km-jc owes roll-ups to km-gov and yn-jc: mostly its filings, mostly to them, so
        # that each recipient's filings are often placed on their own.
        rollup = obligation == "rollup"
        agency = draw(st.sampled_from(["km-jc", "km-jc", "yn-jc", "km-gov"] if rollup else IDS))
        if obligation == "rectify":
            mine = [e.id for e in events if e.agency == agency]
            period = draw(st.none() | st.sampled_from(mine)) if mine else None
        else:
            period = draw(st.none() | st.sampled_from(LABELS.get(obligation, ["x"])))
        status = draw(
            st.sampled_from(
                [FilingStatus.ACCEPTED] * 6 + [FilingStatus.RETURNED, FilingStatus.WAIVED]
            )
        )
        filings.append(
            Filing(
                id=f"F{i}",
                agency=agency,
                obligation=obligation,
                filed_on=draw(DAYS),
                period=period,
                recipient=draw(
                    st.sampled_from(["km-gov", "yn-jc", "km-gov", "yn-jc", "yn-gov", None])
                    if rollup
                    else st.none() | st.none() | st.sampled_from(IDS)
                ),
                status=status,
                line=draw(st.sampled_from([i + 2, i + 2, 0])),
            )
        )
    return filings, events


class Held(tuple[Filing, ...]):
    """Filings that hold their columns, as a columnar reader's do."""

    columns: Any


def outcome(walk: str, filings: Any, events: list[Event], **kw: Any) -> Any:
    try:
        out = evaluate_by(walk, RULES, AGENCIES, filings, events=events, **kw)
    except InputError as exc:
        return ("error", exc.diagnostics)
    return list(out), out.warnings


@settings(max_examples=300, deadline=None)
@given(
    facts(),
    st.dates(min_value=D(2010, 2, 1), max_value=D(2011, 6, 30)),
    st.none() | st.dates(min_value=D(2010, 1, 1), max_value=D(2011, 6, 30)),
    st.none() | st.sampled_from(IDS),
    st.booleans(),
)
def test_columnar_equals_the_walk(
    drawn: tuple[list[Filing], list[Event]],
    on: dt.date,
    since: dt.date | None,
    agency: str | None,
    held: bool,
) -> None:
    filings, events = drawn
    given_filings: Any = tuple(filings)
    if held:
        given_filings = Held(filings)
        given_filings.columns = attrs.evolve(columns_of(filings), ids=[f.id for f in filings])
    kw = {"on": on, "since": since, "agency": agency}
    reference = outcome("reference", filings, events, **kw)
    assert outcome("columnar", given_filings, events, **kw) == reference
    assert outcome("walk", given_filings, events, **kw) == reference
    if reference[0] != "error":
        stream = iter_evaluate(RULES, AGENCIES, given_filings, events=events, **kw)
        assert list(stream) == reference[0]
        assert stream.warnings == reference[1]
        # The warnings about an agency are there when it is reported done, as with the walk
        # (the partitioned run places warnings by these marks).
        assert marks("columnar", given_filings, events, **kw) == marks(
            "reference", filings, events, **kw
        )


def marks(walk: str, filings: Any, events: list[Event], **kw: Any) -> list[int]:
    """The number of warnings each time progress is reported, the records made by *walk*."""
    evaluator = Evaluator(RULES, AGENCIES, filings, events=events)
    evaluator.walk = walk
    found: list[int] = []
    streams: list[Any] = []
    stream = evaluator.iter_on(
        kw["on"],
        since=kw["since"],
        agency=kw["agency"],
        progress=lambda done, total: found.append(len(streams[0].warnings)),
    )
    streams.append(stream)
    list(stream)
    return found

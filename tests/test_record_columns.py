# SPDX-License-Identifier: MIT
"""The JSON writers from the columns (views/record_columns.py) against the record writers
(views/records.py): the same bytes, on the Yunnan example and on generated data with every
kind of row, and through ``xzjd check`` with ``--state`` and ``--fail-on``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from bench import generate

from xzjd.cli import main
from xzjd.engine import Evaluator, State, Status
from xzjd.engine.table import (
    BLANK,
    DONE,
    EXPLICIT,
    LATE,
    PARTIAL,
    SEVERAL,
    WAIVED,
    Table,
)
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.tables import Event, Filing, read_events, read_filings, text_source
from xzjd.language import check
from xzjd.language.loader import load, loads
from xzjd.views.record_columns import iter_json_parts, iter_jsonl_parts
from xzjd.views.records import iter_json, iter_jsonl
from yunnan_inputs import CHECK

D = dt.date
YUNNAN = Path("examples/yunnan-2010")

Writer = Callable[..., Iterator[str]]
WRITERS: list[tuple[Writer, Writer]] = [
    (iter_json, iter_json_parts),
    (iter_jsonl, iter_jsonl_parts),
]


class Facts:
    """A ruleset with its agencies, filings and events, evaluated afresh for each writer."""

    def __init__(
        self,
        rules: Any,
        agencies: Any,
        filings: Iterable[Filing],
        events: Iterable[Event],
        on: dt.date,
    ) -> None:
        self.evaluator = Evaluator(rules, agencies, tuple(filings), events=tuple(events))
        self.on = on
        self.names = {a.id: a.name for a in self.evaluator.registry}

    def kinds(self, walk: str) -> set[int]:
        """The kinds of row of the tables the core gives."""
        self.evaluator.walk = walk
        seen: set[int] = set()
        for part in self.evaluator.iter_on(self.on).parts():
            if isinstance(part, Table):
                seen |= set(np.unique(part.kind).tolist())
        return seen

    def same_bytes(self, walk: str) -> int:
        """Check both writers equal for every option; the number of records."""
        self.evaluator.walk = walk
        count = len(self.evaluator.on(self.on))
        names: Mapping[str, str] | None
        for records, columns in WRITERS:
            for names in (self.names, None):
                for ascii_only in (False, True):
                    want = "".join(
                        records(
                            self.evaluator.iter_on(self.on), ensure_ascii=ascii_only, names=names
                        )
                    )
                    parts = self.evaluator.iter_on(self.on).parts()
                    got = "".join(columns(parts, ensure_ascii=ascii_only, names=names))
                    assert got == want, (records.__name__, names is None, ascii_only)
        return count


@pytest.fixture(scope="module")
def yunnan() -> Facts:
    rules = load(YUNNAN / "rules.zh.xzjd")
    return Facts(
        rules,
        read_agencies(YUNNAN / "agencies.csv"),
        read_filings(YUNNAN / "filings.csv"),
        read_events(YUNNAN / "events.csv"),
        D(2010, 11, 15),
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Facts:
    rules = load(YUNNAN / "rules.zh.xzjd")
    info = generate.generate(rules, tmp_path_factory.mktemp("data"), agencies=300, seed=7)
    return Facts(
        rules,
        read_agencies(info["agencies"]),
        read_filings(info["filings"]),
        read_events(info["events"]),
        info["on"],
    )


def test_yunnan_example(yunnan: Facts) -> None:
    assert {BLANK, DONE, LATE} <= yunnan.kinds("columnar")
    assert yunnan.same_bytes("columnar") > 100


@pytest.mark.parametrize("walk", ["columnar", "walk"])
def test_generated_data(generated: Facts, walk: str) -> None:
    """The bench's generator (300 agencies, a year of filings, events): rows received on time,
    late, waived, with returned filings beside, partly received, and (``walk``) every row
    held as walked."""
    kinds = generated.kinds(walk)
    if walk == "columnar":
        assert {BLANK, DONE, LATE, WAIVED, PARTIAL} <= kinds
        assert any(k & SEVERAL for k in kinds)
    else:
        assert EXPLICIT in kinds
    assert generated.same_bytes(walk) > 3000


PROVISIONAL_RULES = check(
    loads(
        """ruleset "provisional"
effective 2026-10-01
calendar cn
deadlines on rest days move to the next working day

obligation monthly "Monthly report 月报":
  applies to every government
  by the 10th of each month, file report with the same-level supervisory organ
"""
    )
)


def test_provisional_rows() -> None:
    """Periods due in 2027, a year with no State Council notice in the calendar data: done,
    late and open records that end with ``"provisional": true``, beside 2026 ones without."""
    agencies = read_agencies(
        text_source(
            "id,name,kind,level,region,tags\n"
            "km-gov,昆明市人民政府,government,prefecture,云南省/昆明市,\n"
            "km-jc,昆明市监察局,supervisory organ,prefecture,云南省/昆明市,\n"
            "qj-gov,曲靖市人民政府,government,prefecture,云南省/曲靖市,\n"
            "qj-jc,,supervisory organ,prefecture,云南省/曲靖市,\n",
            "agencies.csv",
        )
    )
    filings = read_filings(
        text_source(
            "id,agency,obligation,filed_on,period,recipient,status\n"
            "f1,km-gov,monthly,2026-10-09,2026-10,,accepted\n"
            "f2,km-gov,monthly,2027-01-05,2027-01,,accepted\n"
            "f3,qj-gov,monthly,2027-02-20,2027-02,,accepted\n"
            "f4,qj-gov,monthly,2027-01-02,2027-01,,returned\n"
            "f5,qj-gov,monthly,2027-01-04,2027-01,,accepted\n"
            'f6,km-gov,monthly,2027-02-01,2027-02,,"waived"\n',
            "filings.csv",
        )
    )
    facts = Facts(PROVISIONAL_RULES, agencies, filings, (), D(2027, 3, 20))
    records: list[Status] = list(facts.evaluator.on(facts.on))
    assert {s.provisional for s in records} == {True, False}
    # Period 2027-01 is due by 10 January 2027 (a Sunday: moved to a later working day of
    # the provisional year), 2027-02 by 10 February 2027 or the first working day after the
    # Spring Festival (New Year's Eve is 5 February 2027): km-gov's f2 (5 January) is on
    # time, qj-gov's f5 (4 January, after its returned f4) too, qj-gov's f3 (20 February)
    # after the deadline, and km-gov's 2027-02 is waived by f6.
    provisional = {(s.agency, s.period): s for s in records if s.provisional}
    assert provisional["km-gov", "2027-01"].state is State.DONE
    assert provisional["qj-gov", "2027-01"].filings == ("f4", "f5")
    assert provisional["qj-gov", "2027-02"].state is State.LATE
    assert provisional["km-gov", "2027-02"].state is State.WAIVED
    assert facts.same_bytes("columnar") == len(records)
    assert facts.same_bytes("walk") == len(records)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--state", "late", "--state", "waived"),
        ("--state", "overdue", "--fail-on", "warning"),
        ("--agency", "zt-gov", "--fail-on", "overdue"),
        ("--state", "pending", "--fail-on", "overdue"),
    ],
)
def test_check_command(
    capsys: pytest.CaptureFixture[str], yunnan: Facts, fmt: str, options: tuple[str, ...]
) -> None:
    """``xzjd check`` writes what the record writer writes of the records it shows, and
    fails on what every record says, shown or not."""
    argv = [*CHECK, "--format", fmt, *options]
    status = main(argv)
    out = capsys.readouterr().out
    agency = options[options.index("--agency") + 1] if "--agency" in options else None
    states = {options[i + 1] for i, o in enumerate(options) if o == "--state"}
    fail_on = options[options.index("--fail-on") + 1] if "--fail-on" in options else None
    every = [s for s in facts_records(yunnan) if agency is None or s.agency == agency]
    shown = [s for s in every if not states or s.state.value in states]
    writer = iter_json if fmt == "json" else iter_jsonl
    assert out == "".join(writer(shown, names=yunnan.names))
    failing = {"overdue": {"overdue"}, "warning": {"overdue", "warning"}}.get(fail_on or "", set())
    assert status == (1 if any(s.state.value in failing for s in every) else 0)
    if fmt == "json" and shown:
        assert len(json.loads(out)) == len(shown)


def facts_records(facts: Facts) -> list[Status]:
    facts.evaluator.walk = "columnar"
    return list(facts.evaluator.on(facts.on))


@pytest.mark.parametrize("walk", ["columnar", "walk"])
def test_rows_in_states(generated: Facts, walk: str) -> None:
    """``Table.in_states`` (which ``--state`` and ``--fail-on`` use) says of each row what
    its record's state says, for one state and for several."""
    generated.evaluator.walk = walk
    tables = [p for p in generated.evaluator.iter_on(generated.on).parts() if isinstance(p, Table)]
    assert tables
    for wanted in [{s} for s in State] + [{State.OVERDUE, State.WARNING}, set()]:
        for table in tables:
            got = table.in_states(wanted).tolist()
            assert got == [s.state in wanted for s in table]

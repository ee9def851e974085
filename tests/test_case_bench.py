# SPDX-License-Identifier: MIT
"""The case benchmark's generator and day-walking baseline (bench/case_data.py,
bench/case_baseline.py), on small inputs. No timing here: ``python -m bench.cases`` measures.

Dates worked by hand from the 2025 notice (国办发明电〔2024〕12号): Labour Day rest
05-01..05-05, Sunday 04-27 worked; Dragon Boat rest 05-31..06-02.
"""

from __future__ import annotations

import collections
import datetime as dt
import io

from bench import case_baseline as bl
from bench import case_data as cd
from bench import cases as bc

from xzjd.engine.cases import evaluate_cases
from xzjd.facts.cases import Case, CaseRow

D = dt.date.fromisoformat
RULES = cd.ruleset()
SPECS = bc.specs(RULES)


def test_generator_is_deterministic_and_in_date_order() -> None:
    a = list(cd.iter_rows(500, seed=3))
    assert a == list(cd.iter_rows(500, seed=3))
    assert a != list(cd.iter_rows(500, seed=4))
    by_case: dict[str, list[dt.date]] = collections.defaultdict(list)
    for cid, *_, day, _ in a:
        by_case[cid].append(day)
    assert all(days == sorted(days) for days in by_case.values())
    ids = [r[0] for r in a]
    assert ids == sorted(ids)  # a case's rows together
    out = io.StringIO()
    assert cd.write_csv(out, 500, seed=3) == len(a)
    assert out.getvalue().splitlines()[0] == ",".join(cd.FIELDS)


def test_the_mix() -> None:
    rows = list(cd.iter_rows(20_000, seed=1))
    cases = {r[0] for r in rows}
    events = collections.Counter(r[3] for r in rows)
    assert len(cases) == 20_000
    assert 0.02 < events["暂停"] / 20_000 < 0.05  # 3.5% listed + 0.25% unlisted
    assert 0.005 < events["延长"] / 20_000 < 0.02
    assert 0.003 < events["撤回"] / 20_000 < 0.008
    assert 2.8 < len(rows) / 20_000 < 4.0


def _case(*rows: tuple[str, ...]) -> Case:
    return Case(
        id="c",
        agency="a",
        obligation="licence",
        rows=[
            CaseRow(
                case="c",
                agency="a",
                obligation="licence",
                event=r[0],
                date=D(r[1]),
                note=r[2] if len(r) > 2 else None,
            )
            for r in rows
        ],
    )


def test_baseline_by_hand() -> None:
    # Accepted Fri 04-25; expert review 05-06..05-09 (4 working days not counted); due
    # 05-27 + 4 working days = 06-03 (28, 29, 30, 06-03); on 06-03 used: 04-27..30 (4),
    # 05-12..16 (9), 19..23 (14), 26..30 (19), 06-03 (20). 受理 (5 working days): 27, 28,
    # 29, 30, 05-06 would be 5 but 05-06 is paused: 05-12 -> due 05-12.
    c = _case(
        ("受理申请", "2025-04-25"),
        ("暂停", "2025-05-06", "专家评审"),
        ("恢复", "2025-05-09"),
    )
    r = bl.evaluate(c, SPECS["licence"], D("2025-06-03"), bl.Workdays())
    assert r is not None
    assert (r.due, r.state, r.used) == (D("2025-06-03"), "warning", 20)
    # Yellow from one working day before 06-03: Fri 05-30 (05-31..06-02 are rest days).
    assert (r.yellow_on, r.red_on) == (D("2025-05-30"), None)
    assert r.stages == []  # no row ends a stage: no stage records (docs/cases.md)
    # With 受理 done on 05-13: counted from 04-25 over 27, 28, 29, 30, (05-06..09 paused)
    # 05-12 -> due 05-12, so late; 审查 then runs from 05-13 for 10 working days: 14, 15, 16,
    # 19, 20, 21, 22, 23, 26, 27 -> due 05-27, overdue on 06-03.
    c = _case(
        ("受理申请", "2025-04-25"),
        ("暂停", "2025-05-06", "专家评审"),
        ("恢复", "2025-05-09"),
        ("受理", "2025-05-13"),
    )
    r = bl.evaluate(c, SPECS["licence"], D("2025-06-03"), bl.Workdays())
    assert r is not None
    assert r.stages == [
        ("受理", D("2025-05-12"), "late"),
        ("审查", D("2025-05-27"), "overdue"),
    ]


def test_baseline_agrees_with_evaluate_cases() -> None:
    cases = list(cd.iter_cases(1_000, seed=11))
    for on in (D("2025-05-06"), cd.ON):
        statuses = evaluate_cases(RULES, cases, on=on)
        for cached in (False, True):
            records = bc.run_baseline(cases, SPECS, on, cached=cached)
            assert bc.disagreements(list(statuses), records) == []

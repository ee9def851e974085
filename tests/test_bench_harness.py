# SPDX-License-Identifier: MIT
"""The benchmark harness of ``python -m bench``: interleaving, floors, record digests, data
reuse, and a run end to end at a tiny size. No timing is checked: speed lives in the bench.

The floors' cases below are worked by hand: a period is done when it was satisfied on or
before its deadline, late when after it; unsatisfied, it is overdue once the evaluation date
is past the deadline (not on the deadline itself), pending before. The evaluation date is
2011-01-20.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest
from bench import floors, generate, measure, run

D = dt.date
ON = D(2011, 1, 20)


class Rec(NamedTuple):
    """The fields of a record the floors and the digest read."""

    agency: str
    obligation: str
    period: str
    due: dt.date
    state: str
    satisfied_on: dt.date | None = None
    opens: dt.date = D(2010, 1, 22)
    nominal_due: dt.date = D(2010, 12, 31)
    days_overdue: int | None = None
    step: str | None = None
    recipients: tuple[str, ...] = ()
    filings: tuple[str, ...] = ()
    source: str | None = None


RECORDS = [
    # Satisfied on its deadline: done.
    Rec("a", "report", "2010-B6", D(2011, 1, 4), "done", D(2011, 1, 4)),
    # Satisfied the day after its deadline (Fri 31 Dec 2010): late.
    Rec("a", "summary", "2010-H2", D(2010, 12, 31), "late", D(2011, 1, 1)),
    # Nothing, deadline 4 Jan before 20 Jan: overdue.
    Rec("b", "report", "2010-B6", D(2011, 1, 4), "overdue"),
    # Nothing, deadline on the evaluation date itself: not yet overdue (the evaluator warns).
    Rec("b", "meeting", "E1", ON, "warning"),
    # Nothing, deadline 28 Feb after 20 Jan: pending.
    Rec("b", "report", "2011-B1", D(2011, 2, 28), "pending"),
    # Waived: the floors do not know waivers; left undecided.
    Rec("c", "report", "2010-B6", D(2011, 1, 4), "waived"),
]


class TestFloors:
    def test_codes_worked_by_hand(self) -> None:
        inputs = floors.prepare(RECORDS, ON)
        expected = [
            floors.DONE,
            floors.LATE,
            floors.OVERDUE,
            floors.PENDING,
            floors.PENDING,
            floors.OVERDUE,  # the waived period counts as unsatisfied and past due
        ]
        assert floors.dict_floor(inputs) == expected
        assert floors.numpy_floor(inputs).tolist() == expected
        agree = floors.agreement(inputs, floors.dict_floor(inputs), floors.numpy_floor(inputs))
        assert (agree["equal"], agree["undecided"], agree["disagree"]) == (True, 1, 0)

    def test_inputs_are_aligned(self) -> None:
        inputs = floors.prepare(RECORDS, ON)
        assert inputs.on == ON.toordinal()
        assert inputs.due.tolist() == [r.due.toordinal() for r in RECORDS]
        assert inputs.filed.tolist() == [
            D(2011, 1, 4).toordinal(),
            D(2011, 1, 1).toordinal(),
            *[floors.MISSING] * 4,
        ]
        assert inputs.satisfied == {
            ("a", "report", "2010-B6"): D(2011, 1, 4).toordinal(),
            ("a", "summary", "2010-H2"): D(2011, 1, 1).toordinal(),
        }

    def test_a_wrong_state_is_caught(self) -> None:
        """An evaluator that called the overdue period done disagrees with the floors."""
        wrong = [*RECORDS]
        wrong[2] = wrong[2]._replace(state="done")
        inputs = floors.prepare(wrong, ON)
        agree = floors.agreement(inputs, floors.dict_floor(inputs), floors.numpy_floor(inputs))
        assert (agree["equal"], agree["disagree"]) == (False, 1)
        assert agree["first"] == [
            {"state": ["b", "report", "2010-B6", 734141], "evaluator": "done", "floor": "overdue"}
        ]
        assert D(2011, 1, 4).toordinal() == 734141

    def test_floors_that_differ_are_caught(self) -> None:
        inputs = floors.prepare(RECORDS, ON)
        codes = floors.numpy_floor(inputs).copy()
        codes[0] = floors.LATE
        agree = floors.agreement(inputs, floors.dict_floor(inputs), codes)
        assert (agree["floors_equal"], agree["equal"]) == (False, False)


class TestMeasure:
    def test_order_alternates_direction(self) -> None:
        assert measure.order({"A": 3, "B": 3}) == ["A", "B", "B", "A", "A", "B"]
        # B has one run: it runs in the first round only, A in every round.
        assert measure.order({"A": 3, "B": 1}) == ["A", "B", "A", "A"]
        assert measure.order({"A": 2, "B": 2, "C": 1}) == ["A", "B", "C", "B", "A"]

    def test_interleave_keeps_every_run_and_shows_results(self) -> None:
        calls: list[str] = []
        seen: list[tuple[str, int, Any]] = []
        series = measure.interleave(
            {"A": lambda: calls.append("A") or 1, "B": lambda: calls.append("B") or 2},
            {"A": 2, "B": 2},
            lambda name, k, value: seen.append((name, k, value)),
        )
        assert calls == ["A", "B", "B", "A"]
        assert seen == [("A", 0, 1), ("B", 0, 2), ("B", 1, 2), ("A", 1, 1)]
        assert len(series["A"].cpu) == len(series["A"].wall) == 2
        r = measure.ratio(series["A"], series["B"])
        assert r["cpu"] == pytest.approx(series["A"].cpu_s / series["B"].cpu_s)

    def test_digest_is_of_the_multiset(self) -> None:
        n, h = measure.digest(RECORDS)
        assert n == len(RECORDS)
        assert measure.digest(reversed(RECORDS)) == (n, h)
        changed = [RECORDS[0]._replace(step="urge"), *RECORDS[1:]]
        assert measure.digest(changed) != (n, h)
        assert measure.digest(RECORDS[:-1])[0] == n - 1


def test_generated_data_is_reused(tmp_path: Path) -> None:
    """The second call finds the files of the first and leaves them as they are; other
    arguments generate again."""
    first = generate.cached(run.DEFAULT_RULES, tmp_path, 40, seed=3)
    assert first["reused"] is False and first["counts"]["agencies"] == 40
    mtime = first["filings"].stat().st_mtime_ns
    second = generate.cached(run.DEFAULT_RULES, tmp_path, 40, seed=3)
    assert second["reused"] is True
    assert (second["on"], second["counts"]) == (first["on"], first["counts"])
    assert second["filings"].stat().st_mtime_ns == mtime
    assert generate.cached(run.DEFAULT_RULES, tmp_path, 40, seed=4)["reused"] is False


@pytest.mark.slow  # generates data, runs evaluators and a few processes: ~15 s
def test_harness_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A tiny run of every per-size part: every contender ran, the ratios are those of the
    medians, the equality checks ran and held, the check compared two trees' output."""
    code = run.main(
        [
            "--agencies",
            "60",
            "--runs",
            "2",
            "--baseline-runs",
            "1",
            "--process-runs",
            "1",
            "--check-rounds",
            "1",
            "--base",
            "HEAD",
            "--parts",
            "evaluate,read,process,check",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    [tier] = report["tiers"]
    assert tier["agencies"] == 60 and tier["counts"]["agencies"] == 60
    series, figures, checks = tier["series"], tier["figures"], tier["checks"]
    runs = {name: len(series[name]["cpu_runs"]) for name in series if "cpu_runs" in series[name]}
    assert runs == {
        "evaluate": 2,
        "evaluate+records": 2,
        "dict floor": 2,
        "numpy floor": 2,
        "baseline": 1,
        "read": 2,
        "baseline read": 2,
    }
    for key, a, b in (
        ("evaluate.vs_baseline", "baseline", "evaluate"),
        ("evaluate.vs_dict_floor", "evaluate", "dict floor"),
        ("evaluate.vs_numpy_floor", "evaluate", "numpy floor"),
        ("read.vs_baseline", "baseline read", "read"),
    ):
        for kind in ("cpu", "wall"):
            ratio = series[a][f"{kind}_s"] / series[b][f"{kind}_s"]
            assert figures[f"{key}.{kind}"]["value"] == pytest.approx(ratio)
    states = figures["evaluate.cpu_s"]["states"]
    assert states > 60
    assert checks["baseline"] == {"equal": True, "states": states, "baseline": states}
    assert checks["floors"]["equal"] is True and checks["floors"]["states"] == states
    assert checks["check"]["same_output"] is True and checks["check"]["bytes"] > 0
    assert figures["check.speedup.cpu"]["value"] > 0
    assert figures["process.peak_bytes"]["value"] >= figures["process.read_peak_bytes"]["value"]
    # No targets at this size: none is claimed met or missed.
    assert not any("target" in f for f in figures.values())
    out = capsys.readouterr().out
    assert "evaluator and baseline agree on all" in out
    assert run.COLLECTOR in out and run.FLOORS in out
    assert (tmp_path / "data-60" / "meta.json").is_file()


def test_targets_are_judged_at_their_size() -> None:
    """The 1,000,000 states/s target applies at 10,000 agencies, the 2 GB one at 300,000."""
    low = run._with_target(10_000, "evaluate.cpu_states_per_s", {"value": 999_999.0})
    high = run._with_target(10_000, "evaluate.cpu_states_per_s", {"value": 1_000_000.0})
    assert (low["met"], high["met"], low["target"]) == (False, True, ">= 1,000,000")
    assert "target" not in run._with_target(100_000, "evaluate.cpu_states_per_s", {"value": 1.0})
    peak = run._with_target(300_000, "process.peak_bytes", {"value": 2.0 * 2**30})
    assert (peak["met"], peak["target"]) == (False, "< 2 GiB")


def test_numpy_floor_dtype() -> None:
    """The numpy floor returns one small code per state, as the dict floor's list does."""
    codes = floors.numpy_floor(floors.prepare(RECORDS, ON))
    assert codes.dtype == np.int8 and codes.shape == (len(RECORDS),)

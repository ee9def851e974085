# SPDX-License-Identifier: MIT
"""The evaluation cut by region (xzjd.engine.partition): every agency in one partition, and
the partitions' results merged equal, row for row and warning for warning, to one run of
xzjd.evaluate over the same inputs.

No date here is worked out by the test: each run is compared with xzjd.evaluate, whose dates
the other tests check by hand. The small registry (tests/partition_inputs.py) is built so that
what could go wrong across partitions happens.
"""

from __future__ import annotations

import collections
import datetime as dt
import pickle
from pathlib import Path

import pytest

import xzjd
from partition_inputs import FILINGS, GENERATED_ON, generated_inputs, small_inputs
from xzjd.engine.partition import (
    Partition,
    check_inputs,
    evaluate_partition,
    evaluate_partitioned,
    partitions,
)
from xzjd.engine.records import ProvisionalYearError, Statuses
from xzjd.errors import InputError
from xzjd.language import load_rulesets

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
YUNNAN = ROOT / "examples" / "yunnan-2010"
SICHUAN = ROOT / "examples" / "sichuan-ogi"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return small_inputs(tmp_path_factory.mktemp("partition"), checked=True)


def _same(one: Statuses, two: Statuses) -> None:
    assert len(two) == len(one)
    assert list(two) == list(one)
    assert two.warnings == one.warnings


def _both(inputs: dict[str, object], on: dt.date, depth: int) -> tuple[Statuses, Statuses]:
    args = (inputs["rules"], inputs["agencies"], inputs["filings"])
    one = xzjd.evaluate(*args, on=on, events=inputs["events"])  # type: ignore[arg-type]
    two = evaluate_partitioned(*args, on=on, events=inputs["events"], depth=depth)  # type: ignore[arg-type]
    return one, two


class TestCutting:
    def test_every_agency_is_reported_by_one_partition(self, small: dict[str, object]) -> None:
        registry = small["agencies"]
        assert isinstance(registry, xzjd.Registry)
        cut = partitions(small["rules"], registry, small["filings"], small["events"])  # type: ignore[arg-type]
        reported = [a.id for p in cut for a in p.agencies]
        assert sorted(reported) == sorted(a.id for a in registry)
        assert len(reported) == len(set(reported))
        assert [p.key for p in cut] == [("省",), ("省", "乙市"), ("省", "甲市")]

    def test_a_partition_holds_what_its_recipients_need(self, small: dict[str, object]) -> None:
        cut = partitions(small["rules"], small["agencies"], small["filings"], small["events"])  # type: ignore[arg-type]
        by_key = {p.key: p for p in cut}
        yi = by_key[("省", "乙市")]
        # 乙市's agencies report upward to the province; p-tj is named by the rules.
        assert {a.id for a in yi.context} == {"p-gov", "p-jc", "p-tj"}
        assert {a.id for a in yi.agencies} == {"b-gov", "b-jc", "c2-gov", "c2-jc", "c2-tj"}
        assert [f.id for f in yi.filings] == ["F04", "F10", "F11", "F14"]
        assert yi.positions == (3, 9, 10, 13)  # 0-based rows of those filings
        # c1-tj (甲市) filed to b-jc (乙市): b-jc is in 甲市's context.
        jia = by_key[("省", "甲市")]
        assert {a.id for a in jia.context} == {"p-gov", "p-jc", "p-tj", "b-jc"}
        assert [e.id for e in yi.events] == ["E4", "E3"]
        # The province's agencies have no parent region here; p-tj is their own.
        assert by_key[("省",)].context == ()

    def test_depth_zero_is_one_partition(self, small: dict[str, object]) -> None:
        cut = partitions(small["rules"], small["agencies"], depth=0)  # type: ignore[arg-type]
        assert [p.key for p in cut] == [()]
        assert len(cut.parts[0].agencies) == 19

    def test_a_negative_depth_is_refused(self, small: dict[str, object]) -> None:
        with pytest.raises(ValueError, match="depth"):
            partitions(small["rules"], small["agencies"], depth=-1)  # type: ignore[arg-type]

    def test_partitions_and_results_pickle(self, small: dict[str, object]) -> None:
        cut = partitions(small["rules"], small["agencies"], small["filings"], small["events"])  # type: ignore[arg-type]
        for part in cut:
            again: Partition = pickle.loads(pickle.dumps(part))
            assert again == part
            result = evaluate_partition(small["rules"], again, on=D(2025, 3, 20))  # type: ignore[arg-type]
            assert pickle.loads(pickle.dumps(result)) == result


class TestEqualToOneRun:
    @pytest.mark.parametrize("depth", [0, 1, 2, 3, 4])
    @pytest.mark.parametrize("on", [D(2025, 3, 20), D(2026, 2, 10)])
    def test_small_registry(self, small: dict[str, object], on: dt.date, depth: int) -> None:
        one, two = _both(small, on, depth)
        _same(one, two)
        codes = collections.Counter(w.code for w in one.warnings)
        # What the registry was built to give (see the module doc).
        assert codes["recipient/missing"] >= 3
        # F03 and F04, F11 (not owed), F05 (not a recipient of c1-tj's report).
        assert codes["filing/no-period"] == 4
        assert codes["bearer/unknown-agency"] == 1
        assert codes["event/unused"] == 1
        assert codes["input/after-on"] >= 1

    def test_warnings_of_partitions_interleave(self, small: dict[str, object]) -> None:
        one, two = _both(small, D(2025, 3, 20), 2)
        missing = [w.span.line for w in two.warnings if w.code == "recipient/missing" and w.span]
        # Agencies file lines: c1-cz is line 13, c2-tj 16, c3-cz 20: 甲市, 乙市, 甲市.
        assert [line for line in missing if line >= 13] == [13, 16, 20]
        # Filings of an obligation not owed: by first filing, a-gov (甲市, F03) before
        # c2-gov (乙市, F04 and F11), though 乙市's partition comes first.
        stray = [w.message.split()[1] for w in two.warnings if "does not owe" in w.message]
        assert stray == ["F03", "F04", "F11"]
        _same(one, two)

    def test_provisional_years(self, small: dict[str, object]) -> None:
        # 2027 has no State Council notice in the calendar data: provisional.
        one, two = _both(small, D(2027, 2, 10), 2)
        assert one.warnings[-1].code == "calendar/provisional"
        _same(one, two)

    def test_strict_run_withholds_the_same_records(self, small: dict[str, object]) -> None:
        args = (small["rules"], small["agencies"], small["filings"])
        on = D(2027, 2, 10)
        with pytest.raises(ProvisionalYearError) as single:
            xzjd.evaluate(*args, on=on, events=small["events"], provisional=False)  # type: ignore[arg-type]
        with pytest.raises(ProvisionalYearError) as cut:
            evaluate_partitioned(*args, on=on, events=small["events"], provisional=False)  # type: ignore[arg-type]
        assert cut.value.withheld == single.value.withheld
        assert cut.value.diagnostics == single.value.diagnostics
        assert str(cut.value) == str(single.value)
        _same(single.value.statuses, cut.value.statuses)

    @pytest.mark.parametrize("depth", [1, 2])
    def test_yunnan_example(self, depth: int) -> None:
        rules = xzjd.check(xzjd.load(YUNNAN / "rules.zh.xzjd"))
        inputs = {
            "rules": rules,
            "agencies": xzjd.read_agencies(YUNNAN / "agencies.csv", kinds=rules.ruleset.kinds),
            "filings": xzjd.read_filings(YUNNAN / "filings.csv"),
            "events": xzjd.read_events(YUNNAN / "events.csv"),
        }
        for on in (D(2010, 11, 15), D(2011, 3, 1)):
            one, two = _both(inputs, on, depth)
            assert len(one) > 800
            _same(one, two)

    def test_generated_registry(self, tmp_path: Path) -> None:
        inputs = generated_inputs(tmp_path, seed=11)
        one, two = _both(inputs, GENERATED_ON, 2)
        assert len(one) > 10_000
        _same(one, two)
        cut = partitions(inputs["rules"], inputs["agencies"], inputs["filings"], inputs["events"])  # type: ignore[arg-type]
        assert len(cut) >= 4  # the province, and prefectures with their counties

    def test_several_rulesets_same_rows_same_warnings(self) -> None:
        rules = load_rulesets(sorted((SICHUAN / "rules").glob("*.xzjd")))
        kinds = [k for c in rules for k in c.ruleset.kinds]
        inputs = {
            "rules": rules,
            "agencies": xzjd.read_agencies(SICHUAN / "agencies.csv", kinds=kinds),
            "filings": xzjd.read_filings(SICHUAN / "filings.csv"),
            "events": xzjd.read_events(SICHUAN / "events.csv"),
        }
        for on in (D(2025, 4, 15), D(2025, 12, 31)):
            one, two = _both(inputs, on, 2)
            assert list(two) == list(one)
            # Several rulesets: the same warnings; their order may differ (docs/scaling.md).
            assert collections.Counter(two.warnings) == collections.Counter(one.warnings)


class TestBadInput:
    def test_an_unknown_agency_is_the_single_runs_error(self, small: dict[str, object]) -> None:
        root = small["root"]
        assert isinstance(root, Path)
        bad = root / "bad-agency.csv"
        bad.write_text(
            FILINGS + "F15,c1-tjj,monthly,2025-02-05,,,\nF16,c2-tj,monthy,2025-02-05,,,\n",
            encoding="utf-8",
        )
        filings = xzjd.read_filings(bad)
        args = (small["rules"], small["agencies"], filings)
        events = small["events"]
        with pytest.raises(InputError) as single:
            xzjd.evaluate(*args, on=D(2025, 3, 20), events=events)  # type: ignore[arg-type]
        with pytest.raises(InputError) as cut:
            evaluate_partitioned(*args, on=D(2025, 3, 20), events=events)  # type: ignore[arg-type]
        assert cut.value.diagnostics == single.value.diagnostics
        assert len(single.value.diagnostics) == 2  # the agency, and the obligation after it

    def test_an_error_met_in_a_partition_is_the_single_runs(self, small: dict[str, object]) -> None:
        root = small["root"]
        assert isinstance(root, Path)
        bad = root / "bad-obligation.csv"
        # Two partitions meet a problem each: the error names both, in file order.
        bad.write_text(
            FILINGS + "F15,c2-tj,monthy,2025-02-05,,,\nF16,c1-tj,monthly,2025-02-05,2025-13,,\n",
            encoding="utf-8",
        )
        filings = xzjd.read_filings(bad)
        args = (small["rules"], small["agencies"], filings)
        events = small["events"]
        with pytest.raises(InputError) as single:
            xzjd.evaluate(*args, on=D(2025, 3, 20), events=events)  # type: ignore[arg-type]
        with pytest.raises(InputError) as cut:
            evaluate_partitioned(*args, on=D(2025, 3, 20), events=events)  # type: ignore[arg-type]
        assert [d.code for d in single.value.diagnostics] == [
            "input/unknown-obligation",
            "input/bad-period",
        ]
        assert cut.value.diagnostics == single.value.diagnostics
        with pytest.raises(InputError):
            check_inputs(small["rules"], small["agencies"], filings, events)  # type: ignore[arg-type]

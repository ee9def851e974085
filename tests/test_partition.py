# SPDX-License-Identifier: MIT
"""The evaluation cut by region (xzjd.engine.partition): every agency in one partition, and
the partitions' results merged equal, row for row and warning for warning, to one run of
xzjd.evaluate over the same inputs.

No date here is worked out by the test: each run is compared with xzjd.evaluate, whose dates
the other tests check by hand. The small registry below is built so that what could go wrong
across partitions happens: recipients one level up sit in another partition (the upper-level
government, supervisory organ and counterpart of a prefecture's agencies are provincial), a
filing goes to an agency of another partition, a rule names an agency by id, counterparts and
upper-level organs are missing, an agency files for an obligation it does not owe, records
are dated after the evaluation date, and the ids interleave the partitions (c1 and c3 are
counties of 甲市, c2 of 乙市) so that the warnings of one partition fall between those of
another.
"""

from __future__ import annotations

import collections
import datetime as dt
import pickle
from pathlib import Path

import pytest
from bench import generate

import xzjd
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

RULES = """\
ruleset "分区测试"
effective 2025-01-01

obligation monthly "统计月报":
  applies to every county department
  by the 5th of each month, file 统计月报 with the upper-level counterpart

obligation annual "年度报告":
  applies to every government
  by January 31 each year, file 年度报告 with the upper-level government and \
the same-level supervisory organ

obligation named "专报":
  applies to every prefecture supervisory organ
  by the 5th of each month, file 专报 with p-tj

obligation finding "整改报告":
  applies to every county supervisory organ
  within 30 days after finding, file 整改报告 with the upper-level supervisory organ

obligation one "个案":
  applies to c1-gov
  by January 31 each year, file 个案 with the same-level supervisory organ

obligation ghost "无主":
  applies to c9-gov
  by January 31 each year, file 无主 with the same-level supervisory organ
"""

AGENCIES = """\
id,name,kind,level,region,tags,system
p-gov,省政府,government,provincial,省,,
p-jc,省监察厅,supervisory organ,provincial,省,,
p-tj,省统计局,department,provincial,省,,统计
a-gov,甲市政府,government,prefecture,省/甲市,,
a-jc,甲市监察局,supervisory organ,prefecture,省/甲市,,
a-tj,甲市统计局,department,prefecture,省/甲市,,统计
b-gov,乙市政府,government,prefecture,省/乙市,,
b-jc,乙市监察局,supervisory organ,prefecture,省/乙市,,
c1-gov,一县政府,government,county,省/甲市/一县,,
c1-jc,一县监察局,supervisory organ,county,省/甲市/一县,,
c1-tj,一县统计局,department,county,省/甲市/一县,,统计
c1-cz,一县财政局,department,county,省/甲市/一县,,财政
c2-gov,二县政府,government,county,省/乙市/二县,,
c2-jc,二县监察局,supervisory organ,county,省/乙市/二县,,
c2-tj,二县统计局,department,county,省/乙市/二县,,统计
c3-gov,三县政府,government,county,省/甲市/三县,,
c3-jc,三县监察局,supervisory organ,county,省/甲市/三县,,
c3-tj,三县统计局,department,county,省/甲市/三县,,统计
c3-cz,三县财政局,department,county,省/甲市/三县,,财政
"""

FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
F01,c1-gov,annual,2025-01-20,,a-gov,
F02,c1-gov,one,2025-01-25,,,
F03,a-gov,monthly,2025-02-01,,,
F04,c2-gov,monthly,2025-02-02,,,
F05,c1-tj,monthly,2025-02-03,,b-jc,
F06,a-jc,named,2025-02-04,,p-tj,
F07,c1-tj,monthly,2025-02-05,,a-tj,
F08,c3-jc,finding,2025-03-01,E2,a-jc,
F09,c1-tj,monthly,2025-03-04,,,returned
F10,b-jc,named,2025-03-10,2025-02,,
F11,c2-gov,monthly,2025-03-11,,,
F12,c3-tj,monthly,2025-12-01,,,
F13,c3-gov,annual,2026-01-09,,,
F14,c2-tj,monthly,2027-02-03,,,
"""

EVENTS = """\
id,agency,event,date
E4,c2-gov,inspection,2025-01-10
E1,c1-jc,finding,2025-02-10
E2,c3-jc,finding,2025-02-20
E3,c2-jc,finding,2025-12-01
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("partition")
    for name, text in (
        ("rules.xzjd", RULES),
        ("agencies.csv", AGENCIES),
        ("filings.csv", FILINGS),
        ("events.csv", EVENTS),
    ):
        (root / name).write_text(text, encoding="utf-8")
    rules = xzjd.check(xzjd.load(root / "rules.xzjd"))
    return {
        "rules": rules,
        "agencies": xzjd.read_agencies(root / "agencies.csv"),
        "filings": xzjd.read_filings(root / "filings.csv"),
        "events": xzjd.read_events(root / "events.csv"),
        "root": root,
    }


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
        # A province of the benchmark's generator: its provincial agencies and the first
        # prefectures, with a year of filings (late, returned, waived, missing) and events.
        ruleset = xzjd.load(YUNNAN / "rules.zh.xzjd")
        on = D(2011, 1, 20)
        info = generate.generate(ruleset, tmp_path, agencies=1000, seed=11, on=on)
        rules = xzjd.check(ruleset)
        inputs = {
            "rules": rules,
            "agencies": xzjd.read_agencies(info["agencies"], kinds=ruleset.kinds),
            "filings": xzjd.read_filings(info["filings"]),
            "events": xzjd.read_events(info["events"]),
        }
        one, two = _both(inputs, on, 2)
        assert len(one) > 10_000
        _same(one, two)
        cut = partitions(rules, inputs["agencies"], inputs["filings"], inputs["events"])  # type: ignore[arg-type]
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

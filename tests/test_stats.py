# SPDX-License-Identifier: MIT
"""``xzjd stats`` and :func:`xzjd.engine.judgement.stats`: every figure on a small hand-made case,
the JSON against docs/stats.schema.json, and the Yunnan 2010 example recomputed from the rows
of ``xzjd check --format json``.

The dates of the hand-made case are worked out from the 2010 holiday notice
(国办发明电〔2009〕27号): rest 2-13..2-19, 4-3..4-5, 5-1..5-3, 6-14..6-16; make-up working
days 2-20, 2-21, 6-12, 6-13; weekends otherwise rest. 2010-01-01 was a Friday.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import xzjd
from xzjd.cli import main
from xzjd.engine.judgement import stats
from xzjd.engine.stats import StatsTable, intervals

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
YUNNAN = ROOT / "examples" / "yunnan-2010"

# One duty, monthly, owed by governments to the supervisory organ of their region.
# Deadlines (the last day of the month, moved off rest days to the next working day):
#   2010-02 period: Sun 02-28 -> Mon 03-01      2010-03 period: Wed 03-31
#   2010-04 period: Fri 04-30                  2010-05 period: Mon 05-31
#   2010-06 period: Wed 06-30                  (2010-01: Sun 01-31 -> Mon 02-01, before --from)
# First warning day, 5 working days before the deadline:
#   03-01 -> 02-22 (02-26, 25, 24, 23, 22)     03-31 -> 03-24 (03-30, 29, 26, 25, 24)
#   04-30 -> 04-23 (04-29, 28, 27, 26, 23)     05-31 -> 05-24 (05-28, 27, 26, 25, 24)
#   06-30 -> 06-23 (06-29, 28, 25, 24, 23)
RULES = """\
ruleset "Statistics test"
effective 2010-01-01
calendar cn
deadlines on rest days move to the next working day

escalation standard:
  warn 5 working days before the deadline
  urge 1 day after the deadline
  notify 15 days after the deadline
  hold accountable 30 days after the deadline

rating quarterly: excellent at least 98% on time; good at least 50%; otherwise poor

obligation monthly "Monthly report":
  applies to every government
  by the end of each month, file monthly report with the same-level supervisory organ
  escalation standard
"""

AGENCIES = """\
id,name,kind,level,region,tags
g1,G1,government,prefecture,P/A,
g4,G4,government,prefecture,P/A,
jc-a,JC A,supervisory organ,prefecture,P/A,
g2,G2,government,prefecture,P/B,
jc-b,JC B,supervisory organ,prefecture,P/B,
g3,G3,government,county,P/B/Y,
jc-y,JC Y,supervisory organ,county,P/B/Y,
g5,G5,government,provincial,P,
jc-p,JC P,supervisory organ,provincial,P,
"""

FILINGS = """\
id,agency,obligation,filed_on,period,recipient,status
f1,g1,monthly,2010-02-26,2010-02,,
f2,g1,monthly,2010-04-03,2010-03,,
f3,g1,monthly,2010-05-10,2010-04,,
f4,g1,monthly,2010-06-01,2010-05,,
f5,g1,monthly,2010-06-30,2010-06,,
f6,g4,monthly,2010-02-26,2010-02,,
f7,g4,monthly,2010-04-03,2010-03,,
f8,g4,monthly,2010-05-10,2010-04,,
f9,g4,monthly,2010-06-01,2010-05,,
f10,g4,monthly,2010-06-30,2010-06,,
f11,g2,monthly,2010-02-10,2010-02,,waived
f12,g2,monthly,2010-03-25,2010-03,,
f13,g2,monthly,2010-04-01,2010-04,,
f14,g2,monthly,2010-05-20,2010-05,,
f15,g2,monthly,2010-06-21,2010-06,,
f16,g5,monthly,2010-03-10,2010-02,,
f17,g5,monthly,2010-04-28,2010-04,,
f18,g5,monthly,2010-05-28,2010-05,,
f19,g5,monthly,2010-06-28,2010-06,,
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rules.xzjd").write_text(RULES, encoding="utf-8")
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "filings.csv").write_text(FILINGS, encoding="utf-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    return tmp_path


def hand_stats(work: Path, by: str = "agency", every: str = "quarter") -> StatsTable:
    return stats(
        xzjd.load(str(work / "rules.xzjd")),
        xzjd.read_agencies(str(work / "agencies.csv")),
        xzjd.read_filings(str(work / "filings.csv")),
        start=D(2010, 3, 1),
        end=D(2010, 6, 30),
        by=by,
        every=every,
    )


def rows_of(table: Any, interval: str) -> dict[str, dict[str, Any]]:
    return {r.group: r.to_json() for r in table if r.interval == interval}


class TestIntervals:
    def test_quarters_clipped_to_the_dates(self) -> None:
        found = intervals(D(2010, 3, 1), D(2010, 12, 31), "quarter")
        assert [(i.label, i.first, i.last) for i in found] == [
            ("2010-Q1", D(2010, 3, 1), D(2010, 3, 31)),
            ("2010-Q2", D(2010, 4, 1), D(2010, 6, 30)),
            ("2010-Q3", D(2010, 7, 1), D(2010, 9, 30)),
            ("2010-Q4", D(2010, 10, 1), D(2010, 12, 31)),
        ]

    def test_months_across_a_year_end_and_one_year(self) -> None:
        months = intervals(D(2010, 11, 15), D(2011, 2, 3), "month")
        assert [(i.label, i.first, i.last) for i in months] == [
            ("2010-11", D(2010, 11, 15), D(2010, 11, 30)),
            ("2010-12", D(2010, 12, 1), D(2010, 12, 31)),
            ("2011-01", D(2011, 1, 1), D(2011, 1, 31)),
            ("2011-02", D(2011, 2, 1), D(2011, 2, 3)),
        ]
        years = intervals(D(9999, 3, 5), D(9999, 12, 31), "year")
        assert [(i.label, i.first, i.last) for i in years] == [
            ("9999", D(9999, 3, 5), D(9999, 12, 31))
        ]


class TestFigures:
    """Judged on 2010-06-30, from 2010-03-01: Q1 holds the periods due 03-01 and 03-31, Q2
    those due 04-30, 05-31 and 06-30. The 2010-01 period (due 02-01) counts nowhere."""

    def test_counts_days_late_and_rates(self, work: Path) -> None:
        q1 = rows_of(hand_stats(work), "2010-Q1")
        # g1: 2010-02 filed 02-26 (on time); 2010-03 filed 04-03, 3 days after 03-31.
        assert q1["g1"]["due"] == 2
        assert (q1["g1"]["on_time"], q1["g1"]["late"], q1["g1"]["overdue"]) == (1, 1, 0)
        assert q1["g1"]["days_late"] == {"mean": 3.0, "median": 3.0, "max": 3}
        assert q1["g1"]["rate"] == 0.5
        # g2: 2010-02 waived (left out of the rate), 2010-03 on time.
        assert (q1["g2"]["due"], q1["g2"]["on_time"], q1["g2"]["waived"]) == (2, 1, 1)
        assert q1["g2"]["rate"] == 1.0
        # g3 files nothing: 2010-02 is 121 days overdue on 06-30, 2010-03 91 days; both past
        # the 30 days of "hold accountable".
        assert (q1["g3"]["due"], q1["g3"]["overdue"], q1["g3"]["on_time"]) == (2, 2, 0)
        assert q1["g3"]["overdue_by_step"] == {"hold accountable": 2}
        assert q1["g3"]["rate"] == 0.0
        assert q1["g3"]["days_late"] == {"mean": None, "median": None, "max": None}
        # g5: 2010-02 filed 03-10, 9 days after 03-01; 2010-03 never filed (91 days).
        assert (q1["g5"]["late"], q1["g5"]["overdue"]) == (1, 1)
        assert q1["g5"]["days_late"]["max"] == 9
        # The supervisory organs owe nothing: listed, with nothing due and no rate.
        assert q1["jc-a"]["due"] == 0 and q1["jc-a"]["rate"] is None
        assert q1["jc-a"]["rank"] is None

    def test_mean_median_max_of_several_late_periods(self, work: Path) -> None:
        q2 = rows_of(hand_stats(work), "2010-Q2")
        # g1: 2010-04 filed 05-10 (10 days after 04-30), 2010-05 filed 06-01 (1 day after
        # 05-31), 2010-06 filed 06-30 (on time): mean (10 + 1) / 2, median of two = mean.
        assert (q2["g1"]["due"], q2["g1"]["on_time"], q2["g1"]["late"]) == (3, 1, 2)
        assert q2["g1"]["days_late"] == {"mean": 5.5, "median": 5.5, "max": 10}
        assert q2["g1"]["rate"] == pytest.approx(1 / 3)

    def test_open_periods_and_the_step_reached(self, work: Path) -> None:
        q2 = rows_of(hand_stats(work), "2010-Q2")
        # g3: 2010-04 is 61 days overdue, 2010-05 30 days (hold accountable reached on the
        # 30th day, 06-30 itself); 2010-06 is due on 06-30, the day judged on: open.
        assert (q2["g3"]["due"], q2["g3"]["overdue"], q2["g3"]["open"]) == (3, 2, 1)
        assert q2["g3"]["overdue_by_step"] == {"hold accountable": 2}
        assert q2["g3"]["rate"] == 0.0

    def test_signals(self, work: Path) -> None:
        table = hand_stats(work)
        q1, q2 = rows_of(table, "2010-Q1"), rows_of(table, "2010-Q2")
        # g1, Q1: 2010-02 filed 02-26, inside its warning (from 02-22): yellow; 2010-03 filed
        # 04-03: yellow (from 03-24) and red (open on 04-01).
        assert (q1["g1"]["yellow"], q1["g1"]["red"]) == (2, 1)
        # g1, Q2: 2010-04 filed 05-10 and 2010-05 filed 06-01 (still open at the start of
        # 06-01, the day after the deadline): yellow and red; 2010-06 filed 06-30: yellow.
        assert (q2["g1"]["yellow"], q2["g1"]["red"]) == (3, 2)
        # g2: the waived 2010-02 raises nothing; 2010-03 filed 03-25, from 03-24: yellow.
        assert (q1["g2"]["yellow"], q1["g2"]["red"]) == (1, 0)
        # g2, Q2: filed 04-01, 05-20, 06-21, each before its warning (04-23, 05-24, 06-23).
        assert (q2["g2"]["yellow"], q2["g2"]["red"]) == (0, 0)
        # g3, Q2: 2010-04 and 2010-05 both signals; 2010-06 yellow from 06-23, not red yet.
        assert (q2["g3"]["yellow"], q2["g3"]["red"]) == (3, 2)
        # g5, Q2: filed 04-28, 05-28, 06-28, each inside its warning, none late.
        assert (q2["g5"]["yellow"], q2["g5"]["red"]) == (3, 0)

    def test_ranks_with_ties(self, work: Path) -> None:
        table = hand_stats(work)
        q1, q2 = rows_of(table, "2010-Q1"), rows_of(table, "2010-Q2")
        # Q1: g2 100%; g1 and g4 50% (equal: both 2nd); g5 and g3 0%, g5 with 1 overdue
        # before g3 with 2. The next rank after a tie skips (1, 2, 2, 4, 5).
        assert {g: q1[g]["rank"] for g in ("g1", "g2", "g3", "g4", "g5")} == {
            "g2": 1,
            "g1": 2,
            "g4": 2,
            "g5": 4,
            "g3": 5,
        }
        # Q2: g2 and g5 100% with no overdue: both 1st; g1 and g4 1/3: 3rd; g3 0%: 5th.
        assert {g: q2[g]["rank"] for g in ("g1", "g2", "g3", "g4", "g5")} == {
            "g2": 1,
            "g5": 1,
            "g1": 3,
            "g4": 3,
            "g3": 5,
        }
        # The quarterly rating: 100% excellent, 50% (g1 and g4 in Q1) good, below it poor;
        # no rate, no grade.
        assert {g: q1[g]["rating"] for g in ("g1", "g2", "g3", "g4", "g5", "jc-a")} == {
            "g2": "excellent",
            "g1": "good",
            "g4": "good",
            "g5": "poor",
            "g3": "poor",
            "jc-a": None,
        }
        # 1/3 in Q2 is below 50%.
        assert (q2["g1"]["rating"], q2["g5"]["rating"]) == ("poor", "excellent")
        # The rows of an interval come in rank order, the unranked last.
        ranks = [r.rank for r in table if r.interval == "2010-Q1"]
        assert ranks == [1, 2, 2, 4, 5, None, None, None, None]

    def test_by_region_rolls_counties_up_and_keeps_the_province(self, work: Path) -> None:
        q1 = rows_of(hand_stats(work, by="region"), "2010-Q1")
        # P/B holds g2 (P/B) and g3 (P/B/Y): 1 on time, 1 waived, 2 overdue; P holds g5.
        assert sorted(q1) == ["P", "P/A", "P/B"]
        assert (q1["P/B"]["due"], q1["P/B"]["on_time"], q1["P/B"]["waived"]) == (4, 1, 1)
        assert q1["P/B"]["overdue"] == 2
        assert q1["P/B"]["rate"] == pytest.approx(1 / 3)
        assert (q1["P"]["due"], q1["P"]["late"], q1["P"]["overdue"]) == (2, 1, 1)

    def test_by_level_kind_obligation_and_every_year(self, work: Path) -> None:
        year = rows_of(hand_stats(work, by="level", every="year"), "2010")
        # county: g3 alone, 5 periods due 03-01..06-30: 4 overdue, 1 open.
        assert (year["county"]["due"], year["county"]["overdue"], year["county"]["open"]) == (
            5,
            4,
            1,
        )
        kinds = rows_of(hand_stats(work, by="kind", every="year"), "2010")
        # governments: 5 agencies x 5 periods; supervisory organs owe nothing.
        assert kinds["government"]["due"] == 25
        assert kinds["supervisory organ"]["due"] == 0
        duties = rows_of(hand_stats(work, by="obligation", every="month"), "2010-03")
        # March holds the deadlines 03-01 and 03-31 of the 5 governments.
        assert duties["monthly"]["due"] == 10
        assert duties["monthly"]["name"] == "Monthly report"

    def test_the_figures_add_up(self, work: Path) -> None:
        for row in hand_stats(work, by="agency", every="month"):
            assert row.rating is None  # the rules rate quarters only
            assert row.due == row.on_time + row.late + row.overdue + row.waived + row.open
            assert sum(row.overdue_by_step.values()) == row.overdue

    def test_bad_arguments(self, work: Path) -> None:
        rules = xzjd.load(str(work / "rules.xzjd"))
        agencies = xzjd.read_agencies(str(work / "agencies.csv"))
        with pytest.raises(ValueError):
            stats(rules, agencies, start=D(2010, 6, 1), end=D(2010, 5, 1))
        with pytest.raises(ValueError):
            stats(rules, agencies, start=D(2010, 3, 1), end=D(2010, 5, 1), by="colour")


# --------------------------------------------------------------------- ratings

RATING_EN = (
    "rating quarterly: 优秀 at least 98% on time; 良好 at least 95%; 合格 at least 90%; "
    "otherwise 不合格\n"
)
RATING_ZH = "评级 每季度：准时率不低于98%为优秀；不低于95%为良好；不低于90%为合格；其余为不合格\n"


class TestRatings:
    def test_english_and_chinese_give_one_model_and_print_back(self) -> None:
        en, zh = xzjd.loads(RATING_EN), xzjd.loads(RATING_ZH)
        assert en.ratings == zh.ratings
        (rating,) = en.ratings
        assert rating.every == "quarter"
        assert [(g.name, g.at_least) for g in rating.grades] == [
            ("优秀", Decimal(98)),
            ("良好", Decimal(95)),
            ("合格", Decimal(90)),
        ]
        assert rating.otherwise == "不合格"
        assert RATING_EN in xzjd.to_text(en, "en")
        assert RATING_ZH in xzjd.to_text(en, "zh")
        for lang in ("en", "zh"):
            assert xzjd.loads(xzjd.to_text(zh, lang)).ratings == en.ratings

    def test_other_intervals_decimals_and_full_width_percent(self) -> None:
        monthly = xzjd.loads("rating monthly: A at least 97.5% on time; otherwise B\n")
        yearly = xzjd.loads("评级 每年：不低于97.5％为A；其余为B\n")
        assert monthly.ratings[0].every == "month" and yearly.ratings[0].every == "year"
        assert monthly.ratings[0].grades == yearly.ratings[0].grades
        assert "rating monthly: A at least 97.5% on time; otherwise B" in xzjd.to_text(monthly)

    def test_grades_are_compared_exactly(self) -> None:
        (rating,) = xzjd.loads(RATING_EN).ratings
        assert rating.grade(49, 50) == "优秀"  # 98% exactly
        assert rating.grade(48, 50) == "良好"  # 96%
        assert rating.grade(19, 20) == "良好"  # 95% exactly
        assert rating.grade(9, 10) == "合格"  # 90% exactly
        assert rating.grade(89, 100) == "不合格"
        assert rating.grade(0, 0) is None
        (half,) = xzjd.loads("rating yearly: A at least 97.5%; otherwise B\n").ratings
        assert half.grade(39, 40) == "A"  # 97.5% exactly
        assert half.grade(194, 199) == "B"  # 97.49%

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("rating quarterly: A at least 90%; B at least 95%; otherwise C\n", "out-of-order"),
            ("rating quarterly: A at least 90%; B at least 90%; otherwise C\n", "out-of-order"),
            ("rating quarterly: A at least 101%; otherwise C\n", "out-of-range"),
            ("评级 每月：不低于100.5%为A；其余为C\n", "out-of-range"),
            (RATING_EN + RATING_ZH, "duplicate"),
        ],
    )
    def test_checks(self, text: str, code: str) -> None:
        with pytest.raises(xzjd.CheckError) as caught:
            xzjd.loads(text)
        assert [d.code for d in caught.value.diagnostics] == [f"rating/{code}"]

    @pytest.mark.parametrize(
        "text",
        [
            "rating quarterly: A at least 90%\n",  # no otherwise
            "rating weekly: A at least 90%; otherwise B\n",
            "rating quarterly: A at least ninety%; otherwise B\n",
            "评级 每季度：不低于90为A；其余为B\n",  # no %
        ],
    )
    def test_syntax_errors_are_positioned(self, text: str) -> None:
        with pytest.raises(xzjd.ParseError) as caught:
            xzjd.loads(text)
        (d,) = caught.value.diagnostics
        assert d.span is not None and d.span.line == 1


# --------------------------------------------------------------------- the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def hand_argv(work: Path, *more: str) -> list[str]:
    return [
        "stats",
        str(work / "rules.xzjd"),
        "--agencies",
        str(work / "agencies.csv"),
        "--filings",
        str(work / "filings.csv"),
        "--from",
        "2010-03-01",
        "--to",
        "2010-06-30",
        *more,
    ]


def check_schema(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str) -> None:
    """A check of *value* against the parts of JSON Schema that docs/stats.schema.json uses
    ($ref, type, enum, required, properties, additionalProperties, items, minimum, maximum,
    pattern, format date); jsonschema is not among the test dependencies."""
    import re

    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        check_schema(value, target, root, where)
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        kinds = {
            "object": dict,
            "array": list,
            "string": str,
            "integer": int,
            "number": (int, float),
            "null": type(None),
        }
        ok = any(
            isinstance(value, kinds[n]) and not (isinstance(value, bool) and n != "boolean")
            for n in names
        )
        assert ok, f"{where}: {value!r} is not {names}"
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            assert key in value, f"{where}: no {key}"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(props)
            assert not extra, f"{where}: unexpected {extra}"
        for key, item in value.items():
            if key in props:
                check_schema(item, props[key], root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check_schema(item, schema["items"], root, f"{where}[{i}]")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema:
            assert value >= schema["minimum"], where
        if "maximum" in schema:
            assert value <= schema["maximum"], where
    if isinstance(value, str):
        if "pattern" in schema:
            assert re.search(schema["pattern"], value), f"{where}: {value!r}"
        if schema.get("format") == "date":
            dt.date.fromisoformat(value)


SCHEMA = json.loads((ROOT / "docs" / "stats.schema.json").read_text(encoding="utf-8"))


class TestCommand:
    def test_json_follows_the_schema(self, capsys: pytest.CaptureFixture[str], work: Path) -> None:
        code, out, _ = run(capsys, *hand_argv(work, "--format", "json", "--every", "month"))
        assert code == 0
        document = json.loads(out)
        check_schema(document, SCHEMA, SCHEMA, "$")
        assert (document["from"], document["to"], document["every"]) == (
            "2010-03-01",
            "2010-06-30",
            "month",
        )

    def test_the_schema_check_refuses_a_bad_document(self) -> None:
        with pytest.raises(AssertionError):
            check_schema({"from": "2010-03-01"}, SCHEMA, SCHEMA, "$")
        bad_row = {"from": "x", "to": "y", "by": "agency", "every": "quarter", "rows": []}
        with pytest.raises(ValueError):
            check_schema(bad_row, SCHEMA, SCHEMA, "$")

    def test_csv_has_a_column_per_step(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        code, out, _ = run(capsys, *hand_argv(work, "--format", "csv"))
        assert code == 0
        rows = list(csv.DictReader(out.splitlines()))
        g3 = next(r for r in rows if r["group"] == "g3" and r["interval"] == "2010-Q1")
        assert (g3["overdue"], g3["overdue_hold_accountable"], g3["overdue_notify"]) == (
            "2",
            "2",
            "0",
        )
        g1 = next(r for r in rows if r["group"] == "g1" and r["interval"] == "2010-Q2")
        assert (g1["days_late_mean"], g1["days_late_max"], g1["rank"]) == ("5.5", "10", "3")

    @pytest.mark.parametrize(
        ("lang", "words"),
        [
            ("en", ("on-time rate", "33.3%", "hold accountable 2", "rating", "excellent")),
            ("zh", ("准时率", "问责 2", "评级", "poor")),
        ],
    )
    def test_table(
        self, capsys: pytest.CaptureFixture[str], work: Path, lang: str, words: tuple[str, ...]
    ) -> None:
        code, out, _ = run(capsys, "--lang", lang, *hand_argv(work))
        assert code == 0
        for word in words:
            assert word in out

    def test_to_before_from_is_an_error(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        argv = hand_argv(work)
        argv[argv.index("2010-06-30")] = "2010-02-01"
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert "error[argument/bad-range]" in err

    def test_a_bad_filings_file_is_positioned(
        self, capsys: pytest.CaptureFixture[str], work: Path
    ) -> None:
        (work / "filings.csv").write_text(FILINGS + "f99,nobody,monthly,2010-03-03,,,\n")
        code, out, err = run(capsys, *hand_argv(work))
        assert code == 2 and out == ""
        assert "filings.csv:21:" in err and "Traceback" not in err


# --------------------------------------------------------------------- Yunnan 2010


def yunnan_check_rows(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, _ = run(
        capsys,
        "check",
        str(YUNNAN / "rules.zh.xzjd"),
        "--agencies",
        str(YUNNAN / "agencies.csv"),
        "--filings",
        str(YUNNAN / "filings.csv"),
        "--events",
        str(YUNNAN / "events.csv"),
        "--on",
        "2010-12-31",
        "--format",
        "json",
    )
    assert code == 0
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def quarter_of(day: str) -> str:
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def test_yunnan_by_region_matches_check_rows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The done-when of issue 16: the 16 prefectures (and the province's own agencies), each
    quarter's figures recomputed here from the rows of ``xzjd check`` on 2010-12-31."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, out, _ = run(
        capsys,
        "stats",
        str(YUNNAN / "rules.zh.xzjd"),
        "--agencies",
        str(YUNNAN / "agencies.csv"),
        "--filings",
        str(YUNNAN / "filings.csv"),
        "--events",
        str(YUNNAN / "events.csv"),
        "--from",
        "2010-03-01",
        "--to",
        "2010-12-31",
        "--by",
        "region",
        "--every",
        "quarter",
        "--format",
        "json",
    )
    assert code == 0
    document = json.loads(out)
    check_schema(document, SCHEMA, SCHEMA, "$")

    with (YUNNAN / "agencies.csv").open(encoding="utf-8") as handle:
        region = {r["id"]: "/".join(r["region"].split("/")[:2]) for r in csv.DictReader(handle)}
    prefectures = {r for r in region.values() if r.count("/") == 1}
    assert len(prefectures) == 16

    # The aggregation, on its own: a row counts in the quarter of its deadline.
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    late_days: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in yunnan_check_rows(capsys):
        if not "2010-03-01" <= row["due"] <= "2010-12-31":
            continue
        key = (region[row["agency"]], quarter_of(row["due"]))
        counts[key][row["state"]] += 1
        if row["state"] == "overdue":
            counts[key]["step:" + str(row["step"])] += 1
        if row["state"] == "late":
            late_days[key].append(row["days_late"])

    got = {(r["group"], r["interval"]): r for r in document["rows"]}
    assert {g for g, _ in got} == prefectures | {"云南省"}
    for quarter in ("2010-Q1", "2010-Q2", "2010-Q3", "2010-Q4"):
        expected_rates = {}
        for group in prefectures | {"云南省"}:
            c, row = counts[(group, quarter)], got[(group, quarter)]
            assert row["due"] == sum(n for k, n in c.items() if not k.startswith("step:"))
            assert (row["on_time"], row["late"], row["overdue"], row["waived"]) == (
                c["done"],
                c["late"],
                c["overdue"],
                c["waived"],
            )
            assert row["open"] == c["pending"] + c["warning"]
            steps = {k.removeprefix("step:"): n for k, n in c.items() if k.startswith("step:")}
            assert row["overdue_by_step"] == steps
            days = late_days[(group, quarter)]
            if days:
                assert row["days_late"]["max"] == max(days)
                assert row["days_late"]["median"] == statistics.median(days)
                assert row["days_late"]["mean"] == pytest.approx(sum(days) / len(days), abs=0.01)
            judged = c["done"] + c["late"] + c["overdue"]
            rate = None if judged == 0 else c["done"] / judged
            assert row["rate"] == (None if rate is None else pytest.approx(rate))
            if rate is not None:
                expected_rates[group] = (rate, c["overdue"])
            # The example's quarterly rating: 98, 95, 90% (rules.zh.xzjd), compared exactly.
            grade = None
            if judged:
                grade = "不合格"
                for name, least in (("合格", 90), ("良好", 95), ("优秀", 98)):
                    if c["done"] * 100 >= least * judged:
                        grade = name
            assert row["rating"] == grade
        # Ranks: 1 + the number of groups strictly better (higher rate, or equal rate and
        # fewer overdue).
        for group, (rate, overdue) in expected_rates.items():
            better = sum(
                1 for r, o in expected_rates.values() if r > rate or (r == rate and o < overdue)
            )
            assert got[(group, quarter)]["rank"] == better + 1
    # The example has late, overdue, waived and open periods, and more than one rank.
    rows = document["rows"]
    for figure in ("late", "overdue", "waived", "open"):
        assert any(r[figure] for r in rows), figure
    assert len({r["rank"] for r in rows}) > 2
    assert {"优秀", "不合格"} <= {r["rating"] for r in rows}

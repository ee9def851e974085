# SPDX-License-Identifier: MIT
"""The Yunnan 2010 example, pinned on several dates of 2010.

Every expected value below is worked out by hand from the rules file
(``examples/yunnan-2010/rules.zh.xzjd``), the example's filings and events, and the 2010
holiday notice of the General Office of the State Council (国办发明电〔2009〕27号):

* rest: 1-1..1-3; 2-13..2-19; 4-3..4-5; 5-1..5-3; 6-14..6-16; 9-22..9-24; 10-1..10-7;
* make-up working days (调休): 2-20 Sat, 2-21 Sun, 6-12 Sat, 6-13 Sun, 9-19 Sun, 9-25 Sat,
  9-26 Sun, 10-9 Sat.

The holiday table is cross-checked against the ``chinese_calendar`` package (test only) in
:class:`TestCalendarAssumptions`.

Ladders of the ruleset (rules.zh.xzjd):

* ``reporting``: warn 3 working days before; urge 1, notify 10, hold accountable 20,
  discipline 40 working days after the deadline.
* ``tasks``: warn 5 working days before; urge 1, correct 30, notify 60, hold accountable 90,
  discipline 180 calendar days after the deadline.

The effective date is 2010-03-01, so the first bi-monthly period is 2010-B2 (opens 2010-03-01).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import xzjd

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "yunnan-2010"
RULES_ZH = EXAMPLE / "rules.zh.xzjd"
RULES_EN = EXAMPLE / "rules.en.xzjd"
TUTORIAL = ROOT / "docs" / "tutorial.md"

D = dt.date

Key = tuple[str, str, str]


def _value(x: Any) -> Any:
    """The ``.value`` of an enum member, or the thing itself (``None``, a string)."""
    return getattr(x, "value", x)


@pytest.fixture(scope="module")
def ruleset() -> Any:
    return xzjd.load(RULES_ZH)


@pytest.fixture(scope="module")
def facts() -> tuple[Any, Any, Any]:
    return (
        xzjd.read_agencies(EXAMPLE / "agencies.csv"),
        xzjd.read_filings(EXAMPLE / "filings.csv"),
        xzjd.read_events(EXAMPLE / "events.csv"),
    )


def _evaluate(ruleset: Any, facts: tuple[Any, Any, Any], on: dt.date) -> dict[Key, Any]:
    agencies, filings, events = facts
    results = xzjd.evaluate(ruleset, agencies, filings, on=on, events=events)
    return {(s.agency, s.obligation, s.period): s for s in results}


@pytest.fixture(scope="module")
def april6(ruleset: Any, facts: tuple[Any, Any, Any]) -> dict[Key, Any]:
    return _evaluate(ruleset, facts, D(2010, 4, 6))


@pytest.fixture(scope="module")
def july10(ruleset: Any, facts: tuple[Any, Any, Any]) -> dict[Key, Any]:
    return _evaluate(ruleset, facts, D(2010, 7, 10))


@pytest.fixture(scope="module")
def november15(ruleset: Any, facts: tuple[Any, Any, Any]) -> dict[Key, Any]:
    return _evaluate(ruleset, facts, D(2010, 11, 15))


def _keys(results: dict[Key, Any], state: str) -> set[Key]:
    return {k for k, s in results.items() if _value(s.state) == state}


def _check(
    status: Any,
    *,
    nominal_due: dt.date,
    due: dt.date,
    state: str,
    days_overdue: int | None = None,
    step: str | None = None,
) -> None:
    assert status.nominal_due == nominal_due
    assert status.due == due
    assert _value(status.state) == state
    if state == "overdue":
        assert status.days_overdue == days_overdue
        assert _value(status.step) == step


# --------------------------------------------------------------------------- the text


#: The 23 dated duties of the text (the table in docs/tutorial.md) and the obligations that
#: encode them. Row 13 has no deadline in the text and is recorded, not encoded.
SEED_ROWS: dict[int, tuple[str, ...]] = {
    1: ("implementation-plan",),
    2: ("key-posts-filing", "key-posts-publish"),
    3: ("key-posts-notice",),
    4: ("annual-key-posts", "annual-key-posts-publish"),
    5: ("resource-rules-review",),
    6: ("resource-rules-problems",),
    7: ("platform-evaluation",),
    8: ("resource-rules-reform",),
    9: ("platform-measures",),
    10: ("resource-trading-rules",),
    11: ("trading-platforms",),
    12: ("trading-meeting",),
    13: (),
    14: ("approval-items-publish", "approval-items-centre"),
    15: ("extranet-interconnect",),
    16: ("e-supervision-system",),
    17: ("approval-e-supervision",),
    18: ("e-supervision-progress",),
    19: ("bimonthly-report",),
    20: ("summaries",),
    21: ("rollup",),
    22: ("rectification",),
    23: ("coordination-meeting",),
}


class TestSeedCoverage:
    """Every dated duty of the text is in the ruleset, or recorded as having no deadline."""

    def test_rows_are_numbered_one_to_twenty_three(self) -> None:
        """The table has the 23 rows of the reading of the text."""
        assert sorted(SEED_ROWS) == list(range(1, 24))

    def test_every_row_with_a_date_is_encoded(self, ruleset: Any) -> None:
        """Each row but 13 maps to obligations that exist in the ruleset."""
        ids = {o.id for o in ruleset.obligations}
        for row, obligations in SEED_ROWS.items():
            if row == 13:
                continue
            assert obligations, f"row {row} has no obligation"
            for oid in obligations:
                assert oid in ids, f"row {row}: {oid} missing"

    def test_every_obligation_comes_from_a_row(self, ruleset: Any) -> None:
        """The ruleset holds nothing that is not in the text."""
        mapped = {oid for ids in SEED_ROWS.values() for oid in ids}
        assert {o.id for o in ruleset.obligations} == mapped

    def test_rows_are_marked_in_the_rules_file(self) -> None:
        """Each row number appears as a ``# 第N项`` comment in the Chinese rules file."""
        text = RULES_ZH.read_text(encoding="utf-8")
        marked = {int(n) for n in re.findall(r"^# 第(\d+)项", text, flags=re.M)}
        ranges = re.findall(r"^# 第(\d+)-(\d+)项", text, flags=re.M)
        for first, last in ranges:
            marked |= set(range(int(first), int(last) + 1))
        assert marked == set(SEED_ROWS)

    def test_row_13_is_recorded_without_a_deadline(self) -> None:
        """Row 13 (routine supervision reports) is recorded as having no deadline, not invented."""
        text = RULES_ZH.read_text(encoding="utf-8")
        assert "# 第13项：无期限" in text
        tutorial = TUTORIAL.read_text(encoding="utf-8")
        assert "no deadline" in tutorial
        assert "无期限" in tutorial

    def test_every_obligation_cites_its_source(self, ruleset: Any) -> None:
        """Each obligation names the clause of the text it comes from."""
        for o in ruleset.obligations:
            assert o.source, o.id
            assert "辅导讲话" in o.source or "办法" in o.source, o.id


class TestRulesFile:
    """The rules file says what the text says, with the readings the docs explain."""

    def test_effective_date(self, ruleset: Any) -> None:
        """The ruleset takes effect on 2010-03-01 (the briefing dates from March 2010)."""
        assert ruleset.effective == D(2010, 3, 1)

    def test_english_file_gives_the_same_model(self, ruleset: Any) -> None:
        """The English rendering (``xzjd fmt --lang en``) parses to an equal model."""
        assert xzjd.load(RULES_EN) == ruleset

    def test_english_file_is_the_formatter_output(self, ruleset: Any) -> None:
        """rules.en.xzjd is exactly what ``xzjd fmt --lang en`` prints for the Chinese file."""
        assert xzjd.to_text(ruleset, "en") == RULES_EN.read_text(encoding="utf-8")

    def test_article_14_reading(self, ruleset: Any) -> None:
        """Row 17 uses the measures' 7月1日前, not the briefing's 6月底前."""
        schedule = ruleset.obligation("approval-e-supervision").schedule
        assert (schedule.month, schedule.day) == (7, 1)

    def test_event_based_time_limits(self, ruleset: Any) -> None:
        """Rectification: 30 days after a finding; coordination: 10 working days after set-up."""
        rect = ruleset.obligation("rectification").schedule
        assert (rect.event, rect.count, _value(rect.unit)) == ("发现问题", 30, "days")
        coord = ruleset.obligation("coordination-meeting").schedule
        assert (coord.event, coord.count, _value(coord.unit)) == (
            "领导小组成立",
            10,
            "working days",
        )

    def test_rollup_is_chained(self, ruleset: Any) -> None:
        """Row 21 follows every deadline of rows 19 and 20, on the 5th of the next month."""
        chain = ruleset.obligation("rollup").schedule
        assert set(chain.after) == {"bimonthly-report", "summaries"}
        assert chain.day == 5


class TestCalendarAssumptions:
    """The 2010 (and early 2011) rest days used by hand below agree with an independent source."""

    REST = (
        D(2010, 4, 3),
        D(2010, 4, 5),
        D(2010, 6, 14),
        D(2010, 6, 16),
        D(2010, 10, 1),
        D(2010, 10, 7),
        D(2010, 10, 10),
        D(2010, 10, 31),
        D(2010, 9, 5),
        D(2010, 12, 5),
        D(2011, 1, 3),
        D(2011, 1, 8),
    )
    WORK = (
        D(2010, 6, 12),
        D(2010, 6, 13),
        D(2010, 9, 19),
        D(2010, 9, 25),
        D(2010, 9, 26),
        D(2010, 10, 9),
        D(2010, 11, 1),
        D(2010, 10, 8),
        D(2011, 1, 4),
        D(2011, 1, 5),
        D(2011, 4, 1),
    )

    def test_against_chinese_calendar(self) -> None:
        """chinese_calendar agrees with the notice for every day the tests rely on."""
        chinese_calendar = pytest.importorskip("chinese_calendar")
        assert not any(chinese_calendar.is_workday(d) for d in self.REST)
        assert all(chinese_calendar.is_workday(d) for d in self.WORK)


# --------------------------------------------------------------------------- 2010-04-06


class TestApril6:
    """2010-04-06, the first working day after the Qingming holiday (4-3..4-5)."""

    def test_late_plan_is_overdue(self, april6: dict[Key, Any]) -> None:
        """迪庆州 has not finished its plan (row 1): 6 days overdue, urged."""
        # 3月底前 -> 2010-03-31, a Wednesday, working: no move.
        # The plan is completed only on 2010-04-08, after the evaluation date.
        # days overdue: 4-01 .. 4-06 = 6 calendar days; tasks ladder: 1 <= 6 < 30 -> urge.
        _check(
            april6["dq-gov", "implementation-plan", "once"],
            nominal_due=D(2010, 3, 31),
            due=D(2010, 3, 31),
            state="overdue",
            days_overdue=6,
            step="urge",
        )

    def test_table_two_overdue_across_qingming(self, april6: dict[Key, Any]) -> None:
        """昭通市 has not filed Table 2 (row 2): 5 calendar days but 2 working days late."""
        # 4月1日前 -> 2010-04-01, Thursday, working. Filed only on 2010-04-12.
        # days overdue: 4-02 .. 4-06 = 5. Working days after 4-01: 4-02 (Fri) and 4-06 (Tue);
        # 4-03 Sat, 4-04 Sun and 4-05 Mon are the Qingming holiday -> 2 working days.
        # reporting ladder: 1 <= 2 < 10 working days -> urge.
        status = april6["zt-gov", "key-posts-filing", "once"]
        _check(
            status,
            nominal_due=D(2010, 4, 1),
            due=D(2010, 4, 1),
            state="overdue",
            days_overdue=5,
            step="urge",
        )
        assert list(status.recipients) == ["zt-jc"]

    def test_returned_then_refiled_is_late(self, april6: dict[Key, Any]) -> None:
        """临沧市's Table 2 was returned (误报) on 3-29 and refiled 4-02: late, not done."""
        # The returned filing satisfies nothing; the accepted one on 4-02 is after the 4-01
        # deadline -> late.
        _check(
            april6["lc-gov", "key-posts-filing", "once"],
            nominal_due=D(2010, 4, 1),
            due=D(2010, 4, 1),
            state="late",
        )

    def test_plan_filed_two_days_late(self, april6: dict[Key, Any]) -> None:
        """昭通市 completed its plan on 4-02, after the 3-31 deadline: late."""
        _check(
            april6["zt-gov", "implementation-plan", "once"],
            nominal_due=D(2010, 3, 31),
            due=D(2010, 3, 31),
            state="late",
        )

    def test_waived_publication(self, april6: dict[Key, Any]) -> None:
        """怒江州's media publication of Table 2 was waived."""
        assert _value(april6["nj-gov", "key-posts-publish", "once"].state) == "waived"

    def test_april_window_ignores_a_march_filing(self, april6: dict[Key, Any]) -> None:
        """省招标采购局's review filed on 3-29 is before the 4月份 window and counts for nothing."""
        # 4月份 -> window 2010-04-01 .. 2010-04-30, deadline 4-30, never moved.
        # tasks ladder warns from the 5th working day before 4-30:
        # 4-29 (1), 4-28 (2), 4-27 (3), 4-26 (4), 4-23 (5) -> on 4-06 still pending.
        status = april6["yn-zbj", "resource-rules-review", "once"]
        _check(status, nominal_due=D(2010, 4, 30), due=D(2010, 4, 30), state="pending")
        assert status.opens == D(2010, 4, 1)

    def test_first_bimonthly_period_is_pending(self, april6: dict[Key, Any]) -> None:
        """2010-B2 opens on the effective date and is pending; there is no 2010-B1."""
        # 逢双月底前: B2 = 2010-04-30 (Friday, working). Opens 2010-03-01 (effective).
        # reporting warns from the 3rd working day before: 4-29, 4-28, 4-27 -> pending on 4-06.
        status = april6["km-gov", "bimonthly-report", "2010-B2"]
        _check(status, nominal_due=D(2010, 4, 30), due=D(2010, 4, 30), state="pending")
        assert status.opens == D(2010, 3, 1)
        assert ("km-gov", "bimonthly-report", "2010-B1") not in april6

    def test_coordination_meeting_done(self, april6: dict[Key, Any]) -> None:
        """曲靖市 set up its leading group on 3-10 and met on 3-19, inside 10 working days."""
        # 10 working days after Wed 2010-03-10: 3-11, 12, 15, 16, 17, 18, 19, 22, 23, 24 -> 3-24.
        _check(
            april6["qj-gov", "coordination-meeting", "ev-qj-lg"],
            nominal_due=D(2010, 3, 24),
            due=D(2010, 3, 24),
            state="done",
        )

    def test_overdue_set(self, april6: dict[Key, Any]) -> None:
        """Exactly the two unfinished duties above are overdue on 2010-04-06."""
        assert _keys(april6, "overdue") == {
            ("dq-gov", "implementation-plan", "once"),
            ("zt-gov", "key-posts-filing", "once"),
        }

    def test_yearly_duty_has_not_started(self, april6: dict[Key, Any]) -> None:
        """Row 4 starts in 2011: its first window opens 2011-01-01, so nothing is reported."""
        assert not any(k[1] == "annual-key-posts" for k in april6)


# --------------------------------------------------------------------------- 2010-07-10


class TestJuly10:
    """2010-07-10, after the half-year deadlines and the 7月1日前 tasks."""

    def test_half_year_summary_overdue(self, july10: dict[Key, Any]) -> None:
        """文山州's half-year summary (row 20) is 10 days (7 working days) overdue: urged."""
        # 每年6月和11月底前 -> 2010-06-30 (Wednesday, working). Filed only on 7-20.
        # days overdue: 7-01 .. 7-10 = 10. Working days after 6-30: 7-01, 02, 05, 06, 07, 08, 09
        # = 7 (7-03/04 and 7-10 are weekends). reporting: 1 <= 7 < 10 -> urge.
        status = july10["ws-gov", "summaries", "2010-06"]
        _check(
            status,
            nominal_due=D(2010, 6, 30),
            due=D(2010, 6, 30),
            state="overdue",
            days_overdue=10,
            step="urge",
        )
        assert list(status.recipients) == ["ws-jc"]

    def test_rollup_overdue_to_two_recipients(self, july10: dict[Key, Any]) -> None:
        """文山州监察局's July roll-up (row 21) is owed to the prefecture and the province."""
        # B3 (6-30) and the half-year summary (6-30) both lead to 次月5日 = 2010-07-05 (Monday):
        # one period, label 2010-07, window 2010-05-06 .. (after the 2010-05 roll-up's 5-05).
        # Filed only on 7-22. days overdue: 7-06 .. 7-10 = 5; working days 7-06..7-09 = 4
        # -> urge.
        status = july10["ws-jc", "rollup", "2010-07"]
        _check(
            status,
            nominal_due=D(2010, 7, 5),
            due=D(2010, 7, 5),
            state="overdue",
            days_overdue=5,
            step="urge",
        )
        assert set(status.recipients) == {"ws-gov", "yn-jc"}
        assert status.opens == D(2010, 5, 6)

    def test_approval_e_supervision_missing(self, july10: dict[Key, Any]) -> None:
        """五华区 has not set up e-supervision of approvals (row 17): 9 days overdue."""
        # 7月1日前 -> 2010-07-01 (Thursday). days overdue 7-02 .. 7-10 = 9 -> tasks: urge.
        _check(
            july10["wh-gov", "approval-e-supervision", "once"],
            nominal_due=D(2010, 7, 1),
            due=D(2010, 7, 1),
            state="overdue",
            days_overdue=9,
            step="urge",
        )

    def test_late_bimonthly_report(self, july10: dict[Key, Any]) -> None:
        """红河州 filed 2010-B3 on 7-08, after the 6-30 deadline: late."""
        _check(
            july10["hh-gov", "bimonthly-report", "2010-B3"],
            nominal_due=D(2010, 6, 30),
            due=D(2010, 6, 30),
            state="late",
        )

    def test_meeting_after_dragon_boat_make_up_days(self, july10: dict[Key, Any]) -> None:
        """昆明市 met one working day late: 6-12 and 6-13 were make-up working days."""
        # Leading group set up Fri 2010-06-04. Working days after it: 6-07 (1), 08 (2), 09 (3),
        # 10 (4), 11 (5), Sat 6-12 (6, make-up), Sun 6-13 (7, make-up), 6-14..16 Dragon Boat
        # rest, 6-17 (8), 6-18 (9), 6-21 (10) -> deadline 2010-06-21. Met 6-22 -> late.
        # (Without the make-up days the deadline would be 6-23 and the meeting on time.)
        _check(
            july10["km-gov", "coordination-meeting", "ev-km-lg"],
            nominal_due=D(2010, 6, 21),
            due=D(2010, 6, 21),
            state="late",
        )

    def test_rectification_deadline_moved_over_weekend(self, july10: dict[Key, Any]) -> None:
        """文山州's rectification: 30 days after 5-20 is Saturday 6-19, moved to Monday 6-21."""
        # 2010-05-20 + 30 days = 2010-06-19 (Sat, rest; not a make-up day), 6-20 Sun rest
        # -> 2010-06-21. Completed 6-18 -> done.
        _check(
            july10["ws-gov", "rectification", "ev-ws-fx"],
            nominal_due=D(2010, 6, 19),
            due=D(2010, 6, 21),
            state="done",
        )

    def test_july_window_pending(self, july10: dict[Key, Any]) -> None:
        """The provincial trading meeting (row 12) is due within July: pending on 7-10."""
        # 2010年7月份 -> deadline 2010-07-31 (Saturday), a during window, never moved.
        # Warning from the 5th working day before 7-31: 7-30, 29, 28, 27, 26 -> 7-26.
        status = july10["yn-jc", "trading-meeting", "once"]
        _check(status, nominal_due=D(2010, 7, 31), due=D(2010, 7, 31), state="pending")
        assert status.opens == D(2010, 7, 1)

    def test_provincial_rollup_has_no_upper_level(self, july10: dict[Key, Any]) -> None:
        """省监察厅 owes its roll-up to the provincial government only (no upper level)."""
        status = july10["yn-jc", "rollup", "2010-07"]
        assert list(status.recipients) == ["yn-gov"]
        assert _value(status.state) == "done"

    def test_overdue_set(self, july10: dict[Key, Any]) -> None:
        """Exactly four periods are overdue on 2010-07-10."""
        # ws-gov summary (filed 7-20), ws-jc roll-up (7-22), wh-gov row 17 (never),
        # 省国资委 row 10 (7月1日前, completed 8-20).
        assert _keys(july10, "overdue") == {
            ("ws-gov", "summaries", "2010-06"),
            ("ws-jc", "rollup", "2010-07"),
            ("wh-gov", "approval-e-supervision", "once"),
            ("yn-gzw", "resource-trading-rules", "once"),
        }


# --------------------------------------------------------------------------- 2010-11-15


class TestNovember15:
    """2010-11-15: every state and several escalation steps at once."""

    def test_missing_b5_is_notified(self, november15: dict[Key, Any]) -> None:
        """昭通市 never filed 2010-B5: due 11-01 (moved), 10 working days later: notify."""
        # 逢双月底前: 2010-10-31 is a Sunday -> moved to Monday 2010-11-01.
        # days overdue: 11-02 .. 11-15 = 14. Working days after 11-01: 11-02..05 (4),
        # 11-08..12 (5), 11-15 (1) = 10. reporting: 10 <= 10 < 20 -> notify.
        status = november15["zt-gov", "bimonthly-report", "2010-B5"]
        _check(
            status,
            nominal_due=D(2010, 10, 31),
            due=D(2010, 11, 1),
            state="overdue",
            days_overdue=14,
            step="notify",
        )
        assert list(status.recipients) == ["zt-jc"]
        assert list(status.filings) == []

    def test_returned_b4_reaches_discipline(self, november15: dict[Key, Any]) -> None:
        """迪庆州's 2010-B4 was returned and never refiled: 50 working days late, discipline."""
        # 2010-08-31, Tuesday, working. days overdue: Sep 30 + Oct 31 + Nov 15 = 76.
        # Working days after 8-31: September 22 (22 weekdays, less 9-22..24, plus make-up
        # 9-19, 9-25, 9-26), October 17 (10-08, Sat 10-09, and the 15 weekdays 10-11..10-29),
        # November 1..15: 11 (11-01..05, 08..12, 15) -> 50. reporting: 50 >= 40 -> discipline.
        status = november15["dq-gov", "bimonthly-report", "2010-B4"]
        _check(
            status,
            nominal_due=D(2010, 8, 31),
            due=D(2010, 8, 31),
            state="overdue",
            days_overdue=76,
            step="discipline",
        )
        assert len(list(status.filings)) == 1

    def test_rollup_missing_one_recipient(self, november15: dict[Key, Any]) -> None:
        """怒江州监察局 sent its November roll-up to the prefecture but not to the province."""
        # Chained: B5 nominal 10-31 -> 次月5日 = 2010-11-05 (Friday). Filed 11-04 with nj-gov
        # only; yn-jc has nothing. days overdue: 11-06 .. 11-15 = 10; working days 11-08..12,
        # 11-15 = 6 -> reporting: urge.
        status = november15["nj-jc", "rollup", "2010-11"]
        _check(
            status,
            nominal_due=D(2010, 11, 5),
            due=D(2010, 11, 5),
            state="overdue",
            days_overdue=10,
            step="urge",
        )
        assert set(status.recipients) == {"nj-gov", "yn-jc"}

    def test_trading_platforms_overdue(self, november15: dict[Key, Any]) -> None:
        """西双版纳州 has not finished row 11: 10月底前 moved to 11-01, 14 days overdue."""
        # 10月底前 -> 2010-10-31 (Sunday) -> 2010-11-01. 11-02 .. 11-15 = 14 -> tasks: urge.
        _check(
            november15["bn-gov", "trading-platforms", "once"],
            nominal_due=D(2010, 10, 31),
            due=D(2010, 11, 1),
            state="overdue",
            days_overdue=14,
            step="urge",
        )

    def test_rectification_corrected(self, november15: dict[Key, Any]) -> None:
        """红河州's rectification plan is 35 days overdue: the correct step."""
        # Finding on 2010-09-10; + 30 days = 2010-10-10, a Sunday (10-09 Sat was the make-up
        # day, 10-10 was not) -> 2010-10-11. days overdue: 10-12 .. 11-15 = 20 + 15 = 35.
        # tasks: 30 <= 35 < 60 -> correct.
        _check(
            november15["hh-gov", "rectification", "ev-hh-fx"],
            nominal_due=D(2010, 10, 10),
            due=D(2010, 10, 11),
            state="overdue",
            days_overdue=35,
            step="correct",
        )

    def test_row_17_held_accountable(self, november15: dict[Key, Any]) -> None:
        """五华区 still lacks e-supervision of approvals: 137 days, hold accountable."""
        # 2010-07-01; days overdue: Jul 30 + Aug 31 + Sep 30 + Oct 31 + Nov 15 = 137.
        # tasks: 90 <= 137 < 180 -> hold accountable.
        _check(
            november15["wh-gov", "approval-e-supervision", "once"],
            nominal_due=D(2010, 7, 1),
            due=D(2010, 7, 1),
            state="overdue",
            days_overdue=137,
            step="hold accountable",
        )

    def test_rectification_in_warning(self, november15: dict[Key, Any]) -> None:
        """丽江市's rectification plan is due 11-17: in warning since 11-10."""
        # Finding 2010-10-18 + 30 = 2010-11-17 (Wednesday). 5th working day before it:
        # 11-16, 11-15, 11-12, 11-11, 11-10 -> warning from 11-10.
        _check(
            november15["lj-gov", "rectification", "ev-lj-fx"],
            nominal_due=D(2010, 11, 17),
            due=D(2010, 11, 17),
            state="warning",
        )

    def test_warning_starts_on_the_fifth_working_day(self, november15: dict[Key, Any]) -> None:
        """楚雄州's meeting is due 11-22; 11-15 is exactly the 5th working day before it."""
        # Leading group 2010-11-08 (Mon); 10 working days: 11-09..12 (4), 11-15..19 (5),
        # 11-22 (10th) -> due 2010-11-22. Working days before it: 11-19 (1), 18 (2), 17 (3),
        # 16 (4), 15 (5) -> warning from 11-15 inclusive.
        _check(
            november15["cx-gov", "coordination-meeting", "ev-cx-lg"],
            nominal_due=D(2010, 11, 22),
            due=D(2010, 11, 22),
            state="warning",
        )

    def test_filed_on_moved_deadline_is_done(self, november15: dict[Key, Any]) -> None:
        """普洱市 filed 2010-B5 on Monday 11-01, the moved deadline: done."""
        _check(
            november15["pe-gov", "bimonthly-report", "2010-B5"],
            nominal_due=D(2010, 10, 31),
            due=D(2010, 11, 1),
            state="done",
        )

    def test_rollup_on_moved_september_deadline(self, november15: dict[Key, Any]) -> None:
        """保山市监察局 filed the September roll-up on 9-06: 9-05 was a Sunday, so done."""
        # B4 nominal 8-31 -> 次月5日 = 2010-09-05 (Sunday) -> 2010-09-06 (Monday).
        _check(
            november15["bs-jc", "rollup", "2010-09"],
            nominal_due=D(2010, 9, 5),
            due=D(2010, 9, 6),
            state="done",
        )

    def test_rectification_across_national_day(self, november15: dict[Key, Any]) -> None:
        """曲靖市: 30 days after 9-01 is 10-01, National Day, moved to 10-08; met on 10-08."""
        # 2010-09-01 + 30 = 2010-10-01; 10-01..10-07 rest -> 2010-10-08 (Friday).
        _check(
            november15["qj-gov", "rectification", "ev-qj-fx"],
            nominal_due=D(2010, 10, 1),
            due=D(2010, 10, 8),
            state="done",
        )

    def test_meeting_across_mid_autumn_and_national_day(self, november15: dict[Key, Any]) -> None:
        """玉溪市: 10 working days after 9-20 run over two holidays and three make-up days."""
        # After Mon 2010-09-20: 9-21 (1), 9-22..24 rest, Sat 9-25 (2), Sun 9-26 (3), 9-27 (4),
        # 9-28 (5), 9-29 (6), 9-30 (7), 10-01..07 rest, 10-08 (8), Sat 10-09 (9), 10-11 (10).
        # Met on 10-11 -> done.
        _check(
            november15["yx-gov", "coordination-meeting", "ev-yx-lg"],
            nominal_due=D(2010, 10, 11),
            due=D(2010, 10, 11),
            state="done",
        )

    def test_waived(self, november15: dict[Key, Any]) -> None:
        """怒江州's trading-platform duty (row 11) was waived."""
        status = november15["nj-gov", "trading-platforms", "once"]
        assert _value(status.state) == "waived"

    def test_annual_summary_pending(self, november15: dict[Key, Any]) -> None:
        """The annual summary is due 11-30; reporting warns only from 11-25: pending."""
        # 11月底前 -> 2010-11-30 (Tuesday). 3rd working day before: 11-29, 11-26, 11-25.
        # Its window opens the day after the 6-30 deadline.
        status = november15["dq-gov", "summaries", "2010-11"]
        _check(status, nominal_due=D(2010, 11, 30), due=D(2010, 11, 30), state="pending")
        assert status.opens == D(2010, 7, 1)

    def test_annual_summary_filed_early(self, november15: dict[Key, Any]) -> None:
        """昆明市 filed the annual summary on 11-12: already done."""
        _check(
            november15["km-gov", "summaries", "2010-11"],
            nominal_due=D(2010, 11, 30),
            due=D(2010, 11, 30),
            state="done",
        )

    def test_half_yearly_progress_report(self, november15: dict[Key, Any]) -> None:
        """省工信委 reported H1 on 6-28 (done) and owes H2 to the provincial government."""
        h1 = november15["yn-gxw", "e-supervision-progress", "2010-H1"]
        _check(h1, nominal_due=D(2010, 6, 30), due=D(2010, 6, 30), state="done")
        h2 = november15["yn-gxw", "e-supervision-progress", "2010-H2"]
        _check(h2, nominal_due=D(2010, 12, 31), due=D(2010, 12, 31), state="pending")
        assert list(h2.recipients) == ["yn-gov"]

    def test_december_rollup_window(self, november15: dict[Key, Any]) -> None:
        """The roll-up after the annual summary is due 12-06 (12-05 is a Sunday)."""
        # summaries 2010-11 (11-30) -> 2010-12-05 (Sunday) -> 2010-12-06; opens the day after
        # the previous roll-up's nominal deadline 11-05 -> 2010-11-06.
        status = november15["km-jc", "rollup", "2010-12"]
        _check(status, nominal_due=D(2010, 12, 5), due=D(2010, 12, 6), state="pending")
        assert status.opens == D(2010, 11, 6)

    def test_every_state_is_shown(self, november15: dict[Key, Any]) -> None:
        """All six states occur on 2010-11-15."""
        states = {_value(s.state) for s in november15.values()}
        assert states == {"pending", "warning", "overdue", "done", "late", "waived"}

    def test_overdue_set(self, november15: dict[Key, Any]) -> None:
        """Exactly six periods are overdue on 2010-11-15, five of them of prefectures."""
        assert _keys(november15, "overdue") == {
            ("zt-gov", "bimonthly-report", "2010-B5"),
            ("dq-gov", "bimonthly-report", "2010-B4"),
            ("nj-jc", "rollup", "2010-11"),
            ("bn-gov", "trading-platforms", "once"),
            ("hh-gov", "rectification", "ev-hh-fx"),
            ("wh-gov", "approval-e-supervision", "once"),
        }

    def test_warning_set(self, november15: dict[Key, Any]) -> None:
        """Exactly the two event-based duties above are in warning on 2010-11-15."""
        assert _keys(november15, "warning") == {
            ("lj-gov", "rectification", "ev-lj-fx"),
            ("cx-gov", "coordination-meeting", "ev-cx-lg"),
        }

    def test_late_set(self, november15: dict[Key, Any]) -> None:
        """The ten late filings of the year are all reported late."""
        assert _keys(november15, "late") == {
            ("dq-gov", "implementation-plan", "once"),
            ("zt-gov", "implementation-plan", "once"),
            ("zt-gov", "key-posts-filing", "once"),
            ("lc-gov", "key-posts-filing", "once"),
            ("zt-gov", "bimonthly-report", "2010-B2"),
            ("hh-gov", "bimonthly-report", "2010-B3"),
            ("ws-gov", "summaries", "2010-06"),
            ("ws-jc", "rollup", "2010-07"),
            ("yn-gzw", "resource-trading-rules", "once"),
            ("km-gov", "coordination-meeting", "ev-km-lg"),
        }


@pytest.fixture(scope="module")
def january10_2011(ruleset: Any, facts: tuple[Any, Any, Any]) -> dict[Key, Any]:
    return _evaluate(ruleset, facts, D(2011, 1, 10))


class TestJanuary2011:
    """2011-01-10: the yearly duty of row 4 has begun; the year's last reports are missing."""

    def test_row_4_opens_in_2011(self, january10_2011: dict[Key, Any]) -> None:
        """The 2011 key posts filing (每年4月1日前, 自2011年起) opens on 2011-01-01."""
        # 2011-04-01 is a Friday, a working day (Qingming 2011 is 4-3..4-5). Window: from the
        # from-year's 1 January, since it is later than the effective date. reporting warns
        # from the 3rd working day before 4-01 (3-30) -> pending on 2011-01-10.
        status = january10_2011["km-gov", "annual-key-posts", "2011"]
        _check(status, nominal_due=D(2011, 4, 1), due=D(2011, 4, 1), state="pending")
        assert status.opens == D(2011, 1, 1)
        assert list(status.recipients) == ["km-jc"]

    def test_b6_overdue_across_new_year(self, january10_2011: dict[Key, Any]) -> None:
        """2010-B6 was never filed: 10 days but only 5 working days late on 2011-01-10."""
        # 2010-12-31 is a Friday, working: no move. days overdue: 2011-01-01 .. 01-10 = 10.
        # Working days after it: 1-01..1-03 are the New Year holiday (2011 notice,
        # 国办发明电〔2010〕40号, no make-up day), then 1-04, 05, 06, 07 and 1-10 (1-08/09 are
        # a weekend) = 5. reporting: 1 <= 5 < 10 -> urge.
        _check(
            january10_2011["km-gov", "bimonthly-report", "2010-B6"],
            nominal_due=D(2010, 12, 31),
            due=D(2010, 12, 31),
            state="overdue",
            days_overdue=10,
            step="urge",
        )

    def test_rollup_of_b6(self, january10_2011: dict[Key, Any]) -> None:
        """The roll-up of 2010-B6 is due 2011-01-05 and is labelled by its own month, 2011-01."""
        # B6 nominal 2010-12-31 -> 次月5日 = 2011-01-05 (Wednesday, working). Window opens the
        # day after the previous roll-up's nominal 2010-12-05 -> 2010-12-06. days overdue:
        # 1-06 .. 1-10 = 5; working days 1-06, 1-07, 1-10 = 3 -> urge.
        status = january10_2011["km-jc", "rollup", "2011-01"]
        _check(
            status,
            nominal_due=D(2011, 1, 5),
            due=D(2011, 1, 5),
            state="overdue",
            days_overdue=5,
            step="urge",
        )
        assert status.opens == D(2010, 12, 6)
        assert set(status.recipients) == {"km-gov", "yn-jc"}


def _agencies_of(keys: Iterable[Key]) -> set[str]:
    return {k[0] for k in keys}


class TestScope:
    """Who is reported: bearers only, periods opened by the evaluation date."""

    def test_event_duties_only_for_agencies_with_events(self, november15: dict[Key, Any]) -> None:
        """Only agencies with a 发现问题 event have rectification periods."""
        keys = [k for k in november15 if k[1] == "rectification"]
        assert _agencies_of(keys) == {"ws-gov", "gd-gov", "qj-gov", "hh-gov", "lj-gov"}

    def test_supervision_bureau_is_not_its_own_recipient(self, november15: dict[Key, Any]) -> None:
        """A supervision bureau's bi-monthly report has no recipient: it would be itself."""
        # 同级行政监察机关 of km-jc is km-jc; it is left out, and the filing of 10-28 satisfies
        # 2010-B5 (due 11-01) -> done.
        status = november15["km-jc", "bimonthly-report", "2010-B5"]
        assert list(status.recipients) == []
        assert _value(status.state) == "done"

    def test_tagged_bearers(self, november15: dict[Key, Any]) -> None:
        """Row 17 binds only the county governments tagged approval-heavy."""
        keys = [k for k in november15 if k[1] == "approval-e-supervision"]
        assert _agencies_of(keys) == {"wh-gov", "gd-gov", "ql-gov"}

    def test_trading_platform_bearers(self, november15: dict[Key, Any]) -> None:
        """Row 11 binds the 16 prefecture governments and the counties tagged capable."""
        keys = [k for k in november15 if k[1] == "trading-platforms"]
        agencies = _agencies_of(keys)
        assert len(agencies) == 16 + 4
        assert {"wh-gov", "gd-gov", "ql-gov", "jh-gov"} <= agencies


class TestCommandLine:
    """``xzjd check`` on the example prints what the tutorial shows."""

    def test_overdue_rows_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON of the overdue rows on 2010-11-15 names who owes what to whom."""
        from xzjd.cli import main

        status = main(
            [
                "check",
                str(RULES_ZH),
                "--agencies",
                str(EXAMPLE / "agencies.csv"),
                "--filings",
                str(EXAMPLE / "filings.csv"),
                "--events",
                str(EXAMPLE / "events.csv"),
                "--on",
                "2010-11-15",
                "--state",
                "overdue",
                "--format",
                "json",
            ]
        )
        out, err = capsys.readouterr()
        assert status == 0
        rows = {
            (r["agency"], r["obligation"], r["period"]): (
                r["due"],
                r["days_overdue"],
                r["step"],
                sorted(r["recipients"]),
            )
            for r in json.loads(out)
        }
        # The same six periods as TestNovember15, worked out there.
        assert rows == {
            ("zt-gov", "bimonthly-report", "2010-B5"): ("2010-11-01", 14, "notify", ["zt-jc"]),
            ("dq-gov", "bimonthly-report", "2010-B4"): ("2010-08-31", 76, "discipline", ["dq-jc"]),
            ("nj-jc", "rollup", "2010-11"): ("2010-11-05", 10, "urge", ["nj-gov", "yn-jc"]),
            ("bn-gov", "trading-platforms", "once"): ("2010-11-01", 14, "urge", []),
            ("hh-gov", "rectification", "ev-hh-fx"): ("2010-10-11", 35, "correct", []),
            ("wh-gov", "approval-e-supervision", "once"): (
                "2010-07-01",
                137,
                "hold accountable",
                [],
            ),
        }
        # The two warnings of the example: no supervision organ above the province, and
        # 省招标采购局's March filing before the 4月份 window.
        assert "recipient/missing" in err
        assert "filing/no-period" in err

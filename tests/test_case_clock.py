# SPDX-License-Identifier: MIT
"""The clock of a case (办件) on the real calendar: pauses, extensions, restarts, stages and
signals. Every expected date is counted by hand from the State Council's 2025 notice
(国办发明电〔2024〕12号): Labour Day rest 2025-05-01..05-05 with Sunday 04-27 a working day;
Dragon Boat rest 05-31..06-02."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import xzjd
from xzjd.engine.cases import evaluate_cases
from xzjd.errors import InputError
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import Extension, Pause, Restart, Ruleset, Stage, Stages, State, Step, Unit

D = dt.date.fromisoformat

RULES = """规则集 "许可"
生效 2025-01-01
升级 cases：
  截止前1个工作日预警
  逾期1日督促
义务 licence "作出行政许可决定"：
  依据 《行政许可法》第四十二条
  适用于 各部门
  自受理申请之日起二十个工作日内，完成 许可决定
  升级 cases
"""


def _rules(**clock: object) -> Ruleset:
    rs = xzjd.loads(RULES)
    o = attrs.evolve(rs.obligations[0], **clock)  # type: ignore[arg-type]
    return attrs.evolve(rs, obligations=(o,))


LICENCE = _rules(
    pause=Pause(reasons=("专家评审", "听证")),
    extension=Extension(count=10, unit=Unit.WORKING_DAYS, times=1, approver="本行政机关负责人"),
    restart=Restart(event="收到补正材料"),
)


def case(cid: str, *rows: tuple[str, str] | tuple[str, str, str]) -> Case:
    made = []
    for row in rows:
        event, day = row[0], row[1]
        note = row[2] if len(row) > 2 else None  # type: ignore[misc]
        made.append(
            CaseRow(case=cid, agency="a", obligation="licence", event=event, date=D(day), note=note)
        )
    return Case(id=cid, agency="a", obligation="licence", rows=made)


def one(rules: Ruleset, c: Case, on: str, **kw: object) -> xzjd.engine.cases.CaseStatus:
    [status] = evaluate_cases(rules, [c], on=D(on), **kw)  # type: ignore[arg-type]
    return status


ACCEPTED = ("受理申请", "2025-04-25")


class TestDoneWhen:
    """The issue's example: accepted Friday 2025-04-25, 20 working days."""

    def test_twenty_working_days_over_labour_day(self) -> None:
        # Working days after Fri 04-25: Sun 04-27 (make-up) 1, 04-28 2, 04-29 3, 04-30 4,
        # (05-01..05-05 rest) 05-06 5, 07 6, 08 7, 09 8, 12 9, 13 10, 14 11, 15 12, 16 13,
        # 19 14, 20 15, 21 16, 22 17, 23 18, 26 19, 27 20 -> Tuesday 2025-05-27.
        s = one(LICENCE, case("c", ACCEPTED), "2025-05-06")
        assert s.due == s.nominal_due == D("2025-05-27")
        assert (s.state, s.used, s.left) == (State.PENDING, 5, 15)

    def test_pause_then_extension_move_the_deadline_by_their_working_days(self) -> None:
        # Expert review 05-06..05-09 inclusive: 4 working days not counted. Before it, 4 days
        # were used (04-27..04-30); 16 remain after 05-09: 12,13,14,15,16 (5), 19..23 (10),
        # 26..30 (15), (05-31..06-02 rest) 06-03 (16) -> 2025-06-03, i.e. 05-27 + 4 working days
        # (28, 29, 30, 06-03). Then 10 more: 06-04,05,06,09,10,11,12,13,16,17 -> 2025-06-17.
        paused = case("c", ACCEPTED, ("暂停", "2025-05-06", "专家评审"), ("恢复", "2025-05-09"))
        assert one(LICENCE, paused, "2025-05-20").due == D("2025-06-03")
        extended = case(
            "c",
            ACCEPTED,
            ("暂停", "2025-05-06", "专家评审"),
            ("恢复", "2025-05-09"),
            ("延长", "2025-05-20", "本行政机关负责人"),
        )
        s = one(LICENCE, extended, "2025-05-20", explain=True)
        assert (s.due, s.paused_days, s.extended_days) == (D("2025-06-17"), 4, 10)
        assert [(st.date, st.units, st.due) for st in s.steps] == [
            (D("2025-04-25"), 20, D("2025-05-27")),
            (D("2025-05-06"), None, None),
            (D("2025-05-09"), 4, D("2025-06-03")),
            (D("2025-05-20"), 10, D("2025-06-17")),
        ]


class TestSignals:
    def test_yellow_one_working_day_before_and_red_the_day_after(self) -> None:
        # Due Tue 05-27: yellow from Mon 05-26, red from Wed 05-28; "逾期1日督促" on 05-28.
        s = one(LICENCE, case("c", ACCEPTED), "2025-05-26")
        assert (s.state, s.yellow_on, s.red_on) == (State.WARNING, D("2025-05-26"), None)
        s = one(LICENCE, case("c", ACCEPTED), "2025-06-03")
        assert (s.state, s.days_overdue, s.step) == (State.OVERDUE, 7, Step.URGE)
        assert (s.yellow_on, s.red_on) == (D("2025-05-26"), D("2025-05-28"))

    def test_a_yellow_signal_stays_raised_after_an_extension(self) -> None:
        # Yellow on 05-26; extended that day by 10 working days: due 06-11
        # (05-28,29,30,06-03,04,05,06,09,10,11); the yellow of 05-26 is kept in the record.
        c = case("c", ACCEPTED, ("延长", "2025-05-27", "负责人"))
        s = one(LICENCE, c, "2025-06-04")
        assert (s.due, s.state, s.yellow_on, s.red_on) == (
            D("2025-06-11"),
            State.PENDING,
            D("2025-05-26"),
            None,
        )

    def test_completed_on_the_deadline_is_done_after_it_late(self) -> None:
        done = one(LICENCE, case("c", ACCEPTED, ("办结", "2025-05-27")), "2025-06-30")
        assert (done.state, done.completed_on, done.red_on) == (State.DONE, D("2025-05-27"), None)
        late = one(LICENCE, case("c", ACCEPTED, ("completed", "2025-05-28")), "2025-06-30")
        assert (late.state, late.red_on) == (State.LATE, D("2025-05-28"))

    def test_withdrawn(self) -> None:
        s = one(LICENCE, case("c", ACCEPTED, ("撤回", "2025-05-06")), "2025-06-30")
        assert (s.state, s.withdrawn_on, s.left) == (State.WITHDRAWN, D("2025-05-06"), None)

    def test_an_open_pause_holds_the_clock_at_the_evaluation_date(self) -> None:
        # Paused since 05-06 (4 used), still paused on 05-20: 16 left, no signal.
        c = case("c", ACCEPTED, ("暂停", "2025-05-06", "听证"))
        s = one(LICENCE, c, "2025-05-20")
        assert (s.state, s.paused, s.used, s.left) == (State.PENDING, True, 4, 16)
        # As if resumed on 05-20: 16 working days after it: 21,22,23,26,27,28,29,30,
        # 06-03,04,05,06,09,10,11,12 -> 06-12.
        assert s.due == D("2025-06-12")


class TestRestart:
    def test_counted_again_in_full_from_the_corrected_request(self) -> None:
        # Corrected request received Mon 05-12: 20 working days after it: 13,14,15,16 (4),
        # 19..23 (9), 26..30 (14), 06-03,04,05,06 (18), 09 (19), 10 (20) -> 2025-06-10.
        c = case("c", ACCEPTED, ("收到补正材料", "2025-05-12"))
        s = one(LICENCE, c, "2025-05-12")
        assert (s.started, s.nominal_due, s.due) == (
            D("2025-05-12"),
            D("2025-06-10"),
            D("2025-06-10"),
        )


class TestViolations:
    def test_an_extension_beyond_the_rule_is_not_counted_and_warned(self) -> None:
        c = case("c", ACCEPTED, ("延长", "2025-05-20"), ("延长", "2025-05-21"))
        res = evaluate_cases(LICENCE, [c], on=D("2025-05-22"))
        # One extension counts: 05-27 + 10 working days = 06-11 (as above).
        assert res[0].due == D("2025-06-11")
        assert res[0].violations == ("extension-beyond-limit",)
        assert [w.code for w in res.warnings] == ["case/extension-beyond-limit"]

    def test_an_extension_after_the_deadline_is_not_counted(self) -> None:
        c = case("c", ACCEPTED, ("延长", "2025-05-28"))
        s = one(LICENCE, c, "2025-05-29")
        assert (s.due, s.state, s.violations) == (
            D("2025-05-27"),
            State.OVERDUE,
            ("extension-after-deadline",),
        )

    def test_a_pause_for_a_reason_the_rule_does_not_list(self) -> None:
        c = case("c", ACCEPTED, ("暂停", "2025-05-06", "等待领导"), ("恢复", "2025-05-09"))
        res = evaluate_cases(LICENCE, [c], on=D("2025-05-20"))
        assert res[0].due == D("2025-05-27")
        assert res[0].violations == ("pause-reason",)
        assert {w.code for w in res.warnings} == {"case/pause-reason", "case/resume-without-pause"}


class TestStages:
    def test_a_stage_overrun_even_when_the_case_ends_in_time(self) -> None:
        rules = _rules(
            stages=Stages(
                stages=(
                    Stage(name="受理", count=5, unit=Unit.WORKING_DAYS),
                    Stage(name="审查", count=10, unit=Unit.WORKING_DAYS),
                    Stage(name="决定", count=5, unit=Unit.WORKING_DAYS),
                )
            )
        )
        c = case(
            "c", ACCEPTED, ("受理", "2025-05-08"), ("审查", "2025-05-20"), ("办结", "2025-05-27")
        )
        s = one(rules, c, "2025-06-30")
        # 受理: 5 working days after 04-25: 27,28,29,30, 05-06 -> due 05-06; ended 05-08: late.
        # 审查: from 05-08, 10: 09,12,13,14,15,16,19,20,21,22 -> 05-22; ended 05-20: in time.
        # 决定: from 05-20, 5: 21,22,23,26,27 -> 05-27; the case completed 05-27: in time.
        assert s.state is State.DONE
        assert [(x.name, x.due, x.state) for x in s.stages] == [
            ("受理", D("2025-05-06"), State.LATE),
            ("审查", D("2025-05-22"), State.DONE),
            ("决定", D("2025-05-27"), State.DONE),
        ]
        assert [x.overrun_on for x in s.stage_overruns] == [D("2025-05-07")]


class TestCalendarDays:
    def test_a_limit_in_days_ending_on_a_rest_day_moves(self) -> None:
        # 信访: 60 days after Mon 2025-03-03 is Fri 2025-05-02, in the Labour Day rest;
        # moved to the next working day, Tue 2025-05-06.
        rs = xzjd.loads(RULES.replace("二十个工作日内", "60日内"))
        s = one(rs, case("c", ("受理申请", "2025-03-03")), "2025-03-04")
        assert (s.nominal_due, s.due, s.used, s.left) == (D("2025-05-06"), D("2025-05-06"), 1, 59)


class TestBadRows:
    @pytest.mark.parametrize(
        ("rows", "code"),
        [
            ((("暂停", "2025-04-25", "听证"),), "case/no-start"),
            ((ACCEPTED, ACCEPTED), "case/two-starts"),
            ((ACCEPTED, ("暂挺", "2025-05-06")), "case/unknown-event"),
        ],
    )
    def test_positioned_errors_before_anything_is_evaluated(
        self, rows: tuple[tuple[str, str], ...], code: str
    ) -> None:
        good = case("ok", ACCEPTED)
        with pytest.raises(InputError) as info:
            evaluate_cases(LICENCE, [good, case("bad", *rows)], on=D("2025-05-06"))
        assert [d.code for d in info.value.diagnostics] == [code]
        assert "bad" in info.value.diagnostics[0].message


class TestCalendarEdge:
    def test_a_limit_in_months_ends_on_the_month_s_last_day_when_it_has_no_such_day(self) -> None:
        # 1 month after Fri 2025-01-31: February has no 31st, so its last day, Fri 2025-02-28
        # (a working day): 28 days.
        rs = xzjd.loads(RULES.replace("二十个工作日内", "1个月内"))
        s = one(rs, case("c", ("受理申请", "2025-01-31")), "2025-02-03")
        assert (s.due, s.limit) == (D("2025-02-28"), 28)

    def test_a_limit_running_past_the_calendar_is_an_error_at_the_case(self) -> None:
        # 20 working days after 2099-12-20 reach January 2100; the built-in calendar ends
        # with 2099 (docs/calendar.md): an error at the case's first row, naming the year.
        c = case("late", ("受理申请", "2099-12-20"))
        with pytest.raises(InputError) as info:
            evaluate_cases(LICENCE, [case("ok", ACCEPTED), c], on=D("2099-12-31"))
        [diag] = info.value.diagnostics
        assert diag.code == "case/no-calendar"
        assert "'late'" in diag.message and "2100" in diag.message

# SPDX-License-Identifier: MIT
"""Bad tests: scenarios that cannot be right whatever the rules say.

An unknown agency, obligation or period, ``overdue`` together with a due date that is not
before the evaluation date, a step the ladder does not have: such a test is bad input, a
diagnostic at its line and column (:func:`check_scenario`), never a failing test.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from xzjd.engine import calendar_for
from xzjd.errors import Diagnostic, Span, XzjdError
from xzjd.language import CheckedRuleset
from xzjd.model import AfterEvent, Expectation, Ruleset, Scenario, State, Step
from xzjd.periods.schedule import compile_schedule
from xzjd.scenarios.data_blocks import Facts
from xzjd.scenarios.diagnostics import diagnostic
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = ["check_scenario", "ruleset_calendar"]


def ruleset_calendar(ruleset: Ruleset | CheckedRuleset) -> Any:
    """The ruleset's calendar, or ``None`` when it cannot be built (reported elsewhere)."""
    try:
        return calendar_for(ruleset)
    except XzjdError:
        return None


def _did_you_mean(word: str, choices: Iterable[str]) -> tuple[str | None, str | None]:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?", f"是否应为“{close[0]}”？"
    return None, None


def check_scenario(
    scenario: Scenario, facts: Facts, rules: CheckedRuleset, file: str, text: str
) -> list[Diagnostic]:
    """Every reason the scenario is a bad test, whatever the rules say."""
    ruleset = rules.ruleset
    out: list[Diagnostic] = []

    def add(
        code: str,
        span: Span | None,
        message: str,
        message_zh: str,
        hint: str | None = None,
        hint_zh: str | None = None,
    ) -> None:
        out.append(diagnostic(code, file, text, span, message, message_zh, hint, hint_zh))

    if scenario.on is None:
        add(
            "scenario/no-date",
            scenario.span,
            f"scenario {scenario.title!r} has no evaluation date",
            f"场景“{scenario.title}”没有评估日",
            "add a line such as: on 2010-04-06",
            "请加一行，例如：评估日 2010-04-06",
        )
    if not len(facts.registry):
        add(
            "scenario/no-agencies",
            scenario.span,
            f"scenario {scenario.title!r} has no agencies",
            f"场景“{scenario.title}”没有机关",
            'name an agencies file (agencies "agencies.csv") or list rows under agencies:',
            '请指定机关文件（机关 "agencies.csv"）或在“机关：”下列出',
        )
    if not scenario.expectations:
        add(
            "scenario/no-expectations",
            scenario.span,
            f"scenario {scenario.title!r} expects nothing",
            f"场景“{scenario.title}”没有任何预期",
            "add at least one expect line",
            "请至少写一行预期",
        )
    obligations = {o.id: o for o in ruleset.obligations}
    calendar = ruleset_calendar(rules)
    for e in scenario.expectations:
        spans = e.spans
        if e.agency not in facts.registry:
            hint, hint_zh = _did_you_mean(e.agency, facts.registry.ids)
            add(
                "expect/unknown-agency",
                spans.get("agency"),
                f"unknown agency {e.agency!r}",
                f"未知的机关 {e.agency!r}",
                hint or "use an agency id of the scenario's agencies",
                hint_zh or "请使用场景机关中的机关标识",
            )
        for r in e.recipients or ():
            if r not in facts.registry:
                hint, hint_zh = _did_you_mean(r, facts.registry.ids)
                add(
                    "expect/unknown-agency",
                    spans.get("recipients"),
                    f"unknown recipient agency {r!r}",
                    f"未知的接收机关 {r!r}",
                    hint or "use an agency id of the scenario's agencies",
                    hint_zh or "请使用场景机关中的机关标识",
                )
        o = obligations.get(e.obligation)
        if o is None:
            hint, hint_zh = _did_you_mean(e.obligation, obligations)
            add(
                "expect/unknown-obligation",
                spans.get("obligation"),
                f"the rules have no obligation {e.obligation!r}",
                f"规则中没有义务 {e.obligation!r}",
                hint or "use an obligation id of the rules",
                hint_zh or "请使用规则中的义务标识",
            )
        else:
            if not e.absent:
                # "not reported" may name a period the schedule does not have: that is
                # exactly what it asserts (2010-B1 before the effective date).
                _check_period(e, o, ruleset, facts, calendar, add)
            _check_step(e, o, ruleset, add)
        if scenario.on is not None:
            _check_consistency(e, scenario.on, add)
    return out


def _check_period(
    e: Expectation, o: Any, ruleset: Ruleset, facts: Facts, calendar: Any, add: Any
) -> None:
    span = e.spans.get("period")
    schedule = o.schedule
    if isinstance(schedule, AfterEvent):
        ids = [ev.id for ev in facts.events if ev.agency == e.agency and ev.event == schedule.event]
        if e.period not in ids:
            hint, hint_zh = _did_you_mean(e.period, ids)
            add(
                "expect/unknown-period",
                span,
                f"{e.obligation} has no period {e.period!r} for {e.agency}: its periods are the "
                f"ids of {e.agency}'s {schedule.event!r} events",
                f"{e.obligation} 对 {e.agency} 没有期次 {e.period!r}：其期次为 {e.agency} 的 "
                f"{schedule.event!r} 事件标识",
                hint or f"known: {', '.join(ids) or 'none'}",
                hint_zh or f"已有：{'、'.join(ids) or '无'}",
            )
        return
    if calendar is None or schedule is None:
        return
    try:
        unroller = compile_schedule(ruleset, o, calendar)
        found = unroller.by_label(e.period)
        first = unroller.first()
    except XzjdError:
        return
    if found is None:
        example = f"; the first is {first.label!r}" if first is not None else ""
        example_zh = f"；第一期为 {first.label!r}" if first is not None else ""
        add(
            "expect/unknown-period",
            span,
            f"{e.obligation} has no period {e.period!r}{example}",
            f"{e.obligation} 没有期次 {e.period!r}{example_zh}",
            "labels look like once, 2010, 2010-06, 2010-B3, 2010-Q2 or 2010-H1, "
            "as the schedule makes them",
            "期次形如 once、2010、2010-06、2010-B3、2010-Q2、2010-H1（依日程而定）",
        )


def _check_step(e: Expectation, o: Any, ruleset: Ruleset, add: Any) -> None:
    if e.step is None:
        return
    steps: list[Step] = []
    if o.escalation is not None:
        try:
            steps = [s.step for s in ruleset.escalation(o.escalation).steps]
        except KeyError:
            return
    if e.step not in steps:
        have = ", ".join(s.value for s in steps) or "none"
        add(
            "expect/impossible-step",
            e.spans.get("step"),
            f"{e.obligation} never reaches the step {e.step.value!r} (its ladder's steps: {have})",
            f"{e.obligation} 的升级阶梯中没有“{STEP_ZH[e.step]}”",
            "expect one of the steps of the obligation's ladder",
            "请预期该义务升级阶梯中的步骤",
        )


def _check_consistency(e: Expectation, on: dt.date, add: Any) -> None:
    spans = e.spans
    state = e.state
    if (e.step is not None or e.no_step) and state not in (None, "overdue"):
        add(
            "expect/impossible",
            spans.get("step") or spans.get("no_step"),
            f"only an overdue period reaches a ladder step, not a {state} one",
            f"只有逾期的期次才有升级步骤，{STATE_ZH[State(state)]}的没有",
            "drop the step, or expect overdue",
            "请删去升级步骤，或预期逾期",
        )
    if e.step is not None and e.no_step:
        add(
            "expect/impossible",
            spans.get("no_step"),
            "the expectation asks for a step and for no step",
            "预期既要求升级步骤又要求未升级",
            "keep either the step or 'no step'",
            "请只保留升级步骤或“未升级”之一",
        )
    if e.days_overdue is not None and e.days_overdue < 1:
        add(
            "expect/impossible",
            spans.get("days"),
            "an overdue period is at least 1 day overdue",
            "逾期至少为1日",
            "days overdue count the calendar days after the deadline",
            "逾期日数按截止日之后的自然日计算",
        )
    due = e.due
    if due is None:
        return
    due_span = spans.get("due")
    if state == "overdue" and due >= on:
        add(
            "expect/impossible",
            due_span,
            f"a period due {due} cannot be overdue on {on}",
            f"截止日为 {due} 的期次在 {on} 不可能逾期",
            "a period is overdue only after its deadline",
            "期次只有在截止日之后才逾期",
        )
    elif state == "overdue" and e.days_overdue is not None and e.days_overdue >= on.toordinal():
        add(
            "expect/impossible",
            spans.get("days"),
            f"overdue {e.days_overdue} days on {on} means a deadline before 0001-01-01, "
            "the first date there is",
            f"{on} 逾期{e.days_overdue}日意味着截止日早于 0001-01-01，而该日已是最早的日期",
            "days overdue count the calendar days after the deadline",
            "逾期日数按截止日之后的自然日计算",
        )
    elif state == "overdue" and e.days_overdue is not None:
        expected_due = on - dt.timedelta(days=e.days_overdue)
        if expected_due != due:
            add(
                "expect/impossible",
                due_span,
                f"overdue {e.days_overdue} days on {on} means due {expected_due}, not {due}",
                f"{on} 逾期{e.days_overdue}日意味着截止日为 {expected_due}，而非 {due}",
                "days overdue count the calendar days after the deadline",
                "逾期日数按截止日之后的自然日计算",
            )
    elif state in ("pending", "warning") and due < on:
        add(
            "expect/impossible",
            due_span,
            f"a period due {due} cannot be {state} on {on}: the deadline has passed",
            f"截止日为 {due} 的期次在 {on} 已过期，不可能是“{STATE_ZH[State(state)]}”",
            "check the due date, or expect overdue, done or late",
            f"请检查截止日，或预期{STATE_ZH[State.OVERDUE]}、{STATE_ZH[State.DONE]}"
            f"或{STATE_ZH[State.LATE]}",
        )
    elif state == "late" and due >= on:
        add(
            "expect/impossible",
            due_span,
            f"a period due {due} cannot be done late by {on}",
            f"截止日为 {due} 的期次在 {on} 不可能{STATE_ZH[State.LATE]}",
            "a period is late only when its filing came after its deadline",
            f"只有截止日之后才报送的期次才是{STATE_ZH[State.LATE]}",
        )

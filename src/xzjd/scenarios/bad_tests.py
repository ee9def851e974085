# SPDX-License-Identifier: MIT
"""Bad tests: scenarios that cannot be right whatever the rules say.

An unknown agency, obligation, period or case, ``overdue`` together with a due date that is
not before the evaluation date, a step the ladder does not have, a signal dated after the
evaluation date: such a test is bad input, a diagnostic at its line and column
(:func:`check_scenario`), never a failing test.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from xzjd.engine import calendar_for
from xzjd.errors import Diagnostic, Span, XzjdError
from xzjd.language import CheckedRuleset
from xzjd.model import (
    AfterEvent,
    CaseExpectation,
    Expectation,
    Ruleset,
    Scenario,
    State,
    Step,
)
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


def _did_you_mean(word: str, choices: Iterable[str]) -> dict[str, str | None]:
    """The fields of the hint ``did-you-mean`` when a choice is close to *word*."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return {"hint": "did-you-mean" if close else None, "guess": close[0] if close else None}


def check_scenario(
    scenario: Scenario, facts: Facts, rules: CheckedRuleset, file: str, text: str
) -> list[Diagnostic]:
    """Every reason the scenario is a bad test, whatever the rules say."""
    ruleset = rules.ruleset
    out: list[Diagnostic] = []

    def add(key: str, span: Span | None, /, **fields: Any) -> None:
        out.append(diagnostic(key, file, text, span, **fields))

    if scenario.on is None:
        add("scenario/no-date", scenario.span, scenario_title=scenario.title)
    if not len(facts.registry) and (scenario.expectations or not scenario.case_expectations):
        # Cases are evaluated without agencies when there are none (then not checked
        # against them); periods always need them.
        add("scenario/no-agencies", scenario.span, scenario_title=scenario.title)
    if not scenario.expectations and not scenario.case_expectations:
        add("scenario/no-expectations", scenario.span, scenario_title=scenario.title)
    obligations = {o.id: o for o in ruleset.obligations}
    calendar = ruleset_calendar(rules)
    for e in scenario.expectations:
        spans = e.spans
        if e.agency not in facts.registry:
            guess = _did_you_mean(e.agency, facts.registry.ids)
            add("expect/unknown-agency", spans.get("agency"), agency=e.agency, **guess)
        for r in e.recipients or ():
            if r not in facts.registry:
                guess = _did_you_mean(r, facts.registry.ids)
                add("expect/unknown-agency#recipient", spans.get("recipients"), agency=r, **guess)
        o = obligations.get(e.obligation)
        if o is None:
            guess = _did_you_mean(e.obligation, obligations)
            add(
                "expect/unknown-obligation",
                spans.get("obligation"),
                obligation=e.obligation,
                **guess,
            )
        else:
            if not e.absent:
                # "not reported" may name a period the schedule does not have: that is
                # exactly what it asserts (2010-B1 before the effective date).
                _check_period(e, o, ruleset, facts, calendar, add)
            _check_step(e, o, ruleset, add)
        if scenario.on is not None:
            _check_consistency(e, scenario.on, add)
    cases = {c.id: c for c in facts.cases}
    for c in scenario.case_expectations:
        case = cases.get(c.case)
        if case is None:
            guess = _did_you_mean(c.case, cases)
            add("expect/unknown-case", c.spans.get("case"), case=c.case, **guess)
        elif case.obligation in obligations:
            _check_step(c, obligations[case.obligation], ruleset, add)
        if scenario.on is not None:
            _check_consistency(c, scenario.on, add)
            _check_signals(c, scenario.on, add)
    return out


def _check_signals(c: CaseExpectation, on: dt.date, add: Any) -> None:
    """A case's yellow and red signals: raised by the evaluation date, never together with
    ``no yellow`` / ``no red``, and red only for a case that ran past its deadline."""
    for what, day in (("yellow", c.yellow), ("red", c.red)):
        if day is not None and day > on:
            add("expect/impossible#signal-after-date", c.spans.get(what), day=day, on=on)
    if c.yellow is not None and c.no_yellow:
        add("expect/impossible#yellow-and-no-yellow", c.spans.get("no_yellow"))
    if c.red is not None and c.no_red:
        add("expect/impossible#red-and-no-red", c.spans.get("no_red"))
    if c.red is not None and c.state in ("pending", "warning", "done"):
        add(
            "expect/impossible#red-in-time",
            c.spans.get("red"),
            state=c.state,
            state_zh=STATE_ZH[State(c.state)],
        )


def _check_period(
    e: Expectation, o: Any, ruleset: Ruleset, facts: Facts, calendar: Any, add: Any
) -> None:
    span = e.spans.get("period")
    schedule = o.schedule
    if isinstance(schedule, AfterEvent):
        ids = [ev.id for ev in facts.events if ev.agency == e.agency and ev.event == schedule.event]
        if e.period not in ids:
            guess = _did_you_mean(e.period, ids)
            add(
                "expect/unknown-period#event",
                span,
                obligation=e.obligation,
                period=e.period,
                agency=e.agency,
                event=schedule.event,
                known=", ".join(ids) or "none",
                known_zh="、".join(ids) or "无",
                **guess,
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
        add(
            "expect/unknown-period" if first is None else "expect/unknown-period#first",
            span,
            obligation=e.obligation,
            period=e.period,
            first=None if first is None else first.label,
        )


def _check_step(e: Expectation | CaseExpectation, o: Any, ruleset: Ruleset, add: Any) -> None:
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
            obligation=o.id,
            step=e.step.value,
            step_zh=STEP_ZH[e.step],
            have=have,
        )


# The states a hint of expect/impossible names, in both languages.
_STATE_WORDS = {
    f"{s.value}{suffix}": word
    for s in (State.OVERDUE, State.DONE, State.LATE)
    for suffix, word in (("", s.value), ("_zh", STATE_ZH[s]))
}


def _check_consistency(e: Expectation | CaseExpectation, on: dt.date, add: Any) -> None:
    spans = e.spans
    state = e.state
    if (e.step is not None or e.no_step) and state not in (None, "overdue"):
        add(
            "expect/impossible",
            spans.get("step") or spans.get("no_step"),
            state=state,
            state_zh=STATE_ZH[State(state)],
        )
    if e.step is not None and e.no_step:
        add("expect/impossible#step-and-no-step", spans.get("no_step"))
    if e.days_overdue is not None and e.days_overdue < 1:
        add("expect/impossible#zero-days", spans.get("days"))
    due = e.due
    if due is None:
        return
    due_span = spans.get("due")
    if state == "overdue" and due >= on:
        add("expect/impossible#not-yet-due", due_span, due=due, on=on)
    elif state == "overdue" and e.days_overdue is not None and e.days_overdue >= on.toordinal():
        add(
            "expect/impossible#before-first-date",
            spans.get("days"),
            e_days_overdue=e.days_overdue,
            on=on,
        )
    elif state == "overdue" and e.days_overdue is not None:
        expected_due = on - dt.timedelta(days=e.days_overdue)
        if expected_due != due:
            add(
                "expect/impossible#days-and-due",
                due_span,
                e_days_overdue=e.days_overdue,
                on=on,
                expected_due=expected_due,
                due=due,
            )
    elif state in ("pending", "warning") and due < on:
        add(
            "expect/impossible#past-due",
            due_span,
            due=due,
            state=state,
            on=on,
            state_zh=STATE_ZH[State(state)],
            **_STATE_WORDS,
        )
    elif state == "late" and due >= on:
        add(
            "expect/impossible#not-late",
            due_span,
            due=due,
            on=on,
            **_STATE_WORDS,
        )

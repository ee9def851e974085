# SPDX-License-Identifier: MIT
"""Running scenarios against the engine, and comparing each expectation with its period.

Running a scenario evaluates the ruleset on its date (:func:`xzjd.engine.evaluate`)
and compares each expectation with the reported period, naming what differs (state, days
overdue, step, due, recipients). A failure carries the evaluation's own explanation
(:func:`xzjd.views.why.explain`: the deadline computation, which filings counted and which did
not). A scenario with case expectations also evaluates its cases on its date
(:func:`xzjd.engine.cases.evaluate_cases`, against its agencies when it has any) and compares
each with its case (state, days overdue, step, due, the yellow and red signals); a failure
carries the case's arithmetic (each pause, extension and restart with the deadline after it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xzjd.engine import ProvisionalYearError, Status, evaluate
from xzjd.engine.case_records import CaseStatus
from xzjd.engine.cases import evaluate_cases
from xzjd.errors import CalendarError, InputError, XzjdError
from xzjd.facts.agencies import bearer_matches
from xzjd.model import CaseExpectation, Expectation, Ruleset, Scenario, Step
from xzjd.scenarios.data_blocks import Facts, into_test_file
from xzjd.scenarios.diagnostics import diagnostic
from xzjd.scenarios.loading import TestFile
from xzjd.scenarios.results import (
    CaseExpectationResult,
    ExpectationResult,
    ScenarioResult,
    case_explanation,
    enum_value,
)
from xzjd.views.why import explain

__all__ = ["run_file", "run_scenario"]


def _is_bearer(ruleset: Ruleset, facts: Facts, agency: str, obligation: str) -> bool:
    a = facts.registry.get(agency)
    try:
        o = ruleset.obligation(obligation)
    except KeyError:
        return False
    return a is not None and any(bearer_matches(a, b) for b in o.bearers)


def _compare(e: Expectation, s: Status) -> list[str]:
    if e.absent:
        return ["expected not reported, but it is reported"]
    out = _compare_common(e, enum_value(s.state), s.days_overdue, s.step, s.due)
    if e.recipients is not None and sorted(e.recipients) != sorted(s.recipients):
        out.append("recipients")
    return list(dict.fromkeys(out))


def _compare_case(e: CaseExpectation, s: CaseStatus) -> list[str]:
    if e.absent:
        return ["expected not reported, but it is reported"]
    out = _compare_common(e, enum_value(s.state), s.days_overdue, s.step, s.due)
    if (e.yellow is not None and e.yellow != s.yellow_on) or (
        e.no_yellow and s.yellow_on is not None
    ):
        out.append("yellow")
    if (e.red is not None and e.red != s.red_on) or (e.no_red and s.red_on is not None):
        out.append("red")
    return list(dict.fromkeys(out))


def _compare_common(
    e: Expectation | CaseExpectation,
    state: Any,
    days_overdue: int | None,
    step: Step | None,
    due: dt.date,
) -> list[str]:
    """What differs in the clauses periods and cases share: state, days, step, due."""
    out: list[str] = []
    if e.state is not None and e.state != state:
        out.append("state")
    if e.days_overdue is not None and e.days_overdue != days_overdue:
        out.append("days overdue")
    if e.step is not None and e.step != step:
        out.append("step")
    if e.no_step and step is not None:
        out.append("step")
    if (e.step is not None or e.no_step) and e.state is None and state != "overdue":
        out.append("state")
    if e.due is not None and e.due != due:
        out.append("due")
    return out


def run_scenario(
    test: TestFile,
    index: int,
    *,
    always_explain: bool = False,
    lang: str = "en",
    provisional: bool = True,
) -> ScenarioResult:
    """Run scenario number *index* of *test*.

    With ``provisional=False`` a scenario that needs a calendar year without a State
    Council notice cannot run (:class:`xzjd.engine.ProvisionalYearError`).

    Raises:
        XzjdError: the evaluation itself failed (for example a date outside the calendar).
    """
    scenario = test.scenarios[index]
    facts = test.facts[index]
    assert scenario.on is not None
    on = scenario.on
    try:
        statuses = evaluate(
            test.rules,
            facts.registry,
            facts.filings,
            on=on,
            events=facts.events,
            provisional=provisional,
        )
    except ProvisionalYearError as exc:
        # Strict: the scenario runs unless it expects something of a withheld period.
        statuses = exc.statuses
        withheld = {(s.agency, s.obligation, s.period): s for s in exc.withheld}
        for e in scenario.expectations:
            needs = withheld.get((e.agency, e.obligation, e.period))
            if needs is not None:
                years = ", ".join(map(str, needs.provisional_years))
                raise CalendarError(
                    f"{e.agency} {e.obligation} {e.period} needs {years}, for which calendar "
                    f"'{test.ruleset.calendar}' has no State Council notice (--no-provisional)",
                    calendar=test.ruleset.calendar,
                    year=needs.provisional_years[0],
                ) from None
    except InputError as exc:
        bad = diagnostic(
            "scenario/bad-facts", test.path, test.text, scenario.span, scenario_title=scenario.title
        )
        raise InputError([*exc.diagnostics, bad]) from None
    index_ = {(s.agency, s.obligation, s.period): s for s in statuses}
    results: list[ExpectationResult] = []
    for e in scenario.expectations:
        status = index_.get((e.agency, e.obligation, e.period))
        note: str | None = None
        if status is None:
            mismatches = [] if e.absent else ["not reported"]
            if not _is_bearer(test.ruleset, facts, e.agency, e.obligation):
                note = f"{e.agency} does not owe {e.obligation}"
            else:
                note = f"the period {e.period} has not opened by {on}"
        else:
            mismatches = _compare(e, status)
        explanation = None
        if mismatches or always_explain:
            explanation = _explain(test, facts, e, on, lang)
        results.append(
            ExpectationResult(
                expectation=e,
                status=status,
                mismatches=tuple(mismatches),
                explanation=explanation,
                note=note,
            )
        )
    return ScenarioResult(
        file=test.path,
        scenario=scenario,
        results=tuple(results),
        case_results=_run_cases(test, facts, scenario, on, always_explain, lang),
        rules=test.rules,
        registry=facts.registry,
        rules_path=test.rules_path,
        text=test.text,
    )


def _run_cases(
    test: TestFile,
    facts: Facts,
    scenario: Scenario,
    on: dt.date,
    always_explain: bool,
    lang: str,
) -> tuple[CaseExpectationResult, ...]:
    """The scenario's case expectations checked against its cases on *on*."""
    if not scenario.case_expectations:
        return ()
    try:
        statuses = evaluate_cases(
            test.rules,
            facts.cases,
            on=on,
            agencies=facts.registry if len(facts.registry) else None,
            explain=True,
        )
    except InputError as exc:
        bad = diagnostic(
            "scenario/bad-facts", test.path, test.text, scenario.span, scenario_title=scenario.title
        )
        moved = into_test_file(exc.diagnostics, facts, test.path, test.text)
        raise InputError([*moved, bad]) from None
    by_case = {s.case: s for s in statuses}
    out: list[CaseExpectationResult] = []
    for e in scenario.case_expectations:
        status = by_case.get(e.case)
        if status is None:
            mismatches = [] if e.absent else ["not reported"]
            note = f"case {e.case} has not started by {on}"
        else:
            mismatches = _compare_case(e, status)
            note = None
        out.append(
            CaseExpectationResult(
                expectation=e,
                status=status,
                mismatches=tuple(mismatches),
                explanation=(
                    case_explanation(status, lang)
                    if status is not None and (mismatches or always_explain)
                    else None
                ),
                note=note,
            )
        )
    return tuple(out)


def _explain(test: TestFile, facts: Facts, e: Expectation, on: dt.date, lang: str) -> str:
    try:
        return explain(
            test.rules,
            facts.registry,
            facts.filings,
            agency=e.agency,
            obligation=e.obligation,
            period=e.period,
            on=on,
            events=facts.events,
            lang=lang,
        )
    except XzjdError as exc:
        return str(exc)


def run_file(
    test: TestFile,
    *,
    filter: str | None = None,
    always_explain: bool = False,
    lang: str = "en",
    provisional: bool = True,
    errors: list[tuple[Scenario, XzjdError]] | None = None,
) -> list[ScenarioResult]:
    """Run every scenario of *test* whose title (or ``file::title``) contains *filter*.

    Given an *errors* list, a scenario that cannot run (its evaluation raises, for example
    for a date outside the calendar) is added to it with the error, and the others still
    run; without one, the error is raised.
    """
    out = []
    for i, scenario in enumerate(test.scenarios):
        if (
            filter
            and filter not in scenario.title
            and filter not in f"{test.path}::{scenario.title}"
        ):
            continue
        try:
            result = run_scenario(
                test, i, always_explain=always_explain, lang=lang, provisional=provisional
            )
        except XzjdError as exc:
            if errors is None:
                raise
            errors.append((scenario, exc))
            continue
        out.append(result)
    return out

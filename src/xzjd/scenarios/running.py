# SPDX-License-Identifier: MIT
"""Running scenarios against the engine, and comparing each expectation with its period.

Running a scenario evaluates the ruleset on its date (:func:`xzjd.engine.evaluate`)
and compares each expectation with the reported period, naming what differs (state, days
overdue, step, due, recipients). A failure carries the evaluation's own explanation
(:func:`xzjd.views.why.explain`: the deadline computation, which filings counted and which did
not).
"""

from __future__ import annotations

import datetime as dt

from xzjd.engine import ProvisionalYearError, Status, evaluate
from xzjd.errors import CalendarError, InputError, XzjdError
from xzjd.facts.agencies import bearer_matches
from xzjd.model import Expectation, Ruleset, Scenario
from xzjd.scenarios.data_blocks import Facts
from xzjd.scenarios.diagnostics import diagnostic
from xzjd.scenarios.loading import TestFile
from xzjd.scenarios.results import ExpectationResult, ScenarioResult, enum_value
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
    out: list[str] = []
    state = enum_value(s.state)
    if e.absent:
        return ["expected not reported, but it is reported"]
    if e.state is not None and e.state != state:
        out.append("state")
    if e.days_overdue is not None and e.days_overdue != s.days_overdue:
        out.append("days overdue")
    if e.step is not None and e.step != s.step:
        out.append("step")
    if e.no_step and s.step is not None:
        out.append("step")
    if (e.step is not None or e.no_step) and e.state is None and state != "overdue":
        out.append("state")
    if e.due is not None and e.due != s.due:
        out.append("due")
    if e.recipients is not None and sorted(e.recipients) != sorted(s.recipients):
        out.append("recipients")
    return list(dict.fromkeys(out))


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
        rules=test.rules,
        registry=facts.registry,
        rules_path=test.rules_path,
        text=test.text,
    )


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

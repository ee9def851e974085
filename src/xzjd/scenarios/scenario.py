# SPDX-License-Identifier: MIT
"""Scenario tests of a ruleset: load them, run them, explain failures, measure coverage.

A scenario (grammar section 9) names facts (agencies, filings, events: files relative to the
test file, or inline CSV rows), an evaluation date and expectations about single periods::

    规则 "rules.zh.xzjd"
    机关 "agencies.csv"

    场景 "昭通市未按时报送表二"：
      评估日 2010-04-06
      预期 zt-gov key-posts-filing once 逾期5日，督促

Scenarios live in ``*.test.xzjd`` files, which name the rules they test with a ``rules`` /
``规则`` line, or in a rules file itself, where they test that file's ruleset. Data lines at
the top of a file are the defaults of every scenario in it; a scenario that has its own line of
a kind (for example ``filings:``) uses only its own lines of that kind.

Running a scenario evaluates the ruleset on its date (:func:`xzjd.engine.evaluate`) and
compares each expectation with the reported period. A failure carries the expected and the
actual values and the evaluation's own explanation (:func:`xzjd.views.why.explain`: the
deadline computation, which filings counted and which did not).

A test that cannot be right whatever the rules say (an unknown agency, obligation or period,
``overdue`` together with a due date that is not before the evaluation date, a step the ladder
does not have) is bad input: a :class:`~xzjd.errors.CheckError` whose diagnostics point at the
line and column, never a failing test.

Coverage (:func:`coverage`) counts which obligations, schedule branches (deadline moved or
kept, every state, every ladder step) and bearers the expectations exercised.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from xzjd.engine import ProvisionalYearError, Status, calendar_for, evaluate
from xzjd.errors import (
    CalendarError,
    CheckError,
    Diagnostic,
    ExplainedError,
    InputError,
    SourceError,
    Span,
    XzjdError,
    render_error,
)
from xzjd.facts.agencies import Agency, Registry, bearer_matches, read_agencies
from xzjd.facts.tables import Event, Filing, read_events, read_filings, text_source
from xzjd.language.loader import load, loads, read_text
from xzjd.language.scenario_text import expectation_text
from xzjd.model import (
    AfterEvent,
    AgencyBearer,
    Bearer,
    DataDecl,
    DataKind,
    During,
    Expectation,
    KindBearer,
    RestDayPolicy,
    Ruleset,
    Scenario,
    State,
    Step,
)
from xzjd.periods.schedule import compile_schedule
from xzjd.text.escape import escape_controls
from xzjd.text.lines import LineIndex
from xzjd.views.why import explain
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = [
    "Coverage",
    "ExpectationResult",
    "ScenarioResult",
    "TestFile",
    "add_test_command",
    "cmd_test",
    "coverage",
    "discover",
    "load_test_file",
    "run_file",
    "run_scenario",
]

_HEADERS = {
    DataKind.AGENCIES: "id,name,kind,level,region,tags",
    DataKind.FILINGS: "id,agency,obligation,filed_on,period,recipient,status",
    DataKind.EVENTS: "id,agency,event,date",
}

_SCENARIO_LINE = re.compile(r"^(scenario|场景)(?![\w-])", re.MULTILINE)


# --------------------------------------------------------------------------- loading


@attrs.frozen(kw_only=True)
class Facts:
    """The agencies, filings and events one scenario is evaluated against."""

    registry: Registry
    filings: tuple[Filing, ...]
    events: tuple[Event, ...]


@attrs.frozen(kw_only=True)
class TestFile:
    """A file of scenarios, loaded and checked.

    Attributes:
        path: the file as named by the user.
        ruleset: the rules the scenarios test (the file's own, or the one it names).
        rules_path: the file those rules come from.
        scenarios: the scenarios, in file order.
        facts: the facts of each scenario, in the same order.
    """

    __test__ = False  # not a pytest test class, whatever its name

    path: str
    ruleset: Ruleset
    rules_path: str
    scenarios: tuple[Scenario, ...]
    facts: tuple[Facts, ...]
    text: str = attrs.field(default="", repr=False)


def _line(text: str, line: int) -> str | None:
    return _line_index(text).line_text(line)


@functools.lru_cache(maxsize=2)
def _line_index(text: str) -> LineIndex:
    """One index per test file text, whatever number of lines its results quote."""
    return LineIndex(text)


def _diag(
    code: str,
    file: str,
    text: str,
    span: Span | None,
    message: str,
    message_zh: str,
    hint: str | None = None,
    hint_zh: str | None = None,
) -> Diagnostic:
    if span is not None and span.end_line != span.line:
        # A block's span runs to the next line; point at its first line only.
        end = len(_line(text, span.line) or "") + 1
        span = Span(span.line, span.column, span.line, max(end, span.column + 1))
    return Diagnostic(
        code=code,
        message=message,
        message_zh=message_zh,
        file=file,
        span=span,
        line_text=_line(text, span.line) if span else None,
        hint=hint,
        hint_zh=hint_zh,
    )


def _calendar(ruleset: Ruleset) -> Any:
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


class _Loader:
    """Reads the data files of a run once, whatever number of scenarios use them."""

    def __init__(self) -> None:
        self._files: dict[tuple[DataKind, str], tuple[Any, ...]] = {}
        self._rules: dict[str, Ruleset] = {}

    def rules(self, path: str) -> Ruleset:
        key = os.path.abspath(path)
        if key not in self._rules:
            self._rules[key] = load(path)
        return self._rules[key]

    def data(self, decl: DataDecl, base: str, file: str, text: str) -> tuple[Any, ...]:
        if decl.path is not None:
            path = decl.path if os.path.isabs(decl.path) else os.path.join(base, decl.path)
            key = (decl.kind, os.path.abspath(path))
            if key not in self._files:
                if not os.path.isfile(path):
                    raise CheckError(
                        [
                            _diag(
                                "scenario/no-such-file",
                                file,
                                text,
                                decl.span,
                                f"no such {decl.kind.value} file: {escape_controls(path)}",
                                f"{decl.kind.value} 文件不存在：{escape_controls(path)}",
                                "paths are relative to the test file",
                                "路径相对于测试文件所在目录",
                            )
                        ]
                    )
                self._files[key] = _read(decl.kind, path)
            return self._files[key]
        return _read_rows(decl, file, text)


def _read(kind: DataKind, source: Any) -> tuple[Any, ...]:
    if kind is DataKind.AGENCIES:
        return tuple(read_agencies(source))
    if kind is DataKind.FILINGS:
        return read_filings(source)
    return read_events(source)


def _read_rows(decl: DataDecl, file: str, text: str) -> tuple[Any, ...]:
    """Read inline rows; diagnostics point into the test file, not into a made-up CSV."""
    header = _HEADERS[decl.kind]
    csv_text = header + "\n" + "\n".join(r.text for r in decl.rows) + "\n"
    try:
        return _read(decl.kind, text_source(csv_text, file + ".csv"))
    except InputError as exc:
        moved: list[Diagnostic] = []
        for d in exc.diagnostics:
            row = None
            if d.span is not None and 2 <= d.span.line <= len(decl.rows) + 1:
                row = decl.rows[d.span.line - 2]
            if row is None or row.span is None or d.span is None:
                first = decl.rows[0].span if decl.rows else decl.span
                moved.append(
                    attrs.evolve(
                        d,
                        file=file,
                        span=first,
                        line_text=_line(text, first.line) if first else None,
                    )
                )
                continue
            shift = row.span.column - 1
            span = Span(
                row.span.line,
                d.span.column + shift,
                row.span.line,
                (d.span.end_column + shift)
                if d.span.end_line == d.span.line
                else row.span.end_column,
            )
            moved.append(
                attrs.evolve(d, file=file, span=span, line_text=_line(text, row.span.line))
            )
        raise InputError(moved) from None


def load_test_file(path: str | os.PathLike[str], *, loader: _Loader | None = None) -> TestFile:
    """Load a scenario file: the scenarios, the rules they test and their facts.

    Raises:
        ParseError: the file (or the rules file it names) is not well-formed.
        CheckError: the rules are inconsistent, or a scenario is a bad test (its
            diagnostics point at the line and column).
        InputError: a data file or an inline row is malformed.
    """
    loader = loader or _Loader()
    name = os.fspath(path)
    text = read_text(name)
    model = loads(text, file=name)
    base = os.path.dirname(name)
    ref = model.rules_ref
    if ref is not None:
        if model.obligations:
            raise CheckError(
                [
                    _diag(
                        "scenario/rules-and-obligations",
                        name,
                        text,
                        ref.span,
                        "a file with obligations tests its own rules; it cannot name others",
                        "含有义务的文件测试其自身的规则，不能再指定其他规则文件",
                        "move the scenarios into a *.test.xzjd file, or delete this line",
                        "请把场景移到 *.test.xzjd 文件中，或删除此行",
                    )
                ]
            )
        rules_path = ref.path if os.path.isabs(ref.path) else os.path.join(base, ref.path)
        if not os.path.isfile(rules_path):
            raise CheckError(
                [
                    _diag(
                        "scenario/no-such-rules",
                        name,
                        text,
                        ref.span,
                        f"no such rules file: {escape_controls(rules_path)}",
                        f"规则文件不存在：{escape_controls(rules_path)}",
                        "the path is relative to the test file",
                        "路径相对于测试文件所在目录",
                    )
                ]
            )
        ruleset = loader.rules(rules_path)
    elif model.obligations:
        ruleset, rules_path = model, name
    else:
        raise CheckError(
            [
                _diag(
                    "scenario/no-rules",
                    name,
                    text,
                    Span(1, 1, 1, 2),
                    "this file names no rules to test and has no obligations",
                    "此文件既未指定要测试的规则文件，也没有义务",
                    'start it with a line such as: rules "rules.xzjd"',
                    '请在文件开头写：规则 "rules.xzjd"',
                )
            ]
        )
    facts: list[Facts] = []
    problems: list[Diagnostic] = []
    for scenario in model.scenarios:
        try:
            f = _facts(scenario, model.data, loader, base, name, text)
        except SourceError as exc:
            problems.extend(exc.diagnostics)
            continue
        facts.append(f)
        problems.extend(_check_scenario(scenario, f, ruleset, name, text))
    if problems:
        raise CheckError(_unique(problems))
    return TestFile(
        path=name,
        ruleset=ruleset,
        rules_path=rules_path,
        scenarios=model.scenarios,
        facts=tuple(facts),
        text=text,
    )


def _unique(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for d in diags:
        if d not in out:
            out.append(d)
    return out


def _facts(
    scenario: Scenario,
    defaults: Sequence[DataDecl],
    loader: _Loader,
    base: str,
    file: str,
    text: str,
) -> Facts:
    found: dict[DataKind, list[Any]] = {}
    for kind in DataKind:
        decls = [d for d in scenario.data if d.kind is kind] or [
            d for d in defaults if d.kind is kind
        ]
        items: list[Any] = []
        for decl in decls:
            items.extend(loader.data(decl, base, file, text))
        found[kind] = items
    agencies: list[Agency] = found[DataKind.AGENCIES]
    return Facts(
        registry=Registry(agencies, file=file),
        filings=tuple(found[DataKind.FILINGS]),
        events=tuple(found[DataKind.EVENTS]),
    )


# --------------------------------------------------------------------------- bad tests


def _check_scenario(
    scenario: Scenario, facts: Facts, ruleset: Ruleset, file: str, text: str
) -> list[Diagnostic]:
    """Every reason the scenario is a bad test, whatever the rules say."""
    out: list[Diagnostic] = []

    def add(
        code: str,
        span: Span | None,
        message: str,
        message_zh: str,
        hint: str | None = None,
        hint_zh: str | None = None,
    ) -> None:
        out.append(_diag(code, file, text, span, message, message_zh, hint, hint_zh))

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
    calendar = _calendar(ruleset)
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


# --------------------------------------------------------------------------- running


@attrs.frozen(kw_only=True)
class ExpectationResult:
    """One expectation checked against the evaluation.

    Attributes:
        expectation: what the test says.
        status: the period the evaluation reported, or ``None`` if it reported none.
        mismatches: what differs, one phrase each (empty when it passed).
        explanation: the evaluation's explanation of the period (always computed on failure).
        note: why the period was not reported, when it was not.
    """

    expectation: Expectation
    status: Status | None
    mismatches: tuple[str, ...]
    explanation: str | None = None
    note: str | None = None

    @property
    def passed(self) -> bool:
        """True when nothing differs."""
        return not self.mismatches


@attrs.frozen(kw_only=True)
class ScenarioResult:
    """A scenario run: its expectations' results."""

    file: str
    scenario: Scenario
    results: tuple[ExpectationResult, ...]
    ruleset: Ruleset = attrs.field(repr=False)
    registry: Registry = attrs.field(repr=False)
    rules_path: str = ""
    text: str = attrs.field(default="", repr=False)

    @property
    def passed(self) -> bool:
        """True when every expectation passed."""
        return all(r.passed for r in self.results)

    @property
    def line(self) -> int:
        """The line of the scenario's header."""
        return self.scenario.span.line if self.scenario.span else 0

    def render(self, *, explain: bool = False, lang: str = "en") -> str:
        """The scenario's verdict; for failures (or with *explain*) what differs and why."""
        return render_result(self, explain=explain, lang=lang)


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def _is_bearer(ruleset: Ruleset, facts: Facts, agency: str, obligation: str) -> bool:
    a = facts.registry.get(agency)
    try:
        o = ruleset.obligation(obligation)
    except KeyError:
        return False
    return a is not None and any(bearer_matches(a, b) for b in o.bearers)


def _compare(e: Expectation, s: Status) -> list[str]:
    out: list[str] = []
    state = _value(s.state)
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
            test.ruleset,
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
        bad = _diag(
            "scenario/bad-facts",
            test.path,
            test.text,
            scenario.span,
            f"the facts of scenario {scenario.title!r} do not fit together (see above)",
            f"场景“{scenario.title}”的机关、报送和事件不一致（见上）",
            "a scenario with its own agencies usually needs its own filings and events "
            "(write: filings none / events none)",
            "使用自己机关的场景通常也需要自己的报送和事件（可写：报送 无 / 事件 无）",
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
        ruleset=test.ruleset,
        registry=facts.registry,
        rules_path=test.rules_path,
        text=test.text,
    )


def _explain(test: TestFile, facts: Facts, e: Expectation, on: dt.date, lang: str) -> str:
    try:
        return explain(
            test.ruleset,
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


def render_scenario_error(
    test: TestFile, scenario: Scenario, exc: XzjdError, *, lang: str = "en"
) -> str:
    """Why a scenario could not run, as a diagnostic at the scenario's line.

    ``file:line:col: error[scenario/cannot-run]: scenario 'title' could not run: …``, then
    the diagnostics of the error itself when it has any.
    """
    detail = str(exc).split("\n", 1)[0] if not isinstance(exc, SourceError) else exc.code
    head = Diagnostic(
        code="scenario/cannot-run",
        message=f"scenario {scenario.title!r} could not run: {detail}",
        message_zh=f"场景“{scenario.title}”无法运行：{detail}",
        file=test.path,
        span=scenario.span,
        line_text=None if scenario.span is None else _line(test.text, scenario.span.line),
        hint="the other scenarios ran; fix what the message names (for a calendar year, see "
        "docs/calendar.md), or leave out --no-provisional",
        hint_zh="其余场景已运行；请按提示修正（日历年份见 docs/calendar.md），"
        "或去掉 --no-provisional",
    )
    parts = [head.render(lang=lang)]
    if isinstance(exc, SourceError):
        parts.append(exc.render(lang=lang))
    return "\n".join(parts)


# --------------------------------------------------------------------------- rendering


def _describe_expected(e: Expectation, lang: str = "en") -> str:
    if lang == "zh":
        return expectation_text(e, "zh").split(" ", 3)[3]
    if e.absent:
        return "not reported"
    parts: list[str] = []
    if e.state is not None:
        parts.append(e.state)
    if e.days_overdue is not None:
        parts.append(f"{e.days_overdue} days overdue")
    if e.step is not None:
        parts.append(f"step {e.step.value}")
    if e.no_step:
        parts.append("no step")
    if e.due is not None:
        parts.append(f"due {e.due}")
    if e.recipients is not None:
        parts.append("recipients " + (", ".join(e.recipients) or "none"))
    return ", ".join(parts)


_NOTE_ZH = (
    (re.compile(r"^(\S+) does not owe (\S+)$"), r"\1 不承担 \2"),
    (re.compile(r"^the period (\S+) has not opened by (\S+)$"), r"期次 \1 在 \2 尚未开始"),
)

_MISMATCH_ZH = {
    "state": "状态",
    "days overdue": "逾期日数",
    "step": "升级步骤",
    "due": "截止日",
    "recipients": "接收机关",
    "not reported": "未列出",
    "expected not reported, but it is reported": "预期不列出，但已列出",
}


def _describe_actual(r: ExpectationResult, lang: str = "en") -> str:
    s = r.status
    zh = lang == "zh"
    if s is None:
        note = r.note
        if zh and note:
            for pattern, repl in _NOTE_ZH:
                note = pattern.sub(repl, note)
        if zh:
            return "未列出" + (f"（{note}）" if note else "")
        return "not reported" + (f" ({note})" if note else "")
    state = _value(s.state)
    if zh:
        word = STATE_ZH[State(state)]
        if s.days_overdue is not None:
            word += f"{s.days_overdue}日"
        parts = [word]
        if state == "overdue":
            parts.append(STEP_ZH[s.step] if s.step is not None else "未升级")
        due = f"截止 {s.due}"
        if s.nominal_due != s.due:
            due += f"（名义截止 {s.nominal_due}，顺延至工作日）"
        parts.append(due)
        parts.append("接收 " + ("、".join(s.recipients) or "无"))
        if s.filings:
            parts.append("报送 " + "、".join(s.filings))
        return "，".join(parts)
    parts = [state]
    if s.days_overdue is not None:
        parts.append(f"{s.days_overdue} days overdue")
    if state == "overdue":
        parts.append(f"step {s.step.value}" if s.step is not None else "no step")
    due = f"due {s.due}"
    if s.nominal_due != s.due:
        due += f" (nominal {s.nominal_due}, moved to the next working day)"
    parts.append(due)
    parts.append("recipients " + (", ".join(s.recipients) or "none"))
    if s.filings:
        parts.append("filings " + ", ".join(s.filings))
    return ", ".join(parts)


def render_result(result: ScenarioResult, *, explain: bool = False, lang: str = "en") -> str:
    """``PASS``/``FAIL`` with the file, line and title; details for failures."""
    verdict = "PASS" if result.passed else "FAIL"
    lines = [f"{verdict} {result.file}:{result.line}: {result.scenario.title}"]
    keyword = "预期" if lang == "zh" else "expect"
    for r in result.results:
        e = r.expectation
        line = e.span.line if e.span else 0
        mark = "ok  " if r.passed else "FAIL"
        where = f"第{line}行" if lang == "zh" else f"line {line}"
        written = _line(result.text, line) if result.text and line else None
        if written is not None:
            shown = written.split("#", 1)[0].strip()
        else:
            shown = f"{keyword} {expectation_text(e, lang)}"
        lines.append(f"  {mark} {where}: {shown}")
        if r.passed and not explain:
            continue
        if not r.passed and lang == "zh":
            differs = "、".join(_MISMATCH_ZH.get(m, m) for m in r.mismatches)
            lines.append(f"         预期：{_describe_expected(e, lang)}")
            lines.append(f"         实际：{_describe_actual(r, lang)}")
            lines.append(f"         不同：{differs}")
        elif not r.passed:
            lines.append(f"         expected: {_describe_expected(e)}")
            lines.append(f"         actual:   {_describe_actual(r)}")
            lines.append(f"         differs:  {', '.join(r.mismatches)}")
        if r.explanation:
            lines.append("         解释：" if lang == "zh" else "         explain:")
            lines.extend("           " + x for x in r.explanation.splitlines())
    return "\n".join(lines)


# --------------------------------------------------------------------------- coverage


@attrs.frozen(kw_only=True)
class CoverageArea:
    """One kind of thing counted: what could be exercised and what was."""

    name: str
    possible: tuple[str, ...]
    hit: frozenset[str]

    @property
    def missed(self) -> tuple[str, ...]:
        """What no expectation exercised, in rule order."""
        return tuple(x for x in self.possible if x not in self.hit)

    @property
    def percent(self) -> float:
        """The share exercised, 0 to 100 (100 when nothing can be)."""
        if not self.possible:
            return 100.0
        return 100.0 * (len(self.possible) - len(self.missed)) / len(self.possible)


@attrs.frozen(kw_only=True)
class Coverage:
    """Coverage of one ruleset by the scenarios that test it."""

    rules: str
    areas: tuple[CoverageArea, ...]

    @property
    def percent(self) -> float:
        """Everything counted together, 0 to 100."""
        total = sum(len(a.possible) for a in self.areas)
        if not total:
            return 100.0
        hit = sum(len(a.possible) - len(a.missed) for a in self.areas)
        return 100.0 * hit / total

    def render(self) -> str:
        """A short report: one line per area with its percentage, then what was missed."""
        lines = [f"coverage of {self.rules}: {self.percent:.1f}%"]
        for a in self.areas:
            done = len(a.possible) - len(a.missed)
            lines.append(f"  {a.name:<10} {a.percent:5.1f}%  ({done}/{len(a.possible)})")
        for a in self.areas:
            if not a.missed:
                continue
            lines.append(f"  missed {a.name}:")
            grouped: dict[str, list[str]] = {}
            for x in a.missed:
                head, _, rest = x.partition(": ")
                grouped.setdefault(head, []).append(rest)
            for head, rests in grouped.items():
                shown = "; ".join(r for r in rests if r)
                lines.append(f"    {head}" + (f": {shown}" if shown else ""))
        return "\n".join(lines)


def _bearer_text(b: Bearer) -> str:
    if isinstance(b, AgencyBearer):
        return b.agency
    assert isinstance(b, KindBearer)
    words = ["every"]
    if b.level is not None:
        words.append(b.level.value)
    words.append(b.kind.value)
    if b.tag is not None:
        words += ["tagged", b.tag]
    return " ".join(words)


def _branches(ruleset: Ruleset, horizon: dt.date) -> list[str]:
    """Every schedule branch the ruleset can take up to *horizon*, in rule order."""
    out: list[str] = []
    calendar = _calendar(ruleset)
    for o in ruleset.obligations:
        ladder = None
        if o.escalation is not None:
            try:
                ladder = ruleset.escalation(o.escalation)
            except KeyError:
                ladder = None
        moves_possible = False
        kept_possible = True
        if ruleset.rest_days is RestDayPolicy.MOVE and not isinstance(o.schedule, During):
            if isinstance(o.schedule, AfterEvent):
                moves_possible = True
            elif calendar is not None and o.schedule is not None:
                try:
                    unroller = compile_schedule(ruleset, o, calendar)
                    periods = unroller.between(unroller.start, horizon)
                    if not periods:
                        first = unroller.first()
                        periods = [first] if first is not None else []
                    moves_possible = any(p.due != p.nominal_due for p in periods)
                    kept_possible = any(p.due == p.nominal_due for p in periods)
                except XzjdError:
                    moves_possible = False
        if kept_possible:
            out.append(f"{o.id}: deadline kept")
        if moves_possible:
            out.append(f"{o.id}: deadline moved to the next working day")
        for state in ("pending", "warning", "overdue", "done", "late", "waived"):
            if state == "warning" and (ladder is None or ladder.warn is None):
                continue
            if state == "late" and isinstance(o.schedule, During):
                # Only a filing inside the month counts: a during duty is never done late.
                continue
            out.append(f"{o.id}: state {state}")
        if ladder is not None:
            for step in ladder.steps:
                out.append(f"{o.id}: step {step.step.value} reached")
    return out


def coverage(results: Sequence[ScenarioResult]) -> list[Coverage]:
    """Coverage of each ruleset tested by *results* (one entry per rules file)."""
    groups: dict[str, list[ScenarioResult]] = {}
    for r in results:
        groups.setdefault(os.path.abspath(r.rules_path), []).append(r)
    out: list[Coverage] = []
    for group in groups.values():
        ruleset = group[0].ruleset
        horizon = max(
            (r.scenario.on for r in group if r.scenario.on is not None), default=dt.date(2000, 1, 1)
        )
        obligations = tuple(o.id for o in ruleset.obligations)
        bearers = tuple(
            f"{o.id}: {_bearer_text(b)}" for o in ruleset.obligations for b in o.bearers
        )
        branches = tuple(_branches(ruleset, horizon))
        hit_obligations: set[str] = set()
        hit_branches: set[str] = set()
        hit_bearers: set[str] = set()
        for r in group:
            agencies = r.registry.ids
            for er in r.results:
                e = er.expectation
                s = er.status
                if s is None:
                    continue
                hit_obligations.add(e.obligation)
                try:
                    o = ruleset.obligation(e.obligation)
                except KeyError:
                    continue
                a = agencies.get(e.agency)
                if a is not None:
                    for b in o.bearers:
                        if bearer_matches(a, b):
                            hit_bearers.add(f"{o.id}: {_bearer_text(b)}")
                if s.due == s.nominal_due:
                    hit_branches.add(f"{o.id}: deadline kept")
                else:
                    hit_branches.add(f"{o.id}: deadline moved to the next working day")
                hit_branches.add(f"{o.id}: state {_value(s.state)}")
                if s.step is not None:
                    hit_branches.add(f"{o.id}: step {s.step.value} reached")
        out.append(
            Coverage(
                rules=group[0].rules_path,
                areas=(
                    CoverageArea(
                        name="obligations", possible=obligations, hit=frozenset(hit_obligations)
                    ),
                    CoverageArea(name="branches", possible=branches, hit=frozenset(hit_branches)),
                    CoverageArea(name="bearers", possible=bearers, hit=frozenset(hit_bearers)),
                ),
            )
        )
    return out


# --------------------------------------------------------------------------- printing


# --------------------------------------------------------------------------- discovery, CLI


def _has_scenarios(path: Path) -> bool:
    try:
        return bool(_SCENARIO_LINE.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The scenario files under *paths*: ``*.test.xzjd`` files, and rules files
    (``*.xzjd``) with scenario blocks. A file named explicitly is always taken."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*.xzjd")):
                if f.name.endswith(".test.xzjd") or _has_scenarios(f):
                    out.append(str(f))
        else:
            out.append(str(path))
    return list(dict.fromkeys(out))


def add_test_command(sub: Any) -> None:
    """Add ``xzjd test`` to the CLI's subparsers."""
    p = sub.add_parser(
        "test",
        help="run scenario tests",
        description=(
            "Run the scenarios of *.test.xzjd files and of rules files with scenario blocks. "
            "Exit 0 when all pass, 1 when one fails, 2 for bad input."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    p.add_argument("--filter", metavar="SUBSTRING", help="run only scenarios whose title has it")
    p.add_argument("--explain", action="store_true", help="explain every expectation")
    p.add_argument("--coverage", action="store_true", help="report coverage of the rules")
    p.add_argument(
        "--min-coverage",
        type=float,
        metavar="N",
        help="fail (exit 1) when coverage is below N percent (implies --coverage)",
    )
    p.add_argument(
        "--no-provisional",
        dest="provisional",
        action="store_false",
        help="a scenario that needs a calendar year without a State Council notice cannot run",
    )
    p.set_defaults(func=cmd_test)


#: The exit status of ``xzjd test`` when no scenario was collected (as pytest's).
EXIT_NONE_COLLECTED = 5


_WHAT_IS_COLLECTED = (
    "scenario files are *.test.xzjd files and rules files with scenario blocks",
    "场景文件为 *.test.xzjd 文件，或含“场景”块的规则文件",
)


def _none_collected(where: str, message: tuple[str, str], hint: tuple[str, str], lang: str) -> str:
    """The message of a run that collected nothing, in English or Chinese."""
    zh = lang == "zh"
    text, hint_text = (message[1], hint[1]) if zh else (message[0], hint[0])
    label = "提示" if zh else "hint"
    where = escape_controls(where)
    return f"{where}: error[test/none-collected]: {text}\n{label}: {hint_text}"


def cmd_test(args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str) -> int:
    """``xzjd test PATH... [--filter S] [--explain] [--coverage] [--min-coverage N]``.

    Exit status: 0 all passed, 1 a scenario failed (or coverage is too low), 2 bad input,
    5 nothing was collected (no scenario file, or no scenario in them or left by --filter).
    """
    files = discover(args.paths)
    loader = _Loader()
    bad = False
    results: list[ScenarioResult] = []
    if not files:
        where = ", ".join(str(p) for p in args.paths)
        message = (
            "no scenario files found: nothing was collected",
            "未找到场景文件：没有可运行的场景",
        )
        print(_none_collected(where, message, _WHAT_IS_COLLECTED, lang), file=stderr)
        print("0 passed, 0 failed", file=stdout)
        return EXIT_NONE_COLLECTED
    for name in files:
        errors: list[tuple[Scenario, XzjdError]] = []
        try:
            test = load_test_file(name, loader=loader)
            file_results = run_file(
                test,
                filter=args.filter,
                always_explain=args.explain,
                lang=lang,
                provisional=args.provisional,
                errors=errors,
            )
        except SourceError as exc:
            print(exc.render(lang=lang), file=stderr)
            bad = True
            continue
        except XzjdError as exc:
            text = render_error(exc, lang=lang)
            if not (isinstance(exc, ExplainedError) and exc.file is not None):
                text = f"{escape_controls(name)}: {text}"  # the test file is where it went wrong
            print(text, file=stderr)
            bad = True
            continue
        for r in file_results:
            print(render_result(r, explain=args.explain, lang=lang), file=stdout)
        for scenario, error in errors:
            print(render_scenario_error(test, scenario, error, lang=lang), file=stderr)
            bad = True
        results.extend(file_results)
    passed = sum(1 for r in results if r.passed)
    failed = len(results) - passed
    low = False
    if args.coverage or args.min_coverage is not None:
        for c in coverage(results):
            print(c.render(), file=stdout)
            if args.min_coverage is not None and c.percent < args.min_coverage:
                low = True
                print(
                    f"coverage {c.percent:.1f}% of {c.rules} is below {args.min_coverage:g}%",
                    file=stdout,
                )
    print(f"{passed} passed, {failed} failed", file=stdout)
    if bad:
        return 2
    if not results:
        if args.filter:
            message = (
                f"no scenario title contains {args.filter!r}: nothing was collected",
                f"没有标题包含 {args.filter!r} 的场景：没有可运行的场景",
            )
            hint = (
                "check the --filter text (it is matched against titles)",
                "请检查 --filter 的文本",
            )
        else:
            message = (
                "no scenario in these files: nothing was collected",
                "这些文件中没有场景：没有可运行的场景",
            )
            hint = _WHAT_IS_COLLECTED
        print(_none_collected(", ".join(files), message, hint, lang), file=stderr)
        return EXIT_NONE_COLLECTED
    return 1 if failed or low else 0


def iter_results(paths: Iterable[str | os.PathLike[str]]) -> Iterator[ScenarioResult]:
    """Run every scenario under *paths* (see :func:`discover`)."""
    loader = _Loader()
    for name in discover(paths):
        test = load_test_file(name, loader=loader)
        yield from run_file(test)

# SPDX-License-Identifier: MIT
"""The results of running scenarios, and their text.

:class:`ExpectationResult` (a period), :class:`CaseExpectationResult` (a case) and
:class:`ScenarioResult` hold what each expectation asked for and what the evaluation
reported. :func:`render_result` prints a scenario's verdict, ``PASS`` or ``FAIL`` with the
file, line and title, and for each failed expectation the expected and the actual values,
what differs and the evaluation's explanation, in English or Chinese;
:func:`render_scenario_error` says why a scenario could not run.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from xzjd.engine import Status
from xzjd.engine.case_records import CaseStatus
from xzjd.errors import SourceError, XzjdError
from xzjd.facts.agencies import Registry
from xzjd.language import CheckedRuleset
from xzjd.language.scenario_text import case_expectation_text, expectation_text
from xzjd.messages import count, diagnostic
from xzjd.model import CaseExpectation, Expectation, Ruleset, Scenario, State
from xzjd.scenarios.diagnostics import source_line
from xzjd.scenarios.loading import TestFile
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = [
    "CaseExpectationResult",
    "ExpectationResult",
    "ScenarioResult",
    "case_explanation",
    "enum_value",
    "render_result",
    "render_scenario_error",
]


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
class CaseExpectationResult:
    """One case expectation checked against the evaluation of the scenario's cases.

    Attributes:
        expectation: what the test says.
        status: the case as evaluated, or ``None`` if it had not started by the date.
        mismatches: what differs, one phrase each (empty when it passed).
        explanation: the case's arithmetic (always computed on failure).
        note: why the case was not reported, when it was not.
    """

    expectation: CaseExpectation
    status: CaseStatus | None
    mismatches: tuple[str, ...]
    explanation: str | None = None
    note: str | None = None

    @property
    def passed(self) -> bool:
        """True when nothing differs."""
        return not self.mismatches


@attrs.frozen(kw_only=True)
class ScenarioResult:
    """A scenario run: its expectations' results, of periods (``results``) and of cases
    (``case_results``)."""

    file: str
    scenario: Scenario
    results: tuple[ExpectationResult, ...]
    rules: CheckedRuleset = attrs.field(repr=False)
    registry: Registry = attrs.field(repr=False)
    rules_path: str = ""
    text: str = attrs.field(default="", repr=False)
    case_results: tuple[CaseExpectationResult, ...] = ()

    @property
    def ruleset(self) -> Ruleset:
        """The rules the scenario tested, as a model."""
        return self.rules.ruleset

    @property
    def passed(self) -> bool:
        """True when every expectation passed."""
        return all(r.passed for r in self.results) and all(r.passed for r in self.case_results)

    @property
    def line(self) -> int:
        """The line of the scenario's header."""
        return self.scenario.span.line if self.scenario.span else 0

    def render(self, *, explain: bool = False, lang: str = "en") -> str:
        """The scenario's verdict; for failures (or with *explain*) what differs and why."""
        return render_result(self, explain=explain, lang=lang)


def enum_value(x: Any) -> Any:
    """The value of an enum member (a state, a step); anything else as it is."""
    return getattr(x, "value", x)


def render_scenario_error(
    test: TestFile, scenario: Scenario, exc: XzjdError, *, lang: str = "en"
) -> str:
    """Why a scenario could not run, as a diagnostic at the scenario's line.

    ``file:line:col: error[scenario/cannot-run]: scenario 'title' could not run: …``, then
    the diagnostics of the error itself when it has any.
    """
    detail = str(exc).split("\n", 1)[0] if not isinstance(exc, SourceError) else exc.code
    head = diagnostic(
        "scenario/cannot-run",
        file=test.path,
        span=scenario.span,
        line_text=None if scenario.span is None else source_line(test.text, scenario.span.line),
        scenario_title=scenario.title,
        detail=detail,
    )
    parts = [head.render(lang=lang)]
    if isinstance(exc, SourceError):
        parts.append(exc.render(lang=lang))
    return "\n".join(parts)


def _shared_parts(e: Expectation | CaseExpectation) -> list[str]:
    """The clauses a period's and a case's expectation share, in English."""
    parts: list[str] = []
    if e.state is not None:
        parts.append(e.state)
    if e.days_overdue is not None:
        parts.append(f"{count(e.days_overdue, 'day')} overdue")
    if e.step is not None:
        parts.append(f"step {e.step.value}")
    if e.no_step:
        parts.append("no step")
    if e.due is not None:
        parts.append(f"due {e.due}")
    return parts


def _describe_expected(e: Expectation, lang: str = "en") -> str:
    if lang == "zh":
        return expectation_text(e, "zh").split(" ", 3)[3]
    if e.absent:
        return "not reported"
    parts = _shared_parts(e)
    if e.recipients is not None:
        parts.append("recipients " + (", ".join(e.recipients) or "none"))
    return ", ".join(parts)


def _describe_expected_case(e: CaseExpectation, lang: str = "en") -> str:
    if lang == "zh":
        return case_expectation_text(e, "zh").split(" ", 2)[2]
    if e.absent:
        return "not reported"
    parts = _shared_parts(e)
    if e.yellow is not None:
        parts.append(f"yellow {e.yellow}")
    if e.no_yellow:
        parts.append("no yellow")
    if e.red is not None:
        parts.append(f"red {e.red}")
    if e.no_red:
        parts.append("no red")
    return ", ".join(parts)


def _describe_actual_case(r: CaseExpectationResult, lang: str = "en") -> str:
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
    state = enum_value(s.state)
    if zh:
        word = STATE_ZH[State(state)]
        if s.days_overdue is not None:
            word += f"{s.days_overdue}日"
        parts = [word]
        if state == "overdue":
            parts.append(STEP_ZH[s.step] if s.step is not None else "未升级")
        parts.append(f"截止 {s.due}")
        parts.append(f"黄灯 {s.yellow_on}" if s.yellow_on is not None else "无黄灯")
        parts.append(f"红灯 {s.red_on}" if s.red_on is not None else "无红灯")
        return "，".join(parts)
    parts = [state]
    if s.days_overdue is not None:
        parts.append(f"{count(s.days_overdue, 'day')} overdue")
    if state == "overdue":
        parts.append(f"step {s.step.value}" if s.step is not None else "no step")
    parts.append(f"due {s.due}")
    parts.append(f"yellow {s.yellow_on}" if s.yellow_on is not None else "no yellow")
    parts.append(f"red {s.red_on}" if s.red_on is not None else "no red")
    return ", ".join(parts)


def case_explanation(s: CaseStatus, lang: str = "en") -> str:
    """A case's arithmetic, one line per step of its clock (the evaluation must have been
    asked to explain): the date, what happened and the deadline after it."""
    zh = lang == "zh"
    head = f"{s.case} · {s.agency} · {s.obligation}" + (f" “{s.title}”" if s.title else "")
    lines = [head]
    for step in s.steps:
        what = step.zh if zh else step.en
        due = "" if step.due is None else (f" → 截止 {step.due}" if zh else f" -> due {step.due}")
        lines.append(f"{step.date} {what}{due}")
    return "\n".join(lines)


_NOTE_ZH = (
    (re.compile(r"^case (\S+) has not started by (\S+)$"), r"办件 \1 在 \2 尚未开始"),
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
    "yellow": "黄灯",
    "red": "红灯",
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
    state = enum_value(s.state)
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
        parts.append(f"{count(s.days_overdue, 'day')} overdue")
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
    """``PASS``/``FAIL`` with the file, line and title; details for failures.

    Period and case expectations are listed together, in the order of their lines.
    """
    verdict = "PASS" if result.passed else "FAIL"
    lines = [f"{verdict} {result.file}:{result.line}: {result.scenario.title}"]
    keyword = "预期" if lang == "zh" else "expect"
    both: list[ExpectationResult | CaseExpectationResult] = [
        *result.results,
        *result.case_results,
    ]
    both.sort(key=lambda r: r.expectation.span.line if r.expectation.span else 0)
    for r in both:
        e = r.expectation
        line = e.span.line if e.span else 0
        mark = "ok  " if r.passed else "FAIL"
        where = f"第{line}行" if lang == "zh" else f"line {line}"
        written = source_line(result.text, line) if result.text and line else None
        if written is not None:
            shown = written.split("#", 1)[0].strip()
        elif isinstance(e, CaseExpectation):
            shown = f"{keyword} {case_expectation_text(e, lang)}"
        else:
            shown = f"{keyword} {expectation_text(e, lang)}"
        lines.append(f"  {mark} {where}: {shown}")
        if r.passed and not explain:
            continue
        if not r.passed:
            if isinstance(r, CaseExpectationResult):
                expected = _describe_expected_case(r.expectation, lang)
                actual = _describe_actual_case(r, lang)
            else:
                expected = _describe_expected(r.expectation, lang)
                actual = _describe_actual(r, lang)
            if lang == "zh":
                differs = "、".join(_MISMATCH_ZH.get(m, m) for m in r.mismatches)
                lines.append(f"         预期：{expected}")
                lines.append(f"         实际：{actual}")
                lines.append(f"         不同：{differs}")
            else:
                lines.append(f"         expected: {expected}")
                lines.append(f"         actual:   {actual}")
                lines.append(f"         differs:  {', '.join(r.mismatches)}")
        if r.explanation:
            lines.append("         解释：" if lang == "zh" else "         explain:")
            lines.extend("           " + x for x in r.explanation.splitlines())
    return "\n".join(lines)

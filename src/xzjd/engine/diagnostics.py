# SPDX-License-Identifier: MIT
"""The diagnostics of evaluation: a filing's or event's cell, unknown names with a guess,
provisional calendar years (the run's warning, the strict error), an unknown ``--agency``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from xzjd.errors import Diagnostic, EvaluationError, Severity, Span
from xzjd.facts.agencies import Registry
from xzjd.facts.tables import Located
from xzjd.model import Ruleset
from xzjd.text.lines import lines_of


def line_of(ruleset: Ruleset, span: Span | None) -> str | None:
    """The rules line at *span*, from one line index per ruleset (not a split per call)."""
    if span is None or not ruleset.text:
        return None
    return lines_of(ruleset, ruleset.text).line_text(span.line)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def cell_diag(
    item: Located,
    column: str,
    code: str,
    message: str,
    message_zh: str,
    hint: str | None,
    hint_zh: str | None,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    span = item.span_of(column)
    if span is None and item.line:
        span = Span(item.line, 1, item.line, 2)
    line_text = item.line_text
    if span is not None and item.origin is not None and span.line != item.line:
        line_text = item.origin.line_text(span.line)  # a JSON key on a later line
    return Diagnostic(
        code=code,
        message=message,
        message_zh=message_zh,
        file=item.file,
        span=span,
        line_text=line_text,
        hint=hint,
        hint_zh=hint_zh,
        severity=severity,
    )


def provisional_warning(ruleset: Ruleset, years: Sequence[int]) -> Diagnostic:
    """The warning of a run that counted on provisional *years*, at the calendar line."""
    listed = ", ".join(map(str, years))
    span = ruleset.calendar_span
    return Diagnostic(
        code="calendar/provisional",
        message=f"calendar '{ruleset.calendar}' has no State Council notice for {listed}: "
        "dates there are provisional, counted with the statutory holidays of the holiday law "
        "and no make-up working days (调休); records computed from them say provisional",
        message_zh=f"日历 {ruleset.calendar} 没有国务院 {listed} 年节假日安排通知：这些年份的"
        "日期为暂定，仅按《全国年节及纪念日放假办法》规定的法定节假日推算，不含调休上班日；"
        "据此计算的记录标注为暂定",
        file=ruleset.file,
        span=span,
        line_text=line_of(ruleset, span),
        hint="when the notice is published, add it: xzjd calendar import NOTICE.txt -o FILE.csv "
        "(docs/calendar.md); --no-provisional refuses provisional years",
        hint_zh="通知发布后请导入：xzjd calendar import 通知.txt -o 文件.csv"
        "（见 docs/calendar.md）；使用 --no-provisional 则不采用暂定年份",
        severity=Severity.WARNING,
    )


def no_notice_error(
    ruleset: Ruleset,
    agency: str,
    obligation: str,
    period: str,
    years: Sequence[int],
    *,
    outcome: tuple[str, str] = ("not evaluated", "未评估"),
) -> Diagnostic:
    """The error for a period that needs provisional *years* in strict mode, at its obligation.

    *outcome* says, in English and Chinese, what became of the period.
    """
    listed = ", ".join(map(str, years))
    o = next((o for o in ruleset.obligations if o.id == obligation), None)
    span = None if o is None else o.span
    where = f"{agency}, {obligation}, period {period}"
    where_zh = f"{agency}，{obligation}，期次 {period}"
    return Diagnostic(
        code="calendar/no-notice",
        message=f"{where} needs {listed}, for which calendar '{ruleset.calendar}' has no "
        f"State Council notice; {outcome[0]}",
        message_zh=f"{where_zh} 需要 {listed} 年的日历，日历 {ruleset.calendar} 没有该年的"
        f"国务院节假日安排通知；{outcome[1]}",
        file=ruleset.file,
        span=span,
        line_text=line_of(ruleset, span),
        hint="add the year's notice (xzjd calendar import NOTICE.txt), or leave out "
        "--no-provisional to count it with the statutory holidays alone",
        hint_zh="请导入该年通知（xzjd calendar import 通知.txt），或去掉 --no-provisional "
        "按法定节假日暂定计算",
    )


def unknown_agency(ident: str, registry: Registry) -> EvaluationError:
    """The error for an ``--agency`` (or ``agency=``) that names no agency."""
    guess = suggest(ident, registry.ids)
    return EvaluationError(
        f"unknown agency {ident!r}",
        code="argument/unknown-agency",
        argument="--agency",
        hint=f"did you mean {guess!r}?" if guess else f"name an agency of {registry.file}",
        message_zh=f"未知的机关 {ident!r}",
        hint_zh=f"是否应为 {guess!r}？" if guess else f"请写出 {registry.file} 中的机关标识",
    )

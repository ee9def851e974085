# SPDX-License-Identifier: MIT
"""The diagnostics of evaluation: a filing's or event's cell, unknown names with a guess,
provisional calendar years (the run's warning, the strict error), an unknown ``--agency``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from xzjd.errors import Diagnostic, EvaluationError, Severity, Span
from xzjd.facts.agencies import Registry
from xzjd.facts.tables import Located
from xzjd.messages import diagnostic, explained
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


def cell_place(item: Located, column: str) -> tuple[Span | None, str | None]:
    """The span of *item*'s cell *column* (or of its row), and the line that holds it."""
    span = item.span_of(column)
    if span is None and item.line:
        span = Span(item.line, 1, item.line, 2)
    line_text = item.line_text
    if span is not None and item.origin is not None and span.line != item.line:
        line_text = item.origin.line_text(span.line)  # a JSON key on a later line
    return span, line_text


def cell_diag(
    item: Located,
    column: str,
    key: str,
    /,
    severity: Severity | None = None,
    *,
    hint: str | None = None,
    **fields: Any,
) -> Diagnostic:
    """The diagnostic of catalogue entry *key* (:mod:`xzjd.messages`) at *item*'s cell."""
    span, line_text = cell_place(item, column)
    return diagnostic(
        key,
        file=item.file,
        span=span,
        line_text=line_text,
        severity=severity,
        hint=hint,
        place=item.place_of(column),
        **fields,
    )


def provisional_warning(ruleset: Ruleset, years: Sequence[int]) -> Diagnostic:
    """The warning of a run that counted on provisional *years*, at the calendar line."""
    listed = ", ".join(map(str, years))
    span = ruleset.calendar_span
    return diagnostic(
        "calendar/provisional",
        file=ruleset.file,
        span=span,
        line_text=line_of(ruleset, span),
        calendar=ruleset.calendar,
        listed=listed,
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
    return diagnostic(
        "calendar/no-notice",
        file=ruleset.file,
        span=span,
        line_text=line_of(ruleset, span),
        agency=agency,
        obligation=obligation,
        period=period,
        listed=listed,
        calendar=ruleset.calendar,
        outcome=outcome[0],
        outcome_zh=outcome[1],
    )


def unknown_agency(ident: str, registry: Registry) -> EvaluationError:
    """The error for an ``--agency`` (or ``agency=``) that names no agency."""
    guess = registry.suggest(ident)
    return explained(
        EvaluationError,
        "argument/unknown-agency",
        argument="--agency",
        hint="did-you-mean-id" if guess else None,
        guess=guess,
        ident=ident,
        file_name=registry.file,
    )

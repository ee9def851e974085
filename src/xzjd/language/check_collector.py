# SPDX-License-Identifier: MIT
"""The collector of the semantic checks: their diagnostics, each quoting its line, with
spans narrowed to the word at fault, and the "did you mean" of a misspelt name."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from xzjd.errors import Diagnostic, Severity, Span
from xzjd.model import Ruleset
from xzjd.text.lines import LineIndex

__all__ = ["Collector", "did_you_mean"]


class Collector:
    """The diagnostics found so far in *ruleset* (``found``), in the order they were found."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.lines = LineIndex(ruleset.text)  # built on the first position asked for
        self.found: list[Diagnostic] = []

    def add(
        self,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        message_zh: str | None = None,
        hint_zh: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line_text = None
        if span is not None and self.ruleset.text:
            line_text = self.lines.line_text(span.line)
        self.found.append(
            Diagnostic(
                code=code,
                message=message,
                file=self.ruleset.file,
                span=span,
                line_text=line_text,
                hint=hint,
                message_zh=message_zh,
                hint_zh=hint_zh,
                severity=severity,
            )
        )

    def narrow(self, span: Span | None, needle: str) -> Span | None:
        """The span of the first whole-word *needle* inside *span*, else *span* itself."""
        if span is None or not self.ruleset.text or span.end <= span.start:
            return span
        text = self.ruleset.text
        pattern = re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])")
        found = pattern.search(text, span.start, span.end)
        if found is None:
            found = re.compile(re.escape(needle)).search(text, span.start, span.end)
        if found is None:
            return span
        line, column = self.lines.position(found.start())
        return Span(line, column, line, column + len(needle), found.start(), found.end())


def did_you_mean(name: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?", f"是否应为“{close[0]}”？"
    return None, None

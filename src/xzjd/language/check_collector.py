# SPDX-License-Identifier: MIT
"""The collector of the semantic checks: their diagnostics, each quoting its line, with
spans narrowed to the word at fault, and the "did you mean" of a misspelt name."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from xzjd.errors import Diagnostic, Severity, Span
from xzjd.messages import diagnostic
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
        key: str,
        span: Span | None,
        /,
        *,
        severity: Severity | None = None,
        hint: str | None = None,
        **fields: Any,
    ) -> None:
        """Add the diagnostic of catalogue entry *key* (:mod:`xzjd.messages`) at *span*."""
        line_text = None
        if span is not None and self.ruleset.text:
            line_text = self.lines.line_text(span.line)
        self.found.append(
            diagnostic(
                key,
                file=self.ruleset.file,
                span=span,
                line_text=line_text,
                severity=severity,
                hint=hint,
                **fields,
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


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to *name*, if one is close (the hint ``did-you-mean``)."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return close[0] if close else None

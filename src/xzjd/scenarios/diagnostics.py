# SPDX-License-Identifier: MIT
"""Diagnostics that point into a scenario file: the quoted line and a span cut to one line.

A scenario file's diagnostics (a bad test, a missing data file, a scenario that cannot run)
quote the line they point at; :func:`source_line` reads it from the file's text, indexing each
text once whatever number of diagnostics and results quote it.
"""

from __future__ import annotations

import functools
from typing import Any

from xzjd import messages
from xzjd.errors import Diagnostic, Span
from xzjd.text.lines import LineIndex

__all__ = ["diagnostic", "source_line"]


def source_line(text: str, line: int) -> str | None:
    """Line *line* (1-based) of *text*, or ``None`` when it has no such line."""
    return _line_index(text).line_text(line)


@functools.lru_cache(maxsize=2)
def _line_index(text: str) -> LineIndex:
    """One index per test file text, whatever number of lines its results quote."""
    return LineIndex(text)


def diagnostic(key: str, file: str, text: str, span: Span | None, /, **fields: Any) -> Diagnostic:
    """The diagnostic of catalogue entry *key* (:mod:`xzjd.messages`) at *span* of the
    scenario file *file*, quoting its line from *text*."""
    if span is not None and span.end_line != span.line:
        # A block's span runs to the next line; point at its first line only.
        end = len(source_line(text, span.line) or "") + 1
        span = Span(span.line, span.column, span.line, max(end, span.column + 1))
    line_text = source_line(text, span.line) if span else None
    return messages.diagnostic(key, file=file, span=span, line_text=line_text, **fields)

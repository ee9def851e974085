# SPDX-License-Identifier: MIT
"""What every reduction of the builder uses: spans, numbers, tagged lines, the problem list.

:class:`BuilderBase` holds the source text and file name of one parse and collects the
problems seen while building (:meth:`BuilderBase._problem`); the builder's parts
(:mod:`xzjd.language.build_schedules`, :mod:`xzjd.language.build_actions`,
:mod:`xzjd.language.build_scenarios`) derive from it, and :class:`~xzjd.language.builder.Builder`
from them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from typing import Any

import attrs
from lark import Token

from xzjd.errors import Diagnostic, Span
from xzjd.language.reductions import Meta
from xzjd.messages import diagnostic
from xzjd.text.lines import LineIndex

__all__ = [
    "BlockLine",
    "BuilderBase",
    "HeaderLine",
    "LongNumber",
    "YearRange",
    "line_text",
    "meta_span",
    "number",
    "numbers",
    "seq",
    "token_span",
    "unquote",
    "year_range",
]


_QUOTES = {'"': '"', "“": "”", "「": "」"}


def token_span(token: Token) -> Span:
    """The span of one token."""
    return Span(
        token.line or 1,
        token.column or 1,
        token.end_line or token.line or 1,
        token.end_column or (token.column or 1) + len(token),
        token.start_pos or 0,
        token.end_pos or 0,
    )


def meta_span(meta: Meta) -> Span | None:
    """The span of a rule, from its first and last tokens (``None`` if it matched nothing)."""
    first = meta.first
    if first is None:
        return None
    last = meta.last
    assert last is not None
    return Span(
        first.line,  # type: ignore[arg-type]
        first.column,  # type: ignore[arg-type]
        last.end_line,  # type: ignore[arg-type]
        last.end_column,  # type: ignore[arg-type]
        first.start_pos,  # type: ignore[arg-type]
        last.end_pos,  # type: ignore[arg-type]
    )


def line_text(text: str, line: int) -> str | None:
    """The text of 1-based line *line*, or ``None`` if there is no such line.

    One look-up; for many, keep a :class:`~xzjd.text.lines.LineIndex` of the text.
    """
    return LineIndex(text).line_text(line)


def unquote(token: Token) -> str:
    """The content of a quoted string token, or the bare text as written."""
    value = str(token)
    if token.type == "STRING" and len(value) >= 2 and value[0] in _QUOTES:
        return value[1:-1]
    return value


@attrs.frozen
class YearRange:
    """A ``from``/``until`` year range, on its way to the schedule that takes it."""

    from_year: int | None
    until_year: int | None


@attrs.frozen
class BlockLine:
    """One line of an obligation block, tagged with what it says."""

    what: str
    value: Any
    span: Span | None
    extra: Any = None


@attrs.frozen
class HeaderLine:
    """One header line (of the file or of a scenario), tagged with what it says."""

    what: str
    value: Any
    span: Span | None


def seq(items: Iterable[Any]) -> Any:
    """A tuple for a model field with ``converter=tuple`` (typed loosely for mypy's attrs
    plugin, which cannot infer the converter's item type)."""
    return tuple(items)


# Numbers are kept exactly up to this many significant digits (Python converts at most 4300
# by default, see sys.get_int_max_str_digits); a year, a day or a count of a rules file needs
# at most five, and the checks reject anything above their limits.
_MAX_DIGITS = 4000
_ABOVE_ALL = 10**_MAX_DIGITS


def abbreviated(text: str, unit: str) -> str:
    """A long run of digits or numerals as a message quotes it: ``999999…999 (5000 digits)``."""
    return f"{text[:6]}…{text[-3:]} ({len(text)} {unit})"


class LongNumber(int):
    """A number written with more digits than Python converts to an ``int`` (a stuck key).

    It compares as 10**4000, above every limit the checks apply, so the checks report it at
    its place ("July has no day 999999…999 (5000 digits)"); it prints as the digits written,
    shortened.
    """

    text: str

    def __new__(cls, digits: str) -> LongNumber:
        number = super().__new__(cls, _ABOVE_ALL)
        number.text = abbreviated(digits, "digits")
        return number

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def number(text: str) -> int:
    """The number written as the decimal digits *text* (of any script, as ``\\d`` matches)."""
    digits = text.lstrip("0") or "0"
    limit = sys.get_int_max_str_digits()
    if len(digits) > _MAX_DIGITS or (limit and len(digits) > limit):
        return LongNumber(digits)
    return int(digits)


def numbers(children: list[Any]) -> list[int]:
    return [number(c) for c in children if isinstance(c, Token) and c.type == "INT"]


def year_range(children: list[Any]) -> YearRange:
    for c in children:
        if isinstance(c, YearRange):
            return c
    return YearRange(None, None)


class BuilderBase:
    """The state of one parse that every reduction shares: the text, the file, the problems.

    Args:
        text: the source text (for diagnostics and ``Ruleset.text``).
        file: the file name shown in diagnostics.
    """

    def __init__(self, text: str, file: str) -> None:
        self._source = text
        self._file = file
        self._lines: LineIndex | None = None
        self.problems: list[Diagnostic] = []

    def _line_text(self, line: int) -> str | None:
        """A line of the source, from an index built once per text."""
        lines = self._lines
        if lines is None or lines.text is not self._source:
            lines = self._lines = LineIndex(self._source)
        return lines.line_text(line)

    # ------------------------------------------------------------------ helpers

    def _problem(self, key: str, span: Span | None, /, **fields: Any) -> None:
        """Add the diagnostic of catalogue entry *key* (:mod:`xzjd.messages`) at *span*."""
        self.problems.append(
            diagnostic(
                key,
                file=self._file,
                span=span,
                line_text=self._line_text(span.line) if span else None,
                **fields,
            )
        )

    def _date(self, token: Token) -> dt.date | None:
        year, month, day = (number(p) for p in str(token).split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            self._problem("date/invalid", token_span(token), token=token)
            return None

    def _duplicate_line(self, what: str, span: Span | None) -> None:
        self._problem("dup/line", span, what=what)

# SPDX-License-Identifier: MIT
"""A JSON data file as rows: an array of flat objects, every position from one line index.

The array is decoded one object at a time by the strict decoder of :mod:`xzjd.text.strict_json`
(duplicate keys and deep nesting refused, with positions). The spans of an object's keys are
found only when a diagnostic needs them, so reading a valid file never looks for them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from xzjd.errors import Diagnostic, InputError, Span
from xzjd.facts.rows import Origin, Row
from xzjd.messages import diagnostic
from xzjd.text import strict_json as _json
from xzjd.text.lines import LineIndex

__all__ = ["json_rows"]


def json_rows(
    lines: LineIndex, origin: Origin, required: Sequence[str], optional: Sequence[str], what: str
) -> list[Row]:
    """The objects of a JSON array as rows; every position comes from the one line index."""
    name = origin.name
    text = lines.text

    def _position(offset: int) -> tuple[int, int, str]:
        line, column = lines.position(offset)
        return line, column, lines.line_text(line) or ""

    def fail(offset: int, key: str, **fields: Any) -> InputError:
        line, col, line_text = _position(offset)
        span = Span.point(line, col, offset)
        return InputError([diagnostic(key, file=name, span=span, line_text=line_text, **fields)])

    ws = re.compile(r"\s*")

    def skip(i: int) -> int:
        m = ws.match(text, i)
        return i if m is None else m.end()

    i = skip(0)
    if i >= len(text) or text[i] != "[":
        raise fail(i, "input/json#not-array", what=what)
    i = skip(i + 1)
    known = list(required) + list(optional)
    rows: list[Row] = []
    diags: list[Diagnostic] = []
    if i < len(text) and text[i] == "]":
        return rows
    while True:
        start = i
        try:
            obj, end = _json.decode(text, i)
        except _json.JsonProblem as exc:
            if exc.too_deep:
                raise fail(exc.offset, "input/json#too-deep", depth=_json.MAX_DEPTH) from None
            raise fail(exc.offset, "input/json#bad", detail=exc.detail) from None
        line, col, line_text = _position(start)
        row_span = Span(line, col, line, col + 1, start, start + 1)
        if not isinstance(obj, dict):
            diags.append(
                diagnostic(
                    "input/json#not-object",
                    file=name,
                    span=row_span,
                    line_text=line_text,
                    what=what,
                    keys=", ".join(f'"{k}": ...' for k in required),
                )
            )
        else:
            values: dict[str, str | None] = {}
            spans = _KeySpans(lines, start, end)  # worked out if a diagnostic needs them
            for key, value in obj.items():
                if key not in known:
                    span = spans.at(key)
                    diags.append(
                        diagnostic(
                            "input/header#unknown-key",
                            file=name,
                            span=span,
                            line_text=lines.line_text(span.line),
                            json_key=key,
                            what=what,
                            known=", ".join(known),
                        )
                    )
                    continue
                cell_value, problem = _json_value(value)
                if problem:
                    span = spans.at(key)
                    diags.append(
                        diagnostic(
                            "input/json#not-string",
                            file=name,
                            span=span,
                            line_text=lines.line_text(span.line),
                            json_key=key,
                            problem=problem,
                            problem_zh=_PROBLEM_ZH[problem],
                        )
                    )
                    continue
                values[key] = cell_value
            missing = [k for k in required if k not in obj]
            if missing:
                diags.append(
                    diagnostic(
                        "input/header#missing-key",
                        file=name,
                        span=row_span,
                        line_text=line_text,
                        missing=", ".join(missing),
                        required=", ".join(required),
                    )
                )
            else:
                end_line, end_col = lines.position(end)
                span = Span(line, col, end_line, end_col, start, end)
                rows.append(Row(origin, line, line_text, values, spans, span))
        i = skip(end)
        if i < len(text) and text[i] == ",":
            i = skip(i + 1)
            continue
        if i < len(text) and text[i] == "]":
            break
        raise fail(i, "input/json#separator")
    if diags:
        raise InputError(diags)
    return rows


_PROBLEM_ZH = {"a string": "字符串", "a string or a list of strings": "字符串或字符串数组"}


# A JSON string (optionally followed by the ':' that makes it a key), or a bracket. Strings
# are matched whole, so a bracket or a quoted key inside a value is never taken for one.
_JSON_PART = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"([ \t\r\n]*:)?|[\[\]{}]')


class _KeySpans(Mapping[str, Span]):
    """The spans of the keys of one JSON object, found on first use.

    Reading a valid file never asks for them; a diagnostic about a cell does.
    """

    __slots__ = ("_end", "_lines", "_offsets", "_start")

    def __init__(self, lines: LineIndex, start: int, end: int) -> None:
        self._lines = lines
        self._start = start
        self._end = end
        self._offsets: dict[str, int] | None = None

    def _found(self) -> dict[str, int]:
        if self._offsets is None:
            self._offsets = _key_offsets(self._lines.text, self._start, self._end)
        return self._offsets

    def __getitem__(self, key: str) -> Span:
        offset = self._found()[key]
        line, column = self._lines.position(offset)
        width = len(json.dumps(key, ensure_ascii=False))
        return Span(line, column, line, column + width, offset, offset + width)

    def at(self, key: str) -> Span:
        """The span of *key*, or of the object's first character if it cannot be found."""
        if key in self._found():
            return self[key]
        line, column = self._lines.position(self._start)
        return Span.point(line, column, self._start)

    def __iter__(self) -> Iterator[str]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


def _key_offsets(text: str, start: int, end: int) -> dict[str, int]:
    """Where each key of the JSON object in ``text[start:end]`` is written (its first time).

    One forward pass over the object, which the decoder has already found well-formed.
    """
    found: dict[str, int] = {}
    depth = 0
    for m in _JSON_PART.finditer(text, start, end):
        ch = text[m.start()]
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif depth == 1 and m.group(1) is not None:
            quoted = m.group(0)[: len(m.group(0)) - len(m.group(1))]
            key = json.loads(quoted) if "\\" in quoted else quoted[1:-1]
            found.setdefault(key, m.start())
    return found


def _json_value(value: Any) -> tuple[str | None, str | None]:
    """A JSON value as cell text; lists of strings join with ``;`` (tags)."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return (value.strip() or None), None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return (";".join(v.strip() for v in value) or None), None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, "a string or a list of strings"
    return None, "a string"

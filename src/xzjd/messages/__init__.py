# SPDX-License-Identifier: MIT
"""The message catalogue: the words of every diagnostic, in English and in Chinese.

Each diagnostic code maps to an :class:`Entry` holding its message and hint templates in
both languages (:meth:`str.format` strings with named fields). A call site names the code,
says where the problem is and gives the fields; :func:`diagnostic` fills the templates::

    diagnostic("input/unknown-agency", file=name, span=span, line_text=line, agency=ident)

A code whose words differ with the case has one entry per case, keyed ``code#case``
(``input/header#unknown-column``); the diagnostic's code is the part before ``#``. A hint
computed at the call site (a "did you mean") is one of :data:`HINTS`, chosen with
``hint=``; its fields are fields of the call like any other.

An English template counts with the format spec ``count:NOUN``: ``{moved:count:day}`` gives
``1 day`` and ``2 days`` (the noun takes an ``s`` unless the number is 1); the Chinese
templates, which have no plural, write the field as it is (``{moved}天``).

The module sits directly above :mod:`xzjd.errors` and imports nothing else of xzjd, so that
every stage can use it. docs/architecture.md says how to add a diagnostic.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from xzjd.errors import Diagnostic, ExplainedError, Severity, Span
from xzjd.messages import (
    calendar,
    cases,
    cli,
    clocks,
    engine,
    facts,
    kinds,
    language,
    notice,
    periods,
    rulesets,
    scenarios,
    views,
)
from xzjd.messages.entry import Entry
from xzjd.messages.hints import HINTS, Hint

__all__ = [
    "CATALOGUE",
    "HINTS",
    "Entry",
    "Hint",
    "Texts",
    "code_of",
    "count",
    "diagnostic",
    "explained",
    "texts",
]


def _merge(*areas: Mapping[str, Entry]) -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for entries in areas:
        twice = merged.keys() & entries.keys()
        if twice:
            raise ValueError(f"catalogue keys given twice: {sorted(twice)}")
        merged.update(entries)
    return merged


#: Every entry, by key: the code, or ``code#case`` for one of several wordings of a code.
CATALOGUE: Mapping[str, Entry] = _merge(
    language.ENTRIES,
    kinds.ENTRIES,
    clocks.ENTRIES,
    facts.ENTRIES,
    calendar.ENTRIES,
    notice.ENTRIES,
    periods.ENTRIES,
    engine.ENTRIES,
    cases.ENTRIES,
    views.ENTRIES,
    scenarios.ENTRIES,
    cli.ENTRIES,
    rulesets.ENTRIES,
)


class _Words(string.Formatter):
    """:meth:`str.format`, with the spec ``count:NOUN`` for a number and its noun."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        noun = format_spec.removeprefix("count:")
        if noun != format_spec:
            return f"{value} {noun}" if value == 1 else f"{value} {noun}s"
        return super().format_field(value, format_spec)


_WORDS = _Words()


def count(n: int, noun: str) -> str:
    """``1 day``, ``2 days``: *n* and the English *noun*, plural unless *n* is 1."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@attrs.frozen
class Texts:
    """The words of one diagnostic, filled in."""

    code: str
    message: str
    message_zh: str
    hint: str | None
    hint_zh: str | None


def code_of(key: str) -> str:
    """The diagnostic code of a catalogue key: ``input/header#missing`` → ``input/header``."""
    return key.partition("#")[0]


def texts(key: str, /, *, hint: str | None = None, **fields: object) -> Texts:
    """The entry *key* filled with *fields*; *hint* names one of :data:`HINTS` to use
    instead of the entry's own hint."""
    entry = CATALOGUE[key]
    hint_en, hint_zh = entry.hint, entry.hint_zh
    if hint is not None:
        hint_en, hint_zh = HINTS[hint].hint, HINTS[hint].hint_zh
    return Texts(
        code=code_of(key),
        message=_WORDS.format(entry.message, **fields),
        message_zh=_WORDS.format(entry.message_zh, **fields),
        hint=None if hint_en is None else _WORDS.format(hint_en, **fields),
        hint_zh=None if hint_zh is None else _WORDS.format(hint_zh, **fields),
    )


def diagnostic(
    key: str,
    /,
    *,
    file: str = "<string>",
    span: Span | None = None,
    line_text: str | None = None,
    severity: Severity | None = None,
    hint: str | None = None,
    place: str | None = None,
    **fields: object,
) -> Diagnostic:
    """The diagnostic of catalogue entry *key*, its templates filled with *fields*.

    *severity* overrides the entry's (an error unless the entry says warning); *hint*
    names one of :data:`HINTS` to give instead of the entry's hint; *place* is a workbook
    cell (:attr:`~xzjd.errors.Diagnostic.place`).
    """
    words = texts(key, hint=hint, **fields)
    return Diagnostic(
        code=words.code,
        message=words.message,
        file=file,
        span=span,
        line_text=line_text,
        hint=words.hint,
        message_zh=words.message_zh,
        hint_zh=words.hint_zh,
        severity=severity or CATALOGUE[key].severity or Severity.ERROR,
        place=place,
    )


_E = TypeVar("_E", bound=ExplainedError)


def explained(
    cls: type[_E],
    key: str,
    /,
    *,
    argument: str | None = None,
    file: str | None = None,
    span: Span | None = None,
    line_text: str | None = None,
    hint: str | None = None,
    **fields: object,
) -> _E:
    """An :class:`~xzjd.errors.ExplainedError` of type *cls* worded by entry *key*."""
    words = texts(key, hint=hint, **fields)
    return cls(
        words.message,
        code=words.code,
        argument=argument,
        hint=words.hint,
        message_zh=words.message_zh,
        hint_zh=words.hint_zh,
        file=file,
        span=span,
        line_text=line_text,
    )

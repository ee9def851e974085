# SPDX-License-Identifier: MIT
"""The builder's reductions of the lines of a case's clock: pause, extension, restart, stages.

Each method maps one clock line of an obligation block (grammar section 5) onto its
:mod:`xzjd.model.clocks` value, tagged as a :class:`~xzjd.language.build_base.BlockLine`;
:meth:`ClockForms._clock_fields` takes them out of an obligation's lines and reports a kind
given twice. The values are checked later (:mod:`xzjd.language.check_clocks`).
"""

from __future__ import annotations

from typing import Any

from lark import Token

from xzjd.language.build_base import BlockLine, meta_span, number, seq, unquote
from xzjd.language.build_schedules import ScheduleForms
from xzjd.language.reductions import Meta
from xzjd.model import Extension, Pause, Restart, Stage, Stages, Unit

__all__ = ["CLOCK_LINES", "ClockForms"]

#: The clock lines of an obligation block, as :class:`BlockLine` tags them, with the words
#: of each in a message (English, Chinese).
CLOCK_LINES = {
    "pause": ("'not counting'", "“期间不计入期限”"),
    "extension": ("'may be extended'", "“可以延长”"),
    "restart": ("'counted again from'", "“重新计算”"),
    "stages": ("'stages'", "“分环节”"),
}

_COUNTS = frozenset({"INT", "NUM_ZH"})


class ClockForms(ScheduleForms):
    """The reductions of the clock lines (part of :class:`~xzjd.language.builder.Builder`)."""

    def pause(self, meta: Meta, children: list[Any]) -> BlockLine:
        reasons = [str(c) for c in children if isinstance(c, Token)]
        span = meta_span(meta)
        return BlockLine("pause", Pause(reasons=seq(reasons), span=span), span)

    def extension(self, meta: Meta, children: list[Any]) -> BlockLine:
        counts = [self._count(c) for c in children if isinstance(c, Token) and c.type in _COUNTS]
        unit = next(c for c in children if isinstance(c, Unit))
        times = next((c for c in children if isinstance(c, _Times)), None)
        approver = next(
            (c for c in children if isinstance(c, str) and not isinstance(c, Token)), None
        )
        if times is not None:
            times_value = times.value
        elif len(counts) > 1:
            times_value = counts[1]  # 以M次为限
        else:
            times_value = 1
        span = meta_span(meta)
        value = Extension(
            count=counts[0], unit=unit, times=times_value, approver=approver, span=span
        )
        return BlockLine("extension", value, span)

    def times_once(self, meta: Meta, children: list[Any]) -> _Times:
        return _Times(1)

    def times_twice(self, meta: Meta, children: list[Any]) -> _Times:
        return _Times(2)

    def times_n(self, meta: Meta, children: list[Any]) -> _Times:
        return _Times(number(children[0]))

    def approver_zh(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def restart(self, meta: Meta, children: list[Any]) -> BlockLine:
        event = next(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        span = meta_span(meta)
        return BlockLine("restart", Restart(event=event, span=span), span)

    def stage(self, meta: Meta, children: list[Any]) -> Stage:
        name = str(children[0])
        count = next(c for c in children[1:] if isinstance(c, Token) and c.type in _COUNTS)
        unit = next(c for c in children if isinstance(c, Unit))
        return Stage(name=name, count=self._count(count), unit=unit, span=meta_span(meta))

    def stages(self, meta: Meta, children: list[Any]) -> BlockLine:
        span = meta_span(meta)
        found = seq(c for c in children if isinstance(c, Stage))
        return BlockLine("stages", Stages(stages=found, span=span), span)

    def _clock_fields(self, ob_id: str, lines: list[BlockLine]) -> dict[str, Any]:
        """The clock fields of obligation *ob_id* from its *lines* (which keep the others).

        A kind of clock line given twice is reported at the second (``clock/duplicate``); the
        first is kept.
        """
        fields: dict[str, Any] = {}
        rest: list[BlockLine] = []
        for line in lines:
            if line.what not in CLOCK_LINES:
                rest.append(line)
                continue
            if line.what in fields:
                words, words_zh = CLOCK_LINES[line.what]
                first = fields[line.what].span
                where = f" (the first is on line {first.line})" if first is not None else ""
                self._problem(
                    "clock/duplicate",
                    line.span,
                    ob=ob_id,
                    words=words,
                    words_zh=words_zh,
                    where=where,
                )
                continue
            fields[line.what] = line.value
        lines[:] = rest
        return fields


class _Times:
    """How many times an extension is allowed, on its way to the extension line."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value

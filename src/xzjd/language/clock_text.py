# SPDX-License-Identifier: MIT
"""The lines of a case's clock printed back as text, in English or Chinese (used by
:func:`xzjd.language.to_text`): pause, extension, restart and stages, in the forms the parser
reads back (docs/language.md section 6.9).

The Chinese forms are the statutes' first spellings: ``…期间不计入期限``,
``经…批准，可以延长…[，以M次为限]``, ``自…之日起重新计算``, ``分环节：…、…``; counts are
written in digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from xzjd.model import Extension, Obligation, Pause, Restart, Stages, Unit
from xzjd.vocab import UNIT_ZH

__all__ = ["clock_lines", "unit_text"]

# An approver written bare between 经 and 批准 (the grammar's APPROVER_ZH); else it is quoted.
_APPROVER_ZH_BARE = re.compile(r"[^\s\"“「#，,](?:[^\n#，,]*[^\s#，,])?")

_UNIT_EN = {Unit.DAYS: "day", Unit.WORKING_DAYS: "working day", Unit.MONTHS: "month"}


def unit_text(count: int, unit: Unit) -> tuple[str, str]:
    """A count with its unit in English and in Chinese: ``20 working days``, ``20个工作日``."""
    word = _UNIT_EN[unit] + ("s" if count != 1 else "")
    return f"{count} {word}", f"{count}{UNIT_ZH[unit]}"


def clock_lines(
    o: Obligation, lang: str, *, quote: Callable[[str], str], text: Callable[[str], str]
) -> list[str]:
    """The clock lines of *o* (pause, extension, restart, stages), unindented.

    *quote* quotes a free text; *text* writes a free text to the end of a line, bare when it
    reads back unchanged (the printer's own rules for free text).
    """
    zh = lang == "zh"
    lines: list[str] = []
    if o.pause is not None:
        lines.append(_pause(o.pause, zh))
    if o.extension is not None:
        lines.append(_extension(o.extension, zh, quote, text))
    if o.restart is not None:
        lines.append(_restart(o.restart, zh))
    if o.stages is not None:
        lines.append(_stages(o.stages, zh))
    return lines


def _names_en(names: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(names)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _times_en(times: int) -> str:
    return {1: "once", 2: "twice"}.get(times, f"{times} times")


def _approver_zh(approver: str, quote: Callable[[str], str]) -> str:
    if not _APPROVER_ZH_BARE.fullmatch(approver) or "批准" in approver:
        return quote(approver)
    # A name in Latin letters is set off from the Chinese words by spaces.
    left = " " if approver[0].isascii() else ""
    right = " " if approver[-1].isascii() else ""
    return f"{left}{approver}{right}"


def _stage_name_zh(name: str) -> str:
    # A name ending in a digit or a Latin letter is set off from its count by a space
    # (审查2 5个工作日 is the stage 审查2; 审查25个工作日 would be 审查 and 25).
    last = name[-1:]
    return name + " " if last.isdigit() or last.isascii() else name


def _pause(p: Pause, zh: bool) -> str:
    if not p.reasons:
        raise ValueError("a pause with no reason cannot be printed")
    if zh:
        return "、".join(p.reasons) + "期间不计入期限"
    return "not counting " + _names_en(p.reasons)


def _extension(
    e: Extension, zh: bool, quote: Callable[[str], str], text: Callable[[str], str]
) -> str:
    en, zh_count = unit_text(e.count, e.unit)
    if zh:
        head = f"经{_approver_zh(e.approver, quote)}批准，" if e.approver is not None else ""
        times = f"，以{e.times}次为限" if e.times != 1 else ""
        return f"{head}可以延长{zh_count}{times}"
    line = f"may be extended by {en} {_times_en(e.times)}"
    if e.approver is not None:
        line += f", approved by {text(e.approver)}"
    return line


def _restart(r: Restart, zh: bool) -> str:
    # The 自 is the preposition "from", so an event named 自查 reads 自自查之日起.
    return f"自{r.event}之日起重新计算" if zh else f"counted again from {r.event}"


def _stages(s: Stages, zh: bool) -> str:
    if not s.stages:
        raise ValueError("stages with no stage cannot be printed")
    if zh:
        return "分环节：" + "、".join(
            f"{_stage_name_zh(t.name)}{unit_text(t.count, t.unit)[1]}" for t in s.stages
        )
    return "stages: " + ", ".join(f"{t.name} {unit_text(t.count, t.unit)[0]}" for t in s.stages)

# SPDX-License-Identifier: MIT
"""Output of evaluation results: a table for people, JSON and CSV for programs.

The JSON of :func:`render_json` is the contract of language.md section 6: one array, sorted by
agency, obligation and deadline, of objects with exactly the keys
``agency, obligation, period, opens, nominal_due, due, state, days_overdue, step, recipients,
filings, source`` in that order. The table groups rows by agency and colours states (green
pending, yellow warning, red overdue) only when asked to; the CLI asks when stdout is a
terminal and ``NO_COLOR`` is not set (https://no-color.org).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

from xzjd.errors import display_width
from xzjd.evaluate import AgendaItem, State, Status

__all__ = [
    "JSON_KEYS",
    "render_agenda_json",
    "render_agenda_table",
    "render_csv",
    "render_json",
    "render_table",
    "use_color",
]

#: The keys of one JSON record, in order (language.md section 6).
JSON_KEYS = (
    "agency",
    "obligation",
    "period",
    "opens",
    "nominal_due",
    "due",
    "state",
    "days_overdue",
    "step",
    "recipients",
    "filings",
    "source",
)

_COLORS = {
    State.PENDING: "\x1b[32m",
    State.WARNING: "\x1b[33m",
    State.OVERDUE: "\x1b[31m",
}
_RESET = "\x1b[0m"

_STATE_ZH = {
    State.PENDING: "未到期",
    State.WARNING: "预警",
    State.OVERDUE: "逾期",
    State.DONE: "已完成",
    State.LATE: "逾期完成",
    State.WAIVED: "免报",
}


def use_color(stream: IO[str], env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to *stream*: a terminal, and ``NO_COLOR`` not set."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_json(statuses: Iterable[Status]) -> str:
    """One JSON array of the records, in the order given (``evaluate`` sorts them)."""
    return json.dumps([s.to_json() for s in statuses], ensure_ascii=False, indent=2) + "\n"


def render_csv(statuses: Iterable[Status]) -> str:
    """CSV with the JSON keys as header; lists joined by ``;``, null as empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(JSON_KEYS)
    for s in statuses:
        record = s.to_json()
        row = []
        for key in JSON_KEYS:
            value = record[key]
            if value is None:
                row.append("")
            elif isinstance(value, list):
                row.append(";".join(value))
            else:
                row.append(str(value))
        writer.writerow(row)
    return out.getvalue()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "  ",
    paint: Sequence[str | None] = (),
    paint_column: int = -1,
) -> list[str]:
    """Aligned columns; ``paint[i]`` (an ANSI code) colours row i's ``paint_column`` cell."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = [indent + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    for r, row in enumerate(rows):
        cells = [_pad(c, w) for c, w in zip(row, widths, strict=True)]
        code = paint[r] if r < len(paint) else None
        if code is not None:
            cell = row[paint_column]
            cells[paint_column] = code + cell + _RESET + cells[paint_column][len(cell) :]
        lines.append(indent + "  ".join(cells))
    return [line.rstrip() for line in lines]


def render_table(
    statuses: Sequence[Status],
    *,
    names: Mapping[str, str] | None = None,
    color: bool = False,
    lang: str = "en",
) -> str:
    """A table per agency: obligation, period, deadline, state, days overdue, step, to whom.

    Args:
        statuses: the records.
        names: agency names by id, shown next to the id.
        color: colour the state column with ANSI escapes.
        lang: ``"zh"`` for Chinese headers and state names.
    """
    zh = lang == "zh"
    headers = (
        ["义务", "期次", "截止日", "状态", "逾期天数", "升级", "接收机关", "报送"]
        if zh
        else ["obligation", "period", "due", "state", "overdue", "step", "recipients", "filings"]
    )
    if not statuses:
        return ("（无记录）" if zh else "(no periods)") + "\n"
    blocks: list[str] = []
    start = 0
    while start < len(statuses):
        agency = statuses[start].agency
        end = start
        while end < len(statuses) and statuses[end].agency == agency:
            end += 1
        group = statuses[start:end]
        rows = [
            [
                s.obligation,
                s.period,
                s.due.isoformat(),
                _STATE_ZH[s.state] if zh else s.state.value,
                "" if s.days_overdue is None else str(s.days_overdue),
                "" if s.step is None else s.step.value,
                ",".join(s.recipients) or "-",
                ",".join(s.filings) or "-",
            ]
            for s in group
        ]
        paint = [_COLORS.get(s.state) for s in group] if color else []
        lines = _table(headers, rows, paint=paint, paint_column=3)
        name = (names or {}).get(agency)
        title = agency if not name or name == agency else f"{agency}  {name}"
        counts: dict[State, int] = {}
        for s in group:
            counts[s.state] = counts.get(s.state, 0) + 1
        summary = ", ".join(f"{_STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items())
        blocks.append("\n".join([f"{title}  ({summary})", *lines]))
        start = end
    return "\n\n".join(blocks) + "\n"


def render_agenda_json(items: Iterable[AgendaItem]) -> str:
    """The agenda as one JSON array."""
    return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2) + "\n"


def render_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> str:
    """The agenda as a table, by deadline."""
    zh = lang == "zh"
    if not items:
        return ("（该期间无截止事项）" if zh else "(no deadlines in this range)") + "\n"
    headers = (
        ["截止日", "预警自", "义务", "期次", "接收机关", "依据"]
        if zh
        else ["due", "warn from", "obligation", "period", "recipients", "source"]
    )
    rows = [
        [
            i.due.isoformat(),
            "" if i.warn_from is None else i.warn_from.isoformat(),
            i.obligation + (f' "{i.title}"' if i.title else ""),
            i.period,
            ",".join(i.recipients) or "-",
            i.source or "",
        ]
        for i in items
    ]
    return "\n".join([items[0].agency, *_table(headers, rows)]) + "\n"

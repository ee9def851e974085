# SPDX-License-Identifier: MIT
"""Evaluation results and agendas for people: aligned tables.

The table of ``xzjd check`` groups rows by agency and colours states (green pending, yellow
warning, red overdue) only when asked to; the command line asks when stdout is a terminal and
``NO_COLOR`` is not set (https://no-color.org). It closes with the totals and the list of
overdue periods, and a footnote when a deadline rests on a provisional calendar year.

:func:`iter_table` gives the table in pieces, one agency's block at a time, so that the
command line writes a report of any size without holding it; :func:`render_table` joins them.
Text from the input is made safe on the way out: control and bidirectional characters are
shown as escapes (:mod:`xzjd.text.escape`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, groupby
from typing import IO

from xzjd.engine import State, Status
from xzjd.errors import display_width
from xzjd.messages import count
from xzjd.text.escape import escape_controls, has_controls
from xzjd.views.agenda import AgendaItem
from xzjd.views.output import CheckedStream
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = [
    "iter_agenda_table",
    "iter_table",
    "provisional_note",
    "render_agenda_table",
    "render_table",
    "use_color",
]

_COLORS = {
    State.PENDING: "\x1b[32m",
    State.WARNING: "\x1b[33m",
    State.OVERDUE: "\x1b[31m",
}
_RESET = "\x1b[0m"


def use_color(stream: IO[str] | CheckedStream, env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to *stream*: a terminal, and ``NO_COLOR`` not set."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def provisional_note(years: Iterable[int], *, lang: str = "en") -> str | None:
    """The footnote of a table whose dates marked ``*`` rest on provisional *years*."""
    listed = sorted(set(years))
    if not listed:
        return None
    names = ", ".join(map(str, listed))
    if lang == "zh":
        return (
            f"* 暂定：日历数据中没有国务院 {names} 年节假日安排通知，"
            "仅按法定节假日推算，不含调休上班日"
        )
    return (
        f"* provisional: no State Council notice for {names} in the calendar data; "
        "statutory holidays only, no 调休 make-up working days"
    )


def _due_cell(day: dt.date, provisional: Sequence[int]) -> str:
    return day.isoformat() + "*" if provisional else day.isoformat()


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    indent: str = "  ",
    paint: Sequence[str | None] = (),
    paint_column: int = -1,
) -> list[str]:
    """Aligned columns; ``paint[i]`` (an ANSI code) colours row i's ``paint_column`` cell.

    Control and bidirectional characters in the cells are shown as escapes (``\\x1b``,
    ``\\u202e``): a cell is one line of text, whatever the input held.
    """
    if has_controls("".join(chain.from_iterable(rows))):  # one look for the whole table
        rows = [[escape_controls(cell) for cell in row] for row in rows]
    widths = [display_width(h) for h in headers]
    cell_widths = [[display_width(cell) for cell in row] for row in rows]
    for row_widths in cell_widths:
        widths = [max(w, c) for w, c in zip(widths, row_widths, strict=True)]
    lines = [indent + "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    for r, row in enumerate(rows):
        cells = [c + " " * (w - cw) for c, w, cw in zip(row, widths, cell_widths[r], strict=True)]
        code = paint[r] if r < len(paint) else None
        if code is not None:
            cell = row[paint_column]
            cells[paint_column] = code + cell + _RESET + cells[paint_column][len(cell) :]
        lines.append(indent + "  ".join(cells))
    return [line.rstrip() for line in lines]


def render_table(
    statuses: Iterable[Status],
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
    return "".join(iter_table(statuses, names=names, color=color, lang=lang))


def iter_table(
    statuses: Iterable[Status],
    *,
    names: Mapping[str, str] | None = None,
    color: bool = False,
    lang: str = "en",
) -> Iterator[str]:
    """:func:`render_table` in pieces: one agency's block at a time, then the summary.

    Only the agency being written and the overdue periods (for the closing list) are held.
    """
    zh = lang == "zh"
    headers = (
        ["义务", "期次", "截止日", "状态", "逾期天数", "升级", "接收机关", "报送"]
        if zh
        else ["obligation", "period", "due", "state", "overdue", "step", "recipients", "filings"]
    )
    totals = _Totals()
    for agency, members in groupby(statuses, key=lambda s: s.agency):
        group = list(members)
        rows = [
            [
                s.obligation,
                s.period,
                _due_cell(s.due, s.provisional_years),
                STATE_ZH[s.state] if zh else s.state.value,
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
        summary = ", ".join(f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items())
        title = escape_controls(title)
        yield ("\n\n" if totals.periods else "") + "\n".join([f"{title}  ({summary})", *lines])
        totals.add(agency, group)
    if not totals.periods:
        yield ("（无记录）" if zh else "(no periods)") + "\n"
        return
    yield "\n\n" + _summary(totals, names or {}, zh=zh) + "\n"
    note = provisional_note(totals.provisional, lang=lang)
    if note is not None:
        yield "\n" + note + "\n"


class _Totals:
    """What the closing summary of the table needs, gathered as the blocks are written."""

    def __init__(self) -> None:
        self.counts = {state: 0 for state in State}
        self.agencies: set[str] = set()
        self.periods = 0
        self.overdue: list[Status] = []
        self.provisional: set[int] = set()

    def add(self, agency: str, group: Sequence[Status]) -> None:
        self.agencies.add(agency)
        self.periods += len(group)
        for s in group:
            self.counts[s.state] += 1
            self.provisional.update(s.provisional_years)
            if s.state is State.OVERDUE:
                self.overdue.append(s)


def _summary(totals: _Totals, names: Mapping[str, str], *, zh: bool) -> str:
    """The closing lines: periods by state, then every overdue period and who still waits."""
    counts = totals.counts
    agencies = len(totals.agencies)
    shown = ", ".join(f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items() if v)
    if zh:
        lines = [f"合计：{agencies} 个机关，{totals.periods} 期（{shown}）"]
    else:
        many = "agency" if agencies == 1 else "agencies"
        lines = [f"total: {agencies} {many}, {count(totals.periods, 'period')} ({shown})"]
    overdue = totals.overdue
    if overdue:
        lines.append("逾期未报：" if zh else "overdue:")
        rows = []
        for s in sorted(overdue, key=lambda s: (-(s.days_overdue or 0), s.agency)):
            # Only the recipients still waiting: one that has its filing is owed nothing.
            owed = "、".join(names.get(r, r) for r in s.outstanding) or "-"
            rows.append(
                [
                    names.get(s.agency, s.agency),
                    s.obligation,
                    s.period,
                    (f"{s.days_overdue}日" if zh else count(s.days_overdue or 0, "day")),
                    "" if s.step is None else (STEP_ZH[s.step] if zh else s.step.value),
                    owed,
                ]
            )
        headers = (
            ["机关", "义务", "期次", "逾期", "升级", "应报送"]
            if zh
            else ["agency", "obligation", "period", "overdue", "step", "owed to"]
        )
        lines.extend(_table(headers, rows))
    return "\n".join(lines)


def render_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> str:
    """The agenda as a table, by deadline."""
    return "".join(iter_agenda_table(items, lang=lang))


def iter_agenda_table(items: Sequence[AgendaItem], *, lang: str = "en") -> Iterator[str]:
    """:func:`render_agenda_table` in pieces: the agency, then one line per deadline; for the
    items of several agencies (an agenda of a region), one such block per agency, by id,
    separated by an empty line."""
    zh = lang == "zh"
    if not items:
        yield ("（该期间无截止事项）" if zh else "(no deadlines in this range)") + "\n"
        return
    blocks: dict[str, list[AgendaItem]] = {}
    for item in items:
        blocks.setdefault(item.agency, []).append(item)
    for n, agency in enumerate(sorted(blocks)):
        if n:
            yield "\n"
        yield from _agenda_block(blocks[agency], zh)
    note = provisional_note((y for i in items for y in i.provisional_years), lang=lang)
    if note is not None:
        yield "\n" + note + "\n"


def _agenda_block(items: Sequence[AgendaItem], zh: bool) -> Iterator[str]:
    """One agency's deadlines: its id, then the table."""
    headers = (
        ["截止日", "预警自", "义务", "期次", "接收机关", "依据"]
        if zh
        else ["due", "warn from", "obligation", "period", "recipients", "source"]
    )
    rows = [
        [
            _due_cell(i.due, i.provisional_years),
            "" if i.warn_from is None else i.warn_from.isoformat(),
            i.obligation + (f' "{i.title}"' if i.title else ""),
            i.period,
            ",".join(i.recipients) or "-",
            i.source or "",
        ]
        for i in items
    ]
    yield escape_controls(items[0].agency) + "\n"
    for line in _table(headers, rows):
        yield line + "\n"

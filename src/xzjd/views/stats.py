# SPDX-License-Identifier: MIT
"""The statistics of ``xzjd stats`` for people (a table, English or Chinese) and for programs
(CSV, and JSON as docs/stats.schema.json describes it). docs/statistics.md defines the
figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby

from xzjd.engine.stats import StatsRow, StatsTable
from xzjd.model import Step
from xzjd.text.escape import csv_row, escape_controls
from xzjd.views.table import _table
from xzjd.vocab import STEP_ZH

__all__ = ["CSV_KEYS", "iter_stats_csv", "iter_stats_json", "iter_stats_table"]

_STEP_KEYS = ["none", *(s.value for s in Step)]

#: The CSV columns: those of a JSON row, ``days_late`` and ``overdue_by_step`` spread over
#: one column each (``overdue_none``: overdue with no step reached yet).
CSV_KEYS = (
    "group",
    "name",
    "interval",
    "from",
    "to",
    "due",
    "on_time",
    "late",
    "days_late_mean",
    "days_late_median",
    "days_late_max",
    "overdue",
    *(f"overdue_{key.replace(' ', '_')}" for key in _STEP_KEYS),
    "waived",
    "open",
    "rate",
    "yellow",
    "red",
    "rank",
    "rating",
)


def iter_stats_json(table: StatsTable, *, ensure_ascii: bool = False) -> Iterator[str]:
    """The statistics as one JSON object (docs/stats.schema.json), then a newline."""
    yield json.dumps(table.to_json(), ensure_ascii=ensure_ascii, indent=2) + "\n"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def iter_stats_csv(table: StatsTable, *, raw: bool = False) -> Iterator[str]:
    """The header line, then one line per group and interval."""
    yield csv_row(CSV_KEYS, raw=raw)
    for row in table:
        record = row.to_json()
        days = record["days_late"]
        steps = record["overdue_by_step"]
        cells = [_cell(record[k]) for k in ("group", "name", "interval", "from", "to")]
        cells += [_cell(record[k]) for k in ("due", "on_time", "late")]
        cells += [_cell(days[k]) for k in ("mean", "median", "max")]
        cells.append(_cell(record["overdue"]))
        cells += [str(steps.get(k, 0)) for k in _STEP_KEYS]
        cells += [
            _cell(record[k]) for k in ("waived", "open", "rate", "yellow", "red", "rank", "rating")
        ]
        yield csv_row(cells, raw=raw)


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{100 * rate:.1f}%"


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")


def _steps(row: StatsRow, zh: bool) -> str:
    parts = []
    for step, n in sorted(
        row.overdue_by_step.items(), key=lambda kv: -1 if kv[0] is None else kv[0].severity
    ):
        if step is None:
            word = "未升级" if zh else "no step"
        else:
            word = STEP_ZH[step] if zh else step.value
        parts.append(f"{word} {n}")
    return ", ".join(parts)


_HEADERS = {
    "en": (
        "rank",
        "group",
        "due",
        "on time",
        "late",
        "days late mean/median/max",
        "overdue",
        "waived",
        "open",
        "on-time rate",
        "yellow",
        "red",
        "rating",
    ),
    "zh": (
        "排名",
        "分组",
        "到期",
        "按时",
        "逾期办结",
        "逾期天数 平均/中位/最长",
        "逾期未办",
        "免报",
        "未到判定",
        "准时率",
        "黄灯",
        "红灯",
        "评级",
    ),
}


def iter_stats_table(table: StatsTable, *, lang: str = "en") -> Iterator[str]:
    """One block per interval: its groups in rank order, with the overdue steps below."""
    zh = lang == "zh"
    rated = any(r.rating is not None for r in table)
    headers: tuple[str, ...] = _HEADERS["zh" if zh else "en"]
    if not rated:
        headers = headers[:-1]
    if zh:
        by = _BY_ZH.get(table.by, table.by)
        yield f"统计 {table.start} 至 {table.end}（按{by}，每{_every_zh(table.every)}）\n"
    else:
        yield f"Statistics {table.start} to {table.end} (by {table.by}, every {table.every})\n"
    for label, group in groupby(table, key=lambda r: r.interval):
        rows = list(group)
        first = rows[0]
        yield f"\n{label} ({first.first} – {first.last})\n"
        cells = []
        for r in rows:
            name = r.group if r.name == r.group else f"{r.name} ({r.group})"
            d = r.days_late
            days = "-" if d.max is None else f"{_number(d.mean)}/{_number(d.median)}/{d.max}"
            cells.append(
                [
                    "-" if r.rank is None else str(r.rank),
                    name or "-",
                    str(r.due),
                    str(r.on_time),
                    str(r.late),
                    days,
                    str(r.overdue),
                    str(r.waived),
                    str(r.open),
                    _percent(r.rate),
                    str(r.yellow),
                    str(r.red),
                    r.rating or "-",
                ][: len(headers)]
            )
        yield "\n".join(_table(headers, cells)) + "\n"
        stepped = [(r, _steps(r, zh)) for r in rows if r.overdue_by_step]
        if stepped:
            yield ("  逾期未办的升级阶段：\n" if zh else "  overdue by step reached:\n")
            for r, text in stepped:
                yield f"    {escape_controls(r.name) or '-'}: {text}\n"


_BY_ZH = {
    "agency": "机关",
    "region": "州（市）",
    "kind": "类别",
    "level": "层级",
    "obligation": "义务",
}


def _every_zh(every: str) -> str:
    return {"month": "月", "quarter": "季度", "year": "年"}.get(every, every)

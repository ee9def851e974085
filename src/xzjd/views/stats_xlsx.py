# SPDX-License-Identifier: MIT
"""The statistics of ``xzjd stats --format xlsx``: the CSV's columns as an Excel workbook,
through openpyxl (the extra ``xzjd[xlsx]``). docs/statistics.md defines the figures.

One sheet, its first row the column names in English or Chinese, then one row per group and
interval: counts as numbers, dates as dates, the rate as a number from 0 to 1 shown as a
percentage, empty cells where the JSON has null. Text from the input is written as text,
never as a formula, even when it starts with ``=``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from typing import Any

from xzjd.engine.stats import StatsTable
from xzjd.errors import UsageError
from xzjd.messages import explained
from xzjd.views.stats import CSV_KEYS

__all__ = ["XLSX_HEADERS_ZH", "stats_xlsx"]

_STEP_ZH = {
    "none": "未升级",
    "remind": "提醒",
    "urge": "督促",
    "correct": "纠正",
    "notify": "通报",
    "hold_accountable": "问责",
    "discipline": "追究纪律责任",
}

#: The Chinese column names, one for each of :data:`~xzjd.views.stats.CSV_KEYS`.
XLSX_HEADERS_ZH: dict[str, str] = {
    "group": "分组",
    "name": "名称",
    "interval": "时段",
    "from": "起",
    "to": "止",
    "due": "到期",
    "on_time": "按时",
    "late": "逾期办结",
    "days_late_mean": "逾期天数平均",
    "days_late_median": "逾期天数中位",
    "days_late_max": "逾期天数最长",
    "overdue": "逾期未办",
    **{f"overdue_{k}": f"逾期未办（{v}）" for k, v in _STEP_ZH.items()},
    "waived": "免报",
    "open": "未到判定",
    "rate": "准时率",
    "yellow": "黄灯",
    "red": "红灯",
    "rank": "排名",
    "rating": "评级",
}

_TEXT = {"group", "name", "interval", "rating"}
_STEP_KEYS = [k.replace("_", " ") for k in _STEP_ZH]


def _values(record: dict[str, Any]) -> list[Any]:
    """A JSON row (docs/stats.schema.json) as the cells of the workbook, in CSV_KEYS order."""
    days, steps = record["days_late"], record["overdue_by_step"]
    return [
        record["group"],
        record["name"],
        record["interval"],
        dt.date.fromisoformat(record["from"]),
        dt.date.fromisoformat(record["to"]),
        record["due"],
        record["on_time"],
        record["late"],
        days["mean"],
        days["median"],
        days["max"],
        record["overdue"],
        *(steps.get(k, 0) for k in _STEP_KEYS),
        *(record[k] for k in ("waived", "open", "rate", "yellow", "red", "rank", "rating")),
    ]


def stats_xlsx(table: StatsTable, *, lang: str = "en") -> bytes:
    """The statistics as the bytes of an ``.xlsx`` workbook.

    Raises:
        UsageError: openpyxl is not installed (code ``output/no-openpyxl``).
    """
    try:
        # Imported by name: openpyxl is optional and has no type information of its own.
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise explained(UsageError, "output/no-openpyxl", argument="--format") from None
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "统计" if lang == "zh" else "stats"
    sheet.append([XLSX_HEADERS_ZH[k] if lang == "zh" else k for k in CSV_KEYS])
    for row_number, row in enumerate(table, start=2):
        for column, (key, value) in enumerate(
            zip(CSV_KEYS, _values(row.to_json()), strict=True), start=1
        ):
            cell = sheet.cell(row=row_number, column=column)
            cell.value = value
            if key in _TEXT and value is not None:
                cell.data_type = "s"  # text, never a formula
            elif key in ("from", "to"):
                cell.number_format = "yyyy-mm-dd"
            elif key == "rate":
                cell.number_format = "0.0%"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

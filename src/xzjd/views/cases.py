# SPDX-License-Identifier: MIT
"""Case records (办件, :class:`~xzjd.engine.CaseStatus`) for programs and for people.

* :func:`iter_case_json`: one JSON array of the records, with the keys of
  :meth:`CaseStatus.to_json` in their order, written one record at a time.
* :func:`iter_case_csv`: flat CSV, one line per case, the columns of :data:`CASE_CSV_KEYS`
  (stage overruns and violations ``;``-joined, null as empty, ``paused`` as ``true`` or empty).
* :func:`iter_case_table`: an aligned table in English or Chinese, then the totals by state.
* :func:`explain_case`: the arithmetic of one case, step by step, on the real calendar.

The JSON and CSV read the records as they come, so the command line writes a report of any
size without holding it; the table aligns its columns over all the rows it is given. Text
from the input is made safe on the way out as in :mod:`xzjd.views.table`.
"""

from __future__ import annotations

import datetime as dt
import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from xzjd.engine import CaseStatus, State
from xzjd.engine.clock import ClockStep
from xzjd.model import Step, Unit
from xzjd.text.escape import csv_row, escape_controls

# The table layout of the check command, shared so that both tables look the same.
from xzjd.views.table import _COLORS, _table
from xzjd.vocab import STATE_ZH, STEP_ZH

__all__ = [
    "CASE_CSV_KEYS",
    "CASE_STATES",
    "explain_case",
    "iter_case_csv",
    "iter_case_json",
    "iter_case_table",
    "render_case_table",
]

#: The states a case can be in, in the order the totals list them.
CASE_STATES = (
    State.PENDING,
    State.WARNING,
    State.OVERDUE,
    State.DONE,
    State.LATE,
    State.WITHDRAWN,
)

#: The columns of ``xzjd cases --format csv``.
CASE_CSV_KEYS = (
    "case",
    "agency",
    "obligation",
    "started",
    "nominal_due",
    "due",
    "state",
    "days_overdue",
    "step",
    "unit",
    "limit",
    "used",
    "left",
    "paused",
    "paused_days",
    "extended_days",
    "extensions",
    "yellow_on",
    "red_on",
    "completed_on",
    "withdrawn_on",
    "stage_overruns",
    "violations",
    "agency_name",
    "title",
)

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

#: The violation codes of a case record (xzjd.engine.cases) in Chinese, for the table and
#: the explanation; a code not listed is shown as it is.
_VIOLATION_ZH = {
    "pause-not-allowed": "违规暂停（规则无不计入期限的情形）",
    "pause-reason": "违规暂停（事由不属于不计入期限的情形）",
    "pause-after-deadline": "期限届满后暂停",
    "extension-not-allowed": "违规延期（规则不允许延长）",
    "extension-beyond-limit": "违规延期（超过允许次数）",
    "extension-after-deadline": "违规延期（期限届满后延长）",
    "stage-out-of-order": "环节顺序不符",
}

_UNIT_EN = {Unit.DAYS: "days", Unit.WORKING_DAYS: "working days", Unit.MONTHS: "months"}
_UNIT_ZH = {Unit.DAYS: "日", Unit.WORKING_DAYS: "个工作日", Unit.MONTHS: "个月"}


def _iso(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def iter_case_json(
    statuses: Iterable[CaseStatus],
    *,
    ensure_ascii: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """One JSON array of the cases' records (:meth:`CaseStatus.to_json`), in pieces: the first
    record with the opening bracket, then one piece per record, then the closing bracket.

    *ensure_ascii* writes non-ASCII characters as ``\\uXXXX`` escapes (the same JSON value).
    *names* maps agency ids to names, for ``agency_name``.
    The pieces joined are the bytes of ``json.dumps(records, indent=2) + "\\n"``; each record
    is laid out from a template with the C string encoder, several times faster than
    ``json.dumps`` with an indent, which runs the encoder written in Python (a million cases
    are written in seconds, not a minute). tests/test_cli_cases.py holds the two equal.
    """
    encode = (
        json.encoder.encode_basestring_ascii if ensure_ascii else json.encoder.encode_basestring
    )
    first = True
    for s in statuses:
        yield ("[\n  " if first else ",\n  ") + _json_record(s, encode, names)
        first = False
    yield "[]\n" if first else "\n]\n"


#: The layout of one record, as ``json.dumps(status.to_json(), indent=2)`` indented by two.
_RECORD = (
    "{\n"
    '    "case": %s,\n'
    '    "agency": %s,\n'
    '    "obligation": %s,\n'
    '    "started": "%s",\n'
    '    "nominal_due": "%s",\n'
    '    "due": "%s",\n'
    '    "state": %s,\n'
    '    "days_overdue": %s,\n'
    '    "step": %s,\n'
    '    "unit": %s,\n'
    '    "limit": %d,\n'
    '    "used": %d,\n'
    '    "left": %s,\n'
    '    "paused": %s,\n'
    '    "paused_days": %d,\n'
    '    "extended_days": %d,\n'
    '    "extensions": %d,\n'
    '    "yellow_on": %s,\n'
    '    "red_on": %s,\n'
    '    "completed_on": %s,\n'
    '    "withdrawn_on": %s,\n'
    '    "stages": %s,\n'
    '    "violations": %s,\n'
    '    "source": %s,\n'
    '    "agency_name": %s,\n'
    '    "title": %s\n'
    "  }"
)

# Enum words and dates are plain ASCII: the same text whichever encoder is used.
_STATE_JSON = {m: json.dumps(m.value) for m in State}
_STEP_JSON = {m: json.dumps(m.value) for m in Step}
_UNIT_JSON = {m: json.dumps(m.value) for m in Unit}


def _json_day(day: dt.date | None) -> str:
    return "null" if day is None else f'"{day.isoformat()}"'


def _json_record(
    s: CaseStatus, encode: Callable[[str], str], names: Mapping[str, str] | None
) -> str:
    name = None if names is None else names.get(s.agency)
    stages = _json_value(s.to_json()["stages"], "    ", encode) if s.stages else "[]"
    return _RECORD % (
        encode(s.case),
        encode(s.agency),
        encode(s.obligation),
        s.started.isoformat(),
        s.nominal_due.isoformat(),
        s.due.isoformat(),
        _STATE_JSON[s.state],
        "null" if s.days_overdue is None else int.__repr__(s.days_overdue),
        "null" if s.step is None else _STEP_JSON[s.step],
        _UNIT_JSON[s.unit],
        s.limit,
        s.used,
        "null" if s.left is None else int.__repr__(s.left),
        "true" if s.paused else "false",
        s.paused_days,
        s.extended_days,
        s.extensions,
        _json_day(s.yellow_on),
        _json_day(s.red_on),
        _json_day(s.completed_on),
        _json_day(s.withdrawn_on),
        stages,
        _json_value(list(s.violations), "    ", encode),
        "null" if s.source is None else encode(s.source),
        "null" if name is None else encode(name),
        "null" if s.title is None else encode(s.title),
    )


def _json_value(value: Any, pad: str, encode: Callable[[str], str]) -> str:
    """*value* as ``json.dumps(value, indent=2)`` writes it, each line after the first
    indented by *pad*."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode(value)
    if isinstance(value, int):
        return int.__repr__(value)
    inner = pad + "  "
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [inner + _json_value(v, inner, encode) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{encode(k)}: {_json_value(v, inner, encode)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    # Nothing else is in a case record; should it ever be, json says how.
    text = json.dumps(value, indent=2, ensure_ascii=encode is json.encoder.encode_basestring_ascii)
    return text.replace("\n", "\n" + pad)


def iter_case_csv(
    statuses: Iterable[CaseStatus], *, raw: bool = False, names: Mapping[str, str] | None = None
) -> Iterator[str]:
    """CSV of the cases: the header (:data:`CASE_CSV_KEYS`), then one line per case.

    Null is an empty cell, ``paused`` is ``true`` or empty, ``stage_overruns`` names the
    stages that ran over their own limit and ``violations`` the rule's limits the case broke,
    each ``;``-joined; ``agency_name`` is the name *names* gives the agency (empty without
    one) and ``title`` the obligation's. Cells a spreadsheet would run as formulas are
    neutralised unless *raw* (:func:`xzjd.text.escape.csv_row`).
    """
    yield csv_row(CASE_CSV_KEYS, raw=raw)
    for s in statuses:
        row = [
            s.case,
            s.agency,
            s.obligation,
            s.started.isoformat(),
            s.nominal_due.isoformat(),
            s.due.isoformat(),
            s.state.value,
            "" if s.days_overdue is None else str(s.days_overdue),
            "" if s.step is None else s.step.value,
            s.unit.value,
            str(s.limit),
            str(s.used),
            "" if s.left is None else str(s.left),
            "true" if s.paused else "",
            str(s.paused_days),
            str(s.extended_days),
            str(s.extensions),
            _iso(s.yellow_on),
            _iso(s.red_on),
            _iso(s.completed_on),
            _iso(s.withdrawn_on),
            ";".join(r.name for r in s.stage_overruns),
            ";".join(s.violations),
            ("" if names is None else names.get(s.agency)) or "",
            s.title or "",
        ]
        yield csv_row(row, raw=raw)


def _state_cell(s: CaseStatus, zh: bool) -> str:
    word = STATE_ZH[s.state] if zh else s.state.value
    if s.state is State.OVERDUE and s.days_overdue is not None:
        word += f" {s.days_overdue}日" if zh else f" {_days(s.days_overdue)}"
    if s.paused:
        word += "（暂停中）" if zh else " (paused)"
    return word


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _used_left(s: CaseStatus, zh: bool) -> str:
    left = "-" if s.left is None else str(s.left)
    unit = _UNIT_ZH[s.unit] if zh else _UNIT_EN[s.unit]
    return f"{s.used}/{left} {unit}"


def _signals(s: CaseStatus, zh: bool) -> str:
    parts = []
    if s.yellow_on is not None:
        parts.append(f"{'黄灯' if zh else 'yellow'} {s.yellow_on}")
    if s.red_on is not None:
        parts.append(f"{'红灯' if zh else 'red'} {s.red_on}")
    return ("；" if zh else "; ").join(parts) or "-"


def _violation(code: str, zh: bool) -> str:
    return _VIOLATION_ZH.get(code, code) if zh else code


def render_case_table(
    statuses: Iterable[CaseStatus], *, color: bool = False, lang: str = "en"
) -> str:
    """:func:`iter_case_table` joined."""
    return "".join(iter_case_table(statuses, color=color, lang=lang))


def iter_case_table(
    statuses: Iterable[CaseStatus], *, color: bool = False, lang: str = "en"
) -> Iterator[str]:
    """The cases as an aligned table, in the order given, then the totals by state.

    Columns: case, agency, obligation, deadline, state (with the days overdue, and whether
    the clock is paused), working days (or days) used/left, the days the yellow and red
    signals were first raised, the stages that ran over their own limit (环节超时), and the
    rule's limits the case broke. *color* paints the state as the check table does; *lang*
    ``"zh"`` gives Chinese headers and words.
    """
    zh = lang == "zh"
    headers = (
        ["办件", "机关", "义务", "截止日", "状态", "已用/剩余", "信号", "超时环节", "违规"]
        if zh
        else [
            "case",
            "agency",
            "obligation",
            "due",
            "state",
            "used/left",
            "signals",
            "stage overruns",
            "violations",
        ]
    )
    shown = list(statuses)
    if not shown:
        yield ("（无办件）" if zh else "(no cases)") + "\n"
        return
    rows = [
        [
            s.case,
            s.agency,
            s.obligation,
            s.due.isoformat(),
            _state_cell(s, zh),
            _used_left(s, zh),
            _signals(s, zh),
            ("、" if zh else ", ").join(r.name for r in s.stage_overruns) or "-",
            ("、" if zh else ", ").join(_violation(v, zh) for v in s.violations) or "-",
        ]
        for s in shown
    ]
    paint = [_COLORS.get(s.state) for s in shown] if color else []
    for line in _table(headers, rows, indent="", paint=paint, paint_column=4):
        yield line + "\n"
    counts = {state: 0 for state in CASE_STATES}
    for s in shown:
        counts[s.state] = counts.get(s.state, 0) + 1
    listed = ("，" if zh else ", ").join(
        f"{STATE_ZH[k] if zh else k.value} {v}" for k, v in counts.items() if v
    )
    n = len(shown)
    if zh:
        yield f"\n合计：{n} 件（{listed}）\n"
    else:
        yield f"\ntotal: {n} case{'s' if n != 1 else ''} ({listed})\n"


def _day(day: dt.date, zh: bool) -> str:
    return f"{day.isoformat()} {(_WEEKDAYS_ZH if zh else _WEEKDAYS_EN)[day.weekday()]}"


def explain_case(status: CaseStatus, lang: str = "en", *, on: dt.date | None = None) -> str:
    """The arithmetic of one case as text, in English or Chinese.

    The case and its rule (obligation, title, source); one line per step of its clock (the
    start, each pause, resumption, extension and restart, the end) with its date and weekday,
    what happened and the deadline after it; then the state (on *on* when given), the units
    used and left, the signals, the stages and the violations. The steps are those the
    evaluation kept: ``evaluate_cases(..., explain=True)``.
    """
    zh = lang == "zh"
    s = status
    unit = _UNIT_ZH[s.unit] if zh else _UNIT_EN[s.unit]
    title = f" “{s.title}”" if zh and s.title else (f' "{s.title}"' if s.title else "")
    lines: list[str] = []
    if zh:
        lines.append(f"办件 {s.case}（机关 {s.agency}）")
        lines.append(f"义务 {s.obligation}{title}")
        if s.source:
            lines.append(f"依据 {s.source}")
        lines.append(f"期限 {s.limit} {unit}（含延长），自 {_day(s.started, zh)} 起算")
        lines.append("计算：")
    else:
        lines.append(f"case {s.case} (agency {s.agency})")
        lines.append(f"obligation {s.obligation}{title}")
        if s.source:
            lines.append(f"source: {s.source}")
        lines.append(
            f"limit {s.limit} {unit if s.limit != 1 else unit.removesuffix('s')} "
            f"(extensions included), counted from {_day(s.started, zh)}"
        )
        lines.append("steps:")
    lines.extend(_step_lines(s.steps, zh))
    lines.extend(_outcome_lines(s, unit, zh, on))
    return escape_controls("\n".join(lines), keep="\n")


def _step_lines(steps: Sequence[ClockStep], zh: bool) -> list[str]:
    if not steps:
        return [
            "  （未保留计算过程：评估时须 explain=True）"
            if zh
            else "  (the arithmetic was not kept: evaluate with explain=True)"
        ]
    rows = []
    for step in steps:
        words = step.zh if zh else step.en
        due = step.due
        after = "" if due is None else ((" → 截止 " if zh else " -> due ") + _day(due, zh))
        rows.append(f"  {_day(step.date, zh)}  {words}{after}")
    return rows


def _outcome_lines(s: CaseStatus, unit: str, zh: bool, on: dt.date | None) -> list[str]:
    lines = []
    state = STATE_ZH[s.state] if zh else s.state.value
    if zh:
        when = f"{on} " if on is not None else ""
        extra = f"，逾期 {s.days_overdue} 日" if s.days_overdue is not None else ""
        step = f"，升级至{STEP_ZH[s.step]}" if s.step is not None else ""
        paused = "（暂停中）" if s.paused else ""
        lines.append(f"{when}状态：{state}{paused}{extra}{step}；截止日 {_day(s.due, zh)}")
        if s.nominal_due != s.due:
            lines.append(f"  （未计暂停与延长的截止日 {_day(s.nominal_due, zh)}）")
        left = "-" if s.left is None else str(s.left)
        lines.append(
            f"已用 {s.used} {unit}，剩余 {left}；不计入 {s.paused_days}，"
            f"延长 {s.extended_days}（{s.extensions} 次）"
        )
        signals = _signals(s, zh)
        lines.append(f"信号：{'无' if signals == '-' else signals}")
    else:
        when = f" on {on}" if on is not None else ""
        extra = f", {_days(s.days_overdue)} overdue" if s.days_overdue is not None else ""
        step = f", step reached: {s.step.value}" if s.step is not None else ""
        paused = " (paused)" if s.paused else ""
        lines.append(f"state{when}: {state}{paused}{extra}{step}; due {_day(s.due, zh)}")
        if s.nominal_due != s.due:
            lines.append(f"  (before pauses and extensions: due {_day(s.nominal_due, zh)})")
        left = "-" if s.left is None else str(s.left)
        used = unit if s.used != 1 else unit.removesuffix("s")
        lines.append(
            f"used {s.used} {used}, left {left}; not counted {s.paused_days}, "
            f"extended {s.extended_days} ({s.extensions} time{'s' if s.extensions != 1 else ''})"
        )
        signals = _signals(s, zh)
        lines.append(f"signals: {'none' if signals == '-' else signals}")
    for r in s.stages:
        word = STATE_ZH[r.state] if zh else r.state.value
        done = "" if r.done_on is None else (f"，{r.done_on} 完成" if zh else f", done {r.done_on}")
        over = ""
        if r.overrun_on is not None:
            over = f"，{r.overrun_on} 起超时" if zh else f", over its limit from {r.overrun_on}"
        if zh:
            lines.append(f"环节 {r.name}：{r.opens} 起，截止 {r.due}{done}，{word}{over}")
        else:
            lines.append(f"stage {r.name}: from {r.opens}, due {r.due}{done}: {word}{over}")
    if s.violations:
        listed = ("、" if zh else ", ").join(_violation(v, zh) for v in s.violations)
        lines.append(f"违规：{listed}" if zh else f"violations: {listed}")
    return lines
